//! The token and the redirect of a session link cannot be swapped.

use jeri_client::links::{AuthToken, LinkBuilder, RedirectTo, Slug};

fn _link(slug: &Slug, token: &AuthToken, redirect: &RedirectTo) {
    let _ = LinkBuilder::new().session_link(slug, redirect, token);
}

fn main() {}
