//! Reading cell values the way `docs/annex-c.md` says: text folded, lists matched ignoring
//! case, dates from real dates, serials or UK text, postcodes, emails and counts.
//!
//! Each reader returns the normalised value (what the national workbook stores) or the
//! reason it cannot be read, and may attach a warning when it had to guess (a serial in a
//! date column, `Y` for `Yes`). It never decides whether a blank is allowed: that is
//! [`crate::check::rules`]'s job. Each kind of value has its own file; this one holds
//! what they share: text, blanks, and how a cell is shown in a message.

mod count;
mod date_cell;
mod email;
mod list_cell;
mod postcode;
mod quarters;

pub use count::read_count;
pub use date_cell::read_date;
pub use email::read_email;
pub(crate) use list_cell::not_a_force;
pub use list_cell::read_list;
pub use postcode::read_postcode;
pub use quarters::loose_quarter;

use crate::base::text::{date_text, fold_text, number_text};
use crate::definition::codes::Code;
use crate::read::Stored;

/// A reader's complaint: a finding code and the message's reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The finding code the problem is reported under.
    pub code: Code,
    /// Why the cell does not read, worded for the finding's message.
    pub message: String,
}

fn problem(code: Code, message: impl Into<String>) -> Problem {
    Problem {
        code,
        message: message.into(),
    }
}

/// What a reader made of a cell: the value, and perhaps a warning.
pub(crate) type Reading<T> = Result<(T, Option<Problem>), Problem>;

/// The cell as it is shown, for messages: text as typed, numbers plainly, dates as dates.
pub fn display(value: &Stored) -> String {
    match value {
        Stored::Text(t) => t.to_string(),
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
