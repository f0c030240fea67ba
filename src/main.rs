//! The `bridger` command: parses arguments, calls the library, prints, and sets the exit
//! code (0 clean, 1 problems in the input, 2 could not run). It does no work of its own.

use std::process::ExitCode;

use clap::Parser;

mod cli;

fn main() -> ExitCode {
    reset_sigpipe();
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
