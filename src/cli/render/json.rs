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
use bridger_core::{Links, NotCompared, SuspectGroup};

pub use bridger_core::json::{line, pretty, CollateReport, FileOutcome, PrettyObject, SkippedPath};

/// What `links --format json` prints. It is written field by field
/// ([`LinksReport::write`]), the suspects one at a time: built whole, the JSON of a
/// national year's suspects held more memory than the linkage itself.
#[derive(Serialize)]
pub struct LinksReport<'a> {
    candidate_pairs: usize,
    latest_quarter: Option<&'a str>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    not_compared: &'a [NotCompared],
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
            not_compared: &l.not_compared,
            quarters: &l.quarters,
            skipped: skipped_paths(skipped),
            suspect_records: l.suspect_records,
            suspects: shown.suspects,
            victims: shown.victims,
        }
    }
}

impl LinksReport<'_> {
    /// Writes the report as `pretty` would print it whole (keys sorted), a suspect and a
    /// victim at a time.
    pub fn write(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        let mut o = PrettyObject::start(out)?;
        o.field("candidate_pairs", &self.candidate_pairs)?;
        o.field("latest_quarter", &self.latest_quarter)?;
        if !self.not_compared.is_empty() {
            o.array("not_compared", self.not_compared)?;
        }
        o.field("quarters", self.quarters)?;
        if !self.skipped.is_empty() {
            o.array("skipped", &self.skipped)?;
        }
        o.field("suspect_records", &self.suspect_records)?;
        o.array("suspects", &self.suspects)?;
        o.array("victims", &self.victims)?;
        o.end()
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
