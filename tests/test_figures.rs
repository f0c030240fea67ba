//! No figure can mislead: the counts of responses agree in the Summary, the headline, the
//! JSON and the terminal; a force with no return is blank, never 0 (a nil return's
//! figure); returns from forces not expected say whether their rows went in; late returns
//! are named; returns of other quarters left out are summed up by quarter.

mod common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use calamine::{Data, Reader, Xlsx};
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

/// One collation: its arguments, JSON, text and workbook.
type Run = (Vec<String>, serde_json::Value, String, PathBuf);

/// The sample files collated four ways, once for every test that reads them: by default,
/// with `--include-invalid`, and with an `--expected` list that leaves out Kent (valid),
/// Lancashire (modified) and Wiltshire (unreadable) and has Cumbria, which sent nothing,
/// without and with `--include-invalid`: (arguments, JSON, text, workbook).
fn sample_runs() -> &'static [Run] {
    static RUNS: OnceLock<Vec<Run>> = OnceLock::new();
    RUNS.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("test-figures-sample");
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let exp = dir.join("expected.csv");
        std::fs::write(
            &exp,
            "avon-and-somerset\ndorset\nessex\nnorfolk\nsurrey\ncumbria\n",
        )
        .unwrap();
        let exp = exp.to_str().unwrap().to_string();
        let configs: [&[&str]; 4] = [
            &[],
            &["--include-invalid"],
            &["--expected", &exp],
            &["--expected", &exp, "--include-invalid"],
        ];
        configs
            .iter()
            .enumerate()
            .map(|(i, args)| {
                let out = dir.join(format!("n{i}.xlsx"));
                let (v, text, _) = collate(&sample_files(), &out, args);
                (args.iter().map(|a| a.to_string()).collect(), v, text, out)
            })
            .collect()
    })
}

/// Every count of responses is one figure: the Summary's status table, its Responses line,
/// the headline printed, the JSON `summary`, `tally` and `forces[]`; with and
/// without `--include-invalid`, and with an `--expected` list that leaves out forces
/// whose returns are in the inputs (listed as not expected, saying whether they went in).
#[test]
fn the_counts_agree_in_the_summary_the_headline_and_the_json() {
    let words = [
        ("valid", "valid"),
        ("late", "late"),
        ("invalid but collated", "invalid_collated"),
        ("invalid", "invalid"),
        ("modified", "modified"),
        ("unreadable", "unreadable"),
        ("missing", "missing"),
    ];
    for (args, v, text, out) in sample_runs() {
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
        let s = sheet(out, "Summary");
        let responses = find(&s, "Responses", 0).expect("a Responses line");
        assert_eq!(cell(&s, responses, 1), summary);
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
        if args.is_empty() || args == &["--include-invalid"] {
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

/// A force with no return collated is blank in Incidents by force (a gap in its chart,
/// explained below it) and "no return" in the per-force lists; a nil return is 0.
#[test]
fn no_return_is_blank_and_a_nil_return_is_0() {
    for (args, _, _, out) in sample_runs() {
        let include = args.iter().any(|a| a == "--include-invalid");
        let expected = args.iter().any(|a| a == "--expected");
        let s = sheet(out, "Summary");
        let table = find(&s, "Incidents by force (most first)", 0).unwrap();
        let count = |force: &str| {
            let row = find(&s, force, table).unwrap_or_else(|| panic!("{args:?}: no {force}"));
            s.get((row, 1)).cloned().unwrap_or(Data::Empty)
        };
        assert_eq!(count("Dorset Police"), Data::Float(0.0), "the nil return");
        assert_eq!(count("Avon and Somerset Constabulary"), Data::Float(4.0));
        assert_eq!(count("Cumbria Constabulary"), Data::Empty, "missing");
        assert_eq!(count("Essex Police"), Data::Empty, "modified");
        let norfolk = if include {
            Data::Float(12.0)
        } else {
            Data::Empty
        };
        assert_eq!(count("Norfolk Constabulary"), norfolk, "{args:?}");
        if expected {
            // Not expected: listed, and marked, only when its return went in.
            assert_eq!(count("Kent Police (not expected)"), Data::Float(5.0));
            assert!(find(&s, "Lancashire Constabulary (not expected)", table).is_none());
        } else {
            assert_eq!(count("Gwent Police"), Data::Empty, "missing");
        }
        // The chart shows a blank as a gap, and the note below it says what a blank is.
        let notes: Vec<String> = (table..table + 150).map(|r| cell(&s, r, 0)).collect();
        assert!(
            notes
                .iter()
                .any(|n| n.starts_with("A blank (no bar): no return collated")),
            "{notes:?}"
        );
        let chart = part(out, "xl/charts/chart1.xml");
        assert!(chart.contains("<c:dispBlanksAs val=\"gap\"/>"), "{chart}");
        // The per-force lists say "no return" for a force with none, 0 for a nil return.
        for (name, first) in [("Recording", 2), ("MP engagement", 2)] {
            let list = sheet(out, name);
            let at = |force: &str| {
                (2..list.height())
                    .find(|&r| cell(&list, r, 0) == force)
                    .map(|r| cell(&list, r, first))
                    .unwrap_or_else(|| panic!("{name}: no {force}"))
            };
            assert_eq!(at("Cumbria Constabulary"), "no return", "{name}");
            assert_eq!(at("Essex Police"), "no return", "{name}");
            let norfolk = at("Norfolk Constabulary");
            assert_eq!(norfolk == "no return", !include, "{name}: {norfolk}");
            if name == "Recording" {
                assert_eq!(at("Dorset Police"), "0");
            }
        }
    }
}

/// The text of one part of an xlsx.
fn part(path: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut s = String::new();
    std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut s).unwrap();
    s
}

/// A year of four forces' returns, half of them late, generated once for every test that
/// reads it: the files.
fn demo_year() -> Vec<PathBuf> {
    static YEAR: OnceLock<PathBuf> = OnceLock::new();
    let year = YEAR.get_or_init(|| {
        let year = Path::new(env!("CARGO_TARGET_TMPDIR")).join("test-figures-year");
        let _ = std::fs::remove_dir_all(&year);
        bridger()
            .args([
                "demo",
                "--quarters",
                "4",
                "--forces",
                "4",
                "--incidents",
                "3",
            ])
            .args(["--seed", "1", "--late-share", "0.5"])
            .arg(&year)
            .assert()
            .success();
        year
    });
    let mut files: Vec<PathBuf> = std::fs::read_dir(year)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "xlsx"))
        .collect();
    files.sort();
    files
}

