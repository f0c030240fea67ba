//! Containment: a file that makes the spreadsheet reader abort, loop, allocate without
//! bound or panic costs only that file. Each test runs the real binary on a folder of
//! valid returns plus the hostile file, with low limits so that it ends quickly, and checks
//! the hostile file is `unreadable` with the right code while the others are read.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::*;

/// Low limits for the tests: a valid fixture needs far less even in a debug build.
const LIMITS: [(&str, &str); 3] = [
    ("BRIDGER_WORKER_MEMORY_MB", "400"),
    ("BRIDGER_WORKER_SECONDS", "3"),
    ("BRIDGER_WORKER_WALL_SECONDS", "10"),
];

const VALID: [&str; 3] = [
    "dorset-2016-17-Q1.xlsx",
    "durham-2016-17-Q1.xlsx",
    "cambridgeshire-2016-17-Q1.xlsx",
];

/// A fresh folder holding the valid returns of [`VALID`].
fn folder_of_valid_returns() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for name in VALID {
        std::fs::copy(fixture("returns").join(name), dir.path().join(name)).unwrap();
    }
    dir
}

/// Runs `bridger ARGS --format json` with the test limits and `fault`: (exit code, stdout,
/// stderr, seconds taken).
fn run(args: &[&std::ffi::OsStr], fault: &str) -> (i32, String, String, f64) {
    let start = Instant::now();
    let out = bridger()
        .args(args)
        .args(["--format", "json"])
        .envs(LIMITS)
        .env("BRIDGER_TEST_WORKER_FAULT", fault)
        .env_remove("RUST_BACKTRACE")
        .timeout(Duration::from_secs(120))
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        start.elapsed().as_secs_f64(),
    )
}

/// `validate --format json DIR`: each file's JSON object by file name.
fn validate_dir(dir: &Path, fault: &str) -> (i32, Vec<(String, serde_json::Value)>, String) {
    let (code, stdout, stderr, secs) = run(&["validate".as_ref(), dir.as_os_str()], fault);
    assert!(secs < 60.0, "took {secs:.1} s");
    let files = stdout
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| {
            let name = Path::new(v["file"].as_str()?)
                .file_name()?
                .to_str()?
                .to_string();
            Some((name, v))
        })
        .collect();
    (code, files, stderr)
}

fn outcome<'a>(files: &'a [(String, serde_json::Value)], name: &str) -> &'a serde_json::Value {
    files
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v)
        .unwrap_or_else(|| panic!("no outcome for {name} in {files:?}"))
}

/// Asserts the valid returns read as valid, and `bad` is unreadable with one of `codes`.
fn assert_contained(files: &[(String, serde_json::Value)], bad: &str, codes: &[&str]) {
    for name in VALID {
        assert_eq!(outcome(files, name)["status"], "valid", "{name}");
    }
    let v = outcome(files, bad);
    assert_eq!(v["status"], "unreadable", "{v}");
    let code = v["findings"][0]["code"].as_str().unwrap();
    assert!(codes.contains(&code), "{bad}: {code} not in {codes:?}: {v}");
    assert!(!v["findings"][0]["message"].as_str().unwrap().is_empty());
}

/// No worker process is left running on anything in `dir`.
fn assert_no_workers_left(dir: &Path) {
    let needle = dir.to_string_lossy().into_owned();
    let Ok(procs) = std::fs::read_dir("/proc") else {
        return;
    };
    for p in procs.flatten() {
        let Ok(cmdline) = std::fs::read(p.path().join("cmdline")) else {
            continue;
        };
        let cmdline = String::from_utf8_lossy(&cmdline).replace('\0', " ");
        assert!(
            !(cmdline.contains("__read-worker") && cmdline.contains(&needle)),
            "a worker is still running: {cmdline}"
        );
    }
}

/// A copy of a valid return under another name, for a fault keyed on the name.
fn add_copy(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::copy(fixture("returns/kent-2016-17-Q1.xlsx"), &path).unwrap();
    path
}

#[test]
#[cfg_attr(
    not(feature = "test-hooks"),
    ignore = "needs cargo test --features test-hooks"
)]
fn a_worker_that_aborts_loops_allocates_panics_or_hangs_costs_only_its_file() {
    let dir = folder_of_valid_returns();
    let faults = [
        ("abort", "internal-error"),
        ("panic", "internal-error"),
        ("loop", "timed-out"),
        ("hang", "timed-out"),
        ("alloc", "too-large"),
    ];
    let mut spec = Vec::new();
    for (kind, _) in faults {
        add_copy(dir.path(), &format!("{kind}.xlsx"));
        spec.push(format!("{kind}:{kind}.xlsx"));
    }
    let (code, files, stderr) = validate_dir(dir.path(), &spec.join(","));
    assert_eq!(code, 2, "unreadable files make the exit code 2: {stderr}");
    assert_eq!(files.len(), VALID.len() + faults.len(), "{files:?}");
    for (kind, want) in faults {
        assert_contained(&files, &format!("{kind}.xlsx"), &[want]);
    }
    assert_no_workers_left(dir.path());
}

