//! bridger in the browser: the core's checks, annotated copies, template and collation,
//! called from the page's JavaScript through wasm-bindgen. One offline page (`web/`) runs
//! this module in Web Workers, one file at a time, so that a file that loops or exhausts
//! memory ends its worker and not the page.
//!
//! Like the command line, this crate only wires the core to its surroundings: the browser
//! hands in a file's bytes, its name and today's date, and gets back exactly what
//! `bridger` prints or writes for the same input (the same JSON, the same workbook
//! bytes). It decides nothing about a return, reads no clock and touches no network.

use std::path::Path;

use wasm_bindgen::prelude::*;

use bridger_core::fingerprint;
use bridger_core::json;
use bridger_core::template;
use bridger_core::{annex_c, validate_bytes, Date, Keep, Outcome};

mod checked;
mod collation;
mod faults;
mod memory;
mod stopped;
mod wire;

pub use collation::{expected_from_file, Collated, Collator};

#[cfg(feature = "test-hooks")]
pub use faults::fault;
pub use faults::last_panic;
pub use memory::{memory_refused, set_memory_limit};

/// Runs when the module is instantiated: a panic is recorded for [`last_panic`], so that
/// the page can tell a reader's bug from a memory storm.
#[wasm_bindgen(start)]
pub fn start() {
    faults::record_panics();
}

/// bridger's version, as `bridger --version` gives it.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// The fingerprint (hex SHA-256) of the template returns are checked against.
#[wasm_bindgen]
pub fn template_fingerprint() -> String {
    fingerprint::of_definition(annex_c()).sha256
}

/// The blank template: the bytes of `template/annex-c.xlsx`.
#[wasm_bindgen]
pub fn template_bytes() -> Result<Vec<u8>, JsError> {
    template::build(annex_c()).map_err(|e| JsError::new(&format!("{e:#}")))
}

/// Checks one file: `file` is its name (or its path inside a dropped folder),
/// `modified` its modification time in seconds since the epoch, `today` the UK's
/// calendar day as YYYY-MM-DD. What it gives is [`Checked`].
#[wasm_bindgen]
pub fn validate(
    file: &str,
    modified: Option<f64>,
    bytes: Vec<u8>,
    today: &str,
) -> Result<Checked, JsError> {
    let today = today_of(today)?;
    let outcome = validate_bytes(Path::new(file), seconds(modified), bytes, today, annex_c());
    Checked::of(outcome)
}

/// One file checked: what the page shows, and what is kept for collating.
#[wasm_bindgen]
pub struct Checked {
    json: String,
    kept: Vec<u8>,
}

impl Checked {
    /// What the page shows of `outcome`, and what `bridger collate` keeps of it.
    fn of(mut outcome: Outcome) -> Result<Checked, JsError> {
        Keep::ValidRows.apply(&mut outcome);
        let kept = wire::encode(&outcome);
        Keep::Nothing.apply(&mut outcome);
        Ok(Checked {
            json: checked::to_json(&outcome)?,
            kept,
        })
    }
}

#[wasm_bindgen]
impl Checked {
    /// `{"line": …, "groups": […]}`: `line` is exactly the line `bridger validate
    /// --format json` prints for the file, `groups` its findings grouped as the terminal
    /// shows them.
    pub fn json(&self) -> String {
        self.json.clone()
    }

    /// What collation needs of the return (its fields, and its rows when it is valid), for
    /// [`Collator::add`].
    pub fn kept(&self) -> Vec<u8> {
        self.kept.clone()
    }
}

/// The annotated copy of one file, byte-identical to `bridger validate FILE --report
/// OUT.xlsx` (run where `file` is the path given); arguments as for [`validate`]. A file
/// that cannot be read as a workbook gets no copy: the error says why.
#[wasm_bindgen]
pub fn report(
    file: &str,
    modified: Option<f64>,
    bytes: Vec<u8>,
    today: &str,
) -> Result<Vec<u8>, JsError> {
    let today = today_of(today)?;
    checked::report(file, seconds(modified), bytes, today)
        .map_err(|e| JsError::new(&format!("{e:#}")))
}

/// A file whose worker was stopped: `how` is `timed-out` (after `limit` seconds),
/// `too-large` (past `limit` MB of memory) or anything else, an internal error described
/// by `how`. The same shape, code and advice as the command line's contained workers.
#[wasm_bindgen]
pub fn stopped(file: &str, how: &str, limit: f64) -> Result<Checked, JsError> {
    Checked::of(stopped::outcome(Path::new(file), how, limit as u64))
}

/// The forces a collation may expect, as JSON `[{"code": …, "name": …}]`, in forces.csv's
/// order.
#[wasm_bindgen]
pub fn forces() -> Result<String, JsError> {
    let list: Vec<_> = annex_c()
        .forces
        .iter()
        .map(|f| serde_json::json!({"code": f.code, "name": f.name}))
        .collect();
    json::line(&list).map_err(|e| JsError::new(&e.to_string()))
}

/// Today's date as the page gives it (YYYY-MM-DD).
fn today_of(iso: &str) -> Result<Date, JsError> {
    parse_day(iso).ok_or_else(|| JsError::new(&format!("'{iso}' is not a date like 2016-07-22")))
}

/// A day given as YYYY-MM-DD.
pub(crate) fn parse_day(iso: &str) -> Option<Date> {
    let parts: Vec<&str> = iso.split('-').collect();
    let number = |i: usize| parts.get(i).and_then(|p| p.parse::<u32>().ok());
    match (parts.len(), number(0), number(1), number(2)) {
        (3, Some(y), Some(m), Some(d)) => Date::new(y as i32, m, d),
        _ => None,
    }
}

/// A modification time in whole seconds since the epoch, as the command line reads it.
fn seconds(modified: Option<f64>) -> Option<u64> {
    modified
        .filter(|s| s.is_finite() && *s >= 0.0)
        .map(|s| s as u64)
}

/// Which of the names found in a dropped folder (a JSON list) are workbooks to read, as
/// the command line picks them from a folder: a JSON list of booleans.
#[wasm_bindgen]
pub fn candidates(names: &str) -> Result<String, JsError> {
    let names: Vec<String> =
        serde_json::from_str(names).map_err(|e| JsError::new(&e.to_string()))?;
    let keep: Vec<bool> = names
        .iter()
        .map(|n| bridger_core::is_candidate(Path::new(n)))
        .collect();
    json::line(&keep).map_err(|e| JsError::new(&e.to_string()))
}
