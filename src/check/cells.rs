//! Reading cell values the way SPEC.md says: text folded, lists matched ignoring case,
//! dates from real dates, serials or UK text, postcodes, emails and counts.
//!
//! Each reader returns the normalised value (what the national workbook stores) or the
//! reason it cannot be read, and may attach a warning when it had to guess (a serial in a
//! date column, `Y` for `Yes`). It never decides whether a blank is allowed: that is
//! [`crate::check::rules`]'s job.

use crate::base::dates::{self, Date, TextDate};
use crate::base::text::{date_text, fold_text, number_text};
use crate::definition::codes::Code;
use crate::definition::List;
use crate::read::Stored;

/// A reader's complaint: a finding code and the message's reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub code: Code,
    pub message: String,
}

fn problem(code: Code, message: impl Into<String>) -> Problem {
    Problem {
        code,
        message: message.into(),
    }
}

/// What a reader made of a cell: the value, and perhaps a warning.
pub type Reading<T> = Result<(T, Option<Problem>), Problem>;

/// The cell as it is shown, for messages: text as typed, numbers plainly, dates as dates.
pub fn display(value: &Stored) -> String {
    match value {
        Stored::Text(t) => t.clone(),
        Stored::Number(n) => number_text(*n),
        Stored::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Stored::Date(d) => date_text(*d),
        Stored::Error(e) => e.clone(),
        Stored::Formula(f) if f.is_empty() => "(formula)".to_string(),
        Stored::Formula(f) => format!("={}", f.trim_start_matches('=')),
    }
}

/// Whether a cell counts as blank (nothing, or only white space).
pub fn is_blank(value: Option<&Stored>) -> bool {
    match value {
        None => true,
        Some(Stored::Text(t)) => t.trim().is_empty(),
        Some(_) => false,
    }
}

/// Text: trimmed, white space folded; numbers and dates as they read.
pub fn read_text(value: &Stored) -> String {
    match value {
        Stored::Text(t) => fold_text(t),
        other => display(other),
    }
}

/// A date: a real date, a serial (with a warning), or ISO / UK day-first text.
pub fn read_date(value: &Stored, date1904: bool) -> Reading<Date> {
    match value {
        Stored::Date(serial) => Date::from_serial(*serial)
            .map(|d| (d, None))
            .ok_or_else(|| problem(Code::NotADate, "is not a plausible date: type the date as DD/MM/YYYY")),
        Stored::Number(n) => {
            let serial = if date1904 { n + 1462.0 } else { *n };
            match Date::from_serial(serial) {
                Some(d) if d.year >= 1900 => Ok((
                    d,
                    Some(problem(
                        Code::DateSerial,
                        format!("is a number, read as the Excel date {}: format the cell as a date (DD/MM/YYYY)", d.uk()),
                    )),
                )),
                _ => Err(problem(Code::NotADate, "is a number, not a date: type the date as DD/MM/YYYY")),
            }
        }
        Stored::Text(t) => match dates::parse_text_date(t) {
            TextDate::Date(d) => Ok((d, None)),
            TextDate::LooksUs(d) => Err(problem(
                Code::DateUsFormat,
                format!(
                    "looks like a US month-first date ({}): type it day-first as {} or enter a real date",
                    d.iso(),
                    d.uk()
                ),
            )),
            TextDate::Invalid => Err(problem(Code::NotADate, "is not a date: type the date as DD/MM/YYYY")),
        },
        _ => Err(problem(Code::NotADate, "is not a date: type the date as DD/MM/YYYY")),
    }
}

/// A list value, matched after trimming and ignoring case; the list's own spelling is
/// kept. `Y`/`N` are read as `Yes`/`No` with a warning where the list has them.
pub fn read_list(value: &Stored, list: &List) -> Reading<String> {
    let text = read_text(value);
    if let Some(v) = list
        .values
        .iter()
        .find(|v| v.eq_ignore_ascii_case(&text) || fold_eq(v, &text))
    {
        return Ok((v.clone(), None));
    }
    let yes_no = |want: &str| list.values.iter().find(|v| v.as_str() == want).cloned();
    let short = match text.to_ascii_uppercase().as_str() {
        "Y" => yes_no("Yes"),
        "N" => yes_no("No"),
        _ => None,
    };
    if let Some(v) = short {
        return Ok((
            v.clone(),
            Some(problem(
                Code::YesNoAbbreviated,
                format!("'{text}' was read as '{v}': choose '{v}' from the list"),
            )),
        ));
    }
    Err(problem(Code::NotInList, not_in_list_message(&text, list)))
}

fn fold_eq(a: &str, b: &str) -> bool {
    a.to_lowercase() == b.to_lowercase()
}

