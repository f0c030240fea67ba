//! Reporting quarters written the ways people write them ("Q1 2016/17", "2016/17 Q1",
//! "Apr-Jun 2016", "Q1 16-17", "Q1 2016-2017", "April to June 2016"), read only to
//! suggest the Quarters list's spelling.
//!
//! It never accepts such a value: the list's spelling is the only valid one, and the
//! message says exactly which value to choose. A spelling that could mean two quarters
//! ("Q1 2016": financial or calendar?) gets no suggestion.

use crate::base::calendar::Quarter;

/// The quarter a loosely written `text` means, if it says one without doubt: a quarter
/// number and a financial year, or the three months of a quarter and a year.
pub fn loose_quarter(text: &str) -> Option<Quarter> {
    let lower = text.to_lowercase();
    let tokens: Vec<&str> = lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|t| !t.is_empty())
        .collect();
    let mut number = None;
    let mut months = Vec::new();
    let mut years = Vec::new();
    let mut after_quarter_word = false;
    for token in tokens {
        let token = token.strip_prefix("fy").unwrap_or(token);
        if let Some(n) = quarter_number(token) {
            set_once(&mut number, n)?;
        } else if matches!(token, "q" | "qtr" | "quarter") {
            after_quarter_word = true;
            continue;
        } else if after_quarter_word && token.len() == 1 {
            set_once(
                &mut number,
                token.parse().ok().filter(|n| (1..=4).contains(n))?,
            )?;
        } else if let Some(m) = month(token) {
            months.push(m);
        } else if token.bytes().all(|b| b.is_ascii_digit()) && matches!(token.len(), 2 | 4) {
            years.push(full_year(token.parse().ok()?));
        } else if !matches!(token, "to" | "and" | "fy" | "financial" | "year") {
            return None;
        }
        after_quarter_word = false;
    }
    let from_months = match months.as_slice() {
        [] => None,
        [first, .., last] => Some(months_quarter(*first, *last)?),
        [_] => return None,
    };
    match (number, from_months, years.as_slice()) {
        // A quarter number and a financial year.
        (Some(n), None, [a, b]) if b - a == 1 => Some(Quarter {
            start_year: *a,
            number: n,
        }),
        // Three months and the calendar year they fall in.
        (None, Some(n), [year]) => Some(Quarter {
            start_year: if n == 4 { year - 1 } else { *year },
            number: n,
        }),
        // Three months and a financial year.
        (None, Some(n), [a, b]) if b - a == 1 => Some(Quarter {
            start_year: *a,
            number: n,
        }),
        _ => None,
    }
}

/// Stores `n` unless a different number is already there.
fn set_once(slot: &mut Option<u32>, n: u32) -> Option<()> {
    match *slot {
        Some(old) if old != n => None,
        _ => {
            *slot = Some(n);
            Some(())
        }
    }
}

/// `q1`..`q4` (or `qtr2`, `quarter3`).
fn quarter_number(token: &str) -> Option<u32> {
    let digits = ["quarter", "qtr", "q"]
        .iter()
        .find_map(|p| token.strip_prefix(p))?;
    let n: u32 = digits.parse().ok()?;
    (1..=4).contains(&n).then_some(n)
}

/// The month (1-12) a word names, by its first three letters.
fn month(token: &str) -> Option<u32> {
    const NAMES: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    if token.len() < 3 {
        return None;
    }
    NAMES
        .iter()
        .position(|name| name.starts_with(token) || (token == "sept" && *name == "september"))
        .map(|i| i as u32 + 1)
}

/// The financial quarter from its first and last months (April-June is Q1).
fn months_quarter(first: u32, last: u32) -> Option<u32> {
    match (first, last) {
        (4, 6) => Some(1),
        (7, 9) => Some(2),
        (10, 12) => Some(3),
        (1, 3) => Some(4),
        _ => None,
    }
}

/// A two-digit year is in this century.
fn full_year(y: i32) -> i32 {
    if y < 100 {
        2000 + y
    } else {
        y
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(text: &str) -> Option<String> {
        loose_quarter(text).map(|q| q.to_string())
    }

    #[test]
    fn the_ways_people_write_a_quarter_read_as_the_list_spelling() {
        for text in [
            "Q1 2016/17",
            "2016/17 Q1",
            "Apr-Jun 2016",
            "Q1 16-17",
            "2016-17 q1",
            "Q1 2016-2017",
            "April to June 2016",
            "Quarter 1 2016/17",
            "FY16/17 Q1",
            "q1 2016/2017",
            "Apr - Jun 2016/17",
        ] {
            assert_eq!(q(text).as_deref(), Some("2016-17 Q1"), "{text}");
        }
        assert_eq!(q("Jan-Mar 2017").as_deref(), Some("2016-17 Q4"));
        assert_eq!(q("Oct-Dec 2016").as_deref(), Some("2016-17 Q3"));
        assert_eq!(q("Q3 2018/19").as_deref(), Some("2018-19 Q3"));
    }

    #[test]
    fn a_doubtful_quarter_gets_no_suggestion() {
        for text in [
            "Q1 2016",
            "Q5 2016/17",
            "Q1 2016/18",
            "Apr-May 2016",
            "June 2016",
            "Q1 Q2 2016/17",
            "the first quarter",
            "",
        ] {
            assert_eq!(q(text), None, "{text}");
        }
    }
}
