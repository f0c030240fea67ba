//! The template's page set-up, so that a printed return reads well: A4, the Return sheet's
//! labels and inputs on one page, the Instructions wrapped with row heights set, and the
//! tables landscape with their title and headers (rows 1-4) repeated on every page. In the
//! annotated copy a table several pages wide has its title and guidance in the page header
//! instead, and its findings sheet prints like the rest (A4, the same footer).

use anyhow::Result;
use rust_xlsxwriter::Worksheet;

use crate::definition::Table;

/// Excel's paper size code for A4.
const A4: u8 = 9;
/// The Instructions column's width in characters: narrow enough to print on A4 portrait
/// at full size.
pub(crate) const INSTRUCTIONS_WIDTH: f64 = 75.0;
/// Characters of instruction text that one wrapped line holds at that width, with room
/// for a wider font.
pub(crate) const INSTRUCTION_CHARS_PER_LINE: usize = 70;
/// The height of one line of 11-point text, in points.
const LINE_HEIGHT: f64 = 15.0;

fn common(sheet: &mut Worksheet) {
    sheet.set_paper_size(A4);
    sheet.set_footer("&L&A&RPage &P of &N");
}

/// The height, in points, that shows a wrapped line of instructions whole.
pub(crate) fn instruction_height(line: &str) -> f64 {
    let lines = line
        .chars()
        .count()
        .div_ceil(INSTRUCTION_CHARS_PER_LINE)
        .max(1);
    lines as f64 * LINE_HEIGHT + 3.0
}

/// Instructions: portrait, on one page.
pub(crate) fn instructions(sheet: &mut Worksheet) {
    common(sheet);
    sheet.set_portrait();
    sheet.set_print_fit_to_pages(1, 1);
}

/// Return: the labels and inputs on one page.
pub(crate) fn return_sheet(sheet: &mut Worksheet) {
    common(sheet);
    sheet.set_portrait();
    sheet.set_print_fit_to_pages(1, 1);
}

/// Widest a table may be, in character widths, to print one page wide in landscape.
const ONE_PAGE_WIDE: f64 = 200.0;

/// A table: landscape, rows 1 to the header repeated on every page; a table too wide for
/// one page is spread over as many as keep it readable, with its first column repeated.
pub(crate) fn table(sheet: &mut Worksheet, table: &Table) -> Result<()> {
    common(sheet);
    sheet.set_landscape();
    sheet.set_repeat_rows(0, table.header_index())?;
    let pages = pages_wide(table);
    if pages > 1 {
        sheet.set_repeat_columns(0, 0)?;
    }
    sheet.set_print_fit_to_pages(pages, 0);
    Ok(())
}

/// How many landscape pages wide `table` prints.
pub(crate) fn pages_wide(table: &Table) -> u16 {
    let width: f64 = table.columns.iter().map(|c| c.width).sum();
    (width / ONE_PAGE_WIDE).ceil().max(1.0) as u16
}

/// A table several pages wide in the annotated copy, filled to row `last_row` (zero-based):
/// its title and guidance go in the page header, on every page, and only the header row
/// (repeated) and the rows below it to `last_row` print, since A1 and A2 themselves would
/// be cut at column A's edge on every page after the first.
pub(crate) fn wide_filled(sheet: &mut Worksheet, table: &Table, last_row: u32) -> Result<()> {
    // Excel's header codes: && is an ampersand, &B turns bold on and off.
    let escaped = |s: &str| s.replace('&', "&&");
    sheet.set_header(format!(
        "&L&B{}&B\n{}",
        escaped(&table.title),
        escaped(&table.guidance)
    ));
    let header = table.header_index();
    let last_col = table.columns.len().max(1) as u16 - 1;
    sheet.set_print_area(header, 0, last_row.max(header), last_col)?;
    sheet.set_repeat_rows(header, header)?;
    Ok(())
}

/// The annotated copy's findings sheet: landscape, one page wide, on A4 with the footer of
/// every other sheet.
pub(crate) fn findings(sheet: &mut Worksheet) {
    common(sheet);
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
}