fn not_in_list_message(text: &str, list: &List) -> String {
    let closest = list
        .values
        .iter()
        .map(|v| {
            (
                strsim::jaro_winkler(&v.to_lowercase(), &text.to_lowercase()),
                v,
            )
        })
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match closest {
        Some((score, v)) if score >= 0.85 => {
            format!("'{text}' is not in the {} list: did you mean '{v}'? Choose a value from the drop-down", list.name)
        }
        _ if list.values.len() <= 12 => format!(
            "'{text}' is not in the {} list: choose one of {}",
            list.name,
            list.values
                .iter()
                .map(|v| format!("'{v}'"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        _ => format!(
            "'{text}' is not in the {} list: choose a value from the drop-down",
            list.name
        ),
    }
}

/// A UK postcode, full (`SW1A 1AA`) or outward part only (`SW1A`), stored upper case
/// with one space before the inward part.
pub fn read_postcode(value: &Stored) -> Result<String, Problem> {
    let raw = read_text(value);
    let compact: String = raw
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase();
    if is_outward(&compact) {
        return Ok(compact);
    }
    if compact.len() >= 5 {
        let (outward, inward) = compact.split_at(compact.len() - 3);
        if is_outward(outward) && is_inward(inward) {
            return Ok(format!("{outward} {inward}"));
        }
    }
    if compact == "GIR0AA" {
        return Ok("GIR 0AA".to_string());
    }
    Err(problem(
        Code::NotAPostcode,
        format!("'{raw}' is not a UK postcode: give it in full (SW1A 1AA) or its first part only (SW1A)"),
    ))
}

/// Outward codes: A9, A99, AA9, AA99, A9A, AA9A.
fn is_outward(s: &str) -> bool {
    let b = s.as_bytes();
    let alpha = |i: usize| b.get(i).is_some_and(u8::is_ascii_uppercase);
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    match b.len() {
        2 => alpha(0) && digit(1),
        3 => {
            alpha(0) && ((digit(1) && digit(2)) || (alpha(1) && digit(2)) || (digit(1) && alpha(2)))
        }
        4 => alpha(0) && alpha(1) && digit(2) && (digit(3) || alpha(3)),
        _ => false,
    }
}

fn is_inward(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 3 && b[0].is_ascii_digit() && b[1].is_ascii_uppercase() && b[2].is_ascii_uppercase()
}

/// An email address: one `@`, something before it, a dotted domain after, no spaces.
pub fn read_email(value: &Stored) -> Result<String, Problem> {
    let raw = read_text(value);
    let ok = match raw.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !raw.contains(' ')
        }
        None => false,
    };
    if ok {
        Ok(raw)
    } else {
        Err(problem(
            Code::NotAnEmail,
            format!("'{raw}' is not an email address: give one like name@force.police.uk"),
        ))
    }
}

/// A whole number of zero or more.
pub fn read_count(value: &Stored) -> Result<u64, Problem> {
    let n = match value {
        Stored::Number(n) => Some(*n),
        Stored::Text(t) => fold_text(t).parse::<f64>().ok(),
        _ => None,
    };
    match n {
        Some(n) if n >= 0.0 && n.fract() == 0.0 && n < 1e9 => Ok(n as u64),
        _ => Err(problem(
            Code::NotACount,
            format!("'{}' is not a whole number of zero or more", display(value)),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(values: &[&str]) -> List {
        List {
            name: "Test".into(),
            values: values.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn lists_ignore_case_and_keep_spelling() {
        let yn = list(&["Yes", "No"]);
        assert_eq!(
            read_list(&Stored::Text(" yes ".into()), &yn).unwrap().0,
            "Yes"
        );
        let (v, warn) = read_list(&Stored::Text("n".into()), &yn).unwrap();
        assert_eq!(
            (v.as_str(), warn.unwrap().code),
            ("No", Code::YesNoAbbreviated)
        );
        let cat = list(&["Assault", "Arson"]);
        let err = read_list(&Stored::Text("Assult".into()), &cat).unwrap_err();
        assert_eq!(err.code, Code::NotInList);
        assert!(
            err.message.contains("did you mean 'Assault'"),
            "{}",
            err.message
        );
        assert!(read_list(&Stored::Text("Y".into()), &cat).is_err());
    }

    #[test]
    fn postcodes() {
        for (input, want) in [
            ("sw1a1aa", "SW1A 1AA"),
            ("SW1A  1AA", "SW1A 1AA"),
            ("m1 1ae", "M1 1AE"),
            ("SW1A", "SW1A"),
            ("b33 8th", "B33 8TH"),
            ("CR2 6XH", "CR2 6XH"),
        ] {
            assert_eq!(
                read_postcode(&Stored::Text(input.into())).unwrap(),
                want,
                "{input}"
            );
        }
        for bad in ["NOT A POSTCODE", "12345", "SW1A 1A", "S"] {
            assert_eq!(
                read_postcode(&Stored::Text(bad.into())).unwrap_err().code,
                Code::NotAPostcode,
                "{bad}"
            );
        }
    }

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

    #[test]
    fn emails_and_counts() {
        assert!(read_email(&Stored::Text("a.b@kent.police.uk".into())).is_ok());
        for bad in ["not-an-email", "a@b", "a b@c.uk", "@c.uk"] {
            assert_eq!(
                read_email(&Stored::Text(bad.into())).unwrap_err().code,
                Code::NotAnEmail
            );
        }
        assert_eq!(read_count(&Stored::Number(5.0)).unwrap(), 5);
        assert_eq!(read_count(&Stored::Text(" 7 ".into())).unwrap(), 7);
        assert!(read_count(&Stored::Number(-1.0)).is_err());
        assert!(read_count(&Stored::Number(2.5)).is_err());
    }
}
