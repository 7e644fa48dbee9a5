//! Wall-clock time as Unix seconds, and RFC 3339 text in both directions.
//!
//! The store takes the current time as an argument, so business rules that depend on
//! time (daily earning flows, token expiry) are testable without sleeping.

use std::time::{SystemTime, UNIX_EPOCH};

/// Seconds since the Unix epoch, now.
pub(crate) fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| {
            i64::try_from(elapsed.as_secs()).unwrap_or(i64::MAX)
        })
}

/// Days since the epoch → (year, month, day), proleptic Gregorian (Howard Hinnant's
/// `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// `2026-05-25T10:00:00Z` for a Unix time.
pub(crate) fn rfc3339(unix: i64) -> String {
    let days = unix.div_euclid(86_400);
    let secs = unix.rem_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

/// The UTC calendar day of a Unix time (days since the epoch).
pub(crate) fn day_index(unix: i64) -> i64 {
    unix.div_euclid(86_400)
}

/// The Monday-based week of a Unix time (1970-01-01 was a Thursday).
pub(crate) fn week_index(unix: i64) -> i64 {
    (day_index(unix) + 3).div_euclid(7)
}

/// The calendar month of a Unix time, as `year * 12 + month`.
pub(crate) fn month_index(unix: i64) -> i64 {
    let (year, month, _) = civil_from_days(day_index(unix));
    year * 12 + i64::from(month)
}

fn is_leap(year: u32) -> bool {
    year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400))
}

fn digits(text: &str) -> Option<u32> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// Whether `text` is an RFC 3339 `date-time` (what JSON Schema's `format: date-time`
/// means): `YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)`, `T` and `Z` in either case.
pub(crate) fn is_rfc3339(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.len() < 20 || !text.is_ascii() {
        return false;
    }
    let (date, rest) = text.split_at(10);
    let date_ok = date.as_bytes()[4] == b'-' && date.as_bytes()[7] == b'-' && {
        match (
            digits(&date[0..4]),
            digits(&date[5..7]),
            digits(&date[8..10]),
        ) {
            (Some(year), Some(month), Some(day)) => {
                let max_day = match month {
                    1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
                    4 | 6 | 9 | 11 => 30,
                    2 if is_leap(year) => 29,
                    2 => 28,
                    _ => 0,
                };
                day >= 1 && day <= max_day
            }
            _ => false,
        }
    };
    if !date_ok || !matches!(rest.as_bytes()[0], b'T' | b't') {
        return false;
    }
    let time = &rest[1..];
    if time.len() < 9 {
        return false;
    }
    let (hms, mut zone) = time.split_at(8);
    let hms_bytes = hms.as_bytes();
    let hms_ok = hms_bytes[2] == b':'
        && hms_bytes[5] == b':'
        && matches!(
            (digits(&hms[0..2]), digits(&hms[3..5]), digits(&hms[6..8])),
            (Some(h), Some(m), Some(s)) if h < 24 && m < 60 && s <= 60
        );
    if !hms_ok {
        return false;
    }
    if let Some(fraction) = zone.strip_prefix('.') {
        let end = fraction
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(fraction.len());
        if end == 0 {
            return false;
        }
        zone = &fraction[end..];
    }
    match zone.as_bytes() {
        [b'Z' | b'z'] => true,
        [b'+' | b'-', ..] if zone.len() == 6 => {
            zone.as_bytes()[3] == b':'
                && matches!(
                    (digits(&zone[1..3]), digits(&zone[4..6])),
                    (Some(h), Some(m)) if h < 24 && m < 60
                )
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_known_instants() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(1_779_703_200), "2026-05-25T10:00:00Z");
    }

    #[test]
    fn periods_split_where_the_calendar_does() {
        // 2026-05-24 is a Sunday, 2026-05-25 a Monday.
        let sunday = 1_779_580_800;
        let monday = sunday + 86_400;
        assert_eq!(day_index(monday) - day_index(sunday), 1);
        assert_eq!(week_index(monday) - week_index(sunday), 1);
        assert_eq!(week_index(monday), week_index(monday + 6 * 86_400));
        assert_eq!(month_index(monday), month_index(monday + 6 * 86_400));
        assert_ne!(month_index(monday), month_index(monday + 7 * 86_400));
    }

    #[test]
    fn accepts_rfc3339_and_refuses_the_rest() {
        for good in [
            "2024-03-01T09:30:00Z",
            "2024-02-29t23:59:60z",
            "2024-03-01T09:30:00.123456+05:30",
            "0000-01-01T00:00:00-00:00",
        ] {
            assert!(is_rfc3339(good), "{good}");
        }
        for bad in [
            "",
            "2024-03-01",
            "2024-03-01 09:30:00Z",
            "2023-02-29T00:00:00Z",
            "2024-13-01T00:00:00Z",
            "2024-03-01T24:00:00Z",
            "2024-03-01T09:30:00",
            "2024-03-01T09:30:00.Z",
            "2024-03-01T09:30:00+0530",
            "２024-03-01T09:30:00Z",
        ] {
            assert!(!is_rfc3339(bad), "{bad}");
        }
    }
}
