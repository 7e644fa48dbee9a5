//! A download link needs a `download` token; an `auth` token would sign the customer in.

use jeri_client::links::{AuthToken, LinkBuilder, Slug};

fn _link(slug: &Slug, token: &AuthToken) {
    let _ = LinkBuilder::new().download_link(slug, token);
}

fn main() {}
