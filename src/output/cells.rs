//! Writing one [`Value`] into a worksheet cell: the only place a value becomes a cell of
//! a workbook bridger writes (the template filled in, the national workbook's rows,
//! summaries and lists).
//!
//! It writes values only, never formulas: text that looks like a formula (`=`, `+`, `-`,
//! `@`) stays text. It never chooses a format; the caller says which.

use anyhow::Result;
use rust_xlsxwriter::{Format, Worksheet};

use crate::base::value::ValueRef;

/// Writes `value` at (`row`, `col`): text and numbers in `plain` (or the column's own
/// format when `None`), dates as serial numbers in `date`. An empty value writes nothing.
pub fn write_value(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    value: ValueRef<'_>,
    plain: Option<&Format>,
    date: &Format,
) -> Result<()> {
    match (value, plain) {
        (ValueRef::Empty, _) => return Ok(()),
        (ValueRef::Text(t), None) => ws.write_string(row, col, t)?,
        (ValueRef::Text(t), Some(f)) => ws.write_string_with_format(row, col, t, f)?,
        (ValueRef::Number(n), None) => ws.write_number(row, col, n)?,
        (ValueRef::Number(n), Some(f)) => ws.write_number_with_format(row, col, n, f)?,
        (ValueRef::Date(d), _) => ws.write_number_with_format(row, col, d.to_serial(), date)?,
    };
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::dates::Date;
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
