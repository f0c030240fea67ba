//! Reading a spreadsheet that someone sent us, safely.
//!
//! Every file is treated as hostile until proven otherwise: it is sniffed by its bytes (not
//! its name), its zip container is checked entry by entry against size and compression-ratio
//! limits *before* calamine sees it, encrypted and macro-enabled files are recognised, and
//! `.xlsx` sheets are read by streaming cells so that one stray cell at XFD1048576 never
//! allocates the whole grid. The result is a sparse list of non-empty cells per sheet.
//!
//! This module must never panic or abort on any input, and never modifies the file.

use std::fmt;
use std::io::{Cursor, Read};
use std::path::Path;

use calamine::{DataRef, Reader, SheetVisible};
use sha2::{Digest, Sha256};

use crate::dates::{self, Date};

/// Files larger than this are refused before they are read.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;
/// The most that any one zip entry may expand to.
pub const MAX_ENTRY_BYTES: u64 = 768 * 1024 * 1024;
/// The most that all zip entries together may expand to.
pub const MAX_TOTAL_BYTES: u64 = 1536 * 1024 * 1024;
/// A compression ratio beyond which a large entry is taken for a zip bomb.
pub const MAX_RATIO: u64 = 1000;
/// The most non-empty cells a workbook may hold (about 40 columns × 1,000,000 rows).
pub const MAX_CELLS: usize = 40_000_000;

/// The container a workbook came in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Xlsx,
    Xlsb,
    Xls,
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

/// A non-empty cell value, as read.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Text(String),
    Number(f64),
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
    pub row: u32,
    pub col: u32,
    pub value: Value,
}

/// A merged area, zero-based and inclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Merge {
    pub first_row: u32,
    pub first_col: u32,
    pub last_row: u32,
    pub last_col: u32,
}

/// One sheet: its name, whether it is shown, and its non-empty cells in row-major order.
#[derive(Clone, Debug)]
pub struct Sheet {
    pub name: String,
    pub visible: bool,
    pub cells: Vec<Cell>,
    pub merges: Vec<Merge>,
}

impl Sheet {
    /// The value at a zero-based cell, if it is not empty.
    pub fn get(&self, row: u32, col: u32) -> Option<&Value> {
        self.cells
            .binary_search_by(|c| (c.row, c.col).cmp(&(row, col)))
            .ok()
            .map(|i| &self.cells[i].value)
    }
}

/// A workbook read into memory.
#[derive(Clone, Debug)]
pub struct Book {
    pub format: Format,
    pub sheets: Vec<Sheet>,
    /// The file carries a VBA project (macros).
    pub has_macros: bool,
    /// Numbers in date columns are serials of the 1904 system.
    pub date1904: bool,
}

impl Book {
    pub fn sheet(&self, name: &str) -> Option<&Sheet> {
        self.sheets.iter().find(|s| s.name == name)
    }
}

/// Why a file could not be read, with a stable code.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ReadError {
    pub code: &'static str,
    pub message: String,
}

fn fail(code: &'static str, message: impl Into<String>) -> ReadError {
    ReadError {
        code,
        message: message.into(),
    }
}

/// The bytes of a file, its SHA-256, and what reading them gave.
pub struct Loaded {
    pub sha256: String,
    pub bytes: u64,
    pub book: Result<Book, ReadError>,
}

/// Reads a file from disk: hashes it, then reads it as a spreadsheet. An I/O failure is
/// the only `Err`; everything wrong with the content is in `Loaded::book`.
pub fn load(path: &Path) -> std::io::Result<Loaded> {
    let len = std::fs::metadata(path)?.len();
    if len > MAX_FILE_BYTES {
        let mut hasher = Sha256::new();
        std::io::copy(&mut std::fs::File::open(path)?, &mut hasher)?;
        return Ok(Loaded {
            sha256: hex(&hasher.finalize()),
            bytes: len,
            book: Err(fail(
                "too-large",
                format!(
                    "the file is {} MB; a return is never more than {} MB: check that this is the right file",
                    len / 1_000_000,
                    MAX_FILE_BYTES / 1_000_000
                ),
            )),
        });
    }
    let data = std::fs::read(path)?;
    let sha256 = hex(&Sha256::digest(&data));
    // A reader library that panics on some malformed file must not take bridger down
    // with it: the file is reported as damaged, and the other files are still checked.
    let book = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_bytes(data))).unwrap_or_else(|_| {
        Err(fail(
            "damaged",
            "the file is damaged in a way the spreadsheet reader could not handle: open it in Excel, save it again, and resend",
        ))
    });
    Ok(Loaded {
        sha256,
        bytes: len,
        book,
    })
}

