//! Printing to standard output as something that can fail, never a panic: `print!` panics
//! when the output cannot be written (a full disk, `> /dev/full`; a pipe whose reader has
//! stopped, `| head -c 10`), and the default SIGPIPE action would end the run silently with
//! 141. Every command prints through [`out!`] and [`outln!`], which return an
//! [`Unwritable`] error instead; `main` says so in one line and exits 2.

use std::io::Write;

/// Standard output could not be written.
#[derive(Debug)]
pub struct Unwritable(std::io::Error);

impl std::fmt::Display for Unwritable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let why = match self.0.kind() {
            std::io::ErrorKind::BrokenPipe => {
                "the pipe was closed (the program reading it stopped before the end)".to_string()
            }
            std::io::ErrorKind::StorageFull => "the disk is full".to_string(),
            _ => self.0.to_string(),
        };
        write!(f, "could not write the output: {why}")
    }
}

impl std::error::Error for Unwritable {}

/// Writes `args` to standard output and flushes it, so that a failure is seen here.
pub fn write(args: std::fmt::Arguments) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_fmt(args)
        .and_then(|()| out.flush())
        .map_err(|e| Unwritable(e).into())
}

/// Writes `bytes` to standard output and flushes it.
pub fn write_bytes(bytes: &[u8]) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .map_err(|e| Unwritable(e).into())
}

/// Runs `write` on standard output (buffered) and flushes it: for output written piece by
/// piece, which is never held whole.
pub fn write_stdout(
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> anyhow::Result<()> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    write(&mut out)
        .and_then(|()| out.flush())
        .map_err(|e| Unwritable(e).into())
}

/// `print!` that returns an error, rather than panicking, when standard output cannot be
/// written.
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::cli::stdout::write(format_args!($($arg)*))
    };
}

/// `println!` that returns an error, rather than panicking, when standard output cannot be
/// written.
macro_rules! outln {
    ($($arg:tt)*) => {
        $crate::cli::stdout::write(format_args!("{}\n", format_args!($($arg)*)))
    };
}

pub(crate) use {out, outln};

/// A line to standard error. A failure to write it is ignored: there is nowhere left to
/// say so, and a panic would only add a second failure.
pub fn warn(args: std::fmt::Arguments) {
    let _ = writeln!(std::io::stderr().lock(), "{args}");
}
