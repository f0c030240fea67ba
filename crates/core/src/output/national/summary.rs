//! The national workbook's `Summary` sheet: the quarters, the template and its
//! fingerprint, the responses and the reconciliation, the count of forces by standing,
//! and incidents by force, category and channel, each a table with its chart beside it.
//!
//! With one quarter each table has one column of counts. With several, every table has a
//! column per quarter and a total, and its chart is stacked by quarter, and a table of
//! incidents by quarter stacked by category comes first, so that a year of returns is 46
//! force rows, not 184. Each table starts a printed page, and no chart is taller than a
//! page, so no page break cuts a chart.
//!
//! Incidents by force lists every expected force: one with no return collated for a
//! quarter is a blank cell (a gap in the chart, explained below it), never 0, which is a
//! nil return's figure.
//!
//! It summarises what the collation decided and counted; it must never decide anything
//! itself, and never writes a formula (the charts read the tables' values).

use std::collections::BTreeMap;

use anyhow::Result;
use rust_xlsxwriter::{Chart, ChartEmptyCells, ChartType, Workbook, Worksheet};

use crate::base::calendar::Quarter;
use crate::base::value::ValueRef;
use crate::collate::Collation;
use crate::definition::{CellKind, ColumnIndex, Definition};
use crate::output::styles::Formats;

use super::sheet::print_setup;

/// The sheet's name, which the charts refer to.
const SUMMARY: &str = "Summary";

/// The tallest chart, in pixels: shorter than a printed landscape page at the scale the
/// Summary prints at, so that a chart anchored at the top of a page is never cut.
const MAX_CHART_HEIGHT: u32 = 540;

/// A table of counts on the Summary, with the chart drawn beside it.
struct CountTable {
    title: String,
    /// The columns of counts: the quarters, or just "Incidents".
    columns: Vec<String>,
    /// Row labels and one count per column; `None` is a blank cell (a force with no
    /// return collated for the quarter), never 0, which is a return with none.
    rows: Vec<(String, Vec<Option<usize>>)>,
    kind: ChartType,
    /// Whether each row is a series of the chart (stacked by row), rather than each column.
    series_by_row: bool,
    /// Lines below the chart saying what a blank cell means, when it can have one.
    note: &'static [&'static str],
}

impl CountTable {
    /// Whether a Total column follows the counts.
    fn totalled(&self) -> bool {
        self.columns.len() > 1
    }
}

/// Adds the Summary sheet (the active sheet when the workbook is opened).
pub(super) fn write_summary(
    wb: &mut Workbook,
    c: &Collation,
    def: &Definition,
    f: &Formats,
) -> Result<()> {
    let ws = wb.add_worksheet();
    ws.set_name(SUMMARY)?;
    print_setup(ws);
    ws.set_column_width(0, 34)?;
    for col in 1..=c.quarters.len().max(1) as u16 + 1 {
        ws.set_column_width(col, if c.quarters.len() > 1 { 11 } else { 14 })?;
    }
    ws.write_string_with_format(
        0,
        0,
        "Operation Bridger: national collation of Annex C returns",
        &f.title,
    )?;
    let lines = facts(c, def);
    for (i, (k, v)) in lines.iter().enumerate() {
        ws.write_string_with_format(2 + i as u32, 0, *k, &f.bold)?;
        ws.write_string(2 + i as u32, 1, v)?;
    }
    let mut row = write_statuses(ws, 3 + lines.len() as u32, c, f)?;
    let mut breaks = Vec::new();
    for table in incident_tables(c, def) {
        breaks.push(row);
        row = write_count_table(ws, row, &table, f)?;
    }
    ws.set_page_breaks(&breaks)?;
    ws.set_active(true);
    Ok(())
}

/// The facts at the top of the Summary, as (label, value) lines.
fn facts(c: &Collation, def: &Definition) -> Vec<(&'static str, String)> {
    let quarters: Vec<String> = c.quarters.iter().map(|q| q.to_string()).collect();
    let mut due: Vec<String> = Vec::new();
    for q in &c.quarters {
        if let Some(r) = c.forces.iter().find(|r| r.quarter == *q) {
            due.push(format!("{q}: {}", r.deadline.uk()));
        }
    }
    let fp = crate::check::fingerprint::of_definition(def);
    let rec = &c.reconciliation;
    let rows = |read: usize, written: usize, left_out: usize| {
        format!(
            "{read} read from accepted returns, {written} written; {left_out} more in returns left out"
        )
    };
    vec![
        ("Quarters", quarters.join(", ")),
        ("Due dates", due.join("; ")),
        ("Template", format!("{} version {}", def.id, def.version)),
        ("Template fingerprint", fp.sha256),
        ("Responses", c.headline()),
        (
            "Incident rows",
            rows(
                rec.incident_rows_read,
                rec.incident_rows_written,
                rec.incident_rows_left_out,
            ),
        ),
        (
            "Engagement rows",
            rows(
                rec.engagement_rows_read,
                rec.engagement_rows_written,
                rec.engagement_rows_left_out,
            ),
        ),
        ("Files given", c.entries.len().to_string()),
        (
            "To chase",
            format!("{} (see the Chase sheet)", c.chase().len()),
        ),
    ]
}

