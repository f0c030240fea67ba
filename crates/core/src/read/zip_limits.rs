//! The zip container checked entry by entry before any parser sees it: sizes, ratios and
//! totals held to fixed limits, every entry inflated into a counter (never into memory) so
//! that declared sizes cannot lie. A zip bomb is refused unread, and so is an XML part
//! whose counts, positions or repeats calamine would trust into a crash or a wrong value
//! (see `xml_scan`). A zip holding two copies of one part (two entries of one name, or of
//! names that differ only in case) is refused too: which copy a program shows is its own
//! choice, so what was checked could differ from what another program shows.

use std::io::{Cursor, Read};

use crate::definition::codes::Code;

use super::xml_scan::Scanner;
use super::{damaged, encrypted, fail, zip_needs_password, ReadError};

/// The most that any one zip entry may expand to.
pub(crate) const MAX_ENTRY_BYTES: u64 = 768 * 1024 * 1024;
/// The most that all zip entries together may expand to.
pub(crate) const MAX_TOTAL_BYTES: u64 = 1536 * 1024 * 1024;
/// A compression ratio beyond which a large entry is taken for a zip bomb.
pub(crate) const MAX_RATIO: u64 = 1000;

pub(super) enum Container {
    Xlsx {
        has_macros: bool,
        has_merges: bool,
        /// The parts as this check inflated them, packed again uncompressed ([`Repack`]),
        /// for calamine to read in place of the file; `None` when they were not kept.
        inflated: Option<Vec<u8>>,
    },
    Xlsb {
        has_macros: bool,
    },
    Ods,
}