/// Lower-case hex of a digest.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const ZIP_EMPTY_MAGIC: &[u8] = b"PK\x05\x06";
const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Reads a spreadsheet from its bytes.
pub fn read_bytes(data: Vec<u8>) -> Result<Book, ReadError> {
    if data.is_empty() {
        return Err(fail(
            "empty-file",
            "the file is empty (0 bytes): save the return again from Excel",
        ));
    }
    if data.starts_with(ZIP_MAGIC) || data.starts_with(ZIP_EMPTY_MAGIC) {
        let container = check_zip(&data)?;
        return match container {
            Container::Xlsx {
                has_macros,
                has_merges,
            } => read_xlsx(data, has_macros, has_merges),
            Container::Xlsb { has_macros } => read_other(data, Format::Xlsb, has_macros),
            Container::Ods => read_other(data, Format::Ods, false),
        };
    }
    if data.starts_with(OLE_MAGIC) {
        if contains_utf16(&data, "EncryptedPackage") || contains_utf16(&data, "EncryptionInfo") {
            return Err(encrypted());
        }
        let has_macros = contains_utf16(&data, "_VBA_PROJECT") || contains_utf16(&data, "VBA");
        return read_other(data, Format::Xls, has_macros);
    }
    let head = &data[..data.len().min(4096)];
    let texty = head
        .iter()
        .all(|&b| b == b'\n' || b == b'\r' || b == b'\t' || (b >= 0x20 && b != 0x7f) || b >= 0x80);
    if texty {
        let text = String::from_utf8_lossy(head).to_lowercase();
        if text.contains("<html") || text.contains("<?xml") {
            return Err(fail(
                "not-a-spreadsheet",
                "the file is a web page or XML file, not a workbook: open it in Excel and save it as an Excel Workbook (.xlsx)",
            ));
        }
        return Err(fail(
            "not-a-spreadsheet",
            "the file is plain text (CSV?), not a workbook: fill in the Annex C template and save it as an Excel Workbook (.xlsx)",
        ));
    }
    Err(fail(
        "not-a-spreadsheet",
        "the file is not an Excel or OpenDocument workbook: fill in the Annex C template and save it as an Excel Workbook (.xlsx)",
    ))
}

fn encrypted() -> ReadError {
    fail(
        "encrypted",
        "the workbook is password-protected (encrypted): remove the password (File > Info > Protect Workbook > Encrypt with Password, clear it) and save again",
    )
}

fn contains_utf16(data: &[u8], needle: &str) -> bool {
    let pattern: Vec<u8> = needle
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    data.windows(pattern.len()).any(|w| w == pattern.as_slice())
}

enum Container {
    Xlsx { has_macros: bool, has_merges: bool },
    Xlsb { has_macros: bool },
    Ods,
}

fn damaged(detail: impl fmt::Display) -> ReadError {
    fail(
        "damaged",
        format!("the file is damaged or incomplete ({detail}): it may have been cut short in sending; save it again from Excel and resend"),
    )
}

