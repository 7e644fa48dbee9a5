//! Properties of built links over random tokens, slugs and redirects: each link is a URL
//! with exactly the expected path segments and query keys, and parses back to its parts.

use std::borrow::Cow;

use jeri_client::links::{
    AuthToken, DownloadToken, LinkBuilder, ParsedLink, RedirectTo, Slug, TokenEncoding,
};
use percent_encoding::percent_decode_str;
use proptest::prelude::*;
use url::Url;

/// Tokens shaped like the JWTs the API issues: three Base64url parts joined by dots.
fn jwt_token() -> impl Strategy<Value = String> {
    "[A-Za-z0-9_-]{10,60}\\.[A-Za-z0-9_-]{1,300}\\.[A-Za-z0-9_-]{0,90}"
}

/// Any non-empty text, from random bytes (invalid UTF-8 turns into U+FFFD, whose encoding
/// holds `+` and `/`) and from random characters.
fn any_token() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 1..96)
            .prop_map(|bytes| String::from_utf8_lossy(&bytes).into_owned()),
        any::<String>().prop_filter("tokens are non-empty", |s| !s.is_empty()),
        jwt_token(),
    ]
}

fn slug() -> impl Strategy<Value = Slug> {
    prop_oneof![
        "[a-z0-9][a-z0-9-]{0,40}",
        "[A-Za-z0-9._~!$&'()*+,;=:@-]{1,20}",
        any::<String>(),
    ]
    .prop_filter_map("valid slugs only", |text| Slug::new(text).ok())
}

fn redirect() -> impl Strategy<Value = RedirectTo> {
    prop_oneof![
        3 => prop::sample::select(RedirectTo::KNOWN.to_vec()),
        1 => "[a-z]{1,12}(/[a-z-]{1,12}){0,2}(\\?[a-z]=[0-9&=]{0,4})?"
            .prop_filter_map("valid paths only", |path| RedirectTo::custom(path).ok()),
    ]
}

fn encoding() -> impl Strategy<Value = TokenEncoding> {
    prop_oneof![
        Just(TokenEncoding::Standard),
        Just(TokenEncoding::UrlSafeNoPad)
    ]
}

fn decoded(segment: &str) -> Cow<'_, str> {
    percent_decode_str(segment)
        .decode_utf8()
        .unwrap_or_else(|e| panic!("segment {segment:?} is not UTF-8: {e}"))
}

/// Parses the link text again and returns its decoded path segments and query pairs.
fn anatomy(link: &str) -> (Url, Vec<String>, Vec<(String, String)>) {
    let url = Url::parse(link).unwrap_or_else(|e| panic!("{link} is not a URL: {e}"));
    assert_eq!(url.scheme(), "https");
    assert_eq!(url.host_str(), Some("jeri.link"));
    assert_eq!(url.fragment(), None);
    let segments = url
        .path_segments()
        .map(|segments| segments.map(|s| decoded(s).into_owned()).collect())
        .unwrap_or_default();
    let pairs = url.query_pairs().into_owned().collect();
    (url, segments, pairs)
}

fn check_download(encoding: TokenEncoding, slug: &Slug, raw: &str) {
    let builder = LinkBuilder::new().with_encoding(encoding);
    let token = DownloadToken::new(raw).expect("non-empty token");
    let link = builder.download_link(slug, &token);
    let (url, segments, pairs) = anatomy(link.as_str());
    assert_eq!(&url, link.as_url());
    assert_eq!(segments, [slug.as_str(), "download"]);
    assert_eq!(pairs, [("token".to_owned(), encoding.encode(raw))]);
    assert_eq!(
        builder.parse(link.as_str()),
        Ok(ParsedLink::Download {
            slug: slug.clone(),
            token
        })
    );
}

fn check_session(encoding: TokenEncoding, slug: &Slug, raw: &str, redirect: &RedirectTo) {
    let builder = LinkBuilder::new().with_encoding(encoding);
    let token = AuthToken::new(raw).expect("non-empty token");
    let link = builder.session_link(slug, &token, redirect);
    let (url, segments, pairs) = anatomy(link.as_str());
    assert_eq!(&url, link.as_url());
    assert_eq!(segments, [slug.to_string(), encoding.encode(raw)]);
    assert_eq!(
        pairs,
        [("redirectTo".to_owned(), redirect.as_str().to_owned())]
    );
    assert_eq!(
        builder.parse(link.as_str()),
        Ok(ParsedLink::Session {
            slug: slug.clone(),
            token,
            redirect: Some(redirect.clone()),
        })
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn download_links_of_jwts(encoding in encoding(), slug in slug(), raw in jwt_token()) {
        check_download(encoding, &slug, &raw);
    }

    #[test]
    fn download_links_of_any_text(encoding in encoding(), slug in slug(), raw in any_token()) {
        check_download(encoding, &slug, &raw);
    }

    #[test]
    fn session_links_of_jwts(
        encoding in encoding(),
        slug in slug(),
        raw in jwt_token(),
        redirect in redirect(),
    ) {
        check_session(encoding, &slug, &raw, &redirect);
    }

    #[test]
    fn session_links_of_any_text(
        encoding in encoding(),
        slug in slug(),
        raw in any_token(),
        redirect in redirect(),
    ) {
        check_session(encoding, &slug, &raw, &redirect);
    }

    /// Why the standard alphabet is safe for real tokens: a JWT's characters never produce
    /// `+` or `/` in standard Base64, so only the `=` padding needs escaping.
    #[test]
    fn standard_base64_of_a_jwt_has_no_plus_or_slash(raw in jwt_token()) {
        let text = TokenEncoding::Standard.encode(&raw);
        prop_assert!(!text.contains(['+', '/']), "{}", text);
    }

    #[test]
    fn every_documented_section_survives_the_round_trip(
        slug in slug(),
        raw in jwt_token(),
        index in 0..RedirectTo::KNOWN.len(),
    ) {
        check_session(TokenEncoding::Standard, &slug, &raw, &RedirectTo::KNOWN[index]);
    }
}
