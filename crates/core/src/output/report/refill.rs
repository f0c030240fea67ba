//! The annotated copy of a return on the template: the canonical template (drop-downs,
//! protection, widths, print set-up as issued) re-filled with the return's values exactly
//! as stored, so that validating the copy gives the same findings as the original, and
//! fixing the marked cells in Excel makes it valid.
//!
//! Only input cells are written (and frame cells a finding is about, to mark them): the
//! return's frame is the template's, or it would not be on the template. Each cell keeps
//! the template's look for what it holds (a date in the date format, anything else
//! without one, so a number typed in a date column stays a number), filled red or amber
//! when a finding is about it, with a note.

use anyhow::{Context, Result};
use rust_xlsxwriter::{Format, Workbook};

use super::{fits, marked, marks_by_cell, note, worst, write_stored};
use crate::base::cellref::CellPos;
use crate::check::outcome::Outcome;
use crate::definition::{CellKind, Definition};
use crate::output::styles::Formats;
use crate::output::template::{print, workbook_filled, Filled};
use crate::read::{Book, Stored};

/// The look of a cell of the template, by what it holds.
struct Looks {
    /// For anything but a date.
    plain: Format,
    /// For a date.
    dated: Format,
}

/// The template's formats for a cell: an input cell of the Return sheet, a table cell, or
/// a frame cell.
fn looks(def: &Definition, f: &Formats, sheet: usize, row: u32, col: u32) -> (Looks, bool) {
    let name = &def.sheets[sheet];
    if !def.is_input(sheet, row, col) {
        let looks = Looks {
            plain: f.plain.clone(),
            dated: f.date.clone(),
        };
        return (looks, false);
    }
    if *name == def.return_sheet {
        let date = def
            .fields
            .iter()
            .any(|x| x.row - 1 == row && x.kind == CellKind::Date);
        let looks = Looks {
            plain: f.input.clone(),
            dated: f.input_date.clone(),
        };
        return (looks, date);
    }
    let date = def
        .table(name)
        .and_then(|t| t.columns.get(col as usize))
        .is_some_and(|c| c.kind == CellKind::Date);
    let looks = Looks {
        plain: f.cell.clone(),
        dated: f.cell_date.clone(),
    };
    (looks, date)
}

/// The template re-filled with `book`'s values and marked with `outcome`'s findings, and
/// notes about the copy for the findings sheet. `book` must have the template's sheets.
pub(super) fn workbook(
    def: &Definition,
    book: &Book,
    outcome: &Outcome,
) -> Result<(Workbook, Vec<String>)> {
    let mut wb = workbook_filled(def, &Filled::default())?;
    let formats = Formats::new();
    let marks = marks_by_cell(outcome);
    let mut notes = Vec::new();
    for (i, sheet) in book.sheets.iter().enumerate() {
        let ws = wb
            .worksheet_from_name(&sheet.name)
            .with_context(|| format!("the template has no sheet {}", sheet.name))?;
        let name = sheet.name.as_str();
        // Merged areas are kept (a merge over input cells is a finding of its own); the
        // values are written over them below.
        for m in &sheet.merges {
            let (look, _) = looks(def, &formats, i, m.first_row, m.first_col);
            let merged = (fits(m.last_row, m.last_col) && m.first_col <= m.last_col)
                && ws
                    .merge_range(
                        m.first_row,
                        m.first_col as u16,
                        m.last_row,
                        m.last_col as u16,
                        "",
                        &look.plain,
                    )
                    .is_ok();
            if !merged {
                notes.push(format!(
                    "the merged area at {name}!{} could not be merged again in this copy",
                    CellPos::new(m.first_row, m.first_col)
                ));
            }
        }
        for cell in sheet.cells.iter().filter(|c| fits(c.row, c.col)) {
            let pos = CellPos::new(cell.row, cell.col);
            let found = marks.get(&(name, pos));
            if !def.is_input(i, cell.row, cell.col) && found.is_none() {
                continue;
            }
            if matches!(cell.value, Stored::Error(_) | Stored::Formula(_)) {
                notes.push(format!(
                    "{name}!{pos} held a formula or an error value; this copy holds its text instead"
                ));
            }
            let (look, _) = looks(def, &formats, i, cell.row, cell.col);
            let w = found.and_then(|f| worst(f));
            let (plain, dated) = (marked(&look.plain, w), marked(&look.dated, w));
            write_stored(ws, cell.row, cell.col, &cell.value, &plain, &dated)?;
        }
        let all = (name, CellPos::new(0, 0))..=(name, CellPos::new(u32::MAX, u32::MAX));
        for ((_, pos), found) in marks.range(all) {
            if !fits(pos.row, pos.col) {
                continue;
            }
            if sheet.get(pos.row, pos.col).is_none() {
                let (look, date) = looks(def, &formats, i, pos.row, pos.col);
                let base = if date { &look.dated } else { &look.plain };
                ws.write_blank(pos.row, pos.col as u16, &marked(base, worst(found)))?;
            }
            ws.insert_note(pos.row, pos.col as u16, &note(found))?;
        }
    }
    print_wide_tables(&mut wb, def, book)?;
    Ok((wb, notes))
}

/// The tables several pages wide print their title and guidance on every page, and the
/// rows the return fills.
fn print_wide_tables(wb: &mut Workbook, def: &Definition, book: &Book) -> Result<()> {
    for table in def.tables.iter().filter(|t| print::pages_wide(t) > 1) {
        let last_row = book
            .sheets
            .iter()
            .find(|s| s.name == table.sheet)
            .and_then(|s| s.cells.iter().map(|c| c.row).max())
            .unwrap_or(0);
        let ws = wb
            .worksheet_from_name(&table.sheet)
            .with_context(|| format!("the template has no sheet {}", table.sheet))?;
        print::wide_filled(ws, table, last_row)?;
    }
    Ok(())
}
