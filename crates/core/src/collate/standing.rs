//! Where each force stands for each quarter, in one word the grid, the Summary, the
//! headline and the JSON all share: valid, late, invalid but collated, invalid, modified,
//! unreadable or missing; and the due date that makes a return late.
//!
//! Every count of responses is taken from [`Tally`], so that `--include-invalid` cannot
//! make the Summary, the headline, the JSON and the grid disagree.

use serde::Serialize;

use crate::base::calendar::{Date, Quarter};

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
            Standing::InvalidCollated => "invalid but collated",
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
    pub(crate) fn to_chase(self) -> bool {
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
pub(crate) fn default_deadline(q: Quarter, due_days: i64) -> Date {
    Date::from_days(q.end().days() + due_days)
}

/// The expected force-quarters counted by standing, and the totals every report shows:
/// the headline, the Summary's status table, the JSON and the grid's words all come from
/// it, so they give one figure for each. `valid`, `late`, `invalid_collated`, `rejected`
/// and `missing` add up to `expected`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    /// Expected force-quarters.
    pub expected: usize,
    /// Those with a return of any kind.
    pub responded: usize,
    /// Valid returns on time (the grid's "valid"; late ones are counted in `late`).
    pub valid: usize,
    /// Valid returns dated after the due date: collated, but late.
    pub late: usize,
    /// Returns whose rows are in the national workbook (valid, late, and invalid ones with
    /// `--include-invalid`).
    pub collated: usize,
    /// Invalid returns collated because of `--include-invalid`.
    pub invalid_collated: usize,
    /// Invalid returns rejected (without `--include-invalid`).
    pub invalid: usize,
    /// Returns on an altered template, rejected.
    pub modified: usize,
    /// Files that could not be read, rejected.
    pub unreadable: usize,
    /// Returns not collated: `invalid`, `modified` and `unreadable` together.
    pub rejected: usize,
    /// No return.
    pub missing: usize,
    /// Returns from forces not in the expected list (not counted above).
    pub unexpected: usize,
    /// Of those, the ones whose rows are in the national workbook.
    pub unexpected_collated: usize,
}

impl Tally {
    /// The count of one standing.
    pub(crate) fn of(&self, s: Standing) -> usize {
        match s {
            Standing::Valid => self.valid,
            Standing::Late => self.late,
            Standing::InvalidCollated => self.invalid_collated,
            Standing::Invalid => self.invalid,
            Standing::Modified => self.modified,
            Standing::Unreadable => self.unreadable,
            Standing::Missing => self.missing,
        }
    }
}

impl Collation {
    /// The tally of expected force-quarters, which every count of responses comes from.
    pub fn tally(&self) -> Tally {
        let mut t = Tally::default();
        for r in &self.forces {
            if !r.expected {
                t.unexpected += 1;
                t.unexpected_collated += usize::from(r.collated);
                continue;
            }
            t.expected += 1;
            let slot = match r.standing() {
                Standing::Valid => &mut t.valid,
                Standing::Late => &mut t.late,
                Standing::InvalidCollated => &mut t.invalid_collated,
                Standing::Invalid => &mut t.invalid,
                Standing::Modified => &mut t.modified,
                Standing::Unreadable => &mut t.unreadable,
                Standing::Missing => &mut t.missing,
            };
            *slot += 1;
            t.collated += usize::from(r.collated);
        }
        t.rejected = t.invalid + t.modified + t.unreadable;
        t.responded = t.expected - t.missing;
        t
    }

    /// The due date of a quarter collated (`None` for a quarter not collated).
    pub(crate) fn deadline(&self, q: Quarter) -> Option<Date> {
        self.forces
            .iter()
            .find(|r| r.quarter == q)
            .map(|r| r.deadline)
    }

    /// The expected forces whose returns were late (valid, dated after the due date), in
    /// table order: the forces counted as late in [`Collation::tally`].
    pub fn late(&self) -> Vec<&ForceRow> {
        self.forces
            .iter()
            .filter(|r| r.expected && r.standing() == Standing::Late)
            .collect()
    }

    /// Expected force-quarters by standing, every standing present (zero when none), from
    /// [`Collation::tally`].
    pub(crate) fn standings(&self) -> Vec<(Standing, usize)> {
        let t = self.tally();
        Standing::ALL.iter().map(|&s| (s, t.of(s))).collect()
    }
}
