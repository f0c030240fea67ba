//! The edges of a run: where outputs may go, which inputs are found, what a folder or a
//! path that holds nothing does, and that what is printed for a person is safe to print.
//! Each test is named after the defect of issue 12 that it pins (see the issue's
//! numbering); the hostile inputs are made inside the tests.

mod common;

use std::path::{Path, PathBuf};
use std::time::Duration;

use common::*;

/// A copy of the valid openpyxl return at `dir/name`.
fn copy_valid(dir: &Path, name: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::copy(real("openpyxl-valid.xlsx"), &p).unwrap();
    p
}

#[test]
fn defect_1_an_output_onto_a_return_or_inside_the_returns_folder_is_refused() {
    let root = tempfile::tempdir().unwrap();
    let r = root.path().join("R");
    std::fs::create_dir(&r).unwrap();
    let kent = copy_valid(&r, "kent-2016-17-Q1.xlsx");
    let before = sha256(&kent);
    let dotted = root.path().join("R/../R/./kent-2016-17-Q1.xlsx");
    for out in [kent.clone(), dotted, r.join("national.xlsx")] {
        let o = bridger()
            .arg("collate")
            .arg(&r)
            .arg("--out")
            .arg(&out)
            .timeout(Duration::from_secs(120))
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert!(
            err.contains("is one of the inputs") || err.contains("outside the returns folder"),
            "{err}"
        );
    }
    assert_eq!(sha256(&kent), before);
    assert!(!r.join("national.xlsx").exists());
    // The annotated copy is refused the same way.
    let o = bridger()
        .args(["validate", "--report"])
        .arg(r.join("checked.xlsx"))
        .arg(&r)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    // A device, a folder: refused, left as they were.
    #[cfg(unix)]
    for out in [Path::new("/dev/null"), root.path()] {
        let o = bridger()
            .arg("collate")
            .arg(&kent)
            .arg("--out")
            .arg(out)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2));
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("device") || err.contains("folder"), "{err}");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let ft = std::fs::metadata("/dev/null").unwrap().file_type();
        assert!(ft.is_char_device());
    }
}

#[test]
fn defect_10_a_path_that_does_not_exist_or_holds_no_workbook_exits_2_for_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("n.xlsx");
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    for path in [dir.path().join("nosuchdir"), empty] {
        let runs: Vec<Vec<std::ffi::OsString>> = vec![
            vec!["validate".into(), path.clone().into()],
            vec![
                "collate".into(),
                path.clone().into(),
                "--out".into(),
                out.clone().into(),
            ],
            vec!["links".into(), path.clone().into()],
            vec!["template".into(), "fingerprint".into(), path.clone().into()],
        ];
        for args in runs {
            let o = bridger().args(&args).output().unwrap();
            assert_eq!(o.status.code(), Some(2), "{args:?}");
            assert!(!String::from_utf8_lossy(&o.stderr).is_empty(), "{args:?}");
        }
    }
    assert!(!out.exists());
}

