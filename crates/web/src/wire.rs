//! How a worker of the page sends a checked return's [`Outcome`] to the worker that
//! collates: a compact binary encoding. This is the command line's wire between its
//! worker processes (`src/contain/wire.rs`), copied whole: when the outcome derives serde
//! (issue 20, "the worker's wire by serde"), both become that one encoding.
//!
//! A year's return is hundreds of thousands of packed rows, so rows go as their packed
//! text and slots, copied once, with no per-cell work. Everything else is small and goes
//! field by field. The file's path is not sent: the pool knows which file it asked for.
//!
//! Decoding must never panic and never trust a length: a worker that was killed half-way
//! through a frame, or sent nonsense, gives `None`, which the pool reports as an internal
//! error for that file.

use std::str::FromStr;

use bridger_core::{
    CellPos, Code, Content, Date, Finding, Findings, Force, Format, Outcome, Quarter, Row,
    RowCounts, Severity, Status, Value, MAX_FINDINGS,
};

/// Appends values to a byte buffer.
struct Enc(Vec<u8>);

impl Enc {
    fn u8(&mut self, v: u8) {
        self.0.push(v);
    }
    fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn len(&mut self, n: usize) {
        self.u64(n as u64);
    }
    fn str(&mut self, s: &str) {
        self.len(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }
    fn opt<T>(&mut self, v: Option<T>, f: impl FnOnce(&mut Enc, T)) {
        match v {
            None => self.u8(0),
            Some(v) => {
                self.u8(1);
                f(self, v);
            }
        }
    }
    fn opt_str(&mut self, v: Option<&str>) {
        self.opt(v, |e, s| e.str(s));
    }
    fn date(&mut self, d: Date) {
        self.u64(d.days() as u64);
    }
    fn quarter(&mut self, q: Quarter) {
        self.u32(q.start_year as u32);
        self.u32(q.number);
    }
    fn force(&mut self, f: &Force) {
        self.str(&f.code);
        self.str(&f.name);
        self.str(&f.country);
        self.len(f.aliases.len());
        for a in &f.aliases {
            self.str(a);
        }
    }
    fn value(&mut self, v: &Value) {
        match v {
            Value::Empty => self.u8(0),
            Value::Text(t) => {
                self.u8(1);
                self.str(t);
            }
            Value::Date(d) => {
                self.u8(2);
                self.date(*d);
            }
            Value::Number(n) => {
                self.u8(3);
                self.u64(n.to_bits());
            }
        }
    }
    fn rows(&mut self, rows: &[Row]) {
        self.len(rows.len());
        for r in rows {
            let (text, slots) = r.parts();
            self.u32(r.source_row);
            self.u32(r.errors);
            self.str(text);
            self.len(slots.len());
            for s in slots {
                self.u64(*s);
            }
        }
    }
    fn finding(&mut self, f: &Finding) {
        self.u8(matches!(f.severity, Severity::Warning) as u8);
        self.str(f.code.as_str());
        self.opt_str(f.sheet.as_deref());
        self.opt(f.cell, |e, c| {
            e.u32(c.row);
            e.u32(c.col);
        });
        self.opt_str(f.column.as_deref());
        self.opt_str(f.value.as_deref());
        self.str(&f.message);
        self.u8(f.structural as u8);
    }
}

/// Encodes everything in `o` but its path.
pub(crate) fn encode(o: &Outcome) -> Vec<u8> {
    let mut e = Enc(Vec::with_capacity(4096));
    e.opt_str(o.sha256.as_deref());
    e.u8(match o.status {
        Status::Valid => 0,
        Status::Invalid => 1,
        Status::ModifiedTemplate => 2,
        Status::Unreadable => 3,
    });
    e.opt(o.force.as_ref(), |e, f| e.force(f));
    e.opt(o.quarter, |e, q| e.quarter(q));
    e.opt(o.date_submitted, |e, d| e.date(d));
    e.opt_str(o.template_version.as_deref());
    e.opt_str(o.fingerprint.as_deref());
    e.opt(o.format, |e, f| {
        e.u8(match f {
            Format::Xlsx => 0,
            Format::Xlsb => 1,
            Format::Xls => 2,
            Format::Ods => 3,
        })
    });
    e.len(o.rows.engagement);
    e.len(o.rows.incidents);
    e.len(o.findings.list.len());
    for f in &o.findings.list {
        e.finding(f);
    }
    e.len(o.findings.errors);
    e.len(o.findings.warnings);
    e.len(o.findings.by_code.len());
    for (code, n) in &o.findings.by_code {
        e.str(code.as_str());
        e.len(*n);
    }
    e.opt(o.content.as_ref(), |e, c| {
        e.opt(c.force.as_ref(), |e, f| e.force(f));
        e.opt(c.quarter, |e, q| e.quarter(q));
        e.len(c.fields.len());
        for v in &c.fields {
            e.value(v);
        }
        e.rows(&c.engagement);
        e.rows(&c.incidents);
    });
    e.opt(o.modified, |e, m| e.u64(m));
    e.len(o.ignored_sheets.len());
    for s in &o.ignored_sheets {
        e.str(s);
    }
    e.0
}

/// Reads values back from a byte slice; every read checks the bytes are there.
struct Dec<'a>(&'a [u8]);

