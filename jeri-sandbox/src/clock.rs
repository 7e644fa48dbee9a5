//! Wall-clock time as Unix seconds, and as the wire's `date-time` values.
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

/// The wire type of a `format: date-time` value for a Unix time. Any time the store
/// keeps (made by [`now`], which is never before the epoch nor past `i64` seconds) is in
/// chrono's range; one that were not would read as the epoch.
pub(crate) fn date_time(unix: i64) -> jeri_runtime::chrono::DateTime<jeri_runtime::chrono::Utc> {
    jeri_runtime::chrono::DateTime::from_timestamp(unix, 0).unwrap_or_default()
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
        let text =
            |unix| date_time(unix).to_rfc3339_opts(jeri_runtime::chrono::SecondsFormat::Secs, true);
        assert_eq!(text(0), "1970-01-01T00:00:00Z");
        assert_eq!(text(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(text(1_779_703_200), "2026-05-25T10:00:00Z");
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
