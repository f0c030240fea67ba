//! A workbook as read: its sheets, each a sparse, sorted list of non-empty cells, and the
//! cells as the file stores them.

use std::fmt;
use std::sync::Arc;

/// The container a workbook came in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Office Open XML workbook (`.xlsx`, also `.xlsm`).
    Xlsx,
    /// Excel binary workbook (`.xlsb`).
    Xlsb,
    /// Legacy Excel 97-2003 workbook (`.xls`).
    Xls,
    /// OpenDocument spreadsheet (`.ods`).
    Ods,
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Xlsx => "xlsx",
            Format::Xlsb => "xlsb",
            Format::Xls => "xls",
            Format::Ods => "ods",
        })
    }
}

/// A non-empty cell as the file stores it, before any rule reads it: errors and formulas
/// included, dates as serials. [`crate::base::value::Value`] is what a rule makes of it.
#[derive(Clone, Debug, PartialEq)]
pub enum Stored {
    /// Text exactly as stored, never empty: not trimmed or folded. Shared: a shared string
    /// used by a thousand cells is held once, not copied a thousand times.
    Text(Arc<str>),
    /// A number the file does not mark as a date (durations included).
    Number(f64),
    /// A logical `TRUE` or `FALSE`.
    Bool(bool),
    /// A date or date-time, as an Excel serial in the 1900 system whatever the file used.
    Date(f64),
    /// An error value such as `#REF!`.
    Error(String),
    /// A formula with no saved value (the file was never recalculated and saved).
    Formula(String),
}

/// One non-empty cell, zero-based.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    /// Row, zero-based.
    pub row: u32,
    /// Column, zero-based.
    pub col: u32,
    /// What the cell holds (never blank).
    pub value: Stored,
}

/// A merged area, zero-based and inclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Merge {
    /// Top row of the area, zero-based.
    pub first_row: u32,
    /// Leftmost column of the area, zero-based.
    pub first_col: u32,
    /// Bottom row of the area, zero-based and included.
    pub last_row: u32,
    /// Rightmost column of the area, zero-based and included.
    pub last_col: u32,
}

/// One sheet: its name, whether it is shown, and its non-empty cells in row-major order.
#[derive(Clone, Debug)]
pub struct BookSheet {
    /// The sheet's name as the file spells it (tab name).
    pub name: String,
    /// False when the sheet is hidden or very hidden.
    pub visible: bool,
    /// Non-empty cells sorted by row then column, so that [`BookSheet::get`] can search them.
    pub cells: Vec<Cell>,
    /// The sheet's merged areas; read from `.xlsx` only, always empty for other formats.
    pub merges: Vec<Merge>,
}

impl BookSheet {
    /// The value at a zero-based cell, if it is not empty.
    pub(crate) fn get(&self, row: u32, col: u32) -> Option<&Stored> {
        self.cells
            .binary_search_by(|c| (c.row, c.col).cmp(&(row, col)))
            .ok()
            .map(|i| &self.cells[i].value)
    }
}

/// A workbook read into memory.
#[derive(Clone, Debug)]
pub struct Book {
    /// The container the workbook came in (sniffed from its bytes).
    pub format: Format,
    /// The sheets, in workbook order.
    pub sheets: Vec<BookSheet>,
    /// The file carries a VBA project (macros).
    pub has_macros: bool,
    /// Numbers in date columns are serials of the 1904 system.
    pub date1904: bool,
}

impl Book {
    /// The sheet with exactly this name (case included), if the workbook has one.
    pub(crate) fn sheet(&self, name: &str) -> Option<&BookSheet> {
        self.sheets.iter().find(|s| s.name == name)
    }
}
