//! Exact structural accounts and list suggestions on real-client fixtures made by openpyxl
//! and re-saved by LibreOffice (fixtures/make_structure_fixtures.py): each hand edit gets
//! ONE finding that names where it is and what to do, and none of the false ones it used
//! to cascade into.

mod common;

use common::*;

/// The one finding of `name`, which must be the only one: (code, sheet!cell, message).
fn only_finding(name: &str) -> (String, String, String, serde_json::Value) {
    let (exit, v) = validate_json(&real(name));
    assert_eq!(exit, 1, "{name}: {v}");
    let found = codes(&v);
    assert_eq!(
        found.len(),
        1,
        "{name}: one finding, not a cascade: {found:?}"
    );
    let (code, at) = found[0].clone();
    let message = v["findings"][0]["message"].as_str().unwrap().to_string();
    (code, at, message, v)
}

fn both(stem: &str) -> [String; 2] {
    [
        format!("openpyxl-{stem}.xlsx"),
        format!("libreoffice-{stem}.xlsx"),
    ]
}

#[test]
fn a_blank_inserted_column_is_named_where_it_was_inserted() {
    for name in both("blank-column") {
        let (code, at, message, v) = only_finding(&name);
        assert_eq!(v["status"], "modified-template", "{name}");
        assert_eq!(
            (code.as_str(), at.as_str()),
            ("column-inserted", "Incidents!D4")
        );
        assert_eq!(
            message,
            "a column was inserted before Incidents!D ('MP name') (column D is new and blank): delete column D",
            "{name}"
        );
    }
}

#[test]
fn a_headed_inserted_column_still_says_delete_column_d() {
    let (code, at, message, _) = only_finding("openpyxl-inserted-column.xlsx");
    assert_eq!(
        (code.as_str(), at.as_str()),
        ("column-inserted", "Incidents!D4")
    );
    assert!(
        message.contains("inserted before Incidents!D")
            && message.contains("headed 'Extra'")
            && message.ends_with("delete column D"),
        "{message}"
    );
}

#[test]
fn a_deleted_column_says_where_to_insert_it_back() {
    for name in both("deleted-column") {
        let (code, at, message, v) = only_finding(&name);
        assert_eq!(
            (code.as_str(), at.as_str()),
            ("column-deleted", "Incidents!D4")
        );
        assert_eq!(v["findings"][0]["column"], "MP name", "{name}");
        assert!(
            message.contains("Incidents!D 'MP name' was deleted")
                && message.contains("now holds 'Constituency'")
                && message.ends_with("insert a column before column D and type 'MP name' in D4"),
            "{name}: {message}"
        );
    }
}

#[test]
fn a_row_inserted_above_the_headers_is_named_with_no_false_frame_findings() {
    for name in both("row-inserted") {
        let (code, at, message, _) = only_finding(&name);
        assert_eq!(
            (code.as_str(), at.as_str()),
            ("rows-inserted", "Incidents!A3")
        );
        assert_eq!(
            message,
            "1 row was inserted above the headers of Incidents, at row 3 (the headers are on row 5 instead of row 4): delete row 3",
            "{name}"
        );
    }
}

#[test]
fn a_row_deleted_above_the_headers_is_named_with_no_false_frame_findings() {
    for name in both("row-deleted") {
        let (code, at, message, _) = only_finding(&name);
        assert_eq!(
            (code.as_str(), at.as_str()),
            ("rows-inserted", "Incidents!A3")
        );
        assert_eq!(
            message,
            "1 row was deleted above the headers of Incidents, at row 3 (the headers are on row 3 instead of row 4): insert 1 row before row 3",
            "{name}"
        );
    }
}

#[test]
fn a_forces_own_spreadsheet_is_not_annex_c_once() {
    for name in both("own-spreadsheet") {
        let (code, at, message, v) = only_finding(&name);
        assert_eq!(v["status"], "modified-template", "{name}");
        assert_eq!((code.as_str(), at.as_str()), ("not-annex-c", "Sheet1"));
        assert!(
            message.starts_with("this workbook is not the Annex C template")
                && message.contains("'Sheet1'")
                && message.contains("copy your rows into the Annex C template"),
            "{name}: {message}"
        );
        let text = v.to_string();
        assert!(
            !text.contains("sheet-missing") && !text.contains("sheet-added"),
            "{name}: {text}"
        );
    }
}

#[test]
fn a_force_by_another_name_is_answered_with_the_force_it_means() {
    for name in both("force-alias") {
        let (code, at, message, v) = only_finding(&name);
        assert_eq!(v["status"], "invalid", "{name}");
        assert_eq!((code.as_str(), at.as_str()), ("not-in-list", "Return!B5"));
        assert_eq!(
            message,
            "'Kent Constabulary' is not in the Forces list: did you mean 'Kent Police'? Choose 'Kent Police' from the drop-down",
            "{name}"
        );
    }
}

#[test]
fn quarters_written_the_ways_people_write_them_are_answered_with_the_list_spelling() {
    let cases = [
        ("openpyxl-quarter-1.xlsx", "Q1 2016/17"),
        ("libreoffice-quarter-1.xlsx", "Q1 2016/17"),
        ("openpyxl-quarter-2.xlsx", "2016/17 Q1"),
        ("openpyxl-quarter-3.xlsx", "Apr-Jun 2016"),
        ("openpyxl-quarter-4.xlsx", "Q1 16-17"),
        ("openpyxl-quarter-5.xlsx", "Q1 2016-2017"),
        ("openpyxl-quarter-6.xlsx", "April to June 2016"),
    ];
    for (name, text) in cases {
        let (code, at, message, v) = only_finding(name);
        assert_eq!(v["status"], "invalid", "{name}");
        assert_eq!((code.as_str(), at.as_str()), ("not-in-list", "Return!B6"));
        assert_eq!(v["findings"][0]["value"], text, "{name}");
        assert_eq!(
            message,
            format!("'{text}' is not in the Quarters list: it reads as 2016-17 Q1 (1 April 2016 to 30 June 2016); choose '2016-17 Q1' from the drop-down"),
            "{name}"
        );
    }
}
