//! The Summary's tables of incidents by force, by category and by channel, each with a
//! chart a person can read beside it.
//!
//! Each table is written once: a column per quarter, and with several quarters a Total
//! column and a change against the quarter before, then a Total row. Rows are sorted, most
//! incidents first, and every chart is a horizontal bar chart with every row labelled in
//! full: incidents by force compares the latest quarter with the one before, force by
//! force; by category and by channel are stacked by quarter. No two series of a chart
//! share a colour, and a quarter has the same colour in every chart. Each table starts a
//! printed page and each chart another, below its table, printed at full size; no chart
//! is taller than a page, so no page break cuts a chart.
//!
//! Incidents by force lists every expected force: one with no return collated for a
//! quarter is a blank cell (a gap in the chart, explained below it), never 0, which is a
//! nil return's figure. It counts; it decides nothing, and writes no formula (the charts
//! read the tables' values).

use std::collections::BTreeMap;

use anyhow::Result;
use rust_xlsxwriter::{
    Chart, ChartEmptyCells, ChartFont, ChartFormat, ChartLegendPosition, ChartSolidFill, ChartType,
    Color, Format, Worksheet,
};

use crate::base::calendar::Quarter;
use crate::base::value::ValueRef;
use crate::collate::Collation;
use crate::definition::{CellKind, ColumnIndex, Definition};
use crate::output::styles::Formats;

use super::summary::SUMMARY;

/// The tallest chart, in pixels: shorter than a printed portrait A4 page (10.19 inches
/// between the margins) at the scale the Summary prints at, one page wide (6.87 inches
/// for its 850 pixels: 0.78), 1,250 pixels, so that a chart anchored at the top of a page
/// is never cut.
pub(super) const MAX_CHART_HEIGHT: u32 = 1100;

/// The chart's width, in pixels: as wide as the tables, so that it prints at the tables'
/// scale.
const CHART_WIDTH: u32 = 840;

/// The number format of a change: a sign always, so that a rise reads as one.
pub(super) const CHANGE_FORMAT: &str = "+0;-0;0";

/// Pixels a labelled bar (or group of bars) takes: room for its label in 8-point type, so
/// that no label is dropped for want of room.
const BAR_PIXELS: u32 = 18;

/// Distinct colours, in order, for the series of a chart: no two alike, each readable
/// against white. Beyond them, colours are spread round the colour wheel.
const PALETTE: [u32; 12] = [
    0x1F77B4, 0xFF7F0E, 0x2CA02C, 0xD62728, 0x9467BD, 0x8C564B, 0xE377C2, 0x7F7F7F, 0xBCBD22,
    0x17BECF, 0x393B79, 0xAD494A,
];

/// The colour of series `i` of `n`: from [`PALETTE`] while there are enough, else spread
/// evenly round the colour wheel, so that no two series of a chart share one.
pub(crate) fn series_colour(i: usize, n: usize) -> u32 {
    if n <= PALETTE.len() {
        return PALETTE[i % PALETTE.len()];
    }
    let hue = i as f64 / n as f64 * 6.0;
    let x = 1.0 - (hue % 2.0 - 1.0).abs();
    let (r, g, b) = match hue as u32 {
        0 => (1.0, x, 0.0),
        1 => (x, 1.0, 0.0),
        2 => (0.0, 1.0, x),
        3 => (0.0, x, 1.0),
        4 => (x, 0.0, 1.0),
        _ => (1.0, 0.0, x),
    };
    // Darkened, so that yellow and cyan stay readable on white.
    let c = |v: f64| (v * 200.0).round() as u32;
    (c(r) << 16) | (c(g) << 8) | c(b)
}

/// How a table's chart is drawn.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Drawn {
    /// The latest quarter beside the one before, row by row (incidents by force).
    LatestTwo,
    /// Every quarter, stacked (incidents by category, by channel).
    Stacked,
}

/// A table of counts on the Summary, with the chart drawn beside it.
struct CountTable {
    title: String,
    /// The quarters, one column of counts each.
    quarters: Vec<Quarter>,
    /// Row labels and one count per quarter; `None` is a blank cell (a force with no
    /// return collated for the quarter), never 0, which is a return with none.
    rows: Vec<(String, Vec<Option<usize>>)>,
    drawn: Drawn,
    /// Lines below the chart saying what a blank cell means, when it can have one.
    note: &'static [&'static str],
}

