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
