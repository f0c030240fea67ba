//! The subcommands, one file each: the clap `Args` (whose doc comments are the `--help`
//! text) and a `run` that parses, calls the library and hands the result to `render`.
//!
//! Nothing here or below works anything out about a return: deciding and computing are
//! the library's; the cli only reads arguments, prints and chooses the exit code.

use std::path::PathBuf;

use anyhow::{bail, Result};
use clap::{Parser, Subcommand, ValueEnum};

use bridger_core::Quarter;

pub mod collate;
pub mod completions;
pub mod demo;
pub mod links;
mod progress;
pub(crate) mod render;
pub(crate) mod stdout;
pub mod template;
pub mod validate;

/// Annex C quarterly returns (Operation Bridger): the template, validation of returns,
/// national collation and cross-force linkage.
///
/// Exit codes: 0 clean; 1 problems found in the input; 2 could not run.
#[derive(Parser)]
#[command(name = "bridger", version, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the canonical Annex C template, fingerprint a workbook, or verify the
    /// committed template (the CI check).
    Template(template::Args),
    /// Check returns before sending: structure first, then every cell.
    Validate(validate::Args),
    /// Merge every valid return into one national workbook, with the table of which
    /// forces responded.
    Collate(collate::Args),
    /// Repeat suspects and repeat victims across force boundaries, with the reasons.
    Links(links::Args),
    /// Generate realistic returns with invented people (samples, benchmarks, scoring).
    Demo(demo::Args),
    /// Print a tab-completion script for bash, zsh, fish or PowerShell.
    Completions(completions::Args),
    /// Print the man page (roff, for `man`), or write a page per subcommand with --dir.
    Manpage(completions::ManArgs),
    /// Internal: read the files in this process and send each outcome to the bridger
    /// that started it (worker processes, see `check::outcome::serve`).
    #[command(name = "__read-worker", hide = true)]
    ReadWorker(ReadWorkerArgs),
}

/// The hidden worker subcommand's arguments, as `check::outcome::pool` passes them.
#[derive(clap::Args)]
struct ReadWorkerArgs {
    /// Send each return's Return fields, and the rows of valid returns (for collation).
    #[arg(long)]
    content: bool,
    /// With --content, send the rows of invalid returns too (collate --include-invalid).
    #[arg(long)]
    invalid_rows: bool,
    /// The files to read, in order.
    #[arg(last = true)]
    files: Vec<PathBuf>,
}

/// How results are printed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Tables and sentences for a person.
    #[default]
    Text,
    /// JSON for machines.
    Json,
}

pub fn run(cli: Cli) -> anyhow::Result<u8> {
    match cli.command {
        Command::Template(args) => template::run(args),
        Command::Validate(args) => validate::run(args),
        Command::Collate(args) => collate::run(args),
        Command::Demo(args) => demo::run(args),
        Command::Links(args) => links::run(args),
        Command::Completions(args) => completions::run(args),
        Command::Manpage(args) => completions::manpage(args),
        Command::ReadWorker(args) => {
            use bridger_core::Keep;
            let keep = match (args.content, args.invalid_rows) {
                (false, _) => Keep::Nothing,
                (true, false) => Keep::ValidRows,
                (true, true) => Keep::AllRows,
            };
            Ok(crate::contain::serve::serve(
                &args.files,
                keep,
                bridger_core::annex_c(),
            ))
        }
    }
}

/// `--quarter`, when given, as a quarter; a quarter written another way ("2016/17 Q4") is
/// refused with the spelling to write, as validate answers it in Return!B6.
fn parse_quarter(arg: Option<&str>) -> Result<Option<Quarter>> {
    let Some(text) = arg else { return Ok(None) };
    if let Some(q) = Quarter::parse(text) {
        return Ok(Some(q));
    }
    match bridger_core::loose_quarter(text) {
        Some(q) => bail!(
            "--quarter '{text}' reads as {q} ({} to {}): write --quarter \"{q}\"",
            q.start().uk(),
            q.end().uk()
        ),
        None => bail!(
            "--quarter '{text}' is not a quarter like 2016-17 Q1 (the financial year, then the quarter: Q1 is April to June, Q4 January to March)"
        ),
    }
}

/// Refuses a `--quarter` that no return in the inputs is for (a typo would collate an
/// empty quarter and chase every force), naming the quarters the inputs hold.
fn check_quarter_held(c: &bridger_core::Collation, quarter: Option<Quarter>) -> Result<()> {
    match quarter.and_then(|q| c.quarter_not_held(q)) {
        Some(why) => bail!(why),
        None => Ok(()),
    }
}
