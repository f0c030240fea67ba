//! The JSON the commands print, as serde structs: one struct per kind of object, its
//! fields the keys a script reads. Those of `validate` and `collate` are the core's
//! (`bridger_core::json`), which the browser page shows too; `links` and `template
//! fingerprint` are here. Keys are sorted at every level (see the core's `json`). This
//! file must never decide anything: it only names what the library already worked out.

use serde::Serialize;

use crate::files::discover::Skipped;
use bridger_core::fingerprint::Fingerprint;
use bridger_core::Victim;

use super::Shown;
use bridger_core::{Links, SuspectGroup};

pub use bridger_core::json::{line, pretty, CollateReport, FileOutcome, SkippedPath};

/// What `links --format json` prints.
#[derive(Serialize)]
pub struct LinksReport<'a> {
    candidate_pairs: usize,
    latest_quarter: Option<&'a str>,
    quarters: &'a [String],
    suspect_records: usize,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    skipped: Vec<SkippedPath>,
    suspects: Vec<&'a SuspectGroup>,
    victims: Vec<&'a Victim>,
}

impl<'a> LinksReport<'a> {
    /// `shown` is what `--new` and `--cross-force` leave of `l`; `skipped` is what was
    /// passed over while looking for returns.
    pub fn new(l: &'a Links, shown: Shown<'a>, skipped: &[Skipped]) -> Self {
        LinksReport {
            candidate_pairs: l.candidate_pairs,
            latest_quarter: l.latest_quarter.as_deref(),
            quarters: &l.quarters,
            skipped: skipped_paths(skipped),
            suspect_records: l.suspect_records,
            suspects: shown.suspects,
            victims: shown.victims,
        }
    }
}

/// What was passed over while looking for workbooks, one per skipped path, in order: lines
/// of `validate --format json` (beside the files' lines), and collate's and links'
/// `skipped`.
pub fn skipped_paths(skipped: &[Skipped]) -> Vec<SkippedPath> {
    skipped
        .iter()
        .map(|s| SkippedPath::new(s.path.to_string_lossy().into_owned(), s.why.clone()))
        .collect()
}

/// What `template fingerprint --format json` prints: the fingerprint's parts, its hash
/// under `fingerprint`, and the file it is of.
#[derive(Serialize)]
pub struct FingerprintReport<'a> {
    file: String,
    fingerprint: &'a str,
    frame_cells: usize,
    sheets: &'a [String],
    template_id: Option<&'a str>,
    template_version: Option<&'a str>,
}

impl<'a> FingerprintReport<'a> {
    pub fn new(file: &std::path::Path, fp: &'a Fingerprint) -> Self {
        FingerprintReport {
            file: file.display().to_string(),
            fingerprint: &fp.sha256,
            frame_cells: fp.frame_cells,
            sheets: &fp.sheets,
            template_id: fp.template_id.as_deref(),
            template_version: fp.template_version.as_deref(),
        }
    }
}
