//! The national workbook's `Summary` sheet: the quarters, the template and its
//! fingerprint, the responses and the reconciliation, the status counts, and incidents by
//! force, category and channel, each a table with its chart beside it.
//!
//! It summarises what the collation decided and counted; it must never decide anything
//! itself, and never writes a formula (the charts read the tables' values).

use std::collections::BTreeMap;

use anyhow::Result;
use rust_xlsxwriter::{Chart, ChartType, Workbook, Worksheet};

use crate::base::value::ValueRef;
use crate::collate::{Collation, ForceStatus};
use crate::definition::Definition;
use crate::output::styles::Formats;

use super::sheet::print_setup;

/// The sheet's name, which the charts refer to.
const SUMMARY: &str = "Summary";

/// Labels and their counts, for a summary table and its chart.
type Counts = Vec<(String, usize)>;

/// A table of counts on the Summary, with the kind of chart drawn beside it.
struct CountTable {
    title: String,
    counts: Counts,
    kind: ChartType,
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
    ws.set_column_width(1, 14)?;
    ws.set_column_width(3, 30)?;
    ws.set_column_width(4, 12)?;
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
    for table in incident_tables(c, def) {
        row = write_count_table(ws, row, &table, f)?;
    }
    ws.set_active(true);
    Ok(())
}

/// The facts at the top of the Summary, as (label, value) lines.
fn facts(c: &Collation, def: &Definition) -> Vec<(&'static str, String)> {
    let quarters: Vec<String> = c.quarters.iter().map(|q| q.to_string()).collect();
    let fp = crate::check::fingerprint::of_definition(def);
    let rec = &c.reconciliation;
    let rows = |read: usize, written: usize, left_out: usize| {
        format!(
            "{read} read from accepted returns, {written} written; {left_out} more in returns left out"
        )
    };
    vec![
        ("Quarters", quarters.join(", ")),
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
    ]
}

/// The count of expected forces (or force-quarters) by status, from `row`; returns the
/// row where the next table starts.
fn write_statuses(ws: &mut Worksheet, mut row: u32, c: &Collation, f: &Formats) -> Result<u32> {
    ws.write_string_with_format(row, 0, "Status", &f.label)?;
    let what = if c.quarters.len() > 1 {
        "Force-quarters"
    } else {
        "Forces"
    };
    ws.write_string_with_format(row, 1, what, &f.label)?;
    let counts = c.counts();
    for s in [
        ForceStatus::Valid,
        ForceStatus::Invalid,
        ForceStatus::ModifiedTemplate,
        ForceStatus::Unreadable,
        ForceStatus::Missing,
    ] {
        row += 1;
        ws.write_string(row, 0, s.label())?;
        ws.write_number(row, 1, counts.get(&s).copied().unwrap_or(0) as f64)?;
    }
    Ok(row + 2)
}

/// Incidents by force, by category and by channel (categories and channels in list order,
/// values not in the list last).
fn incident_tables(c: &Collation, def: &Definition) -> Vec<CountTable> {
    let inc = def.incidents();
    let (cat, chan) = (inc.index("category"), inc.index("channel"));
    let list_of = |col: usize| inc.columns[col].list.clone().unwrap_or_default();
    let (cat_list, chan_list) = (list_of(cat), list_of(chan));
    let position = |list: &str, v: ValueRef<'_>| -> usize {
        let values = &def.list(list).expect("checked").values;
        v.text()
            .and_then(|t| values.iter().position(|x| *x == *t))
            .unwrap_or(values.len())
    };
    let mut by_force: Counts = Vec::new();
    let mut by_cat: BTreeMap<usize, usize> = BTreeMap::new();
    let mut by_chan: BTreeMap<usize, usize> = BTreeMap::new();
    for (fr, e) in c.collated() {
        let Some(content) = &e.outcome.content else {
            continue;
        };
        let name = if c.quarters.len() > 1 {
            format!("{} {}", fr.force.name, fr.quarter)
        } else {
            fr.force.name.clone()
        };
        by_force.push((name, content.incidents.len()));
        for r in &content.incidents {
            *by_cat.entry(position(&cat_list, r.get(cat))).or_default() += 1;
            *by_chan
                .entry(position(&chan_list, r.get(chan)))
                .or_default() += 1;
        }
    }
    let labelled = |list: &str, counts: BTreeMap<usize, usize>| -> Counts {
        counts
            .into_iter()
            .map(|(i, n)| {
                let label = def
                    .list(list)
                    .and_then(|l| l.values.get(i).cloned())
                    .unwrap_or_else(|| "(not in list)".to_string());
                (label, n)
            })
            .collect()
    };
    let by = |col: usize| format!("Incidents by {}", inc.columns[col].header.to_lowercase());
    vec![
        CountTable {
            title: "Incidents by force".into(),
            counts: by_force,
            kind: ChartType::Bar,
        },
        CountTable {
            title: by(cat),
            counts: labelled(&cat_list, by_cat),
            kind: ChartType::Bar,
        },
        CountTable {
            title: by(chan),
            counts: labelled(&chan_list, by_chan),
            kind: ChartType::Column,
        },
    ]
}

/// A table of counts from `row`, with its chart beside it; returns the row where the next
/// table starts (below the table and its chart).
fn write_count_table(ws: &mut Worksheet, row: u32, table: &CountTable, f: &Formats) -> Result<u32> {
    ws.write_string_with_format(row, 0, &table.title, &f.label)?;
    ws.write_string_with_format(row, 1, "Incidents", &f.label)?;
    let first = row + 1;
    for (i, (k, n)) in table.counts.iter().enumerate() {
        ws.write_string(first + i as u32, 0, k)?;
        ws.write_number(first + i as u32, 1, *n as f64)?;
    }
    if table.counts.is_empty() {
        ws.write_string(first, 0, "(no incidents)")?;
        return Ok(first + 2);
    }
    let last = first + table.counts.len() as u32 - 1;
    let height = if table.kind == ChartType::Bar {
        (table.counts.len() as u32 * 18 + 80).clamp(240, 1000)
    } else {
        300
    };
    ws.insert_chart(row, 3, &chart(table, first, last, height))?;
    let chart_rows = height / 20 + 1;
    Ok(last.max(row + chart_rows) + 2)
}

/// The chart of a table whose counts are in rows `first..=last`.
fn chart(table: &CountTable, first: u32, last: u32, height: u32) -> Chart {
    let mut chart = Chart::new(table.kind);
    chart
        .add_series()
        .set_categories((SUMMARY, first, 0, last, 0))
        .set_values((SUMMARY, first, 1, last, 1))
        .set_name(table.title.as_str());
    chart.title().set_name(&table.title);
    chart.legend().set_hidden();
    if table.kind == ChartType::Bar {
        // Bar charts draw the first category at the bottom; read top-down instead.
        chart.y_axis().set_reverse();
        chart.x_axis().set_min(0);
    } else {
        chart.y_axis().set_min(0);
    }
    chart.set_width(620).set_height(height);
    chart
}
