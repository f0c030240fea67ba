//! Sniffing: what a file is, from its bytes and never its name. An Excel or OpenDocument
//! workbook goes on to be read; anything else (empty, CSV, a web page, a Word document,
//! an encrypted or plain zip) is refused with a message that says what to send instead.

use crate::definition::codes::Code;

use super::calamine_cells::{read_other, read_xlsx};
use super::xls_limits::check_xls;
use super::zip_limits::{check_zip, Container};
use super::{encrypted, fail, Book, Format, ReadError};

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const ZIP_EMPTY_MAGIC: &[u8] = b"PK\x05\x06";
const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Reads a spreadsheet from its bytes. More than [`super::MAX_FILE_BYTES`] are refused
/// unread (`too-large`), as a file of that size is.
pub fn read_bytes(data: Vec<u8>) -> Result<Book, ReadError> {
    if data.len() as u64 > super::MAX_FILE_BYTES {
        return Err(super::too_large(data.len() as u64));
    }
    if data.is_empty() {
        return Err(fail(
            Code::EmptyFile,
            "the file is empty (0 bytes): save the return again from Excel",
        ));
    }
    if data.starts_with(ZIP_MAGIC) || data.starts_with(ZIP_EMPTY_MAGIC) {
        let container = check_zip(&data)?;
        return match container {
            Container::Xlsx {
                has_macros,
                has_merges,
                inflated,
            } => read_xlsx(inflated.unwrap_or(data), has_macros, has_merges),
            Container::Xlsb { has_macros } => read_other(data, Format::Xlsb, has_macros),
            Container::Ods => read_other(data, Format::Ods, false),
        };
    }
    if data.starts_with(OLE_MAGIC) {
        if contains_utf16(&data, "EncryptedPackage") || contains_utf16(&data, "EncryptionInfo") {
            return Err(encrypted());
        }
        let has_macros = contains_utf16(&data, "_VBA_PROJECT") || contains_utf16(&data, "VBA");
        check_xls(&data)?;
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
                Code::NotASpreadsheet,
                "the file is a web page or XML file, not a workbook: open it in Excel and save it as an Excel Workbook (.xlsx)",
            ));
        }
        return Err(fail(
            Code::NotASpreadsheet,
            "the file is plain text (CSV?), not a workbook: fill in the Annex C template and save it as an Excel Workbook (.xlsx)",
        ));
    }
    Err(fail(
        Code::NotASpreadsheet,
        "the file is not an Excel or OpenDocument workbook: fill in the Annex C template and save it as an Excel Workbook (.xlsx)",
    ))
}

fn contains_utf16(data: &[u8], needle: &str) -> bool {
    let pattern: Vec<u8> = needle
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    data.windows(pattern.len()).any(|w| w == pattern.as_slice())
}
