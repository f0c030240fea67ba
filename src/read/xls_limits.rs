//! The size of an `.xls` workbook's sheets, judged from their DIMENSIONS records before
//! calamine reads it: calamine reads every sheet of an `.xls` at once into dense ranges and
//! pre-sizes each from that record, so a 15 KB file with a cell at A1 and one at IV65536 on
//! each of 20 sheets would ask for 11 GB. It looks for the records in the raw bytes (a
//! BIFF8 record rarely straddles the container's sectors); it must never allocate.

use crate::definition::codes::Code;

use super::{fail, ReadError, MAX_CELLS};

/// The DIMENSIONS record's type (0x0200) and BIFF8 lengths (14, or 16 from some writers).
const DIMENSIONS: [[u8; 4]; 2] = [[0x00, 0x02, 0x0E, 0x00], [0x00, 0x02, 0x10, 0x00]];

/// Refuses an `.xls` whose sheets together span more than [`MAX_CELLS`] cells.
pub(super) fn check_xls(data: &[u8]) -> Result<(), ReadError> {
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