#[test]
#[cfg_attr(
    not(feature = "test-hooks"),
    ignore = "needs cargo test --features test-hooks"
)]
fn a_caught_panic_prints_one_line_not_a_backtrace() {
    // Defect 14: the reader's panic printed a full backtrace to stderr. Now the worker
    // prints one line naming the file, and the parent reports it as the file's finding.
    let dir = folder_of_valid_returns();
    let bad = add_copy(dir.path(), "panic.xlsx");
    let (_, files, stderr) = validate_dir(dir.path(), "panic:panic.xlsx");
    assert_contained(&files, "panic.xlsx", &["internal-error"]);
    assert!(
        !stderr.contains("panicked") && !stderr.contains("backtrace"),
        "{stderr}"
    );
    let out = bridger()
        .args(["__read-worker", "--"])
        .arg(&bad)
        .env("BRIDGER_TEST_WORKER_FAULT", "panic:panic.xlsx")
        .env_remove("RUST_BACKTRACE")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("bridger: internal error reading ")
            && stderr.contains("panic.xlsx")
            && stderr.contains("please report it"),
        "{stderr}"
    );
}

#[test]
#[cfg_attr(
    not(feature = "test-hooks"),
    ignore = "needs cargo test --features test-hooks"
)]
fn collate_goes_on_when_a_worker_aborts() {
    let dir = folder_of_valid_returns();
    add_copy(dir.path(), "abort.xlsx");
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().join("national.xlsx");
    let (code, stdout, stderr, _) = run(
        &[
            "collate".as_ref(),
            dir.path().as_os_str(),
            "--out".as_ref(),
            out.as_os_str(),
        ],
        "abort:abort.xlsx",
    );
    let v: serde_json::Value =
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}\n{stderr}"));
    assert_eq!(code, 1, "{stderr}");
    assert!(out.exists(), "the national workbook is written");
    let files = v["files"].as_array().unwrap();
    let status = |name: &str| {
        files
            .iter()
            .find(|f| f["file"].as_str().unwrap().ends_with(name))
            .unwrap_or_else(|| panic!("no {name}: {v}"))
            .clone()
    };
    for name in VALID {
        assert_eq!(status(name)["status"], "valid", "{name}");
    }
    assert_eq!(status("abort.xlsx")["status"], "unreadable");
    assert!(status("abort.xlsx").to_string().contains("internal-error"));
    assert_no_workers_left(dir.path());
}

/// Defect 2: `uniqueCount="4294967295"` on sharedStrings.xml made calamine allocate 103 GB
/// up front and abort, so a collate with that file among others wrote nothing.
#[test]
fn a_huge_unique_count_costs_only_its_file() {
    let dir = folder_of_valid_returns();
    rewrite_zip(
        &root().join("template/annex-c.xlsx"),
        &dir.path().join("huge-unique-count.xlsx"),
        |name, bytes| {
            if name != "xl/sharedStrings.xml" {
                return Some(bytes);
            }
            let text = String::from_utf8(bytes).unwrap();
            let at = text.find("uniqueCount=\"").unwrap() + "uniqueCount=\"".len();
            let end = at + text[at..].find('"').unwrap();
            Some(format!("{}4294967295{}", &text[..at], &text[end..]).into_bytes())
        },
        &[],
    );
    let (_, files, _) = validate_dir(dir.path(), "");
    // too-large while calamine pre-sizes from the attribute; damaged once the reader
    // checks it against the part's real size.
    assert_contained(&files, "huge-unique-count.xlsx", &["too-large", "damaged"]);
    assert_no_workers_left(dir.path());
}

