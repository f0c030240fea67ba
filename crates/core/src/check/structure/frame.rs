//! The cells the template writes (titles, labels, guidance) and the Instructions and
//! Return sheets, which are frame and input cells only.
//!
//! A frame cell must read as the template wrote it; on these sheets, anything typed
//! outside both the frame and the definition's input cells is reported where it is.

use std::collections::HashSet;

use crate::check::finding::{Code, Finding};
use crate::check::fingerprint::canonical_value;
use crate::definition::Definition;
use crate::read::BookSheet;

use super::{changed, outside, same};

/// Checks that every frame cell of a template sheet is in place, naming each changed or
/// emptied one with `code` and `what(row, col)`; returns the positions of the frame.
pub(super) fn check_frame(
    sheet: &BookSheet,
    def: &Definition,
    expected: usize,
    code: Code,
    what: impl Fn(u32, u32) -> &'static str,
    out: &mut Vec<Finding>,
) -> HashSet<(u32, u32)> {
    let mut frame_at = HashSet::new();
    for cell in def.frame().iter().filter(|c| c.sheet == expected) {
        frame_at.insert((cell.row, cell.col));
        let found = sheet.get(cell.row, cell.col);
        if !found.is_some_and(|v| same(v, &cell.value)) {
            out.push(changed(
                &sheet.name,
                cell.row,
                cell.col,
                &cell.value,
                found,
                code,
                what(cell.row, cell.col),
            ));
        }
    }
    frame_at
}

/// Instructions and Return: frame cells in place, nothing typed outside the inputs.
pub(super) fn compare_plain(
    sheet: &BookSheet,
    def: &Definition,
    expected: usize,
    out: &mut Vec<Finding>,
) {
    let frame_at = check_frame(
        sheet,
        def,
        expected,
        Code::FrameChanged,
        |_, col| if col == 0 { "the label" } else { "the cell" },
        out,
    );
    for cell in &sheet.cells {
        if frame_at.contains(&(cell.row, cell.col))
            || def.is_input(expected, cell.row, cell.col)
            || canonical_value(&cell.value).is_none()
        {
            continue;
        }
        out.push(outside(&sheet.name, cell.row, cell.col, &cell.value));
    }
}
