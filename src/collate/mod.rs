//! Collation: from a folder of whatever forces sent, to one decision per force and quarter.
//!
//! Every input is validated exactly as `bridger validate` does. Identical files (same
//! SHA-256) count once; different files for the same force and quarter are resolved by the
//! later `Date submitted`, then the later modification time, and the others are listed as
//! superseded; a return for a quarter outside `--quarter` is listed and left out. Each
//! expected force then has one status per quarter: valid, invalid, modified template,
//! unreadable or missing. Nothing is dropped silently: every file is listed with what
//! happened to it, and every row of every accepted return is written exactly once
//! (the reconciliation says so, and the writer's own count is checked against it).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;

use serde::Serialize;

mod attribution;
mod reconcile;

pub use attribution::{file_name, force_from_name, quarter_from_name};
pub use reconcile::Reconciliation;

use crate::base::dates::Quarter;
use crate::check::outcome::{self as validate, Outcome, Status};
use crate::definition::{Definition, Force};

/// What to collate.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Only this quarter (others are listed and left out); `None` collates every quarter
    /// found.
    pub quarter: Option<Quarter>,
    /// The forces expected to respond, in table order (forces.csv by default).
    pub expected: Vec<Force>,
    /// Put invalid (but unmodified) returns in too, their rows marked with their errors.
    pub include_invalid: bool,
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
    Superseded { by: String },
    /// Byte-identical to another input.
    Duplicate { of: String },
    /// A return for a quarter other than `--quarter`.
    OtherQuarter,
    /// Neither its force nor its quarter could be told.
    Unattributed,
}

impl Disposition {
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
    pub outcome: Outcome,
    /// The force the file is attributed to (from its content, or its file name when it
    /// cannot be read).
    pub force: Option<Force>,
    pub quarter: Option<Quarter>,
    pub disposition: Disposition,
}

impl Entry {
    pub fn file_name(&self) -> String {
        file_name(&self.outcome.file)
    }
}

/// A force's status for a quarter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ForceStatus {
    Valid,
    Invalid,
    ModifiedTemplate,
    Unreadable,
    Missing,
}

