//! SPEC.md's cross-field rules on an Incidents row's suspect columns and its FTAC referral:
//! details given with no suspect identified, a suspect identified with nothing to link
//! them by, and a referral to FTAC with no mental health concerns.
//!
//! The columns are named by key; their headers (and the YesNo list's words) come from the
//! definition, never from here.

use crate::check::finding::Code;

use super::table::TableRow;
use super::Ctx;

/// Any of these filled is a suspect's details.
const DETAILS: [&str; 5] = [
    "suspect_surname",
    "suspect_forenames",
    "suspect_dob",
    "suspect_postcode",
    "suspect_identifier",
];

/// At least one of these is needed to link a suspect across forces.
const ENOUGH: [&str; 4] = [
    "suspect_surname",
    "suspect_dob",
    "suspect_postcode",
    "suspect_identifier",
];

/// The suspect and FTAC rules on one Incidents row.
pub(super) fn check_suspect(ctx: &mut Ctx<'_>, r: &TableRow<'_>) {
    let table = r.table;
    let (yes, no) = (ctx.yes.to_string(), ctx.no.to_string());
    let identified = r.at(table.index("suspect_identified") as u32);
    let header = |k: &str| table.column(k).expect("checked").1.header.clone();
    match r.get("suspect_identified").text().as_deref() {
        Some(v) if v == no => {
            let filled: Vec<String> = DETAILS
                .iter()
                .filter(|k| !r.get(k).is_empty())
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
        Some(v) if v == yes && ENOUGH.iter().all(|k| r.get(k).is_empty()) => {
            let names: Vec<String> = ENOUGH.iter().map(|k| format!("'{}'", header(k))).collect();
            ctx.error(&identified,
                Some(yes.clone()),
                Code::SuspectDetailsMissing,
                format!("is '{yes}' but none of {} is filled: give at least one, so the suspect can be linked across forces", names.join(", ")),
            );
        }
        _ => {}
    }
    if r.get("ftac_referred").text().as_deref() == Some(yes.as_str())
        && r.get("mental_health").text().as_deref() != Some(yes.as_str())
    {
        ctx.warn(
            &r.at(table.index("ftac_referred") as u32),
            Some(yes.clone()),
            Code::FtacWithoutConcerns,
            format!(
                "is '{yes}' but '{}' is not '{yes}': check both (item 9 of the letter)",
                header("mental_health")
            ),
        );
    }
}
