//! Validating returns: one status per file, with every finding.
//!
//! Structure first: a return whose fingerprint is not the template's gets the exact
//! account of what was altered ([`crate::check::structure`]) and the status `modified-template`;
//! its content is not checked, since its columns cannot be trusted. Otherwise every cell
//! is checked ([`crate::check::rules`]): errors make it `invalid`, warnings do not. A file that
//! cannot be read at all is `unreadable`, with the reason.
//!
//! `collate` calls exactly this, so a return is accepted nationally if and only if
//! `bridger validate` says it is valid.
//!
//! Many files ([`validate_all`]) are read in worker processes ([`pool`], [`serve`],
//! [`wire`]) when the binary allows it, so that no file, whatever a spreadsheet library
//! does with it, can end or stall the run.

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;

use serde::Serialize;

use crate::check::content::{self, Content};
use crate::check::finding::Findings;
use crate::check::finding::{Code, Finding};
use crate::check::fingerprint;
use crate::check::rules;
use crate::definition::{Definition, Force};
use crate::read::{self as workbook, Book};

pub mod pool;
pub mod serve;
pub mod wire;

/// A return's verdict.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// The template unaltered and no errors (warnings allowed): accepted nationally.
    Valid,
    /// The template unaltered, but at least one error in the content.
    Invalid,
    /// The template's structure was altered (or macros added); content not checked.
    ModifiedTemplate,
    /// The file could not be read as a spreadsheet at all.
    Unreadable,
}

impl Status {
    /// The status as the report, JSON and README spell it (`modified-template`).
    pub fn label(self) -> &'static str {
        match self {
            Status::Valid => "valid",
            Status::Invalid => "invalid",
            Status::ModifiedTemplate => "modified-template",
            Status::Unreadable => "unreadable",
        }
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

/// Data rows read from a return.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct RowCounts {
    /// Data rows on the Engagement sheet (0 when content was not checked).
    pub engagement: usize,
    /// Data rows on the Incidents sheet (0 when content was not checked).
    pub incidents: usize,
}

/// Everything validation learned about one file.
#[derive(Clone, Debug)]
pub struct Outcome {
    /// The file's path, as given.
    pub file: PathBuf,
    /// Lower-case hex SHA-256 of the file's bytes; `None` when it could not be read from disk,
    /// or was too large to read (refused by its size, unread), or its reader was stopped.
    pub sha256: Option<String>,
    /// The verdict.
    pub status: Status,
    /// The force's list name and code, when the return names one that reads.
    pub force: Option<Force>,
    /// The reporting quarter the return gives, when it reads as one.
    pub quarter: Option<crate::base::dates::Quarter>,
    /// The return's `Date submitted`, for choosing between resubmissions.
    pub date_submitted: Option<crate::base::dates::Date>,
    /// The template version written on the Return sheet; `None` when absent or unreadable.
    pub template_version: Option<String>,
    /// The workbook's structural fingerprint (hex SHA-256); `None` when unreadable.
    pub fingerprint: Option<String>,
    /// The container the workbook came in; `None` when unreadable.
    pub format: Option<workbook::Format>,
    /// Data rows per table; zero unless the content was checked.
    pub rows: RowCounts,
    /// Every finding, with counts.
    pub findings: Findings,
    /// The normalised content, for returns whose structure is the template's.
    pub content: Option<Content>,
    /// The file's modification time, seconds since the epoch, for supersession.
    pub modified: Option<u64>,
    /// Sheets set aside before checking: bridger's own findings sheet of an annotated
    /// copy ([`crate::read::annotated`]).
    pub ignored_sheets: Vec<String>,
}

impl Outcome {
    /// An `unreadable` outcome for `file` with nothing known yet.
    pub fn new(file: &Path) -> Outcome {
        Outcome {
            file: file.to_path_buf(),
            sha256: None,
            status: Status::Unreadable,
            force: None,
            quarter: None,
            date_submitted: None,
            template_version: None,
            fingerprint: None,
            format: None,
            rows: RowCounts::default(),
            findings: Findings::default(),
            content: None,
            modified: None,
            ignored_sheets: Vec::new(),
        }
    }

