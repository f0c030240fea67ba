//! The forces × quarters grid `bridger collate` prints when it collated more than one
//! quarter, instead of one line per force and quarter: one row per force, one column per
//! quarter, each cell the same word as the workbook's `Responses by quarter` sheet, then
//! the force-quarters to chase.
//!
//! It only lays out what the library decided (`grid_rows`, `Collation::chase`), so the
//! terminal, the workbook and the JSON cannot disagree.

use std::fmt::Write as _;

use comfy_table::{presets::UTF8_FULL_CONDENSED, ContentArrangement, Table};

use bridger::collate::{Collation, Standing};
use bridger::output::national::grid::grid_rows;

use super::escape;

/// A table in the house style (as `text`) with this header.
fn table(header: Vec<String>) -> Table {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(header);
    t
}

/// The grid, its legend, and the table of force-quarters to chase (when any).
pub fn grid(c: &Collation) -> String {
    let mut header = vec!["force".to_string()];
    header.extend(c.quarters.iter().map(|q| q.to_string()));
    header.push("owed".to_string());
    let mut t = table(header);
    for g in grid_rows(c) {
        let mut row = vec![escape(&g.force)];
        row.extend(
            g.cells
                .iter()
                .map(|s| s.map_or(String::new(), |s| s.label().to_string())),
        );
        let owed = g.owed();
        row.push(if owed == 0 {
            String::new()
        } else {
            owed.to_string()
        });
        t.add_row(row);
    }
    let mut text = format!("{t}\n");
    for s in Standing::ALL {
        let _ = writeln!(text, "  {:<11} {}", s.label(), s.meaning());
    }
    let chase = c.chase();
    if !chase.is_empty() {
        let mut t = table(
            [
                "to chase",
                "quarter",
                "status",
                "days overdue",
                "contact",
                "reason",
            ]
            .map(String::from)
            .to_vec(),
        );
        for l in &chase {
            let contact = l
                .contact
                .as_ref()
                .map_or(String::new(), |c| c.email.clone());
            t.add_row(vec![
                escape(&l.force),
                l.quarter.to_string(),
                l.standing.label().to_string(),
                l.days_overdue.to_string(),
                escape(&contact),
                escape(&short(&l.reason)),
            ]);
        }
        let _ = writeln!(text, "{t}");
    }
    text
}

/// At most 60 characters of a reason, with "…" when cut.
fn short(text: &str) -> String {
    let mut s: String = text.chars().take(60).collect();
    if text.chars().count() > 60 {
        s.push('…');
    }
    s
}
