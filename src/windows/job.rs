//! Worker processes in Windows Job Objects, the Windows side of the limits a worker puts on
//! itself on Unix (`setrlimit` in [`crate::contain::serve`]), of a worker dying with the
//! bridger that started it (`PR_SET_PDEATHSIG` on Linux) and of killing a worker past its
//! wall clock (SIGKILL on Unix: [`kill`]).
//!
//! Two jobs hold each worker. Before it starts any, the parent ([`crate::contain::pool`])
//! puts itself in a job that kills every process in it when the job's last handle closes
//! ([`adopt_workers`]): only the parent holds that handle, and Windows closes it when the
//! parent ends, however it ends (kill-on-close). A process started by one in a job is in
//! that job from its first instruction, so no worker can outlive the run, even one started
//! just as the parent is killed. The worker then puts itself in a job nested in that one
//! ([`limit_memory`], [`limit_cpu`]), with a per-process memory limit (an allocation past it
//! fails, and Rust reports it and aborts: `too-large`) and a per-process CPU time limit that
//! it moves on before each file, as on Unix, so that each file gets its own seconds (past
//! them Windows ends the worker: `timed-out`, [`limit_of`]). The worker's job also keeps
//! Windows from showing an error dialog for a worker that crashes: it just ends.
//!
//! Setting a limit can fail (an old Windows without nested jobs): that is harmless, as on
//! Unix, since the parent's wall clock still ends a worker that overruns.

use std::process::ExitStatus;
use std::sync::{Mutex, Once};

use windows_sys::Win32::Foundation::{
    CloseHandle, ERROR_NOT_ENOUGH_QUOTA, FILETIME, HANDLE, STATUS_COMMITMENT_LIMIT,
    STATUS_NO_MEMORY, STATUS_QUOTA_EXCEEDED, STATUS_STACK_OVERFLOW,
};
use windows_sys::Win32::System::JobObjects::{
    AssignProcessToJobObject, CreateJobObjectW, JobObjectExtendedLimitInformation,
    SetInformationJobObject, JOBOBJECT_EXTENDED_LIMIT_INFORMATION,
    JOB_OBJECT_LIMIT_DIE_ON_UNHANDLED_EXCEPTION, JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE,
    JOB_OBJECT_LIMIT_PROCESS_MEMORY, JOB_OBJECT_LIMIT_PROCESS_TIME,
};
use windows_sys::Win32::System::Threading::{
    GetCurrentProcess, GetProcessTimes, OpenProcess, TerminateProcess, PROCESS_TERMINATE,
};

/// A Job Object, closed when dropped.
pub struct Job(HANDLE);

// SAFETY: a job handle may be used and closed from any thread.
#[allow(unsafe_code)]
unsafe impl Send for Job {}

impl Drop for Job {
    #[allow(unsafe_code)]
    fn drop(&mut self) {
        // SAFETY: the handle is ours, open, and closed once.
        unsafe {
            CloseHandle(self.0);
        }
    }
}

impl Job {
    /// A new job with no limits, or `None` when Windows refuses one.
    #[allow(unsafe_code)]
    fn new() -> Option<Job> {
        // SAFETY: no security attributes and no name: both may be null.
        let handle = unsafe { CreateJobObjectW(std::ptr::null(), std::ptr::null()) };
        (!handle.is_null()).then_some(Job(handle))
    }

    /// Sets the job's limits: `flags`, and `memory_mb` per process and `cpu_100ns` of user
    /// time per process when given. Returns whether Windows took them.
    #[allow(unsafe_code)]
    fn set(&self, mut flags: u32, memory_mb: Option<u64>, cpu_100ns: Option<i64>) -> bool {
        // SAFETY: all-zero is a valid JOBOBJECT_EXTENDED_LIMIT_INFORMATION (no limits).
        let mut info: JOBOBJECT_EXTENDED_LIMIT_INFORMATION = unsafe { std::mem::zeroed() };
        if let Some(mb) = memory_mb {
            flags |= JOB_OBJECT_LIMIT_PROCESS_MEMORY;
            info.ProcessMemoryLimit =
                usize::try_from(mb.saturating_mul(1 << 20)).unwrap_or(usize::MAX);
        }
        if let Some(cpu) = cpu_100ns {
            flags |= JOB_OBJECT_LIMIT_PROCESS_TIME;
            info.BasicLimitInformation.PerProcessUserTimeLimit = cpu;
        }
        info.BasicLimitInformation.LimitFlags = flags;
        // SAFETY: `info` is the structure this information class takes, of its own size.
        let ok = unsafe {
            SetInformationJobObject(
                self.0,
                JobObjectExtendedLimitInformation,
                (&raw const info).cast(),
                std::mem::size_of::<JOBOBJECT_EXTENDED_LIMIT_INFORMATION>() as u32,
            )
        };
        ok != 0
    }

    /// Puts the process `process` in this job. Returns whether Windows did.
    #[allow(unsafe_code)]
    fn assign(&self, process: HANDLE) -> bool {
        // SAFETY: both handles are open; a failure only leaves the process outside the job.
        unsafe { AssignProcessToJobObject(self.0, process) != 0 }
    }
}