impl CountTable {
    /// Whether a Total column and a Change column follow the counts.
    fn several(&self) -> bool {
        self.quarters.len() > 1
    }
}

/// The change from the quarter before to the latest: blank unless both have a count.
fn change(n: &[Option<usize>]) -> Option<f64> {
    match n {
        [.., Some(before), Some(now)] => Some(*now as f64 - *before as f64),
        _ => None,
    }
}

/// Sorts rows most first by `key`, rows whose key is `None` (no count at all) last, ties
/// in table order.
fn sort_most_first<K: Ord>(
    rows: &mut [(String, Vec<Option<usize>>)],
    key: impl Fn(&[Option<usize>]) -> Option<K>,
) {
    rows.sort_by_key(|(_, n)| std::cmp::Reverse(key(n)));
}

/// Incidents by force, by category and by channel (categories and channels whose value is
/// not in the list together last), each sorted most incidents first.
fn incident_tables(c: &Collation, def: &Definition) -> Vec<CountTable> {
    let inc = def.incidents();
    let qcol: BTreeMap<Quarter, usize> = c
        .quarters
        .iter()
        .enumerate()
        .map(|(i, q)| (*q, i))
        .collect();
    let table = |title: String, rows, drawn| CountTable {
        title,
        quarters: c.quarters.clone(),
        rows,
        drawn,
        note: &[],
    };
    let mut forces = by_force(c, &qcol);
    let mut tables = Vec::new();
    let latest = c.quarters.last().map(|q| q.to_string()).unwrap_or_default();
    sort_most_first(&mut forces, |n| {
        let latest = n.last().copied().flatten().unwrap_or(0);
        let total = n.iter().flatten().sum::<usize>();
        n.iter().any(Option::is_some).then_some((latest, total))
    });
    let title = if c.quarters.len() > 1 {
        format!("Incidents by force (most in {latest} first)")
    } else {
        "Incidents by force (most first)".to_string()
    };
    tables.push(CountTable {
        note: NO_RETURN,
        ..table(title, forces, Drawn::LatestTwo)
    });
    let keys = &def.keys.incidents;
    for col in [keys.category, keys.channel] {
        let mut rows = by_value(c, def, &qcol, col);
        sort_most_first(&mut rows, |n| Some(n.iter().flatten().sum::<usize>()));
        let title = format!(
            "Incidents by {} (most first)",
            inc.at(col).header.to_lowercase()
        );
        tables.push(table(title, rows, Drawn::Stacked));
    }
    tables
}

/// Incidents by the value of column `col` (a list column), a count per quarter; values not
/// in the list counted together as "(not in list)".
fn by_value(
    c: &Collation,
    def: &Definition,
    qcol: &BTreeMap<Quarter, usize>,
    col: ColumnIndex,
) -> Vec<(String, Vec<Option<usize>>)> {
    // The column's list values; none for a column that is not a list (every value is then
    // "not in list").
    let values: &[String] = match def.incidents().at(col).kind {
        CellKind::List(list) => &def.list(list).values,
        _ => &[],
    };
    let position = |v: ValueRef<'_>| -> usize {
        v.text()
            .and_then(|t| values.iter().position(|x| *x == *t))
            .unwrap_or(values.len())
    };
    let nq = c.quarters.len().max(1);
    let mut counts: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (fr, e) in c.collated() {
        let Some(content) = &e.outcome.content else {
            continue;
        };
        let q = qcol.get(&fr.quarter).copied().unwrap_or(0);
        for r in &content.incidents {
            counts
                .entry(position(r.get(col.index())))
                .or_insert_with(|| vec![0; nq])[q] += 1;
        }
    }
    counts
        .into_iter()
        .map(|(i, n)| {
            let label = values
                .get(i)
                .cloned()
                .unwrap_or_else(|| "(not in list)".to_string());
            (label, n.into_iter().map(Some).collect())
        })
        .collect()
}

/// What a blank in the Incidents by force table means, written below its chart, on the
/// same printed page, each line short enough not to be cut.
const NO_RETURN: &[&str] = &[
    "A blank (no bar): no return collated for that quarter; none came, or it was rejected (see the Chase sheet).",
    "0: a return with no incidents, a nil return.",
];

