//! Properties of built links over random tokens, slugs, redirects and base URLs: each
//! link is byte for byte the URL the url crate builds from the same parts, has exactly the
//! expected path segments and query keys, and parses back to its parts.

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

/// Bases a builder accepts: hosts, ports, path prefixes with and without a trailing slash,
/// prefix segments that need escaping.
fn base() -> impl Strategy<Value = String> {
    (
        prop_oneof![Just("https"), Just("http")],
        prop_oneof![
            Just("jeri.link".to_owned()),
            Just("127.0.0.1:8080".to_owned()),
            Just("[::1]:9".to_owned()),
            "[a-z]{1,8}\\.example",
        ],
        prop::collection::vec("[A-Za-z0-9._~%!$&'()*+,;=:@ -]{0,6}", 0..3),
        any::<bool>(),
    )
        .prop_map(|(scheme, host, segments, slash)| {
            let path = segments.join("/");
            let slash = if slash { "/" } else { "" };
            format!("{scheme}://{host}/{path}{slash}")
        })
}

/// The link as the url crate writes it: the base parsed, the segments pushed and the query
/// pair appended by `url` itself.
fn reference(base: &Url, segments: [&str; 2], query: (&str, &str)) -> String {
    let mut url = base.clone();
    url.path_segments_mut()
        .expect("builder bases are hierarchical")
        .extend(segments);
    url.query_pairs_mut().append_pair(query.0, query.1);
    url.into()
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
    let encoded = encoding.encode(raw);
    assert_eq!(
        link.as_str(),
        reference(
            builder.base_url(),
            [slug.as_str(), "download"],
            ("token", &encoded)
        )
    );
    let (url, segments, pairs) = anatomy(link.as_str());
    assert_eq!(&url, link.as_url());
    assert_eq!(url.as_str(), link.as_str());
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
    let encoded = encoding.encode(raw);
    assert_eq!(
        link.as_str(),
        reference(
            builder.base_url(),
            [slug.as_str(), &encoded],
            ("redirectTo", redirect.as_str())
        )
    );
    let (url, segments, pairs) = anatomy(link.as_str());
    assert_eq!(&url, link.as_url());
    assert_eq!(url.as_str(), link.as_str());
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

    /// Under any base the builder accepts, the text is what the url crate writes and
    /// parses to itself.
    #[test]
    fn links_under_any_base_are_the_url_crates_own(
        base in base(),
        encoding in encoding(),
        slug in slug(),
        raw in any_token(),
        redirect in redirect(),
    ) {
        let builder = LinkBuilder::new()
            .with_base_url(&base)
            .unwrap_or_else(|e| panic!("{base} is a usable base: {e}"))
            .with_encoding(encoding);
        let encoded = encoding.encode(&raw);
        let download = builder.download_link(&slug, &DownloadToken::new(raw.as_str()).expect("non-empty"));
        let session = builder.session_link(&slug, &AuthToken::new(raw.as_str()).expect("non-empty"), &redirect);
        let base_url = builder.base_url();
        prop_assert_eq!(
            download.as_str(),
            reference(base_url, [slug.as_str(), "download"], ("token", &encoded))
        );
        prop_assert_eq!(
            session.as_str(),
            reference(base_url, [slug.as_str(), &encoded], ("redirectTo", redirect.as_str()))
        );
        for link in [&download, &session] {
            prop_assert_eq!(link.as_url().as_str(), link.as_str());
            prop_assert_eq!(String::from(link.clone().into_url()), link.as_str());
        }
        prop_assert_eq!(builder.parse(download.as_str()).map(|p| p.expose_token().to_owned()), Ok(raw.clone()));
        prop_assert_eq!(builder.parse(session.as_str()).map(|p| p.expose_token().to_owned()), Ok(raw));
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
