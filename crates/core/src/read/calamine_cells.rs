//! Cells out of calamine: `.xlsx` sheets streamed cell by cell (one stray cell at
//! XFD1048576 never allocates the grid), `.xls`, `.xlsb` and `.ods` through calamine's
//! ranges, every value converted to [`Stored`] with dates in the 1900 system.

use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};
use std::io::Cursor;
use std::sync::Arc;

use calamine::{DataRef, Reader, SheetVisible};

use crate::base::calendar::{self, Date};

use crate::definition::codes::Code;

use super::{
    damaged, encrypted, fail, zip_needs_password, Book, BookSheet, Cell, Format, Merge, ReadError,
    Stored, MAX_CELLS, MAX_CELL_CHARS, MAX_TEXT_BYTES, MAX_USED_TEXT_BYTES,
};

/// What a calamine error means for the person who sent the file, decided by the error's
/// variant (never by its wording): a sheet too large to read, a password, or damage. The
/// detail shown for damage is the error as calamine words it.
fn calamine_failure<E>(err: E) -> ReadError
where
    E: fmt::Display + Into<calamine::Error>,
{
    use calamine::{Error, OdsError, XlsError, XlsbError, XlsxError};
    use zip::result::ZipError;
    let detail = err.to_string();
    match err.into() {
        Error::Ods(OdsError::CellLimitExceeded { .. }) => fail(
            Code::TooLarge,
            "a sheet's used area is far larger than any return (a value typed far below or to the right of the tables?): delete the stray cells, or copy the data into a fresh template",
        ),
        Error::Xlsx(XlsxError::Password)
        | Error::Xls(XlsError::Password)
        | Error::Xlsb(XlsbError::Password)
        | Error::Ods(OdsError::Password) => encrypted(),
        Error::Xlsx(XlsxError::Zip(zip))
        | Error::Xlsb(XlsbError::Zip(zip))
        | Error::Ods(OdsError::Zip(zip))
            if zip_needs_password(&zip) || matches!(zip, ZipError::InvalidPassword) =>
        {
            encrypted()
        }
        _ => damaged(detail),
    }
}

/// What one file may cost, whatever its format: cells and decoded text, each shared string
/// counted (and held) once, however many cells use it.
#[derive(Default)]
struct Budget {
    cells: usize,
    text: usize,
    used: usize,
    /// calamine's shared strings by address and length in its table, which lives as long
    /// as the reader: each becomes one `Arc<str>` that every cell using it shares.
    shared: HashMap<(usize, usize), Arc<str>, BuildHasherDefault<AddressHasher>>,
}

/// A hasher for the shared-string table's (address, length) keys: addresses are the
/// allocator's, not the file's, so a file cannot aim collisions at it, and SipHash's
/// protection would cost more than the rest of reading a shared-string cell.
#[derive(Default)]
struct AddressHasher(u64);

