//! The `bridger` command: parses arguments, calls the library, prints, and sets the exit
//! code (0 clean, 1 problems in the input, 2 could not run). It does no work of its own.

use std::process::ExitCode;

use clap::Parser;

mod cmd;

fn main() -> ExitCode {
    let cli = cmd::Cli::parse();
    match cmd::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            eprintln!("bridger: error: {err:#}");
            ExitCode::from(2)
        }
    }
}
