//! Exact links for known tokens: every expected string was worked out independently of the
//! url and base64 crates (Python's `base64` and `urllib.parse`).

use jeri_client::links::{
    AuthToken, DownloadToken, LinkBuilder, ParsedLink, RedirectTo, Slug, TokenEncoding, TokenKind,
};

/// The example token of jwt.io: three Base64url parts joined by dots.
const JWT: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
/// `JWT` in standard Base64; it ends in one `=` of padding.
const JWT_B64: &str = "ZXlKaGJHY2lPaUpJVXpJMU5pSXNJblI1Y0NJNklrcFhWQ0o5LmV5SnpkV0lpT2lJeE1qTTBOVFkzT0Rrd0lpd2libUZ0WlNJNklrcHZhRzRnUkc5bElpd2lhV0YwSWpveE5URTJNak01TURJeWZRLlNmbEt4d1JKU01lS0tGMlFUNGZ3cE1lSmYzNlBPazZ5SlZfYWRRc3N3NWM=";

fn slug(text: &str) -> Slug {
    Slug::new(text).expect("valid slug")
}

fn download(raw: &str) -> DownloadToken {
    DownloadToken::new(raw).expect("non-empty token")
}

fn auth(raw: &str) -> AuthToken {
    AuthToken::new(raw).expect("non-empty token")
}

#[test]
fn download_links() {
    let standard = LinkBuilder::new();
    let url_safe = LinkBuilder::new().with_encoding(TokenEncoding::UrlSafeNoPad);
    let staging = LinkBuilder::new()
        .with_base_url("http://127.0.0.1:8080/links/")
        .expect("valid base");
    let jwt_query = JWT_B64.replace('=', "%3D");
    let cases: Vec<(&LinkBuilder, &str, &str, String)> = vec![
        (
            &standard,
            "acme",
            JWT,
            format!("https://jeri.link/acme/download?token={jwt_query}"),
        ),
        (
            &url_safe,
            "acme",
            JWT,
            format!(
                "https://jeri.link/acme/download?token={}",
                JWT_B64.trim_end_matches('=')
            ),
        ),
        (
            &standard,
            "acme",
            "ab?",
            "https://jeri.link/acme/download?token=YWI%2F".into(),
        ),
        (
            &standard,
            "acme",
            "ab>",
            "https://jeri.link/acme/download?token=YWI%2B".into(),
        ),
        (
            &standard,
            "acme",
            "\u{FFFF}",
            "https://jeri.link/acme/download?token=77%2B%2F".into(),
        ),
        (
            &url_safe,
            "acme",
            "\u{FFFF}",
            "https://jeri.link/acme/download?token=77-_".into(),
        ),
        (
            &standard,
            "café",
            "ab?",
            "https://jeri.link/caf%C3%A9/download?token=YWI%2F".into(),
        ),
        (
            &staging,
            "acme",
            "ab>",
            "http://127.0.0.1:8080/links/acme/download?token=YWI%2B".into(),
        ),
    ];
    for (builder, slug_text, raw, expected) in cases {
        let link = builder.download_link(&slug(slug_text), &download(raw));
        assert_eq!(link.as_str(), expected, "{slug_text} {raw:?}");
        assert_eq!(link.kind(), TokenKind::Download);
    }
}

#[test]
fn session_links_for_every_documented_section() {
    let builder = LinkBuilder::new();
    let expected_redirects = [
        "profile",
        "loyalty%2Frewards",
        "loyalty%2Fearning-flows",
        "referrals",
        "coupons",
        "transactions",
    ];
    for (redirect, query) in RedirectTo::KNOWN.iter().zip(expected_redirects) {
        let link = builder.session_link(&slug("acme"), &auth(JWT), redirect);
        assert_eq!(
            link.as_str(),
            format!("https://jeri.link/acme/{JWT_B64}?redirectTo={query}")
        );
        assert_eq!(link.kind(), TokenKind::Auth);
    }
}

