//! Reading many files in threads of this process, where worker processes cannot be used
//! (`BRIDGER_WORKER_PROCESSES=0`, a definition other than the built-in one, no Unix): the
//! same results in the same order, without containment of aborts or endless loops.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use bridger_core::{Definition, Keep, Outcome};

use super::CurrentFile;
use crate::clock::uk_today;
use crate::files::load::validate_file;

/// [`super::validate_all`] in threads of this process: no containment of aborts or loops.
pub(super) fn validate_in_threads(
    files: &[PathBuf],
    def: &Definition,
    keep: Keep,
    progress: &(dyn Fn(&Outcome) + Sync),
) -> Vec<Outcome> {
    let today = uk_today();
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(files.len().max(1));
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Outcome>>> = Mutex::new(vec![None; files.len()]);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                if i >= files.len() {
                    break;
                }
                let mut outcome = {
                    let _current = CurrentFile::set(&files[i]);
                    validate_file(&files[i], today, def)
                };
                keep.apply(&mut outcome);
                progress(&outcome);
                results.lock().unwrap_or_else(|p| p.into_inner())[i] = Some(outcome);
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_else(|p| p.into_inner())
        .into_iter()
        .zip(files)
        .map(|(o, f)| o.unwrap_or_else(|| Outcome::new(f)))
        .collect()
}
