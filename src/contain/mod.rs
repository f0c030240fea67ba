//! Reading many returns so that no file, whatever a spreadsheet library does with it, can
//! end or stall the run: each file is read in a worker process ([`pool`] starts and
//! watches them, [`serve`] is the worker, [`wire`] carries an outcome between them), or,
//! where processes cannot be used, in threads of this process ([`threads`]).
//!
//! The core validates bytes; this module decides where that happens and keeps a file that
//! kills its reader from killing the run.

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use bridger_core::{annex_c, Definition, Keep, Outcome};

pub mod pool;
pub mod serve;
mod threads;
pub mod wire;

/// Whether [`validate_all`] may start worker processes: only `main`, once it serves the
/// hidden worker subcommand, says so ([`use_worker_processes`]).
static WORKER_PROCESSES: AtomicBool = AtomicBool::new(false);

/// Lets [`validate_all`] read each file in a worker process started from this executable
/// with [`pool::SUBCOMMAND`]. Only `main`, which serves that subcommand ([`serve::serve`]),
/// calls this; elsewhere (unit tests) files are read in threads.
pub fn use_worker_processes() {
    WORKER_PROCESSES.store(true, Ordering::SeqCst);
}

thread_local! {
    static CURRENT_FILE: RefCell<Option<PathBuf>> = const { RefCell::new(None) };
}

/// The file this thread is reading, for the panic hook's one line.
pub fn current_file() -> Option<PathBuf> {
    CURRENT_FILE.with(|c| c.borrow().clone())
}

/// Marks the file this thread is reading until dropped.
struct CurrentFile;

impl CurrentFile {
    fn set(path: &Path) -> CurrentFile {
        CURRENT_FILE.with(|c| *c.borrow_mut() = Some(path.to_path_buf()));
        CurrentFile
    }
}

impl Drop for CurrentFile {
    fn drop(&mut self) {
        CURRENT_FILE.with(|c| *c.borrow_mut() = None);
    }
}

/// Validates many files on all cores, in input order. `progress` is called once per file
/// as it finishes (from worker threads). `keep` says what of each return's normalised
/// content is kept (for collation).
///
/// On Unix and Windows, when the binary allows it ([`use_worker_processes`]) and `def` is
/// the built-in Annex C definition, each file is read in a worker process under a memory
/// and CPU limit ([`pool`]): a file that kills or stalls its worker is `unreadable`
/// (`too-large`, `timed-out` or `internal-error`) and the rest of the run goes on.
/// Otherwise the files are read in threads of this process.
pub fn validate_all(
    files: &[PathBuf],
    def: &Definition,
    keep: Keep,
    progress: &(dyn Fn(&Outcome) + Sync),
) -> Vec<Outcome> {
    // BRIDGER_WORKER_PROCESSES=0 reads in threads, without containment: for measuring
    // what the processes cost, and as a way out where re-executing bridger fails.
    let processes = cfg!(any(unix, windows))
        && WORKER_PROCESSES.load(Ordering::SeqCst)
        && std::env::var_os("BRIDGER_WORKER_PROCESSES").is_none_or(|v| v != "0")
        && std::ptr::eq(def, annex_c());
    if processes {
        if let Ok(exe) = std::env::current_exe() {
            return pool::run(&exe, files, keep, progress);
        }
    }
    threads::validate_in_threads(files, def, keep, progress)
}
