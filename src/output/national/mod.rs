//! The national workbook: every accepted return's rows in one place, with the summary and
//! the lists the national letter asks for, clean in Excel and LibreOffice.
//!
//! Sheets: `Summary` (quarters, template fingerprint, status counts, incidents by force,
//! category and channel, each with a bar chart), `Responses` (every input file and what
//! happened to it), `Incidents` and `Engagement` (every row of every accepted return, with
//! Force, Quarter, Source file and Source row first), `Sexual violence review`, `FTAC`,
//! `Recording` and `MP engagement`, and any further sheets the caller adds (the repeat
//! suspects and victims).
//!
//! It writes values only, never formulas, so text that looks like a formula (`=`, `+`,
//! `-`, `@`) stays text. The bytes depend only on the inputs: no clock, no random order.
//! The large sheets are written in constant-memory mode, row by row.

use std::collections::BTreeMap;

pub mod links;

use std::path::Path;

use anyhow::{bail, Context, Result};
use rust_xlsxwriter::{Chart, ChartType, DocProperties, ExcelDateTime, Workbook, Worksheet};

use crate::base::value::{Value, ValueRef};
use crate::check::content::Row;
use crate::collate::{Collation, ForceStatus};
use crate::definition::{Definition, Table};
use crate::link::engine::Settings;
use crate::link::suspects::{self as suspects, Links, Mask};
use crate::output::atomic::write_atomic_with;
use crate::output::cells::write_value;
use crate::output::styles::Formats;

/// A small sheet: a header row and rows below it.
#[derive(Clone, Debug, Default)]
pub struct Sheet {
    pub name: String,
    /// A sentence above the table saying what the sheet is for.
    pub note: String,
    pub headers: Vec<String>,
    pub widths: Vec<f64>,
    pub rows: Vec<Vec<Value>>,
    /// The columns (by index) whose numbers are shares, shown as percentages.
    pub percent: Vec<usize>,
}

/// Rows written, for the reconciliation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Written {
    pub incidents: usize,
    pub engagement: usize,
}

/// Prints landscape on A4, one page wide, with a marking in the header: the workbook holds
/// sensitive personal data.
fn print_setup(ws: &mut Worksheet) {
    ws.set_landscape()
        .set_paper_size(9)
        .set_print_fit_to_pages(1, 0)
        .set_header("&LOFFICIAL-SENSITIVE&R&A");
}

fn header_row(
    ws: &mut Worksheet,
    row: u32,
    headers: &[String],
    widths: &[f64],
    f: &Formats,
) -> Result<()> {
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(row, c as u16, h, &f.header)?;
        ws.set_column_width(c as u16, widths.get(c).copied().unwrap_or(14.0))?;
    }
    ws.set_row_height(row, 32)?;
    Ok(())
}

fn write_sheet(wb: &mut Workbook, sheet: &Sheet, f: &Formats) -> Result<()> {
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

/// The rows the writer is about to write, counted from the same collated returns.
pub fn planned(collation: &Collation, _def: &Definition) -> Written {
    let mut w = Written::default();
    for (_, e) in collation.collated() {
        if let Some(c) = &e.outcome.content {
            w.incidents += c.incidents.len();
            w.engagement += c.engagement.len();
        }
    }
    w
}

/// The columns that lead every row of the Incidents and Engagement sheets.
const LEAD: [&str; 4] = ["Force", "Quarter", "Source file", "Source row"];

/// Starts the national workbook: the Summary, Responses, Incidents, Engagement and list
/// sheets, everything that needs the returns' rows. The large sheets are streamed (constant
/// memory). Returns the workbook and the rows written, for the reconciliation.
pub fn start(
    collation: &Collation,
    def: &Definition,
    include_invalid: bool,
) -> Result<(Workbook, Written)> {
    let f = Formats::new();
    let mut wb = Workbook::new();
    // Level 1 deflates several times faster than the default 6 for a file about a fifth
    // larger: the national workbook is written often and kept locally.
    wb.set_zip_compression_level(1);
    let created = ExcelDateTime::from_ymd(2016, 4, 1)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title("Operation Bridger: national collation of Annex C returns")
            .set_author("NCTPOC")
            .set_comment("Generated by bridger collate. Contains sensitive personal data.")
            .set_creation_datetime(&created),
    );
    write_summary(&mut wb, collation, def, &f)?;
    write_sheet(&mut wb, &responses(collation), &f)?;
    let mut written = Written::default();
    for table in [def.incidents(), def.engagement()] {
        let n = write_rows(&mut wb, collation, table, include_invalid, &f)?;
        if table.sheet == def.incidents().sheet {
            written.incidents = n;
        } else {
            written.engagement = n;
        }
    }
    for sheet in national_lists(collation, def) {
        write_sheet(&mut wb, &sheet, &f)?;
    }
    Ok((wb, written))
}

