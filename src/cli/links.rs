//! `bridger links`: repeat suspects and repeat victims across forces, with the reasons.
//! Reads the arguments, collates and links through the library, prints through `render`;
//! it never compares two records itself.

use std::path::PathBuf;

use anyhow::{bail, Result};
use clap::Args as ClapArgs;

use bridger_core::annex_c;
use bridger_core::Mask;
use bridger_core::Outcome;
use bridger_core::Settings;
use bridger_core::{collate, Options};
use bridger_core::{suspects as links, Links};

use crate::clock::uk_today;
use crate::contain::validate_all;
use crate::files::discover;
use crate::files::operator::mask_from_key_file;

use super::progress::Progress;
use super::render::{json, text, Only};
use super::stdout::{out, write_stdout};
use super::{check_quarter_held, parse_quarter, OutputFormat};

/// Find repeat suspects and repeat victims across force boundaries in the accepted returns
/// (the same inputs as collate; only valid returns are used).
///
/// Suspects are linked despite typos, swapped forename and surname, nicknames, a missing
/// date of birth or a new postcode, and each link says why. MPs who are victims in two or
/// more forces' returns, or in three or more incidents, are listed.
#[derive(ClapArgs)]
#[command(after_long_help = "Examples:
  bridger links returns/
  bridger links returns/ --new --cross-force      # what is new this quarter, across forces
  bridger links returns/ --format json > links.json
  bridger links returns/ --pseudonymise nctpoc.key --format json   # shareable without identities")]
pub struct Args {
    /// Files and folders of returns.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Only this quarter ("2016-17 Q1"). Default: every quarter found.
    #[arg(long)]
    quarter: Option<String>,
    /// Only the repeat suspects and victims with something new in the latest quarter of
    /// the inputs.
    #[arg(long)]
    new: bool,
    /// Only the repeat suspects and victims seen in more than one force.
    #[arg(long)]
    cross_force: bool,
    /// The match probability at or above which two records are linked.
    #[arg(long, default_value_t = 0.95, value_name = "P")]
    threshold: f64,
    /// Replace suspects' names, dates of birth, postcodes and identifiers with keyed
    /// HMAC-SHA256 tokens, using the key in this file (at least 16 bytes).
    #[arg(long, value_name = "KEYFILE")]
    pseudonymise: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t)]
    format: OutputFormat,
}

pub fn run(args: Args) -> Result<u8> {
    let def = annex_c();
    if !(0.0..=1.0).contains(&args.threshold) {
        bail!("--threshold must be a probability between 0 and 1");
    }
    let mask = match &args.pseudonymise {
        Some(path) => mask_from_key_file(path)?,
        None => Mask::Clear,
    };
    let quarter = parse_quarter(args.quarter.as_deref())?;
    let discovered = discover::find(&args.paths)?;
    let files = &discovered.files;
    let bar = Progress::new(files.len(), "validating");
    let opts = Options {
        quarter,
        expected: def.forces.clone(),
        include_invalid: false,
        deadline: None,
        today: uk_today(),
    };
    let outcomes = validate_all(files, def, opts.keep(), &|_: &Outcome| bar.step());
    bar.finish();
    let collation = collate(outcomes, def, &opts);
    check_quarter_held(&collation, quarter)?;
    let settings = Settings {
        threshold: args.threshold,
        ..Settings::default()
    };
    let found: Links = links::find(&collation, def, &settings, &mask);
    let used = collation.forces.iter().filter(|r| r.collated).count();
    let only = Only {
        new: args.new,
        cross_force: args.cross_force,
    };
    match args.format {
        OutputFormat::Json => {
            let report = json::LinksReport::new(&found, only.apply(&found), &discovered.skipped);
            write_stdout(|out| report.write(out))?;
        }
        OutputFormat::Text => {
            out!("{}", text::skipped(&discovered.skipped))?;
            out!(
                "{}",
                text::links(&found, only, used, collation.entries.len())
            )?;
        }
    }
    Ok(0)
}
