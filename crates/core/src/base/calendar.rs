//! Calendar dates, Excel serials and financial-year quarters.
//!
//! bridger needs only whole dates, so it carries its own small civil-calendar arithmetic.
//! It never reads the clock: "today" is given by the caller (the command line reads the
//! UK's calendar day, `src/clock.rs`). Excel serials are always read in the 1900 system here: a
//! workbook in the 1904 system is converted by the reader before a serial reaches this
//! module.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A calendar date (proleptic Gregorian). Serde (for the worker processes' wire) reads
/// back only a day that exists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "Ymd")]
pub struct Date {
    /// Calendar year, e.g. 2016 (not the financial year).
    pub year: i32,
    /// Month of the year, 1 (January) to 12.
    pub month: u32,
    /// Day of the month, one-based.
    pub day: u32,
}

impl Date {
    /// A date, if the day exists in that month.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date that is `days` after 1970-01-01.
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let y = yoe + era * 400;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        Date {
            year: (y + i64::from(m <= 2)) as i32,
            month: m,
            day: d,
        }
    }

    /// The Excel serial (1900 system) of this date.
    pub fn to_serial(self) -> f64 {
        (self.days() + EXCEL_EPOCH_OFFSET) as f64
    }

    /// The date of an Excel serial (1900 system), ignoring any time of day. Serials below 61
    /// fall in Excel's fictitious 1900 leap day region and are not plausible here.
    pub fn from_serial(serial: f64) -> Option<Date> {
        if !serial.is_finite() || !(61.0..2_958_466.0).contains(&serial) {
            return None;
        }
        Some(Date::from_days(serial.floor() as i64 - EXCEL_EPOCH_OFFSET))
    }

    /// Whole years from `born` to `self` (an age).
    pub(crate) fn years_since(self, born: Date) -> i32 {
        let mut years = self.year - born.year;
        if (self.month, self.day) < (born.month, born.day) {
            years -= 1;
        }
        years
    }

    /// ISO 8601 text, `2016-04-01`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// UK text, `01/04/2016` (`UK_FORMAT`).
    pub fn uk(self) -> String {
        format!("{:02}/{:02}/{:04}", self.day, self.month, self.year)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

/// How a UK date is written (`Date::uk`), as Excel's number format says it: what the
/// template asks for and how bridger's workbooks show dates.
pub(crate) const UK_FORMAT: &str = "dd/mm/yyyy";

/// Days between 1899-12-30 (Excel's day 0 after the 1900 leap bug) and 1970-01-01.
const EXCEL_EPOCH_OFFSET: i64 = 25_569;

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// How a text date was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextDate {
    /// A date in one of the accepted forms.
    Date(Date),
    /// Day-first reading is impossible but month-first works: `07/13/2016`.
    LooksUs(Date),
    /// Not a date in any accepted form.
    Invalid,
}

/// Reads a text date: `YYYY-MM-DD` (a time after it is ignored), or UK day-first
/// `DD/MM/YYYY`, `D/M/YYYY`, `DD-MM-YYYY`, `DD.MM.YYYY`.
pub fn parse_text_date(text: &str) -> TextDate {
    let text = text.trim();
    let date_part = text.split(['T', ' ']).next().unwrap_or("");
    let parts: Vec<&str> = date_part.split(['/', '-', '.']).collect();
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return TextDate::Invalid;
    }
    // A time is only allowed after an ISO date.
    let iso = parts[0].len() == 4;
    if !iso && date_part.len() != text.len() {
        return TextDate::Invalid;
    }
    let nums: Vec<u32> = match parts.iter().map(|p| p.parse::<u32>()).collect() {
        Ok(n) => n,
        Err(_) => return TextDate::Invalid,
    };
    if iso {
        if parts[1].len() > 2 || parts[2].len() > 2 {
            return TextDate::Invalid;
        }
        return Date::new(nums[0] as i32, nums[1], nums[2])
            .map_or(TextDate::Invalid, TextDate::Date);
    }
    if parts[2].len() != 4 || parts[0].len() > 2 || parts[1].len() > 2 {
        return TextDate::Invalid;
    }
    let year = nums[2] as i32;
    match Date::new(year, nums[1], nums[0]) {
        Some(d) => TextDate::Date(d),
        None => match Date::new(year, nums[0], nums[1]) {
            Some(d) => TextDate::LooksUs(d),
            None => TextDate::Invalid,
        },
    }
}

/// A reporting quarter of a financial year: `2016-17 Q1` is 1 April – 30 June 2016. Serde
/// reads back only quarters 1 to 4.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "QuarterParts")]
pub struct Quarter {
    /// The calendar year in which the financial year starts (2016 for 2016-17).
    pub start_year: i32,
    /// 1 to 4.
    pub number: u32,
}

impl Quarter {
    /// Parses `2016-17 Q1` (case and spacing forgiven).
    pub fn parse(text: &str) -> Option<Quarter> {
        let compact: String = text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_ascii_uppercase();
        let (years, q) = compact.split_once(" Q")?;
        let number: u32 = q.trim().parse().ok()?;
        let (a, b) = years.split_once('-')?;
        let start_year: i32 = a.parse().ok()?;
        let end: i32 = b.parse().ok()?;
        if a.len() != 4
            || b.len() != 2
            || (start_year + 1) % 100 != end
            || !(1..=4).contains(&number)
        {
            return None;
        }
        Some(Quarter { start_year, number })
    }

