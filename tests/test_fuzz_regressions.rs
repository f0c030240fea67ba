//! Every input the fuzzers (fuzz/, FUZZING.md) found that crashed, hung or exhausted
//! memory, replayed through the real binary: `bridger validate` must give a verdict for
//! it (exit 1 with a finding, or 2), never a panic, a signal or a hang.
//!
//! An input that is a whole file is committed under `fixtures/hostile/fuzz-*`, minimised
//! by `cargo fuzz tmin`; one that is a cell value is written into a fresh return here.

mod common;

use std::time::Duration;

use common::bridger;

/// proptest (tests/test_proptest.rs) and the `cell_readers` target: a postcode whose
/// characters before the last three are not all one byte long is split inside a
/// character, the worker panics and the whole run exits 101 (defect 5).
#[test]
fn fuzz_cell_readers_postcode_split_inside_a_character() {
    let dir = tempfile::tempdir().unwrap();
    let mut row = common::incident(
        "KE/1",
        ("Alex Marlowe", "Northbridge and Vale"),
        [Some(common::t("Smith")), None, None, None, None],
    );
    common::set(&mut row, "suspect_postcode", Some(common::t("\u{10000}0")));
    let path = common::write_return(dir.path(), "Kent", vec![row]);
    let out = bridger()
        .args(["validate", "--format", "json"])
        .arg(&path)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "bridger panicked: {stderr}");
    assert_eq!(out.status.code(), Some(1), "stderr: {stderr}");
    let v: serde_json::Value =
        serde_json::from_str(String::from_utf8_lossy(&out.stdout).lines().next().unwrap()).unwrap();
    assert!(
        common::codes(&v).iter().any(|(c, _)| c == "not-a-postcode"),
        "{v}"
    );
}

/// The `whole_file` target (third run, FUZZING.md): a 76 KB `.xls` whose directory sector
/// chain loops back on itself. calamine appended sector after sector for ever: an
/// out-of-memory in the fuzzer, and in a run the worker's memory limit (the file was
/// `unreadable`, "needed more than 512 MB"). The container's chains are now followed
/// before calamine reads it: the file is `damaged`, said so, and the other file in the run
/// gets its own verdict.
#[test]
fn fuzz_whole_file_xls_directory_chain_that_loops() {
    let out = bridger()
        .args(["validate", "--format", "json"])
        .arg(common::fixture("hostile/fuzz-whole_file-1.xls"))
        .arg(common::fixture("returns/kent-2016-17-Q1.xlsx"))
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "bridger panicked: {stderr}");
    assert_eq!(out.status.code(), Some(2), "stderr: {stderr}");
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let looped = &lines[0];
    assert_eq!(looped["status"], "unreadable", "{looped}");
    assert_eq!(looped["findings"][0]["code"], "damaged", "{looped}");
    assert!(
        looped["findings"][0]["message"]
            .as_str()
            .unwrap()
            .contains("sector chain loops"),
        "{looped}"
    );
    assert_eq!(lines[1]["status"], "valid", "{}", lines[1]);
}
