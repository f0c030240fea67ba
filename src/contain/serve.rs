//! The worker side of reading in child processes: `bridger __read-worker FILE...` limits
//! its own memory and CPU time, validates each file exactly as [`validate_file`] does, and
//! writes each outcome to stdout as one frame as soon as it is done.
//!
//! Whatever a spreadsheet library does with a hostile file here (abort on a huge
//! allocation, loop for ever, panic) ends this process only; the pool in the parent turns
//! it into the file's finding. This side must never print anything but frames on stdout.

use std::io::Write;
use std::path::{Path, PathBuf};

use bridger_core::{Code, Date, Definition, Finding, Keep, Outcome};

use super::wire;
use crate::clock::uk_today;
use crate::files::load::validate_file;

/// The limits a worker puts on itself, and the parent's wall clock, from the environment.
/// The time limits are a small file's; [`Limits::for_size`] scales them to a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Address space of a worker, in MiB (`BRIDGER_WORKER_MEMORY_MB`, default 512: a
    /// return of 100,000 incidents peaks at about 180 MB, one of 2,000 reads within 48 MB).
    pub memory_mb: u64,
    /// CPU seconds a worker may spend on a file under 1 MB (`BRIDGER_WORKER_SECONDS`,
    /// default 20: a return of 2,000 incidents takes under a tenth of a second in a release
    /// build, a few seconds in a test build on a loaded machine).
    pub cpu_seconds: u64,
    /// Seconds the parent waits for a file under 1 MB before killing the worker
    /// (`BRIDGER_WORKER_WALL_SECONDS`, default twice the CPU seconds plus 20).
    pub wall_seconds: u64,
}

/// CPU seconds a file gets for each whole MB (1,048,576 bytes) of its size, on top of a
/// small file's: a return of 100,000 incidents (11 MB as `.ods`, the slowest to read) takes
/// about 5 s and gets 32 s. Its wall clock grows by twice as much.
pub const SECONDS_PER_MB: u64 = 2;
/// The most CPU seconds a file's size can earn it (a small file's limit, when set higher,
/// stands).
pub const MAX_CPU_SECONDS: u64 = 60;

impl Limits {
    /// The limits from the `BRIDGER_WORKER_*` variables, defaults where unset or unreadable.
    pub fn from_env() -> Limits {
        let var = |name: &str| {
            std::env::var(name)
                .ok()
                .and_then(|v| v.trim().parse::<u64>().ok())
                .filter(|&n| n > 0)
        };
        let cpu_seconds = var("BRIDGER_WORKER_SECONDS").unwrap_or(20);
        Limits {
            memory_mb: var("BRIDGER_WORKER_MEMORY_MB").unwrap_or(512),
            cpu_seconds,
            wall_seconds: var("BRIDGER_WORKER_WALL_SECONDS")
                .unwrap_or(cpu_seconds.saturating_mul(2).saturating_add(20)),
        }
    }

    /// The limits for a file of `bytes`: the CPU limit grows by [`SECONDS_PER_MB`] for each
    /// whole MB, up to [`MAX_CPU_SECONDS`], and the wall clock by twice what
    /// the CPU limit grew. A 695-byte file that loops is stopped after a small file's
    /// seconds, not a large one's.
    pub fn for_size(self, bytes: u64) -> Limits {
        let megabytes = bytes >> 20;
        let cpu = self
            .cpu_seconds
            .saturating_add(megabytes.saturating_mul(SECONDS_PER_MB))
            .min(self.cpu_seconds.max(MAX_CPU_SECONDS));
        let grew = cpu - self.cpu_seconds;
        Limits {
            cpu_seconds: cpu,
            wall_seconds: self.wall_seconds.saturating_add(grew.saturating_mul(2)),
            ..self
        }
    }

    /// The limits for the file at `path`, by the size the file system gives (a small
    /// file's when it cannot say).
    pub fn for_file(self, path: &Path) -> Limits {
        self.for_size(std::fs::metadata(path).map_or(0, |m| m.len()))
    }
}

/// Test-only: `BRIDGER_TEST_WORKER_FAULT=KIND:NAME[,KIND:NAME...]` makes the worker
/// misbehave on the file named NAME the way a broken reader would (`abort`, `loop`,
/// `alloc`, `panic`, `hang`), so that the tests can show each is contained. Compiled only
/// with the `test-hooks` feature (the tests build the real binary with it); a build
/// without it never reads the variable.
#[cfg(feature = "test-hooks")]
const FAULT_VAR: &str = "BRIDGER_TEST_WORKER_FAULT";

