//! The annotated copy of a return (`bridger validate --report`): the return's own values,
//! each cell with a finding filled red (error) or amber (warning) with a note holding the
//! message, and a Findings sheet whose rows link to the cells.
//!
//! It is a rendering of the same findings as the terminal and JSON outputs, for the force
//! analyst who lives in Excel. It writes values only (never formulas), so text that looks
//! like a formula stays text.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, Result};
use rust_xlsxwriter::utility::quote_sheet_name;
use rust_xlsxwriter::{Color, Format, Note, Url, Workbook};

use crate::base::cellref::CellPos;
use crate::check::finding::{Finding, Severity};
use crate::check::outcome::Outcome;
use crate::output::styles::DATE_FORMAT;
use crate::read::{Book, Sheet, Stored};

/// Whether a cell is within Excel's grid (A1:XFD1048576), so that it can be written.
fn fits(row: u32, col: u32) -> bool {
    row < 1_048_576 && col < 16_384
}

/// A name Excel accepts for each sheet, in order, and a note for each that had to change:
/// at most 31 characters, none of `[]:*?/\`, not starting or ending with `'`, not
/// "History", and unique ignoring case (also against the Findings sheet).
fn safe_names(book: &Book) -> (Vec<String>, Vec<String>) {
    let mut used: Vec<String> = vec![findings_name_for(book).to_lowercase()];
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

/// The name of the Findings sheet: "Findings", or "Bridger findings" when the return has
/// a sheet of that name.
fn findings_name_for(book: &Book) -> &'static str {
    if book
        .sheets
        .iter()
        .any(|s| s.name.eq_ignore_ascii_case("Findings"))
    {
        "Bridger findings"
    } else {
        "Findings"
    }
}

/// Findings by the cell they are about: (sheet, cell) → the findings there.
type Marks<'a> = BTreeMap<(&'a str, CellPos), Vec<&'a Finding>>;

/// The report's cell formats.
struct Styles {
    bold: Format,
    link: Format,
    date: Format,
    red: Format,
    red_date: Format,
    amber: Format,
    amber_date: Format,
}

impl Styles {
    fn new() -> Styles {
        let red = Format::new().set_background_color(Color::RGB(0xF8CBAD));
        let amber = Format::new().set_background_color(Color::RGB(0xFFE699));
        Styles {
            bold: Format::new()
                .set_bold()
                .set_background_color(Color::RGB(0xD9E1F2)),
            link: Format::new()
                .set_font_color(Color::RGB(0x0563C1))
                .set_underline(rust_xlsxwriter::FormatUnderline::Single),
            date: Format::new().set_num_format(DATE_FORMAT),
            red_date: red.clone().set_num_format(DATE_FORMAT),
            amber_date: amber.clone().set_num_format(DATE_FORMAT),
            red,
            amber,
        }
    }

    /// The fill for a cell's worst finding, if any: (for a value, for a date).
    fn marked(&self, worst: Option<Severity>) -> (Option<&Format>, &Format) {
        match worst {
            Some(Severity::Error) => (Some(&self.red), &self.red_date),
            Some(Severity::Warning) => (Some(&self.amber), &self.amber_date),
            None => (None, &self.date),
        }
    }
}

/// Builds the annotated workbook as bytes.
pub fn build(book: &Book, outcome: &Outcome) -> Result<Vec<u8>> {
    let mut wb = Workbook::new();
    let created = rust_xlsxwriter::ExcelDateTime::from_ymd(2016, 4, 1)?;
    wb.set_properties(&rust_xlsxwriter::DocProperties::new().set_creation_datetime(&created));
    let styles = Styles::new();
    let (names, mut notes) = safe_names(book);
    for sheet in &book.sheets {
        let beyond = sheet.cells.iter().filter(|c| !fits(c.row, c.col)).count();
        if beyond > 0 {
            notes.push(format!("{beyond} cells of sheet '{}' lie beyond Excel's last row or column (XFD1048576) and are not copied", sheet.name));
        }
    }
    write_findings_sheet(&mut wb, book, outcome, &styles, &names, &notes)?;
    let marks = marks_by_cell(outcome);
    for (sheet, safe) in book.sheets.iter().zip(&names) {
        write_sheet(&mut wb, sheet, safe, &marks, &styles)?;
    }
    if let Some(first) = wb.worksheets_mut().first_mut() {
        first.set_active(true);
    }
    wb.save_to_buffer().context("writing the annotated report")
}

