//! The annotated copy of a return that is not on the template (modified, another version,
//! or not Annex C at all): it cannot be re-filled into the template faithfully, so the copy
//! holds what the file holds, sheet by sheet, each cell with a finding filled and noted.
//! Columns are made wide enough for what they hold, so dates do not show as `###`.

use std::collections::BTreeMap;

use anyhow::Result;
use rust_xlsxwriter::{Format, Workbook};

use super::{fits, marked, marks_by_cell, note, worst, write_stored, Marks};
use crate::base::cellref::CellPos;
use crate::check::outcome::Outcome;
use crate::output::styles::DATE_FORMAT;
use crate::read::annotated::FINDINGS_SHEET;
use crate::read::{Book, BookSheet, Stored};

/// A name Excel accepts for each sheet, in order, and a note for each that had to change:
/// at most 31 characters, none of `[]:*?/\`, not starting or ending with `'`, not
/// "History", and unique ignoring case (also against the findings sheet).
fn safe_names(book: &Book) -> (Vec<String>, Vec<String>) {
    let mut used: Vec<String> = vec![FINDINGS_SHEET.to_lowercase()];
    let mut names = Vec::new();
    let mut notes = Vec::new();
    for sheet in &book.sheets {
        let cleaned: String = sheet
            .name
            .chars()
            .map(|c| {
                if "[]:*?/\\".contains(c) || c.is_control() {
                    '_'
                } else {
                    c
                }
            })
            .collect();
        let cleaned = cleaned.trim_matches('\'');
        let mut base: String = cleaned.chars().take(31).collect();
        if base.is_empty() || base.eq_ignore_ascii_case("history") {
            base = format!("Sheet {}", names.len() + 1);
        }
        let mut name = base.clone();
        let mut n = 2;
        while used.contains(&name.to_lowercase()) {
            let suffix = format!(" ({n})");
            name = base
                .chars()
                .take(31 - suffix.chars().count())
                .collect::<String>()
                + &suffix;
            n += 1;
        }
        if name != sheet.name {
            notes.push(format!(
                "sheet '{}' is copied as '{name}' (a name Excel accepts)",
                sheet.name
            ));
        }
        used.push(name.to_lowercase());
        names.push(name);
    }
    (names, notes)
}

/// The workbook holding `book`'s sheets as found, marked; with the copy's sheet names and
/// notes about the copy for the findings sheet.
pub(super) fn workbook(
    book: &Book,
    outcome: &Outcome,
) -> Result<(Workbook, Vec<String>, Vec<String>)> {
    let mut wb = Workbook::new();
    let created = rust_xlsxwriter::ExcelDateTime::from_ymd(2016, 4, 1)?;
    wb.set_properties(&rust_xlsxwriter::DocProperties::new().set_creation_datetime(&created));
    let (names, mut notes) = safe_names(book);
    for sheet in &book.sheets {
        let beyond = sheet.cells.iter().filter(|c| !fits(c.row, c.col)).count();
        if beyond > 0 {
            let (lie, are) = if beyond == 1 {
                ("lies", "is")
            } else {
                ("lie", "are")
            };
            notes.push(format!(
                "{} of sheet '{}' {lie} beyond Excel's last row or column (XFD1048576) and {are} not copied",
                crate::base::text::plural(beyond, "cell"),
                sheet.name
            ));
        }
    }
    notes.push("this return is not the Annex C template as issued, so this copy holds what the file holds: start again from a fresh template and copy the values across".to_string());
    let marks = marks_by_cell(outcome);
    for (sheet, safe) in book.sheets.iter().zip(&names) {
        write_sheet(&mut wb, sheet, safe, &marks)?;
    }
    Ok((wb, names, notes))
}