/// Defect 3: an .ods whose content.xml ends just after `<table:table>` made calamine's
/// table loop spin at 100% CPU for ever. Issue 17: it took the worker's whole CPU limit to
/// be `timed-out`; the pre-check now finds the sheet left open, so it is `damaged` at once.
#[test]
fn an_ods_cut_after_its_first_table_costs_only_its_file() {
    let dir = folder_of_valid_returns();
    let path = dir.path().join("cut-after-table.ods");
    rewrite_zip(
        &real("libreoffice-template.ods"),
        &path,
        |name, bytes| match name {
            "content.xml" => {
                let text = String::from_utf8(bytes).unwrap();
                let at = text.find("<table:table ").unwrap();
                let end = at + text[at..].find('>').unwrap() + 1;
                Some(text.as_bytes()[..end].to_vec())
            }
            "mimetype" | "META-INF/manifest.xml" => Some(bytes),
            _ => None,
        },
        &[],
    );
    let (_, files, _) = validate_dir(dir.path(), "");
    assert_contained(&files, "cut-after-table.ods", &["damaged"]);
    assert_no_workers_left(dir.path());
}

/// Issue 17: a file over the size limit is refused by its size, never read or hashed. A
/// 100 GB sparse file (which costs no disk) was hashed whole until the worker was stopped,
/// `timed-out` after 130 s; with the test's 3 s limit, reading any of it would time out.
/// Two such files of the same (empty) bytes are both listed: with no hash, neither is
/// taken for a copy of the other.
#[test]
fn a_100_gb_file_is_too_large_unread_never_timed_out() {
    let dir = folder_of_valid_returns();
    for name in ["huge.xlsx", "huge-again.xlsx"] {
        let file = std::fs::File::create(dir.path().join(name)).unwrap();
        file.set_len(100 << 30).unwrap();
    }
    let (_, files, _) = validate_dir(dir.path(), "");
    for name in ["huge.xlsx", "huge-again.xlsx"] {
        assert_contained(&files, name, &["too-large"]);
        let v = outcome(&files, name);
        assert!(v["sha256"].is_null(), "{v}");
        let message = v["findings"][0]["message"].as_str().unwrap();
        assert!(message.contains("is 102400 MB"), "{message}");
    }
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().join("national.xlsx");
    let (_, stdout, stderr, _) = run(
        &[
            "collate".as_ref(),
            dir.path().as_os_str(),
            "--out".as_ref(),
            out.as_os_str(),
        ],
        "",
    );
    let v: serde_json::Value =
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}\n{stderr}"));
    let huge: Vec<&serde_json::Value> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["file"].as_str().unwrap().contains("huge"))
        .collect();
    assert_eq!(huge.len(), 2, "{v}");
    for f in huge {
        assert_eq!(f["status"], "unreadable", "{f}");
        assert!(f["sha256"].is_null(), "{f}");
        assert_ne!(f["disposition"]["kind"], "duplicate", "{f}");
    }
    // The Responses sheet lists both, their SHA-256 blank.
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&out).unwrap();
    let responses = calamine::Reader::worksheet_range(&mut wb, "Responses").unwrap();
    let header: Vec<String> = responses
        .rows()
        .nth(1)
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (file, sha) = (column("File"), column("SHA-256"));
    let rows: Vec<_> = responses
        .rows()
        .filter(|r| r[file].to_string().starts_with("huge"))
        .collect();
    assert_eq!(rows.len(), 2, "{responses:?}");
    for r in rows {
        assert_eq!(r[sha], calamine::Data::Empty, "{r:?}");
    }
    assert_no_workers_left(dir.path());
}

