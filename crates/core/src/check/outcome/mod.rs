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
//! It takes a file's bytes, never its path: the command line reads the file (and reads
//! many in worker processes, so that no file, whatever a spreadsheet library does with it,
//! can end or stall the run) and hands the bytes in with the file's name, its
//! modification time and today's date.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::base::calendar::Date;
use crate::base::text::hex;
use crate::check::content::{self, Content};
use crate::check::finding::Findings;
use crate::check::finding::{Code, Finding};
use crate::check::fingerprint;
use crate::check::rules;
use crate::definition::{Definition, Force};
use crate::read::{self as workbook, Book, MAX_FILE_BYTES};

/// A return's verdict.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
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
    pub(crate) fn label(self) -> &'static str {
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
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowCounts {
    /// Data rows on the Engagement sheet (0 when content was not checked).
    pub engagement: usize,
    /// Data rows on the Incidents sheet (0 when content was not checked).
    pub incidents: usize,
}

/// Everything validation learned about one file.
///
/// Serde carries every field but the path between processes (a worker sends its outcome
/// to the run that started it): a field added here travels without more code.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Outcome {
    /// The file's path, as given. Not serialised: the receiver knows which file it asked
    /// about, and a path need not be UTF-8.
    #[serde(skip)]
    pub file: PathBuf,
    /// Lower-case hex SHA-256 of the file's bytes; `None` when it could not be read from disk,
    /// or was too large to read (refused by its size, unread), or its reader was stopped.
    pub sha256: Option<String>,
    /// The verdict.
    pub status: Status,
    /// The force's list name and code, when the return names one that reads.
    pub force: Option<Force>,
    /// The reporting quarter the return gives, when it reads as one.
    pub quarter: Option<crate::base::calendar::Quarter>,
    /// The return's `Date submitted`, for choosing between resubmissions.
    pub date_submitted: Option<crate::base::calendar::Date>,
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

    /// An `unreadable` outcome for `file`, whose bytes were never read: `why` says why
    /// (too large to read, for one).
    pub fn unread(file: &Path, why: workbook::ReadError) -> Outcome {
        let mut out = Outcome::new(file);
        out.findings.push(Finding::error(why.code, why.message));
        out
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

/// Validates one file from its bytes. `file` is its name as given (for the reports and
/// the `.xlsm` macro check), `modified` its modification time (seconds since the epoch,
/// for supersession) and `today` the day a `Date submitted` may not be after. Never
/// panics on any content. Bytes over [`MAX_FILE_BYTES`] are refused unread and unhashed,
/// as the command line refuses such a file by its size
/// ([`Outcome::unread`] with [`workbook::too_large`]).
pub fn validate_bytes(
    file: &Path,
    modified: Option<u64>,
    data: Vec<u8>,
    today: Date,
    def: &Definition,
) -> Outcome {
    if data.len() as u64 > MAX_FILE_BYTES {
        let mut out = Outcome::unread(file, workbook::too_large(data.len() as u64));
        out.modified = modified;
        return out;
    }
    let mut out = Outcome::new(file);
    out.modified = modified;
    out.sha256 = Some(hex(&Sha256::digest(&data)));
    // A reader library that panics on some malformed file is the file's internal error
    // (a bug to report, not proof the file is damaged); the other files are still checked.
    let read = workbook::read_book(data);
    let macro_name = file
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsm"));
    match read {
        Ok(mut book) => {
            book.has_macros |= macro_name;
            out.ignored_sheets
                .extend(workbook::annotated::set_aside_findings_sheet(&mut book));
            validate_book(&book, def, today, &mut out)
        }
        Err(e) => out.findings.push(Finding::error(e.code, e.message)),
    }
    out
}

/// Validates a workbook already read, filling in `out`; `today` as for [`validate_bytes`].
pub fn validate_book(book: &Book, def: &Definition, today: Date, out: &mut Outcome) {
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
    let (content, findings) = rules::check(book, def, today);
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

/// What of a return's normalised content is kept once the file is checked (by the worker
/// that read it, in the command line).
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_invalid_returns_rows_are_kept_only_when_they_may_be_collated() {
        let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
        let path = root.join("fixtures/returns/kent-2016-17-Q1.xlsx");
        let bytes = std::fs::read(&path).unwrap();
        let today = Date::new(2016, 8, 1).unwrap();
        let checked = validate_bytes(&path, None, bytes, today, crate::definition::annex_c());
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
