//! The national workbook's `Incidents` and `Engagement` sheets: every row of every
//! accepted return, with Force, Quarter, Source file and Source row first, streamed row
//! by row (constant memory) so that a year of returns fits in a small machine.
//!
//! It writes each stored value as it is and counts what it wrote; it must never drop,
//! reorder or change a row (the count is checked against the reconciliation).

use anyhow::Result;
use rust_xlsxwriter::{Workbook, Worksheet};

use crate::collate::Collation;
use crate::definition::{Definition, Table};
use crate::output::cells::write_value;
use crate::output::styles::Formats;

use super::sheet::{header_row, print_setup};

/// The columns that lead every row of the Incidents and Engagement sheets.
const LEAD: [&str; 4] = ["Force", "Quarter", "Source file", "Source row"];

/// The columns printed: the leading ones and the table's up to its `channel` column (the
/// Incidents sheet) or all of them (Engagement), one page wide, landscape, with the header
/// row on every page. The rest stay on screen; a whole row is too wide to read on paper.
fn print_columns(
    ws: &mut Worksheet,
    def: &Definition,
    table: &Table,
    lead: u16,
    last_row: u32,
) -> Result<()> {
    let last = if def.is_incidents(table) {
        def.keys.incidents.channel.col()
    } else {
        table.columns.len() as u32 - 1
    } as u16;
    ws.set_print_area(0, 0, last_row, lead + last)?;
    ws.set_print_gridlines(true);
    Ok(())
}

/// Adds the sheet of `table` with every row of every collated return; returns the rows
/// written.
pub(super) fn write_rows(
    wb: &mut Workbook,
    collation: &Collation,
    def: &Definition,
    table: &Table,
    include_invalid: bool,
    f: &Formats,
) -> Result<usize> {
    let ws = wb.add_worksheet_with_constant_memory()?;
    ws.set_name(&table.sheet)?;
    let mut headers: Vec<String> = LEAD.iter().map(|s| s.to_string()).collect();
    let mut widths = vec![24.0, 11.0, 28.0, 8.0];
    if include_invalid {
        headers.push("Errors in row".to_string());
        widths.push(8.0);
    }
    let lead = headers.len() as u16;
    headers.extend(table.columns.iter().map(|c| c.header.clone()));
    widths.extend(table.columns.iter().map(|c| c.width));
    header_row(ws, 0, &headers, &widths, f)?;
    ws.set_freeze_panes(1, 0)?;
    ws.set_repeat_rows(0, 0)?;
    print_setup(ws);
    let mut r = 1u32;
    for (row, entry) in collation.collated() {
        let Some(content) = &entry.outcome.content else {
            continue;
        };
        let rows = if def.is_incidents(table) {
            &content.incidents
        } else {
            &content.engagement
        };
        let file = entry.file_name();
        for data in rows {
            ws.write_string(r, 0, &row.force.name)?;
            ws.write_string(r, 1, row.quarter.to_string())?;
            ws.write_string(r, 2, &file)?;
            ws.write_number(r, 3, f64::from(data.source_row))?;
            if include_invalid {
                ws.write_number(r, 4, f64::from(data.errors))?;
            }
            for c in 0..data.len() {
                write_value(ws, r, lead + c as u16, data.get(c), None, &f.date)?;
            }
            r += 1;
        }
    }
    ws.autofilter(0, 0, r.max(2) - 1, headers.len() as u16 - 1)?;
    print_columns(ws, def, table, lead, r.max(2) - 1)?;
    Ok(r as usize - 1)
}
