//! `bridger completions SHELL` and `bridger manpage [--dir DIR]`: tab completion for bash,
//! zsh, fish and PowerShell, and roff man pages (bridger(1), and with `--dir` one page per
//! subcommand with every option), all made by clap's own generators (clap_complete,
//! clap_mangen) from the same definition as `--help`, so they cannot fall out of step with
//! the commands. The hidden worker subcommand is left out of all of them.

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Args as ClapArgs, CommandFactory, ValueEnum};
use clap_complete::Shell;

use crate::files::atomic::Batch;

use super::stdout::{outln, write_bytes};
use super::Cli;

/// The shells completions are made for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Target {
    /// bash: source the script, or put it in bash-completion's completions folder.
    Bash,
    /// zsh: put the script, named `_bridger`, in a folder of `$fpath`.
    Zsh,
    /// fish: put the script in ~/.config/fish/completions/bridger.fish.
    Fish,
    /// PowerShell: dot-source the script from your profile.
    Powershell,
}

/// Print a tab-completion script for a shell.
///
/// The script completes the subcommands, their options and the values an option takes.
#[derive(ClapArgs)]
#[command(
    after_long_help = "Install (see README, Shell completions and the man page):
  bridger completions bash > ~/.local/share/bash-completion/completions/bridger
  bridger completions zsh > ~/.zfunc/_bridger      # with fpath+=~/.zfunc in ~/.zshrc
  bridger completions fish > ~/.config/fish/completions/bridger.fish
  bridger completions powershell >> $PROFILE"
)]
pub struct Args {
    /// The shell to complete in.
    #[arg(value_enum)]
    shell: Target,
}

/// Print the man page for bridger (roff, for `man`), or write one page per subcommand.
#[derive(ClapArgs)]
#[command(after_long_help = "Install:
  bridger manpage > ~/.local/share/man/man1/bridger.1   # then: man bridger
  bridger manpage --dir ~/.local/share/man/man1         # every page: man bridger-validate")]
pub struct ManArgs {
    /// Write bridger.1 and a page per subcommand (bridger-validate.1,
    /// bridger-template-build.1, …), each with every option, into this folder, instead of
    /// printing bridger.1.
    #[arg(long, value_name = "DIR")]
    dir: Option<PathBuf>,
}

/// The command line as clap sees it, less the hidden worker subcommand: the same root
/// (name, version, about) with only the visible subcommands.
fn command() -> clap::Command {
    let full = Cli::command();
    let visible: Vec<clap::Command> = full
        .get_subcommands()
        .filter(|s| !s.is_hide_set())
        .cloned()
        .collect();
    let mut root = clap::Command::new("bridger")
        .version(env!("CARGO_PKG_VERSION"))
        .propagate_version(true)
        .subcommands(visible);
    if let Some(about) = full.get_about() {
        root = root.about(about.clone());
    }
    if let Some(about) = full.get_long_about() {
        root = root.long_about(about.clone());
    }
    root
}

/// Prints the completion script for the shell; exit 0.
pub fn run(args: Args) -> Result<u8> {
    let shell = match args.shell {
        Target::Bash => Shell::Bash,
        Target::Zsh => Shell::Zsh,
        Target::Fish => Shell::Fish,
        Target::Powershell => Shell::PowerShell,
    };
    let mut cmd = command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "bridger", &mut out);
    write_bytes(&out)?;
    Ok(0)
}

/// Prints the man page, or writes every page into `--dir`; exit 0.
pub fn manpage(args: ManArgs) -> Result<u8> {
    let Some(dir) = args.dir else {
        let mut out = Vec::new();
        clap_mangen::Man::new(command()).render(&mut out)?;
        write_bytes(&out)?;
        return Ok(0);
    };
    if !dir.is_dir() {
        anyhow::bail!(
            "--dir {}: no such folder: create it first, or name a folder that exists",
            dir.display()
        );
    }
    let mut root = command().disable_help_subcommand(true);
    // Built, each subcommand has its full name ("bridger-template-build") for its page.
    root.build();
    let mut pages = Vec::new();
    collect_pages(&root, &mut pages)?;
    let mut batch = Batch::new();
    for (name, bytes) in &pages {
        batch.add(&dir.join(name), bytes)?;
    }
    batch.commit()?;
    outln!(
        "wrote {} man pages to {}: {}",
        pages.len(),
        super::render::path(&dir),
        pages
            .iter()
            .map(|(n, _)| n.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    )?;
    Ok(0)
}

/// The page of `cmd` and of each of its visible subcommands, as (file name, roff).
fn collect_pages(cmd: &clap::Command, pages: &mut Vec<(String, Vec<u8>)>) -> Result<()> {
    let man = clap_mangen::Man::new(cmd.clone());
    let mut bytes = Vec::new();
    man.render(&mut bytes)
        .with_context(|| format!("making the man page of {}", cmd.get_name()))?;
    pages.push((man.get_filename(), bytes));
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        collect_pages(sub, pages)?;
    }
    Ok(())
}