impl Hasher for AddressHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.write_u64(u64::from(*b));
        }
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }

    fn write_u64(&mut self, n: u64) {
        // One round of a multiply-xorshift mix per word (as in FxHash).
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Budget {
    fn cell(&mut self) -> Result<(), ReadError> {
        self.cells += 1;
        if self.cells > MAX_CELLS {
            return Err(fail(
                Code::TooLarge,
                format!("the workbook holds more than {MAX_CELLS} filled cells, far more than a return: check that this is the right file"),
            ));
        }
        Ok(())
    }

    fn text(&mut self, s: &str) -> Result<Arc<str>, ReadError> {
        self.use_text(s)?;
        self.count_text(s.len())?;
        Ok(Arc::from(s))
    }

    /// Counts a cell's use of a text, and holds it to Excel's limit for one cell.
    fn use_text(&mut self, s: &str) -> Result<(), ReadError> {
        if s.len() > MAX_CELL_CHARS && s.chars().count() > MAX_CELL_CHARS {
            return Err(fail(
                Code::TooLarge,
                format!("a cell holds more than {MAX_CELL_CHARS} characters, more than Excel allows in a cell: check that this is the right file, or save it again from Excel"),
            ));
        }
        self.used = self.used.saturating_add(s.len());
        if self.used > MAX_USED_TEXT_BYTES {
            return Err(fail(
                Code::TooLarge,
                format!(
                    "the workbook's cells show more than {} MB of text, far more than a return: check that this is the right file",
                    MAX_USED_TEXT_BYTES >> 20
                ),
            ));
        }
        Ok(())
    }

    fn count_text(&mut self, bytes: usize) -> Result<(), ReadError> {
        self.text = self.text.saturating_add(bytes);
        if self.text > MAX_TEXT_BYTES {
            return Err(fail(
                Code::TooLarge,
                format!(
                    "the workbook holds more than {} MB of text, far more than a return: check that this is the right file",
                    MAX_TEXT_BYTES / 1_000_000
                ),
            ));
        }
        Ok(())
    }

    fn shared(&mut self, s: &str) -> Result<Arc<str>, ReadError> {
        let key = (s.as_ptr() as usize, s.len());
        if let Some(text) = self.shared.get(&key) {
            let text = Arc::clone(text);
            self.use_text(&text)?;
            return Ok(text);
        }
        let text = self.text(s)?;
        self.shared.insert(key, Arc::clone(&text));
        Ok(text)
    }
}

/// Streams the cells of every sheet of an `.xlsx` file.
pub(super) fn read_xlsx(
    data: Vec<u8>,
    has_macros: bool,
    has_merges: bool,
) -> Result<Book, ReadError> {
    let mut xlsx = calamine::Xlsx::new(Cursor::new(data)).map_err(calamine_failure)?;
    let date1904 = xlsx.has_1904_epoch();
    let metadata = xlsx.sheets_metadata().to_vec();
    let mut sheets = Vec::with_capacity(metadata.len());
    let mut budget = Budget::default();
    for meta in metadata {
        if meta.typ != calamine::SheetType::WorkSheet {
            sheets.push(BookSheet {
                name: meta.name,
                visible: meta.visible == SheetVisible::Visible,
                cells: Vec::new(),
                merges: Vec::new(),
            });
            continue;
        }
        let found = if has_merges {
            xlsx.merge_cells_by_sheet_name(&meta.name)
                .unwrap_or_default()
        } else {
            Vec::new()
        };
        let merges = found
            .into_iter()
            .map(|d| Merge {
                first_row: d.start.0,
                first_col: d.start.1,
                last_row: d.end.0,
                last_col: d.end.1,
            })
            .collect();
        let mut cells = Vec::new();
        {
            let mut reader = xlsx
                .worksheet_cells_reader(&meta.name)
                .map_err(calamine_failure)?;
            while let Some(record) = reader
                .next_cell_with_formula_metadata()
                .map_err(calamine_failure)?
            {
                let (row, col) = record.pos;
                let value = match convert_ref(record.value, &mut budget)? {
                    Some(v) => v,
                    None if record.formula.is_some() => Stored::Formula(String::new()),
                    None => continue,
                };
                budget.cell()?;
                cells.push(Cell { row, col, value });
            }
        }
        sort_cells(&mut cells);
        sheets.push(BookSheet {
            name: meta.name,
            visible: meta.visible == SheetVisible::Visible,
            cells,
            merges,
        });
    }
    Ok(Book {
        format: Format::Xlsx,
        sheets,
        has_macros,
        date1904,
    })
}

/// Reads `.xls`, `.xlsb` and `.ods` through calamine's ranges. These formats carry their
/// own size limits (an `.xls` sheet is at most 65,536 × 256; calamine caps `.ods` at 100
/// million cells).
pub(super) fn read_other(
    data: Vec<u8>,
    format: Format,
    has_macros: bool,
) -> Result<Book, ReadError> {
    let cursor = Cursor::new(data);
    let mut sheets_reader: calamine::Sheets<_> = match format {
        Format::Xls => calamine::Sheets::Xls(calamine::Xls::new(cursor).map_err(calamine_failure)?),
        Format::Xlsb => {
            calamine::Sheets::Xlsb(calamine::Xlsb::new(cursor).map_err(calamine_failure)?)
        }
        _ => calamine::Sheets::Ods(calamine::Ods::new(cursor).map_err(calamine_failure)?),
    };
    let metadata = sheets_reader.sheets_metadata().to_vec();
    let mut sheets = Vec::with_capacity(metadata.len());
    let mut budget = Budget::default();
    for meta in metadata {
        let mut cells = Vec::new();
        if meta.typ == calamine::SheetType::WorkSheet {
            let range = sheets_reader
                .worksheet_range(&meta.name)
                .map_err(calamine_failure)?;
            let formulas = sheets_reader.worksheet_formula(&meta.name).ok();
            for (r, c, v) in range.used_cells() {
                let (row, col) = (
                    range.start().map_or(0, |s| s.0) + r as u32,
                    range.start().map_or(0, |s| s.1) + c as u32,
                );
                if let Some(value) = convert(v, &mut budget)? {
                    budget.cell()?;
                    cells.push(Cell { row, col, value });
                }
            }
            if let Some(f) = formulas {
                for (r, c, text) in f.used_cells() {
                    let (row, col) = (
                        f.start().map_or(0, |s| s.0) + r as u32,
                        f.start().map_or(0, |s| s.1) + c as u32,
                    );
                    if !text.is_empty()
                        && range.get_value((row, col)).is_none_or(|v| {
                            matches!(v, calamine::Data::Empty)
                                || matches!(v, calamine::Data::String(s) if s.is_empty())
                        })
                    {
                        budget.cell()?;
                        budget.count_text(text.len())?;
                        cells.push(Cell {
                            row,
                            col,
                            value: Stored::Formula(text.clone()),
                        });
                    }
                }
            }
        }
        sort_cells(&mut cells);
        sheets.push(BookSheet {
            name: meta.name,
            visible: meta.visible == SheetVisible::Visible,
            cells,
            merges: Vec::new(),
        });
    }
    Ok(Book {
        format,
        sheets,
        has_macros,
        date1904: false,
    })
}

fn sort_cells(cells: &mut [Cell]) {
    if !cells
        .windows(2)
        .all(|w| (w[0].row, w[0].col) < (w[1].row, w[1].col))
    {
        cells.sort_by_key(|c| (c.row, c.col));
    }
}

fn convert_ref(value: DataRef<'_>, budget: &mut Budget) -> Result<Option<Stored>, ReadError> {
    Ok(Some(match value {
        DataRef::Empty => return Ok(None),
        DataRef::String(s) if s.is_empty() => return Ok(None),
        DataRef::SharedString("") => return Ok(None),
        DataRef::String(s) => Stored::Text(budget.text(&s)?),
        DataRef::SharedString(s) => Stored::Text(budget.shared(s)?),
        DataRef::Int(i) => Stored::Number(i as f64),
        DataRef::Float(f) => Stored::Number(f),
        DataRef::Bool(b) => Stored::Bool(b),
        DataRef::DateTime(d) => datetime(&d),
        DataRef::DateTimeIso(s) => iso_datetime(&s),
        DataRef::DurationIso(s) => Stored::Text(budget.text(&s)?),
        DataRef::Error(e) => Stored::Error(e.to_string()),
    }))
}

fn convert(value: &calamine::Data, budget: &mut Budget) -> Result<Option<Stored>, ReadError> {
    use calamine::Data;
    Ok(Some(match value {
        Data::Empty => return Ok(None),
        Data::String(s) if s.is_empty() => return Ok(None),
        Data::String(s) => Stored::Text(budget.text(s)?),
        Data::Int(i) => Stored::Number(*i as f64),
        Data::Float(f) => Stored::Number(*f),
        Data::Bool(b) => Stored::Bool(*b),
        Data::DateTime(d) => datetime(d),
        Data::DateTimeIso(s) => iso_datetime(s),
        Data::DurationIso(s) => Stored::Text(budget.text(s)?),
        Data::Error(e) => Stored::Error(e.to_string()),
    }))
}

/// A calamine date-time (either epoch) as a 1900-system serial. A serial outside Excel's
/// dates (below 1, NaN, beyond 31/12/9999), which calamine would turn into 31/12/1899 or
/// 31/12/9999, or one in the fictitious days before March 1900, stays the number as stored,
/// so that a date column reports it as `not-a-date` showing that number.
fn datetime(d: &calamine::ExcelDateTime) -> Stored {
    let raw = d.as_f64();
    if d.is_duration() || !raw.is_finite() || !(1.0..MAX_SERIAL).contains(&raw) {
        return Stored::Number(raw);
    }
    let (y, m, day, h, min, s, ms) = d.to_ymd_hms_milli();
    match Date::new(i32::from(y), u32::from(m), u32::from(day)) {
        Some(date) => {
            let frac = (f64::from(h) * 3600.0
                + f64::from(min) * 60.0
                + f64::from(s)
                + f64::from(ms) / 1000.0)
                / 86_400.0;
            let serial = date.to_serial() + frac;
            if serial < 61.0 {
                return Stored::Number(raw);
            }
            Stored::Date(serial)
        }
        None => Stored::Number(d.as_f64()),
    }
}

/// The day after Excel's last date, 31/12/9999, as a serial.
const MAX_SERIAL: f64 = 2_958_466.0;

/// An ISO date-time from an OpenDocument file.
fn iso_datetime(text: &str) -> Stored {
    match calendar::parse_text_date(text) {
        calendar::TextDate::Date(d) => Stored::Date(d.to_serial()),
        _ => Stored::Text(text.into()),
    }
}

#[cfg(test)]
mod tests {
    use calamine::{OdsError, XlsError, XlsbError, XlsxError};
    use zip::result::ZipError;

    use super::*;

    #[test]
    fn failures_are_classified_by_variant() {
        let code = |e: ReadError| e.code;
        assert_eq!(code(calamine_failure(XlsxError::Password)), Code::Encrypted);
        assert_eq!(code(calamine_failure(XlsError::Password)), Code::Encrypted);
        assert_eq!(code(calamine_failure(XlsbError::Password)), Code::Encrypted);
        assert_eq!(
            code(calamine_failure(calamine::Error::Ods(OdsError::Password))),
            Code::Encrypted
        );
        assert_eq!(
            code(calamine_failure(XlsxError::Zip(
                ZipError::UnsupportedArchive(ZipError::PASSWORD_REQUIRED)
            ))),
            Code::Encrypted
        );
        assert_eq!(
            code(calamine_failure(OdsError::Zip(ZipError::InvalidPassword))),
            Code::Encrypted
        );
        assert_eq!(
            code(calamine_failure(OdsError::CellLimitExceeded {
                requested: 200_000_000,
                max: 100_000_000
            })),
            Code::TooLarge
        );
    }

    #[test]
    fn damage_is_worded_as_calamine_words_it_but_never_read_for_meaning() {
        let err = calamine_failure(XlsxError::XmlEof("sheetData"));
        assert_eq!(err.code, Code::Damaged);
        assert!(
            err.message
                .contains("(Unexpected end of xml, expecting '</sheetData>')"),
            "{}",
            err.message
        );
        // A sheet name that mentions a password is not a password.
        let named = calamine_failure(XlsxError::WorksheetNotFound("Password list".into()));
        assert_eq!(named.code, Code::Damaged);
        let zipped = calamine_failure(XlsbError::Zip(ZipError::UnsupportedArchive(
            "Oversized central directory",
        )));
        assert_eq!(zipped.code, Code::Damaged);
    }
}

#[cfg(test)]
mod date_tests {
    use calamine::{ExcelDateTime, ExcelDateTimeType};

    use super::*;

    #[test]
    fn date_cells_outside_excels_range_stay_the_number_as_stored_not_1() {
        let at = |v: f64, is_1904: bool| {
            datetime(&ExcelDateTime::new(v, ExcelDateTimeType::DateTime, is_1904))
        };
        for v in [-5.0, 0.0, 0.5, 1.0, 60.0, 2_958_466.0, 3e6] {
            assert_eq!(at(v, false), Stored::Number(v), "{v}");
        }
        assert!(matches!(at(f64::NAN, false), Stored::Number(n) if n.is_nan()));
        assert_eq!(at(42474.0, false), Stored::Date(42474.0));
        assert_eq!(at(42474.0 - 1462.0, true), Stored::Date(42474.0));
        assert_eq!(at(2_958_465.0, false), Stored::Date(2_958_465.0));
    }
}
