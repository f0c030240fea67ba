//! The sample quarter's cast of problems (`bridger demo --sample`, `fixtures/returns/`):
//! who is missing, and who sends a nil return, a renamed header, an inserted column,
//! content errors, a resubmission, a truncated file or a byte-identical copy.
//!
//! Each problem is made the way a force would make it: by editing the filled-in return or
//! the template it is written from, never by writing a workbook by hand.

use anyhow::Result;

use crate::base::value::Value;
use crate::definition::{ColumnIndex, Definition, DEFINITION_TOML, FORCES_CSV};
use crate::output::template::{Filled, FilledRow};

use super::{cell, field, text};

/// A variation of a sample return.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Variant {
    Normal,
    Nil,
    RenamedHeader,
    InsertedColumn,
    ContentErrors,
    FirstSubmission,
    Resubmission,
    Truncated,
    Duplicate,
}

/// The sample quarter's cast: who is missing, and who sent what.
pub(super) fn sample_variants(code: &str) -> Vec<Variant> {
    match code {
        "cumbria" | "gwent" | "north-yorkshire" | "btp" => vec![],
        "dorset" => vec![Variant::Nil],
        "essex" => vec![Variant::RenamedHeader],
        "lancashire" => vec![Variant::InsertedColumn],
        "norfolk" => vec![Variant::ContentErrors],
        "surrey" => vec![Variant::FirstSubmission, Variant::Resubmission],
        "wiltshire" => vec![Variant::Truncated],
        "kent" => vec![Variant::Normal, Variant::Duplicate],
        _ => vec![Variant::Normal],
    }
}

/// The file name of a return, from `base` (`kent-2016-17-Q1`).
pub(super) fn file_name(base: &str, variant: Variant) -> String {
    match variant {
        Variant::Resubmission => format!("{base}-resubmitted.xlsx"),
        Variant::Duplicate => format!("{base} (copy).xlsx"),
        _ => format!("{base}.xlsx"),
    }
}

/// The definition a force's altered copy of the template follows (a renamed header, an
/// inserted column), with the filled rows changed to match; `None` for the real one.
pub(super) fn altered_definition(
    variant: Variant,
    filled: &mut Filled,
) -> Result<Option<Definition>> {
    Ok(match variant {
        Variant::RenamedHeader => Some(Definition::parse(
            &DEFINITION_TOML.replace("header = \"Channel\"", "header = \"Channel of contact\""),
            FORCES_CSV,
        )?),
        Variant::InsertedColumn => {
            let altered = Definition::parse(
                &DEFINITION_TOML.replace(
                    "  { key = \"mp_name\", header = \"MP name\", kind = \"text\", required = true, width = 24 },",
                    "  { key = \"officer\", header = \"Officer in case\", kind = \"text\", width = 18 },\n  { key = \"mp_name\", header = \"MP name\", kind = \"text\", required = true, width = 24 },",
                ),
                FORCES_CSV,
            )?;
            for (_, rows) in &mut filled.tables {
                for row in rows.iter_mut() {
                    row.push(("officer".into(), text("PC 1234 Example")));
                }
            }
            Some(altered)
        }
        _ => None,
    })
}

/// Puts a few typical mistakes into a return.
pub(super) fn spoil(def: &Definition, incidents: &mut [FilledRow], filled: &mut Filled) {
    let (t, k) = (def.incidents(), &def.keys.incidents);
    let set = |row: &mut FilledRow, col: ColumnIndex, value: Option<Value>| {
        row.retain(|(key, _)| *key != t.at(col).key);
        if let Some(v) = value {
            row.push(cell(t, col, v));
        }
    };
    if let Some(row) = incidents.get_mut(0) {
        set(row, k.category, Some(text("Assult")));
    }
    if let Some(row) = incidents.get_mut(1) {
        set(row, k.date_reported, Some(text("05/13/2016")));
    }
    if let Some(row) = incidents.get_mut(2) {
        set(row, k.victim, None);
    }
    let email = field(def, def.keys.fields.contact_email, text("duty office"));
    filled.fields.retain(|(key, _)| *key != email.0);
    filled.fields.push(email);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn altered_templates_differ_from_the_real_one_where_intended() {
        let def = crate::definition::annex_c();
        let mut filled = Filled {
            fields: Vec::new(),
            tables: vec![("Incidents".into(), vec![Vec::new()])],
        };
        let renamed = altered_definition(Variant::RenamedHeader, &mut filled)
            .unwrap()
            .unwrap();
        let channel = renamed.keys.incidents.channel;
        assert_eq!(renamed.incidents().at(channel).header, "Channel of contact");
        let inserted = altered_definition(Variant::InsertedColumn, &mut filled)
            .unwrap()
            .unwrap();
        assert_eq!(
            inserted.incidents().columns.len(),
            def.incidents().columns.len() + 1
        );
        assert_eq!(
            filled.tables[0].1[0],
            vec![("officer".into(), text("PC 1234 Example"))]
        );
        assert!(altered_definition(Variant::Normal, &mut filled)
            .unwrap()
            .is_none());
    }

    #[test]
    fn file_names_tell_the_submissions_apart() {
        assert_eq!(
            file_name("kent-2016-17-Q1", Variant::Normal),
            "kent-2016-17-Q1.xlsx"
        );
        assert_eq!(
            file_name("surrey-2016-17-Q1", Variant::Resubmission),
            "surrey-2016-17-Q1-resubmitted.xlsx"
        );
        assert_eq!(
            file_name("kent-2016-17-Q1", Variant::Duplicate),
            "kent-2016-17-Q1 (copy).xlsx"
        );
    }
}
