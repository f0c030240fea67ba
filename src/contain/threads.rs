//! Reading many files in threads of this process, where worker processes cannot be used
//! (`BRIDGER_WORKER_PROCESSES=0`, a definition other than the built-in one, no Unix): the
//! same results in the same order, without containment of aborts or endless loops.

use std::path::PathBuf;

use rayon::prelude::*;

use bridger_core::{Definition, Keep, Outcome};

use super::CurrentFile;
use crate::clock::uk_today;
use crate::files::load::validate_file;

/// [`super::validate_all`] in threads of this process (rayon's, one per core), each
/// outcome in its file's place: no containment of aborts or loops.
pub(super) fn validate_in_threads(
    files: &[PathBuf],
    def: &Definition,
    keep: Keep,
    progress: &(dyn Fn(&Outcome) + Sync),
) -> Vec<Outcome> {
    let today = uk_today();
    files
        .par_iter()
        .map(|file| {
            let mut outcome = {
                let _current = CurrentFile::set(file);
                validate_file(file, today, def)
            };
            keep.apply(&mut outcome);
            progress(&outcome);
            outcome
        })
        .collect()
}
