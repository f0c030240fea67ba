//! `bridger validate`: check returns before sending them.

use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use clap::Args as ClapArgs;
use comfy_table::{presets::UTF8_FULL_CONDENSED, ContentArrangement, Table};

use bridger::check::outcome::{self as validate, Outcome, Status};
use bridger::definition::annex_c;
use bridger::output::report;
use bridger::read as workbook;

use super::progress::Progress;
use super::render::json;
use super::{join, OutputFormat};

/// Check Annex C returns: structure first (any alteration of the template is rejected with
/// an exact account of what changed), then every cell against the rules.
///
/// Each file gets one status: valid, modified-template, invalid or unreadable.
/// Exit 0 when every file is valid (warnings allowed); 1 when any is modified or invalid;
/// 2 when any could not be read, or on a usage error.
#[derive(ClapArgs)]
#[command(after_long_help = "Examples:
  bridger validate our-return.xlsx
  bridger validate returns/ --format json > findings.jsonl
  bridger validate our-return.xlsx --report our-return-checked.xlsx")]
pub struct Args {
    /// Files and folders (folders are searched for .xlsx, .xlsm, .xls and .ods,
    /// skipping Office lock files).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Show every finding, not just the first 50 of each file.
    #[arg(long)]
    all: bool,
    /// Write an annotated copy of the return: cells with findings filled red or amber,
    /// with a note, and a Findings sheet linking to them. Takes one file.
    #[arg(long, value_name = "OUT.xlsx")]
    report: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t)]
    format: OutputFormat,
}

/// Findings shown per file without --all.
const SHOWN: usize = 50;

pub fn run(args: Args) -> Result<u8> {
    let def = annex_c();
    let files = bridger::read::discover::discover(&args.paths);
    if files.is_empty() {
        bail!(
            "no workbooks (.xlsx, .xlsm, .xls, .ods) found in {}",
            join(&args.paths)
        );
    }
    if args.report.is_some() && files.len() != 1 {
        bail!(
            "--report takes exactly one file; {} were given",
            files.len()
        );
    }
    if let Some(out) = &args.report {
        bridger::output::atomic::ensure_not_input(out, &files)?;
    }
    let bar = Progress::new(files.len(), "validating");
    let outcomes = validate::validate_all(&files, def, false, &|o: &Outcome| {
        bar.step_with(|| o.file.display().to_string());
    });
    bar.finish();
    for o in &outcomes {
        match args.format {
            OutputFormat::Json => println!("{}", json::line(&json::FileOutcome::new(o))?),
            OutputFormat::Text => print_text(o, args.all),
        }
    }
    if args.format == OutputFormat::Text && outcomes.len() > 1 {
        println!("{}", summary(&outcomes));
    }
    if let Some(out) = &args.report {
        let o = &outcomes[0];
        let loaded =
            workbook::load(&o.file).with_context(|| format!("reading {}", o.file.display()))?;
        match loaded.book {
            Ok(book) => {
                report::write(out, &book, o)?;
                if args.format == OutputFormat::Text {
                    println!("annotated copy written to {}", out.display());
                }
            }
            Err(e) => eprintln!(
                "bridger: no report: {} cannot be read ({e})",
                o.file.display()
            ),
        }
    }
    Ok(exit_code(&outcomes))
}

/// 2 when anything was unreadable, 1 when anything was modified or invalid, else 0.
pub fn exit_code(outcomes: &[Outcome]) -> u8 {
    if outcomes.iter().any(|o| o.status == Status::Unreadable) {
        2
    } else if outcomes.iter().any(|o| o.status != Status::Valid) {
        1
    } else {
        0
    }
}

fn summary(outcomes: &[Outcome]) -> String {
    let count = |s: Status| outcomes.iter().filter(|o| o.status == s).count();
    let mut parts = vec![format!("{} valid", count(Status::Valid))];
    for s in [
        Status::Invalid,
        Status::ModifiedTemplate,
        Status::Unreadable,
    ] {
        if count(s) > 0 {
            parts.push(format!("{} {}", count(s), s));
        }
    }
    format!("{} files: {}", outcomes.len(), parts.join(", "))
}

/// The one-line verdict for a file.
pub fn verdict(o: &Outcome) -> String {
    let mut about = Vec::new();
    if let Some(force) = &o.force {
        about.push(force.name.clone());
    }
    if let Some(q) = &o.quarter {
        about.push(q.to_string());
    }
    let mut line = format!("{}: {}", o.file.display(), o.status);
    if !about.is_empty() {
        line.push_str(&format!(" ({})", about.join(", ")));
    }
    match o.status {
        Status::Valid | Status::Invalid => line.push_str(&format!(
            "; {} engagement rows, {} incident rows; {} errors, {} warnings",
            o.rows.engagement, o.rows.incidents, o.findings.errors, o.findings.warnings
        )),
        Status::ModifiedTemplate => line.push_str(&format!(
            "; the template was altered ({} changes): it cannot be merged with other forces' returns",
            o.findings.total()
        )),
        Status::Unreadable => {
            if let Some(f) = o.findings.list.first() {
                line.push_str(&format!(": {}", f.message));
            }
        }
    }
    line
}

fn print_text(o: &Outcome, all: bool) {
    println!("{}", verdict(o));
    if o.status == Status::Unreadable || o.findings.list.is_empty() {
        return;
    }
    let limit = if all { usize::MAX } else { SHOWN };
    let mut table = Table::new();
    table
        .load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(["", "code", "cell", "column", "value", "what to do"]);
    for f in o.findings.list.iter().take(limit) {
        table.add_row([
            f.severity.to_string(),
            f.code.to_string(),
            f.location(),
            f.column.clone().unwrap_or_default(),
            short(f.value.as_deref().unwrap_or("")),
            f.message.clone(),
        ]);
    }
    println!("{table}");
    let shown = o.findings.list.len().min(limit);
    if o.findings.total() > shown {
        let hint = if all || o.findings.list.len() < o.findings.total() {
            format!(
                " (only the first {} are kept; the counts cover all)",
                o.findings.list.len()
            )
        } else {
            " (--all shows every one)".to_string()
        };
        println!("… and {} more findings{hint}", o.findings.total() - shown);
    }
}

fn short(text: &str) -> String {
    let mut s: String = text.chars().take(40).collect();
    if text.chars().count() > 40 {
        s.push('…');
    }
    s
}
