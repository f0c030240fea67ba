//! The progress bar on stderr while files are validated: shown only when stderr is a
//! terminal and there is more than one file, so it never reaches a pipe, a log or a
//! snapshot. It must never write to stdout.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};

/// A bar that may not be there: every method does nothing when it is not.
pub struct Progress(Option<ProgressBar>);

impl Progress {
    /// A bar of `len` steps labelled `what`, or none (see the module header).
    pub fn new(len: usize, what: &str) -> Self {
        if len < 2 || !std::io::stderr().is_terminal() {
            return Progress(None);
        }
        let bar = ProgressBar::new(len as u64);
        let style = ProgressStyle::with_template(&format!(
            "{what} {{bar:30}} {{pos}}/{{len}} {{wide_msg}}"
        ))
        .unwrap_or_else(|_| ProgressStyle::default_bar());
        bar.set_style(style);
        Progress(Some(bar))
    }

    /// One step done.
    pub fn step(&self) {
        if let Some(bar) = &self.0 {
            bar.inc(1);
        }
    }

    /// One step done, and `message()` (called only when there is a bar) shown beside it.
    pub fn step_with(&self, message: impl FnOnce() -> String) {
        if let Some(bar) = &self.0 {
            bar.set_message(message());
            bar.inc(1);
        }
    }

    /// Removes the bar from the terminal.
    pub fn finish(self) {
        if let Some(bar) = self.0 {
            bar.finish_and_clear();
        }
    }
}
