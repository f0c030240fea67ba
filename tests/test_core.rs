//! The core (`bridger_core`) used as another program would use it, with no file system
//! of its own: bytes in, outcomes and workbook bytes out. Each test checks that what the
//! core gives from bytes is exactly what the `bridger` binary gives from files, so the
//! split of the work between the two crates changes nothing.

mod common;

use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::{Path, PathBuf};

use bridger_core::{
    annex_c, collate, demo, national, suspects, validate_bytes, Code, Date, Keep, Mask, Options,
    Outcome, Settings,
};
use common::{bridger, root};

fn date(text: &str) -> Date {
    let d: Vec<u32> = text.split('-').map(|p| p.parse().unwrap()).collect();
    Date::new(d[0] as i32, d[1], d[2]).unwrap()
}

/// A file's modification time as the binary reads it, for supersession.
fn modified(path: &Path) -> Option<u64> {
    let time = std::fs::metadata(path).ok()?.modified().ok()?;
    Some(time.duration_since(std::time::UNIX_EPOCH).ok()?.as_secs())
}

/// The sample returns as the binary lists them (`fixtures/returns/NAME`, sorted).
fn sample_returns() -> Vec<PathBuf> {
    let mut names: Vec<PathBuf> = std::fs::read_dir(root().join("fixtures/returns"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .map(|n| Path::new("fixtures/returns").join(n))
        .filter(|p| {
            p.extension()
                .is_some_and(|e| ["xlsx", "xlsm", "xls", "ods"].contains(&e.to_str().unwrap()))
        })
        .collect();
    names.sort();
    names
}

#[test]
fn the_core_judges_date_submitted_against_the_today_it_is_given() {
    let rel = "fixtures/returns/kent-2016-17-Q1.xlsx";
    let bytes = std::fs::read(root().join(rel)).unwrap();
    let check = |today: &str| {
        let out = validate_bytes(Path::new(rel), None, bytes.clone(), date(today), annex_c());
        out.findings.by_code.contains_key(&Code::DateInFuture)
    };
    let submitted = validate_bytes(
        Path::new(rel),
        None,
        bytes.clone(),
        date("2030-01-01"),
        annex_c(),
    )
    .date_submitted
    .expect("the Kent return gives its Date submitted");
    let day_before = Date::from_days(submitted.days() - 1);
    assert!(check(&day_before.iso()), "dated after the day before");
    assert!(!check(&submitted.iso()), "not after the day itself");
}

#[test]
fn the_core_refuses_more_bytes_than_a_return_can_hold_unread() {
    let big = vec![b'x'; bridger_core::MAX_FILE_BYTES as usize + 1];
    let out = validate_bytes(
        Path::new("big.xlsx"),
        Some(7),
        big,
        date("2016-08-01"),
        annex_c(),
    );
    assert!(out.findings.by_code.contains_key(&Code::TooLarge));
    assert_eq!((out.sha256, out.modified), (None, Some(7)));
}

/// The national workbook the core writes into a buffer, from outcomes and links the caller
/// made, is the binary's byte for byte.
#[test]
fn the_national_workbook_from_bytes_and_handed_links_is_the_binarys() {
    let def = annex_c();
    let today = date("2016-08-01");
    let opts = Options {
        quarter: None,
        expected: def.forces.clone(),
        include_invalid: false,
        deadline: None,
        today,
    };
    let outcomes: Vec<Outcome> = sample_returns()
        .iter()
        .map(|rel| {
            let path = root().join(rel);
            let bytes = std::fs::read(&path).unwrap();
            // The day validation is checked against: the binary's today, which is later
            // than every sample return's Date submitted, as this is.
            let mut o = validate_bytes(rel, modified(&path), bytes, date("2099-01-01"), def);
            opts.keep().apply(&mut o);
            o
        })
        .collect();
    assert_eq!(opts.keep(), Keep::ValidRows);
    let mut collation = collate(outcomes, def, &opts);
    let mut links = suspects::link(
        suspects::prepare(&collation, def),
        &Settings::default(),
        &Mask::Clear,
    );
    let plan = national::plan(&mut collation, def, Path::new("A.xlsx")).unwrap();
    let (book, sheets) = national::begin().unwrap();
    let filled = sheets.fill(&mut links, &Mask::Clear).unwrap();
    let draft = national::start(book, &collation, plan, def, false, Path::new("A.xlsx")).unwrap();
    collation.free_rows();
    let mut ours = Cursor::new(Vec::new());
    national::write(draft, links, filled, &mut ours).unwrap();

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("A.xlsx");
    bridger()
        .current_dir(root())
        .args([
            "collate",
            "fixtures/returns",
            "--today",
            "2016-08-01",
            "--out",
        ])
        .arg(&out)
        .assert()
        .code(1);
    assert!(
        ours.into_inner() == std::fs::read(&out).unwrap(),
        "the core's workbook differs from the binary's"
    );
}

/// The links' sheets give the same bytes filled before the rows are written (as the page
/// fills them) or after (as the linking thread may, finishing late): every format they
/// use is numbered before any row is written. Generated returns with many repeat
/// suspects, so that the Repeat suspects sheet is streamed (over 1,000 rows), which
/// numbers its formats in the workbook's one table as it writes.
#[test]
fn the_links_sheets_give_the_same_bytes_filled_before_or_after_the_rows() {
    let def = annex_c();
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let opts = demo::Options {
        incidents: 350,
        forces: 12,
        repeat_share: 0.9,
        ..demo::Options::default()
    };
    demo::generate(&opts, &mut |name: &str, bytes: &[u8]| {
        if name.ends_with(".xlsx") {
            files.push((name.to_string(), bytes.to_vec()));
        }
        Ok(())
    })
    .unwrap();
    let options = Options {
        quarter: None,
        expected: def.forces.clone(),
        include_invalid: false,
        deadline: None,
        today: date("2016-08-01"),
    };
    let outcomes: Vec<Outcome> = files
        .into_iter()
        .map(|(name, bytes)| {
            let mut o = validate_bytes(Path::new(&name), None, bytes, date("2099-01-01"), def);
            options.keep().apply(&mut o);
            o
        })
        .collect();
    let collation = collate(outcomes, def, &options);
    let links = suspects::link(
        suspects::prepare(&collation, def),
        &Settings::default(),
        &Mask::Clear,
    );
    let rows: usize = links.suspects.iter().map(|g| g.members.len()).sum();
    assert!(
        rows > 1000,
        "the Repeat suspects sheet is streamed: {rows} rows"
    );
    let book = |fill_first: bool| {
        let mut collation = collation.clone();
        let mut links = links.clone();
        let plan = national::plan(&mut collation, def, Path::new("N.xlsx")).unwrap();
        let (book, sheets) = national::begin().unwrap();
        let mut sheets = Some(sheets);
        let mut filled = None;
        if fill_first {
            filled = Some(
                sheets
                    .take()
                    .unwrap()
                    .fill(&mut links, &Mask::Clear)
                    .unwrap(),
            );
        }
        let draft = national::start(book, &collation, plan, def, false, Path::new("N.xlsx"));
        if let Some(sheets) = sheets {
            filled = Some(sheets.fill(&mut links, &Mask::Clear).unwrap());
        }
        let mut out = Cursor::new(Vec::new());
        national::write(draft.unwrap(), links, filled.unwrap(), &mut out).unwrap();
        out.into_inner()
    };
    assert!(
        book(true) == book(false),
        "the bytes depend on when the links' sheets were filled"
    );
}

/// Generated returns handed to a sink are the files `bridger demo` writes.
#[test]
fn demo_returns_given_to_a_sink_are_the_files_bridger_demo_writes() {
    let opts = demo::Options {
        incidents: 20,
        forces: 3,
        quarters: 2,
        seed: 5,
        ..demo::Options::default()
    };
    let mut ours: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let summary = demo::generate(&opts, &mut |name: &str, bytes: &[u8]| {
        ours.insert(name.to_string(), bytes.to_vec());
        Ok(())
    })
    .unwrap();
    assert_eq!(summary.files.len(), 6);
    let dir = tempfile::tempdir().unwrap();
    bridger()
        .arg("demo")
        .arg(dir.path())
        .args([
            "--incidents",
            "20",
            "--forces",
            "3",
            "--quarters",
            "2",
            "--seed",
            "5",
        ])
        .assert()
        .success();
    let mut theirs = BTreeMap::new();
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        theirs.insert(name, std::fs::read(entry.path()).unwrap());
    }
    assert_eq!(
        ours.keys().collect::<Vec<_>>(),
        theirs.keys().collect::<Vec<_>>()
    );
    assert!(ours == theirs, "a generated file differs");
}