    /// The first day of the quarter.
    pub fn start(self) -> Date {
        let (year, month) = match self.number {
            1 => (self.start_year, 4),
            2 => (self.start_year, 7),
            3 => (self.start_year, 10),
            _ => (self.start_year + 1, 1),
        };
        Date {
            year,
            month,
            day: 1,
        }
    }

    /// The last day of the quarter.
    pub fn end(self) -> Date {
        let (year, month) = match self.number {
            1 => (self.start_year, 6),
            2 => (self.start_year, 9),
            3 => (self.start_year, 12),
            _ => (self.start_year + 1, 3),
        };
        Date {
            year,
            month,
            day: days_in_month(year, month),
        }
    }

    /// The quarter a date falls in.
    pub(crate) fn of(date: Date) -> Quarter {
        let (start_year, number) = match date.month {
            1..=3 => (date.year - 1, 4),
            4..=6 => (date.year, 1),
            7..=9 => (date.year, 2),
            _ => (date.year, 3),
        };
        Quarter { start_year, number }
    }

    /// Whether a date falls inside the quarter.
    pub(crate) fn contains(self, date: Date) -> bool {
        self.start() <= date && date <= self.end()
    }

    /// Every quarter from Q1 of `first` to Q4 of `last` (financial years by start year).
    pub(crate) fn range(first: i32, last: i32) -> Vec<Quarter> {
        (first..=last)
            .flat_map(|start_year| (1..=4).map(move |number| Quarter { start_year, number }))
            .collect()
    }
}

impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}-{:02} Q{}",
            self.start_year,
            (self.start_year + 1) % 100,
            self.number
        )
    }
}

/// A [`Date`] as serde reads it, before it is checked to exist.
#[derive(Deserialize)]
struct Ymd {
    year: i32,
    month: u32,
    day: u32,
}

impl TryFrom<Ymd> for Date {
    type Error = String;
    fn try_from(d: Ymd) -> Result<Date, String> {
        Date::new(d.year, d.month, d.day)
            .ok_or_else(|| format!("no such date: {}-{}-{}", d.year, d.month, d.day))
    }
}

/// A [`Quarter`] as serde reads it, before its number is checked.
#[derive(Deserialize)]
struct QuarterParts {
    start_year: i32,
    number: u32,
}

impl TryFrom<QuarterParts> for Quarter {
    type Error = String;
    fn try_from(q: QuarterParts) -> Result<Quarter, String> {
        if (1..=4).contains(&q.number) {
            Ok(Quarter {
                start_year: q.start_year,
                number: q.number,
            })
        } else {
            Err(format!("no such quarter: Q{}", q.number))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serials_round_trip() {
        let d = Date::new(2016, 4, 1).unwrap();
        assert_eq!(d.to_serial(), 42461.0);
        assert_eq!(Date::from_serial(42461.75), Some(d));
        assert_eq!(Date::from_days(d.days()), d);
        assert_eq!(Date::from_serial(60.0), None);
    }

    #[test]
    fn text_dates() {
        let d = Date::new(2016, 5, 7).unwrap();
        assert_eq!(parse_text_date("2016-05-07"), TextDate::Date(d));
        assert_eq!(parse_text_date("2016-05-07T00:00:00"), TextDate::Date(d));
        assert_eq!(parse_text_date("07/05/2016"), TextDate::Date(d));
        assert_eq!(parse_text_date("7/5/2016"), TextDate::Date(d));
        assert_eq!(parse_text_date("07-05-2016"), TextDate::Date(d));
        assert_eq!(
            parse_text_date("07/13/2016"),
            TextDate::LooksUs(Date::new(2016, 7, 13).unwrap())
        );
        assert_eq!(parse_text_date("31/02/2016"), TextDate::Invalid);
        assert_eq!(parse_text_date("07/05/16"), TextDate::Invalid);
        assert_eq!(parse_text_date("yesterday"), TextDate::Invalid);
        assert_eq!(parse_text_date("07/05/2016 12:00"), TextDate::Invalid);
    }

    #[test]
    fn quarters() {
        let q = Quarter::parse("2016-17 Q4").unwrap();
        assert_eq!(q.start(), Date::new(2017, 1, 1).unwrap());
        assert_eq!(q.end(), Date::new(2017, 3, 31).unwrap());
        assert_eq!(q.to_string(), "2016-17 Q4");
        let q1 = Quarter::parse(" 2016-17  q1 ").unwrap();
        assert_eq!(q1.end(), Date::new(2016, 6, 30).unwrap());
        assert!(q1.contains(Date::new(2016, 4, 1).unwrap()));
        assert!(!q1.contains(Date::new(2016, 7, 1).unwrap()));
        assert_eq!(Quarter::parse("2016-18 Q1"), None);
        assert_eq!(Quarter::parse("2016-17 Q5"), None);
        assert_eq!(Quarter::range(2016, 2030).len(), 60);
        assert_eq!(
            Date::new(2016, 4, 1)
                .unwrap()
                .years_since(Date::new(1975, 4, 2).unwrap()),
            40
        );
    }
}
