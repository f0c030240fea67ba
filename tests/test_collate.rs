//! `bridger collate` on the sample quarter and on generated returns.

mod common;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx};
use common::*;

fn returns() -> PathBuf {
    fixture("returns")
}

/// Runs collate with JSON output: (exit code, document).
fn collate_json(args: &[&str], inputs: &[&Path], out: &Path) -> (i32, serde_json::Value) {
    let o = bridger()
        .arg("collate")
        .args(inputs)
        .arg("--out")
        .arg(out)
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let text = String::from_utf8(o.stdout).unwrap();
    let v = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{e}: {text}\n{}", String::from_utf8_lossy(&o.stderr)));
    (o.status.code().unwrap(), v)
}

fn force<'a>(v: &'a serde_json::Value, code: &str) -> &'a serde_json::Value {
    v["forces"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == code)
        .unwrap_or_else(|| panic!("no {code}"))
}

fn file<'a>(v: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    v["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["file"].as_str().unwrap().ends_with(name))
        .unwrap_or_else(|| panic!("no {name}"))
}

fn sheet(path: &Path, name: &str) -> calamine::Range<Data> {
    let mut wb: Xlsx<_> = calamine::open_workbook(path).unwrap();
    wb.worksheet_range(name).unwrap()
}

#[test]
fn the_sample_quarter_shows_every_status() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("national.xlsx");
    let (code, v) = collate_json(&[], &[&returns()], &out);
    assert_eq!(code, 1, "not every force has a valid return");
    assert_eq!(v["forces"].as_array().unwrap().len(), 46);
    assert_eq!(force(&v, "avon-and-somerset")["status"], "valid");
    assert_eq!(force(&v, "norfolk")["status"], "invalid");
    assert_eq!(force(&v, "essex")["status"], "modified-template");
    assert!(force(&v, "essex")["reason"]
        .as_str()
        .unwrap()
        .contains("'Channel' to 'Channel of contact'"));
    assert_eq!(force(&v, "lancashire")["status"], "modified-template");
    assert!(force(&v, "lancashire")["reason"]
        .as_str()
        .unwrap()
        .contains("a column was inserted before Incidents!D"));
    assert_eq!(force(&v, "wiltshire")["status"], "unreadable");
    for missing in ["cumbria", "gwent", "north-yorkshire", "btp"] {
        assert_eq!(force(&v, missing)["status"], "missing");
        assert!(force(&v, missing)["file"].is_null());
    }
    assert_eq!(force(&v, "dorset")["status"], "valid");
    assert_eq!(force(&v, "dorset")["incident_rows"], 0);
    // Re-saved by openpyxl and by LibreOffice (.xlsx and .ods), still valid.
    for code in ["cheshire", "cleveland", "south-wales"] {
        assert_eq!(force(&v, code)["status"], "valid", "{code}");
    }
    assert_eq!(
        v["summary"],
        "42 of 46 forces responded; 38 valid; 4 rejected; 4 missing"
    );
    assert_eq!(v["counts"]["missing"], 4);
}

#[test]
fn resubmissions_supersede_and_identical_files_count_once() {
    let dir = tempfile::tempdir().unwrap();
    let (_, v) = collate_json(&[], &[&returns()], &dir.path().join("n.xlsx"));
    assert!(force(&v, "surrey")["file"]
        .as_str()
        .unwrap()
        .ends_with("surrey-2016-17-Q1-resubmitted.xlsx"));
    let earlier = file(&v, "surrey-2016-17-Q1.xlsx");
    assert_eq!(earlier["disposition"]["kind"], "superseded");
    assert_eq!(
        earlier["disposition"]["by"],
        "surrey-2016-17-Q1-resubmitted.xlsx"
    );
    assert!(force(&v, "kent")["file"]
        .as_str()
        .unwrap()
        .ends_with("kent-2016-17-Q1.xlsx"));
    let copy = file(&v, "kent-2016-17-Q1 (copy).xlsx");
    assert_eq!(copy["disposition"]["kind"], "duplicate");
    // Every file is listed with what happened to it.
    assert_eq!(v["files"].as_array().unwrap().len(), 44);
}

