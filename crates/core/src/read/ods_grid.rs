//! What an `.ods` content part would make calamine allocate: each table as a dense grid
//! up to its last row and column with data, the repeats of rows and cells spelled out.
//! Followed tag by tag while the part is scanned ([`super::xml_scan`]), so that a file of
//! a few hundred bytes repeating a cell millions of times is refused before calamine
//! builds it, and a part that stops inside a sheet or a comment is refused as cut short.

use crate::definition::codes::Code;

use super::xml_scan::{attr, number, MAX_COL, MAX_ROW};
use super::{fail, ReadError, MAX_CELLS};

/// The dense area that calamine will build for each `.ods` table, tracked from the repeats.
#[derive(Debug, Default)]
pub(super) struct OdsGrid {
    /// Rows of the current table so far (repeats included), up to the last row with data.
    rows: u64,
    rows_to_last_data: u64,
    /// The widest row, in columns up to its last cell with data.
    width: u64,
    /// The current row: its repeat count, columns so far, and columns up to the last data.
    row_repeat: u64,
    row_cols: u64,
    row_data_cols: u64,
    /// Dense cells of the tables already closed.
    closed: u64,
    /// Sheets (`table:table`) and comments (`office:annotation`) opened and not yet closed:
    /// calamine waits for their end tags and, at the end of the part, waits for ever.
    open_tables: u64,
    open_annotations: u64,
}

impl OdsGrid {
    fn current(&self) -> u64 {
        self.rows_to_last_data.saturating_mul(self.width)
    }

    /// Follows `.ods` rows and cells to the dense area calamine will allocate for each table.
    pub(super) fn tag(
        &mut self,
        full: &[u8],
        closing: bool,
        tag: &[u8],
        self_closing: bool,
    ) -> Result<(), ReadError> {
        match (closing, full) {
            (false, b"table:table") => {
                self.closed = self.closed.saturating_add(self.current());
                self.rows = 0;
                self.rows_to_last_data = 0;
                self.width = 0;
                if !self_closing {
                    self.open_tables += 1;
                }
            }
            (true, b"table:table") => self.open_tables = self.open_tables.saturating_sub(1),
            (false, b"office:annotation") if !self_closing => self.open_annotations += 1,
            (true, b"office:annotation") => {
                self.open_annotations = self.open_annotations.saturating_sub(1);
            }
            (false, b"table:table-row") => {
                self.row_repeat = attr(tag, b"table:number-rows-repeated")
                    .and_then(number)
                    .unwrap_or(1)
                    .min(MAX_ROW);
                self.row_cols = 0;
                self.row_data_cols = 0;
                if self_closing {
                    self.rows = self.rows.saturating_add(self.row_repeat);
                }
            }
            (true, b"table:table-row") => {
                self.rows = self.rows.saturating_add(self.row_repeat).min(MAX_ROW);
                if self.row_data_cols > 0 {
                    self.rows_to_last_data = self.rows;
                    self.width = self.width.max(self.row_data_cols);
                }
                check_grid(self.closed.saturating_add(self.current()))?;
            }
            (false, b"table:table-cell" | b"table:covered-table-cell") => {
                let repeat = attr(tag, b"table:number-columns-repeated")
                    .and_then(number)
                    .unwrap_or(1)
                    .min(MAX_COL);
                self.row_cols = self.row_cols.saturating_add(repeat).min(MAX_COL);
                if attr(tag, b"office:value-type").is_some()
                    || attr(tag, b"table:formula").is_some()
                {
                    self.row_data_cols = self.row_cols;
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Checks the part as a whole once it has all been seen: the grids together, and no
    /// sheet or comment left open (`part` names it in the message).
    pub(super) fn check_end(&self, part: &str) -> Result<(), ReadError> {
        check_grid(self.closed.saturating_add(self.current()))?;
        if self.open_tables > 0 || self.open_annotations > 0 {
            return Err(fail(
                Code::Damaged,
                format!(
                    "the file is damaged: its part {part} stops part-way through a sheet, as if the file was cut short in sending: save it again and resend"
                ),
            ));
        }
        Ok(())
    }
}

fn check_grid(cells: u64) -> Result<(), ReadError> {
    if cells > MAX_CELLS as u64 {
        return Err(fail(
            Code::TooLarge,
            format!(
                "its sheets repeat rows and columns over about {cells} cells, more than the {MAX_CELLS} a return may hold (a value typed far below or to the right of the tables?): delete the stray cells, or copy the data into a fresh template"
            ),
        ));
    }
    Ok(())
}
