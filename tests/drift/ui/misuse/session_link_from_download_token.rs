//! A session link needs an `auth` token; a `download` token only opens the pass download.

use jeri_client::links::{DownloadToken, LinkBuilder, RedirectTo, Slug};

fn _link(slug: &Slug, token: &DownloadToken) {
    let _ = LinkBuilder::new().session_link(slug, token, &RedirectTo::Profile);
}

fn main() {}