#[test]
fn every_row_of_every_accepted_return_is_written_once() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("national.xlsx");
    let (_, v) = collate_json(&[], &[&returns()], &out);
    let rec = &v["reconciliation"];
    let collated: u64 = v["forces"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["collated"] == true)
        .map(|f| f["incident_rows"].as_u64().unwrap())
        .sum();
    assert_eq!(rec["incident_rows_read"], collated);
    assert_eq!(rec["incident_rows_written"], collated);
    assert_eq!(rec["engagement_rows_read"], rec["engagement_rows_written"]);

    let mut wb: Xlsx<_> = calamine::open_workbook(&out).unwrap();
    assert_eq!(
        wb.sheet_names(),
        [
            "Summary",
            "Chase",
            "Responses",
            "Incidents",
            "Engagement",
            "Sexual violence review",
            "FTAC",
            "Recording",
            "MP engagement",
            "Repeat suspects",
            "Repeat victims",
            "What is new this quarter"
        ]
    );
    let incidents = wb.worksheet_range("Incidents").unwrap();
    let rows: Vec<_> = incidents.rows().skip(1).collect();
    assert_eq!(rows.len() as u64, collated);
    assert_eq!(incidents.get_value((0, 0)).unwrap().to_string(), "Force");
    assert_eq!(
        incidents.get_value((0, 4)).unwrap().to_string(),
        "Force reference (crime or incident number)"
    );
    let mut seen = HashSet::new();
    for r in &rows {
        assert!(
            seen.insert((r[2].to_string(), r[3].to_string())),
            "row {r:?} written twice"
        );
        // Dates are real Excel dates, list values in the list's spelling.
        assert!(matches!(r[5], Data::DateTime(_)), "{r:?}");
    }
    // The rows of each collated return, by source file, match its count.
    for f in v["forces"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["collated"] == true)
    {
        let name = Path::new(f["file"].as_str().unwrap())
            .file_name()
            .unwrap()
            .to_string_lossy()
            .to_string();
        let n = rows.iter().filter(|r| r[2].to_string() == name).count() as u64;
        assert_eq!(n, f["incident_rows"].as_u64().unwrap(), "{name}");
    }
    let responses = wb.worksheet_range("Responses").unwrap();
    assert_eq!(
        responses.rows().count() - 2,
        44,
        "every file is on the Responses sheet"
    );
    // A line per expected force: the 38 collated, and "no return" for the other 8.
    let engagement = wb.worksheet_range("MP engagement").unwrap();
    assert_eq!(engagement.rows().count() - 2, 46);
    let no_return = engagement.rows().filter(|r| r[2] == "no return").count();
    assert_eq!(no_return, 8);
}

#[test]
fn the_same_inputs_give_a_byte_identical_workbook_and_inputs_are_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let inputs: Vec<PathBuf> = std::fs::read_dir(returns())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let before: Vec<String> = inputs.iter().map(|p| sha256(p)).collect();
    let (a, b) = (dir.path().join("a.xlsx"), dir.path().join("b.xlsx"));
    bridger()
        .arg("collate")
        .arg(returns())
        .arg("--out")
        .arg(&a)
        .assert()
        .code(1);
    bridger()
        .arg("collate")
        .arg(returns())
        .arg("--out")
        .arg(&b)
        .assert()
        .code(1);
    assert_eq!(sha256(&a), sha256(&b));
    let after: Vec<String> = inputs.iter().map(|p| sha256(p)).collect();
    assert_eq!(before, after, "inputs were modified");
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
#[cfg_attr(
    not(feature = "test-hooks"),
    ignore = "needs cargo test --features test-hooks"
)]
fn a_failing_run_leaves_the_previous_workbook_intact() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("national.xlsx");
    bridger()
        .arg("collate")
        .arg(returns())
        .arg("--out")
        .arg(&out)
        .assert()
        .code(1);
    let before = sha256(&out);
    let o = bridger()
        .env("BRIDGER_TEST_FAIL_BEFORE_RENAME", "1")
        .arg("collate")
        .arg(real("openpyxl-valid.xlsx"))
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("simulated failure"));
    assert_eq!(sha256(&out), before);
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        left,
        vec![std::ffi::OsString::from("national.xlsx")],
        "no temporary file is left behind"
    );
}