/// Checks a zip container before anything parses it: every entry is inflated into a
/// counter (never into memory) so that declared sizes cannot lie, and the sizes and ratios
/// are held to the limits above.
pub(super) fn check_zip(data: &[u8]) -> Result<Container, ReadError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(data)).map_err(damaged)?;
    if let Some(name) = duplicate_part(&zip, data) {
        return Err(two_copies(&name));
    }
    let mut names = Vec::with_capacity(zip.len());
    let mut has_merges = false;
    let mut total: u64 = 0;
    let mut repack = Repack::new(REPACK_LIMIT);
    for i in 0..zip.len() {
        let mut entry = match zip.by_index(i) {
            Ok(e) => e,
            Err(e) if zip_needs_password(&e) => return Err(encrypted()),
            Err(e) => return Err(damaged(e)),
        };
        if entry.encrypted() {
            return Err(encrypted());
        }
        let name = match entry.name() {
            Ok(n) => n.to_string(),
            Err(_) => {
                // A name the zip library cannot give as written is not copied under
                // another: the file is read as it is.
                repack.stop();
                format!("entry {i}")
            }
        };
        let compressed = entry.compressed_size().max(1);
        let declared = entry.size();
        if declared > MAX_ENTRY_BYTES
            || (declared > 64 * 1024 * 1024 && declared / compressed > MAX_RATIO)
        {
            return Err(bomb(&name, declared));
        }
        repack.start(&name, entry.is_dir());
        let mut sink = CountingSink {
            bytes: 0,
            merges: false,
            tail: Vec::new(),
            scan: Scanner::new(&name),
            repack: &mut repack,
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
            inflated: repack.finish(),
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

/// The name of a part the zip holds twice, as a reader looks parts up: Excel and calamine
/// take `XL/Worksheets/Sheet4.xml` and `xl\worksheets\sheet4.xml` for
/// `xl/worksheets/sheet4.xml`. The zip library keeps only the last of two entries of one
/// name, and other programs may take the first, so such a file would show one set of data
/// here and another elsewhere. `Some("")` when there are two copies but their name could
/// not be found.
fn duplicate_part(zip: &zip::ZipArchive<Cursor<&[u8]>>, data: &[u8]) -> Option<String> {
    let listed = central_names(data, zip.central_directory_start());
    first_repeat(listed.into_iter())
        .or_else(|| zip.has_duplicate_names().then(String::new))
        .or_else(|| first_repeat(zip.file_names_raw()))
}

/// Every entry name in the central directory that starts at `start`, as stored, in order:
/// the library's own list has already merged two entries of one name into one.
fn central_names(data: &[u8], start: u64) -> Vec<&[u8]> {
    const HEADER: usize = 46;
    let mut names = Vec::new();
    let mut at = usize::try_from(start).unwrap_or(usize::MAX);
    while let Some(head) = data.get(at..at.saturating_add(HEADER)) {
        if !head.starts_with(b"PK\x01\x02") {
            break;
        }
        let field = |i: usize| usize::from(u16::from_le_bytes([head[i], head[i + 1]]));
        let name_at = at + HEADER;
        let Some(name) = data.get(name_at..name_at + field(28)) else {
            break;
        };
        names.push(name);
        at = name_at + field(28) + field(30) + field(32);
    }
    names
}

/// The first name that repeats an earlier one, case folded and `\` read as `/`.
fn first_repeat<'a>(names: impl Iterator<Item = &'a [u8]>) -> Option<String> {
    let mut seen = std::collections::HashSet::new();
    for name in names {
        let key: Vec<u8> = name
            .iter()
            .map(|b| {
                if *b == b'\\' {
                    b'/'
                } else {
                    b.to_ascii_lowercase()
                }
            })
            .collect();
        if !seen.insert(key) {
            return Some(String::from_utf8_lossy(name).into_owned());
        }
    }
    None
}

fn two_copies(name: &str) -> ReadError {
    let part = if name.is_empty() {
        "one of its parts".to_string()
    } else {
        format!("the part {name}")
    };
    fail(
        Code::Damaged,
        format!("the file holds two copies of {part}, so different programs would show different data: save it again from Excel and resend"),
    )
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

/// The most of a workbook's inflated parts kept to hand to calamine ([`Repack`]): a
/// return's parts come to a few MB; past this (a return of a hundred thousand rows) the
/// parts are inflated a second time instead of held.
const REPACK_LIMIT: u64 = 32 * 1024 * 1024;

/// The zip's parts copied as they are inflated here into a new zip that stores them
/// uncompressed, so that calamine reads what was checked without inflating every part a
/// second time (the cost of a return's reading was a third inflating). Given up (and the
/// file read as it is) past `limit` bytes, at a name the library cannot give as written,
/// or on any error of its own: it is never a reason to refuse a file.
struct Repack {
    zip: Option<zip::ZipWriter<Cursor<Vec<u8>>>>,
    left: u64,
}

impl Repack {
    fn new(limit: u64) -> Repack {
        Repack {
            zip: Some(zip::ZipWriter::new(Cursor::new(Vec::new()))),
            left: limit,
        }
    }

    fn stop(&mut self) {
        self.zip = None;
    }

    /// Starts the copy of the entry `name` (a folder entry is left out: nothing reads it).
    fn start(&mut self, name: &str, is_dir: bool) {
        if is_dir {
            return;
        }
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored)
            .last_modified_time(zip::DateTime::default());
        if let Some(z) = &mut self.zip {
            if z.start_file(name, options).is_err() {
                self.stop();
            }
        }
    }

    fn write(&mut self, buf: &[u8]) {
        let Some(z) = &mut self.zip else { return };
        self.left = self.left.saturating_sub(buf.len() as u64);
        if self.left == 0 || std::io::Write::write_all(z, buf).is_err() {
            self.stop();
        }
    }

    /// The new zip's bytes, if every part was copied.
    fn finish(self) -> Option<Vec<u8>> {
        self.zip?.finish().ok().map(Cursor::into_inner)
    }
}

/// Counts what an entry inflates to, and notices `<mergeCell` on the way, so that merged
/// areas (which calamine finds only by parsing a sheet a second time) are looked for only
/// in workbooks that have them; and hands the bytes to the [`Repack`].
struct CountingSink<'a> {
    bytes: u64,
    merges: bool,
    tail: Vec<u8>,
    scan: Scanner,
    repack: &'a mut Repack,
}

const MERGE_TAG: &[u8] = b"<mergeCell";

