//! Collation in the browser: the returns the page's workers checked, collated as `bridger
//! collate` collates them, with the options the national analyst chose; the national
//! workbook (byte-identical to the command line's with the same options and `--today`),
//! the chase list, the JSON `collate --format json` prints and the forces × quarters grid.
//!
//! It runs in a worker of its own, which the page gives more memory than a checking one:
//! the workbook of a year of returns is built in memory here.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Context, Result};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use bridger_core::json::{self, CollateReport};
use bridger_core::{annex_c, collate, grid_rows, national, suspects, Definition};
use bridger_core::{Collation, Force, Mask, Options, Outcome, Quarter, Settings, Standing};

use crate::wire;

/// What the page chose, as JSON.
#[derive(Deserialize)]
struct Chosen {
    /// Only this quarter ("2016-17 Q1"), or every quarter found.
    quarter: Option<String>,
    /// The codes of the forces expected, in order; every force when absent.
    expected: Option<Vec<String>>,
    /// The due date of the latest quarter (YYYY-MM-DD), instead of the default.
    deadline: Option<String>,
    /// The day days overdue are counted to (YYYY-MM-DD).
    today: String,
    /// The national workbook's file name, as messages and the JSON name it.
    out: String,
}

/// The returns checked so far, to be collated.
#[wasm_bindgen]
#[derive(Default)]
pub struct Collator {
    outcomes: Vec<Outcome>,
}

#[wasm_bindgen]
impl Collator {
    /// No returns yet.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Collator {
        Collator::default()
    }

    /// Adds a checked return: `file` is its name as the page shows it, `kept` what its
    /// worker kept of it for collation.
    pub fn add(&mut self, file: &str, kept: &[u8]) -> Result<(), JsError> {
        let mut out = Outcome::new(Path::new(file));
        wire::decode(kept, &mut out).ok_or_else(|| {
            JsError::new(&format!(
                "the check of {file} came back garbled: check it again"
            ))
        })?;
        self.outcomes.push(out);
        Ok(())
    }

    /// Collates the returns added with the options in `chosen` (JSON).
    pub fn run(self, chosen: &str) -> Result<Collated, JsError> {
        run(self.outcomes, chosen).map_err(|e| JsError::new(&format!("{e:#}")))
    }
}

/// A collation's outputs, for the page.
#[wasm_bindgen]
pub struct Collated {
    report: String,
    grid: String,
    national: Vec<u8>,
    chase: String,
}

#[wasm_bindgen]
impl Collated {
    /// What `bridger collate --format json` prints.
    pub fn report(&self) -> String {
        self.report.clone()
    }
    /// The forces × quarters grid, as JSON.
    pub fn grid(&self) -> String {
        self.grid.clone()
    }
    /// The national workbook's bytes.
    pub fn national(&self) -> Vec<u8> {
        self.national.clone()
    }
    /// The chase list, as CSV.
    pub fn chase(&self) -> String {
        self.chase.clone()
    }
}

fn run(mut outcomes: Vec<Outcome>, chosen: &str) -> Result<Collated> {
    let def = annex_c();
    let chosen: Chosen = serde_json::from_str(chosen).context("reading the options")?;
    let opts = options(&chosen, def)?;
    // In the order the command line lists the files of a folder.
    outcomes.sort_by(|a, b| a.file.cmp(&b.file));
    for o in &mut outcomes {
        opts.keep().apply(o);
    }
    let mut collation = collate(outcomes, def, &opts);
    if let Some(why) = opts.quarter.and_then(|q| collation.quarter_not_held(q)) {
        bail!(why);
    }
    if let (Some(d), Some(q)) = (opts.deadline, collation.quarters.last()) {
        if d < q.end() {
            bail!(
                "the due date {} is before {q} ends ({}): give a due date after the quarter's last day",
                d.iso(),
                q.end().iso()
            );
        }
    }
    let out = PathBuf::from(&chosen.out);
    let mut links = suspects::link(
        suspects::prepare(&collation, def),
        &Settings::default(),
        &Mask::Clear,
    );
    let plan = national::plan(&mut collation, def, &out)?;
    // The page has one thread: the links' sheets are filled before the rows are written,
    // into the same workbook, numbered alike, as the command line's.
    let (book, sheets) = national::begin()?;
    let filled = sheets.fill(&mut links, &Mask::Clear)?;
    let draft = national::start(book, &collation, plan, def, false, &out)?;
    collation.free_rows();
    let mut workbook = Cursor::new(Vec::new());
    let links = national::write(draft, links, filled, &mut workbook)?;
    let report = CollateReport::new(&collation, &out, &links, Vec::new());
    Ok(Collated {
        report: json::pretty(&report)?,
        grid: grid(&collation)?,
        national: workbook.into_inner(),
        chase: national::chase_csv(&collation),
    })
}