#[test]
fn the_output_never_overwrites_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("kent.xlsx");
    std::fs::copy(real("openpyxl-valid.xlsx"), &input).unwrap();
    let before = sha256(&input);
    let o = bridger()
        .arg("collate")
        .arg(&input)
        .arg("--out")
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("is one of the inputs"));
    assert_eq!(sha256(&input), before);
    // An output inside the input folder is refused before anything is read: the next run
    // would read it as a return (see tests/test_edges.rs for the other cases).
    let out = dir.path().join("national.xlsx");
    let o = bridger()
        .arg("collate")
        .arg(dir.path())
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("outside the returns folder"));
    assert!(!out.exists());
}

fn expected(dir: &Path, codes: &[&str]) -> PathBuf {
    let p = dir.join("expected.csv");
    std::fs::write(&p, codes.join("\n")).unwrap();
    p
}

#[test]
fn text_that_looks_like_a_formula_stays_text() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("kent.xlsx");
    let swaps = [
        ("SXP/16/0192", "=SUM(1,2)"),
        ("Dunmore", "+Dunmore"),
        ("Callum", "-Callum"),
        ("c.dunmore77@mail.example", "@dunmore"),
    ];
    rewrite_zip(
        &real("openpyxl-valid.xlsx"),
        &input,
        |_, bytes| {
            let Ok(mut text) = String::from_utf8(bytes.clone()) else {
                return Some(bytes);
            };
            for (from, to) in swaps {
                text = text.replace(&format!(">{from}<"), &format!(">{to}<"));
            }
            Some(text.into_bytes())
        },
        &[],
    );
    let out = dir.path().join("national.xlsx");
    let (code, v) = collate_json(
        &[
            "--expected",
            expected(dir.path(), &["kent"]).to_str().unwrap(),
        ],
        &[&input],
        &out,
    );
    assert_eq!(code, 0, "{v}");
    let incidents = sheet(&out, "Incidents");
    let first: Vec<String> = incidents
        .rows()
        .nth(1)
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    for (_, to) in swaps {
        assert!(
            first.contains(&to.to_string()),
            "{to} not found in {first:?}"
        );
    }
    let mut wb: Xlsx<_> = calamine::open_workbook(&out).unwrap();
    let formulas = wb.worksheet_formula("Incidents").unwrap();
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "a formula was written"
    );
}

#[test]
fn quarters_expected_forces_and_invalid_returns() {
    let dir = tempfile::tempdir().unwrap();
    let gen = dir.path().join("gen");
    bridger()
        .args(["demo"])
        .arg(&gen)
        .args([
            "--incidents",
            "5",
            "--quarters",
            "2",
            "--forces",
            "3",
            "--seed",
            "7",
        ])
        .assert()
        .success();
    let exp = expected(
        dir.path(),
        &["avon-and-somerset", "Bedfordshire Police", "cambridgeshire"],
    );
    let out = dir.path().join("n.xlsx");
    // Without --quarter: force × quarter, and everything valid, so exit 0.
    let (code, v) = collate_json(&["--expected", exp.to_str().unwrap()], &[&gen], &out);
    assert_eq!(code, 0, "{}", v["summary"]);
    assert_eq!(
        v["quarters"],
        serde_json::json!(["2016-17 Q1", "2016-17 Q2"])
    );
    assert_eq!(v["forces"].as_array().unwrap().len(), 6);
    assert_eq!(v["reconciliation"]["incident_rows_written"], 30);
    // With --quarter: the other quarter's files are listed and left out.
    let (code, v) = collate_json(
        &[
            "--expected",
            exp.to_str().unwrap(),
            "--quarter",
            "2016-17 Q2",
        ],
        &[&gen],
        &out,
    );
    assert_eq!(code, 0);
    let other: Vec<_> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["disposition"]["kind"] == "other-quarter")
        .collect();
    assert_eq!(other.len(), 3);
    assert_eq!(v["reconciliation"]["incident_rows_written"], 15);
    // A force outside the expected list is still collated, and said to be unexpected.
    let exp2 = expected(dir.path(), &["avon-and-somerset"]);
    let (code, v) = collate_json(
        &[
            "--expected",
            exp2.to_str().unwrap(),
            "--quarter",
            "2016-17 Q1",
        ],
        &[&gen],
        &out,
    );
    assert_eq!(code, 0);
    assert_eq!(force(&v, "bedfordshire")["expected"], false);
    assert!(v["summary"]
        .as_str()
        .unwrap()
        .contains("2 returns from forces not in the expected list"));
    // One is said in the singular.
    let exp3 = expected(dir.path(), &["avon-and-somerset", "bedfordshire"]);
    let (_, v) = collate_json(
        &[
            "--expected",
            exp3.to_str().unwrap(),
            "--quarter",
            "2016-17 Q1",
        ],
        &[&gen],
        &out,
    );
    assert!(
        v["summary"]
            .as_str()
            .unwrap()
            .contains("; 1 return from a force not in the expected list"),
        "{}",
        v["summary"]
    );
    // An unknown expected force is a usage error.
    let bad = expected(dir.path(), &["Atlantis Police"]);
    bridger()
        .arg("collate")
        .arg(&gen)
        .arg("--out")
        .arg(&out)
        .arg("--expected")
        .arg(&bad)
        .assert()
        .code(2);
}

