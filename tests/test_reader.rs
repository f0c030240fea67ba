//! The reader's bounds and the values, on hostile returns built inside each test from the
//! real template: nothing a return contains crashes, wraps, or borrows another cell's text.

mod common;

use std::path::{Path, PathBuf};

use common::*;

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

/// A valid one-incident return for Kent, written into `dir`.
fn valid_return(dir: &Path) -> PathBuf {
    write_return(
        dir,
        "Kent Police",
        vec![incident(
            "INC-1",
            ("Alex Marlowe", "Northbridge and Vale"),
            [
                Some(t("Smith")),
                Some(t("John")),
                None,
                Some(t("SW1A 1AA")),
                None,
            ],
        )],
    )
}

/// Copies `src` to `dst.xlsx` in `dir` with `edit` applied to the entry named `part`.
fn with_part(
    dir: &Path,
    src: &Path,
    name: &str,
    part: &str,
    edit: impl Fn(String) -> String,
) -> PathBuf {
    let dst = dir.join(name);
    rewrite_zip(
        src,
        &dst,
        |n, bytes| {
            if n == part {
                Some(edit(String::from_utf8(bytes).unwrap()).into_bytes())
            } else {
                Some(bytes)
            }
        },
        &[],
    );
    dst
}

#[test]
fn postcode_with_a_non_ascii_letter_is_a_finding_not_a_panic() {
    let dir = tmp();
    let path = write_return(
        dir.path(),
        "Kent Police",
        vec![incident(
            "INC-1",
            ("Alex Marlowe", "Northbridge and Vale"),
            [
                Some(t("Smith")),
                Some(t("John")),
                None,
                Some(t("SW1é AA")),
                None,
            ],
        )],
    );
    let (code, v) = validate_json(&path);
    assert_eq!(code, 1, "{v}");
    assert!(codes(&v).iter().any(|(c, _)| c == "not-a-postcode"), "{v}");
}

/// LibreOffice's valid return, whose Return!B5 (the force) is `<c r="B5" s="4" t="s"><v>13</v>`.
fn libreoffice() -> PathBuf {
    real("libreoffice-valid.xlsx")
}

fn assert_unreadable(path: &Path, code: &str, words: &str) {
    let (exit, v) = validate_json(path);
    assert_eq!(v["status"], "unreadable", "{v}");
    assert_eq!(exit, 2, "{v}");
    let found = codes(&v);
    assert_eq!(found[0].0, code, "{v}");
    let message = v["findings"][0]["message"].as_str().unwrap();
    assert!(message.contains(words), "{message}");
}

