//! Dates as a return gives them: a real date, a number read as an Excel serial (with a
//! warning), or text in ISO or UK day-first form. A text date that only reads month-first
//! (US) is refused with the day-first spelling to use instead.
//!
//! It reads one cell; whether the date is inside the quarter is a rule
//! (`rules::inside_quarter`).

use crate::base::calendar::{self, Date, TextDate};
use crate::base::text::quote;
use crate::definition::codes::Code;
use crate::read::Stored;

use super::{display, problem, Reading};

/// A date: a real date, a serial (with a warning), or ISO / UK day-first text.
pub fn read_date(value: &Stored, date1904: bool) -> Reading<Date> {
    // The value as typed, the subject of every message (made only for a message).
    let shown = || quote(&display(value));
    let not_a_date = || {
        problem(
            Code::NotADate,
            format!("{} is not a date: type the date as DD/MM/YYYY", shown()),
        )
    };
    match value {
        Stored::Date(serial) => Date::from_serial(*serial)
            .map(|d| (d, None))
            .ok_or_else(|| problem(Code::NotADate, format!("{} is not a plausible date: type the date as DD/MM/YYYY", shown()))),
        Stored::Number(n) => {
            let serial = if date1904 { n + 1462.0 } else { *n };
            match Date::from_serial(serial) {
                Some(d) if d.year >= 1900 => Ok((
                    d,
                    Some(problem(
                        Code::DateSerial,
                        format!("{} is a number, read as the Excel date {}: format the cell as a date (DD/MM/YYYY)", display(value), d.uk()),
                    )),
                )),
                _ => Err(problem(Code::NotADate, format!("{} is a number, not a date: type the date as DD/MM/YYYY", display(value)))),
            }
        }
        Stored::Text(t) => match calendar::parse_text_date(t) {
            TextDate::Date(d) => Ok((d, None)),
            TextDate::LooksUs(d) => Err(problem(
                Code::DateUsFormat,
                format!(
                    "{} looks like a US month-first date ({}): type it day-first as {} or enter a real date",
                    shown(),
                    d.iso(),
                    d.uk()
                ),
            )),
            TextDate::Invalid => Err(not_a_date()),
        },
        _ => Err(not_a_date()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_from_every_form() {
        let d = Date::new(2016, 4, 14).unwrap();
        assert_eq!(read_date(&Stored::Date(42474.0), false).unwrap(), (d, None));
        let (got, warn) = read_date(&Stored::Number(42474.0), false).unwrap();
        assert_eq!((got, warn.unwrap().code), (d, Code::DateSerial));
        assert_eq!(
            read_date(&Stored::Number(42474.0 - 1462.0), true)
                .unwrap()
                .0,
            d
        );
        assert_eq!(
            read_date(&Stored::Text("14/04/2016".into()), false)
                .unwrap()
                .0,
            d
        );
        assert_eq!(
            read_date(&Stored::Text("04/14/2016".into()), false)
                .unwrap_err()
                .code,
            Code::DateUsFormat
        );
        assert_eq!(
            read_date(&Stored::Text("soon".into()), false)
                .unwrap_err()
                .code,
            Code::NotADate
        );
        assert_eq!(
            read_date(&Stored::Bool(true), false).unwrap_err().code,
            Code::NotADate
        );
    }
}