    /// The first error (or, failing that, the first finding), for one-line reasons.
    pub fn first_reason(&self) -> Option<&Finding> {
        self.findings
            .list
            .iter()
            .find(|f| f.severity == crate::check::finding::Severity::Error)
            .or_else(|| self.findings.list.first())
    }
}

/// Validates one file. Never panics on any content; I/O failures are `unreadable`.
pub fn validate_file(path: &Path, def: &Definition) -> Outcome {
    let mut out = Outcome::new(path);
    out.modified = std::fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| d.as_secs());
    let loaded = match workbook::load(path) {
        Ok(l) => l,
        Err(e) => {
            out.findings.push(Finding::error(
                Code::Io,
                format!("cannot read the file: {e}"),
            ));
            return out;
        }
    };
    out.sha256 = loaded.sha256;
    let macro_name = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsm"));
    match loaded.book {
        Ok(mut book) => {
            book.has_macros |= macro_name;
            out.ignored_sheets
                .extend(workbook::annotated::set_aside_findings_sheet(&mut book));
            validate_book(&book, def, &mut out)
        }
        Err(e) => out.findings.push(Finding::error(e.code, e.message)),
    }
    out
}

/// Validates a workbook already read, filling in `out`.
pub fn validate_book(book: &Book, def: &Definition, out: &mut Outcome) {
    out.format = Some(book.format);
    let fp = fingerprint::of_book(book, def);
    let canonical = fingerprint::of_definition(def);
    out.template_version = fp.template_version.clone();
    out.fingerprint = Some(fp.sha256.clone());
    let mut structural = Vec::new();
    if fp.sha256 != canonical.sha256 || book.has_macros {
        structural = crate::check::structure::differences(book, def);
        if structural.is_empty() {
            structural.push(Finding::modified(
                Code::FrameChanged,
                format!(
                    "the workbook's structure differs from the template (fingerprint {} instead of {}): start again from a fresh template",
                    fp.sha256, canonical.sha256
                ),
            ));
        }
    }
    if !structural.is_empty() {
        let (force, quarter, date) = content::claimed_identity(book, def);
        out.force = force;
        out.quarter = quarter;
        out.date_submitted = date;
        out.status = Status::ModifiedTemplate;
        for f in structural {
            out.findings.push(f);
        }
        return;
    }
    let (content, findings) = rules::check(book, def);
    out.force = content.force.clone();
    out.quarter = content.quarter;
    out.date_submitted = content::date_submitted(&content, def);
    out.rows = RowCounts {
        engagement: content.engagement.len(),
        incidents: content.incidents.len(),
    };
    out.status = if findings.errors > 0 {
        Status::Invalid
    } else {
        Status::Valid
    };
    out.findings = findings;
    out.content = Some(content);
}

/// Whether [`validate_all`] may start worker processes: only the `bridger` binary, which
/// serves the hidden worker subcommand, says so ([`use_worker_processes`]).
static WORKER_PROCESSES: AtomicBool = AtomicBool::new(false);

/// Lets [`validate_all`] read each file in a worker process started from this executable
/// with [`pool::SUBCOMMAND`]. Only a binary that serves that subcommand
/// ([`serve::serve`]) may call this; elsewhere (tests, benches) files are read in threads.
pub fn use_worker_processes() {
    WORKER_PROCESSES.store(true, Ordering::SeqCst);
}

thread_local! {
    static CURRENT_FILE: RefCell<Option<PathBuf>> = const { RefCell::new(None) };
}

/// The file this thread is reading, for the panic hook's one line.
pub fn current_file() -> Option<PathBuf> {
    CURRENT_FILE.with(|c| c.borrow().clone())
}

/// Marks the file this thread is reading until dropped.
struct CurrentFile;

impl CurrentFile {
    fn set(path: &Path) -> CurrentFile {
        CURRENT_FILE.with(|c| *c.borrow_mut() = Some(path.to_path_buf()));
        CurrentFile
    }
}

impl Drop for CurrentFile {
    fn drop(&mut self) {
        CURRENT_FILE.with(|c| *c.borrow_mut() = None);
    }
}

