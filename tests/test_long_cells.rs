//! Issue 17: one return can never spoil the national run. A cell of 32,767 characters
//! (Excel's own limit, which the reader accepts) makes its return invalid and nothing
//! more: every workbook and CSV is still written, findings quote the value cut and say
//! how long it was, and printing them stays quick however many rows repeat it.

mod common;

use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx};
use common::*;

/// Excel's limit for one cell, and the longest value a return can hold.
const EXCEL: usize = 32_767;

/// How a finding shows a value of [`EXCEL`] `x`s: its first 100 characters and its length.
fn shown() -> String {
    format!("{}… (a value of 32,767 characters)", "x".repeat(100))
}

/// A return for `force` of `rows` incidents, each with a Category (a list column: an error
/// in every row) and a Summary (free text: allowed) of 32,767 characters.
fn long_return(dir: &Path, force: &str, rows: usize) -> PathBuf {
    let long = "x".repeat(EXCEL);
    let incidents = (0..rows)
        .map(|i| {
            let mp = ("Alex Marlowe", "Northbridge and Vale");
            let mut row = incident(&format!("REF/{i:05}"), mp, [None, None, None, None, None]);
            set(&mut row, "category", Some(t(&long)));
            set(&mut row, "summary", Some(t(&long)));
            row
        })
        .collect();
    write_return(dir, force, incidents)
}

