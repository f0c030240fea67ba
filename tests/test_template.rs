//! `bridger template build | fingerprint | verify`, on real files.

mod common;

use common::*;

#[test]
fn two_builds_are_byte_identical_and_match_the_committed_template() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.xlsx"), dir.path().join("b.xlsx"));
    bridger()
        .args(["template", "build", "--out"])
        .arg(&a)
        .assert()
        .success();
    bridger()
        .args(["template", "build", "--out"])
        .arg(&b)
        .assert()
        .success();
    assert_eq!(sha256(&a), sha256(&b));
    assert_eq!(sha256(&a), sha256(&root().join("template/annex-c.xlsx")));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&a).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
}

#[test]
fn real_clients_keep_the_fingerprint() {
    let pin = pinned();
    for name in [
        "openpyxl-valid.xlsx",
        "openpyxl-1904.xlsx",
        "openpyxl-nil-return.xlsx",
        "openpyxl-content-errors.xlsx",
        "openpyxl-merged.xlsx",
        "libreoffice-valid.xlsx",
        "libreoffice-valid.ods",
        "libreoffice-template.xlsx",
        "libreoffice-template.ods",
        "libreoffice-template.xls",
        "libreoffice-formulas.xlsx",
    ] {
        let out = bridger()
            .args(["template", "fingerprint"])
            .arg(real(name))
            .output()
            .unwrap();
        assert!(out.status.success(), "{name}");
        assert_eq!(String::from_utf8(out.stdout).unwrap().trim(), pin, "{name}");
    }
}

#[test]
fn alterations_change_the_fingerprint() {
    let pin = pinned();
    for name in [
        "openpyxl-renamed-header.xlsx",
        "openpyxl-added-sheet.xlsx",
        "openpyxl-stray-cell.xlsx",
        "openpyxl-inserted-column.xlsx",
    ] {
        let out = bridger()
            .args(["template", "fingerprint"])
            .arg(real(name))
            .output()
            .unwrap();
        assert_ne!(String::from_utf8(out.stdout).unwrap().trim(), pin, "{name}");
    }
    // A changed list value, a renamed sheet and a value typed outside the input regions,
    // made by editing the template's own XML.
    let dir = tempfile::tempdir().unwrap();
    let template = root().join("template/annex-c.xlsx");
    let cases: [(&str, Box<Edit>); 3] = [
        (
            "list",
            Box::new(|name: &str, bytes: Vec<u8>| {
                Some(if name == "xl/sharedStrings.xml" {
                    replace(bytes, "Threats to kill", "Threats to kil")
                } else {
                    bytes
                })
            }),
        ),
        (
            "rename",
            Box::new(|name: &str, bytes: Vec<u8>| {
                Some(if name == "xl/workbook.xml" {
                    replace(bytes, "name=\"Engagement\"", "name=\"Engagement Q1\"")
                } else {
                    bytes
                })
            }),
        ),
        (
            "title",
            Box::new(|name: &str, bytes: Vec<u8>| {
                Some(if name == "xl/sharedStrings.xml" {
                    replace(bytes, "Engagement with MPs", "Engagement with MPs (draft)")
                } else {
                    bytes
                })
            }),
        ),
    ];
    for (label, edit) in cases {
        let path = dir.path().join(format!("{label}.xlsx"));
        rewrite_zip(&template, &path, edit, &[]);
        let out = bridger()
            .args(["template", "fingerprint"])
            .arg(&path)
            .output()
            .unwrap();
        assert!(out.status.success(), "{label}");
        assert_ne!(
            String::from_utf8(out.stdout).unwrap().trim(),
            pin,
            "{label}"
        );
    }
}

/// An edit of one zip entry: its name and bytes in, new bytes (or none) out.
type Edit = dyn Fn(&str, Vec<u8>) -> Option<Vec<u8>>;

fn replace(bytes: Vec<u8>, from: &str, to: &str) -> Vec<u8> {
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.contains(from), "{from} not found");
    text.replacen(from, to, 1).into_bytes()
}

