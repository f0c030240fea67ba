//! How a worker of the page sends a checked return's [`Outcome`] to the worker that
//! collates: the outcome's own serde form in postcard, the one encoding the command line's
//! worker processes use too (`src/contain/wire.rs`). A field added to the outcome travels
//! without a line here.
//!
//! The file's path is not sent: the pool knows which file it asked for.
//!
//! Decoding must never panic and never trust a length: a worker that was killed half-way
//! through a frame, or sent nonsense, gives `None`, which the page reports as a check that
//! came back garbled. postcard checks every length against the bytes there, the core's
//! types refuse what cannot be, and a list of findings longer than a return keeps
//! ([`bridger_core::MAX_FINDINGS`]) is refused as it is read.

use bridger_core::Outcome;

/// Encodes everything in `o` but its path (serde fails on no value an outcome holds).
pub(crate) fn encode(o: &Outcome) -> Vec<u8> {
    postcard::to_stdvec(o).unwrap_or_default()
}

/// Decodes what [`encode`] wrote into `out`, keeping `out`'s path; `None` when the bytes
/// are not exactly one whole, well-formed outcome.
pub(crate) fn decode(bytes: &[u8], out: &mut Outcome) -> Option<()> {
    let (mut got, rest): (Outcome, &[u8]) = postcard::take_from_bytes(bytes).ok()?;
    if !rest.is_empty() {
        return None;
    }
    got.file = std::mem::take(&mut out.file);
    *out = got;
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use bridger_core::{Date, MAX_FINDINGS};
    use std::path::Path;

    fn sample() -> Outcome {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let path = root.join("fixtures/returns/gloucestershire-2016-17-Q1.xlsx");
        let today = Date::new(2016, 8, 1).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        let mut out =
            bridger_core::validate_bytes(&path, None, bytes, today, bridger_core::annex_c());
        assert!(out.content.is_some() && !out.findings.list.is_empty());
        out.ignored_sheets = vec!["Bridger findings".to_string()];
        out
    }

    #[test]
    fn an_outcome_comes_back_as_it_was_sent() {
        let sent = sample();
        let bytes = encode(&sent);
        let mut got = Outcome::new(&sent.file);
        decode(&bytes, &mut got).expect("decodes");
        assert_eq!(format!("{got:?}"), format!("{sent:?}"));
    }

    #[test]
    fn a_frame_with_more_findings_than_a_worker_keeps_is_refused() {
        let mut sent = sample();
        let one = sent.findings.list[0].clone();
        sent.findings.list = vec![one; MAX_FINDINGS + 1];
        let mut got = Outcome::new(&sent.file);
        assert!(decode(&encode(&sent), &mut got).is_none());
        sent.findings.list.pop();
        assert!(decode(&encode(&sent), &mut got).is_some());
    }

    #[test]
    fn a_frame_cut_short_or_garbled_is_refused_never_a_panic() {
        let bytes = encode(&sample());
        let mut out = Outcome::new(Path::new("x"));
        for n in (0..bytes.len()).step_by(7) {
            assert!(decode(&bytes[..n], &mut out).is_none(), "prefix {n}");
        }
        let mut garbled = bytes.clone();
        for i in (0..garbled.len()).step_by(13) {
            garbled[i] ^= 0xA5;
            let _ = decode(&garbled, &mut out);
        }
    }
}
