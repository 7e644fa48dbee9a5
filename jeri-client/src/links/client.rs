//! One call from a customer's email to a link: fetch the right token, build the link.

use super::{AuthToken, DownloadToken, Link, LinkBuilder, LinkError, RedirectTo, Slug, TokenKind};
use crate::{Client, Error};

const OPERATION: &str = "getCustomerToken";

impl LinkBuilder {
    /// Fetches a `download` token for `email` and returns its download link under this
    /// builder's base URL. Each call issues a new single-use token.
    ///
    /// # Errors
    /// Whatever `getCustomerToken` fails with: [`Error::is_unprocessable`] (422) when no
    /// OneTimeLink was generated for the customer, [`Error::is_not_found`] (404) for an
    /// unknown customer; [`Error::Decode`] when the API answers with an empty
    /// `accessToken`.
    pub async fn fetch_download_link(
        &self,
        client: &Client,
        program_id: impl Into<String>,
        slug: &Slug,
        email: impl Into<String>,
    ) -> Result<Link, Error> {
        let raw = fetch(client, program_id.into(), email.into(), TokenKind::Download).await?;
        let token = DownloadToken::new(raw).map_err(unusable_token)?;
        Ok(self.download_link(slug, &token))
    }

    /// Fetches an `auth` token for `email` and returns its session link, opening
    /// `redirect`, under this builder's base URL.
    ///
    /// # Errors
    /// Whatever `getCustomerToken` fails with: [`Error::is_unprocessable`] (422) when the
    /// customer has no wallet pass yet, [`Error::is_not_found`] (404) for an unknown
    /// customer; [`Error::Decode`] when the API answers with an empty `accessToken`.
    pub async fn fetch_session_link(
        &self,
        client: &Client,
        program_id: impl Into<String>,
        slug: &Slug,
        email: impl Into<String>,
        redirect: &RedirectTo,
    ) -> Result<Link, Error> {
        let token = client.customer_auth_token(program_id, email).await?;
        Ok(self.session_link(slug, &token, redirect))
    }
}

impl Client {
    /// Fetches an `auth` token for `email`, typed so that only it can make a
    /// [`CustomerClient`](crate::CustomerClient) with [`Client::as_customer`].
    ///
    /// # Errors
    /// As [`LinkBuilder::fetch_session_link`]: [`Error::is_unprocessable`] when the
    /// customer has no wallet pass yet.
    pub async fn customer_auth_token(
        &self,
        program_id: impl Into<String>,
        email: impl Into<String>,
    ) -> Result<AuthToken, Error> {
        let raw = fetch(self, program_id.into(), email.into(), TokenKind::Auth).await?;
        AuthToken::new(raw).map_err(unusable_token)
    }

    /// The customer's wallet-pass download link on `https://jeri.link`: fetches a
    /// `download` token and builds `https://jeri.link/{slug}/download?token=…`.
    ///
    /// For another link host or token encoding, use
    /// [`LinkBuilder::fetch_download_link`].
    ///
    /// # Errors
    /// As [`LinkBuilder::fetch_download_link`].
    pub async fn download_link(
        &self,
        program_id: impl Into<String>,
        slug: &Slug,
        email: impl Into<String>,
    ) -> Result<Link, Error> {
        LinkBuilder::new()
            .fetch_download_link(self, program_id, slug, email)
            .await
    }

    /// The customer's session link on `https://jeri.link`, opening `redirect`: fetches an
    /// `auth` token and builds `https://jeri.link/{slug}/{token}?redirectTo=…`.
    ///
    /// For another link host or token encoding, use [`LinkBuilder::fetch_session_link`].
    ///
    /// # Errors
    /// As [`LinkBuilder::fetch_session_link`].
    pub async fn session_link(
        &self,
        program_id: impl Into<String>,
        slug: &Slug,
        email: impl Into<String>,
        redirect: &RedirectTo,
    ) -> Result<Link, Error> {
        LinkBuilder::new()
            .fetch_session_link(self, program_id, slug, email, redirect)
            .await
    }
}

async fn fetch(
    client: &Client,
    program_id: String,
    email: String,
    kind: TokenKind,
) -> Result<String, Error> {
    Ok(client
        .get_customer_token(program_id, email, kind.into())
        .await?
        .access_token)
}

/// A 200 answer whose token cannot go into a link is a response that does not match the
/// documented body; the body itself is left out of the error because it is a credential.
fn unusable_token(error: LinkError) -> Error {
    Error::Decode {
        operation: OPERATION,
        status: 200,
        path: "accessToken".to_owned(),
        excerpt: String::new(),
        source: serde::de::Error::custom(error),
    }
}
