//! Where each force stands for each quarter, in one word the grid, the Summary, the
//! headline and the JSON all share: valid, late, invalid but collated, invalid, modified,
//! unreadable or missing; and the due date that makes a return late.
//!
//! Every count of responses is taken from [`Tally`], so that `--include-invalid` cannot
//! make the Summary, the headline, the JSON and the grid disagree.

use serde::Serialize;

use crate::base::dates::{Date, Quarter};

use super::{Collation, ForceRow, ForceStatus};

/// A force's standing for a quarter: its status, with valid returns split by whether they
/// were late and invalid ones by whether `--include-invalid` collated them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Standing {
    /// A valid return, dated on or before the due date.
    Valid,
    /// A valid return dated after the due date: accepted, and shown as late.
    Late,
    /// A return with errors, collated because of `--include-invalid`.
    InvalidCollated,
    /// A return with errors, rejected.
    Invalid,
    /// A return on an altered template, rejected.
    Modified,
    /// A file that could not be read as a spreadsheet, rejected.
    Unreadable,
    /// No return.
    Missing,
}

impl Standing {
    /// Every standing, in the order of the grid's legend.
    pub const ALL: [Standing; 7] = [
        Standing::Valid,
        Standing::Late,
        Standing::InvalidCollated,
        Standing::Invalid,
        Standing::Modified,
        Standing::Unreadable,
        Standing::Missing,
    ];

    /// The word in a grid cell.
    pub fn label(self) -> &'static str {
        match self {
            Standing::Valid => "valid",
            Standing::Late => "late",
            Standing::InvalidCollated => "invalid, in",
            Standing::Invalid => "invalid",
            Standing::Modified => "modified",
            Standing::Unreadable => "unreadable",
            Standing::Missing => "missing",
        }
    }

    /// What the word means, for the legend.
    pub fn meaning(self) -> &'static str {
        match self {
            Standing::Valid => "a valid return, on time: collated",
            Standing::Late => "a valid return dated after the due date: collated, but late",
            Standing::InvalidCollated => {
                "a return with errors, collated anyway because of --include-invalid"
            }
            Standing::Invalid => "a return with errors: rejected, to be corrected and sent again",
            Standing::Modified => {
                "a return on an altered template: rejected, to be sent again on the real template"
            }
            Standing::Unreadable => "a file that could not be read: rejected, to be sent again",
            Standing::Missing => "no return received",
        }
    }

    /// Whether the force still owes a valid return for the quarter (it is on the chase
    /// list).
    pub fn to_chase(self) -> bool {
        !matches!(self, Standing::Valid | Standing::Late)
    }
}

impl ForceRow {
    /// Where the force stands for the quarter.
    pub fn standing(&self) -> Standing {
        match self.status {
            ForceStatus::Valid if self.late => Standing::Late,
            ForceStatus::Valid => Standing::Valid,
            ForceStatus::Invalid if self.collated => Standing::InvalidCollated,
            ForceStatus::Invalid => Standing::Invalid,
            ForceStatus::ModifiedTemplate => Standing::Modified,
            ForceStatus::Unreadable => Standing::Unreadable,
            ForceStatus::Missing => Standing::Missing,
        }
    }
}

/// The due date of a quarter's return: `due_days` after its last day.
pub fn default_deadline(q: Quarter, due_days: i64) -> Date {
    Date::from_days(q.end().days() + due_days)
}

/// The expected force-quarters counted by standing, and the totals every report shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    /// Expected force-quarters.
    pub expected: usize,
    /// Those with a return of any kind.
    pub responded: usize,
    /// Valid returns, late ones included.
    pub valid: usize,
    /// Of the valid returns, those dated after the due date.
    pub late: usize,
    /// Returns whose rows are in the national workbook (valid, and invalid ones with
    /// `--include-invalid`).
    pub collated: usize,
    /// Invalid returns collated because of `--include-invalid`.
    pub invalid_collated: usize,
    /// Returns not collated: invalid (without `--include-invalid`), modified or unreadable.
    pub rejected: usize,
    /// No return.
    pub missing: usize,
    /// Returns from forces not in the expected list (not counted above).
    pub unexpected: usize,
}

impl Collation {
    /// The tally of expected force-quarters, which every count of responses comes from.
    pub fn tally(&self) -> Tally {
        let mut t = Tally::default();
        for r in &self.forces {
            if !r.expected {
                t.unexpected += 1;
                continue;
            }
            t.expected += 1;
            let s = r.standing();
            match s {
                Standing::Valid | Standing::Late => t.valid += 1,
                Standing::InvalidCollated => t.invalid_collated += 1,
                Standing::Missing => t.missing += 1,
                _ => t.rejected += 1,
            }
            t.late += usize::from(s == Standing::Late);
            t.collated += usize::from(r.collated);
            t.responded += usize::from(s != Standing::Missing);
        }
        t
    }

    /// The due date of a quarter collated (`None` for a quarter not collated).
    pub fn deadline(&self, q: Quarter) -> Option<Date> {
        self.forces
            .iter()
            .find(|r| r.quarter == q)
            .map(|r| r.deadline)
    }

    /// Expected force-quarters by standing, every standing present (zero when none).
    pub fn standings(&self) -> Vec<(Standing, usize)> {
        Standing::ALL
            .iter()
            .map(|&s| {
                let n = self
                    .forces
                    .iter()
                    .filter(|r| r.expected && r.standing() == s)
                    .count();
                (s, n)
            })
            .collect()
    }
}
