//! The quarters the inputs hold, each read from a file's content or its name (never from
//! `--quarter`): to refuse a `--quarter` that no return is for before anything is written,
//! naming the quarters there are and the closest, and to sum up the returns of other
//! quarters left out in one line per run of consecutive quarters.
//!
//! It must never guess a quarter that no file says: a file that says none is attributed
//! to `--quarter` by the decision, and does not make `--quarter` a quarter the inputs hold.

use std::collections::BTreeMap;

use crate::base::calendar::Quarter;
use crate::base::text::plural;

use super::{quarter_from_name, Collation, Disposition, Entry};

impl Entry {
    /// The quarter the file says it is for: from its content, else its file name; `None`
    /// when neither says.
    pub(crate) fn quarter_found(&self) -> Option<Quarter> {
        self.outcome
            .quarter
            .or_else(|| quarter_from_name(&self.file_name()))
    }
}

/// A quarter's place in time, one apart for consecutive quarters.
fn index(q: Quarter) -> i64 {
    i64::from(q.start_year) * 4 + i64::from(q.number) - 1
}

/// Quarters named as one reads them, the year said once while it does not change:
/// "2016-17 Q3", "2016-17 Q1 and Q2", "2016-17 Q1, Q2 and Q4", "2016-17 Q4 and 2017-18
/// Q1"; "no quarter" for none.
pub fn quarters_named(quarters: &[Quarter]) -> String {
    let mut named: Vec<String> = Vec::new();
    let mut year = None;
    for q in quarters {
        if year == Some(q.start_year) {
            named.push(format!("Q{}", q.number));
        } else {
            year = Some(q.start_year);
            named.push(q.to_string());
        }
    }
    match named.as_slice() {
        [] => "no quarter".to_string(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// A run of consecutive quarters as one reads it: "2016-17 Q2", "2016-17 Q1–Q3",
/// "2016-17 Q4–2017-18 Q1".
pub fn quarter_span(first: Quarter, last: Quarter) -> String {
    if first == last {
        first.to_string()
    } else if first.start_year == last.start_year {
        format!("{first}–Q{}", last.number)
    } else {
        format!("{first}–{last}")
    }
}

impl Collation {
    /// Files by the quarter they say they are for (identical copies included).
    pub(crate) fn quarters_held(&self) -> BTreeMap<Quarter, usize> {
        let mut held = BTreeMap::new();
        for q in self.entries.iter().filter_map(Entry::quarter_found) {
            *held.entry(q).or_default() += 1;
        }
        held
    }

    /// Why `--quarter want` cannot be collated, or `None`: no file is for it while some
    /// are for other quarters. The message names the quarters the inputs hold, with how
    /// many files each, and the closest.
    pub fn quarter_not_held(&self, want: Quarter) -> Option<String> {
        let held = self.quarters_held();
        if held.is_empty() || held.contains_key(&want) {
            return None;
        }
        let list: Vec<String> = held
            .iter()
            .map(|(q, n)| format!("{q} ({})", plural(*n, "return")))
            .collect();
        let (closest, _) = held
            .iter()
            .min_by_key(|(q, n)| ((index(**q) - index(want)).abs(), std::cmp::Reverse(**n)))
            .expect("not empty");
        Some(format!(
            "--quarter '{want}': no return in the inputs is for that quarter. The inputs hold {}. The closest is {closest}: write --quarter \"{closest}\", or leave --quarter out to collate every quarter",
            list.join(", ")
        ))
    }

    /// The returns of other quarters than `--quarter`, left out, as runs of consecutive
    /// quarters, earliest first: (first quarter, last quarter, files).
    pub fn other_quarters(&self) -> Vec<(Quarter, Quarter, usize)> {
        let mut by: BTreeMap<Quarter, usize> = BTreeMap::new();
        for e in &self.entries {
            if let (Disposition::OtherQuarter, Some(q)) = (&e.disposition, e.quarter) {
                *by.entry(q).or_default() += 1;
            }
        }
        let mut runs: Vec<(Quarter, Quarter, usize)> = Vec::new();
        for (q, n) in by {
            match runs.last_mut() {
                Some((_, last, total)) if index(q) == index(*last) + 1 => {
                    *last = q;
                    *total += n;
                }
                _ => runs.push((q, q, n)),
            }
        }
        runs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(start_year: i32, number: u32) -> Quarter {
        Quarter { start_year, number }
    }

    #[test]
    fn spans_name_the_year_once_within_a_year() {
        assert_eq!(quarter_span(q(2016, 2), q(2016, 2)), "2016-17 Q2");
        assert_eq!(quarter_span(q(2016, 1), q(2016, 3)), "2016-17 Q1–Q3");
        assert_eq!(
            quarter_span(q(2016, 4), q(2017, 1)),
            "2016-17 Q4–2017-18 Q1"
        );
        assert_eq!(index(q(2017, 1)) - index(q(2016, 4)), 1);
    }

    #[test]
    fn quarters_are_named_with_the_year_once() {
        assert_eq!(quarters_named(&[]), "no quarter");
        assert_eq!(quarters_named(&[q(2016, 3)]), "2016-17 Q3");
        assert_eq!(
            quarters_named(&[q(2016, 1), q(2016, 2), q(2016, 4)]),
            "2016-17 Q1, Q2 and Q4"
        );
        assert_eq!(
            quarters_named(&[q(2016, 4), q(2017, 1)]),
            "2016-17 Q4 and 2017-18 Q1"
        );
    }
}
