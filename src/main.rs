//! The `bridger` command: parses arguments, reads the files, hands their bytes to the core
//! (`bridger_core`), writes what it gives back, prints, and sets the exit code (0 clean, 1
//! problems in the input, 2 could not run). Files, worker processes, signals, the clock
//! and the terminal are this crate's; checking, collating and linking are the core's.

use std::io::Write;
use std::process::ExitCode;

use bridger_core::Listed;
use clap::Parser;

mod cli;
mod clock;
mod contain;
mod files;
#[cfg(windows)]
mod windows;

fn main() -> ExitCode {
    set_panic_hook();
    contain::use_worker_processes();
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            report(&err);
            ExitCode::from(2)
        }
    }
}

/// The error that stopped the run, on standard error: one line, or a line per item of a
/// [`Listed`] error. Rust ignores SIGPIPE, so a closed pipe is an error like a full disk
/// (`cli::stdout`), reported here, never a silent 141; and a failure to write this is
/// ignored, never a panic.
fn report(err: &anyhow::Error) {
    let lines: Vec<String> = match err.downcast_ref::<Listed>() {
        Some(l) if err.chain().count() == 1 => std::iter::once(format!("{}:", l.summary))
            .chain(l.items.iter().map(|i| format!("  {i}")))
            .collect(),
        _ => vec![format!("{err:#}")],
    };
    let mut stderr = std::io::stderr().lock();
    for (i, line) in lines.iter().enumerate() {
        let lead = if i == 0 { "bridger: error: " } else { "" };
        let _ = writeln!(stderr, "{lead}{}", cli::render::escape(line));
    }
}

/// A panic is a bug: say so in one line naming the file being read (a worker's line goes
/// to the parent, which reports it as the file's `internal-error`). The full report, with
/// the backtrace, only when RUST_BACKTRACE asks for it.
fn set_panic_hook() {
    if std::env::var_os("RUST_BACKTRACE").is_some_and(|v| v != "0") {
        return;
    }
    std::panic::set_hook(Box::new(|info| {
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic".to_string());
        match contain::current_file() {
            Some(file) => cli::stdout::warn(format_args!(
                "bridger: internal error reading {}, please report it ({})",
                file.display(),
                message.escape_debug()
            )),
            None => cli::stdout::warn(format_args!(
                "bridger: internal error: {}, please report it",
                message.escape_debug()
            )),
        }
    }));
}
