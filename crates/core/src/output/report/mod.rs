//! The annotated copy of a return (`bridger validate --report`): a return the force
//! analyst can fix in Excel and send.
//!
//! A return on the template (status valid or invalid) is re-filled into the canonical
//! template ([`refill`]): drop-downs, protection, widths and print set-up as issued, its
//! values exactly as stored, each cell with a finding filled red (error) or amber
//! (warning), keeping its number format, with a note holding the message. Any other return
//! (modified, or not the template at all) cannot be re-filled faithfully, so the copy holds
//! what the file holds ([`copy`]). Either way the findings are listed, with links, on a last
//! sheet ([`findings`]) that bridger recognises and sets aside
//! ([`crate::read::annotated`]), so the copy validates exactly as the original did.
//!
//! It is a rendering of the same findings as the terminal and JSON outputs. It writes
//! values only (never formulas), so text that looks like a formula stays text.

mod copy;
mod findings;
mod refill;

use std::collections::BTreeMap;

use anyhow::{Context, Result};
use rust_xlsxwriter::{Format, Note, Worksheet};

use crate::base::cellref::CellPos;
use crate::base::text::fit_cell;
use crate::check::finding::{Finding, Severity};
use crate::check::outcome::{Outcome, Status};
use crate::definition::Definition;
use crate::output::cells::cell_at;
use crate::output::styles;
use crate::read::{Book, Stored};

/// Whether a cell is within Excel's grid (A1:XFD1048576), so that it can be written.
fn fits(row: u32, col: u32) -> bool {
    row < 1_048_576 && col < 16_384
}

/// Findings by the cell they are about: (sheet, cell) → the findings there.
type Marks<'a> = BTreeMap<(&'a str, CellPos), Vec<&'a Finding>>;

/// The findings kept, by the cell they are about.
fn marks_by_cell(outcome: &Outcome) -> Marks<'_> {
    let mut marks = Marks::new();
    for f in &outcome.findings.list {
        if let (Some(s), Some(c)) = (&f.sheet, f.cell) {
            marks.entry((s.as_str(), c)).or_default().push(f);
        }
    }
    marks
}

/// The worst severity among a cell's findings.
fn worst(found: &[&Finding]) -> Option<Severity> {
    found.iter().map(|f| f.severity).min()
}

/// `base` in the red of an error or the amber of a warning, the template's own (the
/// live checks' fill and text), so that a cell looks the same wherever it is marked.
fn coloured(base: Format, severity: Severity) -> Format {
    let (fill, text) = match severity {
        Severity::Error => (styles::ERROR_FILL, styles::ERROR_TEXT),
        Severity::Warning => (styles::WARNING_FILL, styles::WARNING_TEXT),
    };
    base.set_background_color(fill).set_font_color(text)
}

/// `base` marked for the worst finding, if any: number format, borders and lock kept.
fn marked(base: &Format, worst: Option<Severity>) -> Format {
    match worst {
        Some(s) => coloured(base.clone(), s),
        None => base.clone(),
    }
}

/// The note on a cell with findings: each finding's severity, code and message (which
/// says how to fix it).
fn note(found: &[&Finding]) -> Note {
    let text: Vec<String> = found
        .iter()
        .map(|f| format!("{} ({}): {}", f.severity, f.code, f.message))
        .collect();
    let text: String = text.join("\n").chars().take(2000).collect();
    Note::new(text)
        .set_author("bridger")
        .set_width(360)
        .set_height(140)
}

/// Writes a stored value as it is stored: text stays text, a number a number, a date a
/// date serial in `dated`. An error value or a formula with no saved value is written as
/// its text (bridger never writes a formula).
fn write_stored(
    ws: &mut Worksheet,
    row: u32,
    col: u32,
    value: &Stored,
    plain: &Format,
    dated: &Format,
) -> Result<()> {
    let col = col as u16;
    let written = match value {
        Stored::Text(t) => ws.write_string_with_format(row, col, clip(t), plain),
        Stored::Number(n) => ws.write_number_with_format(row, col, *n, plain),
        Stored::Bool(b) => ws.write_boolean_with_format(row, col, *b, plain),
        Stored::Date(d) => ws.write_number_with_format(row, col, *d, dated),
        Stored::Error(_) | Stored::Formula(_) => {
            let shown = crate::check::cells::display(value);
            ws.write_string_with_format(row, col, fit_cell(&shown), plain)
        }
    };
    match written {
        Ok(_) => Ok(()),
        Err(e) => Err(e).with_context(|| format!("writing {}", cell_at(ws, row, col))),
    }
}

/// Excel cells hold at most 32,767 characters.
fn clip(text: &str) -> &str {
    match text.char_indices().nth(32_767) {
        Some((i, _)) => &text[..i],
        None => text,
    }
}

/// Whether the copy can be the template re-filled: the return is on the template (its
/// fingerprint is the template's) and has exactly the template's sheets.
fn on_template(book: &Book, def: &Definition, outcome: &Outcome) -> bool {
    matches!(outcome.status, Status::Valid | Status::Invalid)
        && !book.has_macros
        && book.sheets.len() == def.sheets.len()
        && book
            .sheets
            .iter()
            .zip(&def.sheets)
            .all(|(s, n)| s.name == *n)
}

/// Which kind of copy [`build`] writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CopyKind {
    /// The canonical template re-filled with the return's values: a return to fix and send.
    Refilled,
    /// What the file holds, sheet by sheet (the return is not on the template).
    AsFound,
}

/// Builds the annotated workbook as bytes, and says which kind of copy it is. `book` is the
/// return as read, with any findings sheet of an earlier copy set aside.
pub fn build(def: &Definition, book: &Book, outcome: &Outcome) -> Result<(Vec<u8>, CopyKind)> {
    let (mut wb, names, notes, kind) = if on_template(book, def, outcome) {
        let (wb, notes) = refill::workbook(def, book, outcome)?;
        (wb, def.sheets.clone(), notes, CopyKind::Refilled)
    } else {
        let (wb, names, notes) = copy::workbook(book, outcome)?;
        (wb, names, notes, CopyKind::AsFound)
    };
    findings::write(&mut wb, book, outcome, &names, &notes)?;
    let bytes = wb
        .save_to_buffer()
        .context("writing the annotated report")?;
    Ok((bytes, kind))
}
