//! How a worker process sends an [`Outcome`] back to the run that started it: the
//! outcome's own serde form (every type it holds derives it, in the core) in postcard, a
//! compact binary format. A field added to the outcome travels without a line here.
//!
//! A year's return is hundreds of thousands of packed rows; a row goes as its packed text
//! and slots, with no per-cell work. The file's path is not sent: the pool knows which
//! file it asked for.
//!
//! Decoding must never panic and never trust a length: a worker that was killed half-way
//! through a frame, or sent nonsense, gives `None`, which the pool reports as an internal
//! error for that file. postcard checks every length against the bytes there, the core's
//! types refuse what cannot be (a date that does not exist, a row slot outside its text),
//! and a list of findings longer than a return keeps ([`bridger_core::MAX_FINDINGS`]) is
//! refused as it is read.

use std::path::Path;

use bridger_core::Outcome;

/// Encodes everything in `o` but its path; `None` only if serde fails on a value, which
/// no outcome's types do.
pub fn encode(o: &Outcome) -> Option<Vec<u8>> {
    postcard::to_stdvec(o).ok()
}

/// Decodes what [`encode`] wrote, as the outcome of the file at `path`; `None` when the
/// bytes are not exactly one whole, well-formed outcome.
pub fn decode(bytes: &[u8], path: &Path) -> Option<Outcome> {
    let (mut out, rest): (Outcome, &[u8]) = postcard::take_from_bytes(bytes).ok()?;
    if !rest.is_empty() {
        return None;
    }
    out.file = path.to_path_buf();
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use bridger_core::{
        CellPos, Code, Content, Date, Finding, Format, Quarter, RowCounts, Status, Value,
        MAX_FINDINGS,
    };

    fn sample() -> Outcome {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let path = root.join("fixtures/returns/gloucestershire-2016-17-Q1.xlsx");
        let today = Date::new(2016, 8, 1).unwrap();
        let mut out = crate::files::load::validate_file(&path, today, bridger_core::annex_c());
        assert!(out.content.is_some() && !out.findings.list.is_empty());
        out.ignored_sheets = vec!["Bridger findings".to_string()];
        out
    }

    /// An outcome with every field set to something other than its empty value. The
    /// destructuring names every field, so a field added to `Outcome` stops this test
    /// compiling until it is set here too, and so checked to arrive.
    fn full() -> Outcome {
        let mut o = sample();
        o.status = Status::ModifiedTemplate;
        o.date_submitted = Date::new(2016, 7, 29);
        o.format = Some(Format::Ods);
        o.rows = RowCounts {
            engagement: 3,
            incidents: 7,
        };
        let mut f = Finding::error(Code::HeaderChanged, "changed: see \"Category\"");
        f.sheet = Some("Incidents".into());
        f.cell = Some(CellPos::new(4, 3));
        f.column = Some("Category".into());
        f.value = Some("Categroy ✓".into());
        f.structural = true;
        o.findings.push(f);
        o.findings.push(Finding {
            severity: bridger_core::Severity::Warning,
            ..Finding::error(Code::DateSerial, "a date typed as a number")
        });
        let force = o.force.as_mut().unwrap();
        force.aliases.push("Glos ✓".into());
        let (force, quarter) = (o.force.clone(), o.quarter);
        let content = o.content.as_mut().unwrap();
        content.force = force;
        content.quarter = quarter;
        content.fields.extend([
            Value::Empty,
            Value::Text("x".into()),
            Value::Date(Date::new(1901, 1, 1).unwrap()),
            Value::Number(-0.125),
        ]);
        o.modified = Some(1_470_000_000);
        let Outcome {
            file,
            sha256,
            status,
            force,
            quarter,
            date_submitted,
            template_version,
            fingerprint,
            format,
            rows,
            findings,
            content,
            modified,
            ignored_sheets,
        } = &o;
        let Content {
            force: content_force,
            quarter: content_quarter,
            fields,
            engagement,
            incidents,
        } = content.as_ref().unwrap();
        assert!(file.exists() && sha256.is_some() && *status != Status::Unreadable);
        assert!(force.is_some() && !force.as_ref().unwrap().aliases.is_empty());
        assert!(quarter.is_some() && date_submitted.is_some() && template_version.is_some());
        assert!(fingerprint.is_some() && format.is_some() && rows.engagement > 0);
        assert!(findings.errors > 0 && findings.warnings > 0 && !findings.by_code.is_empty());
        assert!(findings
            .list
            .iter()
            .any(|f| f.structural && f.cell.is_some()));
        assert!(
            content_force.is_some()
                && content_quarter == &Some(Quarter::parse("2016-17 Q1").unwrap())
        );
        assert!(!fields.is_empty() && !engagement.is_empty() && !incidents.is_empty());
        assert!(modified.is_some() && !ignored_sheets.is_empty());
        o
    }

    #[test]
    fn every_field_of_an_outcome_comes_back_as_it_was_sent() {
        for sent in [sample(), full()] {
            let bytes = encode(&sent).unwrap();
            let got = decode(&bytes, &sent.file).expect("decodes");
            assert_eq!(format!("{got:?}"), format!("{sent:?}"));
        }
    }

    #[test]
    fn a_frame_with_more_findings_than_a_worker_keeps_is_refused() {
        let mut sent = sample();
        let one = sent.findings.list[0].clone();
        sent.findings.list = vec![one; MAX_FINDINGS + 1];
        assert!(decode(&encode(&sent).unwrap(), &sent.file).is_none());
        sent.findings.list.pop();
        assert!(decode(&encode(&sent).unwrap(), &sent.file).is_some());
    }

    #[test]
    fn a_frame_cut_short_lengthened_or_garbled_is_refused_never_a_panic() {
        let bytes = encode(&full()).unwrap();
        let path = Path::new("x");
        for n in (0..bytes.len()).step_by(7) {
            assert!(decode(&bytes[..n], path).is_none(), "prefix {n}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(decode(&longer, path).is_none());
        let mut garbled = bytes.clone();
        for i in (0..garbled.len()).step_by(13) {
            garbled[i] ^= 0xA5;
            let _ = decode(&garbled, path);
        }
    }
}
