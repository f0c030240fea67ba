//! The national workbook's `Responses` sheet: every file given to `bridger collate`, with
//! its status and what happened to it, so that nothing is dropped silently.
//!
//! It lists what the collation decided; it must never decide anything itself.

use crate::base::text::plural;
use crate::base::value::Value;
use crate::check::outcome::{Outcome, Status};
use crate::collate::Collation;

use super::TableSheet;

/// A status in plain words, as a person says it.
fn plain_status(s: Status) -> &'static str {
    match s {
        Status::Valid => "valid",
        Status::Invalid => "invalid",
        Status::ModifiedTemplate => "modified template",
        Status::Unreadable => "unreadable",
    }
}

/// What the Responses sheet says of a file: for a valid return "valid" and its warnings
/// counted (a warning never rejects a return, so quoting one would read as the reason it
/// was rejected); for any other, the first finding that rejected it.
fn first_reason(o: &Outcome) -> String {
    match (o.status, o.first_reason()) {
        (Status::Valid, _) if o.findings.warnings == 0 => "valid, no warnings".to_string(),
        (Status::Valid, _) => format!("valid, {}", plural(o.findings.warnings, "warning")),
        (_, Some(f)) => f.reason(),
        (s, None) => plain_status(s).to_string(),
    }
}

/// One row per input file, in the order given.
pub(super) fn responses(c: &Collation) -> TableSheet {
    let headers = [
        "Force",
        "Quarter",
        "Status",
        "What happened",
        "Errors",
        "Warnings",
        "First reason",
        "File",
        "SHA-256",
        "Engagement rows",
        "Incident rows",
        "Date submitted",
        "Due date",
        "Days late",
    ];
    let rows = c
        .entries
        .iter()
        .map(|e| {
            let o = &e.outcome;
            let due = e.quarter.and_then(|q| c.deadline(q));
            let late = match (o.date_submitted, due) {
                (Some(d), Some(due)) if d > due => Value::from((d.days() - due.days()) as usize),
                _ => Value::Empty,
            };
            vec![
                e.force
                    .as_ref()
                    .map_or(Value::Empty, |f| Value::Text(f.name.clone())),
                e.quarter
                    .map_or(Value::Empty, |q| Value::Text(q.to_string())),
                Value::Text(plain_status(o.status).to_string()),
                Value::Text(e.disposition.describe()),
                Value::from(o.findings.errors),
                Value::from(o.findings.warnings),
                Value::Text(first_reason(o)),
                Value::Text(e.file_name()),
                o.sha256.clone().map_or(Value::Empty, Value::Text),
                Value::from(o.rows.engagement),
                Value::from(o.rows.incidents),
                o.date_submitted.map_or(Value::Empty, Value::Date),
                due.map_or(Value::Empty, Value::Date),
                late,
            ]
        })
        .collect();
    TableSheet {
        name: "Responses".into(),
        note: "Every file given to bridger collate, with its status and what happened to it; Days late counts from the quarter's due date."
            .into(),
        headers: headers.iter().map(|s| s.to_string()).collect(),
        widths: vec![
            26.0, 11.0, 16.0, 34.0, 7.0, 8.0, 70.0, 34.0, 20.0, 10.0, 10.0, 12.0, 12.0, 8.0,
        ],
        rows,
        percent: Vec::new(),
    }
}