/// The job that ends every worker with this run, made once ([`adopt_workers`]) and held
/// until this process ends.
static WORKERS: Mutex<Option<Job>> = Mutex::new(None);
static ADOPT: Once = Once::new();

/// In the parent, before the first worker starts: puts this process in a job that kills
/// every process in it when this process ends (kill-on-close), so that each worker started
/// from here is in it. Once per process; should Windows refuse, workers still end by their
/// own limits and the wall clock, as on Unix without `PR_SET_PDEATHSIG`.
#[allow(unsafe_code)]
pub fn adopt_workers() {
    ADOPT.call_once(|| {
        let Some(job) = Job::new() else {
            return;
        };
        // SAFETY: GetCurrentProcess returns a pseudo-handle that needs no closing.
        if job.set(JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE, None, None)
            && job.assign(unsafe { GetCurrentProcess() })
        {
            *WORKERS.lock().unwrap_or_else(|p| p.into_inner()) = Some(job);
        }
    });
}

/// No error dialog for a worker that crashes: it just ends.
const WORKER_FLAGS: u32 = JOB_OBJECT_LIMIT_DIE_ON_UNHANDLED_EXCEPTION;

/// The worker's own job (nested in the parent's), made by [`limit_memory`], and the memory
/// limit it was given, for [`limit_cpu`] to keep.
static OWN: Mutex<Option<(Job, u64)>> = Mutex::new(None);

/// In the worker: puts this process in a job of its own that limits it to `memory_mb`.
#[allow(unsafe_code)]
pub fn limit_memory(memory_mb: u64) {
    let Some(job) = Job::new() else {
        return;
    };
    // SAFETY: GetCurrentProcess returns a pseudo-handle that needs no closing.
    if job.set(WORKER_FLAGS, Some(memory_mb), None) && job.assign(unsafe { GetCurrentProcess() }) {
        *OWN.lock().unwrap_or_else(|p| p.into_inner()) = Some((job, memory_mb));
    }
}

/// In the worker: gives the next file `seconds` of CPU (user) time from now, by moving the
/// limit of its own job to what it has used so far plus `seconds`.
pub fn limit_cpu(seconds: u64) {
    let own = OWN.lock().unwrap_or_else(|p| p.into_inner());
    let (Some((job, memory_mb)), Some(used)) = (own.as_ref(), user_time_100ns()) else {
        return;
    };
    let limit = i64::try_from(seconds.saturating_mul(10_000_000))
        .unwrap_or(i64::MAX)
        .saturating_add(used);
    job.set(WORKER_FLAGS, Some(*memory_mb), Some(limit));
}

/// The user time this process has used, in units of 100 ns.
#[allow(unsafe_code)]
fn user_time_100ns() -> Option<i64> {
    let zero = FILETIME {
        dwLowDateTime: 0,
        dwHighDateTime: 0,
    };
    let (mut created, mut exited, mut kernel, mut user) = (zero, zero, zero, zero);
    // SAFETY: the pseudo-handle of this process and four writable FILETIMEs.
    let ok = unsafe {
        GetProcessTimes(
            GetCurrentProcess(),
            &mut created,
            &mut exited,
            &mut kernel,
            &mut user,
        )
    };
    let ticks = (u64::from(user.dwHighDateTime) << 32) | u64::from(user.dwLowDateTime);
    (ok != 0).then(|| i64::try_from(ticks).unwrap_or(i64::MAX))
}

/// Which limit, if any, ended a worker, by its exit code. Windows documents
/// `ERROR_NOT_ENOUGH_QUOTA` for a job's CPU time; `STATUS_QUOTA_EXCEEDED` is taken the same
/// way. Running out of memory (an allocation the job refused, a stack that could not grow)
/// is the memory limit; an allocation that fails in Rust code is told by its message.
pub fn limit_of(status: ExitStatus) -> Option<Limit> {
    let code = status.code()? as u32;
    let is = |statuses: &[i32]| statuses.iter().any(|s| *s as u32 == code);
    if code == ERROR_NOT_ENOUGH_QUOTA || is(&[STATUS_QUOTA_EXCEEDED]) {
        Some(Limit::Cpu)
    } else if is(&[
        STATUS_NO_MEMORY,
        STATUS_COMMITMENT_LIMIT,
        STATUS_STACK_OVERFLOW,
    ]) {
        Some(Limit::Memory)
    } else {
        None
    }
}

/// Ends the worker `pid`, past its wall clock. The parent still holds the worker's handle
/// (it has not been waited for), so the id cannot name another process.
#[allow(unsafe_code)]
pub fn kill(pid: u32) {
    // SAFETY: OpenProcess only opens a handle, checked and closed here; TerminateProcess
    // ends the process it names, our own worker.
    unsafe {
        let handle = OpenProcess(PROCESS_TERMINATE, 0, pid);
        if !handle.is_null() {
            TerminateProcess(handle, 1);
            CloseHandle(handle);
        }
    }
}

/// A limit that ended a worker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limit {
    /// Its CPU time for the file.
    Cpu,
    /// Its memory.
    Memory,
}