/// The count of expected forces (or force-quarters) by standing, the same words and
/// figures as the grid and the headline (all from [`Collation::tally`]), each with what it
/// means, then the returns from forces not expected and whether their rows went in, from
/// `row`; returns the row where the next table starts.
fn write_statuses(ws: &mut Worksheet, mut row: u32, c: &Collation, f: &Formats) -> Result<u32> {
    ws.write_string_with_format(row, 0, "Status", &f.label)?;
    let what = if c.quarters.len() > 1 {
        "Force-quarters"
    } else {
        "Forces"
    };
    ws.write_string_with_format(row, 1, what, &f.label)?;
    for (s, n) in c.standings() {
        row += 1;
        ws.write_string(row, 0, s.label())?;
        ws.write_number(row, 1, n as f64)?;
        ws.write_string(row, 2, s.meaning())?;
    }
    let t = c.tally();
    if t.unexpected > 0 {
        row += 1;
        ws.write_string(row, 0, "not expected")?;
        ws.write_number(row, 1, t.unexpected as f64)?;
        ws.write_string(
            row,
            2,
            format!(
                "returns from forces not in the expected list, not counted above: {} collated (their rows are in the national workbook), {} not collated",
                t.unexpected_collated,
                t.unexpected - t.unexpected_collated
            ),
        )?;
    }
    Ok(row + 2)
}

/// A row's counts by quarter, grown as rows are read.
type ByQuarter = BTreeMap<usize, Vec<usize>>;

/// Incidents by quarter (several quarters only), by force, by category and by channel
/// (categories and channels in list order, values not in the list last).
fn incident_tables(c: &Collation, def: &Definition) -> Vec<CountTable> {
    let inc = def.incidents();
    let keys = &def.keys.incidents;
    let (cat, chan) = (keys.category.index(), keys.channel.index());
    // A column's list values; none for a column that is not a list (every value is then
    // "not in list").
    let list_of = |col: ColumnIndex| -> &[String] {
        match inc.at(col).kind {
            CellKind::List(list) => &def.list(list).values,
            _ => &[],
        }
    };
    let (cat_list, chan_list) = (list_of(keys.category), list_of(keys.channel));
    let position = |values: &[String], v: ValueRef<'_>| -> usize {
        v.text()
            .and_then(|t| values.iter().position(|x| *x == *t))
            .unwrap_or(values.len())
    };
    let nq = c.quarters.len().max(1);
    let qcol: BTreeMap<Quarter, usize> = c
        .quarters
        .iter()
        .enumerate()
        .map(|(i, q)| (*q, i))
        .collect();
    let forces = by_force(c, &qcol);
    let (mut by_cat, mut by_chan) = (ByQuarter::new(), ByQuarter::new());
    for (fr, e) in c.collated() {
        let Some(content) = &e.outcome.content else {
            continue;
        };
        let q = qcol.get(&fr.quarter).copied().unwrap_or(0);
        for r in &content.incidents {
            by_cat
                .entry(position(cat_list, r.get(cat)))
                .or_insert_with(|| vec![0; nq])[q] += 1;
            by_chan
                .entry(position(chan_list, r.get(chan)))
                .or_insert_with(|| vec![0; nq])[q] += 1;
        }
    }
    let labelled = |values: &[String], counts: ByQuarter| -> Vec<(String, Vec<Option<usize>>)> {
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
    };
    let several = c.quarters.len() > 1;
    let columns: Vec<String> = if several {
        c.quarters.iter().map(|q| q.to_string()).collect()
    } else {
        vec!["Incidents".to_string()]
    };
    let table = |title: String, rows, kind, series_by_row| CountTable {
        title,
        columns: columns.clone(),
        rows,
        kind,
        series_by_row,
        note: &[],
    };
    let by = |col: usize| format!("Incidents by {}", inc.columns[col].header.to_lowercase());
    let (bar, column) = if several {
        (ChartType::BarStacked, ChartType::ColumnStacked)
    } else {
        (ChartType::Bar, ChartType::Column)
    };
    let cats = labelled(cat_list, by_cat);
    let mut tables = Vec::new();
    if several {
        tables.push(table(
            format!(
                "Incidents by quarter and {}",
                inc.columns[cat].header.to_lowercase()
            ),
            cats.clone(),
            ChartType::ColumnStacked,
            true,
        ));
    }
    tables.push(CountTable {
        note: NO_RETURN,
        ..table("Incidents by force".into(), forces, bar, false)
    });
    tables.push(table(by(cat), cats, bar, false));
    tables.push(table(by(chan), labelled(chan_list, by_chan), column, false));
    tables
}

