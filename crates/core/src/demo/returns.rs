//! Writing one generated return: its Return sheet (force, quarter, who submitted it, MPs
//! in the area and contacted), its Engagement rows (one per MP), its Incidents rows (with
//! suspects drawn from the [`World`]), and its line of `truth.csv` per incident.
//!
//! The return is the real template filled in through [`build_filled`], never a workbook
//! written by hand. The random draws happen in a fixed order, so the same seed gives the
//! same bytes: reordering a draw here changes every return after it.

use std::fmt::Write as _;

use anyhow::{Context, Result};

use crate::base::calendar::{Date, Quarter};
use crate::base::value::Value;
use crate::definition::{CellKind, ColumnIndex, Definition, Force};
use crate::output::template::{build_filled, Filled, FilledRow};

use super::variants::{altered_definition, file_name, spoil, Variant};
use super::words::{ascii_lower, FORENAMES, SUMMARIES, SURNAMES};
use super::world::{Mp, World};
use super::{cell, field, text};
use super::{Options, Sink, Summary};

/// Which return to write: a force (and its index in the world's forces), a quarter, and
/// what is wrong with it.
pub(super) struct Return<'a> {
    pub force: &'a Force,
    pub index: usize,
    pub quarter: &'a Quarter,
    pub variant: Variant,
}

/// Gives one return to `sink` and counts its rows into `summary`; returns its name. `last`
/// is the name and bytes of the return given before, which a duplicate copies, and
/// becomes this one's.
pub(super) fn write_return(
    sink: Sink<'_>,
    def: &Definition,
    world: &mut World,
    opts: &Options,
    ret: &Return<'_>,
    summary: &mut Summary,
    last: &mut (String, Vec<u8>),
) -> Result<String> {
    let (q, variant) = (ret.quarter, ret.variant);
    let base = format!("{}-{}", ret.force.code, q.to_string().replace(' ', "-"));
    let name = file_name(&base, variant);
    if variant == Variant::Duplicate {
        let original = format!("{base}.xlsx");
        if last.0 != original {
            anyhow::bail!("copying {original}: it was not generated just before its copy");
        }
        sink(&name, &last.1).with_context(|| format!("copying {original}"))?;
        return Ok(name);
    }
    let incidents_n = match variant {
        Variant::Nil => 0,
        _ if opts.sample => 3 + world.rng.below(10),
        _ => opts.incidents,
    };
    let mps = world.mps[ret.index].clone();
    let mut filled = Filled::default();
    let contacted;
    (filled.fields, contacted) =
        return_fields(def, world, ret, mps.len(), incidents_n, opts.late_share);
    let engagement = engagement_rows(def, world, q, &mps, contacted);
    summary.engagement += engagement.len();
    let context = Incidents::new(def, opts, ret, &mps, &name);
    let mut incidents = Vec::new();
    for n in 0..incidents_n {
        let (row, suspect) = context.row(world, n);
        summary.suspects += usize::from(suspect);
        incidents.push(row);
    }
    if variant == Variant::FirstSubmission {
        incidents.truncate(incidents.len().saturating_sub(2).max(1));
    }
    if variant == Variant::ContentErrors {
        spoil(def, &mut incidents, &mut filled);
    }
    summary.incidents += incidents.len();
    filled.tables = vec![
        (def.engagement().sheet.clone(), engagement),
        (def.incidents().sheet.clone(), incidents),
    ];
    let altered = altered_definition(variant, &mut filled)?;
    let mut bytes = build_filled(altered.as_ref().unwrap_or(def), &filled)?;
    if variant == Variant::Truncated {
        bytes.truncate(bytes.len() / 3);
    }
    sink(&name, &bytes)?;
    *last = (name.clone(), bytes);
    Ok(name)
}

