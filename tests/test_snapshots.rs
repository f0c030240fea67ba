//! Snapshots of what `validate`, `collate` and `links` print on the committed fixtures, text
//! and JSON, with the exit code: any change to an output shows up here as a diff to review.
//!
//! The real binary runs from the repository root on relative paths, so the snapshots hold
//! no machine's paths; the one absolute path (collate's temporary output) is filtered to
//! `[OUT]`. `COLUMNS` is removed, so text is printed as to a pipe, each table row on one line
//! at its natural width, wherever the tests run. JSON is snapshotted as the exact text printed, not
//! re-serialised, so a change of key order or spacing is caught too. These tests never write into the repository.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// What one run printed, as one reviewable text: the exit code, stderr, then stdout.
fn run(args: &[&str]) -> String {
    let out = Command::cargo_bin("bridger")
        .expect("the bridger binary is built")
        .current_dir(root())
        .env_remove("COLUMNS")
        .args(args)
        .output()
        .expect("bridger runs");
    let code = out.status.code().map_or_else(
        || "none (killed by a signal)".to_string(),
        |c| c.to_string(),
    );
    format!(
        "exit code: {code}\nstderr:\n{}\nstdout:\n{}",
        String::from_utf8(out.stderr).expect("stderr is UTF-8"),
        String::from_utf8(out.stdout).expect("stdout is UTF-8"),
    )
}

/// A regex that matches `text` literally (insta filters are regexes).
fn literal(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if "\\.+*?()|[]{}^$#&-~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Snapshots `output` with `out_dir` (when given) and the repository root replaced by
/// stable markers.
fn snapshot(name: &str, output: &str, out_dir: Option<&Path>) {
    let mut filters = Vec::new();
    if let Some(dir) = out_dir {
        filters.push((literal(&dir.display().to_string()), "[OUT]".to_string()));
    }
    filters.push((literal(&root().display().to_string()), "[ROOT]".to_string()));
    let filters: Vec<(&str, &str)> = filters
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    insta::with_settings!({ filters => filters }, {
        insta::assert_snapshot!(name, output);
    });
}

#[test]
fn validate_returns_text() {
    snapshot(
        "validate_returns_text",
        &run(&["validate", "fixtures/returns"]),
        None,
    );
}

#[test]
fn validate_returns_json() {
    snapshot(
        "validate_returns_json",
        &run(&["validate", "fixtures/returns", "--format", "json"]),
        None,
    );
}

#[test]
fn validate_real_client_text_all() {
    snapshot(
        "validate_real_client_text_all",
        &run(&["validate", "fixtures/real-client", "--all"]),
        None,
    );
}

#[test]
fn validate_real_client_json() {
    snapshot(
        "validate_real_client_json",
        &run(&["validate", "fixtures/real-client", "--format", "json"]),
        None,
    );
}

/// Runs collate into a fresh temporary folder; the workbook must have been written.
fn collate(format: &str) -> (String, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("national.xlsx");
    let out_arg = out.display().to_string();
    let output = run(&[
        "collate",
        "fixtures/returns",
        "--out",
        &out_arg,
        "--today",
        "2017-06-30",
        "--format",
        format,
    ]);
    assert!(out.is_file(), "collate wrote no workbook:\n{output}");
    (output, dir)
}

#[test]
fn collate_returns_text() {
    let (output, dir) = collate("text");
    snapshot("collate_returns_text", &output, Some(dir.path()));
}

#[test]
fn collate_returns_json() {
    let (output, dir) = collate("json");
    snapshot("collate_returns_json", &output, Some(dir.path()));
}

#[test]
fn links_returns_text() {
    snapshot(
        "links_returns_text",
        &run(&["links", "fixtures/returns"]),
        None,
    );
}

#[test]
fn links_returns_json() {
    snapshot(
        "links_returns_json",
        &run(&["links", "fixtures/returns", "--format", "json"]),
        None,
    );
}

/// The filter helper must match paths literally, or a snapshot could hide a real change.
#[test]
fn literal_escapes_regex_metacharacters() {
    assert_eq!(literal("/tmp/.tmpA+b"), "/tmp/\\.tmpA\\+b");
}

#[test]
fn template_fingerprint_text() {
    snapshot(
        "template_fingerprint_text",
        &run(&[
            "template",
            "fingerprint",
            "fixtures/real-client/openpyxl-valid.xlsx",
        ]),
        None,
    );
}

#[test]
fn template_fingerprint_json() {
    snapshot(
        "template_fingerprint_json",
        &run(&[
            "template",
            "fingerprint",
            "fixtures/real-client/openpyxl-renamed-header.xlsx",
            "--format",
            "json",
        ]),
        None,
    );
}

#[test]
fn template_verify() {
    snapshot("template_verify", &run(&["template", "verify"]), None);
}

#[test]
fn demo_small() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("returns");
    let out_arg = out.display().to_string();
    let output = run(&["demo", &out_arg, "--incidents", "3", "--forces", "2"]);
    assert!(
        out.join("truth.csv").is_file(),
        "demo wrote no truth.csv:\n{output}"
    );
    snapshot("demo_small", &output, Some(dir.path()));
}
