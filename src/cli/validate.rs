//! `bridger validate`: check returns before sending them. Reads the arguments, validates
//! through the library, prints through `render`, and turns the statuses into the exit
//! code; it never judges a cell itself.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use clap::Args as ClapArgs;

use bridger::check::outcome::{self as validate, Outcome, Status};
use bridger::definition::annex_c;
use bridger::output::report;
use bridger::read as workbook;

use super::progress::Progress;
use super::render::{escape, json, text};
use super::OutputFormat;

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
    // 50 is render::text::SHOWN.
    #[arg(long)]
    all: bool,
    /// Write an annotated copy of the return: cells with findings filled red or amber,
    /// with a note, and a Findings sheet linking to them. Takes one file.
    #[arg(long, value_name = "OUT.xlsx")]
    report: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t)]
    format: OutputFormat,
}

pub fn run(args: Args) -> Result<u8> {
    let def = annex_c();
    let found = bridger::read::discover::find(&args.paths)?;
    let files = &found.files;
    if args.report.is_some() && files.len() != 1 {
        bail!(
            "--report takes exactly one file; {} were given",
            files.len()
        );
    }
    if let Some(out) = &args.report {
        bridger::output::atomic::check_output(out, &args.paths, files)?;
    }
    let bar = Progress::new(files.len(), "validating");
    let outcomes = validate::validate_all(files, def, false, &|o: &Outcome| {
        bar.step_with(|| escape(&o.file.to_string_lossy()));
    });
    bar.finish();
    match args.format {
        OutputFormat::Json => {
            for s in json::SkippedPath::list(&found.skipped) {
                println!("{}", json::line(&s)?);
            }
        }
        OutputFormat::Text => print!("{}", text::skipped(&found.skipped)),
    }
    for o in &outcomes {
        match args.format {
            OutputFormat::Json => println!("{}", json::line(&json::FileOutcome::new(o))?),
            OutputFormat::Text => print!("{}", text::outcome(o, args.all)),
        }
    }
    if args.format == OutputFormat::Text && outcomes.len() > 1 {
        print!("{}", text::summary(&outcomes));
    }
    if let Some(out) = &args.report {
        write_report(out, &outcomes[0], args.format)?;
    }
    Ok(exit_code(&outcomes))
}

/// The annotated copy of the one file validated.
fn write_report(out: &Path, o: &Outcome, format: OutputFormat) -> Result<()> {
    let loaded =
        workbook::load(&o.file).with_context(|| format!("reading {}", o.file.display()))?;
    match loaded.book {
        Ok(book) => {
            report::write(out, &book, o)?;
            if format == OutputFormat::Text {
                println!(
                    "annotated copy written to {}",
                    escape(&out.to_string_lossy())
                );
            }
        }
        Err(e) => eprintln!(
            "bridger: no report: {} cannot be read ({e})",
            o.file.display()
        ),
    }
    Ok(())
}

/// 2 when anything was unreadable, 1 when anything was modified or invalid, else 0.
fn exit_code(outcomes: &[Outcome]) -> u8 {
    if outcomes.iter().any(|o| o.status == Status::Unreadable) {
        2
    } else if outcomes.iter().any(|o| o.status != Status::Valid) {
        1
    } else {
        0
    }
}