#[test]
fn fingerprint_json_has_its_parts() {
    let out = bridger()
        .args(["template", "fingerprint", "--format", "json"])
        .arg(real("libreoffice-valid.ods"))
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["fingerprint"], pinned());
    assert_eq!(v["template_id"], "NCTPOC-ANNEX-C");
    assert_eq!(v["template_version"], "1.0");
    assert_eq!(v["sheets"].as_array().unwrap().len(), 5);
    assert!(v["frame_cells"].as_u64().unwrap() > 200);
}

#[test]
fn verify_passes_on_main_and_fails_on_tampered_copies() {
    bridger().args(["template", "verify"]).assert().code(0);
    let dir = tempfile::tempdir().unwrap();
    // A structurally different template.
    let tampered = dir.path().join("tampered.xlsx");
    std::fs::copy(real("openpyxl-renamed-header.xlsx"), &tampered).unwrap();
    let out = bridger()
        .args(["template", "verify", "--template"])
        .arg(&tampered)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("not byte-identical"), "{text}");
    assert!(text.contains("not the pinned"), "{text}");
    // The same structure re-saved by another client: not byte-identical, so it fails too.
    let out = bridger()
        .args(["template", "verify", "--template"])
        .arg(real("libreoffice-template.xlsx"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    // A wrong pin.
    let pin = dir.path().join("pin");
    std::fs::write(&pin, "0".repeat(64)).unwrap();
    let out = bridger()
        .args(["template", "verify", "--pin"])
        .arg(&pin)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8(out.stdout).unwrap().contains("pins"));
    // A missing template cannot be verified at all.
    bridger()
        .args(["template", "verify", "--template"])
        .arg(dir.path().join("nope.xlsx"))
        .assert()
        .code(2);
}

/// The text of one part of a zip.
fn part(path: &std::path::Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut text = String::new();
    std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut text).unwrap();
    text
}