/// Adds further sheets (the repeat suspects and victims) after the built-in ones.
pub fn add_sheets(wb: &mut Workbook, sheets: &[Sheet]) -> Result<()> {
    let f = Formats::new();
    for sheet in sheets {
        write_sheet(wb, sheet, &f)?;
    }
    Ok(())
}

fn write_rows(
    wb: &mut Workbook,
    collation: &Collation,
    table: &Table,
    include_invalid: bool,
    f: &Formats,
) -> Result<usize> {
    let ws = wb.add_worksheet_with_constant_memory()?;
    ws.set_name(&table.sheet)?;
    let mut headers: Vec<String> = LEAD.iter().map(|s| s.to_string()).collect();
    let mut widths = vec![24.0, 11.0, 28.0, 8.0];
    if include_invalid {
        headers.push("Errors in row".to_string());
        widths.push(8.0);
    }
    let lead = headers.len() as u16;
    headers.extend(table.columns.iter().map(|c| c.header.clone()));
    widths.extend(table.columns.iter().map(|c| c.width));
    header_row(ws, 0, &headers, &widths, f)?;
    ws.set_freeze_panes(1, 0)?;
    ws.set_repeat_rows(0, 0)?;
    print_setup(ws);
    let mut r = 1u32;
    for (row, entry) in collation.collated() {
        let Some(content) = &entry.outcome.content else {
            continue;
        };
        let rows = if table.sheet == crate::definition::annex_c().incidents().sheet {
            &content.incidents
        } else {
            &content.engagement
        };
        let file = entry.file_name();
        for data in rows {
            ws.write_string(r, 0, &row.force.name)?;
            ws.write_string(r, 1, row.quarter.to_string())?;
            ws.write_string(r, 2, &file)?;
            ws.write_number(r, 3, f64::from(data.source_row))?;
            if include_invalid {
                ws.write_number(r, 4, f64::from(data.errors))?;
            }
            for c in 0..data.len() {
                write_value(ws, r, lead + c as u16, data.get(c), None, &f.date)?;
            }
            r += 1;
        }
    }
    ws.autofilter(0, 0, r.max(2) - 1, headers.len() as u16 - 1)?;
    Ok(r as usize - 1)
}

fn responses(c: &Collation) -> Sheet {
    let headers = [
        "Force",
        "Quarter",
        "Status",
        "What happened",
        "Errors",
        "Warnings",
        "First reason",
        "File",
        "SHA-256",
        "Engagement rows",
        "Incident rows",
        "Date submitted",
    ];
    let rows = c
        .entries
        .iter()
        .map(|e| {
            let o = &e.outcome;
            vec![
                e.force
                    .as_ref()
                    .map_or(Value::Empty, |f| Value::Text(f.name.clone())),
                e.quarter
                    .map_or(Value::Empty, |q| Value::Text(q.to_string())),
                Value::Text(o.status.to_string()),
                Value::Text(e.disposition.describe()),
                Value::from(o.findings.errors),
                Value::from(o.findings.warnings),
                o.first_reason()
                    .map_or(Value::Empty, |f| Value::Text(f.reason())),
                Value::Text(e.file_name()),
                o.sha256.clone().map_or(Value::Empty, Value::Text),
                Value::from(o.rows.engagement),
                Value::from(o.rows.incidents),
                o.date_submitted.map_or(Value::Empty, Value::Date),
            ]
        })
        .collect();
    Sheet {
        name: "Responses".into(),
        note: "Every file given to bridger collate, with its status and what happened to it."
            .into(),
        headers: headers.iter().map(|s| s.to_string()).collect(),
        widths: vec![
            26.0, 11.0, 16.0, 34.0, 7.0, 8.0, 70.0, 34.0, 20.0, 10.0, 10.0, 12.0,
        ],
        rows,
        percent: Vec::new(),
    }
}

