//! Random identifiers: UUIDs for records, short codes for coupons and discounts.

/// A random (version 4) UUID in its hyphenated lower-case form.
pub(crate) fn uuid() -> String {
    let mut bytes = [0u8; 16];
    bytes.iter_mut().for_each(|byte| *byte = fastrand::u8(..));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|byte| format!("{byte:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// `PREFIX-XXXX-XXXX` with characters that cannot be mistaken for each other.
pub(crate) fn code(prefix: &str) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let group = || -> String {
        (0..4)
            .map(|_| char::from(ALPHABET[fastrand::usize(..ALPHABET.len())]))
            .collect()
    };
    let first = group();
    let second = group();
    format!("{prefix}-{first}-{second}")
}

/// `count` random bytes.
pub(crate) fn random_bytes(count: usize) -> Vec<u8> {
    (0..count).map(|_| fastrand::u8(..)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids_are_version_4_and_distinct() {
        let first = uuid();
        assert_eq!(first.len(), 36);
        assert_eq!(&first[14..15], "4");
        assert!(matches!(&first[19..20], "8" | "9" | "a" | "b"));
        assert_ne!(first, uuid());
    }

    #[test]
    fn codes_carry_their_prefix() {
        let value = code("JERI");
        assert!(value.starts_with("JERI-"));
        assert_eq!(value.len(), "JERI-XXXX-XXXX".len());
    }
}
