//! A small sheet of the national workbook (a list, the Responses, the repeat suspects and
//! victims): a note, a header row and the rows below, and how every sheet of the workbook
//! is set up for print and for filtering.
//!
//! It writes the cells it is given and nothing else: it never computes a row, and never
//! writes a formula.

use anyhow::Result;
use rust_xlsxwriter::{Workbook, Worksheet};

use crate::base::value::Value;
use crate::output::cells::write_value;
use crate::output::styles::Formats;

/// A small sheet: a header row and rows below it.
#[derive(Clone, Debug, Default)]
pub(crate) struct TableSheet {
    /// The sheet's tab name (`Responses`, `Repeat suspects`).
    pub name: String,
    /// A sentence above the table saying what the sheet is for.
    pub note: String,
    /// Column headers, on the second row under the note.
    pub headers: Vec<String>,
    /// Column widths in Excel's character units, by column; 14 for a column not given.
    pub widths: Vec<f64>,
    /// The data rows, one value per column, written as given from the third row down.
    pub rows: Vec<Vec<Value>>,
    /// The columns (by index) whose numbers are shares, shown as percentages.
    pub percent: Vec<usize>,
}

/// The footer of every printed page: the sheet's name, and "Page N of M".
pub(crate) const FOOTER: &str = "&L&A&RPage &P of &N";

/// Prints landscape on A4, one page wide, with a marking in the header (the workbook holds
/// sensitive personal data) and the sheet's name and page number in the footer.
pub(super) fn print_setup(ws: &mut Worksheet) {
    ws.set_landscape()
        .set_paper_size(9)
        .set_print_fit_to_pages(1, 0)
        .set_header("&LOFFICIAL-SENSITIVE&R&A")
        .set_footer(FOOTER);
}

/// The lines `text` takes wrapped in a column `width` characters wide (14 when not given).
pub(super) fn lines_in(text: &str, width: Option<f64>) -> usize {
    let width = width.unwrap_or(14.0).max(1.0) as usize;
    text.split('\n')
        .map(|line| wrapped_lines(line, width))
        .sum()
}

/// The lines one line of text takes wrapped at spaces in `width` characters, a word
/// longer than a line broken across lines.
fn wrapped_lines(line: &str, width: usize) -> usize {
    let (mut lines, mut used) = (0, 0);
    for word in line.split(' ') {
        let n = word.chars().count();
        if lines > 0 && used + 1 + n <= width {
            used += 1 + n;
            continue;
        }
        let taken = n.max(1).div_ceil(width);
        lines += taken;
        used = n - (taken - 1) * width;
    }
    lines.max(1)
}

/// The header row at `row`, as tall as its longest header wrapped, and the column widths
/// (14 where none is given).
pub(super) fn header_row(
    ws: &mut Worksheet,
    row: u32,
    headers: &[String],
    widths: &[f64],
    f: &Formats,
) -> Result<()> {
    let mut lines = 2;
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(row, c as u16, h, &f.header)?;
        let width = widths.get(c).copied().unwrap_or(14.0);
        ws.set_column_width(c as u16, width)?;
        // A bold header takes a little more room than the width's characters.
        lines = lines.max(lines_in(h, Some(width - 1.0)));
    }
    // Tall enough for the longest header wrapped, so that none is cut.
    ws.set_row_height(row, 15.0 * lines as f64 + 2.0)?;
    Ok(())
}

/// Adds `sheet` to the workbook: its note, headers and rows, frozen below the headers,
/// with a filter on them.
pub(super) fn write_sheet(wb: &mut Workbook, sheet: &TableSheet, f: &Formats) -> Result<()> {
    // Long lists are streamed row by row like the Incidents sheet; short ones are kept.
    let ws = if sheet.rows.len() > 1000 {
        wb.add_worksheet_with_constant_memory()?
    } else {
        wb.add_worksheet()
    };
    ws.set_name(&sheet.name)?;
    ws.write_string_with_format(0, 0, &sheet.note, &f.note)?;
    header_row(ws, 1, &sheet.headers, &sheet.widths, f)?;
    for (r, row) in sheet.rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            let plain = sheet.percent.contains(&c).then_some(&f.percent);
            write_value(ws, 2 + r as u32, c as u16, value.as_ref(), plain, &f.date)?;
        }
    }
    ws.set_freeze_panes(2, 0)?;
    ws.set_repeat_rows(1, 1)?;
    print_setup(ws);
    let last = 1 + sheet.rows.len().max(1) as u32;
    ws.autofilter(1, 0, last, sheet.headers.len().saturating_sub(1) as u16)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_count_words_wrapped_at_spaces() {
        assert_eq!(lines_in("Forces in group", Some(7.0)), 3);
        assert_eq!(lines_in("Force", Some(7.0)), 1);
        assert_eq!(lines_in("a\nb", Some(7.0)), 2);
        assert_eq!(lines_in(&"x".repeat(25), Some(10.0)), 3);
        assert_eq!(lines_in("", None), 1);
    }

    #[test]
    fn percent_columns_are_shown_as_percentages_and_others_are_not() {
        let sheet = TableSheet {
            name: "Shares".into(),
            note: "A note.".into(),
            headers: vec!["Count".into(), "Share".into()],
            widths: vec![8.0, 8.0],
            rows: vec![vec![Value::from(3usize), Value::Number(0.5)]],
            percent: vec![1],
        };
        let mut wb = Workbook::new();
        write_sheet(&mut wb, &sheet, &Formats::new()).unwrap();
        let bytes = wb.save_to_buffer().unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let read = |zip: &mut zip::ZipArchive<_>, name: &str| {
            let mut s = String::new();
            std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut s).unwrap();
            s
        };
        let xml = read(&mut zip, "xl/worksheets/sheet1.xml");
        let styles = read(&mut zip, "xl/styles.xml");
        assert!(styles.contains(r#"formatCode="0.0%""#), "{styles}");
        // The count has no style; the share has the percent style.
        assert!(xml.contains(r#"<c r="A3"><v>3</v>"#), "{xml}");
        let share = xml.split(r#"<c r="B3" s=""#).nth(1).expect("B3 is styled");
        assert!(share.contains("<v>0.5</v>"), "{xml}");
    }
}
