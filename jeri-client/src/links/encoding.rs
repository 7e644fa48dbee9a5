//! How a token's text becomes the Base64 text a link carries, and back.

use std::fmt;
use std::str::FromStr;

use base64::Engine as _;
use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use serde::{Deserialize, Serialize};

use super::LinkError;

/// The Base64 variant a [`LinkBuilder`](super::LinkBuilder) encodes tokens with.
///
/// <div class="warning">
///
/// Assumption: JeriCommerce's reference says only "encode the `accessToken` in Base64"; it
/// names no alphabet, padding or URL escaping. The default, [`Standard`](Self::Standard), is
/// the plain reading of "Base64" (RFC 4648 §4, `+` `/` and `=` padding), which any Base64
/// decoder accepts. The url crate then escapes the text where the URL would otherwise
/// change its meaning:
///
/// - in the download link's `token` query value, `+` → `%2B`, `/` → `%2F`, `=` → `%3D`
///   (`application/x-www-form-urlencoded`, so a `+` is never read as a space);
/// - in the session link's path segment, `/` → `%2F`; `+` and `=` stay literal, as RFC 3986
///   allows in a path and every path decoder leaves them.
///
/// A server that percent-decodes the URL gets the Base64 text back byte for byte.
///
/// The API's tokens are JWTs, whose characters (`A–Z a–z 0–9 - _ .`) never produce `+` or
/// `/` in standard Base64 (in ASCII text only `>`, `?`, `~` and DEL do), so for real tokens
/// the choice of alphabet only decides the `=` padding. If the jeri.link server turns out
/// to want URL-safe Base64 anyway, switch to [`UrlSafeNoPad`](Self::UrlSafeNoPad).
///
/// </div>
///
/// Parsing a link ([`LinkBuilder::parse`](super::LinkBuilder::parse)) accepts either
/// alphabet, with or without padding, whatever the builder's setting.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum TokenEncoding {
    /// RFC 4648 §4 Base64 with `=` padding: `A–Z a–z 0–9 + /`.
    #[default]
    Standard,
    /// RFC 4648 §5 URL-safe Base64 without padding: `A–Z a–z 0–9 - _`; nothing to escape.
    UrlSafeNoPad,
}

const STANDARD_LENIENT: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

const URL_SAFE_LENIENT: GeneralPurpose = GeneralPurpose::new(
    &alphabet::URL_SAFE,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

impl TokenEncoding {
    /// The name of this encoding in configuration: `standard` or `url-safe-no-pad`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Standard => "standard",
            Self::UrlSafeNoPad => "url-safe-no-pad",
        }
    }

    /// Encodes the raw token text.
    pub fn encode(self, raw: &str) -> String {
        let mut out = String::with_capacity(raw.len().div_ceil(3) * 4);
        self.engine().encode_string(raw, &mut out);
        out
    }

    /// The base64 engine that writes this variant.
    pub(super) fn engine(self) -> &'static GeneralPurpose {
        match self {
            Self::Standard => &base64::engine::general_purpose::STANDARD,
            Self::UrlSafeNoPad => &base64::engine::general_purpose::URL_SAFE_NO_PAD,
        }
    }

    /// Decodes Base64 text from a link back to the raw token text, accepting either
    /// alphabet with or without padding.
    ///
    /// The two alphabets differ only in `+ /` versus `- _`, so text holding none of those
    /// four decodes the same under both.
    ///
    /// # Errors
    /// [`LinkError::Base64`] when the text is not Base64 (or mixes the alphabets);
    /// [`LinkError::TokenNotUtf8`] when it decodes to bytes that are not UTF-8.
    pub fn decode_any(text: &str) -> Result<String, LinkError> {
        let engine = if text.contains(['-', '_']) {
            &URL_SAFE_LENIENT
        } else {
            &STANDARD_LENIENT
        };
        let bytes = engine.decode(text).map_err(LinkError::Base64)?;
        String::from_utf8(bytes).map_err(|_| LinkError::TokenNotUtf8)
    }
}

impl fmt::Display for TokenEncoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for TokenEncoding {
    type Err = LinkError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "standard" => Ok(Self::Standard),
            "url-safe-no-pad" => Ok(Self::UrlSafeNoPad),
            other => Err(LinkError::UnknownEncoding(other.to_owned())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_with_the_chosen_alphabet() {
        // U+FFFF is EF BF BF in UTF-8: the two characters where the alphabets differ.
        let raw = "\u{FFFF}";
        assert_eq!(TokenEncoding::Standard.encode(raw), "77+/");
        assert_eq!(TokenEncoding::UrlSafeNoPad.encode(raw), "77-_");
        assert_eq!(TokenEncoding::Standard.encode("ab"), "YWI=");
        assert_eq!(TokenEncoding::UrlSafeNoPad.encode("ab"), "YWI");
    }

    #[test]
    fn decodes_either_alphabet_with_or_without_padding() {
        for text in ["77+/", "77-_", "YWI=", "YWI"] {
            assert!(TokenEncoding::decode_any(text).is_ok(), "{text}");
        }
        assert_eq!(TokenEncoding::decode_any("YWI").as_deref(), Ok("ab"));
        assert!(matches!(
            TokenEncoding::decode_any("7+-_"),
            Err(LinkError::Base64(_))
        ));
        assert_eq!(
            TokenEncoding::decode_any("/w=="),
            Err(LinkError::TokenNotUtf8)
        );
    }

    #[test]
    fn names_round_trip() {
        for encoding in [TokenEncoding::Standard, TokenEncoding::UrlSafeNoPad] {
            assert_eq!(encoding.as_str().parse::<TokenEncoding>(), Ok(encoding));
            let json = serde_json::to_string(&encoding).expect("serializes");
            assert_eq!(json, format!("\"{encoding}\""));
        }
    }
}