/// Checks a zip container before anything parses it: every entry is inflated into a
/// counter (never into memory) so that declared sizes cannot lie, and the sizes and ratios
/// are held to the limits above.
fn check_zip(data: &[u8]) -> Result<Container, ReadError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(data)).map_err(damaged)?;
    let mut names = Vec::with_capacity(zip.len());
    let mut has_merges = false;
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let mut entry = match zip.by_index(i) {
            Ok(e) => e,
            Err(zip::result::ZipError::UnsupportedArchive(msg))
                if msg.to_lowercase().contains("password") =>
            {
                return Err(encrypted())
            }
            Err(e) => return Err(damaged(e)),
        };
        if entry.encrypted() {
            return Err(encrypted());
        }
        let name = entry
            .name()
            .map(|n| n.to_string())
            .unwrap_or_else(|_| format!("entry {i}"));
        let compressed = entry.compressed_size().max(1);
        let declared = entry.size();
        if declared > MAX_ENTRY_BYTES
            || (declared > 64 * 1024 * 1024 && declared / compressed > MAX_RATIO)
        {
            return Err(bomb(&name, declared));
        }
        let mut sink = CountingSink {
            bytes: 0,
            merges: false,
            tail: Vec::new(),
        };
        let limit = MAX_ENTRY_BYTES.min(MAX_TOTAL_BYTES - total) + 1;
        std::io::copy(&mut (&mut entry).take(limit), &mut sink).map_err(damaged)?;
        let actual = sink.bytes;
        has_merges |= sink.merges && name.starts_with("xl/worksheets/");
        if actual >= limit || (actual > 64 * 1024 * 1024 && actual / compressed > MAX_RATIO) {
            return Err(bomb(&name, actual));
        }
        total += actual;
        names.push(name);
    }
    let has = |n: &str| names.iter().any(|x| x.eq_ignore_ascii_case(n));
    let has_macros = names
        .iter()
        .any(|n| n.to_ascii_lowercase().ends_with("vbaproject.bin"));
    if has("xl/workbook.xml") {
        return Ok(Container::Xlsx {
            has_macros,
            has_merges,
        });
    }
    if has("xl/workbook.bin") {
        return Ok(Container::Xlsb { has_macros });
    }
    if has("content.xml") {
        if let Ok(mut manifest) = zip.by_name("META-INF/manifest.xml") {
            let mut text = String::new();
            if (&mut manifest)
                .take(4 * 1024 * 1024)
                .read_to_string(&mut text)
                .is_ok()
                && text.contains("encryption-data")
            {
                return Err(encrypted());
            }
        }
        return Ok(Container::Ods);
    }
    if has("word/document.xml") || has("ppt/presentation.xml") {
        return Err(fail(
            "not-a-spreadsheet",
            "the file is a Word or PowerPoint document, not a workbook: send the Annex C workbook itself",
        ));
    }
    Err(fail(
        "not-a-spreadsheet",
        "the file is a zip archive, not a workbook: send the Annex C workbook itself, not a compressed folder",
    ))
}

fn bomb(entry: &str, bytes: u64) -> ReadError {
    fail(
        "too-large",
        format!(
            "the part {entry} expands to more than {} MB (a zip bomb, or far more data than a return holds): refused unread",
            bytes / 1_000_000
        ),
    )
}

/// Counts what an entry inflates to, and notices `<mergeCell` on the way, so that merged
/// areas (which calamine finds only by parsing a sheet a second time) are looked for only
/// in workbooks that have them.
struct CountingSink {
    bytes: u64,
    merges: bool,
    tail: Vec<u8>,
}

const MERGE_TAG: &[u8] = b"<mergeCell";

