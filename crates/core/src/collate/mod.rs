//! Collation: from a folder of whatever forces sent, to one decision per force and quarter.
//!
//! Every input is validated exactly as `bridger validate` does (by the command line, which
//! hands the outcomes in). Identical files (same
//! SHA-256) count once; different files for the same force and quarter are resolved by the
//! later `Date submitted`, then the later modification time, and the others are listed as
//! superseded; a return for a quarter outside `--quarter` is listed and left out. Each
//! expected force then has one status per quarter: valid, invalid, modified template,
//! unreadable or missing. Nothing is dropped silently: every file is listed with what
//! happened to it, and every row of every accepted return is written exactly once
//! (the reconciliation says so, and the writer's own count is checked against it).

use std::collections::BTreeMap;

use serde::Serialize;

mod attribution;
mod chase;
mod contacts;
mod decide;
mod held;
mod reconcile;
mod standing;

pub use attribution::file_name;
pub(crate) use attribution::{force_from_name, quarter_from_name};
pub use chase::{ChaseLine, Contact, ForceToChase};
pub use contacts::parse_contacts;
pub use decide::collate;
pub use held::{quarter_span, quarters_named};
pub use reconcile::Reconciliation;
pub use standing::{Standing, Tally};

use crate::base::calendar::{Date, Quarter};
use crate::check::outcome::{Keep, Outcome, Status};
use crate::definition::Force;

/// What to collate.
#[derive(Clone, Debug)]
pub struct Options {
    /// Only this quarter (others are listed and left out); `None` collates every quarter
    /// found.
    pub quarter: Option<Quarter>,
    /// The forces expected to respond, in table order (forces.csv by default).
    pub expected: Vec<Force>,
    /// Put invalid (but unmodified) returns in too, their rows marked with their errors.
    pub include_invalid: bool,
    /// The due date of the latest quarter collated (`--deadline`), instead of the
    /// definition's `due_days` after its end; earlier quarters keep their own.
    pub deadline: Option<Date>,
    /// The day days overdue are counted to (`--today`, or today).
    pub today: Date,
}

impl Options {
    /// What of each return's content the collation needs: the rows of valid returns, and
    /// of invalid ones too only when they are to be collated.
    pub fn keep(&self) -> Keep {
        if self.include_invalid {
            Keep::AllRows
        } else {
            Keep::ValidRows
        }
    }
}

/// What happened to one input file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum Disposition {
    /// Its rows are in the national workbook.
    Collated,
    /// The force's return for the quarter, but not accepted (see its status).
    Rejected,
    /// Another file for the same force and quarter was submitted later.
    Superseded {
        /// File name of the later submission that stands for the force and quarter instead.
        by: String,
    },
    /// Byte-identical to another input.
    Duplicate {
        /// File name of the identical file that is counted instead (the shortest name).
        of: String,
    },
    /// A return for a quarter other than `--quarter`.
    OtherQuarter,
    /// Its force or its quarter could not be told, from its content or its file name.
    Unattributed,
}

impl Disposition {
    /// How the file's fate reads in the responses table and text report (`superseded by
    /// x.xlsx`).
    pub fn describe(&self) -> String {
        match self {
            Disposition::Collated => "collated".to_string(),
            Disposition::Rejected => "rejected".to_string(),
            Disposition::Superseded { by } => format!("superseded by {by}"),
            Disposition::Duplicate { of } => format!("identical to {of}; counted once"),
            Disposition::OtherQuarter => "another quarter; left out".to_string(),
            Disposition::Unattributed => "force or quarter unknown; left out".to_string(),
        }
    }
}

/// An input file, validated, with its disposition.
#[derive(Clone, Debug)]
pub struct Entry {
    /// Everything validation learned about the file, exactly as `bridger validate` reports
    /// it.
    pub outcome: Outcome,
    /// The force the file is attributed to (from its content, or its file name when it
    /// cannot be read).
    pub force: Option<Force>,
    /// The quarter the file is attributed to: from its content, else its file name, else
    /// `--quarter`.
    pub quarter: Option<Quarter>,
    /// What happened to the file: collated, rejected, superseded, duplicate or left out.
    pub disposition: Disposition,
}

impl Entry {
    /// The file's name without its folder, as listed in the reports.
    pub fn file_name(&self) -> String {
        file_name(&self.outcome.file)
    }
}

/// A force's status for a quarter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ForceStatus {
    /// A valid return was chosen for the quarter: its rows are collated.
    Valid,
    /// The chosen return has errors; rejected unless `--include-invalid`.
    Invalid,
    /// The chosen return's template structure was altered; always rejected.
    ModifiedTemplate,
    /// The chosen file could not be read as a spreadsheet; always rejected.
    Unreadable,
    /// No return from the force for the quarter.
    Missing,
}

impl ForceStatus {
    /// The status as every report spells it (`modified-template`, as the JSON and
    /// `bridger validate` do).
    pub fn label(self) -> &'static str {
        match self {
            ForceStatus::Valid => "valid",
            ForceStatus::Invalid => "invalid",
            ForceStatus::ModifiedTemplate => "modified-template",
            ForceStatus::Unreadable => "unreadable",
            ForceStatus::Missing => "missing",
        }
    }

    fn of(status: Status) -> ForceStatus {
        match status {
            Status::Valid => ForceStatus::Valid,
            Status::Invalid => ForceStatus::Invalid,
            Status::ModifiedTemplate => ForceStatus::ModifiedTemplate,
            Status::Unreadable => ForceStatus::Unreadable,
        }
    }
}

