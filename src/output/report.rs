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

use crate::check::finding::{Finding, Severity};
use crate::check::outcome::Outcome;
use crate::output::styles::DATE_FORMAT;
use crate::read::{Book, Stored};

/// Builds the annotated workbook as bytes.
pub fn build(book: &Book, outcome: &Outcome) -> Result<Vec<u8>> {
    let mut wb = Workbook::new();
    let created = rust_xlsxwriter::ExcelDateTime::from_ymd(2016, 4, 1)?;
    wb.set_properties(&rust_xlsxwriter::DocProperties::new().set_creation_datetime(&created));
    let bold = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xD9E1F2));
    let link = Format::new()
        .set_font_color(Color::RGB(0x0563C1))
        .set_underline(rust_xlsxwriter::FormatUnderline::Single);
    let date = Format::new().set_num_format(DATE_FORMAT);
    let red = Format::new().set_background_color(Color::RGB(0xF8CBAD));
    let red_date = red.clone().set_num_format(DATE_FORMAT);
    let amber = Format::new().set_background_color(Color::RGB(0xFFE699));
    let amber_date = amber.clone().set_num_format(DATE_FORMAT);

    let findings_name = if book.sheet("Findings").is_some() {
        "Bridger findings"
    } else {
        "Findings"
    };
    let sheet_names: Vec<&str> = book.sheets.iter().map(|s| s.name.as_str()).collect();
    {
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
            ws.write_string_with_format(2, c as u16, *h, &bold)?;
        }
        for (i, f) in outcome.findings.list.iter().enumerate() {
            let r = 3 + i as u32;
            ws.write_string(r, 0, f.severity.to_string())?;
            ws.write_string(r, 1, f.code.as_str())?;
            let location = f.location();
            match (&f.sheet, &f.cell) {
                (Some(s), Some(c)) if sheet_names.contains(&s.as_str()) => {
                    let target = format!("internal:{}!{c}", quote_sheet_name(s));
                    ws.write_url_with_format(r, 2, Url::new(target).set_text(&location), &link)?;
                }
                _ => {
                    ws.write_string(r, 2, &location)?;
                }
            }
            ws.write_string(r, 3, f.column.as_deref().unwrap_or(""))?;
            ws.write_string(r, 4, clip(f.value.as_deref().unwrap_or("")))?;
            ws.write_string(r, 5, &f.message)?;
        }
        if outcome.findings.total() > outcome.findings.list.len() {
            let r = 3 + outcome.findings.list.len() as u32;
            ws.write_string(
                r,
                0,
                format!(
                    "… and {} more findings not listed",
                    outcome.findings.total() - outcome.findings.list.len()
                ),
            )?;
        }
        for (c, w) in [10.0, 26.0, 16.0, 30.0, 24.0, 100.0].iter().enumerate() {
            ws.set_column_width(c as u16, *w)?;
        }
        ws.set_freeze_panes(3, 0)?;
        ws.autofilter(2, 0, 2 + outcome.findings.list.len().max(1) as u32, 5)?;
    }

    // Findings by cell, worst first.
    let mut by_cell: BTreeMap<(&str, u32, u32), Vec<&Finding>> = BTreeMap::new();
    for f in &outcome.findings.list {
        if let (Some(s), Some(c)) = (&f.sheet, f.cell) {
            by_cell
                .entry((s.as_str(), c.row, c.col))
                .or_default()
                .push(f);
        }
    }
    for sheet in &book.sheets {
        let ws = wb.add_worksheet();
        ws.set_name(&sheet.name)?;
        for cell in &sheet.cells {
            let marks = by_cell.get(&(sheet.name.as_str(), cell.row, cell.col));
            let worst = marks.and_then(|m| m.iter().map(|f| f.severity).min());
            let (plain, dated) = match worst {
                Some(Severity::Error) => (Some(&red), &red_date),
                Some(Severity::Warning) => (Some(&amber), &amber_date),
                None => (None, &date),
            };
            write_value(ws, cell.row, cell.col, &cell.value, plain, dated)?;
        }
        // Blank cells with findings (a required value missing) are filled too.
        for ((s, r, c), marks) in
            by_cell.range((sheet.name.as_str(), 0, 0)..=(sheet.name.as_str(), u32::MAX, u32::MAX))
        {
            debug_assert_eq!(*s, sheet.name);
            let worst = marks
                .iter()
                .map(|f| f.severity)
                .min()
                .unwrap_or(Severity::Warning);
            if sheet.get(*r, *c).is_none() {
                ws.write_blank(
                    *r,
                    *c as u16,
                    if worst == Severity::Error {
                        &red
                    } else {
                        &amber
                    },
                )?;
            }
            let text: Vec<String> = marks
                .iter()
                .map(|f| format!("{} ({}): {}", f.severity, f.code, f.message))
                .collect();
            let note = Note::new(clip_note(&text.join("\n")))
                .set_author("bridger")
                .set_width(360)
                .set_height(120);
            ws.insert_note(*r, *c as u16, &note)?;
        }
        if !sheet.visible {
            ws.set_hidden(true);
        }
    }
    if let Some(first) = wb.worksheets_mut().first_mut() {
        first.set_active(true);
    }
    wb.save_to_buffer().context("writing the annotated report")
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
