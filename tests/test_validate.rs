//! `bridger validate` on real-client fixtures and on broken and hostile files.

mod common;

use std::path::{Path, PathBuf};

use bridger_core::Value;
use common::*;

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

fn status(path: &Path) -> (i32, String) {
    let (code, v) = validate_json(path);
    (code, v["status"].as_str().unwrap().to_string())
}

#[test]
fn valid_returns_from_every_client_are_valid() {
    for name in [
        "openpyxl-valid.xlsx",
        "libreoffice-valid.xlsx",
        "libreoffice-valid.ods",
        "openpyxl-1904.xlsx",
        "openpyxl-nil-return.xlsx",
        "libreoffice-formulas.xlsx",
        "openpyxl-long-cell.xlsx",
    ] {
        let (code, v) = validate_json(&real(name));
        assert_eq!(v["status"], "valid", "{name}: {v}");
        assert_eq!(code, 0, "{name}");
        assert_eq!(v["fingerprint"], pinned(), "{name}");
        assert_eq!(v["template_version"], "1.0");
        assert_eq!(v["quarter"], "2016-17 Q1");
        assert_eq!(v["sha256"], sha256(&real(name)));
    }
    let (_, v) = validate_json(&real("openpyxl-valid.xlsx"));
    assert_eq!(v["force"], "Kent Police");
    assert_eq!(v["force_code"], "kent");
    assert_eq!(v["rows"]["engagement"], 5);
    assert_eq!(v["rows"]["incidents"], 6);
    let (_, v) = validate_json(&real("openpyxl-nil-return.xlsx"));
    assert_eq!(v["rows"]["incidents"], 0);
}

#[test]
fn every_content_error_is_found_where_it_is() {
    let (code, v) = validate_json(&real("openpyxl-content-errors.xlsx"));
    assert_eq!(code, 1);
    assert_eq!(v["status"], "invalid");
    let found: Vec<(String, String, String)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["severity"].as_str().unwrap().to_string(),
                f["code"].as_str().unwrap().to_string(),
                format!(
                    "{}!{}",
                    f["sheet"].as_str().unwrap(),
                    f["cell"].as_str().unwrap()
                ),
            )
        })
        .collect();
    let expected = std::fs::read_to_string(real("openpyxl-content-errors.expected.csv")).unwrap();
    let mut n = 0;
    for line in expected.lines().skip(1) {
        let p: Vec<&str> = line.split(',').collect();
        let want = (
            p[0].to_string(),
            p[1].to_string(),
            format!("{}!{}", p[2], p[3]),
        );
        assert!(found.contains(&want), "missing {want:?} in {found:?}");
        n += 1;
    }
    assert_eq!(found.len(), n, "unexpected findings: {found:?}");
    // Every finding carries its column header and a message that says what to do.
    for f in v["findings"].as_array().unwrap() {
        assert!(f["column"].is_string(), "{f}");
        assert!(f["message"].as_str().unwrap().contains(':'), "{f}");
    }
    let us = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "date-us-format")
        .unwrap();
    assert!(us["message"].as_str().unwrap().contains("US month-first"));
}

