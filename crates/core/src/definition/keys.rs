//! The columns, fields and lists the code uses, resolved once, when the definition loads,
//! into typed indexes.
//!
//! The rules, the national workbook, the linkage and the demo name a column by a field of
//! [`IncidentColumns`] or [`EngagementColumns`] (`keys.incidents.ftac_referred`), never by
//! a key spelt as a string; each key is written once, in the declarations below. A
//! definition that lacks one is refused at load, naming the key, so nothing can fail
//! later. An index can only be made here or by the definition's loading, so one in hand
//! is always in range for the definition it came from.

use anyhow::{bail, Context, Result};

use super::{CellKind, Field, List, Table};

/// A column of a data table, by its zero-based position in the table (and on the sheet).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ColumnIndex(u32);

impl ColumnIndex {
    /// The `i`th column (zero-based), for the definition's loading.
    pub(super) const fn at(i: usize) -> ColumnIndex {
        ColumnIndex(i as u32)
    }

    /// The column of `table` with this key, if any.
    pub(super) fn of(table: &Table, key: &str) -> Option<ColumnIndex> {
        table
            .columns
            .iter()
            .position(|c| c.key == key)
            .map(|i| ColumnIndex(i as u32))
    }

    /// The index into `Table::columns` and into a row's values.
    pub(crate) const fn index(self) -> usize {
        self.0 as usize
    }

    /// The zero-based column on the sheet.
    pub(crate) const fn col(self) -> u32 {
        self.0
    }
}

/// A field of the Return sheet, by its position in `Definition::fields` (and in
/// `Content::fields`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FieldIndex(usize);

impl FieldIndex {
    /// The `i`th field, for the definition's loading.
    pub(super) const fn at(i: usize) -> FieldIndex {
        FieldIndex(i)
    }

    /// The field with this key, if any.
    pub(super) fn of(fields: &[Field], key: &str) -> Option<FieldIndex> {
        fields.iter().position(|f| f.key == key).map(FieldIndex)
    }

    /// The index into `Definition::fields` and `Content::fields`.
    pub(crate) const fn index(self) -> usize {
        self.0
    }
}

/// A drop-down list, by its position in `Definition::lists` (its column of the `Lists`
/// sheet).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ListIndex(usize);

impl ListIndex {
    /// The list of this name (exact spelling), if any.
    pub(super) fn of(lists: &[List], name: &str) -> Option<ListIndex> {
        lists.iter().position(|l| l.name == name).map(ListIndex)
    }

    /// The index into `Definition::lists`.
    pub(crate) const fn index(self) -> usize {
        self.0
    }
}

/// Declares a struct of typed indexes, one per key the code uses, and the function that
/// resolves every one (or names the first missing).
macro_rules! keys {
    ($(#[$doc:meta])* $name:ident: $index:ident, $what:literal, $thing:literal { $($key:ident,)* }) => {
        $(#[$doc])*
        #[derive(Clone, Debug)]
        pub(crate) struct $name {
            $(pub $key: $index,)*
        }

        impl $name {
            fn resolve(find: impl Fn(&str) -> Option<$index>) -> Result<$name> {
                Ok($name {
                    $($key: find(stringify!($key)).with_context(|| {
                        format!(
                            "{} has no {} with key {}, which the code uses: restore it",
                            $what,
                            $thing,
                            stringify!($key)
                        )
                    })?,)*
                })
            }
        }
    };
}

keys! {
    /// The Incidents columns the rules, the national workbook, the linkage and the demo use.
    IncidentColumns: ColumnIndex, "the Incidents table", "column" {
        reference,
        date_reported,
        date_of_offence,
        mp_name,
        constituency,
        victim,
        category,
        channel,
        location,
        recorded_as_crime,
        bridger_marker,
        sexual_violence,
        suspect_identified,
        suspect_surname,
        suspect_forenames,
        suspect_dob,
        suspect_postcode,
        suspect_identifier,
        mental_health,
        ftac_referred,
        status,
        summary,
    }
}

keys! {
    /// The Engagement columns the demo fills.
    EngagementColumns: ColumnIndex, "the Engagement table", "column" {
        mp_name,
        constituency,
        last_contact,
        contact_by,
        named_spoc,
        security_advice,
        ipsa_signposted,
    }
}

keys! {
    /// The Return fields the rules, collation, the national workbook and the demo use.
    ReturnFields: FieldIndex, "the Return sheet", "field" {
        force,
        quarter,
        submitted_by,
        contact_email,
        date_submitted,
        mps_in_area,
        mps_contacted,
        nil_return,
    }
}

/// Every table, column, field and list the code names, resolved.
#[derive(Clone, Debug)]
pub(crate) struct Keys {
    /// The Incidents table's index in `Definition::tables`.
    pub incidents_table: usize,
    /// The Engagement table's index in `Definition::tables`.
    pub engagement_table: usize,
    /// The Incidents columns the code uses.
    pub incidents: IncidentColumns,
    /// The Engagement columns the code uses.
    pub engagement: EngagementColumns,
    /// The Return fields the code uses.
    pub fields: ReturnFields,
    /// The YesNo list: its first value is "yes", its second "no".
    pub yes_no: ListIndex,
    /// The list of the `force` field, which names every force.
    pub forces: ListIndex,
}

/// The sheet names of the two tables the code tells apart.
const INCIDENTS: &str = "Incidents";
const ENGAGEMENT: &str = "Engagement";
/// The list whose first two values are the definition's "yes" and "no".
const YES_NO: &str = "YesNo";

impl Keys {
    /// Resolves every key the code uses in these parts of a definition, or says which one
    /// is missing.
    pub(super) fn resolve(tables: &[Table], fields: &[Field], lists: &[List]) -> Result<Keys> {
        let table = |sheet: &str| {
            tables
                .iter()
                .position(|t| t.sheet == sheet)
                .with_context(|| format!("the definition needs a table on a sheet named {sheet}"))
        };
        let (incidents_table, engagement_table) = (table(INCIDENTS)?, table(ENGAGEMENT)?);
        let yes_no = ListIndex::of(lists, YES_NO)
            .filter(|l| lists[l.index()].values.len() >= 2)
            .with_context(|| {
                format!("the definition needs a list {YES_NO} with two values, yes then no")
            })?;
        let return_fields = ReturnFields::resolve(|k| FieldIndex::of(fields, k))?;
        let CellKind::List(forces) = fields[return_fields.force.index()].kind else {
            bail!("the Return sheet's field force needs the list of forces");
        };
        Ok(Keys {
            incidents: IncidentColumns::resolve(|k| ColumnIndex::of(&tables[incidents_table], k))?,
            engagement: EngagementColumns::resolve(|k| {
                ColumnIndex::of(&tables[engagement_table], k)
            })?,
            fields: return_fields,
            incidents_table,
            engagement_table,
            yes_no,
            forces,
        })
    }
}
