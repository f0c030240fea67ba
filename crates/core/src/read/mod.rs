//! Reading a spreadsheet that someone sent us, safely.
//!
//! Every file is treated as hostile until proven otherwise: it is sniffed by its bytes (not
//! its name), its zip container is checked entry by entry against size and compression-ratio
//! limits *before* calamine sees it, encrypted and macro-enabled files are recognised, and
//! `.xlsx` sheets are read by streaming cells so that one stray cell at XFD1048576 never
//! allocates the whole grid. The result is a sparse list of non-empty cells per sheet.
//!
//! This module must never panic or abort on any input, and never modifies the file.

pub(crate) mod annotated;
pub(crate) mod book;
mod calamine_cells;
mod candidate;
mod ods_grid;
mod sniff;
mod xls_limits;
mod xml_scan;
mod zip_limits;

use std::fmt;

use crate::definition::codes::Code;

pub use book::{Book, Format, Stored};
pub(crate) use book::{BookSheet, Cell, Merge};
pub use candidate::is_candidate;
pub use sniff::read_bytes;

/// Files larger than this are refused before they are read (the command line checks the
/// size first), and byte slices larger than this are refused unread.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;
/// The most cells a workbook may hold, counting the empty cells that `.ods` repeats and
/// `.xls` ranges spell out (100,000 rows × 40 columns; a return holds a few thousand).
pub(crate) const MAX_CELLS: usize = 4_000_000;
/// The most decoded text a workbook may hold, a shared string counted once however many
/// cells use it.
pub(crate) const MAX_TEXT_BYTES: usize = 128 * 1024 * 1024;
/// The most text all cells together may show, a shared string counted once per cell that
/// uses it: what the checks downstream may copy, and the most text a return's rows can
/// hold in the run that collates them (a return of 10,000 incidents shows about 2 MB).
pub(crate) const MAX_USED_TEXT_BYTES: usize = 64 * 1024 * 1024;
/// The most characters one cell may hold: Excel's own limit.
pub(crate) const MAX_CELL_CHARS: usize = 32_767;

/// Why a file could not be read, with a stable code.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ReadError {
    /// The finding code the failure is reported under (`encrypted`, `damaged`, ...).
    pub code: Code,
    /// What went wrong and what the sender should do, in words for an Excel user.
    pub message: String,
}

fn fail(code: Code, message: impl Into<String>) -> ReadError {
    ReadError {
        code,
        message: message.into(),
    }
}

/// Why a file is refused for its size (`bytes`, or at least that many), unread: a return
/// is never more than [`MAX_FILE_BYTES`].
pub fn too_large(bytes: u64) -> ReadError {
    fail(
        Code::TooLarge,
        format!(
            "the file is {} MB; a return is never more than {} MB: check that this is the right file",
            bytes >> 20,
            MAX_FILE_BYTES >> 20
        ),
    )
}

/// Why a file could not be read when the spreadsheet reader panicked on it: a bug to
/// report, not proof the file is damaged.
pub(crate) fn reader_panicked() -> ReadError {
    fail(
        Code::InternalError,
        "internal error in the spreadsheet reader, please report it with this file; meanwhile, opening it in Excel, saving it again and resending may get past it",
    )
}

/// Reads a spreadsheet from its bytes as [`read_bytes`] does, but a panic inside a reader
/// library becomes the file's `internal-error` ([`reader_panicked`]) instead of ending the
/// run: a reader that panics on some malformed file must not take bridger down with it.
pub fn read_book(data: Vec<u8>) -> Result<Book, ReadError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_bytes(data)))
        .unwrap_or_else(|_| Err(reader_panicked()))
}

/// A file that is damaged or cut short, with what the reader said.
fn damaged(detail: impl fmt::Display) -> ReadError {
    fail(
        Code::Damaged,
        format!("the file is damaged or incomplete ({detail}): it may have been cut short in sending; save it again from Excel and resend"),
    )
}

/// Whether a zip error says that an entry is encrypted and no password was given.
fn zip_needs_password(err: &zip::result::ZipError) -> bool {
    use zip::result::ZipError;
    matches!(err, ZipError::UnsupportedArchive(msg) if *msg == ZipError::PASSWORD_REQUIRED)
}

/// A password-protected (encrypted) workbook.
fn encrypted() -> ReadError {
    fail(
        Code::Encrypted,
        "the workbook is password-protected (encrypted): remove the password (File > Info > Protect Workbook > Encrypt with Password, clear it) and save again",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffing_refuses_non_spreadsheets() {
        assert_eq!(read_bytes(Vec::new()).unwrap_err().code, Code::EmptyFile);
        assert_eq!(
            read_bytes(b"a,b,c\n1,2,3\n".to_vec()).unwrap_err().code,
            Code::NotASpreadsheet
        );
        assert_eq!(
            read_bytes(vec![0, 1, 2, 3, 255]).unwrap_err().code,
            Code::NotASpreadsheet
        );
        assert_eq!(
            read_bytes(b"PK\x03\x04garbage".to_vec()).unwrap_err().code,
            Code::Damaged
        );
    }
}
