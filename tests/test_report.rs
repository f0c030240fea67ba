//! The annotated copy (`bridger validate --report`) is a return: it validates exactly as
//! the original, marks every cell with a finding, keeps the template's drop-downs and
//! protection, and, fixed in a real client, validates clean.

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx};
use common::*;

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

fn roundtrip(name: &str) -> PathBuf {
    fixture(&format!("roundtrip/{name}"))
}

/// Writes the annotated copy of `src` into `dir`; returns its path and bridger's exit code.
fn report(src: &Path, dir: &Path) -> (PathBuf, i32) {
    let out = dir.join("checked.xlsx");
    let o = bridger()
        .args(["validate", "--report"])
        .arg(&out)
        .arg(src)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("annotated copy written to"), "{text}");
    (out, o.status.code().unwrap())
}

/// One part of an xlsx package, as text.
fn part(xlsx: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(xlsx).unwrap()).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// The `n`th `<tag ...>` element of the part of `xml` between `<list` and `</list>`.
fn nth_element<'a>(xml: &'a str, list: &str, tag: &str, n: usize) -> &'a str {
    let start = xml.find(&format!("<{list}")).unwrap();
    let end = start + xml[start..].find(&format!("</{list}>")).unwrap();
    let open = format!("<{tag}");
    let mut pieces = xml[start..end]
        .split(open.as_str())
        .skip(1)
        .filter(|p| p.starts_with([' ', '>', '/']));
    pieces.nth(n).unwrap()
}

/// The value of `attr="…"` in an element's text.
fn attr<'a>(element: &'a str, attr: &str) -> Option<&'a str> {
    let key = format!(" {attr}=\"");
    let at = element.find(&key)? + key.len();
    Some(&element[at..at + element[at..].find('"')?])
}

/// The fill colour (ARGB) and number-format id of a cell, from the sheet's part and the
/// package's styles.
fn look(xlsx: &Path, sheet_xml: &str, cell: &str) -> (Option<String>, String) {
    let styles = part(xlsx, "xl/styles.xml");
    let at = sheet_xml
        .find(&format!("<c r=\"{cell}\""))
        .unwrap_or_else(|| panic!("no cell {cell}"));
    let element = &sheet_xml[at..at + sheet_xml[at..].find('>').unwrap()];
    let xf: usize = attr(element, "s").map_or(0, |s| s.parse().unwrap());
    let xf = nth_element(&styles, "cellXfs", "xf", xf);
    let fill: usize = attr(xf, "fillId").unwrap().parse().unwrap();
    let fill = nth_element(&styles, "fills", "fill", fill);
    let rgb = fill
        .find("<fgColor")
        .and_then(|i| attr(&fill[i..], "rgb"))
        .map(str::to_string);
    (rgb, attr(xf, "numFmtId").unwrap().to_string())
}

/// The notes of a sheet, by cell: read through the sheet's relationships.
fn notes(xlsx: &Path, sheet: &str) -> Vec<(String, String)> {
    let sheet_path = sheet_part(xlsx, sheet);
    let rels_path = sheet_path.replace("worksheets/", "worksheets/_rels/") + ".rels";
    let rels = part(xlsx, &rels_path);
    let key = "Target=\"../comments";
    let Some(i) = rels.find(key) else {
        return Vec::new();
    };
    let i = i + "Target=\"../".len();
    let target = &rels[i..i + rels[i..].find('"').unwrap()];
    let comments = part(xlsx, &format!("xl/{target}"));
    comments
        .split("<comment ")
        .skip(1)
        .map(|c| {
            (
                attr(&format!(" {c}"), "ref").unwrap().to_string(),
                c.to_string(),
            )
        })
        .collect()
}

