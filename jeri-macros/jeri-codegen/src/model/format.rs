//! String formats: the one list of the `format` values the generator knows.

/// A string `format` the generator knows: some have a Rust type of their own
/// ([`Format::has_rust_type`]), and generated servers check every one of them. Any other
/// `format` (`password`, `binary` inside JSON, …) is a plain string: a JSON string cannot
/// carry raw octets, and bodies of binary media are bytes already.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `email`.
    Email,
    /// `date-time`: `chrono::DateTime<chrono::Utc>` (RFC 3339; an offset is converted to UTC).
    DateTime,
    /// `date`: `chrono::NaiveDate` (`2024-03-01`).
    Date,
    /// `uuid`: `uuid::Uuid` (sent hyphenated, lower case).
    Uuid,
    /// `uri` and `url`.
    Uri,
    /// `ipv4`.
    Ipv4,
    /// `ipv6`.
    Ipv6,
    /// `hostname`.
    Hostname,
    /// `byte`: the runtime's `Base64` bytes (Base64 text on the wire).
    Byte,
}

impl Format {
    /// The format a `format` value names, if the generator knows it.
    pub fn from_spec(format: &str) -> Option<Format> {
        Some(match format {
            "email" => Format::Email,
            "date-time" => Format::DateTime,
            "date" => Format::Date,
            "uuid" => Format::Uuid,
            "uri" | "url" => Format::Uri,
            "ipv4" => Format::Ipv4,
            "ipv6" => Format::Ipv6,
            "hostname" => Format::Hostname,
            "byte" => Format::Byte,
            _ => return None,
        })
    }

    /// The `format` value as the spec writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Email => "email",
            Format::DateTime => "date-time",
            Format::Date => "date",
            Format::Uuid => "uuid",
            Format::Uri => "uri",
            Format::Ipv4 => "ipv4",
            Format::Ipv6 => "ipv6",
            Format::Hostname => "hostname",
            Format::Byte => "byte",
        }
    }

    /// Whether values of this format have a Rust type of their own (`date-time`, `date`,
    /// `uuid`, `byte`); the others are `String`s.
    pub fn has_rust_type(self) -> bool {
        matches!(
            self,
            Format::DateTime | Format::Date | Format::Uuid | Format::Byte
        )
    }
}

#[cfg(test)]
mod tests {
    use super::Format;

    #[test]
    fn every_format_reads_back_from_its_text() {
        for format in [
            Format::Email,
            Format::DateTime,
            Format::Date,
            Format::Uuid,
            Format::Uri,
            Format::Ipv4,
            Format::Ipv6,
            Format::Hostname,
            Format::Byte,
        ] {
            assert_eq!(Format::from_spec(format.as_str()), Some(format));
        }
        assert_eq!(Format::from_spec("url"), Some(Format::Uri));
        assert_eq!(Format::from_spec("password"), None);
        assert!(Format::Uuid.has_rust_type() && !Format::Email.has_rust_type());
    }
}