fn write_summary(wb: &mut Workbook, c: &Collation, def: &Definition, f: &Formats) -> Result<()> {
    let ws = wb.add_worksheet();
    ws.set_name("Summary")?;
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
    let quarters: Vec<String> = c.quarters.iter().map(|q| q.to_string()).collect();
    let fp = crate::check::fingerprint::of_definition(def);
    let lines = [
        ("Quarters", quarters.join(", ")),
        ("Template", format!("{} version {}", def.id, def.version)),
        ("Template fingerprint", fp.sha256),
        ("Responses", c.headline()),
        (
            "Incident rows",
            format!(
                "{} read from accepted returns, {} written; {} more in returns left out",
                c.reconciliation.incident_rows_read,
                c.reconciliation.incident_rows_written,
                c.reconciliation.incident_rows_left_out
            ),
        ),
        (
            "Engagement rows",
            format!(
                "{} read from accepted returns, {} written; {} more in returns left out",
                c.reconciliation.engagement_rows_read,
                c.reconciliation.engagement_rows_written,
                c.reconciliation.engagement_rows_left_out
            ),
        ),
        ("Files given", c.entries.len().to_string()),
    ];
    for (i, (k, v)) in lines.iter().enumerate() {
        ws.write_string_with_format(2 + i as u32, 0, *k, &f.bold)?;
        ws.write_string(2 + i as u32, 1, v)?;
    }
    let mut row = 3 + lines.len() as u32;
    ws.write_string_with_format(row, 0, "Status", &f.label)?;
    ws.write_string_with_format(
        row,
        1,
        if c.quarters.len() > 1 {
            "Force-quarters"
        } else {
            "Forces"
        },
        &f.label,
    )?;
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
    row += 2;

    // Incidents by force, category and channel, each a table with its chart beside it.
    let inc = def.incidents();
    let (cat, chan) = (inc.index("category"), inc.index("channel"));
    let mut by_force: Vec<(String, usize)> = Vec::new();
    let mut by_cat: BTreeMap<usize, usize> = BTreeMap::new();
    let mut by_chan: BTreeMap<usize, usize> = BTreeMap::new();
    let position = |list: &str, v: ValueRef<'_>| -> usize {
        let values = &def.list(list).expect("checked").values;
        v.text()
            .and_then(|t| values.iter().position(|x| *x == *t))
            .unwrap_or(values.len())
    };
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
            *by_cat
                .entry(position(
                    inc.columns[cat].list.as_deref().unwrap_or(""),
                    r.get(cat),
                ))
                .or_default() += 1;
            *by_chan
                .entry(position(
                    inc.columns[chan].list.as_deref().unwrap_or(""),
                    r.get(chan),
                ))
                .or_default() += 1;
        }
    }
    let label = |list: &str, i: usize| {
        def.list(list)
            .and_then(|l| l.values.get(i).cloned())
            .unwrap_or_else(|| "(not in list)".to_string())
    };
    let cat_list = inc.columns[cat].list.clone().unwrap_or_default();
    let chan_list = inc.columns[chan].list.clone().unwrap_or_default();
    let tables: Vec<(String, Counts, ChartType)> = vec![
        ("Incidents by force".into(), by_force, ChartType::Bar),
        (
            format!("Incidents by {}", inc.columns[cat].header.to_lowercase()),
            by_cat
                .into_iter()
                .map(|(i, n)| (label(&cat_list, i), n))
                .collect(),
            ChartType::Bar,
        ),
        (
            format!("Incidents by {}", inc.columns[chan].header.to_lowercase()),
            by_chan
                .into_iter()
                .map(|(i, n)| (label(&chan_list, i), n))
                .collect(),
            ChartType::Column,
        ),
    ];
    for (title, data, kind) in tables {
        ws.write_string_with_format(row, 0, &title, &f.label)?;
        ws.write_string_with_format(row, 1, "Incidents", &f.label)?;
        let first = row + 1;
        for (i, (k, n)) in data.iter().enumerate() {
            ws.write_string(first + i as u32, 0, k)?;
            ws.write_number(first + i as u32, 1, *n as f64)?;
        }
        if !data.is_empty() {
            let last = first + data.len() as u32 - 1;
            let mut chart = Chart::new(kind);
            chart
                .add_series()
                .set_categories(("Summary", first, 0, last, 0))
                .set_values(("Summary", first, 1, last, 1))
                .set_name(title.as_str());
            chart.title().set_name(&title);
            chart.legend().set_hidden();
            if kind == ChartType::Bar {
                // Bar charts draw the first category at the bottom; read top-down instead.
                chart.y_axis().set_reverse();
                chart.x_axis().set_min(0);
            } else {
                chart.y_axis().set_min(0);
            }
            let height = if kind == ChartType::Bar {
                (data.len() as u32 * 18 + 80).clamp(240, 1000)
            } else {
                300
            };
            chart.set_width(620).set_height(height);
            ws.insert_chart(row, 3, &chart)?;
            let chart_rows = height / 20 + 1;
            row = last.max(row + chart_rows) + 2;
        } else {
            ws.write_string(first, 0, "(no incidents)")?;
            row = first + 2;
        }
    }
    ws.set_active(true);
    Ok(())
}

