//! The pieces of the template's formulas and prompts that several rules share: a column's
//! letter, a Return field's cell, and the reporting quarter's first and last day as
//! formulas on that cell.
//!
//! Formulas use only functions both Excel and LibreOffice evaluate (AND, OR, COUNTA,
//! COUNTIF, DATE, EDATE, LEFT, RIGHT, VALUE, IFERROR), never dynamic arrays.

use crate::base::cellref::column_name;
use crate::definition::{ColumnIndex, Definition, FieldIndex, Table};

/// The column's letter (`C`).
pub(super) fn letter(col: ColumnIndex) -> String {
    column_name(col.col())
}

/// The column's cell on the table's first data row (`C5`), which a live formula is
/// written for.
pub(super) fn first_cell(table: &Table, col: ColumnIndex) -> String {
    format!("{}{}", letter(col), table.first_data_row() + 1)
}

/// The column's cell on the first data row with its column fixed (`$B5`), for a formula
/// on another column that looks at it.
pub(super) fn fixed_column(table: &Table, col: ColumnIndex) -> String {
    format!("${}", first_cell(table, col))
}

/// The input cell of a Return field as `Return!$B$6`, for prompts and formulas.
pub(super) fn field_cell(def: &Definition, field: FieldIndex) -> String {
    format!("{}!$B${}", def.return_sheet, def.field(field).row)
}

/// The first day of the reporting quarter and the first day after it, as formulas on the
/// Return cell that holds `2016-17 Q1`: Q1 starts in April of the first year, Q4 in
/// January of the next.
pub(super) fn quarter_bounds(def: &Definition) -> (String, String) {
    let quarter = field_cell(def, def.keys.fields.quarter);
    let year = format!("VALUE(LEFT({quarter},4))");
    let number = format!("VALUE(RIGHT({quarter},1))");
    (
        format!("DATE({year},1+3*{number},1)"),
        format!("DATE({year},4+3*{number},1)"),
    )
}

/// Whether cell `x` holds the list value `value` as bridger reads it: trimmed, ignoring
/// case, and `Y`/`N` for `Yes`/`No` (`check::cells::list_cell`).
pub(super) fn is_value(x: &str, value: &str) -> String {
    let cell = format!("UPPER(TRIM({x}))");
    let value = value.to_uppercase();
    match short_for(&value) {
        Some(short) => format!("OR({cell}=\"{value}\",{cell}=\"{short}\")"),
        None => format!("{cell}=\"{value}\""),
    }
}

/// The letter bridger reads as a list value (`Y` for `Yes`), upper case.
pub(super) fn short_for(value_upper: &str) -> Option<&'static str> {
    match value_upper {
        "YES" => Some("Y"),
        "NO" => Some("N"),
        _ => None,
    }
}
