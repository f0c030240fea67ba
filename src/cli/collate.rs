//! `bridger collate`: the national workbook, and the table of which forces have responded.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use clap::Args as ClapArgs;
use comfy_table::{presets::UTF8_FULL_CONDENSED, ContentArrangement, Table};
use serde_json::json;

use bridger::base::dates::Quarter;
use bridger::check::outcome::{self as validate, Outcome};
use bridger::collate::{self, Collation, Options};
use bridger::definition::{annex_c, read_expected};
use bridger::output::{atomic as output, national};

use bridger::base::text::thousands;

use super::{progress_bar, OutputFormat};

/// Merge every valid return into one national workbook, and show which forces have
/// responded, which were rejected and why, and which are missing.
///
/// Every input is validated exactly as `bridger validate` does; modified, invalid and
/// unreadable returns are left out. Identical files count once; of several files for one
/// force and quarter the later Date submitted wins (then the later modification time).
/// Exit 0 when every expected force has a valid return; 1 otherwise; 2 when nothing could
/// be written.
#[derive(ClapArgs)]
#[command(after_long_help = "Examples:
  bridger collate returns/ --out national.xlsx
  bridger collate returns/ --out national.xlsx --quarter \"2016-17 Q1\"
  bridger collate returns/ --out national.xlsx --expected english-forces.csv --format json")]
pub struct Args {
    /// Files and folders of returns (folders are searched for .xlsx, .xlsm, .xls, .ods).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// The national workbook to write (.xlsx). It is written whole or not at all, and
    /// never over an input.
    #[arg(long)]
    pub out: PathBuf,
    /// Only this quarter ("2016-17 Q1"); returns for other quarters are listed and left
    /// out. Without it every quarter found is collated.
    #[arg(long)]
    pub quarter: Option<String>,
    /// The forces expected to respond: a CSV like forces.csv, or one force name or code per
    /// line. Default: all 46 forces of forces.csv.
    #[arg(long, value_name = "FORCES.csv")]
    pub expected: Option<PathBuf>,
    /// Put invalid (but unmodified) returns in too, their rows marked with their error count.
    #[arg(long)]
    pub include_invalid: bool,
    #[arg(long, value_enum, default_value_t)]
    pub format: OutputFormat,
}

