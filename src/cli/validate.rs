//! `bridger validate`: check returns before sending them. Reads the arguments, validates
//! through the library, prints through `render`, and turns the statuses into the exit
//! code; it never judges a cell itself.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use clap::Args as ClapArgs;

use bridger_core::report;
use bridger_core::set_aside_findings_sheet;
use bridger_core::{annex_c, Definition};
use bridger_core::{Keep, Outcome, Status};

use crate::contain::validate_all;
use crate::files::atomic::{self as output, Format, Output};
use crate::files::discover;
use crate::files::load::read_workbook;

use super::progress::Progress;
use super::render::{escape, json, text};
use super::stdout::{out, outln, warn};
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
    /// with a note, and a sheet named "Bridger findings" listing them, each linked to its
    /// cell. Takes one file.
    #[arg(long, value_name = "OUT.xlsx")]
    report: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t)]
    format: OutputFormat,
}

pub fn run(args: Args) -> Result<u8> {
    let def = annex_c();
    if let Some(out) = &args.report {
        let report = Output {
            option: "--report",
            path: out,
            format: Format::Workbook,
        };
        output::check_outputs(&[report], &args.paths, None)?;
    }
    let found = discover::find(&args.paths)?;
    let files = &found.files;
    if args.report.is_some() && files.len() != 1 {
        bail!(
            "--report takes exactly one file; {} were given",
            files.len()
        );
    }
    if let Some(out) = &args.report {
        output::check_output(out, &args.paths, files)?;
    }
    let bar = Progress::new(files.len(), "validating");
    let outcomes = validate_all(files, def, Keep::Nothing, &|o: &Outcome| {
        bar.step_with(|| escape(&o.file.to_string_lossy()));
    });
    bar.finish();
    match args.format {
        OutputFormat::Json => {
            for s in json::skipped_paths(&found.skipped) {
                outln!("{}", json::line(&s)?)?;
            }
        }
        OutputFormat::Text => out!("{}", text::skipped(&found.skipped))?,
    }
    for o in &outcomes {
        match args.format {
            OutputFormat::Json => outln!("{}", json::line(&json::FileOutcome::new(o))?)?,
            OutputFormat::Text => {
                out!("{}", text::outcome(o, args.all))?;
                out!("{}", ignored_note(o))?;
            }
        }
    }
    if args.format == OutputFormat::Text && outcomes.len() > 1 {
        out!("{}", text::summary(&outcomes))?;
    }
    if let Some(out) = &args.report {
        write_report(out, def, &outcomes[0], args.format)?;
    }
    Ok(exit_code(&outcomes))
}

/// The line saying a sheet was set aside (bridger's own findings sheet of an annotated
/// copy), or nothing.
fn ignored_note(o: &Outcome) -> String {
    o.ignored_sheets
        .iter()
        .map(|s| {
            format!(
                "note: sheet '{}' is bridger's list of findings from an annotated copy; it was not checked and does not count as an added sheet\n",
                escape(s)
            )
        })
        .collect()
}

/// The annotated copy of the one file validated: the template re-filled when the return is
/// on it, else a copy of what the file holds. A file that cannot be read gets no copy.
fn write_report(out: &Path, def: &Definition, o: &Outcome, format: OutputFormat) -> Result<()> {
    let book = match read_workbook(&o.file) {
        Ok(b) => b,
        Err(e) => {
            warn(format_args!(
                "bridger: no report: {} cannot be read ({e})",
                o.file.display()
            ));
            return Ok(());
        }
    };
    match book {
        Ok(mut book) => {
            set_aside_findings_sheet(&mut book);
            book.has_macros |= o
                .file
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("xlsm"));
            let (bytes, kind) = report::build(def, &book, o)
                .with_context(|| format!("writing the annotated copy {}", out.display()))?;
            output::write_atomic(out, &bytes)?;
            if format == OutputFormat::Text {
                let what = match kind {
                    report::CopyKind::Refilled => "the template re-filled with this return's values: fix the red and amber cells, validate again and send it",
                    report::CopyKind::AsFound => "a copy of what the file holds, as it is not the template as issued: start again from a fresh template",
                };
                outln!(
                    "annotated copy written to {} ({what})",
                    escape(&out.to_string_lossy())
                )?;
            }
        }
        Err(e) => warn(format_args!(
            "bridger: no report: {} cannot be read ({e})",
            o.file.display()
        )),
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
