//! What a run writes, and what it does when it cannot (issue 17, "One return can never
//! spoil the national run"): every output is checked before anything is read, never lands
//! on the `--expected` file, is named for what it holds, and a run writes all of its
//! outputs or none. Printing to a full disk or a closed pipe is an error in one line, exit
//! 2, never a panic or a silent 141. Each test is named after the point of the issue it
//! holds.

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Stdio};

use common::*;

/// The names in a folder, sorted (temporary files included).
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Runs bridger with `args`: (exit code, stdout, stderr).
fn run(args: &[&std::ffi::OsStr]) -> (Option<i32>, String, String) {
    let o = bridger().args(args).output().unwrap();
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// Asserts a refusal: exit 2, nothing printed, one line of error saying `says`.
fn assert_refused(args: &[&std::ffi::OsStr], says: &str) {
    let (code, out, err) = run(args);
    assert_eq!(code, Some(2), "{args:?}: {err}");
    assert_eq!(out, "", "{args:?}");
    assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
    assert!(err.contains(says), "{args:?}: {err}");
}

/// A list of expected forces in `dir`.
fn expected_file(dir: &Path, text: &str) -> PathBuf {
    let p = dir.join("expected.csv");
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn point_6_out_or_chase_onto_the_expected_file_is_refused_and_leaves_it_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let exp = expected_file(dir.path(), "kent\nsurrey\n");
    let before = std::fs::read(&exp).unwrap();
    let kent = real("openpyxl-valid.xlsx");
    let n = dir.path().join("n.xlsx");
    // The same file by another name is caught too.
    let dotted = dir.path().join(".").join("expected.csv");
    for (option, out) in [("--out", &exp), ("--chase", &exp), ("--chase", &dotted)] {
        let mut args = vec![kent.as_os_str(), "--expected".as_ref(), exp.as_os_str()];
        if option == "--out" {
            args.extend([option.as_ref(), out.as_os_str()]);
        } else {
            args.extend([
                "--out".as_ref(),
                n.as_os_str(),
                option.as_ref(),
                out.as_os_str(),
            ]);
        }
        args.insert(0, "collate".as_ref());
        assert_refused(&args, "is the --expected file");
        assert_eq!(std::fs::read(&exp).unwrap(), before, "{option}");
    }
    assert_eq!(names(dir.path()), ["expected.csv"]);
}

#[test]
fn point_7_an_output_whose_folder_is_missing_stops_the_run_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("national.xlsx");
    let missing = dir.path().join("nowhere").join("chase.csv");
    let returns = real("openpyxl-valid.xlsx");
    assert_refused(
        &[
            "collate".as_ref(),
            returns.as_os_str(),
            "--out".as_ref(),
            out.as_os_str(),
            "--chase".as_ref(),
            missing.as_os_str(),
        ],
        "does not exist",
    );
    // The workbook, which could have been written, is not.
    assert_eq!(names(dir.path()), Vec::<String>::new());
    // The same for the workbook itself, the annotated copy and the template.
    let missing_xlsx = dir.path().join("nowhere").join("n.xlsx");
    let kent = real("openpyxl-valid.xlsx");
    for args in [
        vec![
            "collate".as_ref(),
            kent.as_os_str(),
            "--out".as_ref(),
            missing_xlsx.as_os_str(),
        ],
        vec![
            "validate".as_ref(),
            kent.as_os_str(),
            "--report".as_ref(),
            missing_xlsx.as_os_str(),
        ],
        vec![
            "template".as_ref(),
            "build".as_ref(),
            "--out".as_ref(),
            missing_xlsx.as_os_str(),
        ],
    ] {
        assert_refused(&args, "does not exist");
    }
    assert_eq!(names(dir.path()), Vec::<String>::new());
}

#[test]
fn point_7_an_output_onto_an_input_or_another_output_stops_the_run_first() {
    let dir = tempfile::tempdir().unwrap();
    let kent = dir.path().join("kent.xlsx");
    std::fs::copy(real("openpyxl-valid.xlsx"), &kent).unwrap();
    let before = sha256(&kent);
    let out = tempfile::tempdir().unwrap();
    let n = out.path().join("n.xlsx");
    let onto_input = dir.path().join("kent.xlsx");
    assert_refused(
        &[
            "collate".as_ref(),
            kent.as_os_str(),
            "--out".as_ref(),
            onto_input.as_os_str(),
        ],
        "is one of the inputs",
    );
    // --chase onto the workbook: refused whatever the names say.
    assert_refused(
        &[
            "collate".as_ref(),
            kent.as_os_str(),
            "--out".as_ref(),
            n.as_os_str(),
            "--chase".as_ref(),
            n.as_os_str(),
        ],
        "is the same file as --out",
    );
    assert_eq!(sha256(&kent), before);
    assert_eq!(names(out.path()), Vec::<String>::new());
}

