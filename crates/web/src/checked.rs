//! One checked file as the page receives it: validate's JSON line and its findings grouped
//! as the terminal shows them; and its annotated copy, made as `bridger validate --report`
//! makes it.

use std::path::Path;

use anyhow::{Context, Result};
use serde::Serialize;
use wasm_bindgen::JsError;

use bridger_core::group::group;
use bridger_core::json::{self, FileOutcome};
use bridger_core::{annex_c, read_book, report, set_aside_findings_sheet, validate_bytes};
use bridger_core::{Date, Keep, Outcome};

/// What the page shows for one file.
#[derive(Serialize)]
struct Checked<'a> {
    /// The line `bridger validate --format json` prints.
    line: String,
    groups: Vec<GroupJson<'a>>,
}

/// One line of the terminal's findings table.
#[derive(Serialize)]
struct GroupJson<'a> {
    code: String,
    column: Option<&'a str>,
    count: usize,
    location: String,
    message: String,
    severity: String,
    value: Option<&'a str>,
}

/// The page's JSON for `o`.
pub(crate) fn to_json(o: &Outcome) -> Result<String, JsError> {
    let groups = group(&o.findings.list)
        .iter()
        .map(|g| GroupJson {
            code: g.first.code.to_string(),
            column: g.first.column.as_deref(),
            count: g.count,
            location: g.location(),
            message: g.message(),
            severity: g.first.severity.to_string(),
            value: g.first.value.as_deref(),
        })
        .collect();
    let err = |e: serde_json::Error| JsError::new(&e.to_string());
    let checked = Checked {
        line: json::line(&FileOutcome::new(o)).map_err(err)?,
        groups,
    };
    json::line(&checked).map_err(err)
}

/// The annotated copy: the file validated as `bridger validate` validates it (nothing of
/// its content kept), then read again and annotated, as `--report` does.
pub(crate) fn report(
    file: &str,
    modified: Option<u64>,
    bytes: Vec<u8>,
    today: Date,
) -> Result<Vec<u8>> {
    let def = annex_c();
    let path = Path::new(file);
    let mut outcome = validate_bytes(path, modified, bytes.clone(), today, def);
    Keep::Nothing.apply(&mut outcome);
    let mut book = read_book(bytes).map_err(|e| anyhow::anyhow!("{file} cannot be read ({e})"))?;
    set_aside_findings_sheet(&mut book);
    book.has_macros |= path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsm"));
    let (bytes, _) = report::build(def, &book, &outcome)
        .with_context(|| format!("writing the annotated copy of {file}"))?;
    Ok(bytes)
}