#[test]
fn text_output_has_a_verdict_and_a_table() {
    // Wide enough that the verdict (with this machine's absolute path) is not wrapped.
    let out = bridger()
        .env("COLUMNS", "400")
        .args(["validate"])
        .arg(real("openpyxl-content-errors.xlsx"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("openpyxl-content-errors.xlsx: invalid (Kent Police, 2016-17 Q1)"),
        "{text}"
    );
    assert!(text.contains("10 errors, 3 warnings"), "{text}");
    assert!(
        text.contains("Incidents!G6") && text.contains("did you mean 'Assault'"),
        "{text}"
    );
}

#[test]
fn alterations_are_accounted_for_exactly() {
    let cases = [
        (
            "openpyxl-inserted-column.xlsx",
            "column-inserted",
            "Incidents!D4",
            "a column was inserted before Incidents!D",
        ),
        (
            "openpyxl-renamed-header.xlsx",
            "header-changed",
            "Incidents!W4",
            "from 'Summary' to 'Notes'",
        ),
        (
            "openpyxl-added-sheet.xlsx",
            "sheet-added",
            "Pivot",
            "a sheet 'Pivot' was added",
        ),
        (
            "openpyxl-stray-cell.xlsx",
            "outside-template",
            "Incidents!XFD1048576",
            "outside the template's columns",
        ),
    ];
    for (name, code, at, words) in cases {
        let (exit, v) = validate_json(&real(name));
        assert_eq!(exit, 1, "{name}");
        assert_eq!(v["status"], "modified-template", "{name}");
        let findings = codes(&v);
        assert_eq!(
            findings,
            vec![(code.to_string(), at.to_string())],
            "{name}: {v}"
        );
        assert!(
            v["findings"][0]["message"]
                .as_str()
                .unwrap()
                .contains(words),
            "{name}: {v}"
        );
        // The force is still named, so collate can say whose return was rejected.
        assert_eq!(v["force"], "Kent Police");
    }
}

/// Edits one worksheet's XML inside a copy of a fixture.
fn edit_sheet(src: &Path, dst: &Path, sheet: &str, edit: impl Fn(String) -> String) {
    edit_part(src, dst, &sheet_part(src, sheet), edit);
}

fn edit_part(src: &Path, dst: &Path, part: &str, edit: impl Fn(String) -> String) {
    rewrite_zip(
        src,
        dst,
        |name, bytes| {
            Some(if name == part {
                edit(String::from_utf8(bytes).unwrap()).into_bytes()
            } else {
                bytes
            })
        },
        &[],
    );
}

#[test]
fn more_alterations_from_the_template_itself() {
    let dir = tmp();
    let template = root().join("template/annex-c.xlsx");
    let mut cases: Vec<(PathBuf, &str, &str)> = Vec::new();

    let p = dir.path().join("renamed.xlsx");
    edit_part(&template, &p, "xl/workbook.xml", |t| {
        t.replace("name=\"Incidents\"", "name=\"Incidents Q1\"")
    });
    cases.push((p, "sheet-renamed", "renamed 'Incidents Q1'"));

    let p = dir.path().join("list.xlsx");
    edit_part(&template, &p, "xl/sharedStrings.xml", |t| {
        t.replacen(">Assault<", ">Assaults<", 1)
    });
    cases.push((p, "list-changed", "from 'Assault' to 'Assaults'"));

    let p = dir.path().join("version.xlsx");
    edit_part(&template, &p, "xl/sharedStrings.xml", |t| {
        t.replacen(">1.0<", ">0.9<", 1)
    });
    cases.push((
        p,
        "template-version",
        "template version 0.9; this return needs 1.0",
    ));

    let p = dir.path().join("moved.xlsx");
    edit_part(&template, &p, "xl/workbook.xml", |t| {
        // Swap the order of the Engagement and Incidents sheets.
        let a = t.find("<sheet name=\"Engagement\"").unwrap();
        let b = t.find("<sheet name=\"Incidents\"").unwrap();
        let end_a = a + t[a..].find("/>").unwrap() + 2;
        let end_b = b + t[b..].find("/>").unwrap() + 2;
        format!(
            "{}{}{}{}",
            &t[..a],
            &t[b..end_b],
            &t[end_a..b],
            &t[a..end_a]
        ) + &t[end_b..]
    });
    cases.push((p, "sheet-moved", "the template's order is"));

    let p = dir.path().join("deleted-sheet.xlsx");
    edit_part(&template, &p, "xl/workbook.xml", |t| {
        let a = t.find("<sheet name=\"Instructions\"").unwrap();
        let end = a + t[a..].find("/>").unwrap() + 2;
        format!("{}{}", &t[..a], &t[end..])
    });
    cases.push((p, "sheet-missing", "'Instructions' is missing"));

    for (path, code, words) in cases {
        let (exit, v) = validate_json(&path);
        assert_eq!(
            (exit, v["status"].as_str().unwrap()),
            (1, "modified-template"),
            "{code}: {v}"
        );
        let f = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["code"] == code)
            .unwrap_or_else(|| panic!("{code}: {v}"));
        assert!(
            f["message"].as_str().unwrap().contains(words),
            "{code}: {f}"
        );
    }
}

#[test]
fn rows_inserted_above_the_headers_are_one_finding() {
    // Shift every row of the Incidents sheet down by two, as inserting rows in Excel does.
    let dir = tmp();
    let src = real("openpyxl-valid.xlsx");
    let dst = dir.path().join("shifted.xlsx");
    edit_sheet(&src, &dst, "Incidents", shift_rows);
    let (exit, v) = validate_json(&dst);
    assert_eq!(exit, 1);
    assert_eq!(v["status"], "modified-template");
    let found = codes(&v);
    assert_eq!(found[0].0, "rows-inserted", "{v}");
    assert!(
        v["findings"][0]["message"]
            .as_str()
            .unwrap()
            .contains("2 rows were inserted above the headers of Incidents"),
        "{v}"
    );
    assert!(
        !found.iter().any(|(c, _)| c == "header-changed"),
        "{found:?}"
    );
}

