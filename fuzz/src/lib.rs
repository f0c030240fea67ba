//! What every fuzz target shares: the pipeline a file goes through in `bridger validate`
//! (sniff, read, fingerprint, validation), run on bytes instead of a path.
//!
//! It mirrors `bridger_core::read_book` exactly: a panic inside the spreadsheet reader is
//! caught there (the file is reported `damaged`), so it is caught here too and is not a
//! crash; a panic anywhere else, an abort, an endless loop or an allocation storm is.
//! It must never do anything `validate` does not.

use std::cell::Cell;
use std::panic;
use std::path::Path;
use std::sync::Once;

use bridger_core::{validate_book, Date, Outcome, Status};

thread_local! {
    static IN_READER: Cell<bool> = const { Cell::new(false) };
}

/// Installs a panic hook that lets a panic inside the reader unwind (production catches
/// it) and aborts on any other, so libFuzzer records it as a crash.
pub fn install_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if IN_READER.with(|r| r.get()) {
                return;
            }
            previous(info);
            std::process::abort();
        }));
    });
}

/// Reads `data` as `bridger validate` reads a file and validates what it gives.
pub fn validate_bytes(data: &[u8]) -> Status {
    install_hook();
    let def = bridger_core::annex_c();
    IN_READER.with(|r| r.set(true));
    let read = panic::catch_unwind(|| bridger_core::read_bytes(data.to_vec()));
    IN_READER.with(|r| r.set(false));
    let mut out = Outcome::new(Path::new("fuzz.xlsx"));
    if let Ok(Ok(book)) = read {
        // A fixed "today", so that a crash found once is found again on any day.
        let today = Date::new(2016, 8, 1).expect("a real date");
        validate_book(&book, def, today, &mut out);
    }
    out.status
}
