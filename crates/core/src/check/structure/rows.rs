//! Rows inserted or deleted above a table's headers, named where they were: "1 row was
//! inserted at Incidents row 3 …: delete row 3", once, with the title and guidance looked
//! for where that insertion (or deletion) left them, so that they are never reported as
//! changed because they moved.
//!
//! The headers' own text has already said how far they moved (`shift`); this file only
//! finds which rows did the moving, by the template cells above the headers.

use std::collections::HashSet;

use crate::base::cellref::{a1, CellPos};
use crate::check::finding::{Code, Finding};
use crate::check::fingerprint::canonical_value;
use crate::definition::{Definition, FrameCell};
use crate::read::BookSheet;

use super::{changed, same};

/// The account of the rows above a table's headers: at most one `rows-inserted` finding,
/// then the title and guidance cells that are not where the account puts them. Returns
/// the workbook positions of the template's cells above the headers.
pub(super) fn account_rows(
    sheet: &BookSheet,
    def: &Definition,
    expected: usize,
    home: u32,
    shift: i64,
    out: &mut Vec<Finding>,
) -> HashSet<(u32, u32)> {
    let frame: Vec<&FrameCell> = def
        .frame()
        .iter()
        .filter(|c| c.sheet == expected && c.row < home)
        .collect();
    let n = shift.unsigned_abs() as u32;
    let at = match shift {
        0 => 0,
        s if s > 0 => best_insertion(sheet, &frame, home, n),
        _ => best_deletion(sheet, &frame, home.saturating_sub(n), n),
    };
    let place = |row: u32| -> Option<u32> {
        match shift {
            0 => Some(row),
            s if s > 0 => Some(if row < at { row } else { row + n }),
            _ if row < at => Some(row),
            _ if row < at + n => None,
            _ => Some(row - n),
        }
    };
    let mut lost = Vec::new();
    let mut frame_at = HashSet::new();
    let mut wrong = Vec::new();
    for cell in &frame {
        let Some(row) = place(cell.row) else {
            lost.push(*cell);
            continue;
        };
        frame_at.insert((row, cell.col));
        let found = sheet.get(row, cell.col);
        if !found.is_some_and(|v| same(v, &cell.value)) {
            wrong.push(changed(
                &sheet.name,
                row,
                cell.col,
                &cell.value,
                found,
                Code::FrameChanged,
                "the cell",
            ));
        }
    }
    if shift != 0 {
        out.push(rows_moved(&sheet.name, home, shift, at, &lost));
    }
    out.extend(wrong);
    frame_at
}

/// How many of the template cells above the headers read right if `n` rows were inserted
/// before template row `at` (or deleted from it, when `deleted`).
fn score(sheet: &BookSheet, frame: &[&FrameCell], at: u32, n: u32, deleted: bool) -> usize {
    frame
        .iter()
        .filter(|c| {
            let row = match (c.row < at, deleted) {
                (true, _) => c.row,
                (false, false) => c.row + n,
                (false, true) if c.row < at + n => return false,
                (false, true) => c.row - n,
            };
            sheet.get(row, c.col).is_some_and(|v| same(v, &c.value))
        })
        .count()
}

/// The template row before which `n` rows were inserted: the one that puts most of the
/// title and guidance where they are; among equals, one whose new rows are blank, and
/// the highest on the sheet.
fn best_insertion(sheet: &BookSheet, frame: &[&FrameCell], home: u32, n: u32) -> u32 {
    let blank = |at: u32| {
        !sheet
            .cells
            .iter()
            .any(|c| (at..at + n).contains(&c.row) && canonical_value(&c.value).is_some())
    };
    (0..=home)
        .max_by_key(|&at| {
            (
                score(sheet, frame, at, n, false),
                blank(at),
                std::cmp::Reverse(at),
            )
        })
        .unwrap_or(home)
}

