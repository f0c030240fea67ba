//! A data table (Engagement, Incidents) against the template: where its header row is
//! (rows inserted or deleted above it), its columns (`super::columns`), its title and
//! guidance, and values typed above the headers or beside the table.
//!
//! Positions come from the definition, moved only by a shift of the header row that this
//! file has found by the headers' own text; a value beside the table is reported once per
//! column, not once per cell.

use std::collections::{BTreeMap, HashSet};

use crate::base::cellref::{a1, column_name, CellPos};
use crate::base::text::{fold_text, quote};
use crate::check::cells::display;
use crate::check::finding::{Code, Finding};
use crate::check::fingerprint::canonical_value;
use crate::definition::{Definition, Table};
use crate::read::BookSheet;

use super::columns::compare_headers;
use super::outside;
use super::rows::account_rows;

/// Excel's last column is the 16,384th (`XFD`).
const EXCEL_COLUMNS: u32 = 16_384;

/// Compares one data table's sheet with the template.
pub(super) fn compare_table(
    sheet: &BookSheet,
    def: &Definition,
    expected: usize,
    table: &Table,
    out: &mut Vec<Finding>,
) {
    let home = table.header_index();
    let header = find_header_row(sheet, table);
    let shift = i64::from(header) - i64::from(home);
    let mut rows = Vec::new();
    let frame_at = account_rows(sheet, def, expected, home, shift, &mut rows);
    let last_col_in_row = sheet
        .cells
        .iter()
        .filter(|c| c.row == header)
        .map(|c| c.col + 1)
        .max()
        .unwrap_or(0);
    let columns = table.columns.len() as u32;
    let width = last_col_in_row.max(columns).min(EXCEL_COLUMNS);
    let actual = header_row_text(sheet, header, width);
    out.extend(rows);
    let shifted = compare_headers(sheet, table, header, &actual, out) || shift != 0;
    let table_width = if shifted { width.max(columns) } else { columns };
    check_outside(sheet, table, header, table_width, shifted, &frame_at, out);
}

/// The workbook row holding the table's headers: the template's row, or the row within
/// reach that holds most of them.
fn find_header_row(sheet: &BookSheet, table: &Table) -> u32 {
    let wanted: HashSet<String> = table
        .columns
        .iter()
        .map(|c| fold_text(&c.header).to_lowercase())
        .collect();
    let score = |row: u32| {
        sheet
            .cells
            .iter()
            .filter(|c| c.row == row)
            .filter(|c| wanted.contains(&fold_text(&display(&c.value)).to_lowercase()))
            .count()
    };
    let home = table.header_index();
    let home_score = score(home);
    if home_score * 2 >= table.columns.len() {
        return home;
    }
    let best = (0..home + 30)
        .filter(|r| *r != home)
        .map(|r| (score(r), r))
        .max_by_key(|(s, r)| (*s, std::cmp::Reverse(*r)));
    match best {
        Some((s, r)) if s * 2 >= table.columns.len() && s > home_score => r,
        _ => home,
    }
}

/// The header row's text, one per column up to `width`; `None` for a blank cell.
fn header_row_text(sheet: &BookSheet, row: u32, width: u32) -> Vec<Option<String>> {
    (0..width)
        .map(|c| {
            sheet
                .get(row, c)
                .and_then(canonical_value)
                .map(|_| fold_text(&display(sheet.get(row, c).expect("some"))))
        })
        .collect()
}

/// Values outside the input region: above the headers, and beside the table. Beside the
/// table, one finding per column.
fn check_outside(
    sheet: &BookSheet,
    table: &Table,
    header: u32,
    table_width: u32,
    shifted: bool,
    frame_at: &HashSet<(u32, u32)>,
    out: &mut Vec<Finding>,
) {
    let name = &sheet.name;
    // Per column beside the table: its first row with a value, and how many it has.
    let mut beside: BTreeMap<u32, (u32, usize)> = BTreeMap::new();
    for cell in &sheet.cells {
        if canonical_value(&cell.value).is_none() || frame_at.contains(&(cell.row, cell.col)) {
            continue;
        }
        if cell.row == header {
            if cell.col >= table_width && !shifted {
                out.push(outside(name, cell.row, cell.col, &cell.value));
            }
            continue;
        }
        if cell.row < header {
            out.push(outside(name, cell.row, cell.col, &cell.value));
        } else if cell.col >= table_width {
            let entry = beside.entry(cell.col).or_insert((cell.row, 0));
            entry.1 += 1;
        }
    }
    for (col, (row, count)) in beside {
        out.push(beside_table(
            sheet,
            table,
            header,
            CellPos::new(row, col),
            count,
        ));
    }
}

/// `count` values in a column beside the table, the first at `first`.
fn beside_table(
    sheet: &BookSheet,
    table: &Table,
    header: u32,
    first: CellPos,
    count: usize,
) -> Finding {
    let (row, col) = (first.row, first.col);
    let value = fold_text(&display(sheet.get(row, col).expect("counted cell")));
    let head = sheet
        .get(header, col)
        .map(|h| format!(" under the header {}", quote(&fold_text(&display(h)))))
        .unwrap_or_default();
    let more = if count > 1 {
        format!(
            " (and {} more cells in column {})",
            count - 1,
            column_name(col)
        )
    } else {
        String::new()
    };
    Finding::modified(
        Code::OutsideTemplate,
        format!(
            "{}!{} {}{head} is outside the template's columns{more}: the table ends at column {}; move notes into '{}' or delete them",
            sheet.name,
            a1(row, col),
            quote(&value),
            column_name(table.columns.len() as u32 - 1),
            table.columns.last().map_or("", |c| c.header.as_str())
        ),
    )
    .at(&sheet.name, first)
    .value(value)
}