/// A single-quarter run names the forces whose returns were late, and sums up the returns
/// of other quarters left out in one line per run of consecutive quarters.
#[test]
fn a_single_quarter_names_the_late_forces_and_sums_up_other_quarters() {
    let dir = tempfile::tempdir().unwrap();
    let files = demo_year();
    let out = dir.path().join("n.xlsx");
    let (v, text, _) = collate(&files, &out, &["--quarter", "2016-17 Q4"]);
    let left_out: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("left out") && !l.contains("rows read"))
        .collect();
    assert_eq!(
        left_out,
        ["2016-17 Q1–Q3: 12 returns of other quarters left out"],
        "{text}"
    );
    // The late forces, by name with their days late, as the JSON has them.
    let late: Vec<String> = v["forces"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["expected"] == true && f["late"] == true)
        .map(|f| format!("{} ({} days)", f["name"].as_str().unwrap(), f["days_late"]))
        .collect();
    assert!(!late.is_empty(), "some Q4 returns are late");
    assert_eq!(late.len() as u64, n(&v["tally"]["late"]));
    let line = format!(
        "late (valid, dated after the due date, 22/04/2017): {}",
        late.join(", ")
    );
    assert!(text.lines().any(|l| l == line), "{line}\n{text}");
    // Without the Q2 returns, Q1 and Q3 are two runs.
    let without_q2: Vec<PathBuf> = files
        .iter()
        .filter(|p| !p.to_string_lossy().contains("Q2"))
        .cloned()
        .collect();
    let (_, text, _) = collate(&without_q2, &out, &["--quarter", "2016-17 Q4"]);
    let left_out: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("left out") && !l.contains("rows read"))
        .collect();
    assert_eq!(
        left_out,
        [
            "2016-17 Q1: 4 returns of other quarters left out",
            "2016-17 Q3: 4 returns of other quarters left out"
        ],
        "{text}"
    );
}

/// With several quarters, a force not in `--expected` is a row of the grid marked so and
/// owing nothing (it is not chased, whatever it sent), its incidents are in Incidents by
/// force marked so, and the Summary and the headline say how many of its returns went in.
#[test]
fn forces_not_expected_owe_nothing_and_say_whether_they_went_in() {
    let dir = tempfile::tempdir().unwrap();
    let exp = dir.path().join("expected.csv");
    std::fs::write(&exp, "avon-and-somerset\nbedfordshire\ncambridgeshire\n").unwrap();
    // Cheshire's four returns, valid, and Norfolk's invalid Q1: neither force expected.
    let mut files = demo_year();
    files.push(fixture("returns").join("norfolk-2016-17-Q1.xlsx"));
    let out = dir.path().join("n.xlsx");
    let (v, text, _) = collate(&files, &out, &["--expected", exp.to_str().unwrap()]);
    let summary = v["summary"].as_str().unwrap();
    assert!(
        summary.ends_with("; 5 returns from forces not in the expected list (4 collated, 1 not)"),
        "{summary}"
    );
    let grid = sheet(&out, "Responses by quarter");
    let owed = |force: &str| {
        let r = find(&grid, force, 2).unwrap_or_else(|| panic!("no {force} in the grid"));
        cell(&grid, r, 6)
    };
    assert_eq!(owed("Cheshire Constabulary (not expected)"), "");
    assert_eq!(owed("Norfolk Constabulary (not expected)"), "");
    assert_eq!(owed("Avon and Somerset Constabulary"), "0");
    let norfolk = text
        .lines()
        .find(|l| l.contains("Norfolk Constabulary (not expected)"))
        .unwrap();
    // No count owed on its row (the owed column is left out when nobody owes anything).
    assert!(
        !norfolk
            .split(['┆', '│'])
            .any(|c| !c.trim().is_empty() && c.trim().chars().all(|ch| ch.is_ascii_digit())),
        "owes nothing: {norfolk}"
    );
    let s = sheet(&out, "Summary");
    let row = find(&s, "not expected", 0).expect("a not expected line");
    assert_eq!(cell(&s, row, 1), "5");
    assert!(
        cell(&s, row, 2).contains("4 collated"),
        "{}",
        cell(&s, row, 2)
    );
    let table = find(&s, "Incidents by force (most in 2016-17 Q4 first)", 0).unwrap();
    let cheshire = find(&s, "Cheshire Constabulary (not expected)", table).unwrap();
    assert_eq!(cell(&s, cheshire, 5), "12", "three incidents a quarter");
    assert!(find(&s, "Norfolk Constabulary (not expected)", table).is_none());
}