#[test]
fn session_links_escape_the_slash_in_the_token_segment() {
    let builder = LinkBuilder::new();
    let url_safe = LinkBuilder::new().with_encoding(TokenEncoding::UrlSafeNoPad);
    let profile = RedirectTo::Profile;
    let tiers = RedirectTo::custom("loyalty/tiers").expect("valid path");
    let cases: Vec<(&LinkBuilder, &str, &RedirectTo, &str)> = vec![
        (
            &builder,
            "ab?",
            &profile,
            "https://jeri.link/acme/YWI%2F?redirectTo=profile",
        ),
        (
            &builder,
            "ab>",
            &profile,
            "https://jeri.link/acme/YWI+?redirectTo=profile",
        ),
        (
            &builder,
            "\u{FFFF}",
            &tiers,
            "https://jeri.link/acme/77+%2F?redirectTo=loyalty%2Ftiers",
        ),
        (
            &url_safe,
            "\u{FFFF}",
            &profile,
            "https://jeri.link/acme/77-_?redirectTo=profile",
        ),
        (
            &url_safe,
            JWT,
            &profile,
            "https://jeri.link/acme/ZXlKaGJHY2lPaUpJVXpJMU5pSXNJblI1Y0NJNklrcFhWQ0o5LmV5SnpkV0lpT2lJeE1qTTBOVFkzT0Rrd0lpd2libUZ0WlNJNklrcHZhRzRnUkc5bElpd2lhV0YwSWpveE5URTJNak01TURJeWZRLlNmbEt4d1JKU01lS0tGMlFUNGZ3cE1lSmYzNlBPazZ5SlZfYWRRc3N3NWM?redirectTo=profile",
        ),
    ];
    for (builder, raw, redirect, expected) in cases {
        let link = builder.session_link(&slug("acme"), &auth(raw), redirect);
        assert_eq!(link.as_str(), expected, "{raw:?}");
    }
}

#[test]
fn tokens_that_look_like_urls_stay_inside_their_segment_or_value() {
    // Characters that would end a path segment, start a query or a fragment, or add a
    // parameter if they were written unencoded.
    let hostile = "../x?redirectTo=evil&token=t#frag/ % \\";
    let builder = LinkBuilder::new();
    for link in [
        builder.download_link(&slug("acme"), &download(hostile)),
        builder.session_link(&slug("acme"), &auth(hostile), &RedirectTo::Coupons),
    ] {
        let url = link.as_url();
        assert_eq!(url.host_str(), Some("jeri.link"));
        assert_eq!(url.path_segments().map(Iterator::count), Some(2));
        assert_eq!(url.query_pairs().count(), 1);
        assert_eq!(url.fragment(), None);
        let parsed = builder.parse(link.as_str()).expect("parses back");
        assert_eq!(parsed.expose_token(), hostile);
    }
}

#[test]
fn parsing_gives_back_what_was_built() {
    let builder = LinkBuilder::new();
    let link = builder.session_link(&slug("acme"), &auth(JWT), &RedirectTo::LoyaltyEarningFlows);
    assert_eq!(
        builder.parse(link.as_str()),
        Ok(ParsedLink::Session {
            slug: slug("acme"),
            token: auth(JWT),
            redirect: Some(RedirectTo::LoyaltyEarningFlows),
        })
    );
    let link = builder.download_link(&slug("acme"), &download(JWT));
    assert_eq!(
        builder.parse(link.as_str()),
        Ok(ParsedLink::Download {
            slug: slug("acme"),
            token: download(JWT),
        })
    );
}

#[test]
fn debug_output_redacts_tokens_and_links() {
    let builder = LinkBuilder::new();
    let link = builder.session_link(&slug("acme"), &auth(JWT), &RedirectTo::Profile);
    let parsed = builder.parse(link.as_str()).expect("parses back");
    for text in [
        format!("{:?}", auth(JWT)),
        format!("{link:?}"),
        format!("{parsed:?}"),
    ] {
        assert!(!text.contains(JWT) && !text.contains(JWT_B64), "{text}");
    }
    assert_eq!(format!("{:?}", download(JWT)), "DownloadToken([REDACTED])");
    assert_eq!(
        format!("{link:?}"),
        "Link { kind: Auth, url: \"https://jeri.link/acme/[REDACTED]?redirectTo=profile\" }"
    );
}
