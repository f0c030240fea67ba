//! The parent side of reading in child processes: one worker at a time per core, each
//! given a few files, each watched by a wall clock.
//!
//! An abort, an endless loop or an allocation storm inside a spreadsheet library cannot
//! be caught in-process; here it ends one worker, whose file becomes `unreadable` with
//! `too-large`, `timed-out` or `internal-error`, and whose remaining files go to a fresh
//! worker. The run always goes on. This side never reads a workbook itself.

use std::collections::VecDeque;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::sync::Mutex;
use std::time::Duration;

use bridger_core::{Code, Finding, Keep, Outcome};

use super::serve::{internal_error, Limits};
use super::wire;

/// Files given to one worker: enough to spread the cost of starting a process, few enough
/// that a worker dying costs little and the cores stay evenly busy at the end of a run.
const FILES_PER_WORKER: usize = 4;

/// The hidden subcommand the binary serves workers under.
pub const SUBCOMMAND: &str = "__read-worker";

/// Validates `files` in worker processes started from `exe`, in input order, calling
/// `progress` as each finishes.
pub fn run(
    exe: &Path,
    files: &[PathBuf],
    keep: Keep,
    progress: &(dyn Fn(&Outcome) + Sync),
) -> Vec<Outcome> {
    let limits = Limits::from_env();
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(files.len().max(1));
    let queue: Mutex<VecDeque<usize>> = Mutex::new((0..files.len()).collect());
    let results: Mutex<Vec<Option<Outcome>>> = Mutex::new(vec![None; files.len()]);
    let lock = |m: &Mutex<VecDeque<usize>>| {
        let mut q = m.lock().unwrap_or_else(|p| p.into_inner());
        let n = FILES_PER_WORKER.min(q.len());
        q.drain(..n).collect::<Vec<_>>()
    };
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let batch = lock(&queue);
                if batch.is_empty() {
                    break;
                }
                let paths: Vec<&Path> = batch.iter().map(|&i| files[i].as_path()).collect();
                let done = run_worker(exe, &paths, keep, limits);
                let mut q = queue.lock().unwrap_or_else(|p| p.into_inner());
                for &i in batch[done.len()..].iter().rev() {
                    q.push_front(i);
                }
                drop(q);
                for (outcome, &i) in done.into_iter().zip(&batch) {
                    progress(&outcome);
                    results.lock().unwrap_or_else(|p| p.into_inner())[i] = Some(outcome);
                }
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_else(|p| p.into_inner())
        .into_iter()
        .zip(files)
        .map(|(o, f)| o.unwrap_or_else(|| internal_error(f, "no result came back")))
        .collect()
}

/// Runs one worker on `paths`; returns the outcomes of a prefix of them, always at least
/// one: files after a worker's failure are left for another worker.
fn run_worker(exe: &Path, paths: &[&Path], keep: Keep, limits: Limits) -> Vec<Outcome> {
    let mut cmd = Command::new(exe);
    cmd.arg(SUBCOMMAND);
    match keep {
        Keep::Nothing => {}
        Keep::ValidRows => {
            cmd.arg("--content");
        }
        Keep::AllRows => {
            cmd.args(["--content", "--invalid-rows"]);
        }
    }
    cmd.arg("--")
        .args(paths)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => {
            let how = format!(
                "could not start a worker process from {}: {e}",
                exe.display()
            );
            return vec![internal_error(paths[0], &how)];
        }
    };
    let stderr = child.stderr.take().map(|mut s| {
        std::thread::spawn(move || {
            let mut text = Vec::new();
            let _ = (&mut s).take(64 * 1024).read_to_end(&mut text);
            let _ = std::io::copy(&mut s, &mut std::io::sink());
            String::from_utf8_lossy(&text).into_owned()
        })
    });
    // Each file's limits, by its size: the worker sets its own CPU limit the same way.
    let per_file: Vec<Limits> = paths.iter().map(|p| limits.for_file(p)).collect();
    let wall = |i: usize| per_file.get(i).map(|l| Duration::from_secs(l.wall_seconds));
    let (tick, ticks) = mpsc::channel::<Duration>();
    let pid = child.id();
    let first = wall(0).unwrap_or(Duration::MAX);
    let watchdog = std::thread::spawn(move || watch(pid, first, ticks));
    let mut done = Vec::new();
    let mut bad_frame = false;
    if let Some(mut stdout) = child.stdout.take() {
        while done.len() < paths.len() {
            match read_frame(&mut stdout, done.len(), paths[done.len()]) {
                Frame::Outcome(o) => {
                    done.push(*o);
                    if let Some(next) = wall(done.len()) {
                        let _ = tick.send(next);
                    }
                }
                Frame::End => break,
                Frame::Bad => {
                    bad_frame = true;
                    break;
                }
            }
        }
    }
    drop(tick);
    let timed_out = watchdog.join().unwrap_or(false);
    if bad_frame {
        let _ = child.kill();
    }
    let status = wait(&mut child);
    let stderr = stderr.and_then(|t| t.join().ok()).unwrap_or_default();
    if done.len() < paths.len() {
        let path = paths[done.len()];
        let mut out = Outcome::new(path);
        let limits = per_file[done.len()];
        out.findings
            .push(failure(status, timed_out, bad_frame, &stderr, limits));
        done.push(out);
    }
    done
}