#[test]
fn the_copy_of_a_return_with_mistakes_validates_exactly_as_the_original() {
    for src in [
        real("openpyxl-content-errors.xlsx"),
        roundtrip("libreoffice-mistakes.xlsx"),
    ] {
        let dir = tmp();
        let (copy, code) = report(&src, dir.path());
        assert_eq!(code, 1, "{}", src.display());
        let (code_in, original) = validate_json(&src);
        let (code_out, checked) = validate_json(&copy);
        assert_eq!(code_in, code_out);
        assert_eq!(original["status"], "invalid");
        assert_eq!(checked["status"], "invalid");
        assert_eq!(codes(&original).len(), 13);
        assert_eq!(codes(&checked), codes(&original), "{}", src.display());
        let messages = |o: &serde_json::Value| -> Vec<String> {
            o["findings"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f["message"].to_string())
                .collect()
        };
        assert_eq!(messages(&checked), messages(&original));
        assert_eq!(checked["fingerprint"], original["fingerprint"]);
        // The findings sheet was set aside, and said so.
        assert_eq!(
            checked["ignored_sheets"],
            serde_json::json!(["Bridger findings"])
        );
        assert!(original.get("ignored_sheets").is_none(), "{original}");
        let text = bridger().arg("validate").arg(&copy).output().unwrap();
        let text = String::from_utf8_lossy(&text.stdout);
        assert!(
            text.contains("sheet 'Bridger findings' is bridger's list of findings")
                && !text.contains("sheet-added"),
            "{text}"
        );
    }
}