/// Adds 2 to every row number in a worksheet's XML (`r="N"` and `r="A N"`).
fn shift_rows(xml: String) -> String {
    let start = xml.find("<sheetData").unwrap();
    let end = xml.find("</sheetData>").unwrap();
    let (head, body, tail) = (&xml[..start], &xml[start..end], &xml[end..]);
    let mut out = String::new();
    let mut rest = body;
    while let Some(i) = rest.find(" r=\"") {
        out.push_str(&rest[..i + 4]);
        rest = &rest[i + 4..];
        let close = rest.find('"').unwrap();
        let reference = &rest[..close];
        let split = reference.find(|c: char| c.is_ascii_digit()).unwrap();
        let (letters, digits) = reference.split_at(split);
        out.push_str(&format!("{letters}{}", digits.parse::<u32>().unwrap() + 2));
        rest = &rest[close..];
    }
    out.push_str(rest);
    // Merge ranges, panes and filters are cosmetic here; drop them so only the rows moved.
    format!("{head}{out}{tail}")
}

#[test]
fn folders_skip_lock_files_and_mixed_results_exit_two() {
    let dir = tmp();
    std::fs::copy(real("openpyxl-valid.xlsx"), dir.path().join("kent.xlsx")).unwrap();
    std::fs::copy(
        real("openpyxl-content-errors.xlsx"),
        dir.path().join("sub-errors.xlsx"),
    )
    .unwrap();
    std::fs::write(dir.path().join("~$kent.xlsx"), b"lock").unwrap();
    std::fs::write(dir.path().join(".~lock.kent.xlsx#"), b"lock").unwrap();
    std::fs::write(dir.path().join("notes.txt"), b"not a return").unwrap();
    let out = bridger()
        .args(["validate", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert_eq!(out.status.code(), Some(1));
    std::fs::write(dir.path().join("empty.xlsx"), b"").unwrap();
    let out = bridger()
        .args(["validate"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("3 files: 1 valid, 1 invalid, 1 unreadable"),
        "{text}"
    );
    // All valid: exit 0.
    bridger()
        .args(["validate"])
        .arg(real("openpyxl-valid.xlsx"))
        .arg(real("libreoffice-valid.ods"))
        .assert()
        .code(0);
    // A path that is not there cannot run: exit 2 before anything is read, naming it.
    let out = bridger()
        .args(["validate", "--format", "json"])
        .arg(dir.path().join("missing.xlsx"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.xlsx does not exist"));
    // Usage errors: exit 2.
    bridger().args(["validate"]).assert().code(2);
    bridger()
        .args(["validate", "--format", "yaml"])
        .arg(real("openpyxl-valid.xlsx"))
        .assert()
        .code(2);
}

#[test]
fn broken_and_hostile_files_get_a_reason_and_the_right_status() {
    let dir = tmp();
    let valid = real("openpyxl-valid.xlsx");
    let bytes = std::fs::read(&valid).unwrap();
    let mut cases: Vec<(PathBuf, &str, &str, &str)> = Vec::new();

    let p = dir.path().join("empty.xlsx");
    std::fs::write(&p, b"").unwrap();
    cases.push((p, "unreadable", "empty-file", "empty"));

    let p = dir.path().join("return.xlsx");
    std::fs::write(&p, b"Force,Quarter\nKent Police,2016-17 Q1\n").unwrap();
    cases.push((p, "unreadable", "not-a-spreadsheet", "CSV"));

    let p = dir.path().join("truncated.xlsx");
    std::fs::write(&p, &bytes[..bytes.len() / 2]).unwrap();
    cases.push((p, "unreadable", "damaged", "damaged or incomplete"));

    cases.push((
        real("msoffcrypto-encrypted.xlsx"),
        "unreadable",
        "encrypted",
        "remove the password",
    ));

    let p = dir.path().join("bomb.xlsx");
    make_bomb(&p);
    cases.push((p, "unreadable", "too-large", "zip bomb"));

    let p = dir.path().join("macros.xlsx");
    rewrite_zip(
        &valid,
        &p,
        |_, b| Some(b),
        &[(
            "xl/vbaProject.bin",
            vec![0xD0, 0xCF, 0x11, 0xE0, 0, 0, 0, 0],
        )],
    );
    cases.push((p, "modified-template", "macros", "macro-enabled"));

    let p = dir.path().join("renamed.xlsm");
    std::fs::copy(&valid, &p).unwrap();
    cases.push((p, "modified-template", "macros", "macro-enabled"));

    let p = dir.path().join("word.xlsx");
    rewrite_zip(
        &valid,
        &p,
        |name, b| {
            if name == "xl/workbook.xml" {
                None
            } else {
                Some(b)
            }
        },
        &[("word/document.xml", b"<w/>".to_vec())],
    );
    cases.push((p, "unreadable", "not-a-spreadsheet", "Word"));

    for (path, want_status, code, words) in cases {
        let (exit, v) = validate_json(&path);
        assert_eq!(v["status"], want_status, "{}: {v}", path.display());
        assert_eq!(exit, if want_status == "unreadable" { 2 } else { 1 });
        assert_eq!(v["findings"][0]["code"], code, "{}: {v}", path.display());
        assert!(
            v["findings"][0]["message"]
                .as_str()
                .unwrap()
                .contains(words),
            "{}: {v}",
            path.display()
        );
    }
}

/// A zip whose one entry inflates from about 200 KB to 200 MB of zeros.
fn make_bomb(path: &Path) {
    use std::io::Write;
    let mut z = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    z.start_file("xl/worksheets/sheet1.xml", options).unwrap();
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..200 {
        z.write_all(&zeros).unwrap();
    }
    z.start_file("xl/workbook.xml", zip::write::SimpleFileOptions::default())
        .unwrap();
    z.write_all(b"<workbook/>").unwrap();
    z.finish().unwrap();
}

#[test]
fn other_formats_are_accepted_when_the_fingerprint_matches() {
    // The blank template re-saved as .xls and .ods is not a modification: it is only
    // invalid for being blank.
    for name in [
        "libreoffice-template.xls",
        "libreoffice-template.ods",
        "libreoffice-template.xlsx",
    ] {
        let (exit, v) = validate_json(&real(name));
        assert_eq!(v["status"], "invalid", "{name}: {v}");
        assert_eq!(exit, 1);
        assert!(
            codes(&v).iter().all(|(c, _)| c == "required"),
            "{name}: {v}"
        );
        assert_eq!(v["fingerprint"], pinned());
    }
}

#[test]
fn formulas_merges_and_1904_dates() {
    let (exit, v) = validate_json(&real("openpyxl-formulas.xlsx"));
    assert_eq!((exit, v["status"].as_str().unwrap()), (1, "invalid"));
    assert_eq!(
        codes(&v),
        vec![(
            "formula-without-value".to_string(),
            "Incidents!B5".to_string()
        )]
    );
    assert!(v["findings"][0]["message"]
        .as_str()
        .unwrap()
        .contains("save it"));
    // Saved by LibreOffice, the formula has a value and the return is valid.
    assert_eq!(
        status(&real("libreoffice-formulas.xlsx")),
        (0, "valid".to_string())
    );
    let (exit, v) = validate_json(&real("openpyxl-merged.xlsx"));
    assert_eq!((exit, v["status"].as_str().unwrap()), (0, "valid"));
    assert_eq!(
        codes(&v),
        vec![("merged-cells".to_string(), "Incidents!W5".to_string())]
    );
    // Dates in the 1904 system would be four years out if misread, and fall outside the
    // quarter; read right, the return is valid.
    assert_eq!(
        status(&real("openpyxl-1904.xlsx")),
        (0, "valid".to_string())
    );
}

#[test]
fn a_sheet_of_a_million_rows_is_read_without_blowing_up() {
    // 1,048,576 styled rows, and one value on the last row of the Incidents input region.
    let dir = tmp();
    let dst = dir.path().join("tall.xlsx");
    edit_sheet(&real("openpyxl-valid.xlsx"), &dst, "Incidents", |xml| {
        let end = xml.find("</sheetData>").unwrap();
        let mut rows = String::with_capacity(48 * 1_048_576);
        for r in 2006..1_048_576u32 {
            rows.push_str(&format!("<row r=\"{r}\" s=\"1\" customFormat=\"1\"/>"));
        }
        rows.push_str("<row r=\"1048576\"><c r=\"A1048576\" t=\"inlineStr\"><is><t>KNT/LAST</t></is></c></row>");
        format!("{}{}{}", &xml[..end], rows, &xml[end..])
    });
    let (exit, v) = validate_json(&dst);
    assert_eq!((exit, v["status"].as_str().unwrap()), (1, "invalid"), "{v}");
    assert_eq!(v["rows"]["incidents"], 7);
    assert!(
        codes(&v)
            .iter()
            .any(|(c, at)| c == "required" && at == "Incidents!B1048576"),
        "{v}"
    );
}

#[test]
fn the_annotated_report_marks_the_cells() {
    use calamine::{Reader, Xlsx};
    let dir = tmp();
    let out = dir.path().join("checked.xlsx");
    bridger()
        .args(["validate", "--report"])
        .arg(&out)
        .arg(real("openpyxl-content-errors.xlsx"))
        .assert()
        .code(1);
    let mut wb: Xlsx<_> = calamine::open_workbook(&out).unwrap();
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
    let findings = wb.worksheet_range("Bridger findings").unwrap();
    let cells: Vec<String> = findings.rows().skip(4).map(|r| r[2].to_string()).collect();
    assert_eq!(cells.len(), 13);
    assert!(cells.contains(&"Incidents!G6".to_string()));
    let incidents = wb.worksheet_range("Incidents").unwrap();
    assert_eq!(incidents.get_value((5, 6)).unwrap().to_string(), "Assult");
    // Each marked cell carries a note with the message.
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let mut notes = String::new();
    let mut findings_xml = String::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        if entry.name().unwrap().starts_with("xl/comments") {
            std::io::Read::read_to_string(&mut entry, &mut notes).unwrap();
        } else if entry.name().unwrap() == "xl/worksheets/sheet6.xml" {
            std::io::Read::read_to_string(&mut entry, &mut findings_xml).unwrap();
        }
    }
    // Each listed cell links to itself, in the sheet's (quoted when needed) name.
    assert!(
        findings_xml.contains(r#"location="Incidents!G6""#),
        "{findings_xml}"
    );
    assert!(
        notes.contains("did you mean") && notes.contains("not-in-list"),
        "{notes}"
    );
    // --report refuses several files, and never overwrites the input.
    bridger()
        .args(["validate", "--report"])
        .arg(&out)
        .arg(real("openpyxl-valid.xlsx"))
        .arg(real("libreoffice-valid.ods"))
        .assert()
        .code(2);
    let input = dir.path().join("in.xlsx");
    std::fs::copy(real("openpyxl-valid.xlsx"), &input).unwrap();
    let before = sha256(&input);
    bridger()
        .args(["validate", "--report"])
        .arg(&input)
        .arg(&input)
        .assert()
        .code(2);
    assert_eq!(sha256(&input), before);
}

#[test]
fn every_finding_code_is_documented_in_the_readme() {
    use bridger_core::{Code, CodeStatus};
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    for code in Code::ALL {
        // The row says what the catalogue says, word for word.
        let row = format!("| `{code}` | {} |", code.description());
        let at = readme
            .find(&row)
            .unwrap_or_else(|| panic!("README.md has no row {row}"));
        // And it sits under its status's heading.
        let heading = readme[..at].rfind("\n**").map(|h| &readme[h..at]).unwrap();
        let want = match code.status() {
            CodeStatus::Unreadable => "`unreadable`",
            CodeStatus::ModifiedTemplate => "`modified-template`",
            CodeStatus::Error => "**Errors",
            CodeStatus::Warning => "**Warnings",
        };
        assert!(
            heading.contains(want),
            "`{code}` is documented under the wrong heading: {}",
            heading.lines().nth(1).unwrap_or("")
        );
    }
}

#[test]
fn a_closed_pipe_ends_quietly() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("bridger"))
        .args(["validate", "--all"])
        .arg(fixture("returns"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // The reader is gone; the rest of the output meets a closed pipe.
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn every_documented_code_is_one_bridger_can_emit() {
    // A code is emitted where the library names its variant (`Code::NotInList`) outside the
    // catalogue and outside unit tests (which sit at the end of their files), or where the
    // definition names it for a rule (a column's `warn_code` or `not_after_code`).
    let toml = std::fs::read_to_string(root().join("template/annex-c.toml")).unwrap();
    let mut sources = String::new();
    let mut dirs = vec![root().join("src"), root().join("crates/core/src")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("codes.rs") {
                let text = std::fs::read_to_string(path).unwrap();
                sources.push_str(text.split("#[cfg(test)]").next().unwrap_or_default());
                sources.push('\n');
            }
        }
    }
    let names_variant = |variant: &str| {
        sources.match_indices(variant).any(|(i, _)| {
            !sources[i + variant.len()..]
                .starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_')
        })
    };
    for code in bridger_core::Code::ALL {
        let variant = format!("Code::{code:?}");
        let named = toml.contains(&format!("_code = \"{code}\""));
        assert!(
            names_variant(&variant) || named,
            "`{code}` is documented but never emitted (no `{variant}` in src/ or crates/core/src/, no rule's code in the definition)"
        );
    }
}

/// Findings as (code, sheet!cell) of a return built from the template with `edit`.
fn findings_of(
    incidents: Vec<bridger_core::FilledRow>,
    edit: impl FnOnce(&mut bridger_core::Filled),
) -> (String, Vec<(String, String)>) {
    let dir = tmp();
    let path = write_return_with(dir.path(), "Kent Police", incidents, edit);
    let (_, v) = validate_json(&path);
    (v["status"].as_str().unwrap().to_string(), codes(&v))
}

const MP: (&str, &str) = ("Alex Marlowe", "Northbridge and Vale");

fn has(found: &[(String, String)], code: &str, at: &str) -> bool {
    found.iter().any(|(c, a)| c == code && a == at)
}

#[test]
fn a_return_built_from_the_template_is_valid() {
    let (status, found) = findings_of(
        vec![incident(
            "KNT/1",
            MP,
            [Some(t("Smith")), None, None, None, None],
        )],
        |_| {},
    );
    assert_eq!((status.as_str(), found.len()), ("valid", 0), "{found:?}");
}

#[test]
fn cross_field_rules() {
    let mut no_details = incident("KNT/1", MP, [None, None, None, None, None]);
    set(&mut no_details, "suspect_identified", Some(t("Yes")));
    let mut details_without_suspect =
        incident("KNT/2", MP, [Some(t("Smith")), None, None, None, None]);
    set(
        &mut details_without_suspect,
        "suspect_identified",
        Some(t("No")),
    );
    let mut ftac = incident("KNT/3", MP, [Some(t("Jones")), None, None, None, None]);
    set(&mut ftac, "ftac_referred", Some(t("Yes")));
    set(&mut ftac, "mental_health", Some(t("Unknown")));
    let mut abbreviated = incident("KNT/4", MP, [Some(t("Brown")), None, None, None, None]);
    set(&mut abbreviated, "sexual_violence", Some(t("n")));
    let (status, found) = findings_of(
        vec![no_details, details_without_suspect, ftac, abbreviated],
        |f| {
            // An alias for the force, a contact without who made it, one MP short.
            set(&mut f.fields, "force", Some(t("kent")));
            set(&mut f.fields, "mps_in_area", Some(Value::Number(2.0)));
            set(&mut f.fields, "mps_contacted", Some(Value::Number(1.0)));
            let eng = &mut f.tables[0].1[0];
            set(eng, "last_contact", Some(d(2016, 8, 1)));
        },
    );
    assert_eq!(status, "invalid");
    for (code, at) in [
        ("suspect-details-missing", "Incidents!M5"),
        ("suspect-details-without-suspect", "Incidents!M6"),
        ("ftac-without-concerns", "Incidents!T7"),
        ("yes-no-abbreviated", "Incidents!L8"),
        ("force-alias", "Return!B5"),
        ("engagement-count", "Return!B10"),
        ("date-after-quarter", "Engagement!C5"),
        ("required", "Engagement!D5"),
    ] {
        assert!(has(&found, code, at), "no {code} at {at}: {found:?}");
    }
}

#[test]
fn nil_returns_must_agree_with_the_incidents() {
    let (_, found) = findings_of(
        vec![incident("KNT/1", MP, [None, None, None, None, None])],
        |f| set(&mut f.fields, "nil_return", Some(t("Yes"))),
    );
    assert!(
        has(&found, "nil-return-with-incidents", "Return!B12"),
        "{found:?}"
    );
    let (status, found) = findings_of(vec![], |_| {});
    assert_eq!(status, "invalid");
    assert!(has(&found, "no-incidents", "Return!B12"), "{found:?}");
    let (status, found) = findings_of(vec![], |f| set(&mut f.fields, "nil_return", Some(t("Yes"))));
    assert_eq!((status.as_str(), found.len()), ("valid", 0), "{found:?}");
}

/// Counts in messages are in the singular for one ("has 1 row", never "1 rows").
#[test]
fn whole_return_messages_count_one_in_the_singular() {
    let dir = tmp();
    let path = write_return_with(
        dir.path(),
        "Kent Police",
        vec![incident("KNT/1", MP, [None, None, None, None, None])],
        |f| {
            set(&mut f.fields, "nil_return", Some(t("Yes")));
            set(&mut f.fields, "mps_in_area", Some(Value::Number(2.0)));
            set(&mut f.fields, "mps_contacted", Some(Value::Number(1.0)));
        },
    );
    let (_, v) = validate_json(&path);
    let message = |code: &str| {
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["code"] == code)
            .unwrap_or_else(|| panic!("no {code}: {v}"))["message"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let nil = message("nil-return-with-incidents");
    assert!(nil.contains("sheet has 1 row:"), "{nil}");
    let count = message("engagement-count");
    assert!(
        count.contains("says 2 MPs but the Engagement sheet has 1 row:"),
        "{count}"
    );
}

#[test]
fn counts_dates_and_submission() {
    let mut early = incident("KNT/1", MP, [None, None, None, None, None]);
    set(&mut early, "date_reported", Some(t("2016-04-31")));
    let (_, found) = findings_of(vec![early], |f| {
        set(&mut f.fields, "mps_in_area", Some(t("several")));
        set(&mut f.fields, "date_submitted", Some(d(2016, 6, 1)));
    });
    assert!(has(&found, "not-a-count", "Return!B10"), "{found:?}");
    assert!(has(&found, "not-a-date", "Incidents!B5"), "{found:?}");
    assert!(
        has(&found, "submitted-before-quarter-end", "Return!B9"),
        "{found:?}"
    );
}

/// A quarter written another way ("Q2 2016/17") is an error, but the dates are still
/// checked against the quarter it reads as, so that fixing every flagged cell makes the
/// return valid; a quarter that could mean two gets no date findings.
#[test]
fn dates_are_checked_against_the_quarter_a_misspelt_quarter_reads_as() {
    let message = |found: &serde_json::Value, code: &str, at: &str| {
        found["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["code"] == code && f["cell"] == at)
            .map(|f| f["message"].as_str().unwrap().to_string())
    };
    let dir = tmp();
    // Reported 10 May 2016 (Q1) in a return whose quarter reads as Q2.
    let path = write_return_with(
        dir.path(),
        "Kent Police",
        vec![incident("KNT/1", MP, [None, None, None, None, None])],
        |f| {
            set(&mut f.fields, "quarter", Some(t("Q2 2016/17")));
            set(&mut f.fields, "date_submitted", Some(d(2016, 10, 8)));
        },
    );
    let (_, v) = validate_json(&path);
    assert!(message(&v, "not-in-list", "B6").is_some(), "{v}");
    let outside = message(&v, "date-outside-quarter", "B5").unwrap_or_else(|| panic!("{v}"));
    assert!(
        outside.contains("outside the reporting quarter 2016-17 Q2")
            && outside.contains("(Return!B6 reads as 2016-17 Q2)"),
        "{outside}"
    );
    // Read as Q1, its dates are inside: the quarter cell is the only thing to fix.
    let (status, found) = findings_of(
        vec![incident("KNT/1", MP, [None, None, None, None, None])],
        |f| set(&mut f.fields, "quarter", Some(t("Q1 2016/17"))),
    );
    assert_eq!(status, "invalid");
    assert_eq!(
        found,
        vec![("not-in-list".to_string(), "Return!B6".to_string())]
    );
    // "Q2 2016" could be the financial or the calendar quarter: no date is judged by it.
    let (_, found) = findings_of(
        vec![incident("KNT/1", MP, [None, None, None, None, None])],
        |f| set(&mut f.fields, "quarter", Some(t("Q2 2016"))),
    );
    assert!(
        !found.iter().any(|(c, _)| c.starts_with("date-")),
        "{found:?}"
    );
}

#[test]
fn a_deleted_column_and_cosmetic_changes() {
    let dir = tmp();
    let template = root().join("template/annex-c.xlsx");
    // Delete Incidents column E (Constituency): every header to its right moves left.
    let deleted = dir.path().join("deleted.xlsx");
    edit_sheet(&template, &deleted, "Incidents", |xml| {
        delete_column(&xml, 4)
    });
    let (_, v) = validate_json(&deleted);
    assert_eq!(v["status"], "modified-template", "{v}");
    let f = codes(&v);
    assert!(f.iter().any(|(c, _)| c == "column-deleted"), "{f:?}");
    assert!(
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x["message"]
                .as_str()
                .unwrap()
                .contains("'Constituency' was deleted")),
        "{v}"
    );
    assert!(f.len() <= 3, "one account, not a cascade: {f:?}");
    // Unhiding the Lists sheet, removing protection and changing widths are cosmetic.
    let cosmetic = dir.path().join("cosmetic.xlsx");
    rewrite_zip(
        &template,
        &cosmetic,
        |name, bytes| {
            let text = String::from_utf8(bytes.clone()).ok()?;
            Some(match name {
                "xl/workbook.xml" => text.replace(" state=\"hidden\"", "").into_bytes(),
                n if n.starts_with("xl/worksheets/") => {
                    let t = text.replace("width=\"", "width=\"1");
                    match (
                        t.find("<sheetProtection"),
                        t.find("<sheetProtection")
                            .and_then(|i| t[i..].find("/>").map(|j| i + j + 2)),
                    ) {
                        (Some(a), Some(b)) => format!("{}{}", &t[..a], &t[b..]).into_bytes(),
                        _ => t.into_bytes(),
                    }
                }
                _ => bytes,
            })
        },
        &[],
    );
    let out = bridger()
        .args(["template", "fingerprint"])
        .arg(&cosmetic)
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap().trim(), pinned());
}

#[test]
fn text_output_shows_fifty_findings_unless_all() {
    let rows: Vec<_> = (0..60)
        .map(|i| {
            let mut r = incident(&format!("KNT/{i}"), MP, [None, None, None, None, None]);
            // A different value in each row: the same value would be one grouped line.
            set(&mut r, "category", Some(t(&format!("Nonsense {i}"))));
            r
        })
        .collect();
    let dir = tmp();
    let path = write_return(dir.path(), "Kent Police", rows);
    let text = String::from_utf8(
        bridger()
            .arg("validate")
            .arg(&path)
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert!(
        text.contains("… and 10 more findings (--all shows every one)"),
        "{text}"
    );
    let all = String::from_utf8(
        bridger()
            .args(["validate", "--all"])
            .arg(&path)
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert!(!all.contains("more findings"));
    assert_eq!(all.matches("not-in-list").count(), 60);
}

/// Deletes a zero-based column from a worksheet's XML, as Excel does: its cells go and the
/// cells to its right move one column left.
fn delete_column(xml: &str, col: u32) -> String {
    use bridger_core::a1;
    // The worksheet XML names cells in A1; bridger itself never parses A1 back.
    let parse_a1 = |reference: &str| {
        let digits = reference.find(|c: char| c.is_ascii_digit()).unwrap();
        let col = rust_xlsxwriter::utility::column_name_to_number(&reference[..digits]);
        let row: u32 = reference[digits..].parse().unwrap();
        Some((row - 1, u32::from(col)))
    };
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(i) = rest.find("<c r=\"") {
        out.push_str(&rest[..i]);
        let cell = &rest[i..];
        let tag_end = cell.find('>').unwrap() + 1;
        let end = if cell[..tag_end].ends_with("/>") {
            tag_end
        } else {
            tag_end + cell[tag_end..].find("</c>").unwrap() + 4
        };
        let element = &cell[..end];
        let reference = &element[6..element[6..].find('"').unwrap() + 6];
        let (r, c) = parse_a1(reference).unwrap();
        if c != col {
            let moved = if c > col {
                a1(r, c - 1)
            } else {
                reference.to_string()
            };
            out.push_str(&element.replacen(reference, &moved, 1));
        }
        rest = &cell[end..];
    }
    out.push_str(rest);
    out
}

#[test]
fn an_ods_with_a_far_stray_cell_is_refused_not_allocated() {
    let dir = tmp();
    let far = dir.path().join("far.ods");
    rewrite_zip(
        &real("libreoffice-valid.ods"),
        &far,
        |name, bytes| {
            if name != "content.xml" {
                return Some(bytes);
            }
            let text = String::from_utf8(bytes).unwrap();
            let start = text.find("<table:table table:name=\"Incidents\"").unwrap();
            let end = start + text[start..].find("</table:table>").unwrap();
            let stray = "<table:table-row table:number-rows-repeated=\"1000000\"><table:table-cell table:number-columns-repeated=\"16000\"/></table:table-row>\
                <table:table-row><table:table-cell table:number-columns-repeated=\"16000\"/><table:table-cell office:value-type=\"string\"><text:p>stray</text:p></table:table-cell></table:table-row>";
            Some(format!("{}{stray}{}", &text[..end], &text[end..]).into_bytes())
        },
        &[],
    );
    let (exit, v) = validate_json(&far);
    assert_eq!(
        (exit, v["status"].as_str().unwrap()),
        (2, "unreadable"),
        "{v}"
    );
    assert_eq!(v["findings"][0]["code"], "too-large");
    assert!(v["findings"][0]["message"]
        .as_str()
        .unwrap()
        .contains("stray cells"));
}
