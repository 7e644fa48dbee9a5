//! [`Base64`]: bytes that travel as Base64 text (`type: string, format: byte`).

use std::fmt;
use std::ops::{Deref, DerefMut};

use base64::Engine as _;
use base64::engine::DecodePaddingMode;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, STANDARD};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Reads standard Base64 with or without its `=` padding.
const STANDARD_ANY_PADDING: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// Reads the URL-safe alphabet (`-`, `_`) with or without padding.
const URL_SAFE_ANY_PADDING: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::URL_SAFE,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// The bytes of a `format: byte` string: sent as standard Base64 with padding
/// (RFC 4648 §4, what OpenAPI names), read from standard or URL-safe Base64 with or
/// without padding, as servers write either. Text that is not Base64 is a decode error.
///
/// It dereferences to `Vec<u8>` and converts from and into it:
///
/// ```
/// let logo = jeri_runtime::Base64::from(b"hi".to_vec());
/// assert_eq!(serde_json::to_string(&logo).unwrap(), r#""aGk=""#);
/// let back: jeri_runtime::Base64 = serde_json::from_str(r#""aGk""#).unwrap();
/// assert_eq!(&back[..], b"hi");
/// ```
#[derive(Clone, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct Base64(pub Vec<u8>);

impl Base64 {
    /// The bytes.
    pub fn into_inner(self) -> Vec<u8> {
        self.0
    }

    /// The Base64 text that is sent.
    pub fn encode(&self) -> String {
        STANDARD.encode(&self.0)
    }

    /// Reads Base64 text (standard or URL-safe alphabet, padding optional).
    pub fn decode(text: &str) -> Result<Self, base64::DecodeError> {
        STANDARD_ANY_PADDING
            .decode(text)
            .or_else(|error| URL_SAFE_ANY_PADDING.decode(text).map_err(|_| error))
            .map(Self)
    }
}

impl fmt::Debug for Base64 {
    /// Shows the Base64 text, as it is on the wire.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Base64({:?})", self.encode())
    }
}

impl Deref for Base64 {
    type Target = Vec<u8>;

    fn deref(&self) -> &Vec<u8> {
        &self.0
    }
}

impl DerefMut for Base64 {
    fn deref_mut(&mut self) -> &mut Vec<u8> {
        &mut self.0
    }
}

impl From<Vec<u8>> for Base64 {
    fn from(bytes: Vec<u8>) -> Self {
        Self(bytes)
    }
}

impl From<&[u8]> for Base64 {
    fn from(bytes: &[u8]) -> Self {
        Self(bytes.to_vec())
    }
}

impl From<Base64> for Vec<u8> {
    fn from(bytes: Base64) -> Self {
        bytes.0
    }
}

impl AsRef<[u8]> for Base64 {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl Serialize for Base64 {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.encode())
    }
}

impl<'de> Deserialize<'de> for Base64 {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Self::decode(&text)
            .map_err(|error| serde::de::Error::custom(format_args!("invalid Base64 ({error})")))
    }
}

#[cfg(test)]
mod tests {
    use super::Base64;

    #[test]
    fn bytes_travel_as_padded_standard_base64() {
        // value, wire text
        let cases: [(&[u8], &str); 5] = [
            (b"", r#""""#),
            (b"f", r#""Zg==""#),
            (b"fo", r#""Zm8=""#),
            (b"foo", r#""Zm9v""#),
            (&[0xfb, 0xff, 0xfe], r#""+//+""#),
        ];
        for (bytes, wire) in cases {
            let value = Base64::from(bytes);
            assert_eq!(serde_json::to_string(&value).unwrap(), wire);
            let back: Base64 = serde_json::from_str(wire).unwrap();
            assert_eq!(back, value, "{wire}");
        }
    }

    #[test]
    fn reads_unpadded_and_url_safe_text_and_refuses_the_rest() {
        let unpadded: Base64 = serde_json::from_str(r#""Zg""#).unwrap();
        assert_eq!(&unpadded[..], b"f");
        let url_safe: Base64 = serde_json::from_str(r#""-__-""#).unwrap();
        assert_eq!(&url_safe[..], &[0xfb, 0xff, 0xfe]);
        let error = serde_json::from_str::<Base64>(r#""not base64!""#).unwrap_err();
        assert!(error.to_string().starts_with("invalid Base64"), "{error}");
        assert!(serde_json::from_str::<Base64>("[1,2]").is_err());
    }
}