/// A `--quarter` that no return is for (a typo) is refused before anything is written,
/// naming the quarters the inputs hold and the closest; one written another way is
/// answered with the spelling to write, as Return!B6 is. `links` refuses them alike.
#[test]
fn a_quarter_no_return_is_for_is_refused_with_the_quarters_there_are() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("n.xlsx");
    let chase = dir.path().join("chase.csv");
    let run = |cmd: &str, quarter: &str| {
        let mut c = bridger();
        c.arg(cmd).arg(returns()).args(["--quarter", quarter]);
        if cmd == "collate" {
            c.arg("--out").arg(&out).arg("--chase").arg(&chase);
        }
        let o = c.output().unwrap();
        (
            o.status.code(),
            String::from_utf8_lossy(&o.stderr).into_owned(),
        )
    };
    for cmd in ["collate", "links"] {
        let (code, err) = run(cmd, "2015-16 Q4");
        assert_eq!(code, Some(2), "{cmd}: {err}");
        assert!(
            err.contains(
                "--quarter '2015-16 Q4': no return in the inputs is for that quarter. The inputs hold 2016-17 Q1 (44 returns). The closest is 2016-17 Q1: write --quarter \"2016-17 Q1\""
            ),
            "{cmd}: {err}"
        );
        assert_eq!(err.lines().count(), 1, "{err}");
        let (code, err) = run(cmd, "2016/17 Q4");
        assert_eq!(code, Some(2), "{cmd}: {err}");
        assert!(
            err.contains("--quarter '2016/17 Q4' reads as 2016-17 Q4")
                && err.contains("write --quarter \"2016-17 Q4\""),
            "{cmd}: {err}"
        );
    }
    assert!(
        !out.exists() && !chase.exists(),
        "a refused run writes nothing"
    );
}

#[test]
fn include_invalid_puts_invalid_rows_in_with_their_errors() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("n.xlsx");
    let (_, v) = collate_json(&["--include-invalid"], &[&returns()], &out);
    assert_eq!(force(&v, "norfolk")["collated"], true);
    assert_eq!(
        force(&v, "essex")["collated"],
        false,
        "modified templates never go in"
    );
    let incidents = sheet(&out, "Incidents");
    assert_eq!(
        incidents.get_value((0, 4)).unwrap().to_string(),
        "Errors in row"
    );
    let norfolk: Vec<_> = incidents
        .rows()
        .filter(|r| r[0] == "Norfolk Constabulary")
        .collect();
    assert_eq!(
        norfolk.len() as u64,
        force(&v, "norfolk")["incident_rows"].as_u64().unwrap()
    );
    assert!(norfolk.iter().any(|r| r[4] != "0"));
}