impl ForceStatus {
    pub fn label(self) -> &'static str {
        match self {
            ForceStatus::Valid => "valid",
            ForceStatus::Invalid => "invalid",
            ForceStatus::ModifiedTemplate => "modified template",
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
    pub force: Force,
    pub quarter: Quarter,
    pub status: ForceStatus,
    /// Index into `Collation::entries` of the file that decided the status.
    pub entry: Option<usize>,
    /// Whether its rows are in the national workbook.
    pub collated: bool,
    /// Whether the force is in the expected list.
    pub expected: bool,
}

/// The whole decision.
#[derive(Clone, Debug)]
pub struct Collation {
    pub entries: Vec<Entry>,
    pub quarters: Vec<Quarter>,
    pub forces: Vec<ForceRow>,
    pub reconciliation: Reconciliation,
}

impl Collation {
    /// Entries whose rows go into the national workbook, in table order.
    pub fn collated(&self) -> impl Iterator<Item = (&ForceRow, &Entry)> {
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

    /// "38 of 46 forces responded; 3 rejected; 5 missing" (force-quarters when several).
    pub fn headline(&self) -> String {
        let c = self.counts();
        let get = |s| c.get(&s).copied().unwrap_or(0);
        let expected: usize = c.values().sum();
        let missing = get(ForceStatus::Missing);
        let rejected = get(ForceStatus::Invalid)
            + get(ForceStatus::ModifiedTemplate)
            + get(ForceStatus::Unreadable);
        let what = if self.quarters.len() > 1 {
            "force-quarters"
        } else {
            "forces"
        };
        let mut line = format!(
            "{} of {expected} {what} responded; {} valid; {rejected} rejected; {missing} missing",
            expected - missing,
            get(ForceStatus::Valid)
        );
        let extra = self.forces.iter().filter(|r| !r.expected).count();
        if extra > 0 {
            line.push_str(&format!(
                "; {extra} returns from forces not in the expected list"
            ));
        }
        line
    }

    /// Whether every expected force has a valid return for every quarter.
    pub fn complete(&self) -> bool {
        self.forces
            .iter()
            .filter(|r| r.expected)
            .all(|r| r.status == ForceStatus::Valid)
    }
}

/// Validates every file and decides what goes into the national workbook.
pub fn collate(
    files: &[PathBuf],
    def: &Definition,
    opts: &Options,
    progress: &(dyn Fn(&Outcome) + Sync),
) -> Collation {
    let outcomes = validate::validate_all(files, def, true, progress);
    decide(outcomes, def, opts)
}

/// The decision, from outcomes already in hand.
pub fn decide(outcomes: Vec<Outcome>, def: &Definition, opts: &Options) -> Collation {
    let mut entries: Vec<Entry> = outcomes
        .into_iter()
        .map(|o| {
            let name = file_name(&o.file);
            let force = o
                .force
                .clone()
                .or_else(|| force_from_name(&name, def).cloned());
            let quarter = o
                .quarter
                .or_else(|| quarter_from_name(&name))
                .or(opts.quarter);
            Entry {
                outcome: o,
                force,
                quarter,
                disposition: Disposition::Unattributed,
            }
        })
        .collect();

    // Identical files count once: the one with the shortest name (then the first in path
    // order) stands for the others, so `x.xlsx` is kept over `x (copy).xlsx`.
    let mut first_by_hash: HashMap<String, usize> = HashMap::new();
    let mut live = Vec::new();
    let mut order: Vec<usize> = (0..entries.len()).collect();
    order.sort_by_key(|&i| (entries[i].file_name().len(), i));
    for i in order {
        if let Some(hash) = entries[i].outcome.sha256.clone() {
            if let Some(&first) = first_by_hash.get(&hash) {
                entries[i].disposition = Disposition::Duplicate {
                    of: entries[first].file_name(),
                };
                continue;
            }
            first_by_hash.insert(hash, i);
        }
        live.push(i);
    }
    live.sort_unstable();

    // Group by force and quarter.
    let mut groups: BTreeMap<(String, Quarter), Vec<usize>> = BTreeMap::new();
    for &i in &live {
        let e = &mut entries[i];
        match (&e.force, e.quarter) {
            (Some(Force { code, .. }), Some(q)) => {
                if opts.quarter.is_some_and(|want| want != q) {
                    e.disposition = Disposition::OtherQuarter;
                } else {
                    groups.entry((code.clone(), q)).or_default().push(i);
                }
            }
            _ => e.disposition = Disposition::Unattributed,
        }
    }
    let mut winners: HashMap<(String, Quarter), usize> = HashMap::new();
    for (key, members) in &groups {
        let winner = *members
            .iter()
            .max_by(|&&a, &&b| {
                let (x, y) = (&entries[a].outcome, &entries[b].outcome);
                x.date_submitted
                    .cmp(&y.date_submitted)
                    .then(x.modified.cmp(&y.modified))
                    .then(entries[b].outcome.file.cmp(&entries[a].outcome.file))
            })
            .expect("groups are never empty");
        let winner_name = entries[winner].file_name();
        for &m in members {
            if m != winner {
                entries[m].disposition = Disposition::Superseded {
                    by: winner_name.clone(),
                };
            }
        }
        winners.insert(key.clone(), winner);
    }

    let quarters: Vec<Quarter> = match opts.quarter {
        Some(q) => vec![q],
        None => groups
            .keys()
            .map(|(_, q)| *q)
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect(),
    };
    let mut forces = Vec::new();
    let expected_codes: BTreeSet<&str> = opts.expected.iter().map(|f| f.code.as_str()).collect();
    let extra: Vec<&Force> = def
        .forces
        .iter()
        .filter(|f| {
            !expected_codes.contains(f.code.as_str()) && winners.keys().any(|(c, _)| *c == f.code)
        })
        .collect();
    for q in &quarters {
        for (force, expected) in opts
            .expected
            .iter()
            .map(|f| (f, true))
            .chain(extra.iter().map(|f| (*f, false)))
        {
            let entry = winners.get(&(force.code.clone(), *q)).copied();
            let status = entry.map_or(ForceStatus::Missing, |e| {
                ForceStatus::of(entries[e].outcome.status)
            });
            if !expected && entry.is_none() {
                continue;
            }
            let collated = status == ForceStatus::Valid
                || (opts.include_invalid && status == ForceStatus::Invalid);
            if let Some(e) = entry {
                entries[e].disposition = if collated {
                    Disposition::Collated
                } else {
                    Disposition::Rejected
                };
            }
            forces.push(ForceRow {
                force: force.clone(),
                quarter: *q,
                status,
                entry,
                collated,
                expected,
            });
        }
    }

    let mut rec = Reconciliation::default();
    for e in &entries {
        let rows = e.outcome.rows;
        if e.disposition == Disposition::Collated {
            rec.incident_rows_read += rows.incidents;
            rec.engagement_rows_read += rows.engagement;
        } else {
            rec.incident_rows_left_out += rows.incidents;
            rec.engagement_rows_left_out += rows.engagement;
        }
    }
    Collation {
        entries,
        quarters,
        forces,
        reconciliation: rec,
    }
}
