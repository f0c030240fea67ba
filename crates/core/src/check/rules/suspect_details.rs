//! The rule of `docs/annex-c.md` on an Incidents row's suspect: a suspect identified needs
//! at least one detail to be linked by across forces (a surname, date of birth, postcode or
//! online identifier), and details given with no suspect identified are worth a look.
//!
//! Codes `suspect-details-missing` (an error) and `suspect-details-without-suspect` (a
//! warning), both on the Suspect identified cell. The columns are the definition's,
//! resolved when it loads; their headers and the YesNo list's words come from the
//! definition.

use crate::check::finding::Code;
use crate::definition::{ColumnIndex, Definition, IncidentColumns, Table};

use super::formula::{first_cell, fixed_column, is_value};
use super::{Ctx, Live, Prompt, Rule, TableRow};

/// The rule; it holds on the Incidents table, whose columns it names.
pub(super) struct SuspectDetails;

/// Any of these filled is a suspect's details.
fn details(k: &IncidentColumns) -> [ColumnIndex; 5] {
    [
        k.suspect_surname,
        k.suspect_forenames,
        k.suspect_dob,
        k.suspect_postcode,
        k.suspect_identifier,
    ]
}

/// At least one of these is needed to link a suspect across forces.
fn enough(k: &IncidentColumns) -> [ColumnIndex; 4] {
    [
        k.suspect_surname,
        k.suspect_dob,
        k.suspect_postcode,
        k.suspect_identifier,
    ]
}

/// The headers of `cols`, each quoted.
fn quoted(table: &Table, cols: &[ColumnIndex]) -> Vec<String> {
    cols.iter()
        .map(|c| format!("'{}'", table.at(*c).header))
        .collect()
}

impl Rule for SuspectDetails {
    fn check_row(&self, ctx: &mut Ctx<'_>, r: &TableRow<'_>) {
        if !ctx.def.is_incidents(r.table) {
            return;
        }
        let k = &ctx.def.keys.incidents;
        let (yes, no) = (ctx.yes, ctx.no);
        let at = r.at(k.suspect_identified);
        match r.get(k.suspect_identified).text().as_deref() {
            Some(v) if v == no => {
                let filled: Vec<ColumnIndex> = details(k)
                    .into_iter()
                    .filter(|c| !r.get(*c).is_empty())
                    .collect();
                if !filled.is_empty() {
                    let verb = if filled.len() == 1 { " is" } else { " are" };
                    ctx.warn(&at,
                        Some(no.to_string()),
                        Code::SuspectDetailsWithoutSuspect,
                        format!("{} is '{no}' but {} filled: set it to '{yes}', or clear the suspect's details", at.subject(), quoted(r.table, &filled).join(", ") + verb),
                    );
                }
            }
            Some(v) if v == yes && enough(k).iter().all(|c| r.get(*c).is_empty()) => {
                let names = quoted(r.table, &enough(k)).join(", ");
                ctx.error(&at,
                    Some(yes.to_string()),
                    Code::SuspectDetailsMissing,
                    format!("{} is '{yes}' but none of {names} is filled: give at least one, so the suspect can be linked across forces", at.subject()),
                );
            }
            _ => {}
        }
    }

    fn prompt_column(&self, def: &Definition, table: &Table, col: ColumnIndex, p: &mut Prompt) {
        if !def.is_incidents(table) {
            return;
        }
        let (k, (yes, no)) = (&def.keys.incidents, def.yes_no());
        if col == k.suspect_identified {
            p.needed.push(format!("{yes} needs a surname, date of birth, postcode or online identifier; {no} leaves the suspect's details blank."));
        } else if details(k).contains(&col) {
            let identified = &table.at(k.suspect_identified).header;
            p.needed.push(format!("Only when {identified} is {yes}."));
        }
    }

    fn live_table(&self, def: &Definition, table: &Table) -> Vec<Live> {
        if !def.is_incidents(table) {
            return Vec::new();
        }
        let (k, (yes, no)) = (&def.keys.incidents, def.yes_no());
        let cells = |cols: &[ColumnIndex]| -> String {
            let cells: Vec<String> = cols.iter().map(|c| fixed_column(table, *c)).collect();
            cells.join(",")
        };
        let (enough, details) = (cells(&enough(k)), cells(&details(k)));
        let m = first_cell(table, k.suspect_identified);
        vec![
            Live::red(
                k.suspect_identified,
                Code::SuspectDetailsMissing,
                format!("AND({},COUNTA({enough})=0)", is_value(&m, yes)),
            ),
            Live::amber(
                k.suspect_identified,
                Code::SuspectDetailsWithoutSuspect,
                format!("AND({},COUNTA({details})>0)", is_value(&m, no)),
            ),
        ]
    }
}