#[test]
fn every_flagged_cell_is_red_or_amber_with_a_note_and_keeps_its_number_format() {
    let dir = tmp();
    let (copy, _) = report(&real("openpyxl-content-errors.xlsx"), dir.path());
    let (_, outcome) = validate_json(&copy);
    let findings = outcome["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 13);
    for f in findings {
        let sheet = f["sheet"].as_str().unwrap();
        let cell = f["cell"].as_str().unwrap();
        let xml = part(&copy, &sheet_part(&copy, sheet));
        let (fill, _) = look(&copy, &xml, cell);
        let want = match f["severity"].as_str().unwrap() {
            "error" => "FFFFC7CE",
            _ => "FFFFEB9C",
        };
        assert_eq!(fill.as_deref(), Some(want), "{sheet}!{cell}");
        let noted = notes(&copy, sheet);
        let (_, text) = noted
            .iter()
            .find(|(r, _)| r == cell)
            .unwrap_or_else(|| panic!("no note on {sheet}!{cell}"));
        let code = f["code"].as_str().unwrap();
        assert!(
            text.contains(&format!("({code})")),
            "{sheet}!{cell}: {text}"
        );
        let text = text
            .replace("&apos;", "'")
            .replace("&quot;", "\"")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&");
        let message = f["message"].as_str().unwrap();
        assert!(text.contains(message), "{sheet}!{cell}: {text}");
    }
    // A cell with no finding is not filled.
    let incidents = part(&copy, &sheet_part(&copy, "Incidents"));
    assert_eq!(look(&copy, &incidents, "A5").0, None);
    // Dates stay dates (in a date format), marked or not; a number typed in a date column
    // stays a number; text stays text.
    let mut wb: Xlsx<_> = calamine::open_workbook(&copy).unwrap();
    let range = wb.worksheet_range("Incidents").unwrap();
    assert!(
        matches!(range.get_value((7, 1)), Some(Data::DateTime(_))),
        "B8"
    );
    assert!(
        matches!(range.get_value((4, 1)), Some(Data::DateTime(_))),
        "B5"
    );
    assert_eq!(range.get_value((9, 1)), Some(&Data::Float(42475.0)), "B10");
    assert_eq!(
        range.get_value((6, 1)),
        Some(&Data::String("07/13/2016".into())),
        "B7"
    );
    assert_ne!(look(&copy, &incidents, "B8").1, "0");
}

#[test]
fn the_copy_keeps_the_templates_drop_downs_protection_and_widths() {
    let dir = tmp();
    let (copy, _) = report(&real("openpyxl-content-errors.xlsx"), dir.path());
    let wb: Xlsx<_> = calamine::open_workbook(&copy).unwrap();
    assert_eq!(
        wb.sheet_names(),
        [
            "Instructions",
            "Return",
            "Engagement",
            "Incidents",
            "Lists",
            "Bridger findings"
        ]
    );
    for sheet in ["Return", "Incidents", "Engagement"] {
        let xml = part(&copy, &sheet_part(&copy, sheet));
        assert!(xml.contains("<sheetProtection"), "{sheet}");
        assert!(xml.contains("<dataValidation "), "{sheet}");
        assert!(xml.contains("<col "), "{sheet}");
    }
    let incidents = part(&copy, &sheet_part(&copy, "Incidents"));
    assert!(
        incidents.contains("Lists!$"),
        "drop-downs bound to the Lists sheet"
    );
    // The Lists sheet is still hidden, and the findings sheet is the one that opens.
    let book = part(&copy, "xl/workbook.xml");
    assert!(
        book.contains(r#"name="Lists" sheetId="5" state="hidden""#),
        "{book}"
    );
    assert!(book.contains(r#"activeTab="5""#), "{book}");
}

#[test]
fn the_findings_sheet_lists_every_finding_with_a_link_to_its_cell() {
    let dir = tmp();
    let (copy, _) = report(&real("openpyxl-content-errors.xlsx"), dir.path());
    let mut wb: Xlsx<_> = calamine::open_workbook(&copy).unwrap();
    let range = wb.worksheet_range("Bridger findings").unwrap();
    let a1 = range.get_value((0, 0)).unwrap().to_string();
    assert_eq!(a1, bridger_core::FINDINGS_MARKER);
    let cells: Vec<String> = range.rows().skip(4).map(|r| r[2].to_string()).collect();
    assert_eq!(cells.len(), 13, "{cells:?}");
    let xml = part(&copy, &sheet_part(&copy, "Bridger findings"));
    for cell in &cells {
        assert!(
            xml.contains(&format!("location=\"{cell}\"")),
            "{cell}: {xml}"
        );
    }
    assert!(xml.contains(r#"<pane ySplit="4""#), "frozen header: {xml}");
}

#[test]
fn fixing_the_flagged_cells_in_a_real_client_makes_the_copy_valid() {
    // checked-fixed.xlsx is bridger's copy of libreoffice-mistakes.xlsx, with every red or
    // amber cell given a correct value in openpyxl (fixtures/make_roundtrip_fixtures.py).
    let (code, outcome) = validate_json(&roundtrip("checked-fixed.xlsx"));
    assert_eq!(code, 0, "{outcome}");
    assert_eq!(outcome["status"], "valid");
    assert_eq!(outcome["errors"], 0);
    assert_eq!(outcome["warnings"], 0);
    assert_eq!(
        outcome["ignored_sheets"],
        serde_json::json!(["Bridger findings"])
    );
    // And it is accepted nationally like any return (the other forces are missing), the
    // findings sheet set aside there too, and said so.
    let dir = tmp();
    let out = dir.path().join("national.xlsx");
    let o = bridger()
        .arg("collate")
        .arg(roundtrip("checked-fixed.xlsx"))
        .args(["--format", "json", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(report["counts"]["valid"], 1, "{report}");
    assert_eq!(report["files"][0]["status"], "valid");
    assert_eq!(
        report["files"][0]["ignored_sheets"],
        serde_json::json!(["Bridger findings"])
    );
    assert!(out.exists());
}

#[test]
fn a_findings_sheet_without_the_marker_or_not_last_is_an_added_sheet() {
    for name in ["checked-marker-removed.xlsx", "checked-findings-moved.xlsx"] {
        let (code, outcome) = validate_json(&roundtrip(name));
        assert_eq!(code, 1, "{name}");
        assert_eq!(outcome["status"], "modified-template", "{name}");
        assert_eq!(
            codes(&outcome),
            [("sheet-added".to_string(), "Bridger findings".to_string())],
            "{name}"
        );
        assert!(outcome.get("ignored_sheets").is_none(), "{name}");
    }
}

#[test]
fn a_return_not_on_the_template_gets_a_copy_of_what_it_holds() {
    for (src, status) in [
        (real("openpyxl-added-sheet.xlsx"), "modified-template"),
        (real("openpyxl-inserted-column.xlsx"), "modified-template"),
    ] {
        let dir = tmp();
        let (copy, code) = report(&src, dir.path());
        assert_eq!(code, 1, "{}", src.display());
        let (_, original) = validate_json(&src);
        assert_eq!(original["status"], status);
        let mut wb: Xlsx<_> = calamine::open_workbook(&copy).unwrap();
        let names = wb.sheet_names();
        assert_eq!(names.last().map(String::as_str), Some("Bridger findings"));
        // The findings sheet is set aside here too: the copy says what the original says.
        let (_, checked) = validate_json(&copy);
        assert_eq!(codes(&checked), codes(&original), "{}", src.display());
        let incidents = wb.worksheet_range("Incidents").unwrap();
        assert!(incidents.rows().count() > 4);
    }
}

#[test]
fn every_readable_return_gets_a_copy_and_the_exit_code_of_validate() {
    let dir = tmp();
    for (src, want) in [
        (real("openpyxl-valid.xlsx"), 0),
        (real("libreoffice-valid.ods"), 0),
        (real("libreoffice-template.xls"), 1),
        (real("openpyxl-formulas.xlsx"), 1),
        (real("openpyxl-stray-cell.xlsx"), 1),
        (real("openpyxl-long-cell.xlsx"), 0),
        (real("openpyxl-merged.xlsx"), 0),
        (real("openpyxl-1904.xlsx"), 0),
    ] {
        let out = dir.path().join("copy.xlsx");
        let o = bridger()
            .args(["validate", "--report"])
            .arg(&out)
            .arg(&src)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(want), "{}", src.display());
        assert!(out.exists(), "{}", src.display());
        let (_, original) = validate_json(&src);
        let (_, checked) = validate_json(&out);
        assert_eq!(checked["status"], original["status"], "{}", src.display());
        // The same findings, but where a formula with no saved value is copied as text.
        if !src.ends_with("openpyxl-formulas.xlsx") {
            assert_eq!(codes(&checked), codes(&original), "{}", src.display());
        }
        std::fs::remove_file(&out).unwrap();
    }
    // A copy of a copy is the same return: one findings sheet, the same findings.
    let (first, _) = report(&real("openpyxl-content-errors.xlsx"), dir.path());
    let second = dir.path().join("again.xlsx");
    bridger()
        .args(["validate", "--report"])
        .arg(&second)
        .arg(&first)
        .assert()
        .code(1);
    let wb: Xlsx<_> = calamine::open_workbook(&second).unwrap();
    assert_eq!(wb.sheet_names().len(), 6);
    assert_eq!(
        codes(&validate_json(&second).1),
        codes(&validate_json(&first).1)
    );
}

/// The annotated copy prints like the template: the findings sheet on A4 with the footer
/// of every sheet; one red and one amber, the template's live checks' own, on the marked
/// cells and the findings sheet alike; and the Incidents table, three pages wide, with its
/// title and guidance in the page header of every page and only its header row and filled
/// rows printed (A1 and A2 were cut at column A's edge on the pages after the first).
#[test]
fn the_annotated_copy_prints_on_a4_with_one_red_and_one_amber_and_the_title_on_every_page() {
    let dir = tmp();
    let (out, code) = report(&real("selfcheck-mistakes.xlsx"), dir.path());
    assert_eq!(code, 1);
    let findings = part(&out, &sheet_part(&out, "Bridger findings"));
    assert!(findings.contains("paperSize=\"9\""), "{findings}");
    assert!(
        findings.contains("<oddFooter>&amp;L&amp;A&amp;RPage &amp;P of &amp;N</oddFooter>"),
        "{findings}"
    );
    let styles = part(&out, "xl/styles.xml");
    for template_colour in ["FFFFC7CE", "FF9C0006", "FFFFEB9C", "FF9C5700"] {
        assert!(styles.contains(template_colour), "{template_colour}");
    }
    for other in ["F8CBAD", "FFE699"] {
        assert!(!styles.contains(other), "{other} is a second red or amber");
    }
    let incidents = part(&out, &sheet_part(&out, "Incidents"));
    let def = bridger_core::annex_c();
    let table = def.tables.iter().find(|t| t.sheet == "Incidents").unwrap();
    let header = incidents
        .split("<oddHeader>")
        .nth(1)
        .and_then(|h| h.split("</oddHeader>").next())
        .unwrap_or_else(|| panic!("no page header: {incidents}"));
    assert!(
        header.contains(&table.title) && header.contains(&table.guidance),
        "{header}"
    );
    let workbook = part(&out, "xl/workbook.xml");
    // Rows 4 (the headers) to 9 (the last of the five incidents).
    assert!(
        workbook.contains("Incidents!$A$4:$W$9</definedName>"),
        "{workbook}"
    );
}
