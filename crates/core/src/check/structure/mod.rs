//! The exact account of how a return's workbook differs from the template.
//!
//! When a return's fingerprint is not the template's, the force analyst needs to know what
//! to put back, in Excel's words: which sheet was added, renamed or moved, which header was
//! changed, where a column was inserted ("a column was inserted before Incidents!D", once,
//! not twenty changed cells), how many rows were inserted above the headers, and which
//! values sit outside the input regions.
//!
//! It never trusts a submission's own idea of where its input regions are: positions come
//! from the definition, shifted only by an insertion it has proved. Each kind of sheet has
//! its own file: `sheets` pairs the workbook's sheets with the template's, `frame`
//! checks the Instructions and Return sheets, `lists` the hidden Lists sheet, and
//! `table` a data table (with `columns` and `align` for its header row).

mod align;
mod columns;
mod frame;
mod lists_sheet;
mod rows;
mod sheets;
mod table;

use crate::base::cellref::{a1, CellPos};
use crate::base::text::{fold_text, quote};
use crate::check::cells::display;
use crate::check::finding::{Code, Finding};
use crate::check::fingerprint::{canonical_value, identity, identity_cells};
use crate::definition::Definition;
use crate::read::{Book, Stored};

/// At most this many cell-level findings per sheet; the rest are counted in one more.
const MAX_PER_SHEET: usize = 40;

/// Every structural difference between `book` and the template, as findings.
pub(crate) fn differences(book: &Book, def: &Definition) -> Vec<Finding> {
    let mut out = Vec::new();
    if book.has_macros {
        out.push(Finding::modified(
            Code::Macros,
            "the workbook is macro-enabled (an .xlsm file, or one with a VBA part), and the Annex C template has none: copy the data into a fresh template and save it as an Excel Workbook (.xlsx)",
        ));
    }
    if let Some(finding) = other_version(book, def) {
        out.push(finding);
        return out;
    }

    let matched = sheets::match_sheets(book, def, &mut out);
    for (expected, actual) in matched {
        let sheet = &book.sheets[actual];
        let name = &def.sheets[expected];
        let mut local = Vec::new();
        if let Some(table) = def.table(name) {
            table::compare_table(sheet, def, expected, table, &mut local);
        } else if name == "Lists" {
            lists_sheet::compare_lists(sheet, def, expected, &mut local);
        } else {
            frame::compare_plain(sheet, def, expected, &mut local);
        }
        if local.len() > MAX_PER_SHEET {
            let rest = local.len() - MAX_PER_SHEET;
            local.truncate(MAX_PER_SHEET);
            local.push(
                Finding::modified(
                    Code::FrameChanged,
                    format!("and {rest} more altered cells on this sheet"),
                )
                .on_sheet(&sheet.name),
            );
        }
        out.extend(local);
    }
    out
}

/// An Annex C return on another version of the template: said once, since nothing else
/// about it can be compared with this version.
fn other_version(book: &Book, def: &Definition) -> Option<Finding> {
    let (id, version) = identity(book, def);
    let (_, version_cell) = identity_cells(def);
    if id.as_deref() != Some(def.id.as_str()) || version.as_deref() == Some(def.version.as_str()) {
        return None;
    }
    let found = version.unwrap_or_else(|| "(blank)".to_string());
    Some(
        Finding::modified(
            Code::TemplateVersion,
            format!(
                "template version {found}; this return needs {}: copy the data into the {} template and send that",
                def.version, def.version
            ),
        )
        .at(&def.return_sheet, CellPos::new(version_cell.0, version_cell.1))
        .value(found),
    )
}

/// Whether a cell reads as the template's text.
fn same(value: &Stored, expected: &str) -> bool {
    canonical_value(value) == canonical_value(&Stored::Text(expected.into()))
}

/// A cell as a finding shows it: its text folded, or `(blank)`.
fn shown(value: Option<&Stored>) -> String {
    value.map_or_else(|| "(blank)".to_string(), |v| fold_text(&display(v)))
}

/// A template cell that was changed or emptied.
fn changed(
    sheet: &str,
    row: u32,
    col: u32,
    expected: &str,
    found: Option<&Stored>,
    code: Code,
    what: &str,
) -> Finding {
    let message = match found {
        None => format!(
            "{what} {sheet}!{} was emptied; it must read '{expected}': put it back",
            a1(row, col)
        ),
        Some(v) => format!(
            "{what} {sheet}!{} was changed from '{expected}' to {}: put back '{expected}'",
            a1(row, col),
            quote(&fold_text(&display(v)))
        ),
    };
    Finding::modified(code, message)
        .at(sheet, CellPos::new(row, col))
        .value(shown(found))
}

/// A value typed where the template has no input cell.
fn outside(sheet: &str, row: u32, col: u32, value: &Stored) -> Finding {
    Finding::modified(
        Code::OutsideTemplate,
        format!(
            "{sheet}!{} {} is outside the template's input cells: delete it (or move it into an input cell)",
            a1(row, col),
            quote(&fold_text(&display(value)))
        ),
    )
    .at(sheet, CellPos::new(row, col))
    .value(fold_text(&display(value)))
}