#[test]
fn shared_string_index_that_is_not_a_number_is_damaged_not_string_zero() {
    let dir = tmp();
    let src = libreoffice();
    let part = sheet_part(&src, "Return");
    for (i, bad) in ["-1", "abc", "99999999999999999999999"].iter().enumerate() {
        let path = with_part(
            dir.path(),
            &src,
            &format!("bad-index-{i}.xlsx"),
            &part,
            |x| {
                x.replace(
                    r#"<c r="B5" s="4" t="s"><v>13</v>"#,
                    &format!(r#"<c r="B5" s="4" t="s"><v>{bad}</v>"#),
                )
            },
        );
        assert_unreadable(&path, "damaged", "shared string");
    }
    // Past the end of the table: calamine's own error, still damaged.
    let path = with_part(dir.path(), &src, "past-end.xlsx", &part, |x| {
        x.replace(r#"<v>13</v>"#, r#"<v>4000000000</v>"#)
    });
    assert_unreadable(&path, "damaged", "damaged");
}

#[test]
fn shared_strings_unique_count_of_four_billion_is_damaged_not_an_abort() {
    let dir = tmp();
    let path = with_part(
        dir.path(),
        &libreoffice(),
        "huge-count.xlsx",
        "xl/sharedStrings.xml",
        |x| x.replace(r#"uniqueCount="252""#, r#"uniqueCount="4294967295""#),
    );
    assert_unreadable(&path, "damaged", "declares 4294967295 shared strings");
}

#[test]
fn cell_positions_beyond_the_sheet_are_damaged_never_wrapped() {
    let dir = tmp();
    let src = libreoffice();
    let part = sheet_part(&src, "Incidents");
    let column28 = "ABCDEFGHIJKLMNOPQRSTUVWXYZAB";
    for (i, r) in ["A1048577", "A99999999999", &format!("{column28}1"), "XFE2"]
        .iter()
        .enumerate()
    {
        let path = with_part(dir.path(), &src, &format!("pos-{i}.xlsx"), &part, |x| {
            x.replacen(r#"<c r="A2""#, &format!(r#"<c r="{r}""#), 1)
        });
        assert_unreadable(&path, "damaged", "outside any sheet");
    }
}

/// A `>` inside another attribute's quoted value cannot carry a wrapping position past the
/// scan (calamine would read `B4294967298` as B2, silently): the tag is refused.
#[test]
fn a_position_behind_a_quoted_gt_is_damaged_never_wrapped() {
    let dir = tmp();
    let src = libreoffice();
    let part = sheet_part(&src, "Incidents");
    for (i, hide) in [r#"x=">""#, r#"x='a>b'"#].iter().enumerate() {
        let path = with_part(dir.path(), &src, &format!("gt-{i}.xlsx"), &part, |x| {
            x.replacen(r#"<c r="A2""#, &format!(r#"<c {hide} r="A4294967298""#), 1)
        });
        assert_unreadable(&path, "damaged", "inside a quoted value");
    }
}

#[test]
fn date_submitted_31_12_9999_is_date_in_future_so_it_cannot_supersede() {
    let dir = tmp();
    let path = write_return_with(
        dir.path(),
        "Kent Police",
        vec![incident(
            "INC-1",
            ("Alex Marlowe", "Northbridge and Vale"),
            [
                Some(t("Smith")),
                Some(t("John")),
                None,
                Some(t("SW1A 1AA")),
                None,
            ],
        )],
        |f| {
            f.fields.retain(|(k, _)| k != "date_submitted");
            f.fields.push(("date_submitted".into(), d(9999, 12, 31)));
        },
    );
    let (exit, v) = validate_json(&path);
    assert_eq!(exit, 1, "{v}");
    assert_eq!(v["status"], "invalid", "{v}");
    assert!(
        codes(&v).contains(&("date-in-future".to_string(), "Return!B9".to_string())),
        "{v}"
    );
    // A return dated today or before is not flagged.
    let (_, v) = validate_json(&valid_return(dir.path()));
    assert_eq!(v["status"], "valid", "{v}");
}

#[test]
fn date_cell_of_minus_5_0_or_nan_is_not_a_date_showing_the_value_not_1() {
    let dir = tmp();
    let src = libreoffice();
    let part = sheet_part(&src, "Incidents");
    for (i, (stored, shown)) in [
        ("-5", "-5"),
        ("0", "0"),
        ("NaN", "NaN"),
        ("3000000", "3000000"),
    ]
    .iter()
    .enumerate()
    {
        let path = with_part(dir.path(), &src, &format!("date-{i}.xlsx"), &part, |x| {
            x.replace(
                r#"<c r="B5" s="11" t="n"><v>42465</v>"#,
                &format!(r#"<c r="B5" s="11" t="n"><v>{stored}</v>"#),
            )
        });
        let (exit, v) = validate_json(&path);
        assert_eq!(exit, 1, "{stored}: {v}");
        let finding = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["cell"] == "B5")
            .unwrap_or_else(|| panic!("{stored}: {v}"));
        assert_eq!(finding["code"], "not-a-date", "{stored}: {v}");
        assert_eq!(finding["value"], *shown, "{stored}: {v}");
    }
}

/// LibreOffice's return with one more shared string (`text`) used by `uses` cells of the
/// Instructions sheet, Z100 down.
fn shared_string_used_by(dir: &Path, name: &str, text: &str, uses: usize) -> PathBuf {
    let src = libreoffice();
    let sheet = sheet_part(&src, "Instructions");
    let dst = dir.join(name);
    rewrite_zip(
        &src,
        &dst,
        |n, bytes| {
            let x = String::from_utf8(bytes).unwrap();
            Some(
                if n == "xl/sharedStrings.xml" {
                    x.replace("</sst>", &format!("<si><t>{text}</t></si></sst>"))
                } else if n == sheet {
                    let rows: String = (100..100 + uses)
                        .map(|r| format!(r#"<row r="{r}"><c r="Z{r}" t="s"><v>252</v></c></row>"#))
                        .collect();
                    x.replace("</sheetData>", &format!("{rows}</sheetData>"))
                } else {
                    x
                }
                .into_bytes(),
            )
        },
        &[],
    );
    dst
}

/// Runs `bridger validate --format json` with the address space held to `megabytes`:
/// (exit code, the file's object). The worker gets 60 CPU seconds, as any file did before
/// the limit grew with the file's size: a test build reads about 25 times slower than a
/// release build, and the 1 MB file of 30 MB of cell text below takes 0.9 s released, 20 s
/// here, near the 20 s a file under 1 MB now gets.
fn validate_within(path: &Path, megabytes: u64) -> (i32, serde_json::Value) {
    let bin = assert_cmd::cargo::cargo_bin("bridger");
    let out = std::process::Command::new("sh")
        .env("BRIDGER_WORKER_SECONDS", "60")
        .arg("-c")
        .arg(format!(
            "ulimit -v {}; exec \"$0\" validate --format json \"$1\"",
            megabytes * 1024
        ))
        .arg(bin)
        .arg(path)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let line = text.lines().next().unwrap_or_else(|| {
        panic!(
            "no output ({:?}); stderr: {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (
        out.status.code().unwrap_or(-1),
        serde_json::from_str(line).unwrap(),
    )
}

#[test]
fn an_8_mb_shared_string_used_by_1000_cells_is_too_large_not_8_gb() {
    let dir = tmp();
    let path = shared_string_used_by(dir.path(), "8mb.xlsx", &"x".repeat(8 << 20), 1000);
    let (exit, v) = validate_within(&path, 1024);
    assert_eq!((exit, v["status"].as_str()), (2, Some("unreadable")), "{v}");
    assert_eq!(codes(&v)[0].0, "too-large", "{v}");
}

#[test]
fn a_shared_string_used_by_1000_cells_is_read() {
    // 30,000 characters (within Excel's 32,767) in 1,000 cells, read within 1 GB.
    let dir = tmp();
    let path = shared_string_used_by(dir.path(), "shared.xlsx", &"y".repeat(30_000), 1000);
    let (exit, v) = validate_within(&path, 1024);
    assert_ne!(v["status"], "unreadable", "{v}");
    assert_eq!(exit, 1, "{v}");
}

#[test]
fn ods_of_800_bytes_repeating_a_cell_99_million_times_is_too_large_not_10_gb() {
    use std::io::Write;
    let dir = tmp();
    let path = dir.path().join("repeats.ods");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let options = zip::write::SimpleFileOptions::default();
    let content = r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="Return"><table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="99" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#;
    for (name, body) in [
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        ("content.xml", content),
        (
            "META-INF/manifest.xml",
            r#"<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>"#,
        ),
    ] {
        zip.start_file(name, options).unwrap();
        zip.write_all(body.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
    assert!(std::fs::metadata(&path).unwrap().len() < 2000);
    let (exit, v) = validate_within(&path, 1024);
    assert_eq!((exit, v["status"].as_str()), (2, Some("unreadable")), "{v}");
    assert_eq!(codes(&v)[0].0, "too-large", "{v}");
}

/// Regression: the shared-string check once took `count` (how many cells use a shared
/// string) for the size of the table, and refused every large return as `damaged`. A
/// return of 3,000 incidents uses its strings in far more cells than it has strings.
#[test]
fn a_large_return_whose_strings_are_used_in_many_cells_is_valid() {
    let dir = tmp();
    let gen = dir.path().join("gen");
    bridger()
        .arg("demo")
        .arg(&gen)
        .args(["--incidents", "3000", "--forces", "1", "--seed", "11"])
        .assert()
        .success();
    let file = std::fs::read_dir(&gen)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "xlsx"))
        .unwrap();
    let (code, v) = validate_json(&file);
    assert_eq!((code, v["status"].as_str()), (0, Some("valid")), "{v}");
}

/// Regression (issue 17): an `.ods` whose content.xml stops inside a sheet, in a whole
/// zip (fixtures/make_hostile_fixtures.py). calamine reads on past the end of the part
/// waiting for the sheet's end, so the file used the worker's whole CPU limit and came out
/// `timed-out`; the pre-check now finds the sheet left open and calls it `damaged`.
#[test]
fn ods_cut_short_inside_a_sheet_is_damaged_not_timed_out() {
    let path = fixture("hostile/ods-cut-inside-a-sheet.ods");
    assert_unreadable(&path, "damaged", "cut short");
    let (_, v) = validate_json(&path);
    let message = v["findings"][0]["message"].as_str().unwrap();
    assert!(message.contains("content.xml"), "{message}");
}

/// `src` re-zipped with a second copy of its `sheet` part, taken from `other`, under the
/// name `copy` (the same name, or it in another case): the zip library refuses to write
/// two entries of one name, so the copy is written as `copy` with its last letter changed
/// and then renamed in place in both headers.
fn with_two_copies(dir: &Path, src: &Path, other: &Path, sheet: &str, copy: &str) -> PathBuf {
    let part = sheet_part(src, sheet);
    let mut theirs = Vec::new();
    std::io::Read::read_to_end(
        &mut zip::ZipArchive::new(std::fs::File::open(other).unwrap())
            .unwrap()
            .by_name(&part)
            .unwrap(),
        &mut theirs,
    )
    .unwrap();
    let stand_in = format!("{}#", &copy[..copy.len() - 1]);
    let dst = dir.join("two-copies.xlsx");
    rewrite_zip(src, &dst, |_, bytes| Some(bytes), &[(&stand_in, theirs)]);
    let mut bytes = std::fs::read(&dst).unwrap();
    let at: Vec<usize> = bytes
        .windows(stand_in.len())
        .enumerate()
        .filter(|(_, w)| *w == stand_in.as_bytes())
        .map(|(i, _)| i)
        .collect();
    assert_eq!(at.len(), 2, "the name in the local and the central header");
    for i in at {
        bytes[i..i + copy.len()].copy_from_slice(copy.as_bytes());
    }
    std::fs::write(&dst, bytes).unwrap();
    dst
}

/// Issue 17: a zip with two entries of one name was read as the last copy, so Excel or
/// another program could show different data from what was checked and collated. Such a
/// file (the names the same, or the same but for case: Excel reads part names regardless
/// of case) is `damaged`, naming the part.
#[test]
fn a_return_holding_two_copies_of_a_sheet_is_damaged() {
    let src = fixture("returns/kent-2016-17-Q1.xlsx");
    let other = fixture("returns/dorset-2016-17-Q1.xlsx");
    let part = sheet_part(&src, "Incidents");
    for copy in [part.clone(), part.to_ascii_uppercase()] {
        let dir = tmp();
        let path = with_two_copies(dir.path(), &src, &other, "Incidents", &copy);
        assert_unreadable(&path, "damaged", &format!("two copies of the part {copy}"));
    }
}