/// What of a return's normalised content [`validate_all`] keeps once the file is checked.
/// Whatever is not kept is dropped in the worker, before it is sent, so that the run
/// holding every outcome holds only what it will use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Keep {
    /// Nothing (`validate`): checking a year of returns stays small.
    Nothing,
    /// The Return sheet's fields of every return, and the rows of valid returns only
    /// (`collate`): an invalid return's rows, however large, are never collated.
    ValidRows,
    /// The fields and the rows of every return on the template (`collate
    /// --include-invalid`).
    AllRows,
}

impl Keep {
    /// Drops from `outcome` what is not kept.
    pub fn apply(self, outcome: &mut Outcome) {
        match (self, &mut outcome.content) {
            (Keep::Nothing, _) => outcome.content = None,
            (Keep::ValidRows, Some(c)) if outcome.status != Status::Valid => {
                c.engagement = Vec::new();
                c.incidents = Vec::new();
            }
            _ => {}
        }
    }
}

/// Validates many files on all cores, in input order. `progress` is called once per file
/// as it finishes (from worker threads). `keep` says what of each return's normalised
/// content is kept (for collation).
///
/// On Unix, when the binary allows it ([`use_worker_processes`]) and `def` is the built-in
/// Annex C definition, each file is read in a worker process under a memory and CPU limit
/// ([`pool`]): a file that kills or stalls its worker is `unreadable` (`too-large`,
/// `timed-out` or `internal-error`) and the rest of the run goes on. Otherwise the files
/// are read in threads of this process.
pub fn validate_all(
    files: &[PathBuf],
    def: &Definition,
    keep: Keep,
    progress: &(dyn Fn(&Outcome) + Sync),
) -> Vec<Outcome> {
    // BRIDGER_WORKER_PROCESSES=0 reads in threads, without containment: for measuring
    // what the processes cost, and as a way out where re-executing bridger fails.
    let processes = cfg!(unix)
        && WORKER_PROCESSES.load(Ordering::SeqCst)
        && std::env::var_os("BRIDGER_WORKER_PROCESSES").is_none_or(|v| v != "0")
        && std::ptr::eq(def, crate::definition::annex_c());
    if processes {
        if let Ok(exe) = std::env::current_exe() {
            return pool::run(&exe, files, keep, progress);
        }
    }
    validate_in_threads(files, def, keep, progress)
}

/// [`validate_all`] in threads of this process: no containment of aborts or loops.
fn validate_in_threads(
    files: &[PathBuf],
    def: &Definition,
    keep: Keep,
    progress: &(dyn Fn(&Outcome) + Sync),
) -> Vec<Outcome> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(files.len().max(1));
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Outcome>>> = Mutex::new(vec![None; files.len()]);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                if i >= files.len() {
                    break;
                }
                let mut outcome = {
                    let _current = CurrentFile::set(&files[i]);
                    validate_file(&files[i], def)
                };
                keep.apply(&mut outcome);
                progress(&outcome);
                results.lock().unwrap_or_else(|p| p.into_inner())[i] = Some(outcome);
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_else(|p| p.into_inner())
        .into_iter()
        .zip(files)
        .map(|(o, f)| o.unwrap_or_else(|| Outcome::new(f)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_invalid_returns_rows_are_kept_only_when_they_may_be_collated() {
        let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
        let path = root.join("fixtures/returns/kent-2016-17-Q1.xlsx");
        let checked = validate_file(&path, crate::definition::annex_c());
        let rows = |o: &Outcome| {
            o.content
                .as_ref()
                .map(|c| (c.fields.len(), c.engagement.len(), c.incidents.len()))
        };
        let full = rows(&checked).expect("a return on the template has content");
        assert!(full.1 > 0 && full.2 > 0, "{full:?}");
        for (status, keep, want) in [
            (Status::Valid, Keep::ValidRows, Some(full)),
            (Status::Invalid, Keep::ValidRows, Some((full.0, 0, 0))),
            (Status::Invalid, Keep::AllRows, Some(full)),
            (Status::Valid, Keep::Nothing, None),
        ] {
            let mut o = checked.clone();
            o.status = status;
            keep.apply(&mut o);
            assert_eq!(rows(&o), want, "{status} {keep:?}");
            // The counts of rows read stay, for the reconciliation.
            assert_eq!(o.rows, checked.rows);
        }
    }
}
