//! A link takes a typed token, so the kind of the raw `accessToken` is checked once.

use jeri_client::links::{LinkBuilder, Slug};
use jeri_client::types::CustomerToken;

fn _link(slug: &Slug, token: &CustomerToken) {
    let _ = LinkBuilder::new().download_link(slug, &token.access_token);
}

fn main() {}
