//! Shared helpers for the integration tests: run the real binary on real files.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use assert_cmd::Command;
use bridger_core::Date;
use bridger_core::Value;
use bridger_core::{build_filled, Filled, FilledRow};
use sha2::{Digest, Sha256};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(rel: &str) -> PathBuf {
    root().join("fixtures").join(rel)
}

pub fn real(name: &str) -> PathBuf {
    fixture(&format!("real-client/{name}"))
}

pub fn bridger() -> Command {
    let mut cmd = Command::cargo_bin("bridger").expect("the bridger binary is built");
    cmd.current_dir(root());
    cmd
}

/// The folder `bridger demo FOLDER ARGS` writes, generated once per test binary for each
/// `name` (in the target's temporary folder, anew each run), for the tests that only read
/// it: generating thousands of rows takes longer than most of the tests that read them.
pub fn demo_once(name: &str, args: &[&str]) -> PathBuf {
    static MADE: Mutex<BTreeMap<String, PathBuf>> = Mutex::new(BTreeMap::new());
    let mut made = MADE.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(dir) = made.get(name) {
        return dir.clone();
    }
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    bridger()
        .arg("demo")
        .arg(&dir)
        .args(args)
        .assert()
        .success();
    made.insert(name.to_string(), dir.clone());
    dir
}

pub fn pinned() -> String {
    std::fs::read_to_string(root().join("template/annex-c.fingerprint"))
        .unwrap()
        .trim()
        .to_string()
}