impl std::io::Write for CountingSink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.bytes += buf.len() as u64;
        if !self.merges {
            // Search the join of the previous chunk's tail and this chunk.
            self.tail
                .extend_from_slice(&buf[..buf.len().min(MERGE_TAG.len())]);
            self.merges = self.tail.windows(MERGE_TAG.len()).any(|w| w == MERGE_TAG)
                || buf.windows(MERGE_TAG.len()).any(|w| w == MERGE_TAG);
            self.tail.clear();
            self.tail
                .extend_from_slice(&buf[buf.len().saturating_sub(MERGE_TAG.len())..]);
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn calamine_failure(err: impl fmt::Display) -> ReadError {
    let text = err.to_string();
    if text.contains("Cell limit exceeded") {
        return fail(
            "too-large",
            "a sheet's used area is far larger than any return (a value typed far below or to the right of the tables?): delete the stray cells, or copy the data into a fresh template",
        );
    }
    if text.to_lowercase().contains("password") || text.to_lowercase().contains("encrypt") {
        return encrypted();
    }
    damaged(text)
}

fn too_many_cells() -> ReadError {
    fail(
        "too-large",
        format!("the workbook holds more than {MAX_CELLS} filled cells, far more than a return: check that this is the right file"),
    )
}

/// Streams the cells of every sheet of an `.xlsx` file.
fn read_xlsx(data: Vec<u8>, has_macros: bool, has_merges: bool) -> Result<Book, ReadError> {
    let mut xlsx = calamine::Xlsx::new(Cursor::new(data)).map_err(calamine_failure)?;
    let date1904 = xlsx.has_1904_epoch();
    let metadata = xlsx.sheets_metadata().to_vec();
    let mut sheets = Vec::with_capacity(metadata.len());
    let mut count = 0usize;
    for meta in metadata {
        if meta.typ != calamine::SheetType::WorkSheet {
            sheets.push(Sheet {
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
                let value = match convert_ref(record.value) {
                    Some(v) => v,
                    None if record.formula.is_some() => Value::Formula(String::new()),
                    None => continue,
                };
                count += 1;
                if count > MAX_CELLS {
                    return Err(too_many_cells());
                }
                cells.push(Cell { row, col, value });
            }
        }
        sort_cells(&mut cells);
        sheets.push(Sheet {
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
fn read_other(data: Vec<u8>, format: Format, has_macros: bool) -> Result<Book, ReadError> {
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
    let mut count = 0usize;
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
                if let Some(value) = convert(v) {
                    count += 1;
                    if count > MAX_CELLS {
                        return Err(too_many_cells());
                    }
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
                        && range
                            .get_value((row, col))
                            .is_none_or(|v| convert(v).is_none())
                    {
                        cells.push(Cell {
                            row,
                            col,
                            value: Value::Formula(text.clone()),
                        });
                    }
                }
            }
        }
        sort_cells(&mut cells);
        sheets.push(Sheet {
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

fn convert_ref(value: DataRef<'_>) -> Option<Value> {
    Some(match value {
        DataRef::Empty => return None,
        DataRef::String(s) if s.is_empty() => return None,
        DataRef::SharedString("") => return None,
        DataRef::String(s) => Value::Text(s),
        DataRef::SharedString(s) => Value::Text(s.to_string()),
        DataRef::Int(i) => Value::Number(i as f64),
        DataRef::Float(f) => Value::Number(f),
        DataRef::Bool(b) => Value::Bool(b),
        DataRef::DateTime(d) => datetime(&d),
        DataRef::DateTimeIso(s) => iso_datetime(&s),
        DataRef::DurationIso(s) => Value::Text(s),
        DataRef::Error(e) => Value::Error(e.to_string()),
    })
}

fn convert(value: &calamine::Data) -> Option<Value> {
    use calamine::Data;
    Some(match value {
        Data::Empty => return None,
        Data::String(s) if s.is_empty() => return None,
        Data::String(s) => Value::Text(s.clone()),
        Data::Int(i) => Value::Number(*i as f64),
        Data::Float(f) => Value::Number(*f),
        Data::Bool(b) => Value::Bool(*b),
        Data::DateTime(d) => datetime(d),
        Data::DateTimeIso(s) => iso_datetime(s),
        Data::DurationIso(s) => Value::Text(s.clone()),
        Data::Error(e) => Value::Error(e.to_string()),
    })
}

/// A calamine date-time (either epoch) as a 1900-system serial.
fn datetime(d: &calamine::ExcelDateTime) -> Value {
    if d.is_duration() {
        return Value::Number(d.as_f64());
    }
    let (y, m, day, h, min, s, ms) = d.to_ymd_hms_milli();
    match Date::new(i32::from(y), u32::from(m), u32::from(day)) {
        Some(date) => {
            let frac = (f64::from(h) * 3600.0
                + f64::from(min) * 60.0
                + f64::from(s)
                + f64::from(ms) / 1000.0)
                / 86_400.0;
            Value::Date(date.to_serial() + frac)
        }
        None => Value::Number(d.as_f64()),
    }
}

/// An ISO date-time from an OpenDocument file.
fn iso_datetime(text: &str) -> Value {
    match dates::parse_text_date(text) {
        dates::TextDate::Date(d) => Value::Date(d.to_serial()),
        _ => Value::Text(text.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffing_refuses_non_spreadsheets() {
        assert_eq!(read_bytes(Vec::new()).unwrap_err().code, "empty-file");
        assert_eq!(
            read_bytes(b"a,b,c\n1,2,3\n".to_vec()).unwrap_err().code,
            "not-a-spreadsheet"
        );
        assert_eq!(
            read_bytes(vec![0, 1, 2, 3, 255]).unwrap_err().code,
            "not-a-spreadsheet"
        );
        assert_eq!(
            read_bytes(b"PK\x03\x04garbage".to_vec()).unwrap_err().code,
            "damaged"
        );
    }
}