/// Without the `test-hooks` feature: nothing.
#[cfg(not(feature = "test-hooks"))]
fn test_fault(_path: &Path) {}

/// Misbehaves as `BRIDGER_TEST_WORKER_FAULT` asks, when it names this file.
#[cfg(feature = "test-hooks")]
fn test_fault(path: &Path) {
    let Ok(spec) = std::env::var(FAULT_VAR) else {
        return;
    };
    let me = path.file_name().and_then(|n| n.to_str());
    let Some((kind, name)) = spec
        .split(',')
        .filter_map(|f| f.split_once(':'))
        .find(|(_, name)| Some(*name) == me)
    else {
        return;
    };
    match kind {
        "abort" => std::process::abort(),
        "panic" => panic!("test fault: panic on {name}"),
        "loop" => {
            let mut n = 0u64;
            loop {
                n = std::hint::black_box(n.wrapping_add(1));
            }
        }
        "alloc" => {
            let mut hoard: Vec<Vec<u8>> = Vec::new();
            loop {
                hoard.push(vec![1u8; 64 << 20]);
                std::hint::black_box(&hoard);
            }
        }
        "hang" => loop {
            std::thread::sleep(std::time::Duration::from_secs(3600));
        },
        _ => {}
    }
}

/// Serves `bridger __read-worker`: validates each file in turn and writes its frame (the
/// file's index as u32, the length as u64, then [`wire::encode`]) to stdout. Returns the
/// exit code: 0 when every frame was written, 2 when stdout failed.
pub fn serve(files: &[PathBuf], keep: Keep, def: &Definition) -> u8 {
    let limits = Limits::from_env();
    set_memory_limit(limits.memory_mb);
    die_with_parent();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let today = uk_today();
    for (i, path) in files.iter().enumerate() {
        set_cpu_limit(limits.for_file(path).cpu_seconds);
        let outcome = read_one(path, keep, today, def);
        let frame = wire::encode(&outcome)
            .or_else(|| wire::encode(&internal_error(path, "its result could not be sent")))
            .unwrap_or_default();
        let written = out
            .write_all(&(i as u32).to_le_bytes())
            .and_then(|()| out.write_all(&(frame.len() as u64).to_le_bytes()))
            .and_then(|()| out.write_all(&frame))
            .and_then(|()| out.flush());
        if written.is_err() {
            return 2;
        }
    }
    0
}

/// One file validated, a panic anywhere in it made the file's `internal-error`.
fn read_one(path: &Path, keep: Keep, today: Date, def: &Definition) -> Outcome {
    let _current = super::CurrentFile::set(path);
    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        test_fault(path);
        validate_file(path, today, def)
    }));
    let mut outcome = run.unwrap_or_else(|_| internal_error(path, "it panicked"));
    keep.apply(&mut outcome);
    outcome
}

/// An `unreadable` outcome for `path`: the reader failed in a way nobody foresaw.
pub fn internal_error(path: &Path, how: &str) -> Outcome {
    let mut out = Outcome::new(path);
    out.findings.push(Finding::error(
        Code::InternalError,
        format!("internal error in the spreadsheet reader ({how}), please report it with this file; the other files were still checked"),
    ));
    out
}

/// Caps this process's address space, so that a reader asking for gigabytes fails its
/// allocation (and aborts) instead of taking the machine's memory. Also no core dumps:
/// a worker that dies must not leave hundreds of megabytes of a return on disk. A failure
/// is harmless: the parent's wall clock still bounds the worker.
#[cfg(unix)]
fn set_memory_limit(mb: u64) {
    use rustix::process::{setrlimit, Resource, Rlimit};
    let bytes = Some(mb.saturating_mul(1 << 20));
    let memory = Rlimit {
        current: bytes,
        maximum: bytes,
    };
    let no_core = Rlimit {
        current: Some(0),
        maximum: Some(0),
    };
    let _ = setrlimit(Resource::As, memory);
    let _ = setrlimit(Resource::Core, no_core);
}