/// The Findings sheet: the verdict, then one row per finding kept, each cell linked.
fn write_findings_sheet(
    wb: &mut Workbook,
    book: &Book,
    outcome: &Outcome,
    styles: &Styles,
    names: &[String],
    notes: &[String],
) -> Result<()> {
    let findings_name = findings_name_for(book);
    let ws = wb.add_worksheet();
    ws.set_name(findings_name)?;
    let verdict = format!(
        "{}: {} ({} errors, {} warnings)",
        outcome.file.display(),
        outcome.status,
        outcome.findings.errors,
        outcome.findings.warnings
    );
    ws.write_string_with_format(0, 0, &verdict, &Format::new().set_bold().set_font_size(13))?;
    for (c, h) in ["Severity", "Code", "Cell", "Column", "Stored", "How to fix"]
        .iter()
        .enumerate()
    {
        ws.write_string_with_format(2, c as u16, *h, &styles.bold)?;
    }
    let listed = &outcome.findings.list;
    for (i, f) in listed.iter().enumerate() {
        let r = 3 + i as u32;
        ws.write_string(r, 0, f.severity.to_string())?;
        ws.write_string(r, 1, f.code.as_str())?;
        let location = f.location();
        match (&f.sheet, &f.cell) {
            (Some(s), Some(c))
                if fits(c.row, c.col) && book.sheets.iter().any(|b| b.name == *s) =>
            {
                let safe = book
                    .sheets
                    .iter()
                    .zip(names)
                    .find(|(b, _)| b.name == *s)
                    .map_or(s.as_str(), |(_, n)| n.as_str());
                let target = format!("internal:{}!{c}", quote_sheet_name(safe));
                let url = Url::new(target).set_text(&location);
                ws.write_url_with_format(r, 2, url, &styles.link)?;
            }
            _ => {
                ws.write_string(r, 2, &location)?;
            }
        }
        ws.write_string(r, 3, f.column.as_deref().unwrap_or(""))?;
        ws.write_string(r, 4, clip(f.value.as_deref().unwrap_or("")))?;
        ws.write_string(r, 5, &f.message)?;
    }
    let mut after = 3 + listed.len() as u32;
    if outcome.findings.total() > listed.len() {
        let more = outcome.findings.total() - listed.len();
        let text = format!("… and {more} more findings not listed");
        ws.write_string(after, 0, text)?;
        after += 1;
    }
    for (i, note) in notes.iter().enumerate() {
        ws.write_string(after + 1 + i as u32, 0, format!("Note: {note}"))?;
    }
    for (c, w) in [10.0, 26.0, 16.0, 30.0, 24.0, 100.0].iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    ws.set_freeze_panes(3, 0)?;
    ws.autofilter(2, 0, 2 + listed.len().max(1) as u32, 5)?;
    Ok(())
}

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

/// One of the return's sheets: its values, each marked cell filled by its worst finding.
fn write_sheet(
    wb: &mut Workbook,
    sheet: &Sheet,
    safe_name: &str,
    marks: &Marks<'_>,
    styles: &Styles,
) -> Result<()> {
    let ws = wb.add_worksheet();
    ws.set_name(safe_name)?;
    for cell in sheet.cells.iter().filter(|c| fits(c.row, c.col)) {
        let pos = CellPos::new(cell.row, cell.col);
        let worst = marks
            .get(&(sheet.name.as_str(), pos))
            .and_then(|m| m.iter().map(|f| f.severity).min());
        let (plain, dated) = styles.marked(worst);
        write_value(ws, cell.row, cell.col, &cell.value, plain, dated)?;
    }
    write_notes(ws, sheet, marks, styles)?;
    if !sheet.visible {
        ws.set_hidden(true);
    }
    Ok(())
}

