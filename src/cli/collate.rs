//! `bridger collate`: the national workbook, and the table of which forces have responded.
//! Reads the arguments, collates and writes through the library, prints through `render`;
//! which return wins, and what is written, is decided in the library, never here.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args as ClapArgs;

use bridger::check::outcome::Outcome;
use bridger::collate::{self, Collation, Options};
use bridger::definition::{annex_c, read_expected};
use bridger::output::{atomic as output, national};

use super::progress::Progress;
use super::render::{escape, json, text};
use super::{parse_quarter, OutputFormat};

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
    let quarter = parse_quarter(args.quarter.as_deref())?;
    let expected = match &args.expected {
        Some(path) => read_expected(path, def)?,
        None => def.forces.clone(),
    };
    let found = bridger::read::discover::find(&args.paths)?;
    output::check_output(&args.out, &args.paths, &found.files)?;
    let files = &found.files;
    let opts = Options {
        quarter,
        expected,
        include_invalid: args.include_invalid,
    };
    let bar = Progress::new(files.len(), "validating");
    let mut collation: Collation = collate::collate(files, def, &opts, &|o: &Outcome| {
        bar.step_with(|| escape(&collate::file_name(&o.file)));
    });
    bar.finish();
    let links = national::write(&mut collation, def, &args.out, args.include_invalid)?;
    match args.format {
        OutputFormat::Text => {
            print!("{}", text::skipped(&found.skipped));
            print!("{}", text::collation(&collation, &args.out, &links));
        }
        OutputFormat::Json => {
            let report = json::CollateReport::new(&collation, &args.out, &links, &found.skipped);
            println!("{}", json::pretty(&report)?);
        }
    }
    Ok(if collation.complete() { 0 } else { 1 })
}
