//! The subcommands, one file each: the clap `Args` (whose doc comments are the `--help`
//! text) and a `run` that calls the library and renders the result.

use clap::{Parser, Subcommand, ValueEnum};

pub mod collate;
pub mod demo;
pub mod links;
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
    }
}

/// A progress bar on stderr, only when stderr is a terminal and there is more than one
/// thing to do.
pub fn progress_bar(len: u64, what: &str) -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    if len < 2 || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(len);
    let style = indicatif::ProgressStyle::with_template(&format!(
        "{what} {{bar:30}} {{pos}}/{{len}} {{wide_msg}}"
    ))
    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
    bar.set_style(style);
    Some(bar)
}
