//! A deterministic generator of realistic Annex C returns, for the sample fixtures, the
//! benchmarks and the linkage scoring.
//!
//! Every return is the real template (written by [`crate::output::template::build_filled`]) filled
//! with invented MPs, constituencies, references and suspects. A controlled share of
//! suspects appear in several forces' returns with the corruptions real data has (typos,
//! swapped forename and surname, nicknames, a missing date of birth, a new postcode, an
//! email with a `+tag`), and some MPs are victims in several forces' returns. The truth of
//! who is who is written to `truth.csv` beside the returns, so linkage can be scored.
//! Each file goes, as a name and bytes, to a sink the caller gives (the command line
//! writes them into a folder).
//!
//! All names are invented: forenames and surnames are drawn independently from common
//! lists, and constituencies are made up. The same seed always gives the same bytes: the
//! generator must never read a clock or the environment.
//!
//! `words` holds the name lists, `world` the people and how forces record them, `returns`
//! writes one return, and `variants` the sample quarter's problems.

mod returns;
mod variants;
mod words;
mod world;

use anyhow::Result;

use crate::base::calendar::{Date, Quarter};
use crate::base::value::Value;
use crate::definition::{ColumnIndex, Definition, FieldIndex, Force, Table};

use returns::{write_return, Return};
use variants::{sample_variants, Variant};
use world::World;

/// Options for a generated data set.
#[derive(Clone, Debug)]
pub struct Options {
    /// Incident rows per return.
    pub incidents: usize,
    /// How many consecutive quarters, from `first_quarter`.
    pub quarters: usize,
    /// The first quarter generated (2016-17 Q1 by default).
    pub first_quarter: Quarter,
    /// Seed for the one random source: the same seed always gives the same bytes.
    pub seed: u64,
    /// How many forces, in forces.csv order (at most 46).
    pub forces: usize,
    /// The share of suspect records that belong to someone already reported elsewhere.
    pub repeat_share: f64,
    /// The sample set for `fixtures/returns/`: one quarter with every kind of problem.
    pub sample: bool,
    /// The share of returns dated after their quarter's due date (late), 0 by default.
    pub late_share: f64,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            incidents: 2000,
            quarters: 1,
            first_quarter: Quarter {
                start_year: 2016,
                number: 1,
            },
            seed: 2016,
            forces: 46,
            repeat_share: 0.1,
            sample: false,
            late_share: 0.0,
        }
    }
}

/// What was written.
#[derive(Clone, Debug, Default)]
pub struct Summary {
    /// Names of the returns written, quarter by quarter in force order (`truth.csv` not
    /// included).
    pub files: Vec<String>,
    /// Incident rows generated, over all returns (a byte-identical copy not counted again).
    pub incidents: usize,
    /// Engagement rows generated, over all returns (a byte-identical copy not counted
    /// again).
    pub engagement: usize,
    /// Incidents generated with an identified suspect (counted before a first submission
    /// loses its last rows).
    pub suspects: usize,
    /// Distinct suspects invented: how many different people the suspect records stand for.
    pub people: usize,
}

/// Text typed into a cell.
fn text(s: impl Into<String>) -> Value {
    Value::Text(s.into())
}

/// A value for a Return field, under the key the template is filled by.
fn field(def: &Definition, f: FieldIndex, value: Value) -> (String, Value) {
    (def.field(f).key.clone(), value)
}

/// A value for a column of `table`, under the key the template is filled by.
fn cell(table: &Table, col: ColumnIndex, value: Value) -> (String, Value) {
    (table.at(col).key.clone(), value)
}

/// A file of a generated data set, given to the sink: its name (no folder) and its bytes.
pub type Sink<'a> = &'a mut dyn FnMut(&str, &[u8]) -> Result<()>;

/// Generates a data set, giving each file to `sink` in order: the returns, then
/// `truth.csv`.
pub fn generate(opts: &Options, sink: Sink<'_>) -> Result<Summary> {
    let def = crate::definition::annex_c();
    let forces: Vec<Force> = def
        .forces
        .iter()
        .take(opts.forces.clamp(1, def.forces.len()))
        .cloned()
        .collect();
    let mut world = World::new(opts.seed, &forces);
    let mut summary = Summary::default();
    let mut last = (String::new(), Vec::new());
    let quarters: Vec<Quarter> = (0..opts.quarters.max(1))
        .map(|i| {
            let n = opts.first_quarter.number as usize - 1 + i;
            Quarter {
                start_year: opts.first_quarter.start_year + (n / 4) as i32,
                number: (n % 4) as u32 + 1,
            }
        })
        .collect();
    for q in &quarters {
        for (fi, force) in forces.iter().enumerate() {
            let variants: Vec<Variant> = if opts.sample {
                sample_variants(&force.code)
            } else {
                vec![Variant::Normal]
            };
            for variant in variants {
                let ret = Return {
                    force,
                    index: fi,
                    quarter: q,
                    variant,
                };
                let name =
                    write_return(sink, def, &mut world, opts, &ret, &mut summary, &mut last)?;
                summary.files.push(name);
            }
        }
    }
    sink("truth.csv", world.truth.as_bytes())?;
    summary.people = world.people();
    Ok(summary)
}

/// `n` suspect records as forces would record them, with the person each one is: for
/// measuring linkage at scale. The same seed gives the same records.
pub fn suspect_records(
    n: usize,
    seed: u64,
    repeat_share: f64,
) -> (Vec<crate::link::Person>, Vec<String>) {
    let def = crate::definition::annex_c();
    let mut world = World::new(seed, &def.forces);
    let around = Date::new(2016, 6, 1).expect("a real date");
    let mut people = Vec::with_capacity(n);
    let mut truth = Vec::with_capacity(n);
    for _ in 0..n {
        let id = world.suspect(repeat_share, around);
        let r = world.record(id);
        people.push(crate::link::Person {
            forename: r.forename,
            surname: r.surname,
            dob: r.dob,
            postcode: r.postcode,
            identifier: r.identifier,
            place: None,
        });
        truth.push(id.to_string());
    }
    (people, truth)
}
