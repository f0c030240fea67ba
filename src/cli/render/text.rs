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

use comfy_table::{presets::UTF8_FULL_CONDENSED, ContentArrangement, Table};

use bridger::base::text::thousands;
use bridger::check::outcome::{Outcome, Status};
use bridger::collate::{Collation, Disposition, Entry, ForceRow};
use bridger::link::suspects::Links;

use super::{across_forces, escape, force_reason, path};

/// Findings shown per file without `--all`.
const SHOWN: usize = 50;

/// A table in the house style with this header.
fn table<T: Into<comfy_table::Row>>(header: T) -> Table {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(header);
    t
}

// validate

/// One file: its verdict, then (unless unreadable or clean) a table of its findings, the
/// first [`SHOWN`] of them unless `all`.
pub fn outcome(o: &Outcome, all: bool) -> String {
    let mut out = format!("{}\n", escape(&verdict(o)));
    if o.status == Status::Unreadable || o.findings.list.is_empty() {
        return out;
    }
    let limit = if all { usize::MAX } else { SHOWN };
    let mut t = table(["", "code", "cell", "column", "value", "what to do"]);
    for f in o.findings.list.iter().take(limit) {
        t.add_row(safe([
            f.severity.to_string(),
            f.code.to_string(),
            f.location(),
            f.column.clone().unwrap_or_default(),
            short(f.value.as_deref().unwrap_or("")),
            f.message.clone(),
        ]));
    }
    let _ = writeln!(out, "{t}");
    let shown = o.findings.list.len().min(limit);
    if o.findings.total() > shown {
        let hint = if all || o.findings.list.len() < o.findings.total() {
            format!(
                " (only the first {} are kept; the counts cover all)",
                o.findings.list.len()
            )
        } else {
            " (--all shows every one)".to_string()
        };
        let _ = writeln!(
            out,
            "… and {} more findings{hint}",
            o.findings.total() - shown
        );
    }
    out
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
    let mut line = format!("{}: {}", path(&o.file), o.status);
    if !about.is_empty() {
        line.push_str(&format!(" ({})", about.join(", ")));
    }
    match o.status {
        Status::Valid | Status::Invalid => line.push_str(&format!(
            "; {} engagement rows, {} incident rows; {} errors, {} warnings",
            o.rows.engagement, o.rows.incidents, o.findings.errors, o.findings.warnings
        )),
        Status::ModifiedTemplate => line.push_str(&format!(
            "; the template was altered ({} changes): it cannot be merged with other forces' returns",
            o.findings.total()
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
    format!("{} files: {}\n", outcomes.len(), parts.join(", "))
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
pub fn skipped(list: &[bridger::read::discover::Skipped]) -> String {
    list.iter()
        .map(|s| format!("skipped {}: {}\n", path(&s.path), escape(&s.why)))
        .collect()
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
    let rec = &c.reconciliation;
    let _ = writeln!(text, "{}", escape(&c.headline()));
    let _ = writeln!(
        text,
        "{} incident rows read, {} written; {} engagement rows read, {} written ({} incident and {} engagement rows in files left out)",
        thousands(rec.incident_rows_read),
        thousands(rec.incident_rows_written),
        thousands(rec.engagement_rows_read),
        thousands(rec.engagement_rows_written),
        thousands(rec.incident_rows_left_out),
        thousands(rec.engagement_rows_left_out)
    );
    let _ = writeln!(text, "wrote {}", path(out));
    let _ = writeln!(
        text,
        "{} repeat suspects ({} across forces) and {} repeat victims: see the Repeat suspects and Repeat victims sheets, or bridger links",
        found.suspects.len(),
        across_forces(found),
        found.victims.len()
    );
    text
}

/// One row per force (and quarter, when there are several).
fn forces_table(c: &Collation) -> Table {
    let several = c.quarters.len() > 1;
    let mut header = vec!["force"];
    if several {
        header.push("quarter");
    }
    header.extend(["status", "incidents", "engagement", "file", "first reason"]);
    let mut t = table(header);
    for r in &c.forces {
        t.add_row(
            force_row(c, r, several)
                .iter()
                .map(|c| escape(c))
                .collect::<Vec<_>>(),
        );
    }
    t
}

fn force_row(c: &Collation, r: &ForceRow, several: bool) -> Vec<String> {
    let entry = r.entry.map(|e| &c.entries[e]);
    let mut row = vec![if r.expected {
        r.force.name.clone()
    } else {
        format!("{} (not expected)", r.force.name)
    }];
    if several {
        row.push(r.quarter.to_string());
    }
    // Row counts only for files whose rows could be read.
    let read = entry.is_some_and(|e| matches!(e.outcome.status, Status::Valid | Status::Invalid));
    let counts = |n: usize| if read { n.to_string() } else { String::new() };
    row.push(r.status.label().to_string());
    row.push(counts(entry.map_or(0, |e| e.outcome.rows.incidents)));
    row.push(counts(entry.map_or(0, |e| e.outcome.rows.engagement)));
    row.push(entry.map(|e| e.file_name()).unwrap_or_default());
    row.push(force_reason(c, r).unwrap_or_default());
    row
}

/// Superseded, duplicate, other-quarter and unattributed files, if any.
fn other_files_table(c: &Collation) -> Option<Table> {
    let others: Vec<&Entry> = c
        .entries
        .iter()
        .filter(|e| !matches!(e.disposition, Disposition::Collated | Disposition::Rejected))
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
    Some(t)
}

// links

/// The counts line, then the repeat suspects and the repeat victims (each table only when
/// not empty). `returns` accepted returns came from `files` files.
pub fn links(l: &Links, returns: usize, files: usize) -> String {
    let mut text = String::new();
    let _ = writeln!(
        text,
        "{} suspect records in {returns} accepted returns ({files} files): {} repeat suspects, {} across forces; {} repeat victims",
        l.suspect_records,
        l.suspects.len(),
        across_forces(l),
        l.victims.len()
    );
    if !l.suspects.is_empty() {
        let _ = writeln!(text, "{}", suspects_table(l));
    }
    if !l.victims.is_empty() {
        let _ = writeln!(text, "{}", victims_table(l));
    }
    text
}

fn suspects_table(l: &Links) -> Table {
    let mut t = table([
        "id",
        "forces",
        "incidents",
        "names",
        "dates of birth",
        "score",
        "why",
    ]);
    for s in &l.suspects {
        t.add_row([
            escape(&s.id),
            escape(&s.forces.join(", ")),
            lines(
                s.incidents
                    .iter()
                    .map(|i| format!("{} {}", i.force, i.reference)),
            ),
            lines(&s.name),
            lines(&s.dob),
            format!("{:.3}", s.score),
            lines(&s.reasons),
        ]);
    }
    t
}

fn victims_table(l: &Links) -> Table {
    let mut t = table([
        "MP",
        "constituency",
        "forces",
        "incidents",
        "by force",
        "by category",
    ]);
    let list = |m: &BTreeMap<String, usize>| {
        m.iter()
            .map(|(k, n)| format!("{} ({n})", escape(k)))
            .collect::<Vec<_>>()
            .join("\n")
    };
    for v in &l.victims {
        t.add_row([
            escape(&v.mp),
            escape(&v.constituency),
            v.forces.len().to_string(),
            v.incidents.to_string(),
            list(&v.forces),
            list(&v.categories),
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