/// Labels and their counts, for a summary table and its chart.
type Counts = Vec<(String, usize)>;

/// The lists the national letter asks for.
fn national_lists(c: &Collation, def: &Definition) -> Vec<Sheet> {
    let inc = def.incidents();
    let yes = def
        .list("YesNo")
        .and_then(|l| l.values.first().cloned())
        .unwrap_or_default();
    let no = def
        .list("YesNo")
        .and_then(|l| l.values.get(1).cloned())
        .unwrap_or_default();
    let col = |k: &str| inc.index(k);
    let header = |k: &str| inc.columns[col(k)].header.clone();
    let width = |k: &str| inc.columns[col(k)].width;

    let pick = |keys: &[&str], filter: &dyn Fn(&Row) -> bool, name: &str, note: &str| -> Sheet {
        let mut headers = vec!["Force".to_string(), "Quarter".to_string()];
        let mut widths = vec![24.0, 11.0];
        headers.extend(keys.iter().map(|k| header(k)));
        widths.extend(keys.iter().map(|k| width(k)));
        headers.extend(["Source file".to_string(), "Source row".to_string()]);
        widths.extend([28.0, 8.0]);
        let mut rows = Vec::new();
        for (fr, e) in c.collated() {
            let Some(content) = &e.outcome.content else {
                continue;
            };
            for r in content.incidents.iter().filter(|r| filter(r)) {
                let mut cells = vec![
                    Value::Text(fr.force.name.clone()),
                    Value::Text(fr.quarter.to_string()),
                ];
                cells.extend(keys.iter().map(|k| Value::from(r.get(col(k)))));
                cells.push(Value::Text(e.file_name()));
                cells.push(Value::from(r.source_row as usize));
                rows.push(cells);
            }
        }
        Sheet {
            name: name.to_string(),
            note: note.to_string(),
            headers,
            widths,
            rows,
            percent: Vec::new(),
        }
    };
    let sv = col("sexual_violence");
    let mh = col("mental_health");
    let sexual = pick(
        &[
            "reference",
            "date_reported",
            "mp_name",
            "constituency",
            "victim",
            "category",
            "channel",
            "suspect_identified",
            "status",
            "summary",
        ],
        &|r| r.get(sv).is(&yes),
        "Sexual violence review",
        "Every incident with a threat of sexual violence, for review (item 8 of the letter).",
    );
    let ftac = pick(
        &["reference", "date_reported", "mp_name", "suspect_surname", "suspect_forenames", "suspect_dob", "mental_health", "ftac_referred", "status"],
        &|r| r.get(mh).is(&yes),
        "FTAC",
        "Every suspect with mental-health concerns, and whether referred to FTAC (item 9 of the letter).",
    );

    let (rc, bm) = (col("recorded_as_crime"), col("bridger_marker"));
    let mut recording = Sheet {
        name: "Recording".into(),
        note: "Per force: incidents not recorded as a crime (item 9) or without the Operation Bridger marker (item 4).".into(),
        headers: vec![
            "Force".into(),
            "Quarter".into(),
            "Incidents".into(),
            format!("{}: {no}", header("recorded_as_crime")),
            "Share".into(),
            format!("{}: {no}", header("bridger_marker")),
            "Share".into(),
        ],
        widths: vec![30.0, 11.0, 10.0, 22.0, 8.0, 28.0, 8.0],
        rows: Vec::new(),
        percent: vec![4, 6],
    };
    let eng_fields = ("mps_in_area", "mps_contacted");
    let mut engagement = Sheet {
        name: "MP engagement".into(),
        note: "Per force: MPs in the area, those contacted by a senior leader this quarter, and the share (item 1 of the letter).".into(),
        headers: vec![
            "Force".into(),
            "Quarter".into(),
            def.field(eng_fields.0).map_or_else(String::new, |f| f.label.clone()),
            def.field(eng_fields.1).map_or_else(String::new, |f| f.label.clone()),
            "Share contacted".into(),
            "Engagement rows".into(),
        ],
        widths: vec![30.0, 11.0, 22.0, 26.0, 10.0, 12.0],
        rows: Vec::new(),
        percent: vec![4],
    };
    let share = |n: usize, d: usize| {
        if d == 0 {
            Value::Empty
        } else {
            Value::Number(n as f64 / d as f64)
        }
    };
    for (fr, e) in c.collated() {
        let Some(content) = &e.outcome.content else {
            continue;
        };
        let n = content.incidents.len();
        let not_recorded = content
            .incidents
            .iter()
            .filter(|r| r.get(rc).is(&no))
            .count();
        let no_marker = content
            .incidents
            .iter()
            .filter(|r| r.get(bm).is(&no))
            .count();
        recording.rows.push(vec![
            Value::Text(fr.force.name.clone()),
            Value::Text(fr.quarter.to_string()),
            Value::from(n),
            Value::from(not_recorded),
            share(not_recorded, n),
            Value::from(no_marker),
            share(no_marker, n),
        ]);
        let count = |k: &str| match content.field(def, k) {
            Value::Number(x) => Some(*x as usize),
            _ => None,
        };
        let (mps, contacted) = (count(eng_fields.0), count(eng_fields.1));
        engagement.rows.push(vec![
            Value::Text(fr.force.name.clone()),
            Value::Text(fr.quarter.to_string()),
            mps.map_or(Value::Empty, Value::from),
            contacted.map_or(Value::Empty, Value::from),
            match (contacted, mps) {
                (Some(c), Some(m)) => share(c, m),
                _ => Value::Empty,
            },
            Value::from(content.engagement.len()),
        ]);
    }
    vec![sexual, ftac, recording, engagement]
}