/// A folder bridger may not write in. Root may write anywhere, so as root there is nothing
/// to test (the missing folder above holds the check).
#[cfg(unix)]
#[test]
fn point_7_an_output_in_a_folder_that_cannot_be_written_stops_the_run_first() {
    use std::os::unix::fs::PermissionsExt;
    // SAFETY: geteuid has no preconditions.
    #[allow(unsafe_code)]
    if unsafe { libc::geteuid() } == 0 {
        eprintln!("skipped: running as root, which may write in any folder");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let locked = dir.path().join("locked");
    std::fs::create_dir(&locked).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o500)).unwrap();
    let out = dir.path().join("national.xlsx");
    let chase = locked.join("chase.csv");
    let returns = real("openpyxl-valid.xlsx");
    let (code, _, err) = run(&[
        "collate".as_ref(),
        returns.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
        "--chase".as_ref(),
        chase.as_os_str(),
    ]);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o700)).unwrap();
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("choose a folder you can write to"), "{err}");
    assert!(!out.exists());
    assert_eq!(names(&locked), Vec::<String>::new());
}

#[test]
#[cfg_attr(
    not(feature = "test-hooks"),
    ignore = "needs cargo test --features test-hooks"
)]
fn point_7_a_failure_before_the_outputs_are_put_in_place_leaves_both_as_they_were() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("national.xlsx");
    let chase = dir.path().join("chase.csv");
    std::fs::write(&out, b"previous workbook").unwrap();
    std::fs::write(&chase, b"previous chase list").unwrap();
    let o = bridger()
        .env("BRIDGER_TEST_FAIL_BEFORE_RENAME", "1")
        .arg("collate")
        .arg(real("openpyxl-valid.xlsx"))
        .arg("--out")
        .arg(&out)
        .arg("--chase")
        .arg(&chase)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read(&out).unwrap(), b"previous workbook");
    assert_eq!(std::fs::read(&chase).unwrap(), b"previous chase list");
    assert_eq!(names(dir.path()), ["chase.csv", "national.xlsx"]);
}

/// A return with `n` incidents, each with an error, so that validate prints a lot.
fn return_with_many_findings(dir: &Path, n: usize) -> PathBuf {
    let rows = (0..n)
        .map(|i| {
            let mut row = incident(
                &format!("KNT/{i}"),
                ("Alex Marlowe", "Northbridge and Vale"),
                [None, None, None, None, None],
            );
            set(&mut row, "category", Some(t("Harrasment")));
            row
        })
        .collect();
    write_return(dir, "Kent Police", rows)
}

#[cfg(unix)]
#[test]
fn point_8_a_full_disk_ends_the_run_with_one_line_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("n.xlsx");
    let returns = real("openpyxl-valid.xlsx");
    for args in [
        vec!["validate".as_ref(), returns.as_os_str()],
        vec![
            "collate".as_ref(),
            returns.as_os_str(),
            "--out".as_ref(),
            out.as_os_str(),
        ],
        vec!["links".as_ref(), returns.as_os_str()],
        vec!["manpage".as_ref()],
    ] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let o = Process::new(assert_cmd::cargo::cargo_bin("bridger"))
            .current_dir(root())
            .env_remove("RUST_BACKTRACE")
            .args(&args)
            .stdout(full)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert_eq!(
            err, "bridger: error: could not write the output: the disk is full\n",
            "{args:?}"
        );
    }
}

#[cfg(unix)]
#[test]
fn point_8_a_pipe_closed_by_its_reader_ends_the_run_with_one_line_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    // More than a pipe holds (64 KB, 1 MB at most), so that bridger is still writing when
    // the reader goes.
    let kent = return_with_many_findings(dir.path(), 5000);
    let mut child = Process::new(assert_cmd::cargo::cargo_bin("bridger"))
        .current_dir(root())
        .env_remove("RUST_BACKTRACE")
        .args(["validate", "--format", "json"])
        .arg(&kent)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 10];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    assert_eq!(&first, b"{\"errors\":");
    assert_eq!(status.code(), Some(2), "{status:?}: {err}");
    assert_eq!(
        err,
        "bridger: error: could not write the output: the pipe was closed (the program reading it stopped before the end)\n"
    );
}