/// The first of the `n` template rows that were deleted: the one that leaves most of the
/// title and guidance where they are; among equals, the one that leaves fewest of them
/// wrong rather than deleted, then the lowest (nearest the headers).
fn best_deletion(sheet: &BookSheet, frame: &[&FrameCell], last: u32, n: u32) -> u32 {
    let kept = |at: u32| {
        frame
            .iter()
            .filter(|c| c.row < at || c.row >= at + n)
            .count()
    };
    (0..=last)
        .max_by_key(|&at| {
            let score = score(sheet, frame, at, n, true);
            (score, std::cmp::Reverse(kept(at) - score), at)
        })
        .unwrap_or(last)
}

/// "rows 3 to 4" or "row 3", for the `n` one-based rows from `first`.
fn rows_named(first: u32, n: u32) -> String {
    if n == 1 {
        format!("row {first}")
    } else {
        format!("rows {first} to {}", first + n - 1)
    }
}

/// The one finding for `shift` rows inserted (or deleted) at template row `at`; `lost`
/// are the template cells that were in deleted rows.
fn rows_moved(name: &str, home: u32, shift: i64, at: u32, lost: &[&FrameCell]) -> Finding {
    let n = shift.unsigned_abs() as u32;
    let header = (i64::from(home) + shift) as u32;
    let count = if n == 1 {
        "1 row was".to_string()
    } else {
        format!("{n} rows were")
    };
    let headers = format!(
        "the headers are on row {} instead of row {}",
        header + 1,
        home + 1
    );
    let rows = rows_named(at + 1, n);
    let message = if shift > 0 {
        format!(
            "{count} inserted above the headers of {name}, at {rows} ({headers}): delete {rows}"
        )
    } else {
        let retype: String = lost
            .iter()
            .map(|c| format!(", then type '{}' back in {}", c.value, a1(c.row, c.col)))
            .collect();
        format!(
            "{count} deleted above the headers of {name}, at {rows} ({headers}): insert {n} {} before row {}{retype}",
            if n == 1 { "row" } else { "rows" },
            at + 1
        )
    };
    Finding::modified(Code::RowsInserted, message).at(name, CellPos::new(at, 0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::definition::annex_c;
    use crate::read::{Cell, Stored};

    /// The Incidents sheet's title and guidance at the given rows (zero-based).
    fn sheet(title: Option<u32>, guidance: Option<u32>) -> (BookSheet, Vec<String>) {
        let def = annex_c();
        let texts: Vec<String> = def
            .frame()
            .iter()
            .filter(|c| c.sheet == 3 && c.row < 3)
            .map(|c| c.value.clone())
            .collect();
        let cells = [title, guidance]
            .iter()
            .zip(&texts)
            .filter_map(|(row, text)| {
                row.map(|row| Cell {
                    row,
                    col: 0,
                    value: Stored::Text(text.as_str().into()),
                })
            })
            .collect();
        let sheet = BookSheet {
            name: "Incidents".into(),
            visible: true,
            cells,
            merges: Vec::new(),
        };
        (sheet, texts)
    }

    #[test]
    fn rows_inserted_at_the_top_are_named_and_the_title_found_below_them() {
        let (s, _) = sheet(Some(2), Some(3));
        let mut out = Vec::new();
        let at = account_rows(&s, annex_c(), 3, 3, 2, &mut out);
        assert_eq!(out.len(), 1, "{out:?}");
        assert_eq!(out[0].code, Code::RowsInserted);
        assert!(
            out[0].message.contains("at rows 1 to 2")
                && out[0].message.ends_with("delete rows 1 to 2"),
            "{}",
            out[0].message
        );
        assert!(at.contains(&(2, 0)) && at.contains(&(3, 0)));
    }

    #[test]
    fn a_deleted_guidance_row_is_named_with_the_text_to_type_back() {
        let (s, texts) = sheet(Some(0), None);
        let mut out = Vec::new();
        account_rows(&s, annex_c(), 3, 3, -1, &mut out);
        assert_eq!(out.len(), 1, "{out:?}");
        let message = &out[0].message;
        assert!(
            message.contains("1 row was deleted above the headers of Incidents, at row 2")
                && message.contains("insert 1 row before row 2")
                && message.ends_with(&format!("then type '{}' back in A2", texts[1])),
            "{message}"
        );
    }
}