/// Gives the next file `seconds` of CPU time from now: the soft limit is moved to what
/// this process has used so far (whole seconds, rounded up) plus `seconds`, so the kernel
/// sends SIGXCPU (which ends the worker) when one file overruns, however many came before
/// it.
#[cfg(unix)]
fn set_cpu_limit(seconds: u64) {
    use rustix::process::{getrlimit, setrlimit, Resource, Rlimit};
    use rustix::time::{clock_gettime, ClockId};
    let used = clock_gettime(ClockId::ProcessCPUTime).tv_sec.max(0) as u64 + 1;
    let wanted = used.saturating_add(seconds);
    let cpu = getrlimit(Resource::Cpu);
    let current = Some(cpu.maximum.map_or(wanted, |max| wanted.min(max)));
    let _ = setrlimit(Resource::Cpu, Rlimit { current, ..cpu });
}

/// Asks Linux to kill this worker if the bridger that started it dies (even by SIGKILL),
/// so that no worker outlives its run by the rest of a file's CPU budget.
#[cfg(target_os = "linux")]
fn die_with_parent() {
    use rustix::process::{set_parent_process_death_signal, Signal};
    let _ = set_parent_process_death_signal(Some(Signal::KILL));
}

#[cfg(not(target_os = "linux"))]
fn die_with_parent() {}

#[cfg(not(unix))]
fn set_memory_limit(_mb: u64) {}

#[cfg(not(unix))]
fn set_cpu_limit(_seconds: u64) {}

#[cfg(test)]
mod tests {
    use super::*;

    /// A build without the `test-hooks` feature (a release build) reads a file as it is,
    /// whatever `BRIDGER_TEST_WORKER_FAULT` says. Run by `.ci/run` without the feature.
    #[cfg(not(feature = "test-hooks"))]
    #[test]
    fn without_test_hooks_the_worker_fault_variable_is_ignored() {
        let name = "dorset-2016-17-Q1.xlsx";
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/returns")
            .join(name);
        std::env::set_var("BRIDGER_TEST_WORKER_FAULT", format!("panic:{name}"));
        let today = Date::new(2016, 8, 1).unwrap();
        let out = read_one(&path, Keep::Nothing, today, bridger_core::annex_c());
        assert_eq!(
            out.status,
            bridger_core::Status::Valid,
            "{:?}",
            out.findings
        );
    }

    const MB: u64 = 1 << 20;

    #[test]
    fn the_time_limits_grow_with_the_file_up_to_60_cpu_seconds() {
        let base = Limits {
            memory_mb: 512,
            cpu_seconds: 20,
            wall_seconds: 60,
        };
        let at = |bytes: u64| {
            let l = base.for_size(bytes);
            assert_eq!(l.memory_mb, 512);
            (l.cpu_seconds, l.wall_seconds)
        };
        assert_eq!(at(0), (20, 60));
        assert_eq!(at(695), (20, 60));
        assert_eq!(at(MB - 1), (20, 60));
        assert_eq!(at(MB), (22, 64));
        assert_eq!(at(11 * MB + 500_000), (42, 104));
        assert_eq!(at(20 * MB), (60, 140));
        assert_eq!(at(256 * MB), (60, 140));
        assert_eq!(at(u64::MAX), (60, 140));
        // Set by hand: the same rule from the given small-file limits.
        let low = Limits {
            memory_mb: 400,
            cpu_seconds: 1,
            wall_seconds: 1,
        };
        assert_eq!(low.for_size(MB).cpu_seconds, 3);
        assert_eq!(low.for_size(MB).wall_seconds, 5);
        assert_eq!(low.for_size(100 * MB).cpu_seconds, 60);
        let huge = Limits {
            memory_mb: 1,
            cpu_seconds: u64::MAX,
            wall_seconds: u64::MAX,
        };
        assert_eq!(huge.for_size(u64::MAX).cpu_seconds, u64::MAX);
    }

    #[test]
    fn the_defaults_are_a_small_file_s_20_and_60_seconds() {
        // Read as `from_env` reads them when the variables are unset; the tests of the
        // binary set them, so the defaults are checked here.
        if std::env::vars().any(|(k, _)| k.starts_with("BRIDGER_WORKER_")) {
            return;
        }
        let l = Limits::from_env();
        assert_eq!((l.memory_mb, l.cpu_seconds, l.wall_seconds), (512, 20, 60));
    }

    #[test]
    fn a_file_s_limits_come_from_its_size_on_disk() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.xlsx");
        std::fs::File::create(&path)
            .unwrap()
            .set_len(3 * MB)
            .unwrap();
        let base = Limits {
            memory_mb: 512,
            cpu_seconds: 10,
            wall_seconds: 30,
        };
        assert_eq!(base.for_file(&path), base.for_size(3 * MB));
        assert_eq!(base.for_file(&dir.path().join("gone.xlsx")), base);
    }
}
