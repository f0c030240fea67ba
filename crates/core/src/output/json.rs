//! The JSON that `bridger validate` and `bridger collate` print, and that the browser page
//! shows: one serde struct per kind of object, its fields the keys a script reads. They
//! live in the core so that the command line and the page render one list of findings
//! and one collation the same way, byte for byte.
//!
//! Keys are printed sorted at every level, inside library values (findings, suspects,
//! reconciliation) as well as in these structs, because every value goes through
//! `serde_json::Value`, whose maps keep keys in order. That order is part of the output
//! contract (the snapshots in tests/snapshots pin it); the structs list their fields in the
//! same order so that they read like what they print. This file must never decide
//! anything: it only names what the rest of the core already worked out.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use crate::check::finding::Finding;
use crate::check::outcome::{Outcome, RowCounts, Status};
use crate::collate::{
    ChaseLine, Collation, Disposition, Entry, ForceRow, ForceStatus, Reconciliation, Standing,
    Tally,
};
use crate::definition::codes::{Code, Severity};
use crate::link::suspects::Links;
use crate::read::Format;

/// Why a force's return was not accepted: the first finding that rejected its file, or
/// `None` for a valid return or a force with no file.
pub fn force_reason(c: &Collation, r: &ForceRow) -> Option<String> {
    if r.status == ForceStatus::Valid {
        return None;
    }
    let entry = &c.entries[r.entry?];
    entry.outcome.first_reason().map(|f| f.reason())
}

/// How many repeat suspects were reported by more than one force.
pub fn across_forces(l: &Links) -> usize {
    l.suspects.iter().filter(|s| s.forces.len() > 1).count()
}

/// One line of compact JSON (sorted keys).
pub fn line<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    serde_json::to_string(&serde_json::to_value(value)?)
}

/// Indented JSON (sorted keys).
pub fn pretty<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    serde_json::to_string_pretty(&serde_json::to_value(value)?)
}

/// Indented JSON (sorted keys) of one object written field by field, so that a large
/// array (every suspect of a national year) is never held whole as a `serde_json::Value`
/// and a `String` at once: each element is turned into a `Value` and printed in turn.
/// The bytes are those [`pretty`] gives for the same object, provided the fields are
/// written in sorted order (checked as they are written).
pub struct PrettyObject<'w> {
    out: &'w mut dyn std::io::Write,
    last_key: Option<&'static str>,
}

impl<'w> PrettyObject<'w> {
    /// Starts the object.
    pub fn start(out: &'w mut dyn std::io::Write) -> std::io::Result<Self> {
        out.write_all(b"{")?;
        Ok(PrettyObject {
            out,
            last_key: None,
        })
    }

    fn key(&mut self, key: &'static str) -> std::io::Result<()> {
        if let Some(last) = self.last_key {
            // A key out of order would print JSON that `pretty` would not: a bug here.
            debug_assert!(last < key, "keys out of order: {last} before {key}");
            self.out.write_all(b",")?;
        }
        self.last_key = Some(key);
        write!(self.out, "\n  {}: ", serde_json::Value::from(key))
    }

    /// Writes `text` (pretty JSON) with every line after the first indented by `indent`.
    fn indented(&mut self, text: &str, indent: &str) -> std::io::Result<()> {
        let mut lines = text.split('\n');
        if let Some(first) = lines.next() {
            self.out.write_all(first.as_bytes())?;
        }
        for l in lines {
            self.out.write_all(b"\n")?;
            self.out.write_all(indent.as_bytes())?;
            self.out.write_all(l.as_bytes())?;
        }
        Ok(())
    }

    /// Writes one field whole.
    pub fn field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> std::io::Result<()> {
        self.key(key)?;
        let text = pretty(value).map_err(std::io::Error::other)?;
        self.indented(&text, "  ")
    }

