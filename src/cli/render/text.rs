//! The text the commands print for a person: a verdict line per file, tables of findings,
//! of who responded and of repeat suspects and victims, and the closing counts.
//!
//! Every function returns the text (each line ending in a newline) rather than printing,
//! so a command prints it in one place. Tables are comfy-table's condensed UTF-8 preset;
//! they fit the terminal when there is one and are never wrapped when piped. This file
//! must never decide anything about a return: it only lays out what the library found.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use comfy_table::Table;

use super::fit::table;

use bridger_core::thousands;
use bridger_core::{quarter_span, quarters_named, Quarter};
use bridger_core::{Collation, Disposition, Entry, ForceRow, ForceStatus};
use bridger_core::{Links, Victim};
use bridger_core::{Outcome, Status};

use super::group::group;
use super::{across_forces, escape, fit, force_reason, path, plural, Only};

/// Lines of findings (a group of repeats is one line) shown per file without `--all`.
const SHOWN: usize = 50;

/// Narrower than this, a finding's code is put after its message instead of in a column
/// of its own, so that the message has the room.
const WIDE: u16 = 120;

/// The findings table's header; the last column is the message.
const FINDINGS_HEADER: [&str; 6] = ["", "code", "cell", "column", "value", "what to do"];

// validate

/// One file: its verdict, then (unless unreadable or clean) a table of its findings.
/// Findings that differ only by their cell are one line naming the cells as ranges, and
/// the first [`SHOWN`] lines are shown; with `all`, every finding is a line of its own.
pub fn outcome(o: &Outcome, all: bool) -> String {
    let mut out = format!("{}\n", escape(&verdict(o)));
    if o.status == Status::Unreadable || o.findings.list.is_empty() {
        return fit::wrap(&out);
    }
    let list = &o.findings.list;
    let (rows, shown): (Vec<Vec<String>>, usize) = if all {
        (
            list.iter()
                .map(|f| finding_row(f, f.location(), f.message.clone()))
                .collect(),
            list.len(),
        )
    } else {
        let groups = group(list);
        let shown = groups.iter().take(SHOWN).map(|g| g.count).sum();
        let rows = groups
            .iter()
            .take(SHOWN)
            .map(|g| {
                let mut loc = g.location();
                if g.count > 1 {
                    loc = format!("{} cells: {loc}", g.count);
                }
                finding_row(g.first, loc, g.message())
            })
            .collect();
        (rows, shown)
    };
    let mut t = table(FINDINGS_HEADER);
    for row in rows {
        t.add_row(row);
    }
    let names: Vec<String> = o
        .file
        .file_name()
        .map(|n| path(Path::new(n)))
        .into_iter()
        .collect();
    let table = fit::arranged(t, Some(FINDINGS_HEADER.len() - 1), &names);
    let _ = writeln!(out, "{table}");
    if o.findings.total() > shown {
        let hint = if all || list.len() < o.findings.total() {
            format!(
                " (only the first {} are kept; the counts cover all)",
                list.len()
            )
        } else {
            " (--all shows every one)".to_string()
        };
        let more = plural(o.findings.total() - shown, "more finding");
        let _ = writeln!(out, "… and {more}{hint}");
    }
    fit::wrap(&out)
}

/// A finding's row in the findings table, at `location` with `message`, each cell
/// escaped; on a narrow screen the code follows the message in brackets.
fn finding_row(f: &bridger_core::Finding, location: String, message: String) -> Vec<String> {
    let (code, message) = if fit::narrower_than(WIDE) {
        (String::new(), format!("{message} [{}]", f.code))
    } else {
        (f.code.to_string(), message)
    };
    safe([
        f.severity.to_string(),
        code,
        location,
        f.column.clone().unwrap_or_default(),
        short(f.value.as_deref().unwrap_or("")),
        message,
    ])
}

/// The one-line verdict for a file.
fn verdict(o: &Outcome) -> String {
    let mut about = Vec::new();
    if let Some(force) = &o.force {
        about.push(force.name.clone());
    }
    if let Some(q) = &o.quarter {
        about.push(q.to_string());
    }
    let mut line = format!("{}: {}", fit::whole(&path(&o.file)), o.status);
    if !about.is_empty() {
        line.push_str(&format!(" ({})", about.join(", ")));
    }
    match o.status {
        Status::Valid | Status::Invalid => line.push_str(&format!(
            "; {}, {}; {}, {}",
            plural(o.rows.engagement, "engagement row"),
            plural(o.rows.incidents, "incident row"),
            plural(o.findings.errors, "error"),
            plural(o.findings.warnings, "warning")
        )),
        Status::ModifiedTemplate => line.push_str(&format!(
            "; the template was altered ({}): it cannot be merged with other forces' returns",
            plural(o.findings.total(), "change")
        )),
        Status::Unreadable => {
            if let Some(f) = o.findings.list.first() {
                line.push_str(&format!(": {}", f.message));
            }
        }
    }
    line
}

