//! Every finding's message reads as a sentence with its subject ("'Suspect identified' is
//! 'Yes' but …", never "is 'Yes' but …"), says what to do after one colon (no "…: item 9
//! of the letter: record …"), and a date outside the reporting quarter names the quarter
//! it falls in and the return to report it in.

mod common;

use common::*;

/// Returns with most kinds of finding: the template's self-check mistakes, content
/// errors, formulas without a saved value and an error value, a nil return.
const FILES: [&str; 5] = [
    "selfcheck-mistakes.xlsx",
    "openpyxl-content-errors.xlsx",
    "openpyxl-formulas.xlsx",
    "libreoffice-formulas.xlsx",
    "openpyxl-nil-return.xlsx",
];

/// Every finding of `file` as (cell, code, message).
fn findings(file: &str) -> Vec<(String, String, String)> {
    let (_, outcome) = validate_json(&real(file));
    outcome["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap_or_default().to_string();
            (
                format!("{}!{}", s("sheet"), s("cell")),
                s("code"),
                s("message"),
            )
        })
        .collect()
}

/// The colons of `m` followed by a space, outside brackets.
fn colons(m: &str) -> usize {
    let (mut depth, mut n) = (0i32, 0);
    let chars: Vec<char> = m.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ':' if depth == 0 && chars.get(i + 1) == Some(&' ') => n += 1,
            _ => {}
        }
    }
    n
}

#[test]
fn every_message_has_its_subject_and_one_colon() {
    let mut seen = 0;
    for file in FILES {
        for (cell, code, m) in findings(file) {
            seen += 1;
            let first = m.split_whitespace().next().unwrap_or_default();
            assert!(
                !["is", "are", "holds", "gives", "has", "looks", "was"].contains(&first),
                "{file} {cell} `{code}` has no subject: {m}"
            );
            assert!(
                colons(&m) <= 1,
                "{file} {cell} `{code}` has doubled colons: {m}"
            );
        }
    }
    assert!(seen >= 30, "{seen} findings");
}

#[test]
fn a_date_outside_the_quarter_names_the_quarter_it_falls_in() {
    let found = findings("selfcheck-mistakes.xlsx");
    let message = |cell: &str, code: &str| {
        found
            .iter()
            .find(|(c, k, _)| c == cell && k == code)
            .map(|f| f.2.clone())
            .unwrap_or_else(|| panic!("no {code} on {cell}: {found:?}"))
    };
    assert_eq!(
        message("Incidents!B6", "date-outside-quarter"),
        "15/08/2016 is outside the reporting quarter 2016-17 Q1 (01/04/2016 to 30/06/2016): \
         it falls in 2016-17 Q2; correct the date, or report it in the 2016-17 Q2 return"
    );
    assert!(message("Engagement!C6", "date-after-quarter").contains("it falls in 2016-17 Q2"));
    assert_eq!(
        message("Incidents!M6", "suspect-details-missing")
            .split(" but ")
            .next(),
        Some("'Suspect identified' is 'Yes'")
    );
    assert_eq!(
        message("Incidents!J6", "not-recorded-as-crime"),
        "'Recorded as a crime' is 'No' (item 9 of the letter: record every incident against \
         an MP as a crime where the crime-recording rules allow)"
    );
}