/// Kills worker `pid` when a file's wall clock (`wall` for the first, then each tick's
/// for the next) passes with no tick; returns whether it did. Ends when the sender is
/// dropped (the parent has read all it will read from the worker).
fn watch(pid: u32, mut wall: Duration, ticks: mpsc::Receiver<Duration>) -> bool {
    loop {
        match ticks.recv_timeout(wall) {
            Ok(next) => wall = next,
            Err(mpsc::RecvTimeoutError::Disconnected) => return false,
            Err(mpsc::RecvTimeoutError::Timeout) => {
                kill(pid);
                return true;
            }
        }
    }
}

/// SIGKILL to a worker not yet reaped (so its pid cannot have been reused).
#[cfg(unix)]
fn kill(pid: u32) {
    use rustix::process::{kill_process, Pid, Signal};
    if let Some(pid) = i32::try_from(pid).ok().and_then(Pid::from_raw) {
        let _ = kill_process(pid, Signal::KILL);
    }
}

#[cfg(not(unix))]
fn kill(_pid: u32) {}

/// Waits for the worker; a wait that fails is reported as a plain failure.
fn wait(child: &mut Child) -> Option<ExitStatus> {
    child.wait().ok()
}

/// What came from a worker's stdout.
enum Frame {
    /// The next file's outcome.
    Outcome(Box<Outcome>),
    /// End of output before the next frame: the worker ended.
    End,
    /// A frame cut short or not well formed.
    Bad,
}

/// Reads the frame for file `index` (`path`).
fn read_frame(stdout: &mut impl Read, index: usize, path: &Path) -> Frame {
    let mut head = [0u8; 12];
    match stdout.read_exact(&mut head[..4]) {
        Ok(()) => {}
        Err(_) => return Frame::End,
    }
    if stdout.read_exact(&mut head[4..]).is_err() {
        return Frame::End;
    }
    let got = u32::from_le_bytes([head[0], head[1], head[2], head[3]]) as usize;
    let mut len = [0u8; 8];
    len.copy_from_slice(&head[4..]);
    let len = u64::from_le_bytes(len);
    if got != index {
        return Frame::Bad;
    }
    let mut bytes = Vec::new();
    match stdout.take(len).read_to_end(&mut bytes) {
        Ok(n) if n as u64 == len => {}
        _ => return Frame::End,
    }
    match wire::decode(&bytes, path) {
        Some(out) => Frame::Outcome(Box::new(out)),
        None => Frame::Bad,
    }
}

/// The finding for the file a worker was on when it ended without its result.
fn failure(
    status: Option<ExitStatus>,
    timed_out: bool,
    bad_frame: bool,
    stderr: &str,
    limits: Limits,
) -> Finding {
    let signal = status.and_then(signal_of);
    let too_slow = format!(
        "reading the file took more than {} seconds, far longer than any return takes, and was stopped: open it in Excel, save it again as .xlsx and resend",
        if timed_out { limits.wall_seconds } else { limits.cpu_seconds }
    );
    let too_big = format!(
        "reading the file needed more than {} MB of memory, far more than any return needs, and was stopped: check that this is the right file, or open it in Excel, save it again as .xlsx and resend",
        limits.memory_mb
    );
    if timed_out || signal == Some(SIGXCPU) {
        return Finding::error(Code::TimedOut, too_slow);
    }
    if !bad_frame
        && (stderr.contains("memory allocation of")
            || stderr.contains("capacity overflow")
            || matches!(signal, Some(SIGKILL | SIGSEGV | SIGBUS)))
    {
        return Finding::error(Code::TooLarge, too_big);
    }
    let how = match (status, signal) {
        _ if bad_frame => "its result was garbled".to_string(),
        (_, Some(s)) => format!("the worker reading it died of signal {s}"),
        (Some(st), None) => format!("the worker reading it ended with {st}"),
        (None, None) => "the worker reading it vanished".to_string(),
    };
    Finding::error(
        Code::InternalError,
        format!("internal error in the spreadsheet reader ({how}), please report it with this file; the other files were still checked"),
    )
}

#[cfg(unix)]
const SIGXCPU: i32 = rustix::process::Signal::XCPU.as_raw();
#[cfg(unix)]
const SIGKILL: i32 = rustix::process::Signal::KILL.as_raw();
#[cfg(unix)]
const SIGSEGV: i32 = rustix::process::Signal::SEGV.as_raw();
#[cfg(unix)]
const SIGBUS: i32 = rustix::process::Signal::BUS.as_raw();
#[cfg(not(unix))]
const SIGXCPU: i32 = -1;
#[cfg(not(unix))]
const SIGKILL: i32 = -2;
#[cfg(not(unix))]
const SIGSEGV: i32 = -3;
#[cfg(not(unix))]
const SIGBUS: i32 = -4;

#[cfg(unix)]
fn signal_of(status: ExitStatus) -> Option<i32> {
    std::os::unix::process::ExitStatusExt::signal(&status)
}

#[cfg(not(unix))]
fn signal_of(_status: ExitStatus) -> Option<i32> {
    None
}
