//! Cell positions as numbers, and their A1 names for people.
//!
//! Rows and columns are zero-based inside bridger (as calamine and rust_xlsxwriter count
//! them). A position travels as a [`CellPos`] and becomes `D5` only at the edge: in a
//! message, the JSON, the annotated workbook. The names are rust_xlsxwriter's own, so they
//! are spelled exactly as the workbook writer spells them. Nothing here parses A1 text
//! back into numbers: a position that has to be read again was never kept as text.

use std::fmt;

use rust_xlsxwriter::utility::{column_number_to_name, row_col_to_cell};
use serde::{Deserialize, Serialize};

/// Columns in an Excel sheet, `A` to `XFD`: the range rust_xlsxwriter names.
const EXCEL_COLUMNS: u32 = 16_384;

/// A cell's zero-based position: `CellPos { row: 4, col: 3 }` is `D5`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct CellPos {
    /// Row, zero-based: 0 is Excel's row 1.
    pub row: u32,
    /// Column, zero-based: 0 is column `A`.
    pub col: u32,
}

impl CellPos {
    /// The position of zero-based (row, column).
    pub const fn new(row: u32, col: u32) -> CellPos {
        CellPos { row, col }
    }
}

/// The A1 reference, as Excel shows it.
impl fmt::Display for CellPos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&a1(self.row, self.col))
    }
}

/// The column letters for a zero-based column index: 0 → `A`, 25 → `Z`, 26 → `AA`.
///
/// A hostile file can place a cell beyond Excel's last column (calamine reads the position
/// as written); such a column is still named, one letter at a time, rather than refused.
pub fn column_name(col: u32) -> String {
    match u16::try_from(col) {
        Ok(small) if col < EXCEL_COLUMNS => column_number_to_name(small),
        _ => {
            let last = char::from(b'A' + (col % 26) as u8);
            format!("{}{last}", column_name(col / 26 - 1))
        }
    }
}

/// The A1 reference of a zero-based (row, column): (4, 3) → `D5`.
pub fn a1(row: u32, col: u32) -> String {
    match u16::try_from(col) {
        Ok(small) if col < EXCEL_COLUMNS && row < u32::MAX => row_col_to_cell(row, small),
        _ => format!("{}{}", column_name(col), u64::from(row) + 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The naming bridger used before it took rust_xlsxwriter's: bijective base 26.
    fn reference_name(col: u32) -> String {
        let mut n = u64::from(col) + 1;
        let mut out = Vec::new();
        while n > 0 {
            out.push(b'A' + ((n - 1) % 26) as u8);
            n = (n - 1) / 26;
        }
        out.reverse();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn names_are_excels() {
        for (col, name) in [(0, "A"), (3, "D"), (25, "Z"), (26, "AA"), (22, "W")] {
            assert_eq!(column_name(col), name);
        }
        assert_eq!(column_name(16_383), "XFD");
        assert_eq!(a1(4, 3), "D5");
        assert_eq!(a1(1_048_575, 16_383), "XFD1048576");
        assert_eq!(CellPos::new(5, 6).to_string(), "G6");
    }

    #[test]
    fn names_beyond_the_grid_do_not_panic_and_follow_on() {
        for col in (0..70_000).chain([u32::from(u16::MAX), u32::MAX - 1, u32::MAX]) {
            assert_eq!(column_name(col), reference_name(col), "column {col}");
        }
        assert_eq!(column_name(16_384), "XFE");
        assert_eq!(a1(u32::MAX, 0), "A4294967296");
        assert_eq!(a1(0, u32::MAX), format!("{}1", reference_name(u32::MAX)));
    }
}
