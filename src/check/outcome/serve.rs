//! The worker side of reading in child processes: `bridger __read-worker FILE...` limits
//! its own memory and CPU time, validates each file exactly as [`validate_file`] does, and
//! writes each outcome to stdout as one frame as soon as it is done.
//!
//! Whatever a spreadsheet library does with a hostile file here (abort on a huge
//! allocation, loop for ever, panic) ends this process only; the pool in the parent turns
//! it into the file's finding. This side must never print anything but frames on stdout.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::check::finding::{Code, Finding};
use crate::check::outcome::{validate_file, wire, Keep, Outcome};
use crate::definition::Definition;

/// The limits a worker puts on itself, and the parent's wall clock, from the environment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Address space of a worker, in MiB (`BRIDGER_WORKER_MEMORY_MB`, default 512: a
    /// return of 100,000 incidents peaks at about 180 MB, one of 2,000 reads within 48 MB).
    pub memory_mb: u64,
    /// CPU seconds a worker may spend on one file (`BRIDGER_WORKER_SECONDS`, default 60).
    pub cpu_seconds: u64,
    /// Seconds the parent waits for one file before killing the worker
    /// (`BRIDGER_WORKER_WALL_SECONDS`, default twice the CPU seconds plus 10).
    pub wall_seconds: u64,
}

impl Limits {
    /// The limits from the `BRIDGER_WORKER_*` variables, defaults where unset or unreadable.
    pub fn from_env() -> Limits {
        let var = |name: &str| {
            std::env::var(name)
                .ok()
                .and_then(|v| v.trim().parse::<u64>().ok())
                .filter(|&n| n > 0)
        };
        let cpu_seconds = var("BRIDGER_WORKER_SECONDS").unwrap_or(60);
        Limits {
            memory_mb: var("BRIDGER_WORKER_MEMORY_MB").unwrap_or(512),
            cpu_seconds,
            wall_seconds: var("BRIDGER_WORKER_WALL_SECONDS").unwrap_or(cpu_seconds * 2 + 10),
        }
    }
}

/// Test-only: `BRIDGER_TEST_WORKER_FAULT=KIND:NAME[,KIND:NAME...]` makes the worker
/// misbehave on the file named NAME the way a broken reader would (`abort`, `loop`,
/// `alloc`, `panic`, `hang`), so that the tests can show each is contained. Compiled in
/// always, so the tests run the real binary; never set it outside the tests.
const FAULT_VAR: &str = "BRIDGER_TEST_WORKER_FAULT";

/// Misbehaves as `BRIDGER_TEST_WORKER_FAULT` asks, when it names this file.
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
    for (i, path) in files.iter().enumerate() {
        set_cpu_limit(limits.cpu_seconds);
        let outcome = read_one(path, keep, def);
        let frame = wire::encode(&outcome);
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
fn read_one(path: &Path, keep: Keep, def: &Definition) -> Outcome {
    let _current = super::CurrentFile::set(path);
    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        test_fault(path);
        validate_file(path, def)
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
/// a worker that dies must not leave hundreds of megabytes of a return on disk.
#[cfg(unix)]
#[allow(unsafe_code)]
fn set_memory_limit(mb: u64) {
    let bytes = mb.saturating_mul(1 << 20) as libc::rlim_t;
    let memory = libc::rlimit {
        rlim_cur: bytes,
        rlim_max: bytes,
    };
    let no_core = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: setrlimit only reads the struct passed by reference; failure is harmless
    // (the parent's wall clock still bounds the worker).
    unsafe {
        libc::setrlimit(libc::RLIMIT_AS, &memory);
        libc::setrlimit(libc::RLIMIT_CORE, &no_core);
    }
}

/// Gives the next file `seconds` of CPU time from now: the soft limit is moved to what
/// this process has used so far plus `seconds`, so the kernel sends SIGXCPU (which ends
/// the worker) when one file overruns, however many came before it.
#[cfg(unix)]
#[allow(unsafe_code)]
fn set_cpu_limit(seconds: u64) {
    // SAFETY: getrusage, getrlimit and setrlimit only write or read the structs passed by
    // reference, which live on this stack frame.
    unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        if libc::getrusage(libc::RUSAGE_SELF, &mut usage) != 0 {
            return;
        }
        let used = (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + 1).max(0) as u64;
        let mut cpu: libc::rlimit = std::mem::zeroed();
        if libc::getrlimit(libc::RLIMIT_CPU, &mut cpu) != 0 {
            return;
        }
        let wanted = used.saturating_add(seconds) as libc::rlim_t;
        cpu.rlim_cur = if cpu.rlim_max == libc::RLIM_INFINITY {
            wanted
        } else {
            wanted.min(cpu.rlim_max)
        };
        libc::setrlimit(libc::RLIMIT_CPU, &cpu);
    }
}

/// Asks Linux to kill this worker if the bridger that started it dies (even by SIGKILL),
/// so that no worker outlives its run by the rest of a file's CPU budget.
#[cfg(target_os = "linux")]
#[allow(unsafe_code)]
fn die_with_parent() {
    // SAFETY: prctl(PR_SET_PDEATHSIG) only sets a flag on this process.
    unsafe {
        libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
    }
}

#[cfg(not(target_os = "linux"))]
fn die_with_parent() {}

#[cfg(not(unix))]
fn set_memory_limit(_mb: u64) {}

#[cfg(not(unix))]
fn set_cpu_limit(_seconds: u64) {}