#[test]
fn defect_10_a_folder_in_which_no_return_can_be_read_is_never_complete() {
    let dir = tempfile::tempdir().unwrap();
    let r = dir.path().join("R");
    std::fs::create_dir(&r).unwrap();
    std::fs::copy(real("msoffcrypto-encrypted.xlsx"), r.join("kent.xlsx")).unwrap();
    let o = bridger()
        .arg("collate")
        .arg(&r)
        .arg("--out")
        .arg(dir.path().join("n.xlsx"))
        .args(["--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["complete"], false, "{v}");
    assert_ne!(o.status.code(), Some(0));
}

#[cfg(unix)]
#[test]
fn defect_6_and_8_the_folder_walk_finds_each_file_once_and_reports_what_it_skips() {
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let r = dir.path().join("R");
    std::fs::create_dir(&r).unwrap();
    copy_valid(&r, "kent.xlsx");
    copy_valid(&r, ".cheshire-2016-17-Q1.xlsx");
    let odd = r.join(std::ffi::OsStr::from_bytes(b"dor\xffset.xlsx"));
    std::fs::copy(real("openpyxl-valid.xlsx"), &odd).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(r.join("x.xlsx"))
        .status()
        .unwrap();
    assert!(made.success());
    symlink("/dev/zero", r.join("zero.xlsx")).unwrap();
    symlink(".", r.join("loop1")).unwrap();
    symlink(".", r.join("loop2")).unwrap();
    symlink("/etc/passwd", r.join("shadow.xlsx")).unwrap();
    symlink(r.join("kent.xlsx"), r.join("kent-again.xlsx")).unwrap();
    let o = bridger()
        .args(["validate", "--format", "json"])
        .arg(&r)
        .timeout(Duration::from_secs(120))
        .output()
        .unwrap();
    let text = String::from_utf8(o.stdout).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let name = |v: &serde_json::Value| {
        Path::new(v["file"].as_str().unwrap())
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned()
    };
    let mut read: Vec<String> = lines
        .iter()
        .filter(|v| v.get("status").is_some())
        .map(name)
        .collect();
    read.sort();
    let mut skipped: Vec<String> = lines
        .iter()
        .filter(|v| v.get("skipped").is_some())
        .map(name)
        .collect();
    skipped.sort();
    assert_eq!(
        read,
        [
            ".cheshire-2016-17-Q1.xlsx",
            "dor\u{fffd}set.xlsx",
            "kent.xlsx"
        ],
        "{text}"
    );
    assert_eq!(
        skipped,
        [
            "kent-again.xlsx",
            "loop1",
            "loop2",
            "shadow.xlsx",
            "x.xlsx",
            "zero.xlsx"
        ],
        "{text}"
    );
    assert!(!text.contains("root:"), "{text}");
}

#[test]
fn defect_7_cells_and_file_names_reach_the_terminal_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let mp = ("Alex Marlowe", "Northbridge and Vale");
    let blank = || [None, None, None, None, None];
    let made = write_return(
        dir.path(),
        "Kent\u{1b}[2J\u{202e}_x001B_]0;title\u{7}",
        vec![incident("KNT/1", mp, blank())],
    );
    let hostile = dir.path().join("kent\nforged: valid\u{1b}[2J.xlsx");
    std::fs::rename(&made, &hostile).unwrap();
    let o = bridger().arg("validate").arg(dir.path()).output().unwrap();
    let text = String::from_utf8(o.stdout).unwrap();
    let err = String::from_utf8(o.stderr).unwrap();
    for shown in [&text, &err] {
        assert!(!shown.contains('\u{1b}'), "{shown}");
        assert!(!shown.contains('\u{202e}'), "{shown}");
        assert!(!shown.contains('\u{7}'), "{shown}");
        assert!(!shown.lines().any(|l| l.starts_with("forged")), "{shown}");
    }
    assert!(text.contains("kent\\nforged: valid\\e[2J.xlsx"), "{text}");
    assert!(text.contains("\\u{202e}"), "{text}");
    // JSON escapes control characters as JSON does; U+202E is valid JSON text and is
    // kept as it is (a JSON reader gets the value unchanged).
    let o = bridger()
        .args(["validate", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    let json = String::from_utf8(o.stdout).unwrap();
    assert!(
        !json.contains('\u{1b}') && json.contains("\\u001b"),
        "{json}"
    );
}

#[cfg(unix)]
#[test]
fn defect_13_operator_files_that_are_fifos_or_devices_are_refused_unread() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("expected.csv");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let kent = real("openpyxl-valid.xlsx");
    for bad in [fifo.as_path(), Path::new("/dev/zero")] {
        let o = bridger()
            .arg("collate")
            .arg(&kent)
            .arg("--out")
            .arg(dir.path().join("n.xlsx"))
            .arg("--expected")
            .arg(bad)
            .timeout(Duration::from_secs(60))
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2));
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("not a regular file"), "{err}");
        let o = bridger()
            .arg("links")
            .arg(&kent)
            .arg("--pseudonymise")
            .arg(bad)
            .timeout(Duration::from_secs(60))
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2));
    }
    // A "CSV UTF-8" file from Excel, with its byte order mark and quoted names.
    let bom = dir.path().join("bom.csv");
    std::fs::write(
        &bom,
        "\u{feff}\"code\",\"name\"\r\n\"Kent Police\",\"x\"\r\n",
    )
    .unwrap();
    let o = bridger()
        .arg("collate")
        .arg(&kent)
        .arg("--out")
        .arg(dir.path().join("n.xlsx"))
        .arg("--expected")
        .arg(&bom)
        .output()
        .unwrap();
    assert_ne!(
        o.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// The temporary files of ours in `dir`.
fn temporaries(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".bridger.tmp"))
        .collect()
}

#[cfg(target_os = "linux")]
#[test]
fn defect_11_sigint_or_sigterm_while_writing_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let returns = dir.path().join("returns");
    bridger()
        .arg("demo")
        .arg(&returns)
        .args(["--incidents", "2000"])
        .assert()
        .success();
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    for signal in ["-INT", "-TERM"] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("bridger"))
            .arg("collate")
            .arg(&returns)
            .arg("--out")
            .arg(out_dir.join("national.xlsx"))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let start = std::time::Instant::now();
        while temporaries(&out_dir).is_empty() && start.elapsed() < Duration::from_secs(300) {
            if child.try_wait().unwrap().is_some() {
                break;
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        let caught_mid_write = !temporaries(&out_dir).is_empty();
        std::process::Command::new("kill")
            .arg(signal)
            .arg(child.id().to_string())
            .status()
            .unwrap();
        let status = child.wait().unwrap();
        assert!(caught_mid_write, "the write ended before {signal} was sent");
        assert_ne!(status.code(), Some(0), "{signal}");
        assert!(
            temporaries(&out_dir).is_empty(),
            "{signal}: {:?}",
            temporaries(&out_dir)
        );
        assert!(!out_dir.join("national.xlsx").exists());
    }
}
