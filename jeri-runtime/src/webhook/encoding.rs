//! How a signature is written in a header.

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};

/// How an HMAC-SHA256 signature is written in its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SignatureEncoding {
    /// Lower- or upper-case hexadecimal, 64 characters (GitHub, Stripe).
    Hex,
    /// Base64, standard or URL-safe alphabet, padded or not (Shopify, Standard Webhooks).
    Base64,
    /// Either of the above, for a sender whose documentation does not say. A 32-byte
    /// signature is 64 characters in hex and 43 or 44 in Base64, so one written value can
    /// never be meant both ways: text that reads as hex is taken as hex. Signing writes
    /// Base64.
    HexOrBase64,
}

impl SignatureEncoding {
    /// The ways `text` may be read as a signature under this encoding; the caller compares
    /// each in constant time. Text in no form of the encoding reads as nothing.
    pub(crate) fn candidates(self, text: &str) -> Vec<Vec<u8>> {
        let text = text.trim();
        let hex = matches!(
            self,
            SignatureEncoding::Hex | SignatureEncoding::HexOrBase64
        );
        if hex && let Some(bytes) = from_hex(text) {
            // Hex text is also Base64 of another length; read as hex, it is not read again.
            return vec![bytes];
        }
        if self == SignatureEncoding::Hex {
            return Vec::new();
        }
        // A text valid in several alphabets decodes the same in each, so the first that
        // accepts it is enough.
        [&STANDARD, &STANDARD_NO_PAD, &URL_SAFE, &URL_SAFE_NO_PAD]
            .into_iter()
            .find_map(|engine| engine.decode(text).ok())
            .into_iter()
            .collect()
    }

    /// The signature as this encoding writes it.
    pub(crate) fn write(self, tag: &[u8]) -> String {
        match self {
            SignatureEncoding::Hex => tag.iter().map(|byte| format!("{byte:02x}")).collect(),
            SignatureEncoding::Base64 | SignatureEncoding::HexOrBase64 => STANDARD.encode(tag),
        }
    }

    /// The name used in `x-jeri-webhook-signature` (`hex`, `base64`, `hex-or-base64`).
    pub fn as_str(self) -> &'static str {
        match self {
            SignatureEncoding::Hex => "hex",
            SignatureEncoding::Base64 => "base64",
            SignatureEncoding::HexOrBase64 => "hex-or-base64",
        }
    }
}

fn from_hex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) || !text.bytes().all(|byte| byte.is_ascii_hexdigit()) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|at| u8::from_str_radix(text.get(at..at + 2)?, 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_and_base64_read_back_what_they_write() {
        let tag: Vec<u8> = (0..32).map(|n| n * 7).collect();
        for encoding in [SignatureEncoding::Hex, SignatureEncoding::Base64] {
            let written = encoding.write(&tag);
            assert_eq!(encoding.candidates(&written), vec![tag.clone()]);
            assert_eq!(
                SignatureEncoding::HexOrBase64.candidates(&written),
                vec![tag.clone()],
                "{written}"
            );
        }
        let upper = SignatureEncoding::Hex.write(&tag).to_uppercase();
        assert_eq!(SignatureEncoding::Hex.candidates(&upper), vec![tag.clone()]);
        let unpadded = SignatureEncoding::Base64.write(&tag).replace('=', "");
        assert_eq!(SignatureEncoding::Base64.candidates(&unpadded), vec![tag]);
    }

    #[test]
    fn other_text_reads_as_nothing() {
        assert!(SignatureEncoding::Hex.candidates("abc").is_empty());
        assert!(SignatureEncoding::Hex.candidates("zz").is_empty());
        assert!(SignatureEncoding::Base64.candidates("!!!").is_empty());
        assert!(SignatureEncoding::HexOrBase64.candidates("é").is_empty());
    }
}
