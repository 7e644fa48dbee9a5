//! The string `format`s generated checks enforce, each a function from text to whether it
//! is a valid value. Formats not listed here (`password`, `binary`, custom ones) only
//! document the value and are not checked.

use base64::Engine;

/// `format: email`: a dot-atom local part and a domain name of at least two labels whose
/// last is not all digits (quoted local parts and IP literals are refused).
pub fn email(text: &str) -> bool {
    const LOCAL_SPECIALS: &str = "!#$%&'*+-/=?^_`{|}~.";
    let Some((local, domain)) = text.rsplit_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || LOCAL_SPECIALS.contains(c));
    local_ok && text.len() <= 254 && hostname(domain) && domain.contains('.') && {
        let tld = domain.rsplit('.').next().unwrap_or("");
        !tld.chars().all(|c| c.is_ascii_digit())
    }
}

/// `format: hostname`: dot-separated labels of letters, digits and inner hyphens, each at
/// most 63 characters, 253 in all.
pub fn hostname(text: &str) -> bool {
    text.len() <= 253
        && text.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
}

/// `format: date-time`: an RFC 3339 date-time with an offset, `T` between date and time
/// (RFC 3339's grammar; its note allowing a space is not JSON Schema's format).
pub fn date_time(text: &str) -> bool {
    text.as_bytes()
        .get(10)
        .is_some_and(|separator| matches!(separator, b'T' | b't'))
        && chrono::DateTime::parse_from_rfc3339(text).is_ok()
}

/// `format: date`: an RFC 3339 full-date (`2024-02-29`).
pub fn date(text: &str) -> bool {
    text.len() == 10 && chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").is_ok()
}

/// `format: uuid`: the hyphenated form (`8-4-4-4-12` hex digits).
pub fn uuid(text: &str) -> bool {
    text.len() == 36 && uuid::Uuid::try_parse(text).is_ok()
}

/// `format: uri` (and `url`): an absolute URI, scheme included.
pub fn uri(text: &str) -> bool {
    url::Url::parse(text).is_ok()
}

/// `format: ipv4`: dotted-quad notation.
pub fn ipv4(text: &str) -> bool {
    text.parse::<std::net::Ipv4Addr>().is_ok()
}

/// `format: ipv6`.
pub fn ipv6(text: &str) -> bool {
    text.parse::<std::net::Ipv6Addr>().is_ok()
}

/// `format: byte`: standard Base64 with padding.
pub fn byte(text: &str) -> bool {
    base64::engine::general_purpose::STANDARD
        .decode(text)
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        for good in [
            "jane@example.com",
            "a.b+c@x-y.example.co",
            "!#$%&'*+-/=?^_`{|}~@a.io",
            "A@B.COM",
        ] {
            assert!(email(good), "{good}");
        }
        for bad in [
            "",
            "jane",
            "@example.com",
            "jane@",
            "jane@example",
            "a..b@x.com",
            ".a@x.com",
            "a b@x.com",
            "a@-x.com",
            "a@x.123",
            "a@x..com",
            "ü@x.com",
        ] {
            assert!(!email(bad), "{bad}");
        }
    }

    #[test]
    fn table() {
        type Check = fn(&str) -> bool;
        let cases: &[(Check, &str, bool)] = &[
            (date_time, "2024-02-29T10:00:00Z", true),
            (date_time, "2024-02-29T10:00:00.5+02:00", true),
            (date_time, "2024-02-30T10:00:00Z", false),
            (date_time, "2024-02-29T10:00:00", false),
            (date_time, "2024-02-29 10:00:00Z", false),
            (date_time, "2024-02-29t23:59:60z", true),
            (date_time, "2024-03-01T09:30:00+0530", false),
            (date_time, "yesterday", false),
            (date, "2024-02-29", true),
            (date, "2023-02-29", false),
            (date, "2024-2-9", false),
            (uuid, "67e55044-10b1-426f-9247-bb680e5fe0c8", true),
            (uuid, "67e5504410b1426f9247bb680e5fe0c8", false),
            (uuid, "67e55044-10b1-426f-9247-bb680e5fe0cz", false),
            (uri, "https://shop.example.com/offers?x=1#y", true),
            (uri, "mailto:jane@example.com", true),
            (uri, "shop.example.com", false),
            (uri, "not a url", false),
            (ipv4, "127.0.0.1", true),
            (ipv4, "256.0.0.1", false),
            (ipv6, "::1", true),
            (ipv6, "127.0.0.1", false),
            (hostname, "api.example.com", true),
            (hostname, "-bad.example.com", false),
            (byte, "aGVsbG8=", true),
            (byte, "aGVsbG8", false),
        ];
        for (check, text, valid) in cases {
            assert_eq!(check(text), *valid, "{text}");
        }
    }
}
