//! Reading a return from disk for the core: its size checked before a byte is read, then
//! its bytes, its modification time and today's date handed to
//! [`bridger_core::validate_bytes`].
//!
//! A file over [`MAX_FILE_BYTES`] is refused by the size the file system gives, before a
//! byte of it is read or hashed (a 100 GB sparse file costs nothing), and so is one that
//! grows past the limit while it is read. It must never modify the file.

use std::io::Read;
use std::path::Path;

use bridger_core::{
    read_book, too_large, validate_bytes, Book, Code, Date, Definition, Finding, Outcome,
    ReadError, MAX_FILE_BYTES,
};

/// A file's bytes, or its size when it is too large to read.
pub enum Capped {
    /// The whole file, at most [`MAX_FILE_BYTES`].
    Bytes(Vec<u8>),
    /// The file's size (or the bytes read before it passed the limit), unread.
    TooLarge(u64),
}

/// Reads a file whole unless it is over [`MAX_FILE_BYTES`]. An I/O failure is the only
/// `Err`.
pub fn read_capped(path: &Path) -> std::io::Result<Capped> {
    let file = std::fs::File::open(path)?;
    let len = file.metadata()?.len();
    if len > MAX_FILE_BYTES {
        return Ok(Capped::TooLarge(len));
    }
    let mut data = Vec::with_capacity(len as usize);
    let read = file.take(MAX_FILE_BYTES + 1).read_to_end(&mut data)? as u64;
    if read > MAX_FILE_BYTES {
        return Ok(Capped::TooLarge(read));
    }
    Ok(Capped::Bytes(data))
}

/// Validates one file from disk. Never panics on any content; I/O failures are
/// `unreadable`.
pub fn validate_file(path: &Path, today: Date, def: &Definition) -> Outcome {
    let modified = std::fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| d.as_secs());
    match read_capped(path) {
        Ok(Capped::Bytes(data)) => validate_bytes(path, modified, data, today, def),
        Ok(Capped::TooLarge(size)) => {
            let mut out = Outcome::unread(path, too_large(size));
            out.modified = modified;
            out
        }
        Err(e) => {
            let mut out = Outcome::new(path);
            out.modified = modified;
            out.findings.push(Finding::error(
                Code::Io,
                format!("cannot read the file: {e}"),
            ));
            out
        }
    }
}

/// Reads a file from disk as a workbook (for the annotated copy and the fingerprint). An
/// I/O failure is the only outer `Err`; everything wrong with the content is the inner.
pub fn read_workbook(path: &Path) -> std::io::Result<Result<Book, ReadError>> {
    Ok(match read_capped(path)? {
        Capped::Bytes(data) => read_book(data),
        Capped::TooLarge(size) => Err(too_large(size)),
    })
}
