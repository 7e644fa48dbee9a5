//! Token links on jeri.link: typed tokens from `getCustomerToken`, both link kinds, and
//! parsing a link back into its parts.

use jeri_client::links::{
    AuthToken, DEFAULT_BASE_URL, DownloadToken, Link, LinkBuilder, LinkError, ParsedLink,
    RedirectTo, Slug, TokenEncoding, TokenKind,
};
use jeri_client::types::CustomerToken;

fn _from_api(
    download: CustomerToken,
    auth: CustomerToken,
) -> Result<(DownloadToken, AuthToken), LinkError> {
    let download: DownloadToken = DownloadToken::new(download.access_token)?;
    let auth: AuthToken = AuthToken::new(auth.access_token)?;
    Ok((download, auth))
}

fn _builders() -> Result<LinkBuilder, LinkError> {
    let _default_base_url: &str = DEFAULT_BASE_URL;
    let builder: LinkBuilder = LinkBuilder::new()
        .with_base_url("http://127.0.0.1:8080/links")?
        .with_encoding(TokenEncoding::UrlSafeNoPad);
    let _encoding: TokenEncoding = builder.encoding();
    Ok(builder)
}

fn main() -> Result<(), LinkError> {
    let links: LinkBuilder = LinkBuilder::new();
    let slug: Slug = Slug::new("acme")?;
    let download_token: DownloadToken = DownloadToken::new("eyJhbGciOiJIUzI1NiJ9.e30.c2ln")?;
    let auth_token: AuthToken = AuthToken::new("eyJhbGciOiJIUzI1NiJ9.e30.c2ln")?;
    let redirect: RedirectTo = RedirectTo::LoyaltyRewards;
    let _custom: RedirectTo = RedirectTo::custom("loyalty/tiers")?;

    let download: Link = links.download_link(&slug, &download_token);
    let session: Link = links.session_link(&slug, &auth_token, &redirect);
    let _download_kind: TokenKind = download.kind();
    let _redacted: String = session.redacted();

    match links.parse(download.as_str())? {
        ParsedLink::Download {
            slug: parsed,
            token,
        } => {
            let parsed: Slug = parsed;
            let token: DownloadToken = token;
            assert_eq!(parsed, slug);
            assert_eq!(token, download_token);
        }
        other => panic!("a download link parsed as {:?}", other.kind()),
    }
    match links.parse(session.as_str())? {
        ParsedLink::Session {
            slug: parsed,
            token,
            redirect: parsed_redirect,
        } => {
            let parsed: Slug = parsed;
            let token: AuthToken = token;
            let parsed_redirect: Option<RedirectTo> = parsed_redirect;
            assert_eq!(parsed, slug);
            assert_eq!(token, auth_token);
            assert_eq!(parsed_redirect, Some(redirect));
        }
        other => panic!("a session link parsed as {:?}", other.kind()),
    }
    let _text: String = session.into_string();
    Ok(())
}