/// Writes the national workbook of a collation to `out`, atomically, and returns the
/// repeat suspects and victims it lists. Linking runs on one core while the rows are
/// written on the other.
///
/// Refuses to write a workbook that would lose a row: the rows to be written are counted
/// first (the Summary shows the count), must equal the rows read, and the writer's own
/// count of what it wrote must agree. The accepted rows are freed once written.
pub fn write(
    collation: &mut Collation,
    def: &Definition,
    out: &Path,
    include_invalid: bool,
) -> Result<Links> {
    let plan = planned(collation, def);
    collation
        .reconciliation
        .check_written(plan.incidents, plan.engagement)
        .with_context(|| format!("refusing to write {}", out.display()))?;
    // Linking needs only the suspect records: take them out, and link on one core while
    // the other writes the rows.
    let prepared = suspects::prepare(collation, def);
    let collation_ref: &Collation = collation;
    let (started, found) = std::thread::scope(|scope| {
        let linking =
            scope.spawn(move || suspects::link(prepared, &Settings::default(), &Mask::Clear));
        let started = start(collation_ref, def, include_invalid);
        (
            started,
            linking
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p)),
        )
    });
    let (mut wb, written) = started?;
    if written != plan {
        bail!(
            "refusing to write {}: {} incident rows planned but {} written, {} engagement rows planned but {} written (a bug: please report it)",
            out.display(),
            plan.incidents,
            written.incidents,
            plan.engagement,
            written.engagement
        );
    }
    // The rows are in the workbook now: free them before the workbook is assembled.
    for e in &mut collation.entries {
        e.outcome.content = None;
    }
    let mut found = found;
    add_sheets(&mut wb, &links::sheets(&found, &Mask::Clear))?;
    found.records = Vec::new();
    found.people = Vec::new();
    write_atomic_with(out, |file| {
        wb.save_to_writer(std::io::BufWriter::new(file))
            .context("writing the national workbook")
    })
    .with_context(|| format!("writing {}", out.display()))?;
    Ok(found)
}