#[test]
fn the_template_is_a_form_for_excel_users() {
    let template = root().join("template/annex-c.xlsx");
    let incidents = part(&template, &sheet_part(&template, "Incidents"));
    // Headers frozen above row 5, filters on the header row.
    assert!(
        incidents.contains(r#"topLeftCell="A5""#) && incidents.contains(r#"state="frozen""#),
        "no frozen pane"
    );
    assert!(incidents.contains(r#"<autoFilter ref="A4:W4"/>"#));
    // Protected, without a password; input columns unlocked.
    assert!(incidents.contains("<sheetProtection") && !incidents.contains("password="));
    // A drop-down on every list column, bound to the hidden Lists sheet, to the last row.
    for (col, list_col) in [("F", "E"), ("G", "F"), ("H", "G"), ("U", "I")] {
        assert!(
            incidents.contains(&format!(r#"sqref="{col}5:{col}1048576""#)),
            "no drop-down on {col}"
        );
        assert!(
            incidents.contains(&format!("Lists!${list_col}$2")),
            "{col} not bound to Lists!{list_col}"
        );
    }
    let workbook = part(&template, "xl/workbook.xml");
    assert!(
        workbook.contains(r#"name="Lists" sheetId="5" state="hidden""#),
        "{workbook}"
    );
    let styles = part(&template, "xl/styles.xml");
    assert!(styles.contains("dd/mm/yyyy"));
}

/// The `<dataValidation …>` element whose range starts at `cell` (`A5`, `B10`).
fn validation<'a>(sheet: &'a str, cell: &str) -> &'a str {
    sheet
        .split("<dataValidation ")
        .skip(1)
        .find(|v| {
            v.split("sqref=\"").nth(1).is_some_and(|s| {
                s.starts_with(&format!("{cell}:")) || s.starts_with(&format!("{cell}\""))
            })
        })
        .unwrap_or_else(|| panic!("no data validation on {cell}"))
}

/// The value of an XML attribute in an element's text.
fn attr<'a>(element: &'a str, name: &str) -> Option<&'a str> {
    let start = element.find(&format!(" {name}=\""))? + name.len() + 3;
    element[start..].split('"').next()
}

#[test]
fn every_input_cell_has_a_prompt_within_excels_limits() {
    let template = root().join("template/annex-c.xlsx");
    for (sheet, columns) in [("Engagement", 8u8), ("Incidents", 23)] {
        let xml = part(&template, &sheet_part(&template, sheet));
        for c in 0..columns {
            let cell = format!("{}5", (b'A' + c) as char);
            let v = validation(&xml, &cell);
            assert!(v.contains(r#"showInputMessage="1""#), "{sheet}!{cell}");
            let title = attr(v, "promptTitle").unwrap_or_else(|| panic!("{sheet}!{cell}"));
            let prompt = attr(v, "prompt").unwrap_or_else(|| panic!("{sheet}!{cell}"));
            assert!(!title.is_empty() && title.chars().count() <= 32, "{title}");
            assert!(prompt.chars().count() <= 255, "{prompt}");
            assert!(
                prompt.contains("Required") || prompt.contains("Optional"),
                "{sheet}!{cell}: {prompt}"
            );
            assert!(
                v.contains(&format!(":{}1048576", (b'A' + c) as char)),
                "{v}"
            );
        }
    }
    let ret = part(&template, &sheet_part(&template, "Return"));
    for row in 5..=12 {
        let v = validation(&ret, &format!("B{row}"));
        assert!(
            attr(v, "prompt").is_some_and(|p| p.contains("Required.")),
            "{v}"
        );
    }
    // The prompt is derived from the rules: the date reported names the quarter cell, the
    // date of offence the column it may not follow, the suspect the rule `docs/annex-c.md`
    // gives.
    let incidents = part(&template, &sheet_part(&template, "Incidents"));
    assert!(attr(validation(&incidents, "B5"), "prompt")
        .unwrap()
        .contains("inside the reporting quarter (Return!B6)"));
    assert!(attr(validation(&incidents, "C5"), "prompt")
        .unwrap()
        .contains("Not after 'Date reported'"));
    assert!(attr(validation(&incidents, "M5"), "prompt")
        .unwrap()
        .contains("Yes needs a surname"));
}

#[test]
fn dates_counts_and_references_are_checked_as_typed() {
    let template = root().join("template/annex-c.xlsx");
    let incidents = part(&template, &sheet_part(&template, "Incidents"));
    // Dates between 2000-01-01 (serial 36526) and 2100-12-31 (73415), as a warning since
    // bridger also reads dates typed as text; a date of birth from 1900-01-01 (serial 1).
    for cell in ["B5", "C5"] {
        let v = validation(&incidents, cell);
        assert!(v.contains(r#"type="date""#) && v.contains(r#"errorStyle="warning""#));
        assert!(
            v.contains("<formula1>36526</formula1><formula2>73415</formula2>"),
            "{v}"
        );
    }
    assert!(validation(&incidents, "P5").contains("<formula1>1</formula1>"));
    // A reference may not repeat: stopped as typed.
    let a = validation(&incidents, "A5");
    assert!(a.contains("COUNTIF($A$5:$A$1048576,A5)&lt;=1") && !a.contains("errorStyle"));
    // Lists stay drop-downs that stop other values.
    let g = validation(&incidents, "G5");
    assert!(
        g.contains(r#"type="list""#) && !g.contains("errorStyle"),
        "{g}"
    );
    let ret = part(&template, &sheet_part(&template, "Return"));
    // A count is a whole number of 0 or more; B11 also not more than B10 once B10 is in.
    let b10 = validation(&ret, "B10");
    assert!(b10.contains(r#"type="whole" operator="greaterThanOrEqual""#));
    assert!(b10.contains("<formula1>0</formula1>") && !b10.contains("errorStyle"));
    let b11 = validation(&ret, "B11");
    assert!(b11.contains(r#"type="custom""#), "{b11}");
    assert!(b11.contains("OR($B$10=\"\",B11&lt;=$B$10)"), "{b11}");
    let b9 = validation(&ret, "B9");
    assert!(b9.contains(r#"type="date""#) && b9.contains(r#"errorStyle="warning""#));
}

/// The formulas of the conditional formats on the range that starts at `cell`, with
/// whether each is the red (error) format: dxf 0 is the first format used, the red one.
fn live(sheet: &str, cell: &str) -> Vec<(String, bool)> {
    sheet
        .split("<conditionalFormatting sqref=\"")
        .skip(1)
        .filter(|b| b.starts_with(&format!("{cell}:")) || b.starts_with(&format!("{cell}\"")))
        .flat_map(|b| b.split("<cfRule ").skip(1))
        .map(|r| {
            let f = r
                .split("<formula>")
                .nth(1)
                .unwrap()
                .split("</formula>")
                .next()
                .unwrap();
            let f = f
                .replace("&gt;", ">")
                .replace("&lt;", "<")
                .replace("&quot;", "\"");
            (f, r.contains(r#"dxfId="0""#))
        })
        .collect()
}

fn has_rule(sheet: &str, cell: &str, formula: &str, red: bool) {
    let rules = live(sheet, cell);
    assert!(
        rules.iter().any(|(f, r)| f == formula && *r == red),
        "{cell}: no {} rule {formula} in {rules:?}",
        if red { "red" } else { "amber" }
    );
}

#[test]
fn cells_turn_red_or_amber_live_for_the_rules_a_formula_can_express() {
    let template = root().join("template/annex-c.xlsx");
    let styles = part(&template, "xl/styles.xml");
    let dxfs = styles.split("<dxfs").nth(1).unwrap();
    let red = dxfs.find("FFFFC7CE").expect("a red fill");
    let amber = dxfs.find("FFFFEB9C").expect("an amber fill");
    assert!(red < amber, "the red format is dxf 0");
    let inc = part(&template, &sheet_part(&template, "Incidents"));
    let q = "Return!$B$6";
    let (y, n) = (
        format!("VALUE(LEFT({q},4))"),
        format!("VALUE(RIGHT({q},1))"),
    );
    // Date reported outside the quarter in Return!B6 ("2016-17 Q1").
    has_rule(
        &inc,
        "B5",
        &format!(
            "IFERROR(AND(ISNUMBER(B5),OR(B5<DATE({y},1+3*{n},1),B5>=DATE({y},4+3*{n},1))),FALSE)"
        ),
        true,
    );
    // Offence after reported.
    has_rule(&inc, "C5", "AND(ISNUMBER(C5),ISNUMBER($B5),C5>$B5)", true);
    // A required cell blank on a row that has any input.
    has_rule(&inc, "D5", "AND(COUNTA($A5:$W5)>0,LEN(TRIM(D5))=0)", true);
    // A value not in its list (pasted past the drop-down), compared trimmed.
    has_rule(
        &inc,
        "G5",
        "AND(LEN(TRIM(G5))>0,COUNTIF(Lists!$F$2:$F$17,TRIM(G5))=0)",
        true,
    );
    // In a Yes/No column, Y and N are amber (read as Yes and No, with a warning), not red.
    let yn = |c: &str| format!("OR(UPPER(TRIM({c}))=\"Y\",UPPER(TRIM({c}))=\"N\")");
    has_rule(
        &inc,
        "K5",
        &format!(
            "AND(LEN(TRIM(K5))>0,COUNTIF(Lists!$C$2:$C$3,TRIM(K5))=0,NOT({}))",
            yn("K5")
        ),
        true,
    );
    has_rule(&inc, "K5", &yn("K5"), false);
    // A duplicate reference: on the later row only, trimmed, ignoring case.
    has_rule(
        &inc,
        "A5",
        "AND(LEN(TRIM(A5))>0,SUMPRODUCT(--(UPPER(TRIM($A$5:A5))=UPPER(TRIM(A5))))>1)",
        true,
    );
    // Suspect identified Yes with none of N, P, Q, R; No with details (amber). Yes and No
    // as bridger reads them: trimmed, any case, or Y and N.
    let is = |c: &str, v: &str, short: &str| {
        format!("OR(UPPER(TRIM({c}))=\"{v}\",UPPER(TRIM({c}))=\"{short}\")")
    };
    has_rule(
        &inc,
        "M5",
        &format!("AND({},COUNTA($N5,$P5,$Q5,$R5)=0)", is("M5", "YES", "Y")),
        true,
    );
    has_rule(
        &inc,
        "M5",
        &format!("AND({},COUNTA($N5,$O5,$P5,$Q5,$R5)>0)", is("M5", "NO", "N")),
        false,
    );
    // Referred to FTAC without mental health concerns (amber).
    has_rule(
        &inc,
        "T5",
        &format!(
            "AND({},NOT({}))",
            is("T5", "YES", "Y"),
            is("$S5", "YES", "Y")
        ),
        false,
    );
    // An implausible age at the date reported.
    has_rule(&inc, "P5", "IFERROR(AND(ISNUMBER(P5),ISNUMBER($B5),OR(P5>EDATE($B5,-12*10),P5<=EDATE($B5,-12*111))),FALSE)", true);
    // The letter's warnings (amber).
    has_rule(&inc, "J5", &is("J5", "NO", "N"), false);
    has_rule(&inc, "K5", &is("K5", "NO", "N"), false);
    let eng = part(&template, &sheet_part(&template, "Engagement"));
    // Required-with: contact made by, once a date of last contact is in.
    has_rule(&eng, "D5", "AND(LEN(TRIM($C5))>0,LEN(TRIM(D5))=0)", true);
    // Last contact after the quarter's end.
    has_rule(
        &eng,
        "C5",
        &format!("IFERROR(AND(ISNUMBER(C5),C5>=DATE({y},4+3*{n},1)),FALSE)"),
        true,
    );
    let ret = part(&template, &sheet_part(&template, "Return"));
    has_rule(&ret, "B11", "OR(AND(LEN(B11)>0,IF(ISNUMBER(B11),OR(B11<0,B11<>INT(B11)),TRUE)),AND(ISNUMBER(B11),ISNUMBER($B$10),B11>$B$10))", true);
    let rows = "COUNTA(Incidents!$A$5:$W$1048576)";
    has_rule(
        &ret,
        "B12",
        &format!("AND({},{rows}>0)", is("B12", "YES", "Y")),
        true,
    );
    has_rule(
        &ret,
        "B12",
        &format!("AND({},{rows}=0)", is("B12", "NO", "N")),
        true,
    );
    has_rule(&ret, "B12", &yn("B12"), false);
    has_rule(&ret, "B8", "AND(LEN(B8)>0,ISERROR(FIND(\"@\",B8)))", true);
    // No dynamic-array functions, which LibreOffice and older Excel lack.
    for xml in [&inc, &eng, &ret] {
        for f in ["FILTER(", "LET(", "XLOOKUP(", "UNIQUE(", "_xlfn"] {
            assert!(!xml.contains(f), "{f}");
        }
    }
}

/// The style index of a cell in a sheet's XML.
fn style_of(sheet: &str, cell: &str) -> String {
    let at = sheet.find(&format!("<c r=\"{cell}\"")).unwrap();
    attr(&sheet[at..], "s").unwrap().to_string()
}

#[test]
fn required_columns_are_marked_by_style_with_a_legend_in_a_note() {
    let template = root().join("template/annex-c.xlsx");
    let eng = part(&template, &sheet_part(&template, "Engagement"));
    // A, B, E, F, G required; C, D, H not.
    let required = style_of(&eng, "A4");
    for cell in ["B4", "E4", "F4", "G4"] {
        assert_eq!(style_of(&eng, cell), required, "{cell}");
    }
    for cell in ["C4", "D4", "H4"] {
        assert_ne!(style_of(&eng, cell), required, "{cell}");
    }
    // The legend is a note (not a cell value) on each table's first header, and on the
    // Return title.
    let notes: Vec<String> = (1..=3)
        .map(|i| part(&template, &format!("xl/comments{i}.xml")))
        .collect();
    assert!(notes
        .iter()
        .any(|n| n.contains(r#"ref="A1""#) && n.contains("every input in column B is required")));
    assert_eq!(
        notes
            .iter()
            .filter(|n| n.contains(r#"ref="A4""#) && n.contains("deeper blue"))
            .count(),
        2
    );
}

#[test]
fn the_template_prints_well() {
    let template = root().join("template/annex-c.xlsx");
    let setup = |sheet: &str| {
        let xml = part(&template, &sheet_part(&template, sheet));
        assert!(xml.contains(r#"<pageSetUpPr fitToPage="1"/>"#), "{sheet}");
        let at = xml.find("<pageSetup ").unwrap();
        (xml[at..].split("/>").next().unwrap().to_string(), xml)
    };
    let (instructions, xml) = setup("Instructions");
    assert!(
        instructions.contains(r#"orientation="portrait""#)
            && instructions.contains(r#"paperSize="9""#)
    );
    // Every instruction line wrapped with a height set, three lines for the longest.
    let heights: Vec<f64> = xml
        .split("<row ")
        .skip(1)
        .filter_map(|r| attr(r, "ht").map(|h| h.parse().unwrap()))
        .collect();
    assert_eq!(heights.len(), 7, "{heights:?}");
    assert!(heights.iter().any(|h| *h >= 45.0));
    let (ret, _) = setup("Return");
    // Labels and inputs on one page: fit to 1 x 1 (Excel's defaults, not written).
    assert!(
        !ret.contains("fitToWidth") && !ret.contains("fitToHeight"),
        "{ret}"
    );
    for (sheet, wide) in [("Engagement", None), ("Incidents", Some("3"))] {
        let (s, _) = setup(sheet);
        assert!(s.contains(r#"orientation="landscape""#), "{s}");
        assert!(s.contains(r#"fitToHeight="0""#), "{s}");
        assert_eq!(attr(&s, "fitToWidth"), wide, "{s}");
    }
    let workbook = part(&template, "xl/workbook.xml");
    assert!(workbook.contains(
        r#"<definedName name="_xlnm.Print_Titles" localSheetId="2">Engagement!$1:$4</definedName>"#
    ));
    assert!(workbook.contains(r#"localSheetId="3">Incidents!$A:$A,Incidents!$1:$4</definedName>"#));
}

#[test]
fn a_return_with_mistakes_keeps_the_fingerprint_and_its_mistakes_are_the_live_ones() {
    // The cells the live checks colour in the rendered fixture (see
    // fixtures/make_selfcheck_fixtures.py, and tests/live/run.sh, which renders it):
    // bridger reports a finding on each, and on no other cell.
    let expected = [
        "Return!B8",
        "Return!B11",
        "Return!B12",
        "Engagement!C6",
        "Engagement!D6",
        "Engagement!E7",
        "Incidents!B6",
        "Incidents!C6",
        "Incidents!M6",
        "Incidents!J6",
        "Incidents!A7",
        "Incidents!D7",
        "Incidents!G7",
        "Incidents!M7",
        "Incidents!T7",
        "Incidents!P8",
        "Incidents!A9",
        "Incidents!K9",
        "Engagement!G8",
    ];
    for name in [
        "selfcheck-mistakes.xlsx",
        "selfcheck-mistakes-libreoffice.xlsx",
    ] {
        let out = bridger()
            .args(["validate", "--format", "json"])
            .arg(real(name))
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["fingerprint"], pinned(), "{name}");
        let mut cells: Vec<String> = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                format!(
                    "{}!{}",
                    f["sheet"].as_str().unwrap(),
                    f["cell"].as_str().unwrap()
                )
            })
            .collect();
        cells.sort();
        let mut want: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
        want.sort();
        assert_eq!(cells, want, "{name}");
    }
}

#[test]
fn demo_returns_built_from_the_template_keep_the_fingerprint() {
    let dir = tempfile::tempdir().unwrap();
    bridger()
        .args(["demo", "--incidents", "3", "--forces", "1"])
        .arg(dir.path())
        .assert()
        .success();
    let file = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "xlsx"))
        .expect("a demo return");
    let out = bridger()
        .args(["template", "fingerprint"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap().trim(), pinned());
}

/// `template build` works from any folder: outside the source tree it writes annex-c.xlsx
/// in the current folder (the same bytes as the committed template); `template verify`
/// there says what it needs instead of "No such file".
#[test]
fn build_works_from_any_folder_and_verify_says_what_it_needs() {
    let dir = tempfile::tempdir().unwrap();
    let o = bridger()
        .current_dir(dir.path())
        .args(["template", "build"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.starts_with("wrote annex-c.xlsx ("), "{out}");
    assert_eq!(
        std::fs::read(dir.path().join("annex-c.xlsx")).unwrap(),
        std::fs::read(root().join("template/annex-c.xlsx")).unwrap()
    );
    let o = bridger()
        .current_dir(dir.path())
        .args(["template", "verify"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8(o.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("template/annex-c.xlsx is not there")
            && err.contains("bridger's source tree")
            && err.contains("--template FILE --pin FILE"),
        "{err}"
    );
}
