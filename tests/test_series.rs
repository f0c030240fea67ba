//! Series over time on generated multi-quarter data (`bridger demo --quarters 4`): suspect
//! ids that stay the same when a quarter is added, what is new in the latest quarter, the
//! `What is new this quarter` sheet, and the printed Repeat suspects sheet.

mod common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use common::*;
use serde_json::Value;

/// A year of returns from eight forces, a third of the suspects seen before, generated
/// once for both tests of this file: (the folder, its returns).
fn year() -> (PathBuf, Vec<PathBuf>) {
    let dir = demo_once(
        "test-series-year",
        &[
            "--quarters",
            "4",
            "--incidents",
            "40",
            "--forces",
            "8",
            "--seed",
            "11",
            "--repeat-share",
            "0.3",
        ],
    );
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "xlsx"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 32);
    (dir, files)
}

fn links(files: &[&PathBuf]) -> Value {
    let o = bridger()
        .arg("links")
        .args(files)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).unwrap()
}

type Key = (String, String, String);

fn key(i: &Value) -> Key {
    (
        i["force"]["code"].as_str().unwrap().to_string(),
        i["quarter"].as_str().unwrap().to_string(),
        i["reference"].as_str().unwrap().to_string(),
    )
}

#[test]
#[ignore = "slow: a generated year of 32 returns"]
fn ids_stay_when_a_quarter_is_added_and_the_latest_quarter_says_what_is_new() {
    let (_, files) = year();
    let three: Vec<&PathBuf> = files
        .iter()
        .filter(|p| !p.to_string_lossy().ends_with("Q4.xlsx"))
        .collect();
    let before = links(&three);
    let after = links(&files.iter().collect::<Vec<_>>());
    assert_eq!(after["quarters"].as_array().unwrap().len(), 4);
    assert_eq!(after["latest_quarter"], "2016-17 Q4");

    // Every group of the first run whose incidents all lie in one group of the second
    // keeps its id (or is named among that group's former ids).
    let mut group_of: HashMap<Key, &Value> = HashMap::new();
    for g in after["suspects"].as_array().unwrap() {
        for i in g["incidents"].as_array().unwrap() {
            group_of.insert(key(i), g);
        }
    }
    let (mut comparable, mut kept) = (0, 0);
    for g in before["suspects"].as_array().unwrap() {
        let targets: Vec<&str> = g["incidents"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|i| group_of.get(&key(i)).map(|t| t["id"].as_str().unwrap()))
            .collect();
        if targets.len() != g["incidents"].as_array().unwrap().len()
            || targets.iter().any(|t| *t != targets[0])
        {
            continue;
        }
        comparable += 1;
        let target = group_of[&key(&g["incidents"][0])];
        let also: Vec<&str> = target["also"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_str().unwrap())
            .collect();
        if target["id"] == g["id"] || also.contains(&g["id"].as_str().unwrap()) {
            kept += 1;
        }
    }
    let share = kept as f64 / comparable as f64;
    eprintln!("ids kept: {kept} of {comparable} ({share:.3})");
    assert!(comparable >= 30, "too few groups to measure: {comparable}");
    assert!(share >= 0.95, "ids kept: {kept} of {comparable}");

    // Each suspect says when and where it was seen, and what is new in Q4.
    let suspects = after["suspects"].as_array().unwrap();
    for g in suspects {
        let id = g["id"].as_str().unwrap();
        assert!(id.starts_with("S-") && id.len() == 8, "{id}");
        assert!(g["first_quarter"].as_str().unwrap() <= g["last_quarter"].as_str().unwrap());
        assert!(!g["mps"].as_array().unwrap().is_empty(), "{g}");
        let q4 = g["quarters"]["2016-17 Q4"].as_u64().unwrap_or(0);
        let news = g["new_this_quarter"].as_array().unwrap();
        if q4 == 0 {
            assert!(news.is_empty(), "nothing new without a Q4 incident: {g}");
        }
    }
    let said: Vec<&str> = suspects
        .iter()
        .flat_map(|g| g["new_this_quarter"].as_array().unwrap())
        .map(|x| x.as_str().unwrap())
        .collect();
    assert!(
        said.iter().any(|s| s.starts_with("seen in a new force: ")),
        "{said:?}"
    );
    assert!(
        said.iter().any(|s| s.starts_with("a new MP targeted: ")),
        "{said:?}"
    );
    // A group seen in a new force in Q4 has a Q4 incident from a force it had not had.
    let g = suspects
        .iter()
        .find(|g| {
            g["new_this_quarter"]
                .as_array()
                .unwrap()
                .iter()
                .any(|s| s.as_str().unwrap().starts_with("seen in a new force"))
        })
        .unwrap();
    let incidents = g["incidents"].as_array().unwrap();
    let forces_before: Vec<&Value> = incidents
        .iter()
        .filter(|i| i["quarter"] != "2016-17 Q4")
        .map(|i| &i["force"]["code"])
        .collect();
    assert!(incidents
        .iter()
        .any(|i| i["quarter"] == "2016-17 Q4" && !forces_before.contains(&&i["force"]["code"])));
    // Nothing is new when the inputs hold a single quarter.
    let one: Vec<&PathBuf> = files
        .iter()
        .filter(|p| p.to_string_lossy().ends_with("Q1.xlsx"))
        .collect();
    let single = links(&one);
    assert!(single["latest_quarter"].is_null());
    assert!(single["suspects"]
        .as_array()
        .unwrap()
        .iter()
        .all(|g| g["new_this_quarter"].as_array().unwrap().is_empty()));
}

