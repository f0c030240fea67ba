//! Everything the commands print, in one place: `text` for a person beside `json` for a
//! machine, both renderings of the same library values.
//!
//! A command's `run` calls the library and hands the result here; what is shown, and how,
//! is decided in these files and nowhere else. They must never compute a result of their
//! own: a number that the text and the JSON both show is taken from the library, or from
//! one helper below that both use, so the two renderings cannot disagree.

pub mod json;
pub mod text;

use bridger::collate::{Collation, ForceRow, ForceStatus};
use bridger::link::suspects::Links;

/// Why a force's return was not accepted: the first finding that rejected its file, or
/// `None` for a valid return or a force with no file.
fn force_reason(c: &Collation, r: &ForceRow) -> Option<String> {
    if r.status == ForceStatus::Valid {
        return None;
    }
    let entry = &c.entries[r.entry?];
    entry.outcome.first_reason().map(|f| f.reason())
}

/// How many repeat suspects were reported by more than one force.
fn across_forces(l: &Links) -> usize {
    l.suspects.iter().filter(|s| s.forces.len() > 1).count()
}
