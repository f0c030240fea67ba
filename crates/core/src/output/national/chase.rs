//! The chase list, as the national workbook's `Chase` sheet and as `collate --chase
//! FILE.csv`: one line per expected force without a valid return for some quarter, the
//! quarters it owes, why (in full), whom to ask and how many days overdue.
//!
//! Both are written from [`Collation::chase_by_force`], so the sheet and the CSV cannot
//! disagree. The CSV is made here as text by the `csv` crate (the command line writes it
//! atomically and owner-only like every output), and a cell that a spreadsheet would run as
//! a formula (`=`, `+`, `-`, `@`) is written with a `'` before it.

use crate::base::text::fit_cell;
use crate::base::text::plural;
use crate::base::value::Value;
use crate::collate::{Collation, ForceToChase};

use super::TableSheet;

/// The columns of the chase list, in the sheet and the CSV alike: one line per force, the
/// names plain, for a mail merge.
pub(crate) const CHASE_HEADERS: [&str; 10] = [
    "Force code",
    "Force",
    "Quarters owed",
    "Status",
    "Reason",
    "Contact name",
    "Contact email",
    "Contact from",
    "Due date",
    "Days overdue",
];

/// The values of one force's line, in [`CHASE_HEADERS`] order.
fn cells(f: &ForceToChase) -> Vec<Value> {
    let contact = f.contact().cloned().unwrap_or_default();
    let text = |s: String| {
        if s.is_empty() {
            Value::Empty
        } else {
            Value::Text(s)
        }
    };
    vec![
        Value::Text(f.force_code().to_string()),
        Value::Text(f.force().to_string()),
        Value::Text(f.quarters()),
        Value::Text(f.status()),
        Value::Text(f.reason()),
        text(contact.submitted_by.clone()),
        text(contact.email.clone()),
        text(contact.source()),
        Value::Date(f.deadline()),
        Value::Number(f.days_overdue() as f64),
    ]
}

/// The `Chase` sheet: one row per force, the quarters owed and the reasons in full,
/// wrapped.
pub(super) fn chase_sheet(c: &Collation) -> TableSheet {
    let forces = c.chase_by_force();
    let note = if forces.is_empty() {
        "Every expected force has a valid return for every quarter: nobody to chase.".to_string()
    } else {
        let quarters: usize = forces.iter().map(|f| f.owed.len()).sum();
        format!(
            "{} without a valid return ({} owed), to chase; contacts are from each force's most recent return of any quarter (or the contacts file); due date and days overdue of the earliest quarter owed, as of {}.",
            plural(forces.len(), "force"),
            plural(quarters, "quarter"),
            c.today.uk()
        )
    };
    TableSheet {
        name: "Chase".into(),
        note,
        headers: CHASE_HEADERS.iter().map(|s| s.to_string()).collect(),
        widths: vec![16.0, 24.0, 14.0, 14.0, 50.0, 20.0, 30.0, 11.0, 11.0, 9.0],
        rows: forces.iter().map(cells).collect(),
        percent: Vec::new(),
    }
}

/// The columns of the Chase sheet that are wrapped: the quarters, the status, the reason.
pub(super) const WRAPPED: [usize; 3] = [2, 3, 4];

/// One CSV field's text, with a `'` before text a spreadsheet would run as a formula, and
/// no longer than an Excel cell holds (the `csv` crate quotes it when it holds a comma,
/// quote or line break).
fn field(v: &Value) -> String {
    let s = match v {
        Value::Empty => String::new(),
        Value::Text(t) => t.clone(),
        Value::Date(d) => d.iso(),
        Value::Number(n) => format!("{n}"),
    };
    let s = if matches!(v, Value::Text(_)) && s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s
    };
    match fit_cell(&s) {
        std::borrow::Cow::Owned(cut) => cut,
        std::borrow::Cow::Borrowed(_) => s,
    }
}

/// The chase list as CSV text: a byte order mark (so that Excel reads it as UTF-8 and
/// shows "Chloé"), a header line, then one line per force, each ended by CRLF as Excel
/// writes CSV.
pub fn chase_csv(c: &Collation) -> String {
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let forces = c.chase_by_force();
    let lines = std::iter::once(CHASE_HEADERS.map(String::from).to_vec())
        .chain(forces.iter().map(|f| cells(f).iter().map(field).collect()));
    for line in lines {
        // Writing to memory cannot fail, and every line has the header's fields.
        let _ = out.write_record(&line);
    }
    let bytes = out.into_inner().unwrap_or_default();
    // Every field is a Rust string: the bytes are UTF-8.
    format!("\u{feff}{}", String::from_utf8(bytes).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `v` as the chase CSV writes it, as the first of two fields of a line.
    fn written(v: &Value) -> String {
        let mut out = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::new());
        out.write_record([field(v), "x".into()]).unwrap();
        let line = String::from_utf8(out.into_inner().unwrap()).unwrap();
        line.strip_suffix(",x\r\n").unwrap().to_string()
    }

    #[test]
    fn fields_are_quoted_and_formulas_defused() {
        assert_eq!(written(&Value::Text("a,b".into())), "\"a,b\"");
        assert_eq!(
            written(&Value::Text("say \"hi\"".into())),
            "\"say \"\"hi\"\"\""
        );
        assert_eq!(
            written(&Value::Text("two\nlines\r".into())),
            "\"two\nlines\r\""
        );
        assert_eq!(
            written(&Value::Text("=HYPERLINK(1)".into())),
            "'=HYPERLINK(1)"
        );
        assert_eq!(written(&Value::Number(12.0)), "12");
        assert_eq!(written(&Value::Empty), "");
        let long = written(&Value::Text("x".repeat(40_000)));
        // Cut with a note saying so ("40,000 characters in all"), whose comma quotes it.
        assert_eq!(long.trim_matches('"').chars().count(), 32_767);
        let formula = written(&Value::Text(format!("={}", "x".repeat(40_000))));
        assert!(formula.starts_with("\"'=") && formula.trim_matches('"').chars().count() == 32_767);
    }
}