    /// Writes one array field an element at a time.
    pub fn array<T: Serialize>(
        &mut self,
        key: &'static str,
        items: impl IntoIterator<Item = T>,
    ) -> std::io::Result<()> {
        self.key(key)?;
        let mut any = false;
        for item in items {
            self.out
                .write_all(if any { b",\n    " } else { b"[\n    " })?;
            any = true;
            let text = pretty(&item).map_err(std::io::Error::other)?;
            self.indented(&text, "    ")?;
        }
        self.out.write_all(if any { b"\n  ]" } else { b"[]" })
    }

    /// Ends the object (and the line).
    pub fn end(self) -> std::io::Result<()> {
        self.out.write_all(if self.last_key.is_some() {
            b"\n}\n"
        } else {
            b"}\n"
        })
    }
}

/// One file's outcome: a line of `validate --format json`, and an element of collate's
/// `files`.
#[derive(Serialize)]
pub struct FileOutcome<'a> {
    errors: usize,
    file: String,
    findings: Vec<FindingJson<'a>>,
    findings_total: usize,
    fingerprint: Option<&'a str>,
    force: Option<&'a str>,
    force_code: Option<&'a str>,
    format: Option<Format>,
    /// Sheets set aside unchecked (bridger's findings sheet of an annotated copy); left
    /// out when there are none.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    ignored_sheets: &'a [String],
    quarter: Option<String>,
    rows: RowCounts,
    sha256: Option<&'a str>,
    status: Status,
    template_version: Option<&'a str>,
    warnings: usize,
}

impl<'a> FileOutcome<'a> {
    /// The JSON of outcome `o`.
    pub fn new(o: &'a Outcome) -> Self {
        FileOutcome {
            errors: o.findings.errors,
            file: o.file.display().to_string(),
            findings: o.findings.list.iter().map(FindingJson::new).collect(),
            findings_total: o.findings.total(),
            fingerprint: o.fingerprint.as_deref(),
            force: o.force.as_ref().map(|f| f.name.as_str()),
            force_code: o.force.as_ref().map(|f| f.code.as_str()),
            format: o.format,
            ignored_sheets: &o.ignored_sheets,
            quarter: o.quarter.map(|q| q.to_string()),
            rows: o.rows,
            sha256: o.sha256.as_deref(),
            status: o.status,
            template_version: o.template_version.as_deref(),
            warnings: o.findings.warnings,
        }
    }
}

/// One finding, as scripts read it: the cell as its A1 reference (`"G6"`) or null, as
/// Excel says where.
#[derive(Serialize)]
struct FindingJson<'a> {
    cell: Option<String>,
    code: Code,
    column: Option<&'a str>,
    message: &'a str,
    severity: Severity,
    sheet: Option<&'a str>,
    value: Option<&'a str>,
}

impl<'a> FindingJson<'a> {
    fn new(f: &'a Finding) -> Self {
        FindingJson {
            cell: f.cell.map(|c| c.to_string()),
            code: f.code,
            column: f.column.as_deref(),
            message: &f.message,
            severity: f.severity,
            sheet: f.sheet.as_deref(),
            value: f.value.as_deref(),
        }
    }
}

/// What `collate --format json` prints.
#[derive(Serialize)]
pub struct CollateReport<'a> {
    /// Every expected force-quarter without a valid return, as the Chase sheet lists it.
    chase: Vec<ChaseJson>,
    complete: bool,
    /// Expected force-quarters by status ("modified-template": 2, …).
    counts: BTreeMap<String, usize>,
    files: Vec<CollatedFile<'a>>,
    forces: Vec<ForceLine<'a>>,
    output: String,
    quarters: Vec<String>,
    reconciliation: Reconciliation,
    repeat_suspects: usize,
    repeat_suspects_across_forces: usize,
    repeat_victims: usize,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    skipped: Vec<SkippedPath>,
    summary: String,
    /// Suspect records compared with no other (every key too common); absent when none.
    #[serde(skip_serializing_if = "Option::is_none")]
    suspect_records_not_compared: Option<usize>,
    /// The totals every report shows (valid, late, invalid but collated, rejected, …).
    tally: Tally,
    /// The day days overdue are counted to.
    today: String,
}