/// One of the return's sheets: its values, each marked cell filled by its worst finding
/// and noted, each column wide enough for what it holds.
fn write_sheet(
    wb: &mut Workbook,
    sheet: &BookSheet,
    safe_name: &str,
    marks: &Marks<'_>,
) -> Result<()> {
    let ws = wb.add_worksheet();
    ws.set_name(safe_name)?;
    let plain = Format::new();
    let date = Format::new().set_num_format(DATE_FORMAT);
    let mut widths: BTreeMap<u16, usize> = BTreeMap::new();
    for cell in sheet.cells.iter().filter(|c| fits(c.row, c.col)) {
        let found = marks.get(&(sheet.name.as_str(), CellPos::new(cell.row, cell.col)));
        let w = found.and_then(|f| worst(f));
        write_stored(
            ws,
            cell.row,
            cell.col,
            &cell.value,
            &marked(&plain, w),
            &marked(&date, w),
        )?;
        // Long text (titles, guidance) runs over into the next cells; it does not widen
        // its column past 30 characters.
        let chars = match &cell.value {
            Stored::Text(t) => t.chars().count().min(30),
            _ => 11,
        };
        let width = widths.entry(cell.col as u16).or_default();
        *width = (*width).max(chars);
    }
    for (col, chars) in widths {
        ws.set_column_width(col, (chars as f64 + 2.0).max(10.0))?;
    }
    ws.set_landscape();
    let name = sheet.name.as_str();
    let all = (name, CellPos::new(0, 0))..=(name, CellPos::new(u32::MAX, u32::MAX));
    for ((_, pos), found) in marks.range(all) {
        if !fits(pos.row, pos.col) {
            continue;
        }
        if sheet.get(pos.row, pos.col).is_none() {
            ws.write_blank(pos.row, pos.col as u16, &marked(&plain, worst(found)))?;
        }
        ws.insert_note(pos.row, pos.col as u16, &note(found))?;
    }
    if !sheet.visible {
        ws.set_hidden(true);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;
    use crate::check::finding::{Code, Finding, Findings};
    use crate::check::outcome::{Outcome, Status};
    use crate::read::{Cell, Format as BookFormat};

    fn sheet(name: &str, cells: Vec<Cell>) -> BookSheet {
        BookSheet {
            name: name.to_string(),
            visible: true,
            cells,
            merges: Vec::new(),
        }
    }

    fn part(bytes: &[u8], name: &str) -> String {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut text = String::new();
        zip.by_name(name)
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        text
    }

    #[test]
    fn findings_link_to_their_cells_and_mark_them() {
        let book = Book {
            format: BookFormat::Xlsx,
            sheets: vec![
                sheet("Return", Vec::new()),
                sheet(
                    "Bob's notes",
                    vec![Cell {
                        row: 0,
                        col: 0,
                        value: Stored::Text("hello".into()),
                    }],
                ),
            ],
            has_macros: false,
            date1904: false,
        };
        let mut findings = Findings::default();
        findings.push(
            Finding::error(Code::Required, "'Force' is required: fill in B3")
                .at("Return", CellPos::new(2, 1)),
        );
        findings.push(
            Finding::modified(Code::SheetAdded, "a sheet was added")
                .at("Bob's notes", CellPos::new(0, 0)),
        );
        let outcome = Outcome {
            status: Status::ModifiedTemplate,
            format: Some(BookFormat::Xlsx),
            findings,
            ..Outcome::new(std::path::Path::new("kent.xlsx"))
        };
        let def = crate::definition::annex_c();
        let (bytes, kind) = crate::output::report::build(def, &book, &outcome).unwrap();
        assert_eq!(kind, crate::output::report::CopyKind::AsFound);
        let listing = part(&bytes, "xl/worksheets/sheet3.xml");
        assert!(listing.contains(r#"location="Return!B3""#), "{listing}");
        assert!(
            listing.contains(r#"location="'Bob''s notes'!A1""#),
            "{listing}"
        );
        // The blank required cell is filled and noted; the note says why.
        let ret = part(&bytes, "xl/worksheets/sheet1.xml");
        assert!(ret.contains(r#"<c r="B3" s="#), "{ret}");
        let notes = part(&bytes, "xl/comments1.xml");
        assert!(
            notes.contains("error (required): 'Force' is required"),
            "{notes}"
        );
    }

    #[test]
    fn sheet_names_excel_refuses_are_made_safe_and_cells_beyond_xfd_are_noted() {
        let cell = |row, col| Cell {
            row,
            col,
            value: Stored::Text("x".into()),
        };
        let long = "A very long sheet name well over thirty-one characters";
        let book = Book {
            format: BookFormat::Xlsx,
            sheets: vec![
                sheet("lists", vec![cell(0, 0)]),
                sheet("a[b]:c", vec![cell(0, 0)]),
                sheet(long, vec![cell(0, 0)]),
                sheet("Findings", vec![cell(0, 0)]),
                sheet(
                    "LISTS",
                    vec![cell(0, 0), cell(0, 20_000), cell(2_000_000, 0)],
                ),
            ],
            has_macros: false,
            date1904: false,
        };
        let mut findings = Findings::default();
        findings.push(
            Finding::modified(Code::SheetAdded, "a sheet was added")
                .at("a[b]:c", CellPos::new(0, 0)),
        );
        findings.push(
            Finding::modified(Code::SheetAdded, "far away").at("LISTS", CellPos::new(0, 20_000)),
        );
        let outcome = Outcome {
            status: Status::ModifiedTemplate,
            format: Some(BookFormat::Xlsx),
            findings,
            ..Outcome::new(std::path::Path::new("kent.xlsx"))
        };
        let def = crate::definition::annex_c();
        let (bytes, kind) = crate::output::report::build(def, &book, &outcome).unwrap();
        assert_eq!(kind, crate::output::report::CopyKind::AsFound);
        let wb = part(&bytes, "xl/workbook.xml");
        for name in [
            "Bridger findings",
            "lists",
            "a_b__c",
            "A very long sheet name well ove",
            "Findings",
            "LISTS (2)",
        ] {
            assert!(wb.contains(&format!("name=\"{name}\"")), "{name}: {wb}");
        }
        let listing = part(&bytes, "xl/sharedStrings.xml");
        assert!(listing.contains("copied as 'a_b__c'"), "{listing}");
        assert!(
            listing.contains("2 cells of sheet 'LISTS' lie beyond"),
            "{listing}"
        );
    }
}
