//! A key webhooks are signed with.

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// The prefix Standard Webhooks puts before a Base64 secret.
const STANDARD_PREFIX: &str = "whsec_";

/// An HMAC-SHA256 key, kept keyed so that signing and checking cannot fail later.
///
/// Its `Debug` shows no key material.
#[derive(Clone)]
pub struct WebhookSecret {
    keyed: HmacSha256,
}

/// Why a secret was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SecretError {
    /// A Standard Webhooks secret (`whsec_…`) whose rest is not Base64.
    #[error("the webhook secret is not `whsec_` followed by Base64: {0}")]
    NotBase64(String),
    /// The HMAC implementation refused the key (it takes keys of any length, so this names
    /// a broken invariant rather than a user mistake).
    #[error("the webhook secret cannot key HMAC-SHA256")]
    Unusable,
}

impl WebhookSecret {
    /// A secret used as its bytes, as given (JeriCommerce's integration secret, GitHub's,
    /// Shopify's: the text shown is the key).
    pub fn new(key: impl AsRef<[u8]>) -> Result<Self, SecretError> {
        let keyed = HmacSha256::new_from_slice(key.as_ref()).map_err(|_| SecretError::Unusable)?;
        Ok(WebhookSecret { keyed })
    }

    /// A Standard Webhooks secret: `whsec_` and the Base64 (standard alphabet, padded) of
    /// the key. The prefix may be left out, as the reference implementations allow.
    pub fn standard(secret: &str) -> Result<Self, SecretError> {
        let encoded = secret.strip_prefix(STANDARD_PREFIX).unwrap_or(secret);
        let key = STANDARD
            .decode(encoded)
            .map_err(|error| SecretError::NotBase64(error.to_string()))?;
        WebhookSecret::new(key)
    }

    /// HMAC-SHA256 over the concatenation of `parts`.
    pub(crate) fn sign(&self, parts: &[&[u8]]) -> [u8; 32] {
        let mut mac = self.keyed.clone();
        for part in parts {
            mac.update(part);
        }
        mac.finalize().into_bytes().into()
    }

    /// Whether `tag` is the HMAC-SHA256 of `parts`, compared in constant time (a tag of
    /// another length is refused without comparing).
    pub(crate) fn matches(&self, parts: &[&[u8]], tag: &[u8]) -> bool {
        let mut mac = self.keyed.clone();
        for part in parts {
            mac.update(part);
        }
        mac.verify_slice(tag).is_ok()
    }
}

impl fmt::Debug for WebhookSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("WebhookSecret(..)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|byte| format!("{byte:02x}")).collect()
    }

    /// RFC 4231 §4.2–§4.7 (test case 5, a truncated output, is left out: nothing here
    /// truncates).
    #[test]
    fn rfc_4231_vectors() {
        let cases: [(Vec<u8>, Vec<u8>, &str); 5] = [
            (
                vec![0x0b; 20],
                b"Hi There".to_vec(),
                "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
            ),
            (
                b"Jefe".to_vec(),
                b"what do ya want for nothing?".to_vec(),
                "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
            ),
            (
                vec![0xaa; 20],
                vec![0xdd; 50],
                "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
            ),
            (
                (1..=25).collect(),
                vec![0xcd; 50],
                "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
            ),
            (
                vec![0xaa; 131],
                b"Test Using Larger Than Block-Size Key - Hash Key First".to_vec(),
                "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
            ),
        ];
        for (key, data, expected) in cases {
            let secret = WebhookSecret::new(&key).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(hex(&secret.sign(&[&data])), expected);
            // Split input signs the same as whole input.
            let (head, tail) = data.split_at(data.len() / 2);
            assert_eq!(hex(&secret.sign(&[head, tail])), expected);
        }
        let long = vec![0xaa; 131];
        let text = b"This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.";
        let secret = WebhookSecret::new(&long).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            hex(&secret.sign(&[text])),
            "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"
        );
    }

    #[test]
    fn matching_needs_the_whole_tag() {
        let secret = WebhookSecret::new(b"Jefe").unwrap_or_else(|e| panic!("{e}"));
        let tag = secret.sign(&[b"what do ya want for nothing?"]);
        assert!(secret.matches(&[b"what do ya want for nothing?"], &tag));
        assert!(!secret.matches(&[b"what do ya want for nothing?"], &tag[..16]));
        assert!(!secret.matches(&[b"what do ya want for nothing!"], &tag));
    }

    #[test]
    fn standard_secrets_are_base64_with_an_optional_prefix() {
        let with = WebhookSecret::standard("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        let without = WebhookSecret::standard("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        let (with, without) = (
            with.map(|s| s.sign(&[b"x"])),
            without.map(|s| s.sign(&[b"x"])),
        );
        assert!(with.is_ok());
        assert_eq!(with, without);
        assert!(matches!(
            WebhookSecret::standard("whsec_not base64!"),
            Err(SecretError::NotBase64(_))
        ));
        let shown = format!("{:?}", WebhookSecret::new(b"hunter2"));
        assert!(!shown.contains("hunter2"));
    }
}