/// Incidents by force: every expected force in table order, then those not expected whose
/// returns went in (marked so), each quarter's count of incidents from its collated
/// return, or `None` when it has none collated for the quarter.
fn by_force(c: &Collation, qcol: &BTreeMap<Quarter, usize>) -> Vec<(String, Vec<Option<usize>>)> {
    let nq = c.quarters.len().max(1);
    let mut rows: Vec<(bool, String, Vec<Option<usize>>)> = Vec::new();
    let mut index: BTreeMap<(&str, bool), usize> = BTreeMap::new();
    for r in &c.forces {
        let i = *index
            .entry((r.force.code.as_str(), r.expected))
            .or_insert_with(|| {
                let name = if r.expected {
                    r.force.name.clone()
                } else {
                    format!("{} (not expected)", r.force.name)
                };
                rows.push((r.expected, name, vec![None; nq]));
                rows.len() - 1
            });
        let content = r
            .entry
            .filter(|_| r.collated)
            .and_then(|e| c.entries[e].outcome.content.as_ref());
        if let (Some(content), Some(&q)) = (content, qcol.get(&r.quarter)) {
            rows[i].2[q] = Some(content.incidents.len());
        }
    }
    // A force not expected is listed only when some return of it went in.
    rows.into_iter()
        .filter(|(expected, _, n)| *expected || n.iter().any(Option::is_some))
        .map(|(_, name, n)| (name, n))
        .collect()
}

/// Writes the tables of counts from `row`, each table and each chart starting a printed
/// page; returns the page breaks.
pub(super) fn write(
    ws: &mut Worksheet,
    mut row: u32,
    c: &Collation,
    def: &Definition,
    f: &Formats,
) -> Result<Vec<u32>> {
    let mut breaks = Vec::new();
    for table in incident_tables(c, def) {
        breaks.push(row);
        let (next, chart_row) = write_table(ws, row, &table, f)?;
        breaks.extend(chart_row);
        row = next;
    }
    Ok(breaks)
}

/// The header row of a table at `row`: its title, the quarters, Total and Change.
fn write_header(ws: &mut Worksheet, row: u32, table: &CountTable, f: &Formats) -> Result<()> {
    ws.write_string_with_format(row, 0, &table.title, &f.header)?;
    for (i, q) in table.quarters.iter().enumerate() {
        ws.write_string_with_format(row, 1 + i as u16, q.to_string(), &f.header)?;
    }
    if let (true, [.., before, _]) = (table.several(), table.quarters.as_slice()) {
        let nq = table.quarters.len() as u16;
        ws.write_string_with_format(row, 1 + nq, "Total", &f.header)?;
        ws.write_string_with_format(row, 2 + nq, format!("Change on {before}"), &f.header)?;
    }
    ws.set_row_height(row, 30)?;
    Ok(())
}

/// A table of counts from `row`, then its chart below it (a page of its own, printed
/// at full size) and the chart's note below that; returns the row where the next table
/// starts and the chart's row.
fn write_table(
    ws: &mut Worksheet,
    row: u32,
    table: &CountTable,
    f: &Formats,
) -> Result<(u32, Option<u32>)> {
    write_header(ws, row, table, f)?;
    let nq = table.quarters.len() as u16;
    let first = row + 1;
    let change_format = Format::new().set_num_format(CHANGE_FORMAT);
    for (i, (k, n)) in table.rows.iter().enumerate() {
        let r = first + i as u32;
        ws.write_string(r, 0, k)?;
        for (j, v) in n.iter().enumerate() {
            if let Some(v) = v {
                ws.write_number(r, 1 + j as u16, *v as f64)?;
            }
        }
        if table.several() && n.iter().any(Option::is_some) {
            ws.write_number(r, 1 + nq, n.iter().flatten().sum::<usize>() as f64)?;
        }
        if let (true, Some(d)) = (table.several(), change(n)) {
            ws.write_number_with_format(r, 2 + nq, d, &change_format)?;
        }
    }
    let total_row = first + table.rows.len() as u32;
    write_totals(ws, total_row, table, f)?;
    if table
        .rows
        .iter()
        .all(|(_, n)| n.iter().all(Option::is_none))
    {
        ws.write_string(total_row + 1, 0, "(no incidents)")?;
        return Ok((total_row + 3, None));
    }
    let height = (table.rows.len() as u32 * BAR_PIXELS + 110).clamp(240, MAX_CHART_HEIGHT);
    let chart_row = total_row + 2;
    // Set a little below the page's top edge, so that its frame is not drawn on the page
    // before as a stray rule.
    ws.insert_chart_with_offset(chart_row, 0, &chart(table, row, height), 0, 4)?;
    let mut below = chart_row + height / 20 + 2;
    for line in table.note {
        ws.write_string_with_format(below, 0, *line, &f.note)?;
        below += 1;
    }
    Ok((below + 2, Some(chart_row)))
}