/// The command line's `Options` from what the page chose.
fn options(chosen: &Chosen, def: &Definition) -> Result<Options> {
    let quarter = match &chosen.quarter {
        Some(q) => Some(
            Quarter::parse(q).ok_or_else(|| anyhow!("'{q}' is not a quarter like 2016-17 Q1"))?,
        ),
        None => None,
    };
    let expected: Vec<Force> = match &chosen.expected {
        None => def.forces.clone(),
        Some(codes) => codes
            .iter()
            .map(|c| {
                def.forces
                    .iter()
                    .find(|f| &f.code == c)
                    .cloned()
                    .ok_or_else(|| anyhow!("'{c}' is not a force in forces.csv"))
            })
            .collect::<Result<_>>()?,
    };
    if expected.is_empty() {
        bail!("no force is expected: choose the forces expected to respond");
    }
    let date = |text: &Option<String>| -> Result<_> {
        text.as_deref()
            .map(|t| {
                crate::parse_day(t).ok_or_else(|| anyhow!("'{t}' is not a date like 2016-07-22"))
            })
            .transpose()
    };
    Ok(Options {
        quarter,
        expected,
        include_invalid: false,
        deadline: date(&chosen.deadline)?,
        today: date(&Some(chosen.today.clone()))?.context("no today")?,
    })
}

/// One row of the grid: a force, and its standing for each quarter.
#[derive(Serialize)]
struct GridLine {
    code: String,
    expected: bool,
    force: String,
    owed: usize,
    standings: Vec<Option<&'static str>>,
}

/// The grid as JSON: the quarters, the rows, and what each word means.
fn grid(c: &Collation) -> Result<String> {
    let rows: Vec<GridLine> = grid_rows(c)
        .into_iter()
        .map(|g| GridLine {
            owed: g.owed(),
            standings: g.cells.iter().map(|s| s.map(Standing::label)).collect(),
            code: g.code,
            expected: g.expected,
            force: g.force,
        })
        .collect();
    let legend: Vec<_> = Standing::ALL
        .iter()
        .map(|s| serde_json::json!({"label": s.label(), "meaning": s.meaning()}))
        .collect();
    let quarters: Vec<String> = c.quarters.iter().map(|q| q.to_string()).collect();
    Ok(json::line(
        &serde_json::json!({"quarters": quarters, "rows": rows, "legend": legend}),
    )?)
}

/// The forces listed in an expected-forces file (a CSV like forces.csv, or one force per
/// line), as the command line's `--expected` reads it: their codes in the file's order, as
/// JSON. `name` names the file in messages.
#[wasm_bindgen]
pub fn expected_from_file(bytes: Vec<u8>, name: &str) -> Result<String, JsError> {
    let forces = bridger_core::parse_expected(bytes, name, annex_c())
        .map_err(|e| JsError::new(&format!("{e:#}")))?;
    let codes: Vec<&str> = forces.iter().map(|f| f.code.as_str()).collect();
    json::line(&codes).map_err(|e| JsError::new(&e.to_string()))
}
