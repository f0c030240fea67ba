//! The size of an `.xls` workbook's sheets, judged from their DIMENSIONS records before
//! calamine reads it: calamine reads every sheet of an `.xls` at once into dense ranges and
//! pre-sizes each from that record, so a 15 KB file with a cell at A1 and one at IV65536 on
//! each of 20 sheets would ask for 11 GB. It looks for the records in the raw bytes (a
//! BIFF8 record rarely straddles the container's sectors).
//!
//! It also follows the container's own sector chains (the directory, the mini FAT, the
//! DIFAT and every stream in the FAT) before calamine does: calamine appends sector after
//! sector until a chain ends, so a chain that loops back on itself (a 76 KB file found by
//! the fuzzer) grows without end until the worker's memory limit stops it. A chain longer
//! than the file has sectors loops, and the file is damaged. It reads everything in place
//! and allocates only the list of FAT sectors (a few bytes per 128 sectors of the file).

use crate::definition::codes::Code;

use super::{fail, ReadError, MAX_CELLS};

/// The DIMENSIONS record's type (0x0200) and BIFF8 lengths (14, or 16 from some writers).
const DIMENSIONS: [[u8; 4]; 2] = [[0x00, 0x02, 0x0E, 0x00], [0x00, 0x02, 0x10, 0x00]];

/// A regular sector id is below this; the rest mark the end of a chain, a free sector or
/// a FAT or DIFAT sector.
const MAX_REGULAR_SECTOR: u32 = 0xFFFF_FFFA;

/// The compound file's FAT, read in place: which sector follows which.
struct Fat<'a> {
    data: &'a [u8],
    shift: u32,
    /// The sectors holding the FAT, in order (from the header and the DIFAT chain).
    fat_sectors: Vec<u32>,
    /// How many whole sectors the file holds: no chain can be longer.
    sectors: u64,
}

