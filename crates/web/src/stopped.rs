//! The outcome of a file whose worker the page stopped: it ran past its time, or its
//! memory, or the reader failed in a way nobody foresaw. The page goes on with the next
//! file in a fresh worker; this file gets the same code and the same advice as when the
//! command line's worker process is stopped (`src/contain/pool.rs`).

use std::path::Path;

use bridger_core::{Code, Finding, Outcome};

/// An `unreadable` outcome for `file`, stopped as `how` says (`timed-out` after `limit`
/// seconds, `too-large` past `limit` MB, else an internal error described by `how`).
pub(crate) fn outcome(file: &Path, how: &str, limit: u64) -> Outcome {
    let mut out = Outcome::new(file);
    out.findings.push(match how {
        "timed-out" => Finding::error(
            Code::TimedOut,
            format!("reading the file took more than {limit} seconds, far longer than any return takes, and was stopped: open it in Excel, save it again as .xlsx and resend"),
        ),
        "too-large" => Finding::error(
            Code::TooLarge,
            format!("reading the file needed more than {limit} MB of memory, far more than any return needs, and was stopped: check that this is the right file, or open it in Excel, save it again as .xlsx and resend"),
        ),
        how => Finding::error(
            Code::InternalError,
            format!("internal error in the spreadsheet reader ({how}), please report it with this file; the other files were still checked"),
        ),
    });
    out
}