impl<'a> CollateReport<'a> {
    /// `out` is the national workbook written; `found` what linkage found in it;
    /// `skipped` what was passed over while looking for returns.
    pub fn new(c: &'a Collation, out: &Path, found: &Links, skipped: Vec<SkippedPath>) -> Self {
        CollateReport {
            chase: c.chase().iter().map(ChaseJson::new).collect(),
            complete: c.complete(),
            counts: c
                .counts()
                .into_iter()
                .map(|(k, v)| (k.label().to_string(), v))
                .collect(),
            files: c.entries.iter().map(CollatedFile::new).collect(),
            forces: c.forces.iter().map(|r| ForceLine::new(c, r)).collect(),
            output: out.display().to_string(),
            quarters: c.quarters.iter().map(|q| q.to_string()).collect(),
            reconciliation: c.reconciliation,
            repeat_suspects: found.suspects.len(),
            repeat_suspects_across_forces: across_forces(found),
            repeat_victims: found.victims.len(),
            skipped,
            summary: c.headline(),
            suspect_records_not_compared: Some(found.not_compared.len()).filter(|&n| n > 0),
            tally: c.tally(),
            today: c.today.iso(),
        }
    }
}

/// One input file of a collation: its outcome, and what collation made of it.
#[derive(Serialize)]
struct CollatedFile<'a> {
    attributed_force: Option<&'a str>,
    attributed_quarter: Option<String>,
    disposition: &'a Disposition,
    #[serde(flatten)]
    outcome: FileOutcome<'a>,
}

impl<'a> CollatedFile<'a> {
    fn new(e: &'a Entry) -> Self {
        CollatedFile {
            attributed_force: e.force.as_ref().map(|f| f.code.as_str()),
            attributed_quarter: e.quarter.map(|q| q.to_string()),
            disposition: &e.disposition,
            outcome: FileOutcome::new(&e.outcome),
        }
    }
}

/// One line of the table of who responded.
#[derive(Serialize)]
struct ForceLine<'a> {
    code: &'a str,
    collated: bool,
    /// The quarter's due date.
    deadline: String,
    /// Days after the due date the return was dated; `null` unless late.
    days_late: Option<i64>,
    engagement_rows: Option<usize>,
    expected: bool,
    file: Option<String>,
    incident_rows: Option<usize>,
    /// Whether the return was dated after the due date.
    late: bool,
    name: &'a str,
    quarter: String,
    reason: Option<String>,
    /// The word the grid shows (valid, late, invalid-collated, …).
    standing: Standing,
    status: ForceStatus,
}

impl<'a> ForceLine<'a> {
    fn new(c: &'a Collation, r: &'a ForceRow) -> Self {
        let e = r.entry.map(|i| &c.entries[i]);
        ForceLine {
            code: &r.force.code,
            collated: r.collated,
            deadline: r.deadline.iso(),
            days_late: r.days_late,
            engagement_rows: e.map(|e| e.outcome.rows.engagement),
            expected: r.expected,
            file: e.map(|e| e.outcome.file.display().to_string()),
            incident_rows: e.map(|e| e.outcome.rows.incidents),
            late: r.late,
            name: &r.force.name,
            quarter: r.quarter.to_string(),
            reason: force_reason(c, r),
            standing: r.standing(),
            status: r.status,
        }
    }
}

/// One force and quarter to chase.
#[derive(Serialize)]
struct ChaseJson {
    code: String,
    contact_email: Option<String>,
    /// The quarter of the return the contact was read from, or "contacts file".
    contact_from: Option<String>,
    days_overdue: i64,
    deadline: String,
    name: String,
    quarter: String,
    reason: String,
    standing: Standing,
    submitted_by: Option<String>,
}