/// Runs `bridger validate --format json FILE` under `sh` with `env` and `fault`, and
/// `times` after it: (the file's object, CPU seconds bridger and its workers used, seconds
/// taken).
fn validate_timed(
    file: &Path,
    env: [(&str, &str); 2],
    fault: &str,
) -> (serde_json::Value, f64, f64) {
    let start = Instant::now();
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(r#""$0" validate --format json "$1"; times"#)
        .arg(assert_cmd::cargo::cargo_bin("bridger"))
        .arg(file)
        .envs(env)
        .env("BRIDGER_TEST_WORKER_FAULT", fault)
        .output()
        .unwrap();
    let secs = start.elapsed().as_secs_f64();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let v = serde_json::from_str(stdout.lines().next().unwrap()).unwrap();
    // `times`' last line: the user and system time of the children, as `1m2.5s`.
    let seconds = |t: &str| {
        let (m, s) = t.trim_end_matches('s').split_once('m').unwrap();
        m.parse::<f64>().unwrap() * 60.0 + s.parse::<f64>().unwrap()
    };
    let cpu = stdout
        .lines()
        .last()
        .unwrap()
        .split_whitespace()
        .map(seconds)
        .sum();
    (v, cpu, secs)
}

/// Issue 17: a worker's time for a file grows with the file's size, both the CPU limit the
/// worker sets itself and the parent's wall clock. With a small file's limits at 1 s, a
/// 2 MB file gets 1 + 2 × 2 = 5 CPU seconds and a wall clock of 1 + 2 × 4 = 9 s. Unscaled,
/// the loop would end after 1 to 2 s of CPU and the hang after 1 s.
#[test]
#[cfg_attr(
    not(feature = "test-hooks"),
    ignore = "needs cargo test --features test-hooks"
)]
fn a_worker_s_time_for_a_file_grows_with_its_size() {
    let dir = tempfile::tempdir().unwrap();
    let make = |name: &str| {
        let path = dir.path().join(name);
        std::fs::File::create(&path)
            .unwrap()
            .set_len(2 << 20)
            .unwrap();
        path
    };
    let (looping, hanging) = (make("loop.xlsx"), make("hang.xlsx"));
    let (looped, hung) = std::thread::scope(|s| {
        let cpu = s.spawn(|| {
            let env = [
                ("BRIDGER_WORKER_SECONDS", "1"),
                ("BRIDGER_WORKER_WALL_SECONDS", "100"),
            ];
            validate_timed(&looping, env, "loop:loop.xlsx")
        });
        let wall = s.spawn(|| {
            let env = [
                ("BRIDGER_WORKER_SECONDS", "1"),
                ("BRIDGER_WORKER_WALL_SECONDS", "1"),
            ];
            validate_timed(&hanging, env, "hang:hang.xlsx")
        });
        (cpu.join().unwrap(), wall.join().unwrap())
    });
    let (v, cpu, _) = looped;
    assert_eq!(v["findings"][0]["code"], "timed-out", "{v}");
    assert!(
        v["findings"][0]["message"]
            .as_str()
            .unwrap()
            .contains("more than 5 seconds"),
        "{v}"
    );
    assert!(
        cpu >= 4.0,
        "the worker was stopped after {cpu:.1} s of CPU, not 5"
    );
    let (v, _, secs) = hung;
    assert_eq!(v["findings"][0]["code"], "timed-out", "{v}");
    assert!(
        v["findings"][0]["message"]
            .as_str()
            .unwrap()
            .contains("more than 9 seconds"),
        "{v}"
    );
    assert!(
        secs >= 8.0,
        "the worker was stopped after {secs:.1} s, not 9"
    );
    assert_no_workers_left(dir.path());
}

/// An .xls whose DIMENSIONS records lie (first row after last row, or billions of rows)
/// passes the byte-level pre-check, which takes such values for bytes that only look like
/// the record rather than reject a real file by chance; calamine then pre-sizes a sheet
/// from them. The worker's memory limit stops it, and only that file is lost.
#[test]
fn an_xls_whose_dimensions_lie_costs_only_its_file() {
    let dir = folder_of_valid_returns();
    let mut bytes = std::fs::read(real("libreoffice-template.xls")).unwrap();
    let record = [0x00, 0x02, 0x0E, 0x00];
    let at: Vec<usize> = bytes
        .windows(4)
        .enumerate()
        .filter(|(_, w)| *w == record)
        .map(|(i, _)| i)
        .collect();
    assert!(!at.is_empty(), "no DIMENSIONS record in the fixture");
    for (n, i) in at.into_iter().enumerate() {
        // Rows 100 to 5 on even sheets, 0 to 2^31 on odd ones.
        let (first, last): (u32, u32) = if n % 2 == 0 {
            (100, 5)
        } else {
            (0, 0x7fff_ffff)
        };
        bytes[i + 4..i + 8].copy_from_slice(&first.to_le_bytes());
        bytes[i + 8..i + 12].copy_from_slice(&last.to_le_bytes());
    }
    std::fs::write(dir.path().join("lying-dimensions.xls"), bytes).unwrap();
    let (_, files, _) = validate_dir(dir.path(), "");
    assert_contained(
        &files,
        "lying-dimensions.xls",
        &["too-large", "internal-error", "damaged"],
    );
    assert_no_workers_left(dir.path());
}