impl std::io::Write for CountingSink<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.bytes += buf.len() as u64;
        self.scan.feed(buf);
        self.repack.write(buf);
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// A zip of `names`, each holding a little XML; then every `from` in its bytes (the
    /// names in the local and central headers) replaced by `to`, of the same length, which
    /// is how two entries of one name are made: the zip library refuses to write them.
    fn zip_of(names: &[&str], from: &str, to: &str) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for name in names {
            zip.start_file(*name, zip::write::SimpleFileOptions::default())
                .unwrap();
            zip.write_all(b"<x/>").unwrap();
        }
        let mut bytes = zip.finish().unwrap().into_inner();
        if from.is_empty() {
            return bytes;
        }
        assert_eq!(from.len(), to.len());
        let at: Vec<usize> = memchr::memmem::find_iter(&bytes, from.as_bytes()).collect();
        for i in at {
            bytes[i..i + to.len()].copy_from_slice(to.as_bytes());
        }
        bytes
    }

    const SHEET: &str = "xl/worksheets/sheet4.xml";

    /// Every `.xlsx` the real clients made (Excel, openpyxl and LibreOffice fills, merged
    /// cells, dates of 1904, formulas) reads the same from the parts as checked, packed
    /// again, as from the file itself; and the packed parts are stored, so calamine does
    /// not inflate them a second time.
    #[test]
    fn a_workbook_reads_the_same_from_its_parts_as_checked() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/real-client");
        let mut read = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "xlsx") {
                continue;
            }
            let data = std::fs::read(&path).unwrap();
            let Ok(Container::Xlsx {
                has_macros,
                has_merges,
                inflated,
            }) = check_zip(&data)
            else {
                continue;
            };
            let inflated = inflated.expect("a return's parts are kept");
            let mut zip = zip::ZipArchive::new(Cursor::new(&inflated[..])).unwrap();
            for i in 0..zip.len() {
                let part = zip.by_index(i).unwrap();
                assert_eq!(part.compression(), zip::CompressionMethod::Stored);
            }
            let ours = super::super::calamine_cells::read_xlsx(inflated, has_macros, has_merges);
            let theirs = super::super::calamine_cells::read_xlsx(data, has_macros, has_merges);
            assert_eq!(
                format!("{ours:?}"),
                format!("{theirs:?}"),
                "{}",
                path.display()
            );
            read += 1;
        }
        assert!(read >= 20, "only {read} workbooks read");
    }

    /// Parts past the limit are not held: the file is read as it is. Under it, each part
    /// comes back whole under its own name.
    #[test]
    fn parts_are_kept_only_up_to_the_limit() {
        let mut over = Repack::new(10);
        over.start("a.xml", false);
        over.write(b"<a>1</a>");
        over.write(b"<b/>");
        assert!(over.finish().is_none());

        let mut under = Repack::new(100);
        under.start("xl/a.xml", false);
        under.write(b"<a>");
        under.write(b"1</a>");
        under.start("xl/", true);
        under.start("xl/b.xml", false);
        under.write(b"<b/>");
        let bytes = under.finish().expect("kept");
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut text = |name: &str| {
            let mut s = String::new();
            zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
            s
        };
        assert_eq!(text("xl/a.xml"), "<a>1</a>");
        assert_eq!(text("xl/b.xml"), "<b/>");
        assert_eq!(zip.len(), 2, "a folder entry is left out");
    }

    fn verdict(bytes: &[u8]) -> Result<(), ReadError> {
        check_zip(bytes).map(|_| ())
    }

    #[test]
    fn two_copies_of_a_part_are_damaged_whatever_the_case_or_slash() {
        let ok = zip_of(&["xl/workbook.xml", SHEET], "", "");
        assert!(verdict(&ok).is_ok());
        for copy in [
            "xl/worksheets/sheet4.xmZ",
            "XL/Worksheets/Sheet4.XML",
            "xl\\worksheets\\sheet4.xml",
        ] {
            let bytes = zip_of(
                &["xl/workbook.xml", SHEET, copy],
                "sheet4.xmZ",
                "sheet4.xml",
            );
            let err = verdict(&bytes).unwrap_err();
            assert_eq!(err.code, Code::Damaged, "{copy}");
            assert!(
                err.message.contains("two copies of the part "),
                "{}",
                err.message
            );
            assert!(
                err.message.to_ascii_lowercase().contains("sheet4.xml"),
                "{}",
                err.message
            );
        }
    }

    #[test]
    fn the_central_directory_is_walked_for_every_name_as_stored() {
        let bytes = zip_of(&["a.xml", "b.xmZ", "c.xml"], "b.xmZ", "a.xml");
        let zip = zip::ZipArchive::new(Cursor::new(&bytes[..])).unwrap();
        // The library merged the two entries named a.xml into one.
        assert_eq!(zip.len(), 2);
        assert!(zip.has_duplicate_names());
        let names = central_names(&bytes, zip.central_directory_start());
        assert_eq!(names, [&b"a.xml"[..], b"a.xml", b"c.xml"]);
        assert_eq!(duplicate_part(&zip, &bytes), Some("a.xml".to_string()));
        // A directory that cannot be followed gives what was found before it.
        assert!(central_names(&bytes, 0).is_empty());
        assert!(central_names(&bytes, u64::MAX).is_empty());
        assert_eq!(first_repeat([&b"x"[..], b"y"].into_iter()), None);
    }
}
