//! The decision: from validated outcomes to one entry per file (with what happened to
//! it), one row per force and quarter (with its status), and the reconciliation.
//!
//! In order: attribute each file to a force and quarter; count identical files once;
//! group by force and quarter, leaving out other quarters; let the latest submission of
//! each group supersede the others; give every expected force a status for every quarter;
//! and count the rows kept and left out. It must never drop a file silently: every entry
//! ends with a disposition that says what happened to it.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::base::calendar::Quarter;
use crate::check::outcome::Outcome;
use crate::definition::{Definition, Force};

use super::standing::default_deadline;
use super::{
    file_name, force_from_name, quarter_from_name, Collation, Disposition, Entry, ForceRow,
    ForceStatus, Options, Reconciliation,
};

/// A force (by code) and a quarter.
type Key = (String, Quarter);

/// Decides what goes into the national workbook, from every input file's outcome (validated
/// by the caller, in the order the files were given, each keeping what [`Options::keep`]
/// says).
pub fn collate(outcomes: Vec<Outcome>, def: &Definition, opts: &Options) -> Collation {
    let mut entries = attribute(outcomes, def, opts);
    let live = dedupe(&mut entries);
    let groups = group(&mut entries, &live, opts);
    let winners = supersede(&mut entries, &groups);
    let quarters: Vec<Quarter> = match opts.quarter {
        Some(q) => vec![q],
        None => groups
            .keys()
            .map(|(_, q)| *q)
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect(),
    };
    let forces = force_rows(&mut entries, def, opts, &quarters, &winners);
    let reconciliation = reconcile(&entries);
    let contacts = super::chase::contacts(&entries, def);
    Collation {
        entries,
        quarters,
        forces,
        reconciliation,
        contacts,
        today: opts.today,
    }
}

/// Each file's force and quarter: from its content, else its file name, else (for the
/// quarter) `--quarter`.
fn attribute(outcomes: Vec<Outcome>, def: &Definition, opts: &Options) -> Vec<Entry> {
    outcomes
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
        .collect()
}

/// Identical files count once: the one with the shortest name (then the first in path
/// order) stands for the others, so `x.xlsx` is kept over `x (copy).xlsx`. Marks the
/// others as duplicates and returns the indices of the rest, in order.
fn dedupe(entries: &mut [Entry]) -> Vec<usize> {
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
    live
}

/// The live entries grouped by force and quarter; those of another quarter than
/// `--quarter`, or of no known force or quarter, are marked so and left out.
fn group(entries: &mut [Entry], live: &[usize], opts: &Options) -> BTreeMap<Key, Vec<usize>> {
    let mut groups: BTreeMap<Key, Vec<usize>> = BTreeMap::new();
    for &i in live {
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
    groups
}

/// The file that stands for each force and quarter: the later `Date submitted`, then the
/// later modification time, then the first in path order. The others are marked as
/// superseded by it.
fn supersede(entries: &mut [Entry], groups: &BTreeMap<Key, Vec<usize>>) -> HashMap<Key, usize> {
    let mut winners = HashMap::new();
    for (key, members) in groups {
        let winner = *members
            .iter()
            .max_by(|&&a, &&b| {
                let (x, y) = (&entries[a].outcome, &entries[b].outcome);
                x.date_submitted
                    .cmp(&y.date_submitted)
                    .then(x.modified.cmp(&y.modified))
                    .then(y.file.cmp(&x.file))
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
    winners
}

/// One row per quarter and expected force (in table order), then forces not expected
/// that sent a return; marks each deciding file collated or rejected.
fn force_rows(
    entries: &mut [Entry],
    def: &Definition,
    opts: &Options,
    quarters: &[Quarter],
    winners: &HashMap<Key, usize>,
) -> Vec<ForceRow> {
    let expected_codes: BTreeSet<&str> = opts.expected.iter().map(|f| f.code.as_str()).collect();
    let extra: Vec<&Force> = def
        .forces
        .iter()
        .filter(|f| {
            !expected_codes.contains(f.code.as_str()) && winners.keys().any(|(c, _)| *c == f.code)
        })
        .collect();
    let mut forces = Vec::new();
    let latest = quarters.last().copied();
    for q in quarters {
        let deadline = match opts.deadline {
            Some(d) if Some(*q) == latest => d,
            _ => default_deadline(*q, def.due_days),
        };
        for (force, expected) in opts
            .expected
            .iter()
            .map(|f| (f, true))
            .chain(extra.iter().map(|f| (*f, false)))
        {
            let entry = winners.get(&(force.code.clone(), *q)).copied();
            if !expected && entry.is_none() {
                continue;
            }
            let status = entry.map_or(ForceStatus::Missing, |e| {
                ForceStatus::of(entries[e].outcome.status)
            });
            let collated = status == ForceStatus::Valid
                || (opts.include_invalid && status == ForceStatus::Invalid);
            if let Some(e) = entry {
                entries[e].disposition = if collated {
                    Disposition::Collated
                } else {
                    Disposition::Rejected
                };
            }
            let days_late = entry
                .and_then(|e| entries[e].outcome.date_submitted)
                .map(|d| d.days() - deadline.days())
                .filter(|&n| n > 0);
            forces.push(ForceRow {
                force: force.clone(),
                quarter: *q,
                status,
                entry,
                collated,
                expected,
                deadline,
                late: days_late.is_some(),
                days_late,
            });
        }
    }
    forces
}

/// The rows read from collated files, and the rows of every other file, left out.
fn reconcile(entries: &[Entry]) -> Reconciliation {
    let mut rec = Reconciliation::default();
    for e in entries {
        let rows = e.outcome.rows;
        if e.disposition == Disposition::Collated {
            rec.incident_rows_read += rows.incidents;
            rec.engagement_rows_read += rows.engagement;
        } else {
            rec.incident_rows_left_out += rows.incidents;
            rec.engagement_rows_left_out += rows.engagement;
        }
    }
    rec
}