pub fn run(args: Args) -> Result<u8> {
    let def = annex_c();
    let quarter = match &args.quarter {
        Some(q) => Some(
            Quarter::parse(q)
                .with_context(|| format!("--quarter '{q}' is not a quarter like 2016-17 Q1"))?,
        ),
        None => None,
    };
    let expected = match &args.expected {
        Some(path) => read_expected(path, def)?,
        None => def.forces.clone(),
    };
    // The output may be named as an input only by mistake; found in a folder, it is last
    // run's output and not a return.
    let named: Vec<PathBuf> = args.paths.iter().filter(|p| !p.is_dir()).cloned().collect();
    output::ensure_not_input(&args.out, &named)?;
    let out_canon = std::fs::canonicalize(&args.out).ok();
    let files: Vec<PathBuf> = bridger::read::discover::discover(&args.paths)
        .into_iter()
        .filter(|f| {
            out_canon.is_none() || named.contains(f) || std::fs::canonicalize(f).ok() != out_canon
        })
        .collect();
    if files.is_empty() {
        bail!(
            "no workbooks (.xlsx, .xlsm, .xls, .ods) found in {}",
            args.paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    output::ensure_not_input(&args.out, &files)?;
    let opts = Options {
        quarter,
        expected,
        include_invalid: args.include_invalid,
    };
    let bar = progress_bar(files.len() as u64, "validating");
    let mut collation = collate::collate(&files, def, &opts, &|o: &Outcome| {
        if let Some(b) = &bar {
            b.set_message(collate::file_name(&o.file));
            b.inc(1);
        }
    });
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    let found = national::write(&mut collation, def, &args.out, args.include_invalid)?;
    let across = found.suspects.iter().filter(|s| s.forces.len() > 1).count();
    match args.format {
        OutputFormat::Text => {
            print_text(&collation, &args.out);
            println!(
                "{} repeat suspects ({across} across forces) and {} repeat victims: see the Repeat suspects and Repeat victims sheets, or bridger links",
                found.suspects.len(),
                found.victims.len()
            );
        }
        OutputFormat::Json => {
            let mut v = to_json(&collation, &args.out);
            v["repeat_suspects"] = json!(found.suspects.len());
            v["repeat_suspects_across_forces"] = json!(across);
            v["repeat_victims"] = json!(found.victims.len());
            println!("{}", serde_json::to_string_pretty(&v)?);
        }
    }
    Ok(if collation.complete() { 0 } else { 1 })
}

fn print_text(c: &Collation, out: &Path) {
    let several = c.quarters.len() > 1;
    let mut table = Table::new();
    table
        .load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    let mut header = vec!["force"];
    if several {
        header.push("quarter");
    }
    header.extend(["status", "incidents", "engagement", "file", "first reason"]);
    table.set_header(header);
    for r in &c.forces {
        let entry = r.entry.map(|e| &c.entries[e]);
        let mut row = vec![if r.expected {
            r.force.name.clone()
        } else {
            format!("{} (not expected)", r.force.name)
        }];
        if several {
            row.push(r.quarter.to_string());
        }
        let counts = |n: usize| {
            if entry.is_some_and(|e| {
                matches!(
                    e.outcome.status,
                    validate::Status::Valid | validate::Status::Invalid
                )
            }) {
                n.to_string()
            } else {
                String::new()
            }
        };
        row.push(r.status.label().to_string());
        row.push(counts(entry.map_or(0, |e| e.outcome.rows.incidents)));
        row.push(counts(entry.map_or(0, |e| e.outcome.rows.engagement)));
        row.push(entry.map(|e| e.file_name()).unwrap_or_default());
        let reason = match (r.status, entry) {
            (bridger::collate::ForceStatus::Valid, _) | (_, None) => String::new(),
            (_, Some(e)) => e
                .outcome
                .first_reason()
                .map(|f| f.reason())
                .unwrap_or_default(),
        };
        row.push(reason);
        table.add_row(row);
    }
    println!("{table}");
    let others: Vec<&collate::Entry> = c
        .entries
        .iter()
        .filter(|e| {
            !matches!(
                e.disposition,
                collate::Disposition::Collated | collate::Disposition::Rejected
            )
        })
        .collect();
    if !others.is_empty() {
        let mut t = Table::new();
        t.load_preset(UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic);
        t.set_header(["other file", "status", "what happened"]);
        for e in others {
            t.add_row([
                e.file_name(),
                e.outcome.status.to_string(),
                e.disposition.describe(),
            ]);
        }
        println!("{t}");
    }
    let rec = &c.reconciliation;
    println!("{}", c.headline());
    println!(
        "{} incident rows read, {} written; {} engagement rows read, {} written ({} incident and {} engagement rows in files left out)",
        thousands(rec.incident_rows_read),
        thousands(rec.incident_rows_written),
        thousands(rec.engagement_rows_read),
        thousands(rec.engagement_rows_written),
        thousands(rec.incident_rows_left_out),
        thousands(rec.engagement_rows_left_out)
    );
    println!("wrote {}", out.display());
}

fn to_json(c: &Collation, out: &Path) -> serde_json::Value {
    let forces: Vec<serde_json::Value> = c
        .forces
        .iter()
        .map(|r| {
            let e = r.entry.map(|i| &c.entries[i]);
            json!({
                "code": r.force.code,
                "name": r.force.name,
                "quarter": r.quarter.to_string(),
                "status": r.status,
                "expected": r.expected,
                "collated": r.collated,
                "file": e.map(|e| e.outcome.file.display().to_string()),
                "incident_rows": e.map(|e| e.outcome.rows.incidents),
                "engagement_rows": e.map(|e| e.outcome.rows.engagement),
                "reason": e.filter(|_| r.status != bridger::collate::ForceStatus::Valid).and_then(|e| e.outcome.first_reason()).map(|f| f.reason()),
            })
        })
        .collect();
    let files: Vec<serde_json::Value> = c
        .entries
        .iter()
        .map(|e| {
            let mut v = super::validate::outcome_json(&e.outcome);
            v["disposition"] = serde_json::to_value(&e.disposition).unwrap_or_default();
            v["attributed_force"] = json!(e.force.as_ref().map(|f| &f.code));
            v["attributed_quarter"] = json!(e.quarter.map(|q| q.to_string()));
            v
        })
        .collect();
    let counts: serde_json::Map<String, serde_json::Value> = c
        .counts()
        .into_iter()
        .map(|(k, v)| (k.label().replace(' ', "-"), json!(v)))
        .collect();
    json!({
        "output": out.display().to_string(),
        "quarters": c.quarters.iter().map(|q| q.to_string()).collect::<Vec<_>>(),
        "summary": c.headline(),
        "complete": c.complete(),
        "counts": counts,
        "reconciliation": c.reconciliation,
        "forces": forces,
        "files": files,
    })
}
