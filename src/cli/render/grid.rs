//! The forces × quarters grid `bridger collate` prints when it collated more than one
//! quarter, instead of one line per force and quarter: one row per force, one column per
//! quarter, each cell the same word as the workbook's `Responses by quarter` sheet, then
//! the force-quarters to chase.
//!
//! It only lays out what the library decided (`grid_rows`, `Collation::chase`), so the
//! terminal, the workbook and the JSON cannot disagree.

use std::fmt::Write as _;

use comfy_table::Table;

use bridger_core::{grid_rows, GridRow};
use bridger_core::{Collation, Standing};

use super::{escape, fit};

/// The grid, its legend, and the table of force-quarters to chase (when any).
pub fn grid(c: &Collation) -> String {
    let rows = grid_rows(c);
    let mut text = String::new();
    for t in blocks(c, &rows) {
        let _ = writeln!(text, "{t}");
    }
    let width = Standing::ALL
        .iter()
        .map(|s| s.label().len())
        .max()
        .unwrap_or(0);
    for s in Standing::ALL {
        let _ = writeln!(text, "  {:<width$} {}", s.label(), s.meaning());
    }
    let chase = c.chase();
    if !chase.is_empty() {
        let mut t = fit::table([
            "to chase",
            "quarter",
            "status",
            "days overdue",
            "contact",
            "reason",
        ]);
        for l in &chase {
            let contact = l
                .contact
                .as_ref()
                .map_or(String::new(), |c| c.email.clone());
            t.add_row(vec![
                fit::whole(&escape(&l.force)),
                l.quarter.to_string(),
                l.standing.label().to_string(),
                l.days_overdue.to_string(),
                escape(&contact),
                escape(&l.reason),
            ]);
        }
        let names: Vec<String> = c.entries.iter().map(|e| escape(&e.file_name())).collect();
        let _ = writeln!(text, "{}", fit::arranged(t, Some(5), &names));
    }
    text
}

/// The grid as one table, or, when the quarters' columns do not all fit beside the force
/// names, as several tables of as many quarters each as fit (the force names repeated,
/// the count owed in the last).
fn blocks(c: &Collation, rows: &[GridRow]) -> Vec<Table> {
    let n = c.quarters.len();
    let fits = |k: usize| fit::fits(&block(c, rows, n - k..n), None);
    let per = (1..=n).rev().find(|&k| fits(k)).unwrap_or(1);
    // As even as the count of tables allows: a year at 80 columns is two and two.
    let tables = n.div_ceil(per);
    let per = n.div_ceil(tables);
    (0..n)
        .step_by(per)
        .map(|from| fit::arranged(block(c, rows, from..(from + per).min(n)), None, &[]))
        .collect()
}

/// The grid's table for the quarters in `range`, with the count owed when it ends with
/// the last quarter.
fn block(c: &Collation, rows: &[GridRow], range: std::ops::Range<usize>) -> Table {
    let last = range.end == c.quarters.len();
    let mut header = vec!["force".to_string()];
    header.extend(c.quarters[range.clone()].iter().map(|q| q.to_string()));
    if last {
        header.push("owed".to_string());
    }
    let mut t = fit::table(header);
    for g in rows {
        let mut row = vec![escape(&g.force)];
        row.extend(
            g.cells[range.clone()]
                .iter()
                .map(|s| s.map_or(String::new(), |s| s.label().to_string())),
        );
        if last {
            let owed = g.owed();
            row.push(if owed == 0 {
                String::new()
            } else {
                owed.to_string()
            });
        }
        t.add_row(row);
    }
    t
}