impl<'a> Fat<'a> {
    /// Reads the header and the DIFAT; `None` where they cannot be followed (calamine then
    /// gives its own error), `Err` where the DIFAT chain itself loops.
    fn read(data: &'a [u8]) -> Option<Result<Fat<'a>, ReadError>> {
        let u16_at = |i: usize| data.get(i..i + 2).map(|b| u16::from_le_bytes([b[0], b[1]]));
        let shift = u32::from(u16_at(0x1E)?);
        if shift != 9 && shift != 12 {
            return None;
        }
        let sectors = (data.len() as u64 >> shift).saturating_sub(1);
        let u32_at = |i: usize| {
            data.get(i..i + 4)
                .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        };
        let mut fat_sectors = Vec::new();
        for k in 0..109 {
            match u32_at(0x4C + 4 * k)? {
                s if s < MAX_REGULAR_SECTOR => fat_sectors.push(s),
                _ => break,
            }
        }
        let per = (1usize << shift) / 4;
        let mut difat = u32_at(0x44)?;
        let mut steps = 0u64;
        while difat < MAX_REGULAR_SECTOR {
            steps += 1;
            if steps > sectors {
                return Some(Err(loops("DIFAT")));
            }
            let at = ((difat as usize) + 1) << shift;
            for k in 0..per - 1 {
                match u32_at(at + 4 * k) {
                    Some(s) if s < MAX_REGULAR_SECTOR => fat_sectors.push(s),
                    _ => break,
                }
            }
            difat = u32_at(at + 4 * (per - 1))?;
        }
        Some(Ok(Fat {
            data,
            shift,
            fat_sectors,
            sectors,
        }))
    }

    /// The sector after `sector` in its chain, if the FAT says.
    fn next(&self, sector: u32) -> Option<u32> {
        let per = (1u32 << self.shift) / 4;
        let fat_sector = *self.fat_sectors.get((sector / per) as usize)?;
        let at = ((fat_sector as usize + 1) << self.shift) + 4 * (sector % per) as usize;
        self.data
            .get(at..at + 4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    /// Follows the chain from `start`: an error if it is longer than the file.
    fn follow(&self, start: u32, what: &str) -> Result<(), ReadError> {
        let mut sector = start;
        let mut steps = 0u64;
        while sector < MAX_REGULAR_SECTOR {
            steps += 1;
            if steps > self.sectors {
                return Err(loops(what));
            }
            match self.next(sector) {
                Some(next) => sector = next,
                None => return Ok(()),
            }
        }
        Ok(())
    }
}

fn loops(what: &str) -> ReadError {
    fail(
        Code::Damaged,
        format!("the file is damaged (its {what} sector chain loops back on itself): save it again from Excel and resend"),
    )
}

/// Refuses a compound file whose directory, mini FAT or DIFAT chain loops.
fn check_chains(data: &[u8]) -> Result<(), ReadError> {
    let Some(fat) = Fat::read(data) else {
        return Ok(());
    };
    let fat = fat?;
    let u32_at = |i: usize| {
        data.get(i..i + 4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    };
    if let Some(mini_fat) = u32_at(0x3C) {
        fat.follow(mini_fat, "mini FAT")?;
    }
    let Some(directory) = u32_at(0x30) else {
        return Ok(());
    };
    fat.follow(directory, "directory")?;
    // Each stream in the FAT (the root's mini stream, and streams of 4,096 bytes or more;
    // smaller ones live in the mini stream) is a chain calamine follows too. The directory
    // chain does not loop (just checked), so this walk ends.
    let size = 1usize << fat.shift;
    let mut sector = directory;
    while sector < MAX_REGULAR_SECTOR {
        let at = (sector as usize + 1) << fat.shift;
        let Some(entries) = data.get(at..at + size) else {
            break;
        };
        for entry in entries.chunks_exact(128) {
            let kind = entry[0x42];
            let start = u32::from_le_bytes([entry[0x74], entry[0x75], entry[0x76], entry[0x77]]);
            let bytes = u32::from_le_bytes([entry[0x78], entry[0x79], entry[0x7A], entry[0x7B]]);
            if kind == 5 || (kind == 2 && bytes >= 4096) {
                fat.follow(start, "stream")?;
            }
        }
        match fat.next(sector) {
            Some(next) => sector = next,
            None => break,
        }
    }
    Ok(())
}

/// Refuses an `.xls` whose container's chains loop, or whose sheets together span more
/// than [`MAX_CELLS`] cells.
pub(super) fn check_xls(data: &[u8]) -> Result<(), ReadError> {
    check_chains(data)?;
    let mut cells: u64 = 0;
    for at in 0..data.len().saturating_sub(4 + 12) {
        let head = &data[at..at + 4];
        if !DIMENSIONS.iter().any(|d| d == head) {
            continue;
        }
        let r = &data[at + 4..at + 16];
        let u32_at = |i: usize| u32::from_le_bytes([r[i], r[i + 1], r[i + 2], r[i + 3]]);
        let u16_at = |i: usize| u32::from(u16::from_le_bytes([r[i], r[i + 1]]));
        let (first_row, end_row, first_col, end_col) =
            (u32_at(0), u32_at(4), u16_at(8), u16_at(10));
        // Bytes that only look like the record (in a picture, a string) hold values no
        // sheet has: they are not a sheet's dimensions, and are passed over.
        if end_row > 65_536 || end_col > 256 || first_row > end_row {
            continue;
        }
        let cols = u64::from(end_col.saturating_sub(first_col.min(end_col)));
        cells += u64::from(end_row - first_row) * cols;
    }
    if cells > MAX_CELLS as u64 {
        return Err(fail(
            Code::TooLarge,
            format!("its sheets' used areas span {cells} cells, more than the {MAX_CELLS} a return may hold (a value typed far below or to the right of the tables?): delete the stray cells, or copy the data into a fresh template"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dims(rows: (u32, u32), cols: (u16, u16)) -> Vec<u8> {
        let mut v = vec![0x00, 0x02, 0x0E, 0x00];
        v.extend(rows.0.to_le_bytes());
        v.extend(rows.1.to_le_bytes());
        v.extend(cols.0.to_le_bytes());
        v.extend(cols.1.to_le_bytes());
        v.extend([0, 0, 0x3E, 0x02]);
        v
    }

    /// A compound file of 512-byte sectors: the header, one FAT sector (sector 0) holding
    /// `fat`, and `extra` further sectors; the directory starts at sector 1.
    fn compound(fat: &[u32], extra: usize) -> Vec<u8> {
        let mut v = vec![0u8; 512 * (2 + extra)];
        v[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
        v[0x1E..0x20].copy_from_slice(&9u16.to_le_bytes());
        v[0x2C..0x30].copy_from_slice(&1u32.to_le_bytes());
        v[0x30..0x34].copy_from_slice(&1u32.to_le_bytes());
        v[0x3C..0x40].copy_from_slice(&0xFFFF_FFFEu32.to_le_bytes());
        v[0x44..0x48].copy_from_slice(&0xFFFF_FFFEu32.to_le_bytes());
        v[0x4C..0x50].copy_from_slice(&0u32.to_le_bytes());
        for k in 1..109 {
            v[0x4C + 4 * k..0x50 + 4 * k].copy_from_slice(&0xFFFF_FFFFu32.to_le_bytes());
        }
        for k in 0..128 {
            let e = fat.get(k).copied().unwrap_or(0xFFFF_FFFF);
            v[512 + 4 * k..516 + 4 * k].copy_from_slice(&e.to_le_bytes());
        }
        v
    }

    #[test]
    fn a_sector_chain_that_loops_is_damaged_before_calamine_follows_it() {
        // Sector 0 is the FAT; the directory is 1 -> 2 -> end.
        let ends = compound(&[0xFFFF_FFFD, 2, 0xFFFF_FFFE], 2);
        assert!(check_xls(&ends).is_ok());
        // The directory 1 -> 2 -> 1 -> ... never ends.
        let looping = compound(&[0xFFFF_FFFD, 2, 1], 2);
        let e = check_xls(&looping).unwrap_err();
        assert_eq!(e.code, Code::Damaged);
        assert!(
            e.message.contains("directory sector chain loops"),
            "{}",
            e.message
        );
        // A sector pointing at itself.
        assert!(check_xls(&compound(&[0xFFFF_FFFD, 1], 2)).is_err());
        // A stream of 4,096 bytes or more whose chain (3 -> 3) loops: the directory (sector
        // 1 -> end) lists it.
        let mut stream = compound(&[0xFFFF_FFFD, 0xFFFF_FFFE, 0xFFFF_FFFF, 3], 3);
        let entry = 512 * 2;
        stream[entry + 0x42] = 2;
        stream[entry + 0x74..entry + 0x78].copy_from_slice(&3u32.to_le_bytes());
        stream[entry + 0x78..entry + 0x7C].copy_from_slice(&5000u32.to_le_bytes());
        let e = check_xls(&stream).unwrap_err();
        assert!(
            e.message.contains("stream sector chain loops"),
            "{}",
            e.message
        );
        // The same stream ending (3 -> end) is fine.
        let mut ends = stream.clone();
        ends[512 + 12..512 + 16].copy_from_slice(&0xFFFF_FFFEu32.to_le_bytes());
        assert!(check_xls(&ends).is_ok());
    }

    #[test]
    fn xls_with_20_sheets_from_a1_to_iv65536_is_too_large_before_calamine() {
        let table = dims((0, 10_000), (0, 40));
        assert!(check_xls(&table).is_ok());
        let one = dims((0, 65_536), (0, 256));
        let twenty: Vec<u8> = (0..20).flat_map(|_| one.clone()).collect();
        assert_eq!(check_xls(&twenty).unwrap_err().code, Code::TooLarge);
        // Values no .xls sheet can have are bytes that only look like the record.
        assert!(check_xls(&dims((655_360, 184_570_624), (0, 256))).is_ok());
    }
}