pub fn sha256(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Runs `bridger validate --format json` on one file: (exit code, the file's object).
pub fn validate_json(path: &Path) -> (i32, serde_json::Value) {
    let out = bridger()
        .args(["validate", "--format", "json"])
        .arg(path)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let line = text.lines().next().unwrap_or_else(|| {
        panic!(
            "no output; stderr: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (
        out.status.code().unwrap(),
        serde_json::from_str(line).unwrap(),
    )
}

/// The (code, sheet!cell) pairs of a JSON outcome's findings.
pub fn codes(outcome: &serde_json::Value) -> Vec<(String, String)> {
    outcome["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let loc = match (f["sheet"].as_str(), f["cell"].as_str()) {
                (Some(s), Some(c)) => format!("{s}!{c}"),
                (Some(s), None) => s.to_string(),
                _ => String::new(),
            };
            (f["code"].as_str().unwrap().to_string(), loc)
        })
        .collect()
}

/// Copies a zip (xlsx) entry by entry, letting `edit` replace or drop entries, then adds
/// `extra` entries.
pub fn rewrite_zip(
    src: &Path,
    dst: &Path,
    edit: impl Fn(&str, Vec<u8>) -> Option<Vec<u8>>,
    extra: &[(&str, Vec<u8>)],
) {
    let mut zin = zip::ZipArchive::new(std::fs::File::open(src).unwrap()).unwrap();
    let mut zout = zip::ZipWriter::new(std::fs::File::create(dst).unwrap());
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for i in 0..zin.len() {
        let mut entry = zin.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        if let Some(bytes) = edit(&name, bytes) {
            zout.start_file(name, options).unwrap();
            zout.write_all(&bytes).unwrap();
        }
    }
    for (name, bytes) in extra {
        zout.start_file(*name, options).unwrap();
        zout.write_all(bytes).unwrap();
    }
    zout.finish().unwrap();
}

/// The path of a worksheet part inside the template's zip, by sheet name.
pub fn sheet_part(src: &Path, sheet: &str) -> String {
    let mut zin = zip::ZipArchive::new(std::fs::File::open(src).unwrap()).unwrap();
    let mut wb = String::new();
    zin.by_name("xl/workbook.xml")
        .unwrap()
        .read_to_string(&mut wb)
        .unwrap();
    let names: Vec<&str> = wb.split("<sheet ").skip(1).collect();
    let index = names
        .iter()
        .position(|s| s.contains(&format!("name=\"{sheet}\"")))
        .unwrap();
    format!("xl/worksheets/sheet{}.xml", index + 1)
}

// Building returns in tests: the real template, filled in through the library.

pub fn t(s: &str) -> Value {
    Value::Text(s.to_string())
}

pub fn d(y: i32, m: u32, day: u32) -> Value {
    Value::Date(Date::new(y, m, day).unwrap())
}

/// An incident row; `suspect` is (surname, forenames, dob, postcode, identifier).
pub fn incident(reference: &str, mp: (&str, &str), suspect: [Option<Value>; 5]) -> FilledRow {
    let mut row = vec![
        ("reference".to_string(), t(reference)),
        ("date_reported".to_string(), d(2016, 5, 10)),
        ("mp_name".to_string(), t(mp.0)),
        ("constituency".to_string(), t(mp.1)),
        ("victim".to_string(), t("MP")),
        ("category".to_string(), t("Harassment")),
        ("channel".to_string(), t("Email")),
        ("recorded_as_crime".to_string(), t("Yes")),
        ("bridger_marker".to_string(), t("Yes")),
        ("sexual_violence".to_string(), t("No")),
        ("status".to_string(), t("Under investigation")),
    ];
    let any = suspect.iter().any(Option::is_some);
    row.push((
        "suspect_identified".to_string(),
        t(if any { "Yes" } else { "No" }),
    ));
    for (key, value) in [
        "suspect_surname",
        "suspect_forenames",
        "suspect_dob",
        "suspect_postcode",
        "suspect_identifier",
    ]
    .iter()
    .zip(suspect)
    {
        if let Some(v) = value {
            row.push((key.to_string(), v));
        }
    }
    row
}

pub fn write_return(dir: &Path, force: &str, incidents: Vec<FilledRow>) -> PathBuf {
    write_return_with(dir, force, incidents, |_| {})
}

/// A valid return of one MP for `force` in 2016-17 Q1 with these incidents, changed by
/// `edit` before it is written.
pub fn write_return_with(
    dir: &Path,
    force: &str,
    incidents: Vec<FilledRow>,
    edit: impl FnOnce(&mut Filled),
) -> PathBuf {
    let def = bridger_core::annex_c();
    let mut filled = Filled {
        fields: vec![
            ("force".into(), t(force)),
            ("quarter".into(), t("2016-17 Q1")),
            ("submitted_by".into(), t("DI Test Officer")),
            ("contact_email".into(), t("test.officer@force.example")),
            ("date_submitted".into(), d(2016, 7, 8)),
            ("mps_in_area".into(), Value::Number(1.0)),
            ("mps_contacted".into(), Value::Number(1.0)),
            ("nil_return".into(), t("No")),
        ],
        tables: vec![
            (
                "Engagement".into(),
                vec![vec![
                    ("mp_name".into(), t("Alex Marlowe")),
                    ("constituency".into(), t("Northbridge and Vale")),
                    ("named_spoc".into(), t("Yes")),
                    ("security_advice".into(), t("Yes")),
                    ("ipsa_signposted".into(), t("Yes")),
                ]],
            ),
            ("Incidents".into(), incidents),
        ],
    };
    edit(&mut filled);
    let bytes = build_filled(def, &filled).unwrap();
    let path = dir.join(format!("{}.xlsx", force.to_lowercase().replace(' ', "-")));
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Replaces (or, with `None`, blanks) one value of a filled row.
pub fn set(row: &mut FilledRow, key: &str, value: Option<Value>) {
    row.retain(|(k, _)| k != key);
    if let Some(v) = value {
        row.push((key.to_string(), v));
    }
}

/// The references of each suspect group of `links --format json`, group by group.
pub fn group_references(links: &serde_json::Value) -> Vec<Vec<String>> {
    links["suspects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            g["incidents"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i["reference"].as_str().unwrap().to_string())
                .collect()
        })
        .collect()
}
