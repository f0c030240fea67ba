//! The `bridger` command: parses arguments, calls the library, prints, and sets the exit
//! code (0 clean, 1 problems in the input, 2 could not run). It does no work of its own.

use std::process::ExitCode;

use clap::Parser;

mod cli;

fn main() -> ExitCode {
    reset_sigpipe();
    set_panic_hook();
    bridger::check::outcome::use_worker_processes();
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            eprintln!(
                "bridger: error: {}",
                cli::render::escape(&format!("{err:#}"))
            );
            ExitCode::from(2)
        }
    }
}

/// `bridger … | head` must end quietly when `head` stops reading, as other Unix tools do,
/// not panic on a broken pipe: restore the default SIGPIPE action that Rust turns off.
#[cfg(unix)]
#[allow(unsafe_code)]
fn reset_sigpipe() {
    // SAFETY: setting a signal's disposition to its default before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

#[cfg(not(unix))]
fn reset_sigpipe() {}

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
        match bridger::check::outcome::current_file() {
            Some(file) => eprintln!(
                "bridger: internal error reading {}, please report it ({})",
                file.display(),
                message.escape_debug()
            ),
            None => eprintln!(
                "bridger: internal error: {}, please report it",
                message.escape_debug()
            ),
        }
    }));
}
