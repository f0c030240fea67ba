//! SPEC.md's cross-field rules on an Incidents row's suspect columns and its FTAC referral:
//! details given with no suspect identified, a suspect identified with nothing to link
//! them by, and a referral to FTAC with no mental health concerns.
//!
//! The columns are the definition's, resolved when it loads; their headers (and the YesNo
//! list's words) come from the definition, never from here.

use crate::check::finding::Code;
use crate::definition::{ColumnIndex, IncidentColumns};

use super::table::TableRow;
use super::Ctx;

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

/// The suspect and FTAC rules on one Incidents row.
pub(super) fn check_suspect(ctx: &mut Ctx<'_>, r: &TableRow<'_>) {
    let table = r.table;
    let keys = &ctx.def.keys.incidents;
    let (yes, no) = (ctx.yes.to_string(), ctx.no.to_string());
    let identified = r.at(keys.suspect_identified.col());
    let header = |k: ColumnIndex| table.at(k).header.clone();
    match r.get(keys.suspect_identified).text().as_deref() {
        Some(v) if v == no => {
            let filled: Vec<String> = details(keys)
                .into_iter()
                .filter(|k| !r.get(*k).is_empty())
                .map(|k| format!("'{}'", header(k)))
                .collect();
            if !filled.is_empty() {
                ctx.warn(&identified,
                    Some(no.clone()),
                    Code::SuspectDetailsWithoutSuspect,
                    format!("is '{no}' but {} filled: set it to '{yes}', or clear the suspect's details", filled.join(", ") + if filled.len() == 1 { " is" } else { " are" }),
                );
            }
        }
        Some(v) if v == yes && enough(keys).iter().all(|k| r.get(*k).is_empty()) => {
            let names: Vec<String> = enough(keys)
                .into_iter()
                .map(|k| format!("'{}'", header(k)))
                .collect();
            ctx.error(&identified,
                Some(yes.clone()),
                Code::SuspectDetailsMissing,
                format!("is '{yes}' but none of {} is filled: give at least one, so the suspect can be linked across forces", names.join(", ")),
            );
        }
        _ => {}
    }
    if r.get(keys.ftac_referred).text().as_deref() == Some(yes.as_str())
        && r.get(keys.mental_health).text().as_deref() != Some(yes.as_str())
    {
        ctx.warn(
            &r.at(keys.ftac_referred.col()),
            Some(yes.clone()),
            Code::FtacWithoutConcerns,
            format!(
                "is '{yes}' but '{}' is not '{yes}': check both (item 9 of the letter)",
                header(keys.mental_health)
            ),
        );
    }
}
