//! The zip container checked entry by entry before any parser sees it: sizes, ratios and
//! totals held to fixed limits, every entry inflated into a counter (never into memory) so
//! that declared sizes cannot lie. A zip bomb is refused unread, and so is an XML part
//! whose counts, positions or repeats calamine would trust into a crash or a wrong value
//! (see `xml_scan`).

use std::io::{Cursor, Read};

use crate::definition::codes::Code;

use super::xml_scan::Scanner;
use super::{damaged, encrypted, fail, zip_needs_password, ReadError};

/// The most that any one zip entry may expand to.
pub const MAX_ENTRY_BYTES: u64 = 768 * 1024 * 1024;
/// The most that all zip entries together may expand to.
pub const MAX_TOTAL_BYTES: u64 = 1536 * 1024 * 1024;
/// A compression ratio beyond which a large entry is taken for a zip bomb.
pub const MAX_RATIO: u64 = 1000;

pub(super) enum Container {
    Xlsx { has_macros: bool, has_merges: bool },
    Xlsb { has_macros: bool },
    Ods,
}

/// Checks a zip container before anything parses it: every entry is inflated into a
/// counter (never into memory) so that declared sizes cannot lie, and the sizes and ratios
/// are held to the limits above.
pub(super) fn check_zip(data: &[u8]) -> Result<Container, ReadError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(data)).map_err(damaged)?;
    let mut names = Vec::with_capacity(zip.len());
    let mut has_merges = false;
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let mut entry = match zip.by_index(i) {
            Ok(e) => e,
            Err(e) if zip_needs_password(&e) => return Err(encrypted()),
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
            scan: Scanner::new(&name),
        };
        let limit = MAX_ENTRY_BYTES.min(MAX_TOTAL_BYTES - total) + 1;
        std::io::copy(&mut (&mut entry).take(limit), &mut sink).map_err(damaged)?;
        let actual = sink.bytes;
        has_merges |= sink.merges && name.starts_with("xl/worksheets/");
        if actual >= limit || (actual > 64 * 1024 * 1024 && actual / compressed > MAX_RATIO) {
            return Err(bomb(&name, actual));
        }
        sink.scan.finish(actual)?;
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
            Code::NotASpreadsheet,
            "the file is a Word or PowerPoint document, not a workbook: send the Annex C workbook itself",
        ));
    }
    Err(fail(
        Code::NotASpreadsheet,
        "the file is a zip archive, not a workbook: send the Annex C workbook itself, not a compressed folder",
    ))
}

fn bomb(entry: &str, bytes: u64) -> ReadError {
    fail(
        Code::TooLarge,
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
    scan: Scanner,
}

const MERGE_TAG: &[u8] = b"<mergeCell";

impl std::io::Write for CountingSink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.bytes += buf.len() as u64;
        self.scan.feed(buf);
        if !self.merges {
            // Search the join of the previous chunk's tail and this chunk.
            self.tail
                .extend_from_slice(&buf[..buf.len().min(MERGE_TAG.len())]);
            self.merges = memchr::memmem::find(&self.tail, MERGE_TAG).is_some()
                || memchr::memmem::find(buf, MERGE_TAG).is_some();
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