impl ChaseJson {
    fn new(l: &ChaseLine) -> Self {
        let some = |s: &str| (!s.is_empty()).then(|| s.to_string());
        ChaseJson {
            code: l.force_code.clone(),
            contact_email: l.contact.as_ref().and_then(|c| some(&c.email)),
            contact_from: l.contact.as_ref().and_then(|c| some(&c.source())),
            days_overdue: l.days_overdue,
            deadline: l.deadline.iso(),
            name: l.force.clone(),
            quarter: l.quarter.to_string(),
            reason: l.reason.clone(),
            standing: l.standing,
            submitted_by: l.contact.as_ref().and_then(|c| some(&c.submitted_by)),
        }
    }
}

/// Something passed over while looking for workbooks: a line of `validate --format json`
/// (beside the files' lines), and an element of collate's and links' `skipped`.
#[derive(Serialize)]
pub struct SkippedPath {
    file: String,
    skipped: String,
}

impl SkippedPath {
    /// `file` as found, passed over because of `why` (a phrase).
    pub fn new(file: String, why: String) -> Self {
        SkippedPath { file, skipped: why }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Unsorted {
        b: u8,
        a: u8,
        nested: Nested,
    }

    #[derive(Serialize)]
    struct Nested {
        z: u8,
        y: u8,
    }

    /// Library structs declare fields in their own order; the printed keys must be sorted
    /// at every level whatever that order is.
    #[test]
    fn keys_are_sorted_at_every_level() {
        let v = Unsorted {
            b: 1,
            a: 2,
            nested: Nested { z: 3, y: 4 },
        };
        assert_eq!(line(&v).unwrap(), r#"{"a":2,"b":1,"nested":{"y":4,"z":3}}"#);
        assert_eq!(
            pretty(&v).unwrap(),
            "{\n  \"a\": 2,\n  \"b\": 1,\n  \"nested\": {\n    \"y\": 4,\n    \"z\": 3\n  }\n}"
        );
    }

    #[derive(Serialize)]
    struct Report {
        count: usize,
        empty: Vec<u8>,
        items: Vec<Unsorted>,
        name: &'static str,
    }

    /// Written field by field, an object prints the bytes `pretty` prints for it whole,
    /// empty arrays, nested objects and strings with line breaks included.
    #[test]
    fn an_object_written_field_by_field_is_pretty_byte_for_byte() {
        let item = |b| Unsorted {
            b,
            a: 2,
            nested: Nested { z: 3, y: 4 },
        };
        let r = Report {
            count: 2,
            empty: vec![],
            items: vec![item(1), item(7)],
            name: "two\nlines \"quoted\"",
        };
        let mut out = Vec::new();
        let mut o = PrettyObject::start(&mut out).unwrap();
        o.field("count", &r.count).unwrap();
        o.array("empty", &r.empty).unwrap();
        o.array("items", &r.items).unwrap();
        o.field("name", r.name).unwrap();
        o.end().unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            format!("{}\n", pretty(&r).unwrap())
        );
        let mut out = Vec::new();
        PrettyObject::start(&mut out).unwrap().end().unwrap();
        assert_eq!(out, b"{}\n");
    }

    /// A finding prints its cell as Excel names it, or null, and never says whether it is
    /// structural (the status says that).
    #[test]
    fn a_finding_says_its_cell_as_a1_or_null() {
        let mut f = Finding::error(Code::NotInList, "not in the list");
        f.sheet = Some("Incidents".into());
        f.cell = Some(crate::base::cellref::CellPos::new(5, 6));
        f.structural = true;
        assert_eq!(
            line(&FindingJson::new(&f)).unwrap(),
            r#"{"cell":"G6","code":"not-in-list","column":null,"message":"not in the list","severity":"error","sheet":"Incidents","value":null}"#
        );
        f.cell = None;
        assert!(line(&FindingJson::new(&f))
            .unwrap()
            .contains(r#""cell":null"#));
    }
}