/// The Total row: each quarter's sum (blank when no row has a count), the grand total and
/// the change in the totals.
fn write_totals(ws: &mut Worksheet, r: u32, table: &CountTable, f: &Formats) -> Result<()> {
    let nq = table.quarters.len();
    let sums: Vec<Option<usize>> = (0..nq.max(1))
        .map(|j| {
            let col = table
                .rows
                .iter()
                .filter_map(|(_, n)| n.get(j).copied().flatten());
            let mut any = false;
            let sum = col.inspect(|_| any = true).sum::<usize>();
            any.then_some(sum)
        })
        .collect();
    let bold_top = f
        .bold
        .clone()
        .set_border_top(rust_xlsxwriter::FormatBorder::Thin);
    ws.write_string_with_format(r, 0, "Total", &bold_top)?;
    for (j, s) in sums.iter().enumerate() {
        match s {
            Some(s) => ws.write_number_with_format(r, 1 + j as u16, *s as f64, &bold_top)?,
            None => ws.write_blank(r, 1 + j as u16, &bold_top)?,
        };
    }
    if table.several() {
        let total: usize = sums.iter().flatten().sum();
        ws.write_number_with_format(r, 1 + nq as u16, total as f64, &bold_top)?;
        let change_format = bold_top.clone().set_num_format(CHANGE_FORMAT);
        match change(&sums) {
            Some(d) => ws.write_number_with_format(r, 2 + nq as u16, d, &change_format)?,
            None => ws.write_blank(r, 2 + nq as u16, &bold_top)?,
        };
    }
    Ok(())
}

/// The series of a chart: (quarter index, column of the table) in drawing order.
fn series_of(table: &CountTable) -> Vec<usize> {
    let nq = table.quarters.len();
    match table.drawn {
        Drawn::LatestTwo => (nq.saturating_sub(2)..nq).collect(),
        Drawn::Stacked => (0..nq).collect(),
    }
}

/// The chart of a table whose header is on `row` and counts below it: horizontal bars,
/// every row labelled in full, top row first, a colour per quarter.
fn chart(table: &CountTable, row: u32, height: u32) -> Chart {
    let kind = match (table.drawn, table.several()) {
        (Drawn::Stacked, true) => ChartType::BarStacked,
        _ => ChartType::Bar,
    };
    let mut chart = Chart::new(kind);
    let (first, last) = (row + 1, row + table.rows.len() as u32);
    let nq = table.quarters.len();
    for j in series_of(table) {
        let col = 1 + j as u16;
        let colour = Color::RGB(series_colour(j, nq));
        let name = table
            .quarters
            .get(j)
            .map_or_else(|| "Incidents".to_string(), |q| q.to_string());
        chart
            .add_series()
            .set_categories((SUMMARY, first, 0, last, 0))
            .set_values((SUMMARY, first, col, last, col))
            .set_name(name.as_str())
            .set_format(ChartFormat::new().set_solid_fill(ChartSolidFill::new().set_color(colour)))
            .set_gap(40);
    }
    chart.title().set_name(&table.title);
    chart
        .title()
        .set_font(ChartFont::new().set_size(11).set_bold());
    if table.several() {
        chart.legend().set_position(ChartLegendPosition::Bottom);
    } else {
        chart.legend().set_hidden();
    }
    // Bar charts draw the first category at the bottom; read top-down instead, and label
    // every bar, so that no force or category is left unnamed.
    chart
        .y_axis()
        .set_reverse()
        .set_label_interval(1)
        .set_font(ChartFont::new().set_size(8));
    chart.x_axis().set_min(0);
    // A blank cell (no return) is a gap, never a 0 bar.
    chart.show_empty_cells_as(ChartEmptyCells::Gaps);
    chart.set_width(CHART_WIDTH).set_height(height);
    chart
}
