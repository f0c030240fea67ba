//! README's sample outputs are the program's real output: each sample is run as README
//! says, and every line it shows must be, in order, the start of a line the program
//! printed or wrote. README trims columns and rows and says so (a line cut with `...` or
//! `…`, a note `  ... (`); nothing else may differ, so a sample cannot go stale.

mod common;

use std::path::Path;

use calamine::{Data, Reader, Xlsx};
use common::*;

/// The fenced block after the first line of README.md that contains `marker`.
fn sample(marker: &str) -> Vec<String> {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let at = readme
        .find(marker)
        .unwrap_or_else(|| panic!("README.md no longer says {marker:?}"));
    let block = &readme[at..];
    let open = block.find("\n```").unwrap();
    block[open + 1..]
        .lines()
        .skip(1)
        .take_while(|l| !l.starts_with("```"))
        .map(str::to_string)
        .collect()
}

/// README's line `shown` as a prefix to look for, or `None` for a note of what it left out.
fn prefix(shown: &str) -> Option<&str> {
    if shown.starts_with("  ... (") {
        return None;
    }
    let cut = shown
        .strip_suffix("...")
        .or_else(|| shown.strip_suffix('…'))
        .or_else(|| shown.strip_suffix("  (trimmed here)"))
        .map(|s| s.trim_end_matches('…'));
    Some(cut.unwrap_or(shown).trim_end())
}

/// `line` with every run of white space one space (README lines up a sheet's cells with
/// spaces; a terminal shows a non-breaking space as a space).
fn folded(line: &str) -> String {
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Asserts that every line of README's sample `marker` starts, in order, a line of
/// `printed`, white space folded.
fn holds(marker: &str, printed: &str) {
    let mut lines = printed.lines();
    for shown in sample(marker) {
        let Some(want) = prefix(&shown).map(folded) else {
            continue;
        };
        assert!(
            lines.any(|l| folded(l).starts_with(&want)),
            "README's sample after {marker:?} shows a line the program did not print \
             (or not in this order):\n{shown}\n\nprinted:\n{printed}"
        );
    }
}

/// The first command README gives exits 1 on the sample returns, by design, and README
/// says so beside it; what it prints is README's sample, line for line.
#[test]
fn the_first_command_exits_1_and_prints_what_readme_shows() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let first = readme.split("\n## ").next().unwrap();
    assert!(
        first.contains("collate fixtures/returns --out national.xlsx")
            && first.contains("exits 1, by design"),
        "{first}"
    );
    let dir = tempfile::tempdir().unwrap();
    let o = bridger()
        .current_dir(dir.path())
        .env_remove("COLUMNS")
        .arg("collate")
        .arg(root().join("fixtures/returns"))
        .args(["--out", "national.xlsx"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    holds(
        "On the sample quarter (`fixtures/returns/`) it prints",
        &String::from_utf8(o.stdout).unwrap(),
    );
}

/// The `--expected` file with two lines that name no force.
#[test]
fn the_expected_file_error_is_readmes() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("expected.csv"),
        "Kent Police\nEssex Police\nKent Constabulary\nNorfolk Constabulary\nSurrey Police\nAtlantis Police\n",
    )
    .unwrap();
    let o = bridger()
        .current_dir(dir.path())
        .arg("collate")
        .arg(root().join("fixtures/returns"))
        .args(["--out", "national.xlsx", "--expected", "expected.csv"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    holds(
        "so that all can be put right at once:",
        &String::from_utf8(o.stderr).unwrap(),
    );
}

/// `links` on the sample quarter at 80 columns.
#[test]
fn the_links_text_is_readmes() {
    let o = bridger()
        .env("COLUMNS", "80")
        .arg("links")
        .arg(root().join("fixtures/returns"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    holds(
        "On the sample quarter at 80",
        &String::from_utf8(o.stdout).unwrap(),
    );
}

/// The cells of a row of the Summary, as README shows them: text as it is, a change with
/// its sign.
fn shown(row: &[Data]) -> String {
    let cells: Vec<String> = row
        .iter()
        .enumerate()
        .map(|(i, c)| match c {
            Data::Float(x) if i == 3 && *x > 0.0 => format!("+{x}"),
            Data::Float(x) => format!("{x}"),
            Data::Int(x) => format!("{x}"),
            Data::String(s) => s.clone(),
            _ => String::new(),
        })
        .collect();
    cells.join(" ")
}

/// The year of README's Key figures, grid and chase list: generated, Avon and Somerset's
/// Q2 and Kent's Q3 and Q4 removed, the sample quarter's Essex, Norfolk and Wiltshire put
/// in for Q1, and collated as README says. (A year of 46 forces: slow in a debug build.)
#[test]
fn the_year_samples_are_readmes() {
    let dir = tempfile::tempdir().unwrap();
    let year = dir.path().join("year");
    bridger()
        .current_dir(dir.path())
        .args(["demo", "year", "--quarters", "4", "--incidents", "20"])
        .args(["--seed", "1", "--late-share", "0.1"])
        .assert()
        .code(0);
    for f in [
        "avon-and-somerset-2016-17-Q2",
        "kent-2016-17-Q3",
        "kent-2016-17-Q4",
    ] {
        std::fs::remove_file(year.join(format!("{f}.xlsx"))).unwrap();
    }
    for f in ["essex", "norfolk", "wiltshire"] {
        let name = format!("{f}-2016-17-Q1.xlsx");
        std::fs::copy(
            root().join("fixtures/returns").join(&name),
            year.join(&name),
        )
        .unwrap();
    }
    let o = bridger()
        .current_dir(dir.path())
        .env_remove("COLUMNS")
        .args([
            "collate",
            "year",
            "--out",
            "national.xlsx",
            "--chase",
            "chase.csv",
        ])
        .args(["--today", "2017-06-30"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    holds(
        "`bridger collate year --out national.xlsx --chase chase.csv --today 2017-06-30`",
        &String::from_utf8(o.stdout).unwrap(),
    );
    let csv = std::fs::read_to_string(dir.path().join("chase.csv")).unwrap();
    holds(
        "The chase list of the year above",
        csv.trim_start_matches('\u{feff}'),
    );
    holds(
        "**Key figures.**",
        &summary(&dir.path().join("national.xlsx")),
    );
}

/// The Summary's rows, each as one line of its cells.
fn summary(workbook: &Path) -> String {
    let mut wb: Xlsx<_> = calamine::open_workbook(workbook).unwrap();
    let range = wb.worksheet_range("Summary").unwrap();
    range.rows().map(shown).collect::<Vec<_>>().join("\n")
}
