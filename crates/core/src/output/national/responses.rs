//! The national workbook's `Responses` sheet: every file given to `bridger collate`, with
//! its status and what happened to it, so that nothing is dropped silently.
//!
//! It lists what the collation decided; it must never decide anything itself.

use crate::base::value::Value;
use crate::collate::Collation;

use super::TableSheet;

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
                Value::Text(o.status.to_string()),
                Value::Text(e.disposition.describe()),
                Value::from(o.findings.errors),
                Value::from(o.findings.warnings),
                o.first_reason()
                    .map_or(Value::Empty, |f| Value::Text(f.reason())),
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