/// The sheet `name` of the workbook at `path`.
fn sheet(path: &Path, name: &str) -> calamine::Range<Data> {
    let mut wb: Xlsx<_> = calamine::open_workbook(path).unwrap();
    wb.worksheet_range(name)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The text of every cell in the column headed `header` (the header row found by name).
fn column(range: &calamine::Range<Data>, header: &str) -> Vec<String> {
    let rows: Vec<&[Data]> = range.rows().collect();
    let (r, c) = rows
        .iter()
        .enumerate()
        .find_map(|(r, row)| row.iter().position(|d| *d == header).map(|c| (r, c)))
        .unwrap_or_else(|| panic!("no column {header}"));
    rows[r + 1..]
        .iter()
        .map(|row| row.get(c).map(|d| d.to_string()).unwrap_or_default())
        .collect()
}

fn run(args: &[&str], paths: &[&Path]) -> (i32, String, String) {
    let out = bridger().args(args).args(paths).output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn issue_17_a_cell_of_32767_characters_makes_its_return_invalid_and_every_output_is_still_written()
{
    let dir = tempfile::tempdir().unwrap();
    let returns = dir.path().join("returns");
    std::fs::create_dir(&returns).unwrap();
    let file = long_return(&returns, "Kent Police", 1);
    let quoted = format!(
        "'{}…' (a value of 32,767 characters) is not in the Category list",
        "x".repeat(100)
    );

    // collate writes the national workbook and the chase list (it exited 2, writing none).
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let (national, chase) = (out.join("national.xlsx"), out.join("chase.csv"));
    let args = [
        "collate",
        "--out",
        national.to_str().unwrap(),
        "--chase",
        chase.to_str().unwrap(),
    ];
    let (code, _, stderr) = run(&args, &[&returns]);
    assert_eq!(code, 1, "{stderr}");
    let reasons = column(&sheet(&national, "Responses"), "First reason");
    assert!(
        reasons[0].contains(&quoted) && reasons[0].len() < 1_000,
        "{}",
        reasons[0].len()
    );
    let chase = std::fs::read_to_string(&chase).unwrap();
    let kent = chase.lines().find(|l| l.starts_with("kent,")).unwrap();
    assert!(
        kent.contains(&quoted) && kent.len() < 2_000,
        "{}",
        kent.len()
    );

    // With --include-invalid, the rows go in with the long values whole: they fit a cell.
    let (code, _, stderr) = run(
        &[
            "collate",
            "--include-invalid",
            "--out",
            national.to_str().unwrap(),
        ],
        &[&returns],
    );
    assert_eq!(code, 1, "{stderr}");
    let incidents = sheet(&national, "Incidents");
    let category = column(&incidents, "Offence or incident category");
    assert_eq!(category[0].len(), EXCEL);
    assert_eq!(column(&incidents, "Summary")[0].len(), EXCEL);

    // The annotated copy is written, the value whole in its cell, the finding cut.
    let report = out.join("checked.xlsx");
    let (code, _, stderr) = run(
        &["validate", "--report", report.to_str().unwrap()],
        &[&file],
    );
    assert_eq!(code, 1, "{stderr}");
    let filled = sheet(&report, "Incidents");
    assert_eq!(
        filled.get_value((4, 6)).map(|d| d.to_string().len()),
        Some(EXCEL)
    );
    let listed = sheet(&report, "Bridger findings");
    assert!(column(&listed, "Value found")[0] == shown());
    assert!(column(&listed, "What is wrong and how to fix it")[0].starts_with(&quoted));

    // The return alone is invalid, its finding quoting the value cut.
    let (code, v) = validate_json(&file);
    assert_eq!((code, v["status"].as_str()), (1, Some("invalid")));
    let finding = &v["findings"][0];
    assert_eq!(
        (&finding["code"], &finding["cell"]),
        (&"not-in-list".into(), &"G5".into())
    );
    let (value, message) = (
        finding["value"].as_str().unwrap(),
        finding["message"].as_str().unwrap(),
    );
    assert!(value == shown(), "a value of {} characters", value.len());
    assert!(
        message.starts_with(&quoted),
        "a message of {} characters",
        message.len()
    );
}

#[test]
fn issue_17_findings_of_a_return_whose_every_row_holds_a_long_value_stay_small_and_print_quickly() {
    const ROWS: usize = 600;
    let dir = tempfile::tempdir().unwrap();
    let file = long_return(dir.path(), "Kent Police", ROWS);

    // Before: the value twice per finding, 79 MB of JSON. Now each finding is a few
    // hundred bytes: its value cut to 100 characters, its message quoting that.
    let (code, stdout, _) = run(&["validate", "--format", "json"], &[&file]);
    assert_eq!(code, 1);
    assert!(
        stdout.len() < ROWS * 1_000,
        "{} bytes of JSON",
        stdout.len()
    );
    let v: serde_json::Value = serde_json::from_str(stdout.lines().next().unwrap()).unwrap();
    let findings = v["findings"].as_array().unwrap();
    assert_eq!(findings.len(), ROWS);
    for f in findings {
        assert!(f["value"] == shown().as_str());
        assert!(f["message"].as_str().unwrap().chars().count() < 1_000);
    }

    // Every finding on its own line: each row's message once, not its 32,767 characters
    // cut a line at a time (which took minutes for 150 rows, quadratic in the value).
    let output = bridger()
        .args(["validate", "--all"])
        .arg(dir.path())
        .env("COLUMNS", "200")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8(output.stdout).unwrap();
    assert_eq!(
        text.matches("not-in-list").count(),
        ROWS,
        "{}",
        &text[..2_000]
    );
    assert_eq!(text.matches("Incidents!G").count(), ROWS);
}

/// Linkage compares a value longer than any name only for being the same (issue 19;
/// Jaro-Winkler of two such values costs the product of their lengths, and 48 of them held
/// the national run for minutes). The same 32,767-letter surname and forename with the
/// same date of birth in two forces is one suspect; in a third, one letter changed in each
/// is another name, not a typo, and stays apart.
#[test]
fn issue_19_a_suspect_name_of_32767_characters_links_only_where_it_is_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let name = |start: usize, slip: bool| -> String {
        let mut s: String = (0..EXCEL)
            .map(|i| char::from(b'a' + ((start + i * 7) % 26) as u8))
            .collect();
        if slip {
            s.pop();
            s.push('z');
        }
        s
    };
    let mp = ("Alex Marlowe", "Northbridge and Vale");
    for (force, reference, slip) in [
        ("Essex Police", "ESX/1", false),
        ("Kent Police", "KNT/1", false),
        ("Surrey Police", "SUR/1", true),
    ] {
        let suspect = [
            Some(t(&name(0, slip))),
            Some(t(&name(3, slip))),
            Some(d(1980, 5, 6)),
            None,
            None,
        ];
        write_return(dir.path(), force, vec![incident(reference, mp, suspect)]);
    }
    let (code, out, err) = run(&["links", "--format", "json"], &[dir.path()]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let groups = group_references(&v);
    assert_eq!(groups, [["ESX/1", "KNT/1"]], "{err}");
}