/// The Return sheet's values, and how many MPs were contacted.
fn return_fields(
    def: &Definition,
    world: &mut World,
    ret: &Return<'_>,
    mps: usize,
    incidents: usize,
    late_share: f64,
) -> (Vec<(String, Value)>, usize) {
    let (force, q) = (ret.force, ret.quarter);
    // A late return is dated 1 to 30 days after the due date. The chance is only drawn
    // when asked for, so that data sets without late returns keep their bytes.
    let due = def.due_days;
    let late = late_share > 0.0 && world.rng.chance(late_share);
    let submitted = if late {
        Date::from_days(q.end().days() + due + 1 + world.rng.below(30) as i64)
    } else {
        Date::from_days(
            q.end().days()
                + 5
                + world.rng.below(15) as i64
                + if ret.variant == Variant::Resubmission {
                    7
                } else {
                    0
                },
        )
    };
    let officer = format!("{} {}", world.rng.pick(FORENAMES), world.rng.pick(SURNAMES));
    let email = format!(
        "{}@{}.police.example",
        ascii_lower(&officer.replace(' ', ".")).replace("..", "."),
        force.code
    );
    let contacted = world.rng.below(mps + 1);
    let k = &def.keys.fields;
    let fields = vec![
        field(def, k.force, text(&force.name)),
        field(def, k.quarter, text(q.to_string())),
        field(def, k.submitted_by, text(format!("DI {officer}"))),
        field(def, k.contact_email, text(email)),
        field(def, k.date_submitted, Value::Date(submitted)),
        field(def, k.mps_in_area, Value::from(mps)),
        field(def, k.mps_contacted, Value::from(contacted)),
        field(
            def,
            k.nil_return,
            text(if incidents == 0 { "Yes" } else { "No" }),
        ),
    ];
    (fields, contacted)
}

/// One Engagement row per MP; the first `contacted` were contacted this quarter.
fn engagement_rows(
    def: &Definition,
    world: &mut World,
    q: &Quarter,
    mps: &[Mp],
    contacted: usize,
) -> Vec<FilledRow> {
    let (table, k) = (def.engagement(), &def.keys.engagement);
    let mut rows = Vec::new();
    for (i, mp) in mps.iter().enumerate() {
        let mut row = vec![
            cell(table, k.mp_name, text(&mp.name)),
            cell(table, k.constituency, text(&mp.constituency)),
        ];
        if i < contacted {
            let d = Date::from_days(q.start().days() + world.rng.below(80) as i64);
            row.push(cell(table, k.last_contact, Value::Date(d)));
            row.push(cell(
                table,
                k.contact_by,
                text(if world.rng.chance(0.5) {
                    "Chief Constable"
                } else {
                    "ACC, protective security lead"
                }),
            ));
        }
        for col in [k.named_spoc, k.security_advice, k.ipsa_signposted] {
            row.push(cell(
                table,
                col,
                text(if world.rng.chance(0.85) { "Yes" } else { "No" }),
            ));
        }
        rows.push(row);
    }
    rows
}

/// What every incident row of one return draws on.
struct Incidents<'a> {
    def: &'a Definition,
    opts: &'a Options,
    ret: &'a Return<'a>,
    mps: &'a [Mp],
    /// The return's file name, for `truth.csv`.
    file: &'a str,
    /// The force's initials, for references (`KE/16/100001`).
    prefix: String,
    victims: Vec<String>,
    categories: Vec<String>,
    channels: Vec<String>,
    locations: Vec<String>,
    statuses: Vec<String>,
}

