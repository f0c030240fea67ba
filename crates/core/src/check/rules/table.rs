//! The rows of a data table: each non-blank row read cell by cell, then checked column by
//! column as the definition says (required, required with another column, warn-if, a
//! unique reference), with the date and suspect rules alongside.
//!
//! A row's position and its values travel together as a [`TableRow`], so each rule sees
//! one row at a time and never reaches into another's cells (except the first row of a
//! duplicated reference, which it names).

use std::collections::HashMap;

use crate::base::dates::Quarter;
use crate::base::text::quote;
use crate::base::value::Value;
use crate::check::cells::{display, is_blank};
use crate::check::content::Row;
use crate::check::finding::Code;
use crate::definition::{Column, ColumnIndex, Kind, Table};
use crate::read::{Sheet, Stored};

use super::{dates, suspects, At, Ctx};

/// One data row being checked: where it is, and its values read and as stored.
pub(super) struct TableRow<'a> {
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
    /// Where a finding on column `col` of this row is.
    pub(crate) fn at(&self, col: u32) -> At<'a> {
        let header = &self.table.columns[col as usize].header;
        At::new(self.sheet, self.row, col, header)
    }

    /// The value of this column.
    pub(crate) fn get(&self, col: ColumnIndex) -> &'a Value {
        &self.values[col.index()]
    }
}

/// Reads and checks every non-blank row of a table; returns the rows, normalised.
pub(super) fn check_table(
    ctx: &mut Ctx<'_>,
    sheet: &Sheet,
    table: &Table,
    quarter: Option<Quarter>,
) -> Vec<Row> {
    let width = table.columns.len();
    let first = table.first_data_row();
    let mut rows = Vec::new();
    let mut seen_refs: HashMap<String, u32> = HashMap::new();
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
        check_row(ctx, &this, quarter, &mut seen_refs);
        let errors = (ctx.findings.errors - errors_before) as u32;
        rows.push(Row::pack(row + 1, errors, &values));
    }
    rows
}

/// The column rules of one row, then (on the Incidents sheet) the suspect rules.
fn check_row(
    ctx: &mut Ctx<'_>,
    r: &TableRow<'_>,
    quarter: Option<Quarter>,
    seen_refs: &mut HashMap<String, u32>,
) {
    for (c, column) in r.table.columns.iter().enumerate() {
        let col = c as u32;
        if r.values[c].is_empty() {
            check_required(ctx, r, column, col);
            continue;
        }
        dates::check_dates(ctx, r, column, col, quarter);
        check_warn_if(ctx, r, column, col);
        if column.unique {
            check_unique(ctx, r, col, seen_refs);
        }
    }
    if ctx.def.is_incidents(r.table) {
        suspects::check_suspect(ctx, r);
    }
}

/// A blank cell in a required column, or in one required when another is filled.
fn check_required(ctx: &mut Ctx<'_>, r: &TableRow<'_>, column: &Column, col: u32) {
    let table = r.table;
    let needed = column.required || column.required_with.is_some_and(|k| !r.get(k).is_empty());
    if !needed {
        return;
    }
    let why = match &column.required_with {
        Some(k) if !column.required => format!(" when '{}' is filled", table.at(*k).header),
        _ => String::new(),
    };
    let how = if matches!(column.kind, Kind::List(_)) {
        "choose a value from the drop-down"
    } else {
        "fill it in"
    };
    ctx.error(
        &r.at(col),
        None,
        Code::Required,
        format!("'{}' is required{why}: {how}", column.header),
    );
}

/// A list value that is allowed but earns the column's warning (`warn_if`).
fn check_warn_if(ctx: &mut Ctx<'_>, r: &TableRow<'_>, column: &Column, col: u32) {
    let (Some(warn), Value::Text(t)) = (&column.warn_if, &r.values[col as usize]) else {
        return;
    };
    if *t != warn.value {
        return;
    }
    let message = format!(
        "is '{}': {}",
        warn.value,
        warn.message.as_deref().unwrap_or("check it")
    );
    ctx.warn(&r.at(col), Some(t.clone()), warn.code, message);
}

/// A reference seen on an earlier row of the table (ignoring case).
fn check_unique(
    ctx: &mut Ctx<'_>,
    r: &TableRow<'_>,
    col: u32,
    seen_refs: &mut HashMap<String, u32>,
) {
    let value = &r.values[col as usize];
    let key = value.text().map(|t| t.to_uppercase()).unwrap_or_default();
    match seen_refs.get(&key) {
        Some(&first) => ctx.error(
            &r.at(col),
            r.raw[col as usize].map(display),
            Code::DuplicateReference,
            format!(
                "{} is also on row {}: each row needs its own reference; merge or correct the duplicates",
                quote(&value.text().unwrap_or_default()),
                first + 1
            ),
        ),
        None => {
            seen_refs.insert(key, r.row);
        }
    }
}
