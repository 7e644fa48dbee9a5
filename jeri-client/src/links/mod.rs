//! Customer links on jeri.link, built from customer tokens.
//!
//! JeriCommerce's `getCustomerToken` operation returns an `accessToken`; customers open it
//! as a link with the token Base64-encoded inside:
//!
//! | link | token kind | shape |
//! |---|---|---|
//! | download | `download` | `https://jeri.link/{slug}/download?token={base64Token}` |
//! | session | `auth` | `https://jeri.link/{slug}/{base64Token}?redirectTo={path}` |
//!
//! The pieces: [`Slug`] (checked program slug), [`AuthToken`] / [`DownloadToken`] (the
//! token with its kind in the type, redacted in `Debug`), [`RedirectTo`] (where a session
//! link lands), [`LinkBuilder`] (builds [`Link`]s and parses them back into
//! [`ParsedLink`]s) and [`TokenEncoding`] (the Base64 variant, with the assumption it
//! rests on).
//!
//! [`Client::download_link`](crate::Client::download_link) and
//! [`Client::session_link`](crate::Client::session_link) fetch the right token type for a
//! customer's email and return the link in one call; [`LinkBuilder::fetch_download_link`]
//! and [`LinkBuilder::fetch_session_link`] do the same under another base URL.
//!
//! ```
//! use jeri_client::links::{DownloadToken, LinkBuilder, Slug};
//!
//! let token = DownloadToken::new("eyJhbGciOiJIUzI1NiJ9.e30.c2ln")?;
//! let link = LinkBuilder::new().download_link(&Slug::new("acme")?, &token);
//! assert_eq!(
//!     link.as_str(),
//!     "https://jeri.link/acme/download?token=ZXlKaGJHY2lPaUpJVXpJMU5pSjkuZTMwLmMybG4%3D"
//! );
//! # Ok::<(), jeri_client::links::LinkError>(())
//! ```

mod client;
mod encoding;
mod error;
mod link;
mod parse;
mod redirect;
mod slug;
mod text;
mod token;

pub use encoding::TokenEncoding;
pub use error::LinkError;
pub use link::{DEFAULT_BASE_URL, Link, LinkBuilder};
pub use parse::ParsedLink;
pub use redirect::{RedirectPath, RedirectTo};
pub use slug::Slug;
pub use token::{Auth, AuthToken, Download, DownloadToken, Kind, Token, TokenKind};
