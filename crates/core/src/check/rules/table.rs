//! The rows of a data table: each non-blank row read cell by cell, then every rule's
//! checks on each of its cells, left to right, and then on the row as a whole.
//!
//! A row's position and its values travel together as a [`TableRow`], so each rule sees
//! one row at a time and never reaches into another's cells (except the first row of a
//! duplicated reference, which `unique` remembers and names).

use crate::base::value::Value;
use crate::check::cells::is_blank;
use crate::check::content::Row;
use crate::definition::{Column, ColumnIndex, Table};
use crate::read::{BookSheet, Stored};

use super::{At, Ctx, RULES};

/// One data row being checked: where it is, and its values read and as stored.
pub(crate) struct TableRow<'a> {
    pub sheet: &'a str,
    pub table: &'a Table,
    /// Zero-based row.
    pub row: u32,
    /// One normalised value per column.
    pub values: &'a [Value],
    /// One stored cell per column, as typed.
    pub raw: &'a [Option<&'a Stored>],
}

impl<'a> TableRow<'a> {
    /// Where a finding on this column of this row is.
    pub(crate) fn at(&self, col: ColumnIndex) -> At<'a> {
        At::new(self.sheet, self.row, col.col(), &self.table.at(col).header)
    }

    /// The value of this column.
    pub(crate) fn get(&self, col: ColumnIndex) -> &'a Value {
        &self.values[col.index()]
    }

    /// This column's cell as stored, before reading.
    pub(crate) fn raw(&self, col: ColumnIndex) -> Option<&'a Stored> {
        self.raw[col.index()]
    }

    /// This column of the table.
    pub(crate) fn column(&self, col: ColumnIndex) -> &'a Column {
        self.table.at(col)
    }
}

/// Reads and checks every non-blank row of a table; returns the rows, normalised.
pub(super) fn check_table(ctx: &mut Ctx<'_>, sheet: &BookSheet, table: &Table) -> Vec<Row> {
    let width = table.columns.len();
    let first = table.first_data_row();
    let mut rows = Vec::new();
    ctx.seen.clear();
    let start = sheet.cells.partition_point(|c| c.row < first);
    let cells = &sheet.cells[start..];
    let mut i = 0;
    let mut row_values: Vec<Option<&Stored>> = vec![None; width];
    while i < cells.len() {
        let row = cells[i].row;
        row_values.iter_mut().for_each(|v| *v = None);
        while i < cells.len() && cells[i].row == row {
            let c = cells[i].col as usize;
            if c < width {
                row_values[c] = Some(&cells[i].value);
            }
            i += 1;
        }
        if row_values.iter().all(|v| is_blank(*v)) {
            continue;
        }
        let errors_before = ctx.findings.errors;
        let mut values = Vec::with_capacity(width);
        for (c, column) in table.columns.iter().enumerate() {
            let at = At::new(&sheet.name, row, c as u32, &column.header);
            let (norm, _) = ctx.read(&at, column.kind, row_values[c]);
            values.push(norm);
        }
        let this = TableRow {
            sheet: &sheet.name,
            table,
            row,
            values: &values,
            raw: &row_values,
        };
        for (col, _) in table.indexed() {
            for rule in RULES {
                rule.check_cell(ctx, &this, col);
            }
        }
        for rule in RULES {
            rule.check_row(ctx, &this);
        }
        let errors = (ctx.findings.errors - errors_before) as u32;
        rows.push(Row::pack(row + 1, errors, &values));
    }
    rows
}
