//! No figure can mislead: the counts of responses agree in the Summary, the headline, the
//! JSON and the terminal; a force with no return is blank, never 0 (a nil return's
//! figure); returns from forces not expected say whether their rows went in; late returns
//! are named; returns of other quarters left out are summed up by quarter.

mod common;

use std::path::{Path, PathBuf};

use calamine::{Data, DataType, Reader, Xlsx};
use common::*;

/// Files of the sample quarter: valid (Avon and Somerset, Kent and its copy, Surrey and its
/// resubmission), a nil return (Dorset), invalid (Norfolk), modified (Essex, Lancashire)
/// and unreadable (Wiltshire).
fn sample_files() -> Vec<PathBuf> {
    [
        "avon-and-somerset-2016-17-Q1.xlsx",
        "dorset-2016-17-Q1.xlsx",
        "essex-2016-17-Q1.xlsx",
        "kent-2016-17-Q1.xlsx",
        "kent-2016-17-Q1 (copy).xlsx",
        "lancashire-2016-17-Q1.xlsx",
        "norfolk-2016-17-Q1.xlsx",
        "surrey-2016-17-Q1.xlsx",
        "surrey-2016-17-Q1-resubmitted.xlsx",
        "wiltshire-2016-17-Q1.xlsx",
    ]
    .iter()
    .map(|n| fixture("returns").join(n))
    .collect()
}

/// Runs collate on `inputs` into `out`: (JSON document, text printed, exit code).
fn collate(inputs: &[PathBuf], out: &Path, args: &[&str]) -> (serde_json::Value, String, i32) {
    let run = |format: &str| {
        let o = bridger()
            .arg("collate")
            .args(inputs)
            .arg("--out")
            .arg(out)
            .args(args)
            .args(["--format", format])
            .env("COLUMNS", "400")
            .output()
            .unwrap();
        (
            String::from_utf8(o.stdout).unwrap(),
            o.status.code().unwrap(),
        )
    };
    let (text, code) = run("text");
    let (json, _) = run("json");
    let v = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}"));
    (v, text, code)
}

fn sheet(path: &Path, name: &str) -> calamine::Range<Data> {
    let mut wb: Xlsx<_> = calamine::open_workbook(path).unwrap();
    wb.worksheet_range(name).unwrap()
}

fn cell(r: &calamine::Range<Data>, row: usize, col: usize) -> String {
    r.get((row, col)).map(|d| d.to_string()).unwrap_or_default()
}

/// The row of the first cell in column A that reads `label`, at or after `from`.
fn find(s: &calamine::Range<Data>, label: &str, from: usize) -> Option<usize> {
    (from..s.height()).find(|&r| cell(s, r, 0) == label)
}

fn n(v: &serde_json::Value) -> u64 {
    v.as_u64().unwrap_or_else(|| panic!("not a count: {v}"))
}

