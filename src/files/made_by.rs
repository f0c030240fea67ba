//! Workbooks written on Windows byte for byte the same as on Linux. The zip library records,
//! in each entry of a zip's central directory, the system that wrote it: MS-DOS when built
//! for Windows, Unix elsewhere, decided when bridger is compiled and not open to the
//! workbook writer's callers. That one byte per entry is all that differs (the entries'
//! attributes are written as Unix permissions, 0600, on every system), so every zip that
//! bridger writes (workbooks, `.ods` returns from `demo`) has it set back to Unix: the same
//! inputs give the same file on Windows as on Linux, and `template verify` holds on both.
//! On Linux nothing changes.

use std::io::{Read, Seek, SeekFrom, Write};

/// Where a central directory record's "version made by" keeps the system, from its start.
const SYSTEM_AT: usize = 5;
const MS_DOS: u8 = 0;
const UNIX: u8 = 3;
/// The end of central directory record: its signature and its size without a comment.
const END: [u8; 4] = *b"PK\x05\x06";
const END_LEN: usize = 22;
const ZIP64_LOCATOR: [u8; 4] = *b"PK\x06\x07";
const ZIP64_END: [u8; 4] = *b"PK\x06\x06";
const ENTRY: [u8; 4] = *b"PK\x01\x02";

/// Sets the system of every central directory entry of the zip in `zip` that says MS-DOS
/// to Unix, in place. Anything that is not a zip whose central directory reads cleanly is
/// left exactly as it was. Returns whether anything changed.
pub fn unix_made_by(zip: &mut (impl Read + Write + Seek)) -> std::io::Result<bool> {
    let start = zip.stream_position()?;
    let mut magic = [0u8; 4];
    zip.seek(SeekFrom::Start(0))?;
    let is_zip = zip.read_exact(&mut magic).is_ok() && magic == *b"PK\x03\x04";
    let changed = match is_zip.then(|| directory(zip)).transpose()?.flatten() {
        Some((offset, size, entries)) => patch(zip, offset, size, entries)?,
        None => false,
    };
    zip.seek(SeekFrom::Start(start))?;
    Ok(changed)
}

/// The central directory's offset, size and number of entries, from the end record (and
/// its Zip64 form when the plain one cannot hold them), or `None` when there is none.
fn directory(zip: &mut (impl Read + Seek)) -> std::io::Result<Option<(u64, u64, u64)>> {
    let len = zip.seek(SeekFrom::End(0))?;
    let tail_len = len.min((END_LEN + u16::MAX as usize) as u64);
    let tail = read_at(zip, len - tail_len, tail_len)?;
    let Some(at) = (0..=tail.len().saturating_sub(END_LEN))
        .rev()
        .find(|&i| tail[i..i + 4] == END)
    else {
        return Ok(None);
    };
    let end = &tail[at..];
    let entries = u64::from(u16_at(end, 10));
    let size = u64::from(u32_at(end, 12));
    let offset = u64::from(u32_at(end, 16));
    if entries != u64::from(u16::MAX)
        && size != u64::from(u32::MAX)
        && offset != u64::from(u32::MAX)
    {
        return Ok(Some((offset, size, entries)));
    }
    // Zip64: a locator just before the end record gives where the Zip64 end record is.
    let Some(locator) = at.checked_sub(20).map(|l| &tail[l..at]) else {
        return Ok(None);
    };
    if locator[..4] != ZIP64_LOCATOR {
        return Ok(None);
    }
    let end64 = read_at(zip, u64_at(locator, 8), 56)?;
    if end64.len() < 56 || end64[..4] != ZIP64_END {
        return Ok(None);
    }
    Ok(Some((
        u64_at(&end64, 48),
        u64_at(&end64, 40),
        u64_at(&end64, 32),
    )))
}

/// Sets MS-DOS to Unix in the `entries` records of the central directory at `offset`
/// (`size` bytes), writing it back only when every record reads cleanly and one changed.
fn patch(
    zip: &mut (impl Read + Write + Seek),
    offset: u64,
    size: u64,
    entries: u64,
) -> std::io::Result<bool> {
    let mut dir = read_at(zip, offset, size)?;
    if dir.len() as u64 != size {
        return Ok(false);
    }
    let (mut at, mut seen, mut changed) = (0usize, 0u64, false);
    while at + 46 <= dir.len() && dir[at..at + 4] == ENTRY {
        if dir[at + SYSTEM_AT] == MS_DOS {
            dir[at + SYSTEM_AT] = UNIX;
            changed = true;
        }
        let names = usize::from(u16_at(&dir[at..], 28))
            + usize::from(u16_at(&dir[at..], 30))
            + usize::from(u16_at(&dir[at..], 32));
        at += 46 + names;
        seen += 1;
    }
    if !changed || at != dir.len() || seen != entries {
        return Ok(false);
    }
    zip.seek(SeekFrom::Start(offset))?;
    zip.write_all(&dir)?;
    Ok(true)
}

/// Up to `len` bytes from `offset` (fewer at the end of the file).
fn read_at(zip: &mut (impl Read + Seek), offset: u64, len: u64) -> std::io::Result<Vec<u8>> {
    zip.seek(SeekFrom::Start(offset))?;
    let mut bytes = Vec::new();
    zip.take(len).read_to_end(&mut bytes)?;
    Ok(bytes)
}

fn u16_at(b: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([b[at], b[at + 1]])
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

fn u64_at(b: &[u8], at: usize) -> u64 {
    let mut le = [0u8; 8];
    le.copy_from_slice(&b[at..at + 8]);
    u64::from_le_bytes(le)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;
    use zip::write::SimpleFileOptions;
    use zip::System;

    /// A zip of three entries written as on `system`, Zip64 when `large`.
    fn zip_as(system: System, large: bool) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = SimpleFileOptions::default()
            .system(system)
            .unix_permissions(0o600)
            .large_file(large)
            .last_modified_time(zip::DateTime::default());
        for (name, text) in [
            ("a.xml", "<a/>"),
            ("xl/b.xml", "PK\x01\x02 in the data"),
            ("c", ""),
        ] {
            w.start_file(name, options).unwrap();
            w.write_all(text.as_bytes()).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn a_zip_written_as_on_windows_becomes_the_one_written_as_on_linux() {
        for large in [false, true] {
            let linux = zip_as(System::Unix, large);
            let mut windows = zip_as(System::Dos, large);
            assert_ne!(windows, linux);
            let mut file = Cursor::new(&mut windows[..]);
            assert!(unix_made_by(&mut file).unwrap());
            assert_eq!(windows, linux, "large: {large}");
            // Linux's own is left as it is.
            let mut same = linux.clone();
            assert!(!unix_made_by(&mut Cursor::new(&mut same[..])).unwrap());
            assert_eq!(same, linux);
        }
    }

    #[test]
    fn what_is_not_a_clean_zip_is_left_untouched() {
        let windows = zip_as(System::Dos, false);
        let mut cut = windows[..windows.len() - 30].to_vec();
        let mut text = b"Force code,Force\r\nkent,Kent Police\r\n".to_vec();
        let mut empty = Vec::new();
        for bytes in [&mut cut, &mut text, &mut empty] {
            let before = bytes.clone();
            assert!(!unix_made_by(&mut Cursor::new(&mut bytes[..])).unwrap());
            assert_eq!(*bytes, before);
        }
    }
}
