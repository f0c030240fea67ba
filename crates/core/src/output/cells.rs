//! Writing one [`Value`] into a worksheet cell: the only place a value becomes a cell of
//! a workbook bridger writes (the template filled in, the national workbook's rows,
//! summaries and lists).
//!
//! It writes values only, never formulas: text that looks like a formula (`=`, `+`, `-`,
//! `@`) stays text. It never chooses a format; the caller says which. Text is held to
//! Excel's 32,767 characters ([`fit_cell`]), and a write that fails says which sheet and
//! cell it was writing, so that nothing a return holds can stop a workbook unexplained.

use anyhow::{Context, Result};
use rust_xlsxwriter::{Format, Worksheet};

use crate::base::cellref::a1;
use crate::base::text::fit_cell;
use crate::base::value::ValueRef;

/// `Sheet!A1`: the cell a write was at, for the error when it fails.
pub(crate) fn cell_at(ws: &Worksheet, row: u32, col: u16) -> String {
    format!("{}!{}", ws.name(), a1(row, u32::from(col)))
}

/// Writes `value` at (`row`, `col`): text (at most 32,767 characters) and numbers in
/// `plain` (or the column's own format when `None`), dates as serial numbers in `date`.
/// An empty value writes nothing. An error names the sheet and cell.
pub fn write_value(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    value: ValueRef<'_>,
    plain: Option<&Format>,
    date: &Format,
) -> Result<()> {
    let written = match (value, plain) {
        (ValueRef::Empty, _) => return Ok(()),
        (ValueRef::Text(t), None) => ws.write_string(row, col, fit_cell(t)),
        (ValueRef::Text(t), Some(f)) => ws.write_string_with_format(row, col, fit_cell(t), f),
        (ValueRef::Number(n), None) => ws.write_number(row, col, n),
        (ValueRef::Number(n), Some(f)) => ws.write_number_with_format(row, col, n, f),
        (ValueRef::Date(d), _) => ws.write_number_with_format(row, col, d.to_serial(), date),
    };
    match written {
        Ok(_) => Ok(()),
        Err(e) => Err(e).with_context(|| format!("writing {}", cell_at(ws, row, col))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::calendar::Date;
    use crate::base::value::Value;
    use rust_xlsxwriter::Workbook;

    /// The sheet XML of a one-sheet workbook, to see how a cell was written.
    fn sheet_xml(write: impl FnOnce(&mut Worksheet)) -> String {
        let mut wb = Workbook::new();
        write(wb.add_worksheet());
        let bytes = wb.save_to_buffer().unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut xml = String::new();
        std::io::Read::read_to_string(
            &mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(),
            &mut xml,
        )
        .unwrap();
        xml
    }

    #[test]
    fn each_kind_is_written_as_its_own_cell_type() {
        let date_format = Format::new().set_num_format("dd/mm/yyyy");
        let xml = sheet_xml(|ws| {
            let date = Value::Date(Date::new(2016, 5, 10).unwrap());
            for (c, v) in [Value::from("=1+1"), Value::from(3usize), date, Value::Empty]
                .iter()
                .enumerate()
            {
                write_value(ws, 0, c as u16, v.as_ref(), None, &date_format).unwrap();
            }
        });
        // Text that looks like a formula is a string, never a formula.
        assert!(!xml.contains("<f>"), "{xml}");
        assert!(xml.contains(r#"<c r="A1" t="s">"#), "{xml}");
        assert!(xml.contains(r#"<c r="B1"><v>3</v>"#), "{xml}");
        // 10 May 2016 is serial 42500, written with the date format (style 1).
        assert!(xml.contains(r#"<c r="C1" s="1"><v>42500</v>"#), "{xml}");
        assert!(!xml.contains(r#"r="D1""#), "{xml}");
    }

    #[test]
    fn text_longer_than_a_cell_holds_is_cut_and_a_failed_write_names_its_cell() {
        let date_format = Format::new().set_num_format("dd/mm/yyyy");
        let long = Value::Text("x".repeat(40_000));
        let xml = sheet_xml(|ws| {
            write_value(ws, 0, 0, long.as_ref(), None, &date_format).unwrap();
        });
        assert!(xml.contains(r#"<c r="A1" t="s">"#), "{xml}");
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet().set_name("Rows").unwrap();
        let err = write_value(
            ws,
            2_000_000,
            3,
            Value::from("x").as_ref(),
            None,
            &date_format,
        )
        .unwrap_err();
        assert!(
            format!("{err:#}").starts_with("writing Rows!D2000001: "),
            "{err:#}"
        );
    }

    #[test]
    fn a_given_format_applies_to_numbers() {
        let percent = Format::new().set_num_format("0.0%");
        let date_format = Format::new().set_num_format("dd/mm/yyyy");
        let xml = sheet_xml(|ws| {
            write_value(
                ws,
                0,
                0,
                Value::Number(0.5).as_ref(),
                Some(&percent),
                &date_format,
            )
            .unwrap();
        });
        assert!(xml.contains(r#"<c r="A1" s="1"><v>0.5</v>"#), "{xml}");
    }
}
