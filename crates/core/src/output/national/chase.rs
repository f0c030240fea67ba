//! The chase list, as the national workbook's `Chase` sheet and as `collate --chase
//! FILE.csv`: one line per expected force without a valid return for some quarter, the
//! quarters it owes, why (in full), whom to ask and how many days overdue.
//!
//! Both are written from [`Collation::chase_by_force`], so the sheet and the CSV cannot
//! disagree.
//! The CSV is made here as text (the command line writes it atomically and owner-only like
//! every output), and a cell that a
//! spreadsheet would run as a formula (`=`, `+`, `-`, `@`) is written with a `'` before it.

use crate::base::text::fit_cell;
use crate::base::text::plural;
use crate::base::value::Value;
use crate::collate::{Collation, ForceToChase};

use super::Sheet;

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
pub(super) fn chase_sheet(c: &Collation) -> Sheet {
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
    Sheet {
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

/// One CSV field: quoted when it holds a comma, quote or line break, with a `'` before
/// text a spreadsheet would run as a formula, and no longer than an Excel cell holds.
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
    let s = match fit_cell(&s) {
        std::borrow::Cow::Owned(cut) => cut,
        std::borrow::Cow::Borrowed(_) => s,
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// The chase list as CSV text: a byte order mark (so that Excel reads it as UTF-8 and
/// shows "Chloé"), a header line, then one line per force.
pub fn chase_csv(c: &Collation) -> String {
    let mut out = String::from("\u{feff}");
    out.push_str(&CHASE_HEADERS.join(","));
    out.push_str("\r\n");
    for f in c.chase_by_force() {
        let line: Vec<String> = cells(&f).iter().map(field).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_and_formulas_defused() {
        assert_eq!(field(&Value::Text("a,b".into())), "\"a,b\"");
        assert_eq!(
            field(&Value::Text("say \"hi\"".into())),
            "\"say \"\"hi\"\"\""
        );
        assert_eq!(
            field(&Value::Text("=HYPERLINK(1)".into())),
            "'=HYPERLINK(1)"
        );
        assert_eq!(field(&Value::Number(12.0)), "12");
        assert_eq!(field(&Value::Empty), "");
        let long = field(&Value::Text("x".repeat(40_000)));
        // Cut with a note saying so ("40,000 characters in all"), whose comma quotes it.
        assert_eq!(long.trim_matches('"').chars().count(), 32_767);
        let formula = field(&Value::Text(format!("={}", "x".repeat(40_000))));
        assert!(formula.starts_with("\"'=") && formula.trim_matches('"').chars().count() == 32_767);
    }
}