/// A worker must not outlive its run: when bridger itself is killed (SIGKILL, which it
/// cannot catch), the kernel ends its workers too.
#[cfg(target_os = "linux")]
#[test]
#[cfg_attr(
    not(feature = "test-hooks"),
    ignore = "needs cargo test --features test-hooks"
)]
fn killing_bridger_kills_its_workers() {
    let dir = folder_of_valid_returns();
    add_copy(dir.path(), "hang.xlsx");
    let exe = assert_cmd::cargo::cargo_bin("bridger");
    let mut parent = std::process::Command::new(exe)
        .arg("validate")
        .arg(dir.path())
        .env("BRIDGER_TEST_WORKER_FAULT", "hang:hang.xlsx")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let running = |dir: &Path| {
        let needle = dir.to_string_lossy().into_owned();
        std::fs::read_dir("/proc").unwrap().flatten().any(|p| {
            std::fs::read(p.path().join("cmdline")).is_ok_and(|c| {
                let c = String::from_utf8_lossy(&c).replace('\0', " ");
                c.contains("__read-worker") && c.contains(&needle) && c.contains("hang.xlsx")
            })
        })
    };
    let start = Instant::now();
    while !running(dir.path()) {
        assert!(start.elapsed().as_secs() < 60, "no worker started");
        std::thread::sleep(Duration::from_millis(50));
    }
    parent.kill().unwrap();
    parent.wait().unwrap();
    let start = Instant::now();
    while running(dir.path()) {
        assert!(start.elapsed().as_secs() < 10, "a worker outlived bridger");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Runs bridger with `args`, its files read in worker processes (`workers`) or in threads
/// of one process: (exit code, stdout).
fn run_read_by(workers: bool, args: &[&std::ffi::OsStr]) -> (Option<i32>, String) {
    let mut cmd = bridger();
    if !workers {
        cmd.env("BRIDGER_WORKER_PROCESSES", "0");
    }
    let o = cmd
        .args(args)
        .env_remove("BRIDGER_TEST_WORKER_FAULT")
        .output()
        .unwrap();
    (o.status.code(), String::from_utf8(o.stdout).unwrap())
}

/// Every field of an outcome crosses the worker processes' wire: what `validate` prints
/// and what `collate` prints and writes (its rows, resubmissions chosen by date submitted
/// and modification time, the annotated copy's set-aside sheet) are the same, byte for
/// byte, whether the files were read in worker processes or in threads of one process.
#[test]
fn worker_processes_give_exactly_what_threads_give() {
    // Sample returns of every kind: valid, invalid, modified, damaged, .ods, a duplicate
    // and a resubmission.
    let returns = tempfile::tempdir().unwrap();
    for name in [
        "norfolk-2016-17-Q1.xlsx",
        "gloucestershire-2016-17-Q1.xlsx",
        "essex-2016-17-Q1.xlsx",
        "lancashire-2016-17-Q1.xlsx",
        "wiltshire-2016-17-Q1.xlsx",
        "south-wales-2016-17-Q1.ods",
        "kent-2016-17-Q1.xlsx",
        "kent-2016-17-Q1 (copy).xlsx",
        "surrey-2016-17-Q1.xlsx",
        "surrey-2016-17-Q1-resubmitted.xlsx",
    ] {
        std::fs::copy(fixture("returns").join(name), returns.path().join(name)).unwrap();
    }
    let returns = returns.path();
    let annotated = tempfile::tempdir().unwrap();
    let copy = annotated.path().join("norfolk-annotated.xlsx");
    let o = bridger()
        .args(["validate", "--report"])
        .arg(&copy)
        .arg(returns.join("norfolk-2016-17-Q1.xlsx"))
        .output()
        .unwrap();
    assert!(copy.exists(), "{}", String::from_utf8_lossy(&o.stderr));
    let validate = |workers| {
        let args = ["validate".as_ref(), "--format".as_ref(), "json".as_ref()];
        run_read_by(
            workers,
            &[&args[..], &[returns.as_os_str(), copy.as_os_str()]].concat(),
        )
    };
    let (by_workers, by_threads) = (validate(true), validate(false));
    assert_eq!(by_workers.0, Some(2));
    assert!(
        by_workers.1.contains("\"ignored_sheets\""),
        "{}",
        by_workers.1
    );
    assert_eq!(by_workers, by_threads);
    let dir = tempfile::tempdir().unwrap();
    let (out, chase) = (
        dir.path().join("national.xlsx"),
        dir.path().join("chase.csv"),
    );
    let collate = |workers| {
        let (code, printed) = run_read_by(
            workers,
            &[
                "collate".as_ref(),
                returns.as_os_str(),
                "--out".as_ref(),
                out.as_os_str(),
                "--chase".as_ref(),
                chase.as_os_str(),
                "--today".as_ref(),
                "2016-08-01".as_ref(),
                "--format".as_ref(),
                "json".as_ref(),
            ],
        );
        (
            code,
            printed,
            std::fs::read(&out).unwrap(),
            std::fs::read(&chase).unwrap(),
        )
    };
    let (by_workers, by_threads) = (collate(true), collate(false));
    assert_eq!(by_workers.0, Some(1));
    assert!(by_workers.1.contains("\"superseded\""), "{}", by_workers.1);
    assert!(
        by_workers == by_threads,
        "collate differs: {} / {}",
        by_workers.1,
        by_threads.1
    );
}
