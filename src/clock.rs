//! "Today", the UK's calendar day: the one place bridger reads the clock for a date. The
//! core never reads a clock; the command line reads it here and hands the date in (the
//! date-in-the-future rule, days overdue).
//!
//! The day comes from a date library (jiff), which knows when the clocks change, so the
//! hour after midnight in summer is never UTC's day before.

use bridger_core::Date;

/// Today in the United Kingdom, from the system clock: see [`uk_date_of`].
pub fn uk_today() -> Date {
    uk_date_of(jiff::Timestamp::now())
}

/// The calendar day in the United Kingdom at the instant `ts`: Europe/London's, so GMT in
/// winter and BST (an hour ahead of UTC) in summer, when the hour after midnight is still
/// the day before in UTC.
fn uk_date_of(ts: jiff::Timestamp) -> Date {
    static LONDON: jiff::tz::TimeZone = jiff::tz::get!("Europe/London");
    let d = LONDON.to_datetime(ts).date();
    Date {
        year: i32::from(d.year()),
        month: u32::from(d.month().unsigned_abs()),
        day: u32::from(d.day().unsigned_abs()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn today_is_the_uk_calendar_day_in_summer_and_in_winter() {
        let day = |utc: &str| uk_date_of(utc.parse().unwrap()).iso();
        // The hour after midnight in British Summer Time is still the day before in UTC.
        assert_eq!(day("2026-06-30T22:59:59Z"), "2026-06-30");
        assert_eq!(day("2026-06-30T23:00:00Z"), "2026-07-01");
        assert_eq!(day("2026-06-30T23:30:00Z"), "2026-07-01");
        // In winter London is on GMT: UTC's day.
        assert_eq!(day("2026-12-31T23:30:00Z"), "2026-12-31");
        assert_eq!(day("2027-01-01T00:00:00Z"), "2027-01-01");
        // The clocks go forward at 01:00 UTC on Sunday 29 March 2026...
        assert_eq!(day("2026-03-28T23:30:00Z"), "2026-03-28");
        assert_eq!(day("2026-03-29T23:30:00Z"), "2026-03-30");
        // ...and back at 01:00 UTC on Sunday 25 October 2026.
        assert_eq!(day("2026-10-24T23:30:00Z"), "2026-10-25");
        assert_eq!(day("2026-10-25T23:30:00Z"), "2026-10-25");
        // A leap day and the turn of a leap year.
        assert_eq!(day("2028-02-28T23:30:00Z"), "2028-02-28");
        assert_eq!(day("2028-06-30T23:30:00Z"), "2028-07-01");
    }
}