#[test]
fn text_output_has_the_table_and_the_reconciliation() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("n.xlsx");
    let o = bridger()
        // Wide enough that no force name wraps (the layout has its own tests).
        .env("COLUMNS", "200")
        .arg("collate")
        .arg(returns())
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(
        text.contains("42 of 46 forces responded; 38 valid; 4 rejected; 4 missing"),
        "{text}"
    );
    assert!(
        text.contains("incident rows read,") && text.contains("written"),
        "{text}"
    );
    assert!(
        text.contains("superseded by surrey-2016-17-Q1-resubmitted.xlsx"),
        "{text}"
    );
    assert!(text.contains("Cumbria Constabulary") && text.contains("missing"));
    // No progress bar when stderr is not a terminal.
    assert!(
        o.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn the_national_workbook_reads_well_in_excel() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("national.xlsx");
    bridger()
        .arg("collate")
        .arg(returns())
        .arg("--out")
        .arg(&out)
        .assert()
        .code(1);
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let names: Vec<String> = (0..zip.len())
        .map(|i| zip.by_index(i).unwrap().name().unwrap().to_string())
        .collect();
    let charts = names
        .iter()
        .filter(|n| n.starts_with("xl/charts/chart"))
        .count();
    assert_eq!(charts, 3, "incidents by force, by category and by channel");
    let part = sheet_part(&out, "Incidents");
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name(&part).unwrap(), &mut xml).unwrap();
    assert!(xml.contains(r#"state="frozen""#), "frozen header");
    assert!(xml.contains("<autoFilter"), "filters");
    assert!(xml.contains("<cols>"), "column widths");
}

#[test]
fn equal_dates_submitted_fall_back_to_the_later_modification_time() {
    let dir = tempfile::tempdir().unwrap();
    let mp = ("Alex Marlowe", "Northbridge and Vale");
    let blank = || [None, None, None, None, None];
    let corrected = write_return(
        dir.path(),
        "Kent Police",
        vec![incident("KNT/9", mp, blank())],
    );
    let newer = dir.path().join("kent-resent.xlsx");
    std::fs::rename(&corrected, &newer).unwrap();
    let older = write_return(
        dir.path(),
        "Kent Police",
        vec![incident("KNT/1", mp, blank())],
    );
    // Both say 08/07/2016: the file modified later wins, though its name sorts after the
    // other's (the last tie-break).
    let now = std::time::SystemTime::now();
    std::fs::File::options()
        .write(true)
        .open(&older)
        .unwrap()
        .set_modified(now - std::time::Duration::from_secs(3600))
        .unwrap();
    std::fs::File::options()
        .write(true)
        .open(&newer)
        .unwrap()
        .set_modified(now)
        .unwrap();
    let exp = expected(dir.path(), &["kent"]);
    let out = tempfile::tempdir().unwrap();
    let (code, v) = collate_json(
        &["--expected", exp.to_str().unwrap()],
        &[dir.path()],
        &out.path().join("n.xlsx"),
    );
    assert_eq!(code, 0, "{v}");
    assert!(
        force(&v, "kent")["file"]
            .as_str()
            .unwrap()
            .ends_with("kent-resent.xlsx"),
        "{v}"
    );
    assert_eq!(
        file(&v, "kent-police.xlsx")["disposition"]["kind"],
        "superseded"
    );
}

#[test]
fn the_generator_is_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    for d in [&a, &b] {
        bridger()
            .arg("demo")
            .arg(d)
            .args(["--incidents", "20", "--forces", "3", "--seed", "11"])
            .assert()
            .success();
    }
    let mut names: Vec<_> = std::fs::read_dir(&a)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    assert_eq!(names.len(), 4, "three returns and truth.csv");
    for n in names {
        assert_eq!(sha256(&a.join(&n)), sha256(&b.join(&n)), "{n:?}");
    }
}

/// The chase list of the sample returns, byte for byte: its byte order mark, one line per
/// force, quoting (a reason holding a comma), CRLF line ends and defused formulas did not
/// change when the `csv` crate took over writing it (README's byte-identical table gives
/// the bytes from before issue 18 made it one line per force).
#[test]
fn the_chase_csv_of_the_sample_returns_keeps_its_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let (out, chase) = (
        dir.path().join("national.xlsx"),
        dir.path().join("chase.csv"),
    );
    bridger()
        .arg("collate")
        .arg(returns())
        .arg("--out")
        .arg(&out)
        .arg("--chase")
        .arg(&chase)
        .args(["--today", "2016-08-01"])
        .assert()
        .code(1);
    let text = std::fs::read_to_string(&chase).unwrap();
    assert!(text.contains("\r\n") && text.contains('"'), "{text}");
    assert_eq!(
        sha256(&chase),
        "0173f43747ff03f1c1936220c5fef82a9def1037489099c40d7ea9ab7fc5d748"
    );
}