impl<'a> Incidents<'a> {
    fn new(
        def: &'a Definition,
        opts: &'a Options,
        ret: &'a Return<'a>,
        mps: &'a [Mp],
        file: &'a str,
    ) -> Incidents<'a> {
        let code = &ret.force.code;
        let prefix: String = code
            .split('-')
            .map(|w| w.chars().next().unwrap_or('X').to_ascii_uppercase())
            .collect::<String>();
        let prefix = if prefix.len() < 2 {
            code[..3.min(code.len())].to_uppercase()
        } else {
            prefix
        };
        let (table, k) = (def.incidents(), &def.keys.incidents);
        let list = |col: ColumnIndex| match table.at(col).kind {
            CellKind::List(list) => def.list(list).values.clone(),
            _ => Vec::new(),
        };
        Incidents {
            def,
            opts,
            ret,
            mps,
            file,
            prefix,
            victims: list(k.victim),
            categories: list(k.category),
            channels: list(k.channel),
            locations: list(k.location),
            statuses: list(k.status),
        }
    }

    /// The `n`th incident row, and whether it has an identified suspect. Writes its line
    /// of `truth.csv`.
    fn row(&self, world: &mut World, n: usize) -> (FilledRow, bool) {
        let q = self.ret.quarter;
        let rng = &mut world.rng;
        let reported = Date::from_days(
            q.start().days() + rng.below((q.end().days() - q.start().days() + 1) as usize) as i64,
        );
        let reference = format!(
            "{}/{:02}/{:06}",
            self.prefix,
            q.start_year % 100,
            (q.number as usize) * 100_000 + n + 1
        );
        // Most incidents concern the force's own MPs; some an MP from another force's area.
        let (mp_force, mp) = if rng.chance(0.05) {
            let other = rng.below(world.mps.len());
            (
                other,
                world.mps[other][rng.below(world.mps[other].len())].clone(),
            )
        } else {
            (self.ret.index, self.mps[rng.below(self.mps.len())].clone())
        };
        let (t, k) = (self.def.incidents(), &self.def.keys.incidents);
        let mut row: FilledRow = vec![
            cell(t, k.reference, text(&reference)),
            cell(t, k.date_reported, Value::Date(reported)),
            cell(t, k.mp_name, text(&mp.name)),
            cell(t, k.constituency, text(&mp.constituency)),
            cell(t, k.victim, text(rng.pick(&self.victims))),
            cell(t, k.category, text(rng.pick(&self.categories))),
            cell(t, k.channel, text(rng.pick(&self.channels))),
        ];
        if rng.chance(0.9) {
            row.push(cell(
                t,
                k.date_of_offence,
                Value::Date(Date::from_days(reported.days() - rng.below(20) as i64)),
            ));
        }
        if rng.chance(0.8) {
            row.push(cell(t, k.location, text(rng.pick(&self.locations))));
        }
        for (col, p) in [
            (k.recorded_as_crime, 0.9),
            (k.bridger_marker, 0.88),
            (k.sexual_violence, 0.06),
        ] {
            row.push(cell(t, col, text(if rng.chance(p) { "Yes" } else { "No" })));
        }
        let identified = rng.chance(0.55);
        row.push(cell(
            t,
            k.suspect_identified,
            text(if identified { "Yes" } else { "No" }),
        ));
        let person = if identified {
            self.suspect(world, reported, &mut row)
        } else {
            row.push(cell(t, k.status, text("No suspect identified")));
            String::new()
        };
        row.push(cell(t, k.summary, text(*world.rng.pick(SUMMARIES))));
        let _ = writeln!(
            world.truth,
            "{},Incidents,{},{reference},{person},{}:{}",
            self.file,
            n + 5,
            self.def.forces[mp_force].code,
            mp.name
        );
        (row, identified)
    }

    /// The suspect's columns of an incident with an identified suspect (someone already
    /// reported, or someone new); returns who they really are, for `truth.csv`.
    fn suspect(&self, world: &mut World, reported: Date, row: &mut FilledRow) -> String {
        let id = world.suspect(self.opts.repeat_share, reported);
        let r = world.record(id);
        let has_any = r.surname.is_some()
            || r.dob.is_some()
            || r.postcode.is_some()
            || r.identifier.is_some();
        debug_assert!(has_any);
        let (t, k) = (self.def.incidents(), &self.def.keys.incidents);
        if let Some(v) = r.surname {
            row.push(cell(t, k.suspect_surname, text(v)));
        }
        if let Some(v) = r.forename {
            row.push(cell(t, k.suspect_forenames, text(v)));
        }
        if let Some(v) = r.dob {
            row.push(cell(t, k.suspect_dob, Value::Date(v)));
        }
        if let Some(v) = r.postcode {
            row.push(cell(t, k.suspect_postcode, text(v)));
        }
        if let Some(v) = r.identifier {
            row.push(cell(t, k.suspect_identifier, text(v)));
        }
        let rng = &mut world.rng;
        let mh = *rng.pick(&["Yes", "No", "No", "Unknown", "No"]);
        row.push(cell(t, k.mental_health, text(mh)));
        row.push(cell(
            t,
            k.ftac_referred,
            text(if mh == "Yes" && rng.chance(0.6) {
                "Yes"
            } else {
                "No"
            }),
        ));
        let statuses = &self.statuses[..self.statuses.len() - 1];
        row.push(cell(t, k.status, text(rng.pick(statuses))));
        id.to_string()
    }
}