/// "45 files: 38 valid, 1 invalid, 2 modified-template, 1 unreadable" (statuses with no
/// file left out, except valid).
pub fn summary(outcomes: &[Outcome]) -> String {
    let count = |s: Status| outcomes.iter().filter(|o| o.status == s).count();
    let mut parts = vec![format!("{} valid", count(Status::Valid))];
    for s in [
        Status::Invalid,
        Status::ModifiedTemplate,
        Status::Unreadable,
    ] {
        if count(s) > 0 {
            parts.push(format!("{} {}", count(s), s));
        }
    }
    fit::wrap(&format!(
        "{}: {}\n",
        plural(outcomes.len(), "file"),
        parts.join(", ")
    ))
}

/// Each cell of a table row [`escape`]d.
fn safe<const N: usize>(row: [String; N]) -> Vec<String> {
    row.iter().map(|c| escape(c)).collect()
}

/// Lines joined with new lines, each [`escape`]d: a cell of several lines.
fn lines<S: AsRef<str>>(parts: impl IntoIterator<Item = S>) -> String {
    parts
        .into_iter()
        .map(|p| escape(p.as_ref()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// What was passed over while looking for workbooks, one line each, or nothing.
pub fn skipped(list: &[crate::files::discover::Skipped]) -> String {
    let text: String = list
        .iter()
        .map(|s| {
            let shown = fit::whole(&path(&s.path));
            format!("skipped {shown}: {}\n", escape(&s.why))
        })
        .collect();
    fit::wrap(&text)
}

/// At most 40 characters of a cell value, with "…" when cut.
fn short(text: &str) -> String {
    let mut s: String = text.chars().take(40).collect();
    if text.chars().count() > 40 {
        s.push('…');
    }
    s
}

// collate

/// The table of who responded, the files that were neither collated nor rejected, the
/// headline, the row reconciliation, the output path and the repeat counts.
pub fn collation(c: &Collation, out: &Path, found: &Links) -> String {
    let mut text = if c.quarters.len() > 1 {
        super::grid::grid(c)
    } else {
        format!("{}\n", forces_table(c))
    };
    if let Some(t) = other_files_table(c) {
        let _ = writeln!(text, "{t}");
    }
    text.push_str(&other_quarters(c));
    let rec = &c.reconciliation;
    let _ = writeln!(text, "{}", escape(&c.headline()));
    if c.quarters.len() == 1 {
        text.push_str(&late_forces(c));
    }
    let _ = writeln!(
        text,
        "{} read, {} written; {} read, {} written ({} and {} in files left out)",
        counted(rec.incident_rows_read, "incident row"),
        thousands(rec.incident_rows_written),
        counted(rec.engagement_rows_read, "engagement row"),
        thousands(rec.engagement_rows_written),
        counted(rec.incident_rows_left_out, "incident row"),
        counted(rec.engagement_rows_left_out, "engagement row")
    );
    let _ = writeln!(text, "wrote {}", fit::whole(&path(out)));
    let _ = writeln!(
        text,
        "{} ({} across forces) and {}: see the Repeat suspects and Repeat victims sheets, or bridger links",
        plural(found.suspects.len(), "repeat suspect"),
        across_forces(found),
        plural(found.victims.len(), "repeat victim")
    );
    if let Some(said) = found.not_compared_said() {
        let _ = writeln!(text, "{}", escape(&said));
    }
    text.push_str(&compared(c, found));
    fit::wrap(&text)
}

/// With `--quarter`, the earlier quarters what is new was measured against, when the
/// inputs hold any: "what is new in 2016-17 Q4 is measured against 2016-17 Q1, Q2 and Q3
/// (compared only: not collated or chased)".
fn compared(c: &Collation, found: &Links) -> String {
    let Some(latest) = found
        .latest_quarter
        .as_deref()
        .filter(|_| c.quarters.len() == 1)
    else {
        return String::new();
    };
    let earlier: Vec<Quarter> = found
        .quarters
        .iter()
        .filter(|q| q.as_str() < latest)
        .filter_map(|q| Quarter::parse(q))
        .collect();
    format!(
        "what is new in {latest} is measured against {} (compared only: not collated or chased): see the What is new this quarter sheet\n",
        quarters_named(&earlier)
    )
}

/// A count with thousands separators and its noun, singular for one: "1,204 incident rows".
fn counted(n: usize, noun: &str) -> String {
    let words = plural(n, noun);
    let noun = words.split_once(' ').map_or("", |(_, w)| w);
    format!("{} {noun}", thousands(n))
}

/// The file names of every entry of `c`, as shown: kept whole wherever they are printed.
fn file_names(c: &Collation) -> Vec<String> {
    c.entries.iter().map(|e| escape(&e.file_name())).collect()
}

/// One row per force (and quarter, when there are several): the problems first
/// (rejected, then missing), then the forces whose returns are clean, each part in the
/// library's order. The file and the first reason have a column each when that fits,
/// else they share one.
fn forces_table(c: &Collation) -> Table {
    let names = file_names(c);
    let mut wide = force_layout(c, false);
    let message = wide.column_count() - 1;
    if fit::fits(&wide, Some(message)) {
        return fit::arranged(wide, Some(message), &names);
    }
    let mut narrow = force_layout(c, true);
    let message = narrow.column_count() - 1;
    fit::arranged(narrow, Some(message), &names)
}

/// The table of forces with the file and first reason in two columns, or (`narrow`) in
/// one.
fn force_layout(c: &Collation, narrow: bool) -> Table {
    let several = c.quarters.len() > 1;
    let mut header = vec!["force"];
    if several {
        header.push("quarter");
    }
    // At 100 columns or fewer the engagement count gives way to the reason (it is in the
    // workbook and the JSON).
    let engagement = !fit::narrower_than(101);
    header.extend(["status", "incidents"]);
    if engagement {
        header.push("engagement");
    }
    header.extend(if narrow {
        &["file and first reason"][..]
    } else {
        &["file", "first reason"][..]
    });
    let mut order: Vec<&ForceRow> = c.forces.iter().collect();
    order.sort_by_key(|r| match r.status {
        ForceStatus::Invalid | ForceStatus::ModifiedTemplate | ForceStatus::Unreadable => 0,
        ForceStatus::Missing => 1,
        ForceStatus::Valid => 2,
    });
    let mut t = table(header);
    for r in order {
        t.add_row(
            force_row(c, r, several, narrow, engagement)
                .iter()
                .map(|c| escape(c))
                .collect::<Vec<_>>(),
        );
    }
    t
}

fn force_row(
    c: &Collation,
    r: &ForceRow,
    several: bool,
    narrow: bool,
    engagement: bool,
) -> Vec<String> {
    let entry = r.entry.map(|e| &c.entries[e]);
    let mut row = vec![if r.expected {
        fit::whole(&r.force.name)
    } else {
        format!("{} (not expected)", fit::whole(&r.force.name))
    }];
    if several {
        row.push(r.quarter.to_string());
    }
    // Row counts only for files whose rows could be read.
    let read = entry.is_some_and(|e| matches!(e.outcome.status, Status::Valid | Status::Invalid));
    let counts = |n: usize| if read { n.to_string() } else { String::new() };
    row.push(r.status.label().to_string());
    row.push(counts(entry.map_or(0, |e| e.outcome.rows.incidents)));
    if engagement {
        row.push(counts(entry.map_or(0, |e| e.outcome.rows.engagement)));
    }
    let file = entry
        .map(|e| fit::whole(&e.file_name()))
        .unwrap_or_default();
    let mut reason = force_reason(c, r).unwrap_or_default();
    if !r.expected {
        let went_in = if r.collated {
            "not in the expected list; collated"
        } else {
            "not in the expected list; not collated"
        };
        reason = if reason.is_empty() {
            went_in.to_string()
        } else {
            format!("{went_in}: {reason}")
        };
    }
    if !narrow {
        row.extend([file, reason]);
    } else if reason.is_empty() || file.is_empty() {
        row.push(file + &reason);
    } else {
        row.push(format!("{file}: {reason}"));
    }
    row
}

/// The returns of other quarters than `--quarter`, one line per run of consecutive
/// quarters: "2016-17 Q1–Q3: 138 returns of other quarters left out".
fn other_quarters(c: &Collation) -> String {
    c.other_quarters()
        .into_iter()
        .map(|(first, last, n)| {
            let what = if n == 1 {
                "1 return of another quarter".to_string()
            } else {
                format!("{n} returns of other quarters")
            };
            format!("{}: {what} left out\n", quarter_span(first, last))
        })
        .collect()
}

/// The forces whose returns were late, by name with the days late, or nothing: "late
/// (valid, dated after the due date, 22/07/2016): Kent Police (3 days), …".
fn late_forces(c: &Collation) -> String {
    let late = c.late();
    let Some(first) = late.first() else {
        return String::new();
    };
    let names: Vec<String> = late
        .iter()
        .map(|r| {
            let days = plural(r.days_late.unwrap_or_default().max(0) as usize, "day");
            format!("{} ({days})", r.force.name)
        })
        .collect();
    format!(
        "late (valid, dated after the due date, {}): {}\n",
        first.deadline.uk(),
        escape(&names.join(", "))
    )
}

/// Superseded, duplicate and unattributed files, if any (those of other quarters are
/// summed up by quarter instead).
fn other_files_table(c: &Collation) -> Option<Table> {
    let others: Vec<&Entry> = c
        .entries
        .iter()
        .filter(|e| {
            !matches!(
                e.disposition,
                Disposition::Collated | Disposition::Rejected | Disposition::OtherQuarter
            )
        })
        .collect();
    if others.is_empty() {
        return None;
    }
    let mut t = table(["other file", "status", "what happened"]);
    for e in others {
        t.add_row(safe([
            e.file_name(),
            e.outcome.status.to_string(),
            e.disposition.describe(),
        ]));
    }
    Some(fit::arranged(t, Some(2), &file_names(c)))
}

// links

/// The counts line, then the repeat suspects and the repeat victims (each table only when
/// not empty). `returns` accepted returns came from `files` files.
pub fn links(l: &Links, only: Only, returns: usize, files: usize) -> String {
    let mut text = String::new();
    let _ = writeln!(
        text,
        "{} in {} ({}): {}, {} across forces; {}",
        counted(l.suspect_records, "suspect record"),
        plural(returns, "accepted return"),
        plural(files, "file"),
        plural(l.suspects.len(), "repeat suspect"),
        across_forces(l),
        plural(l.victims.len(), "repeat victim")
    );
    if let Some(said) = l.not_compared_said() {
        let _ = writeln!(text, "{}", escape(&said));
    }
    let shown = only.apply(l);
    if only.any() {
        let _ = writeln!(
            text,
            "shown: {} and {} {}",
            plural(shown.suspects.len(), "repeat suspect"),
            plural(shown.victims.len(), "repeat victim"),
            only.said(l)
        );
    }
    for s in &shown.suspects {
        let _ = write!(
            text,
            "\n{}",
            super::suspects::block(s, l.latest_quarter.as_deref())
        );
    }
    if !shown.victims.is_empty() {
        let _ = writeln!(
            text,
            "\n{}",
            fit::arranged(victims_table(&shown.victims), None, &[])
        );
    }
    fit::wrap(&text)
}

fn victims_table(victims: &[&Victim]) -> Table {
    let mut t = table([
        "MP",
        "constituency",
        "forces",
        "incidents",
        "by force",
        "by category",
        "new this quarter",
    ]);
    let list = |m: &BTreeMap<String, usize>| {
        m.iter()
            .map(|(k, n)| format!("{} ({n})", escape(k)))
            .collect::<Vec<_>>()
            .join("\n")
    };
    for v in victims {
        t.add_row([
            fit::whole(&escape(&v.mp)),
            escape(&v.constituency),
            v.forces.len().to_string(),
            v.incidents.to_string(),
            lines(
                v.forces
                    .iter()
                    .map(|f| format!("{} ({})", f.name, f.incidents)),
            ),
            list(&v.categories),
            lines(v.new_this_quarter.iter().map(|n| escape(n))),
        ]);
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_cuts_at_forty_characters_with_an_ellipsis() {
        assert_eq!(short("abc"), "abc");
        let forty = "é".repeat(40);
        assert_eq!(short(&forty), forty);
        assert_eq!(short(&"é".repeat(41)), format!("{forty}…"));
    }
}