impl Dec<'_> {
    fn take(&mut self, n: usize) -> Option<&[u8]> {
        if n > self.0.len() {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }
    fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
    /// A count, refused when it is more than the bytes left could hold (each item is at
    /// least one byte), so that a bad frame cannot make the parent allocate.
    fn len(&mut self) -> Option<usize> {
        let n = usize::try_from(self.u64()?).ok()?;
        (n <= self.0.len()).then_some(n)
    }
    fn string(&mut self) -> Option<String> {
        let n = self.len()?;
        String::from_utf8(self.take(n)?.to_vec()).ok()
    }
    fn opt<T>(&mut self, f: impl FnOnce(&mut Self) -> Option<T>) -> Option<Option<T>> {
        match self.u8()? {
            0 => Some(None),
            1 => f(self).map(Some),
            _ => None,
        }
    }
    fn opt_string(&mut self) -> Option<Option<String>> {
        self.opt(|d| d.string())
    }
    /// A date, refused beyond a trillion days either way (no real date is), so that
    /// `Date::from_days` cannot overflow on a garbled frame.
    fn date(&mut self) -> Option<Date> {
        let days = self.u64()? as i64;
        (days.unsigned_abs() <= 1_000_000_000_000).then(|| Date::from_days(days))
    }
    fn quarter(&mut self) -> Option<Quarter> {
        Some(Quarter {
            start_year: self.u32()? as i32,
            number: self.u32()?,
        })
    }
    fn code(&mut self) -> Option<Code> {
        Code::from_str(&self.string()?).ok()
    }
    fn force(&mut self) -> Option<Force> {
        let (code, name, country) = (self.string()?, self.string()?, self.string()?);
        let n = self.len()?;
        let aliases = (0..n).map(|_| self.string()).collect::<Option<_>>()?;
        Some(Force {
            code,
            name,
            country,
            aliases,
        })
    }
    fn value(&mut self) -> Option<Value> {
        Some(match self.u8()? {
            0 => Value::Empty,
            1 => Value::Text(self.string()?),
            2 => Value::Date(self.date()?),
            3 => Value::Number(f64::from_bits(self.u64()?)),
            _ => return None,
        })
    }
    fn rows(&mut self) -> Option<Vec<Row>> {
        let n = self.len()?;
        let mut rows = Vec::with_capacity(n / 16);
        for _ in 0..n {
            let (source_row, errors) = (self.u32()?, self.u32()?);
            let text = self.string()?.into_boxed_str();
            let count = usize::try_from(self.u64()?).ok()?;
            if count > self.0.len() / 8 {
                return None;
            }
            let slots = (0..count).map(|_| self.u64()).collect::<Option<Vec<_>>>()?;
            rows.push(Row::from_parts(source_row, errors, text, slots.into())?);
        }
        Some(rows)
    }
    fn finding(&mut self) -> Option<Finding> {
        let severity = match self.u8()? {
            0 => Severity::Error,
            1 => Severity::Warning,
            _ => return None,
        };
        let code = self.code()?;
        let sheet = self.opt_string()?;
        let cell = self.opt(|d| Some(CellPos::new(d.u32()?, d.u32()?)))?;
        Some(Finding {
            severity,
            code,
            sheet,
            cell,
            column: self.opt_string()?,
            value: self.opt_string()?,
            message: self.string()?,
            structural: self.u8()? == 1,
        })
    }
    fn content(&mut self) -> Option<Content> {
        let force = self.opt(|d| d.force())?;
        let quarter = self.opt(|d| d.quarter())?;
        let n = self.len()?;
        let fields = (0..n).map(|_| self.value()).collect::<Option<_>>()?;
        Some(Content {
            force,
            quarter,
            fields,
            engagement: self.rows()?,
            incidents: self.rows()?,
        })
    }
}

/// Decodes what [`encode`] wrote into `out` (whose path is already set); `None` when the
/// bytes are not a whole, well-formed outcome.
pub(crate) fn decode(bytes: &[u8], out: &mut Outcome) -> Option<()> {
    let mut d = Dec(bytes);
    out.sha256 = d.opt_string()?;
    out.status = match d.u8()? {
        0 => Status::Valid,
        1 => Status::Invalid,
        2 => Status::ModifiedTemplate,
        3 => Status::Unreadable,
        _ => return None,
    };
    out.force = d.opt(|d| d.force())?;
    out.quarter = d.opt(|d| d.quarter())?;
    out.date_submitted = d.opt(|d| d.date())?;
    out.template_version = d.opt_string()?;
    out.fingerprint = d.opt_string()?;
    out.format = d.opt(|d| {
        Some(match d.u8()? {
            0 => Format::Xlsx,
            1 => Format::Xlsb,
            2 => Format::Xls,
            3 => Format::Ods,
            _ => return None,
        })
    })?;
    out.rows = RowCounts {
        engagement: usize::try_from(d.u64()?).ok()?,
        incidents: usize::try_from(d.u64()?).ok()?,
    };
    let mut findings = Findings::default();
    // A worker keeps at most MAX_FINDINGS, each held to its bounds: more is a bad frame,
    // so the parent never holds more than that for one file.
    let n = d.len()?;
    if n > MAX_FINDINGS {
        return None;
    }
    findings.list = (0..n).map(|_| d.finding()).collect::<Option<_>>()?;
    findings.errors = usize::try_from(d.u64()?).ok()?;
    findings.warnings = usize::try_from(d.u64()?).ok()?;
    let n = d.len()?;
    for _ in 0..n {
        let code = d.code()?;
        findings
            .by_code
            .insert(code, usize::try_from(d.u64()?).ok()?);
    }
    out.findings = findings;
    out.content = d.opt(|d| d.content())?;
    out.modified = d.opt(|d| d.u64())?;
    let n = d.len()?;
    out.ignored_sheets = (0..n).map(|_| d.string()).collect::<Option<_>>()?;
    d.0.is_empty().then_some(())
}

#[cfg(test)]
mod tests {
    use super::*;
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