/// A note on every marked cell of the sheet, holding its findings' messages; a blank
/// marked cell (a required value missing) is filled too.
fn write_notes(
    ws: &mut rust_xlsxwriter::Worksheet,
    sheet: &Sheet,
    marks: &Marks<'_>,
    styles: &Styles,
) -> Result<()> {
    let name = sheet.name.as_str();
    let all = (name, CellPos::new(0, 0))..=(name, CellPos::new(u32::MAX, u32::MAX));
    for ((s, pos), found) in marks.range(all) {
        debug_assert_eq!(*s, name);
        if !fits(pos.row, pos.col) {
            continue;
        }
        let worst = found
            .iter()
            .map(|f| f.severity)
            .min()
            .unwrap_or(Severity::Warning);
        if sheet.get(pos.row, pos.col).is_none() {
            let fill = if worst == Severity::Error {
                &styles.red
            } else {
                &styles.amber
            };
            ws.write_blank(pos.row, pos.col as u16, fill)?;
        }
        let text: Vec<String> = found
            .iter()
            .map(|f| format!("{} ({}): {}", f.severity, f.code, f.message))
            .collect();
        let note = Note::new(clip_note(&text.join("\n")))
            .set_author("bridger")
            .set_width(360)
            .set_height(120);
        ws.insert_note(pos.row, pos.col as u16, &note)?;
    }
    Ok(())
}

fn write_value(
    ws: &mut rust_xlsxwriter::Worksheet,
    row: u32,
    col: u32,
    value: &Stored,
    plain: Option<&Format>,
    dated: &Format,
) -> Result<()> {
    let col = col as u16;
    let fallback = Format::new();
    let fmt = plain.unwrap_or(&fallback);
    match value {
        Stored::Text(t) => ws.write_string_with_format(row, col, clip(t), fmt)?,
        Stored::Number(n) => ws.write_number_with_format(row, col, *n, fmt)?,
        Stored::Bool(b) => ws.write_boolean_with_format(row, col, *b, fmt)?,
        Stored::Date(d) => ws.write_number_with_format(row, col, *d, dated)?,
        Stored::Error(e) => ws.write_string_with_format(row, col, e, fmt)?,
        Stored::Formula(f) => ws.write_string_with_format(
            row,
            col,
            crate::check::cells::display(&Stored::Formula(f.clone())),
            fmt,
        )?,
    };
    Ok(())
}

/// Excel cells hold at most 32,767 characters.
fn clip(text: &str) -> &str {
    match text.char_indices().nth(32_767) {
        Some((i, _)) => &text[..i],
        None => text,
    }
}

fn clip_note(text: &str) -> String {
    text.chars().take(2000).collect()
}

/// Writes the annotated report for one file.
pub fn write(path: &Path, book: &Book, outcome: &Outcome) -> Result<()> {
    let bytes = build(book, outcome)?;
    crate::output::atomic::write_atomic(path, &bytes)
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;
    use crate::check::finding::{Code, Findings};
    use crate::check::outcome::{Outcome, Status};
    use crate::read::{Cell, Format as BookFormat};

    fn sheet(name: &str, cells: Vec<Cell>) -> Sheet {
        Sheet {
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
        let bytes = build(&book, &outcome).unwrap();
        let listing = part(&bytes, "xl/worksheets/sheet1.xml");
        assert!(listing.contains(r#"location="Return!B3""#), "{listing}");
        assert!(
            listing.contains(r#"location="'Bob''s notes'!A1""#),
            "{listing}"
        );
        // The blank required cell is filled and noted; the note says why.
        let ret = part(&bytes, "xl/worksheets/sheet2.xml");
        assert!(ret.contains(r#"<c r="B3" s="#), "{ret}");
        let notes = part(&bytes, "xl/comments1.xml");
        assert!(
            notes.contains("error (required): 'Force' is required"),
            "{notes}"
        );
    }

    #[test]
    fn defect_13_odd_sheet_names_and_cells_beyond_xfd_are_carried_and_noted() {
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
        let bytes = build(&book, &outcome).unwrap();
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