/// Every count of responses is one figure: the Summary's status table, its Responses line
/// (B7), the headline printed, the JSON `summary`, `tally` and `forces[]`; with and
/// without `--include-invalid`, and with an `--expected` list that leaves out forces
/// whose returns are in the inputs (listed as not expected, saying whether they went in).
#[test]
fn the_counts_agree_in_the_summary_the_headline_and_the_json() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("n.xlsx");
    // Kent (valid), Lancashire (modified) and Wiltshire (unreadable) are not expected;
    // Cumbria is expected and sent nothing.
    let exp = dir.path().join("expected.csv");
    std::fs::write(
        &exp,
        "avon-and-somerset\ndorset\nessex\nnorfolk\nsurrey\ncumbria\n",
    )
    .unwrap();
    let exp = exp.to_str().unwrap();
    let words = [
        ("valid", "valid"),
        ("late", "late"),
        ("invalid, in", "invalid_collated"),
        ("invalid", "invalid"),
        ("modified", "modified"),
        ("unreadable", "unreadable"),
        ("missing", "missing"),
    ];
    for args in [
        vec![],
        vec!["--include-invalid"],
        vec!["--expected", exp],
        vec!["--expected", exp, "--include-invalid"],
    ] {
        let (v, text, _) = collate(&sample_files(), &out, &args);
        let t = &v["tally"];
        let summary = v["summary"].as_str().unwrap();
        // The parts add up to the forces expected; rejected is its three kinds.
        assert_eq!(
            n(&t["valid"])
                + n(&t["late"])
                + n(&t["invalid_collated"])
                + n(&t["rejected"])
                + n(&t["missing"]),
            n(&t["expected"]),
            "{args:?}: {t}"
        );
        assert_eq!(
            n(&t["rejected"]),
            n(&t["invalid"]) + n(&t["modified"]) + n(&t["unreadable"])
        );
        // The JSON lines count the same.
        let forces = v["forces"].as_array().unwrap();
        let count = |expected: bool, standing: &str| {
            forces
                .iter()
                .filter(|f| f["expected"] == expected && f["standing"] == standing)
                .count() as u64
        };
        let standing = |key: &str| key.replace('_', "-");
        for (_, key) in words {
            assert_eq!(count(true, &standing(key)), n(&t[key]), "{args:?}: {key}");
        }
        // The headline says each figure as the tally has it, and is printed as it is in
        // the JSON and on the Summary (B7).
        assert!(
            summary.starts_with(&format!(
                "{} of {} forces responded; {} valid;",
                t["responded"], t["expected"], t["valid"]
            )) && summary.contains(&format!(
                "; {} rejected; {} missing",
                t["rejected"], t["missing"]
            )),
            "{args:?}: {summary}"
        );
        assert!(text.lines().any(|l| l == summary), "{args:?}:\n{text}");
        let s = sheet(&out, "Summary");
        assert_eq!(cell(&s, 6, 0), "Responses");
        assert_eq!(cell(&s, 6, 1), summary);
        let status = find(&s, "Status", 0).expect("a status table");
        for (word, key) in words {
            let row = find(&s, word, status).unwrap_or_else(|| panic!("no {word}"));
            assert_eq!(cell(&s, row, 1), t[key].to_string(), "{args:?}: {word}");
        }
        // Forces not expected: one line on the Summary, the headline and the JSON say how
        // many went in, and every row read is accounted for.
        let unexpected: Vec<&serde_json::Value> =
            forces.iter().filter(|f| f["expected"] == false).collect();
        let went_in = unexpected.iter().filter(|f| f["collated"] == true).count() as u64;
        assert_eq!(n(&t["unexpected"]), unexpected.len() as u64);
        assert_eq!(n(&t["unexpected_collated"]), went_in);
        let rows = find(&s, "not expected", status);
        if args.is_empty() || args == ["--include-invalid"] {
            assert!(unexpected.is_empty());
            assert!(rows.is_none() && !summary.contains("expected list"));
        } else {
            assert_eq!((unexpected.len(), went_in), (3, 1), "Kent went in");
            let row = rows.expect("a not expected line");
            assert_eq!(cell(&s, row, 1), "3");
            assert!(
                cell(&s, row, 2).contains("1 collated"),
                "{}",
                cell(&s, row, 2)
            );
            assert!(
                summary.ends_with(
                    "; 3 returns from forces not in the expected list (1 collated, 2 not)"
                ),
                "{summary}"
            );
            let kent = text.lines().find(|l| l.contains("Kent Police")).unwrap();
            assert!(
                kent.contains("(not expected)")
                    && kent.contains("not in the expected list; collated"),
                "{kent}"
            );
        }
        let rec = &v["reconciliation"];
        let collated_rows: u64 = forces
            .iter()
            .filter(|f| f["collated"] == true)
            .map(|f| n(&f["incident_rows"]))
            .sum();
        assert_eq!(n(&rec["incident_rows_written"]), collated_rows);
    }
}
