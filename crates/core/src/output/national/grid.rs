//! The national workbook's `Responses by quarter` sheet: one row per expected force, one
//! column per quarter, each cell the force's standing for the quarter (valid, late,
//! invalid, modified, unreadable, missing), coloured, with a legend below.
//!
//! It shows what the collation decided ([`crate::collate::Standing`]); it must never decide
//! anything itself.

use std::collections::BTreeMap;

use anyhow::Result;
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook};

use crate::base::calendar::Quarter;
use crate::collate::{Collation, Standing};
use crate::output::styles::Formats;

use super::sheet::{header_row, print_setup};

/// The sheet's tab name.
pub(crate) const GRID_SHEET: &str = "Responses by quarter";

/// The fill of a standing's cell: green for valid, amber for late, orange for invalid but
/// collated, reds for rejected, grey for missing.
pub(crate) fn colour(s: Standing) -> u32 {
    match s {
        Standing::Valid => 0xC6EFCE,
        Standing::Late => 0xFFEB9C,
        Standing::InvalidCollated => 0xFCD5B4,
        Standing::Invalid => 0xFFC7CE,
        Standing::Modified => 0xF4A6A6,
        Standing::Unreadable => 0xE6B8B7,
        Standing::Missing => 0xD9D9D9,
    }
}

/// One row of the grid: a force (and whether it was expected) and its standing by quarter.
pub struct GridRow {
    /// The force's name, with "(not expected)" for a force outside the expected list.
    pub force: String,
    /// The force's code.
    pub code: String,
    /// Whether the force is in the expected list (a force not expected is not chased, so
    /// owes nothing).
    pub expected: bool,
    /// The standing for each quarter of [`Collation::quarters`]; `None` for a force not
    /// expected that sent nothing for that quarter.
    pub cells: Vec<Option<Standing>>,
}

impl GridRow {
    /// The quarters the force still owes a valid return for (none for a force not
    /// expected: it is not chased).
    pub fn owed(&self) -> usize {
        if !self.expected {
            return 0;
        }
        self.cells.iter().flatten().filter(|s| s.to_chase()).count()
    }
}

/// The grid's rows: expected forces in table order, then forces not expected.
pub fn grid_rows(c: &Collation) -> Vec<GridRow> {
    let col: BTreeMap<Quarter, usize> = c
        .quarters
        .iter()
        .enumerate()
        .map(|(i, q)| (*q, i))
        .collect();
    let mut rows: Vec<GridRow> = Vec::new();
    let mut index: BTreeMap<(String, bool), usize> = BTreeMap::new();
    for r in &c.forces {
        let i = *index
            .entry((r.force.code.clone(), r.expected))
            .or_insert_with(|| {
                rows.push(GridRow {
                    force: if r.expected {
                        r.force.name.clone()
                    } else {
                        format!("{} (not expected)", r.force.name)
                    },
                    code: r.force.code.clone(),
                    expected: r.expected,
                    cells: vec![None; c.quarters.len()],
                });
                rows.len() - 1
            });
        if let Some(&q) = col.get(&r.quarter) {
            rows[i].cells[q] = Some(r.standing());
        }
    }
    rows
}

/// Adds the grid sheet.
pub(super) fn write_grid(wb: &mut Workbook, c: &Collation, f: &Formats) -> Result<()> {
    let ws = wb.add_worksheet();
    ws.set_name(GRID_SHEET)?;
    ws.write_string_with_format(
        0,
        0,
        "Each expected force's return for each quarter, then forces not in the expected list (not chased); the legend is below the table. The Chase sheet lists every force and quarter still owed.",
        &f.note,
    )?;
    let mut headers = vec!["Force".to_string(), "Code".to_string()];
    headers.extend(c.quarters.iter().map(|q| q.to_string()));
    headers.push("Quarters owed".to_string());
    let mut widths = vec![36.0, 20.0];
    // Wide enough for the longest word, "invalid but collated".
    widths.extend(c.quarters.iter().map(|_| 19.0));
    widths.push(9.0);
    header_row(ws, 1, &headers, &widths, f)?;
    let cell = |s: Standing| {
        Format::new()
            .set_background_color(Color::RGB(colour(s)))
            .set_border(FormatBorder::Thin)
            .set_border_color(Color::RGB(0xBFBFBF))
            .set_align(FormatAlign::Center)
    };
    let formats: BTreeMap<Standing, Format> = Standing::ALL.iter().map(|&s| (s, cell(s))).collect();
    let rows = grid_rows(c);
    let owed_col = 2 + c.quarters.len() as u16;
    for (i, g) in rows.iter().enumerate() {
        let r = 2 + i as u32;
        ws.write_string(r, 0, &g.force)?;
        ws.write_string(r, 1, &g.code)?;
        for (q, s) in g.cells.iter().enumerate() {
            if let Some(s) = s {
                ws.write_string_with_format(r, 2 + q as u16, s.label(), &formats[s])?;
            }
        }
        if g.expected {
            ws.write_number(r, owed_col, g.owed() as f64)?;
        }
    }
    let mut r = 3 + rows.len() as u32;
    ws.write_string_with_format(r, 0, "Legend", &f.label)?;
    for s in Standing::ALL {
        r += 1;
        ws.write_string_with_format(r, 0, s.label(), &formats[&s])?;
        ws.write_string(r, 1, s.meaning())?;
    }
    ws.set_freeze_panes(2, 1)?;
    ws.set_repeat_rows(1, 1)?;
    print_setup(ws);
    ws.set_portrait();
    ws.autofilter(1, 0, 1 + rows.len().max(1) as u32, owed_col)?;
    Ok(())
}