/// What a blank in the Incidents by force table means, written below its chart (beside
/// the table, on the same printed page), each line short enough not to be cut.
const NO_RETURN: &[&str] = &[
    "A blank (no bar): no return collated for that quarter; none came, or it was",
    "rejected (see the Chase sheet). 0: a return with no incidents, a nil return.",
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

/// A table of counts from `row`, with its chart beside it and the chart's note below that;
/// returns the row where the next table starts (below the table and its chart).
fn write_count_table(ws: &mut Worksheet, row: u32, table: &CountTable, f: &Formats) -> Result<u32> {
    ws.write_string_with_format(row, 0, &table.title, &f.label)?;
    for (i, h) in table.columns.iter().enumerate() {
        ws.write_string_with_format(row, 1 + i as u16, h, &f.label)?;
    }
    let ncols = table.columns.len() as u16;
    if table.totalled() {
        ws.write_string_with_format(row, 1 + ncols, "Total", &f.label)?;
    }
    let first = row + 1;
    for (i, (k, n)) in table.rows.iter().enumerate() {
        let r = first + i as u32;
        ws.write_string(r, 0, k)?;
        for (j, v) in n.iter().enumerate() {
            if let Some(v) = v {
                ws.write_number(r, 1 + j as u16, *v as f64)?;
            }
        }
        if table.totalled() && n.iter().any(Option::is_some) {
            ws.write_number(r, 1 + ncols, n.iter().flatten().sum::<usize>() as f64)?;
        }
    }
    if table
        .rows
        .iter()
        .all(|(_, n)| n.iter().all(Option::is_none))
    {
        ws.write_string(first + table.rows.len() as u32, 0, "(no incidents)")?;
        return Ok(first + table.rows.len() as u32 + 2);
    }
    let last = first + table.rows.len() as u32 - 1;
    let bars = if table.series_by_row {
        table.columns.len()
    } else {
        table.rows.len()
    };
    let height = if matches!(table.kind, ChartType::Bar | ChartType::BarStacked) {
        (bars as u32 * 16 + 80).clamp(240, MAX_CHART_HEIGHT)
    } else if table.series_by_row {
        420
    } else {
        300
    };
    let chart_col = 2 + ncols + u16::from(table.totalled());
    ws.insert_chart(row, chart_col, &chart(table, row, height))?;
    let mut below = row + height / 20 + 1;
    for line in table.note {
        ws.write_string_with_format(below, chart_col, *line, &f.note)?;
        below += 1;
    }
    Ok(last.max(below) + 2)
}

/// The chart of a table whose header is on `row` and counts below it.
fn chart(table: &CountTable, row: u32, height: u32) -> Chart {
    let mut chart = Chart::new(table.kind);
    let (first, last) = (row + 1, row + table.rows.len() as u32);
    let ncols = table.columns.len() as u16;
    if table.series_by_row {
        for (i, (label, _)) in table.rows.iter().enumerate() {
            let r = first + i as u32;
            chart
                .add_series()
                .set_categories((SUMMARY, row, 1, row, ncols))
                .set_values((SUMMARY, r, 1, r, ncols))
                .set_name(label.as_str());
        }
    } else {
        for (j, name) in table.columns.iter().enumerate() {
            let col = 1 + j as u16;
            chart
                .add_series()
                .set_categories((SUMMARY, first, 0, last, 0))
                .set_values((SUMMARY, first, col, last, col))
                .set_name(name.as_str());
        }
    }
    chart.title().set_name(&table.title);
    if table.series_by_row || table.columns.len() > 1 {
        chart
            .legend()
            .set_position(rust_xlsxwriter::ChartLegendPosition::Bottom);
    } else {
        chart.legend().set_hidden();
    }
    if matches!(table.kind, ChartType::Bar | ChartType::BarStacked) {
        // Bar charts draw the first category at the bottom; read top-down instead.
        chart.y_axis().set_reverse();
        chart.x_axis().set_min(0);
    } else {
        chart.y_axis().set_min(0);
    }
    // A blank cell (no return) is a gap, never a 0 bar.
    chart.show_empty_cells_as(ChartEmptyCells::Gaps);
    chart.set_width(620).set_height(height);
    chart
}
