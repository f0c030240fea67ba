//! The annotated copy's list of findings: the last sheet, named and marked so that bridger
//! sets it aside when the copy is validated ([`crate::read::annotated`]).
//!
//! One row per finding: severity (coloured), code, the cell as a link to it, the column,
//! the value found, and the message saying how to fix it, wrapped. The header row is
//! frozen and filterable. The sheet opens first, so the analyst starts from the list.

use anyhow::{Context, Result};
use rust_xlsxwriter::utility::quote_sheet_name;
use rust_xlsxwriter::{Color, Format, FormatAlign, Url, Workbook, Worksheet};

use super::{coloured, fits};
use crate::base::text::fit_cell;
use crate::check::finding::Finding;
use crate::check::outcome::Outcome;
use crate::read::annotated::{FINDINGS_MARKER, FINDINGS_SHEET};
use crate::read::Book;

/// The row of the table's headers (zero-based); findings follow it.
const HEADER_ROW: u32 = 3;

/// The widths of the columns, in characters.
const WIDTHS: [f64; 6] = [10.0, 24.0, 16.0, 26.0, 24.0, 90.0];

/// About how many lines `text` takes wrapped in a column `width` characters wide: neither
/// Excel nor LibreOffice sizes rows to wrapped text written by another program.
fn lines_needed(text: &str, width: f64) -> usize {
    let per_line = (width * 0.9).max(1.0) as usize;
    text.split('\n')
        .map(|l| l.chars().count().div_ceil(per_line).max(1))
        .sum()
}

/// Adds the findings sheet as the last sheet of `wb` and makes it the one that opens.
/// `names` are the copy's sheet names, in the order of `book`'s sheets; `notes` are lines
/// about the copy itself, listed below the findings.
pub(super) fn write(
    wb: &mut Workbook,
    book: &Book,
    outcome: &Outcome,
    names: &[String],
    notes: &[String],
) -> Result<()> {
    for ws in wb.worksheets_mut() {
        ws.set_active(false).set_selected(false);
    }
    let ws = wb.add_worksheet();
    ws.set_name(FINDINGS_SHEET)?;
    ws.set_active(true);
    let grey = Format::new()
        .set_italic()
        .set_font_color(Color::RGB(0x595959));
    ws.write_string_with_format(0, 0, FINDINGS_MARKER, &grey)?;
    let verdict = format!(
        "{}: {} ({}, {})",
        outcome.file.display(),
        outcome.status,
        crate::base::text::plural(outcome.findings.errors, "error"),
        crate::base::text::plural(outcome.findings.warnings, "warning")
    );
    ws.write_string_with_format(1, 0, &verdict, &Format::new().set_bold().set_font_size(13))?;
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_background_color(Color::RGB(0xD9E1F2));
    let headings = [
        "Severity",
        "Code",
        "Cell",
        "Column",
        "Value found",
        "What is wrong and how to fix it",
    ];
    for (c, h) in headings.iter().enumerate() {
        ws.write_string_with_format(HEADER_ROW, c as u16, *h, &header)?;
    }
    let looks = Looks::new();
    let listed = &outcome.findings.list;
    for (i, f) in listed.iter().enumerate() {
        let r = HEADER_ROW + 1 + i as u32;
        write_row(ws, r, f, link_target(book, names, f), &looks)
            .with_context(|| format!("writing row {} of the sheet {FINDINGS_SHEET}", r + 1))?;
    }
    let mut after = HEADER_ROW + 1 + listed.len() as u32;
    if listed.is_empty() {
        ws.write_string(after, 0, "No findings: this return can be sent.")?;
        after += 1;
    }
    if outcome.findings.total() > listed.len() {
        let more = outcome.findings.total() - listed.len();
        ws.write_string(after, 0, format!("… and {more} more findings not listed"))?;
        after += 1;
    }
    for (i, note) in notes.iter().enumerate() {
        ws.write_string(after + 1 + i as u32, 0, fit_cell(&format!("Note: {note}")))?;
    }
    for (c, w) in WIDTHS.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    ws.set_freeze_panes(HEADER_ROW + 1, 0)?;
    ws.autofilter(HEADER_ROW, 0, HEADER_ROW + listed.len().max(1) as u32, 5)?;
    crate::output::template::print::findings(ws);
    ws.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    Ok(())
}

/// The formats of a finding's row.
struct Looks {
    /// Aligned to the top, as the wrapped message is.
    top: Format,
    /// Wrapped.
    wrap: Format,
    /// A link to the cell.
    link: Format,
}

impl Looks {
    fn new() -> Looks {
        let top = Format::new().set_align(FormatAlign::Top);
        Looks {
            wrap: top.clone().set_text_wrap(),
            link: top
                .clone()
                .set_font_color(Color::RGB(0x0563C1))
                .set_underline(rust_xlsxwriter::FormatUnderline::Single),
            top,
        }
    }
}

/// One finding's row, at least as tall as its wrapped text.
fn write_row(
    ws: &mut Worksheet,
    r: u32,
    f: &Finding,
    target: Option<String>,
    looks: &Looks,
) -> Result<()> {
    let severity = coloured(looks.top.clone().set_bold(), f.severity);
    ws.write_string_with_format(r, 0, f.severity.to_string(), &severity)?;
    ws.write_string_with_format(r, 1, f.code.as_str(), &looks.top)?;
    let location = f.location();
    match target {
        Some(target) => {
            let url = Url::new(target).set_text(&location);
            ws.write_url_with_format(r, 2, url, &looks.link)?;
        }
        None => {
            ws.write_string_with_format(r, 2, fit_cell(&location), &looks.top)?;
        }
    }
    let column = fit_cell(f.column.as_deref().unwrap_or(""));
    let value = fit_cell(f.value.as_deref().unwrap_or(""));
    let message = fit_cell(&f.message);
    ws.write_string_with_format(r, 3, column.as_ref(), &looks.wrap)?;
    ws.write_string_with_format(r, 4, value.as_ref(), &looks.wrap)?;
    ws.write_string_with_format(r, 5, message.as_ref(), &looks.wrap)?;
    let lines = [
        (column.as_ref(), WIDTHS[3]),
        (value.as_ref(), WIDTHS[4]),
        (message.as_ref(), WIDTHS[5]),
    ]
    .iter()
    .map(|(text, width)| lines_needed(text, *width))
    .max()
    .unwrap_or(1);
    if lines > 1 {
        ws.set_row_height(r, 15.0 * lines.min(20) as f64)?;
    }
    Ok(())
}

/// The internal link to a finding's cell (or the sheet's A1 when it names no cell), when
/// the copy has that sheet and the cell is within Excel's grid.
fn link_target(book: &Book, names: &[String], f: &Finding) -> Option<String> {
    let sheet = f.sheet.as_deref()?;
    let safe = book
        .sheets
        .iter()
        .zip(names)
        .find(|(b, _)| b.name == sheet)
        .map(|(_, n)| n.as_str())?;
    let cell = f.cell.unwrap_or(crate::base::cellref::CellPos::new(0, 0));
    fits(cell.row, cell.col).then(|| format!("internal:{}!{cell}", quote_sheet_name(safe)))
}