/// One line of the table of who responded.
#[derive(Clone, Debug)]
pub struct ForceRow {
    /// The force this row is about.
    pub force: Force,
    /// The quarter this row is about.
    pub quarter: Quarter,
    /// The force's status for the quarter, from its latest non-duplicate return (`Missing`
    /// when none).
    pub status: ForceStatus,
    /// Index into `Collation::entries` of the file that decided the status.
    pub entry: Option<usize>,
    /// Whether its rows are in the national workbook.
    pub collated: bool,
    /// Whether the force is in the expected list.
    pub expected: bool,
    /// The quarter's due date (`--deadline`, or the definition's `due_days` after its end).
    pub deadline: Date,
    /// Whether the deciding return's Date submitted is after the due date.
    pub late: bool,
    /// Days after the due date the return was dated (`Some` only when late).
    pub days_late: Option<i64>,
}

/// The whole decision.
#[derive(Clone, Debug)]
pub struct Collation {
    /// Every input file, in the order given, each with its disposition.
    pub entries: Vec<Entry>,
    /// The quarters collated, earliest first: just `--quarter` when given, else every
    /// quarter found.
    pub quarters: Vec<Quarter>,
    /// One row per quarter and expected force (in table order), then unexpected forces that
    /// sent a return.
    pub forces: Vec<ForceRow>,
    /// Rows read, written and left out, to prove nothing was lost.
    pub reconciliation: Reconciliation,
    /// Each force's contact (by code), from its most recent readable return of any quarter.
    pub contacts: BTreeMap<String, Contact>,
    /// The day days overdue are counted to.
    pub today: Date,
}

impl Collation {
    /// Entries whose rows go into the national workbook, in table order.
    pub(crate) fn collated(&self) -> impl Iterator<Item = (&ForceRow, &Entry)> {
        self.forces
            .iter()
            .filter(|r| r.collated)
            .filter_map(|r| r.entry.map(|e| (r, &self.entries[e])))
    }

    /// Counts of expected force-quarters by status.
    pub fn counts(&self) -> BTreeMap<ForceStatus, usize> {
        let mut counts = BTreeMap::new();
        for r in self.forces.iter().filter(|r| r.expected) {
            *counts.entry(r.status).or_default() += 1;
        }
        counts
    }

    /// "42 of 46 forces responded; 36 valid; 2 late; 4 rejected; 4 missing"
    /// (force-quarters when several), from [`Collation::tally`]: late returns, invalid
    /// returns collated with `--include-invalid` and returns from forces not expected are
    /// named when there are any, the last with whether their rows went in. Its parts before
    /// those from forces not expected add up to the forces expected.
    pub fn headline(&self) -> String {
        let t = self.tally();
        let what = if self.quarters.len() > 1 {
            "force-quarters"
        } else {
            "forces"
        };
        let mut line = format!(
            "{} of {} {what} responded; {} valid",
            t.responded, t.expected, t.valid
        );
        if t.late > 0 {
            line.push_str(&format!("; {} late", t.late));
        }
        if t.invalid_collated > 0 {
            line.push_str(&format!(
                "; {} invalid but collated (--include-invalid)",
                t.invalid_collated
            ));
        }
        line.push_str(&format!("; {} rejected; {} missing", t.rejected, t.missing));
        if t.unexpected > 0 {
            let n = t.unexpected;
            let whose = if n == 1 {
                "1 return from a force".to_string()
            } else {
                format!("{n} returns from forces")
            };
            let went_in = match t.unexpected_collated {
                c if c == n => "collated".to_string(),
                0 => "not collated".to_string(),
                c => format!("{c} collated, {} not", n - c),
            };
            line.push_str(&format!("; {whose} not in the expected list ({went_in})"));
        }
        line
    }

    /// Frees every return's rows: once they are in the national workbook
    /// ([`crate::national::start`]) and the suspects are taken out for linking, nothing
    /// reads them again, and the workbook is assembled without them.
    pub fn free_rows(&mut self) {
        for e in &mut self.entries {
            e.outcome.content = None;
        }
    }

    /// Every input's outcome back, in the order given, to be collated again another way.
    pub fn into_outcomes(self) -> Vec<Outcome> {
        self.entries.into_iter().map(|e| e.outcome).collect()
    }

    /// This collation less the quarters after `q`: their force rows and their place in
    /// [`Collation::quarters`] go, their files stay as they were decided. Made from a
    /// collation of every quarter, it is what `--quarter q` is compared with (what is new
    /// in `q` against the earlier quarters the inputs hold); it is for linking only, never
    /// written or counted.
    pub fn up_to(mut self, q: Quarter) -> Collation {
        self.forces.retain(|r| r.quarter <= q);
        self.quarters.retain(|x| *x <= q);
        self
    }

    /// Whether every expected force has a valid return for every quarter. A collation in
    /// which no return was collated (nothing could be read, or no quarter was found) is
    /// never complete.
    pub fn complete(&self) -> bool {
        self.forces.iter().any(|r| r.collated)
            && self
                .forces
                .iter()
                .filter(|r| r.expected)
                .all(|r| r.status == ForceStatus::Valid)
    }
}
