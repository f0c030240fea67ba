//! The national workbook's `Summary` sheet: the Key figures of the latest quarter
//! ([`super::key_figures`]), then the quarters, the template and its fingerprint, the
//! responses and the reconciliation, the count of forces by standing, and incidents by
//! force, category and channel, each a table with its chart beside it ([`super::counts`]).
//!
//! It summarises what the collation decided and counted; it must never decide anything
//! itself, and never writes a formula (the charts read the tables' values).

use anyhow::Result;
use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet};

use crate::collate::Collation;
use crate::definition::Definition;
use crate::output::styles::Formats;

use super::counts;
use super::key_figures::{self, Pending};
use super::sheet::{lines_in, print_setup};

/// The sheet's name, which the charts refer to.
pub(super) const SUMMARY: &str = "Summary";

/// The width of column A, the labels (a force's name, a key figure's), in characters.
pub(super) const LABEL_WIDTH: f64 = 50.0;

/// The width of the columns of counts, in characters.
pub(super) fn count_width(c: &Collation) -> f64 {
    if c.quarters.len() > 1 {
        11.0
    } else {
        14.0
    }
}

/// The last column of the Summary's tables: the counts, Total and Change.
fn last_column(c: &Collation) -> u16 {
    c.quarters.len().max(1) as u16 + 2
}

/// Writes `text` from column `first` to the tables' last column, merged and wrapped, the
/// row as tall as the lines it takes: nothing runs past the printed page.
fn span(ws: &mut Worksheet, row: u32, first: u16, text: &str, c: &Collation) -> Result<()> {
    let last = last_column(c);
    let width = f64::from(last - first + 1) * count_width(c);
    let wrapped = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    ws.merge_range(row, first, row, last, text, &wrapped)?;
    // About 1.25 characters to a unit of width, in the default font.
    let lines = lines_in(text, Some(width * 1.25));
    if lines > 1 {
        ws.set_row_height(row, 15.0 * lines as f64)?;
    }
    Ok(())
}

/// Adds the Summary sheet (the active sheet when the workbook is opened), opening with the
/// Key figures; returns the Key figures rows left for the linkage's figures.
pub(super) fn write_summary(
    wb: &mut Workbook,
    c: &Collation,
    def: &Definition,
    f: &Formats,
) -> Result<Option<Pending>> {
    let ws = wb.add_worksheet();
    ws.set_name(SUMMARY)?;
    print_setup(ws);
    // Portrait, one page wide: a table of every force fits a page, and so does its chart
    // with every force labelled.
    ws.set_portrait();
    ws.set_column_width(0, LABEL_WIDTH)?;
    for col in 1..=last_column(c) {
        ws.set_column_width(col, count_width(c))?;
    }
    ws.write_string_with_format(
        0,
        0,
        "Operation Bridger: national collation of Annex C returns",
        &f.title,
    )?;
    let (top, pending) = key_figures::write(ws, 2, c, def, f)?;
    let lines = facts(c, def);
    let top_bold = f.bold.clone().set_align(FormatAlign::Top);
    for (i, (k, v)) in lines.iter().enumerate() {
        ws.write_string_with_format(top + i as u32, 0, *k, &top_bold)?;
        span(ws, top + i as u32, 1, v, c)?;
    }
    let row = write_statuses(ws, top + 1 + lines.len() as u32, c, f)?;
    let breaks = counts::write(ws, row, c, def, f)?;
    ws.set_page_breaks(&breaks)?;
    ws.set_active(true);
    Ok(pending)
}

/// The facts at the top of the Summary, as (label, value) lines.
fn facts(c: &Collation, def: &Definition) -> Vec<(&'static str, String)> {
    let quarters: Vec<String> = c.quarters.iter().map(|q| q.to_string()).collect();
    let mut due: Vec<String> = Vec::new();
    for q in &c.quarters {
        if let Some(r) = c.forces.iter().find(|r| r.quarter == *q) {
            due.push(format!("{q}: {}", r.deadline.uk()));
        }
    }
    let fp = crate::check::fingerprint::of_definition(def);
    let rec = &c.reconciliation;
    let rows = |read: usize, written: usize, left_out: usize| {
        format!(
            "{read} read from accepted returns, {written} written; {left_out} more in returns left out"
        )
    };
    vec![
        ("Quarters", quarters.join(", ")),
        ("Due dates", due.join("; ")),
        ("Template", format!("{} version {}", def.id, def.version)),
        ("Template fingerprint", fp.sha256),
        ("Responses", c.headline()),
        (
            "Incident rows",
            rows(
                rec.incident_rows_read,
                rec.incident_rows_written,
                rec.incident_rows_left_out,
            ),
        ),
        (
            "Engagement rows",
            rows(
                rec.engagement_rows_read,
                rec.engagement_rows_written,
                rec.engagement_rows_left_out,
            ),
        ),
        ("Files given", c.entries.len().to_string()),
        (
            "To chase",
            format!("{} (see the Chase sheet)", c.chase().len()),
        ),
    ]
}

/// The count of expected forces (or force-quarters) by standing, the same words and
/// figures as the grid and the headline (all from [`Collation::tally`]), each with what it
/// means, then the returns from forces not expected and whether their rows went in, from
/// `row`; returns the row where the next table starts.
fn write_statuses(ws: &mut Worksheet, mut row: u32, c: &Collation, f: &Formats) -> Result<u32> {
    ws.write_string_with_format(row, 0, "Status", &f.label)?;
    let what = if c.quarters.len() > 1 {
        "Force-quarters"
    } else {
        "Forces"
    };
    ws.write_string_with_format(row, 1, what, &f.label)?;
    // Each line's label and count at the top, level with the first line of its meaning.
    let top = Format::new().set_align(FormatAlign::Top);
    for (s, n) in c.standings() {
        row += 1;
        ws.write_string_with_format(row, 0, s.label(), &top)?;
        ws.write_number_with_format(row, 1, n as f64, &top)?;
        span(ws, row, 2, s.meaning(), c)?;
    }
    let t = c.tally();
    if t.unexpected > 0 {
        row += 1;
        ws.write_string_with_format(row, 0, "not expected", &top)?;
        ws.write_number_with_format(row, 1, t.unexpected as f64, &top)?;
        let meaning = format!(
            "returns from forces not in the expected list, not counted above: {} collated (their rows are in the national workbook), {} not collated",
            t.unexpected_collated,
            t.unexpected - t.unexpected_collated
        );
        span(ws, row, 2, &meaning, c)?;
    }
    Ok(row + 2)
}
