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
    let year = match u32::try_from(year) {
        Ok(year) if year <= 9999 => year,
        // Years that do not fit four digits: the general (slower) path.
        _ => {
            return format!(
                "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
                secs / 3600,
                secs / 60 % 60,
                secs % 60
            );
        }
    };
    // Written digit by digit: each customer answer carries several timestamps, and
    // `format!` with widths cost about a quarter of the sandbox's work per getCustomer
    // (callgrind, see BENCHMARKS.md).
    let secs = secs as u32; // 0..86_400
    let mut text = *b"0000-00-00T00:00:00Z";
    for (at, value, width) in [
        (0, year, 4),
        (5, month, 2),
        (8, day, 2),
        (11, secs / 3600, 2),
        (14, secs / 60 % 60, 2),
        (17, secs % 60, 2),
    ] {
        let mut rest = value;
        for slot in text[at..at + width].iter_mut().rev() {
            *slot = b'0' + (rest % 10) as u8;
            rest /= 10;
        }
    }
    text.iter().map(|&b| char::from(b)).collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_known_instants() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(1_779_703_200), "2026-05-25T10:00:00Z");
        assert_eq!(rfc3339(1_779_749_999), "2026-05-25T22:59:59Z");
        assert_eq!(rfc3339(-1), "1969-12-31T23:59:59Z");
        assert_eq!(rfc3339(-62_135_596_800), "0001-01-01T00:00:00Z");
        assert_eq!(rfc3339(253_402_300_799), "9999-12-31T23:59:59Z");
        assert_eq!(rfc3339(253_402_300_800 + 3_661), "10000-01-01T01:01:01Z");
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
}