#[test]
#[ignore = "slow: a generated year of 32 returns"]
fn the_national_workbook_says_what_is_new_and_prints_the_reasons_wrapped() {
    use calamine::Reader;
    let (dir, files) = year();
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().join("national.xlsx");
    let exp = out_dir.path().join("expected.txt");
    let mut codes: Vec<String> = files
        .iter()
        .map(|p| {
            let stem = p.file_stem().unwrap().to_string_lossy().to_string();
            stem.trim_end_matches("-2016-17-Q1")
                .trim_end_matches("-2016-17-Q2")
                .trim_end_matches("-2016-17-Q3")
                .trim_end_matches("-2016-17-Q4")
                .to_string()
        })
        .collect();
    codes.dedup();
    std::fs::write(&exp, codes.join("\n")).unwrap();
    bridger()
        .arg("collate")
        .arg(&dir)
        .arg("--out")
        .arg(&out)
        .arg("--expected")
        .arg(&exp)
        .assert()
        .code(0);
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&out).unwrap();
    let news = wb.worksheet_range("What is new this quarter").unwrap();
    let rows: Vec<_> = news.rows().collect();
    assert!(
        rows[0][0].to_string().contains("2016-17 Q4"),
        "{:?}",
        rows[0]
    );
    assert_eq!(rows[1][1].to_string(), "What is new this quarter");
    let body = &rows[2..];
    assert!(!body.is_empty());
    assert!(
        body[0][0].to_string().starts_with("Suspect S-"),
        "suspects first"
    );
    assert!(body.iter().all(|r| !r[1].to_string().is_empty()));
    assert!(body
        .iter()
        .any(|r| r[1].to_string().contains("seen in a new force")));

    // The Repeat suspects sheet: reasons wrapped in a wide column, landscape, headers
    // repeated on every printed page.
    let part = |name: &str| {
        let f = std::fs::File::open(&out).unwrap();
        let mut zip = zip::ZipArchive::new(f).unwrap();
        let mut s = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut s).unwrap();
        s
    };
    let xml = part(&sheet_part(&out, "Repeat suspects"));
    assert!(xml.contains(r#"orientation="landscape""#), "landscape");
    let styles = part("xl/styles.xml");
    assert!(styles.contains(r#"wrapText="1""#), "{styles}");
    let workbook = part("xl/workbook.xml");
    assert!(
        workbook.contains("'Repeat suspects'!$2:$2"),
        "headers repeated: {workbook}"
    );
    // The reasons column (N) is wide.
    let n = xml
        .split("<col ")
        .find(|c| c.contains(r#"min="14" max="14""#))
        .expect("a width for the reasons column");
    let width: f64 = n
        .split(r#"width=""#)
        .nth(1)
        .and_then(|w| w.split('"').next())
        .unwrap()
        .parse()
        .unwrap();
    assert!(width >= 60.0, "{n}");
    let suspects = wb.worksheet_range("Repeat suspects").unwrap();
    let first = suspects.rows().nth(2).unwrap();
    let reasons = first[13].to_string();
    assert!(
        !reasons.contains("(p ") && !reasons.contains("Jaro"),
        "{reasons}"
    );
    assert!(reasons.contains("the same person"), "{reasons}");
}

/// The rows of the `What is new this quarter` sheet, below its note and headers.
fn news_rows(out: &Path) -> (String, Vec<Vec<String>>) {
    use calamine::Reader;
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(out).unwrap();
    let news = wb.worksheet_range("What is new this quarter").unwrap();
    let rows: Vec<Vec<String>> = news
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    (rows[0][0].clone(), rows[2..].to_vec())
}

/// `collate --quarter Q` measures what is new in Q against the earlier quarters the inputs
/// hold, exactly as a collation of those quarters does, without collating or chasing them;
/// a later quarter in the inputs is left out of the comparison.
#[test]
fn a_single_quarter_says_what_is_new_against_the_earlier_quarters_the_inputs_hold() {
    let (_, files) = year();
    let out_dir = tempfile::tempdir().unwrap();
    let collate = |name: &str, files: &[&PathBuf], quarter: Option<&str>| {
        let out = out_dir.path().join(name);
        let mut cmd = bridger();
        cmd.arg("collate").args(files).arg("--out").arg(&out);
        if let Some(q) = quarter {
            cmd.args(["--quarter", q]);
        }
        let o = cmd.env("COLUMNS", "200").output().unwrap();
        assert!(o.status.code().is_some_and(|c| c < 2), "{o:?}");
        (out, String::from_utf8(o.stdout).unwrap())
    };
    let all: Vec<&PathBuf> = files.iter().collect();
    let up_to_q3: Vec<&PathBuf> = files
        .iter()
        .filter(|p| !p.to_string_lossy().ends_with("Q4.xlsx"))
        .collect();
    // Q4 alone, from the whole year, says what a collation of the whole year says.
    let (year_out, _) = collate("year.xlsx", &all, None);
    let (q4_out, text) = collate("q4.xlsx", &all, Some("2016-17 Q4"));
    let (note, news) = news_rows(&q4_out);
    assert_eq!(
        note,
        "What is new in 2016-17 Q4 against 2016-17 Q1, Q2 and Q3: repeat suspects first, cross-force first, then MPs."
    );
    assert!(!news.is_empty());
    assert_eq!((note.clone(), news), news_rows(&year_out));
    assert!(
        text.contains("what is new in 2016-17 Q4 is measured against 2016-17 Q1, Q2 and Q3 (compared only: not collated or chased)"),
        "{text}"
    );
    // Only Q4 is collated and chased: the earlier quarters are only compared.
    let v: serde_json::Value = {
        let o = bridger()
            .arg("collate")
            .args(&all)
            .arg("--out")
            .arg(out_dir.path().join("q4-json.xlsx"))
            .args(["--quarter", "2016-17 Q4", "--format", "json"])
            .output()
            .unwrap();
        serde_json::from_slice(&o.stdout).unwrap()
    };
    assert_eq!(v["quarters"], serde_json::json!(["2016-17 Q4"]));
    assert!(v["forces"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["quarter"] == "2016-17 Q4"));
    assert_eq!(v["reconciliation"]["incident_rows_written"], 8 * 40);
    // Q3 from the whole year is compared with Q1 and Q2, never with Q4, and says what a
    // collation of Q1 to Q3 says.
    let (q3_out, _) = collate("q3.xlsx", &all, Some("2016-17 Q3"));
    let (three_out, _) = collate("three.xlsx", &up_to_q3, None);
    let (note, news) = news_rows(&q3_out);
    assert!(
        note.starts_with("What is new in 2016-17 Q3 against 2016-17 Q1 and Q2:"),
        "{note}"
    );
    assert_eq!((note, news), news_rows(&three_out));
}

/// `links` prints one block per repeat suspect that a person reads on a screen at 80
/// columns: a quarter on every incident's line, the latest quarter's marked new, what is
/// new, and every reference and date whole on one line; `--new` and `--cross-force` show
/// only the suspects (and victims) with something new, or seen in more than one force, in
/// the text and the JSON alike.
#[test]
fn links_text_is_a_block_per_suspect_at_80_columns_filtered_by_new_and_cross_force() {
    let (_, files) = year();
    let run = |extra: &[&str], format: &str| {
        let o = bridger()
            .arg("links")
            .args(&files)
            .args(extra)
            .args(["--format", format])
            .env("COLUMNS", "80")
            .output()
            .unwrap();
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8(o.stdout).unwrap()
    };
    let all: Value = serde_json::from_str(&run(&[], "json")).unwrap();
    let text = run(&["--new"], "text");
    for line in text.lines() {
        assert!(line.chars().count() <= 80, "{line}");
    }
    // --new: exactly the suspects with something new in Q4, in the text and the JSON.
    let new: Vec<&Value> = all["suspects"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| !g["new_this_quarter"].as_array().unwrap().is_empty())
        .collect();
    assert!(!new.is_empty() && new.len() < all["suspects"].as_array().unwrap().len());
    let shown: Value = serde_json::from_str(&run(&["--new"], "json")).unwrap();
    assert_eq!(shown["suspects"].as_array().unwrap().len(), new.len());
    assert!(
        text.contains(&format!("shown: {} repeat suspects and", new.len())),
        "{text}"
    );
    let blocks: Vec<&str> = text.split("\n\n").filter(|b| b.starts_with("S-")).collect();
    assert_eq!(blocks.len(), new.len(), "{text}");
    for (block, g) in blocks.iter().zip(&new) {
        assert!(block.starts_with(g["id"].as_str().unwrap()), "{block}");
        assert!(block.contains("\n  new this quarter: "), "{block}");
        // One line per incident: its quarter, force and reference whole; Q4's marked new.
        for i in g["incidents"].as_array().unwrap() {
            let (q, force, reference) = (
                i["quarter"].as_str().unwrap(),
                i["force"]["name"].as_str().unwrap(),
                i["reference"].as_str().unwrap(),
            );
            let line = block
                .lines()
                .find(|l| l.starts_with(&format!("  {q}  {force}")) && l.contains(reference))
                .unwrap_or_else(|| panic!("{q} {force} {reference} not on one line:\n{block}"));
            assert_eq!(line.ends_with("  new"), q == "2016-17 Q4", "{line}");
        }
        for dob in g["dob"].as_array().unwrap() {
            assert!(block.contains(dob.as_str().unwrap()), "{block}");
        }
    }
    // --cross-force: only the suspects seen in more than one force.
    let cross: Value = serde_json::from_str(&run(&["--cross-force"], "json")).unwrap();
    let suspects = cross["suspects"].as_array().unwrap();
    assert!(!suspects.is_empty());
    assert!(suspects
        .iter()
        .all(|g| g["forces"].as_array().unwrap().len() > 1));
    assert!(cross["victims"]
        .as_array()
        .unwrap()
        .iter()
        .all(|v| v["forces"].as_array().unwrap().len() > 1));
    let text = run(&["--cross-force"], "text");
    assert_eq!(
        text.split("\n\n").filter(|b| b.starts_with("S-")).count(),
        suspects.len()
    );
}