#[test]
fn point_9_an_output_named_for_another_format_is_refused_with_the_name_it_should_have() {
    let dir = tempfile::tempdir().unwrap();
    let kent = real("openpyxl-valid.xlsx");
    let path = |name: &str| dir.path().join(name);
    let (csv, xls, ods, bare, chase) = (
        path("national.csv"),
        path("national.xls"),
        path("national.ods"),
        path("national"),
        path("chase.xlsx"),
    );
    let n = path("n.xlsx");
    let cases: Vec<(Vec<&std::ffi::OsStr>, PathBuf, &str)> = vec![
        (
            vec![
                "collate".as_ref(),
                kent.as_os_str(),
                "--out".as_ref(),
                csv.as_os_str(),
            ],
            csv.clone(),
            "national.xlsx",
        ),
        (
            vec![
                "collate".as_ref(),
                kent.as_os_str(),
                "--out".as_ref(),
                xls.as_os_str(),
            ],
            xls.clone(),
            "national.xlsx",
        ),
        (
            vec![
                "collate".as_ref(),
                kent.as_os_str(),
                "--out".as_ref(),
                bare.as_os_str(),
            ],
            bare.clone(),
            "national.xlsx",
        ),
        (
            vec![
                "collate".as_ref(),
                kent.as_os_str(),
                "--out".as_ref(),
                n.as_os_str(),
                "--chase".as_ref(),
                chase.as_os_str(),
            ],
            chase.clone(),
            "chase.csv",
        ),
        (
            vec![
                "validate".as_ref(),
                kent.as_os_str(),
                "--report".as_ref(),
                csv.as_os_str(),
            ],
            csv.clone(),
            "national.xlsx",
        ),
        (
            vec![
                "template".as_ref(),
                "build".as_ref(),
                "--out".as_ref(),
                ods.as_os_str(),
            ],
            ods.clone(),
            "national.xlsx",
        ),
    ];
    for (args, given, should) in cases {
        let (code, out, err) = run(&args);
        assert_eq!(code, Some(2), "{args:?}: {err}");
        assert_eq!(out, "");
        let what = if should.ends_with(".csv") {
            "a CSV file (.csv)"
        } else {
            "an Excel workbook (.xlsx)"
        };
        let ext = &should[should.rfind('.').unwrap()..];
        let wanted = format!(
            "{}: bridger writes {what}; give a name ending {ext}, such as {}",
            given.display(),
            dir.path().join(should).display()
        );
        assert!(err.contains(&wanted), "{args:?}: {err}");
    }
    assert_eq!(names(dir.path()), Vec::<String>::new());
    // Any case of the right extension is the right name.
    let upper = path("NATIONAL.XLSX");
    let (code, _, err) = run(&[
        "collate".as_ref(),
        kent.as_os_str(),
        "--out".as_ref(),
        upper.as_os_str(),
    ]);
    assert_ne!(code, Some(2), "{err}");
    assert!(upper.exists());
}

#[test]
fn point_16_every_unknown_expected_force_is_listed_with_a_suggestion_before_anything_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let exp = expected_file(
        dir.path(),
        "code\nkent\nKent Constabulary\n\nsurrey\nAtlantis Police\n",
    );
    let out = dir.path().join("n.xlsx");
    let returns = real("openpyxl-valid.xlsx");
    let (code, stdout, err) = run(&[
        "collate".as_ref(),
        returns.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
        "--expected".as_ref(),
        exp.as_os_str(),
    ]);
    assert_eq!(code, Some(2), "{err}");
    assert_eq!(stdout, "");
    let shown = exp.display();
    assert_eq!(
        err,
        format!(
            "bridger: error: {shown}: 2 lines name no force in forces.csv; correct them and run again:\n  \
             line 3: 'Kent Constabulary' is not a force: did you mean 'Kent Police'?\n  \
             line 6: 'Atlantis Police' is not a force: give a force's name or code as forces.csv spells it\n"
        )
    );
    assert!(!out.exists());
}
