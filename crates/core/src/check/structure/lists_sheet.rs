//! The hidden Lists sheet: every list value in place, and a changed, added or removed
//! value named with the list it belongs to.
//!
//! Lists change only with a new template version, so any difference here is a modified
//! template, never a value to accept.

use crate::base::cellref::{a1, CellPos};
use crate::base::text::{fold_text, quote};
use crate::check::cells::display;
use crate::check::finding::{Code, Finding};
use crate::check::fingerprint::canonical_value;
use crate::definition::Definition;
use crate::read::BookSheet;

use super::frame::check_frame;

/// Lists: every list value in place; a changed, added or removed value is named.
pub(super) fn compare_lists(
    sheet: &BookSheet,
    def: &Definition,
    expected: usize,
    out: &mut Vec<Finding>,
) {
    let frame_at = check_frame(
        sheet,
        def,
        expected,
        Code::ListChanged,
        |row, _| {
            if row == 0 {
                "the list name"
            } else {
                "the list value"
            }
        },
        out,
    );
    for cell in &sheet.cells {
        if frame_at.contains(&(cell.row, cell.col)) || canonical_value(&cell.value).is_none() {
            continue;
        }
        let list = def.lists.get(cell.col as usize).map(|l| l.name.as_str());
        let message = match list {
            Some(name) => format!(
                "{} was added to the {name} list at {}!{}: delete it; lists change only with a new template version",
                quote(&fold_text(&display(&cell.value))),
                sheet.name,
                a1(cell.row, cell.col)
            ),
            None => format!(
                "{}!{} {} is outside the template's lists: delete it",
                sheet.name,
                a1(cell.row, cell.col),
                quote(&fold_text(&display(&cell.value)))
            ),
        };
        out.push(
            Finding::modified(Code::ListChanged, message)
                .at(&sheet.name, CellPos::new(cell.row, cell.col))
                .value(fold_text(&display(&cell.value))),
        );
    }
}
