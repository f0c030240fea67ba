//! Reading a spreadsheet that someone sent us, safely.
//!
//! Every file is treated as hostile until proven otherwise: it is sniffed by its bytes (not
//! its name), its zip container is checked entry by entry against size and compression-ratio
//! limits *before* calamine sees it, encrypted and macro-enabled files are recognised, and
//! `.xlsx` sheets are read by streaming cells so that one stray cell at XFD1048576 never
//! allocates the whole grid. The result is a sparse list of non-empty cells per sheet.
//!
//! This module must never panic or abort on any input, and never modifies the file.

pub mod annotated;
pub mod book;
mod calamine_cells;
pub mod discover;
mod sniff;
mod xls_limits;
mod xml_scan;
mod zip_limits;

use std::fmt;
use std::io::Read;
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::base::text::hex;
use crate::definition::codes::Code;

pub use book::{Book, Cell, Format, Merge, Sheet, Stored};
pub use sniff::read_bytes;
pub use zip_limits::{MAX_ENTRY_BYTES, MAX_RATIO, MAX_TOTAL_BYTES};

/// Files larger than this are refused before they are read.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;
/// The most cells a workbook may hold, counting the empty cells that `.ods` repeats and
/// `.xls` ranges spell out (100,000 rows × 40 columns; a return holds a few thousand).
pub const MAX_CELLS: usize = 4_000_000;
/// The most decoded text a workbook may hold, a shared string counted once however many
/// cells use it.
pub const MAX_TEXT_BYTES: usize = 128 * 1024 * 1024;
/// The most text all cells together may show, a shared string counted once per cell that
/// uses it: what the checks downstream may copy, and the most text a return's rows can
/// hold in the run that collates them (a return of 10,000 incidents shows about 2 MB).
pub const MAX_USED_TEXT_BYTES: usize = 64 * 1024 * 1024;
/// The most characters one cell may hold: Excel's own limit.
pub const MAX_CELL_CHARS: usize = 32_767;

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

/// The bytes of a file, its SHA-256, and what reading them gave.
pub struct Loaded {
    /// Lower-case hex SHA-256 of the whole file; `None` for a file too large to read,
    /// which is refused by its size alone and never read.
    pub sha256: Option<String>,
    /// The file's size in bytes.
    pub bytes: u64,
    /// The workbook, or why its content could not be read.
    pub book: Result<Book, ReadError>,
}

/// Reads a file from disk: checks its size, hashes it, then reads it as a spreadsheet. An
/// I/O failure is the only `Err`; everything wrong with the content is in `Loaded::book`.
/// A file over [`MAX_FILE_BYTES`] is refused by the size the file system gives, before a
/// byte of it is read or hashed (a 100 GB sparse file costs nothing), and so is one that
/// grows past the limit while it is read.
pub fn load(path: &Path) -> std::io::Result<Loaded> {
    let file = std::fs::File::open(path)?;
    let len = file.metadata()?.len();
    if len > MAX_FILE_BYTES {
        return Ok(too_large(len));
    }
    let mut data = Vec::with_capacity(len as usize);
    let read = file.take(MAX_FILE_BYTES + 1).read_to_end(&mut data)? as u64;
    if read > MAX_FILE_BYTES {
        return Ok(too_large(read));
    }
    let sha256 = Some(hex(&Sha256::digest(&data)));
    // A reader library that panics on some malformed file must not take bridger down
    // with it: the file is reported as an internal error (a bug to report, not proof the
    // file is damaged), and the other files are still checked.
    let book = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_bytes(data))).unwrap_or_else(|_| {
        Err(fail(
            Code::InternalError,
            "internal error in the spreadsheet reader, please report it with this file; meanwhile, opening it in Excel, saving it again and resending may get past it",
        ))
    });
    Ok(Loaded {
        sha256,
        bytes: read,
        book,
    })
}

/// A file refused for its size (`bytes`, or at least that many), unread and unhashed.
fn too_large(bytes: u64) -> Loaded {
    Loaded {
        sha256: None,
        bytes,
        book: Err(fail(
            Code::TooLarge,
            format!(
                "the file is {} MB; a return is never more than {} MB: check that this is the right file",
                bytes >> 20,
                MAX_FILE_BYTES >> 20
            ),
        )),
    }
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
