//! The Return sheet's fields and the tables' columns: as `template/annex-c.toml` writes
//! them (keys naming other columns, lists by name), and as the code sees them, every such
//! name resolved to its index when the definition loads.
//!
//! So a setting that names a column, field or list that does not exist fails the load,
//! saying which, and no rule ever looks a name up (or can find it missing) while checking
//! a return.

use anyhow::{bail, Context, Result};
use serde::Deserialize;

use super::codes::Code;
use super::keys::{ColumnIndex, FieldIndex, ListIndex};
use super::{CellKind, List};

/// What a cell holds, as the toml names it; a list kind's list is given beside it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(super) enum RawKind {
    Text,
    Date,
    List,
    Email,
    Count,
    Postcode,
}

/// An input cell of the `Return` sheet: label in column A, input in column B.
#[derive(Clone, Debug)]
pub struct Field {
    /// One-based row, as in `docs/annex-c.md`.
    pub row: u32,
    /// Stable name the definition gives the field (`mps_in_area`).
    pub key: String,
    /// The label shown in column A and named in findings.
    pub label: String,
    /// How the input in column B is read (a list field with its list).
    pub kind: CellKind,
    /// A blank input is an error.
    pub required: bool,
    /// Another field whose value this one may not exceed.
    pub at_most: Option<FieldIndex>,
}

/// A list value that is allowed but earns a warning.
#[derive(Clone, Debug)]
pub struct WarnIf {
    /// The value (`No`).
    pub value: String,
    /// The finding code of the warning.
    pub code: Code,
    /// Why that value is worth a look, added to the warning ("check it" when `None`).
    pub message: Option<String>,
}

/// A date that may not be after another date of the row.
#[derive(Clone, Copy, Debug)]
pub struct NotAfter {
    /// The column of the other date.
    pub column: ColumnIndex,
    /// The finding code when it is after (`offence-after-reported`).
    pub code: Code,
}

/// A date of birth: the age it gives at another date of the row must be plausible.
#[derive(Clone, Debug)]
pub struct AgeAt {
    /// The column of the date the age is taken at.
    pub column: ColumnIndex,
    /// Youngest plausible age in whole years, inclusive.
    pub min: i32,
    /// Oldest plausible age in whole years, inclusive.
    pub max: i32,
    /// Whose age it is, as a finding says it ("a suspect").
    pub of: String,
}

/// A column of the `Engagement` or `Incidents` table.
#[derive(Clone, Debug)]
pub struct Column {
    /// Stable name the definition gives the column (`date_reported`).
    pub key: String,
    /// The header text in the header row, named in findings.
    pub header: String,
    /// How the column's cells are read (a list column with its list).
    pub kind: CellKind,
    /// A blank cell on a data row is an error.
    pub required: bool,
    /// No value may appear twice in the table, ignoring case (the force reference).
    pub unique: bool,
    /// Column width in the template, in characters.
    pub width: f64,
    /// The date must fall inside the reporting quarter.
    pub inside_quarter: bool,
    /// The date may not be after the reporting quarter's last day.
    pub not_after_quarter_end: bool,
    /// The date may not be after another date of the row.
    pub not_after: Option<NotAfter>,
    /// Required when this column is filled.
    pub required_with: Option<ColumnIndex>,
    /// A list value that is allowed but earns a warning.
    pub warn_if: Option<WarnIf>,
    /// A date of birth, and the date its age is taken at.
    pub age_at: Option<AgeAt>,
}

/// A Return field as the toml writes it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawField {
    row: u32,
    key: String,
    label: String,
    kind: RawKind,
    list: Option<String>,
    #[serde(default)]
    required: bool,
    at_most: Option<String>,
}

/// A column as the toml writes it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawColumn {
    key: String,
    header: String,
    kind: RawKind,
    list: Option<String>,
    #[serde(default)]
    required: bool,
    #[serde(default)]
    unique: bool,
    width: f64,
    #[serde(default)]
    inside_quarter: bool,
    #[serde(default)]
    not_after_quarter_end: bool,
    not_after: Option<String>,
    /// An unknown code name fails the load.
    not_after_code: Option<Code>,
    required_with: Option<String>,
    warn_if: Option<String>,
    /// An unknown code name fails the load.
    warn_code: Option<Code>,
    warn_message: Option<String>,
    age_at: Option<String>,
    age_min: Option<i32>,
    age_max: Option<i32>,
    age_of: Option<String>,
}

/// The kind, a list kind with its list: a known list, given to list kinds only.
fn kind_of(lists: &[List], kind: RawKind, list: Option<&str>, what: &str) -> Result<CellKind> {
    Ok(match (kind, list) {
        (RawKind::List, Some(name)) => {
            CellKind::List(ListIndex::of(lists, name).with_context(|| {
                format!("{what}: list {name} is not one of the definition's lists")
            })?)
        }
        (RawKind::List, None) => bail!("{what}: a list column needs a `list`"),
        (_, Some(_)) => bail!("{what}: only list columns take a `list`"),
        (RawKind::Text, None) => CellKind::Text,
        (RawKind::Date, None) => CellKind::Date,
        (RawKind::Email, None) => CellKind::Email,
        (RawKind::Count, None) => CellKind::Count,
        (RawKind::Postcode, None) => CellKind::Postcode,
    })
}

/// The Return fields, every name in their settings resolved.
pub(super) fn resolve_fields(raw: Vec<RawField>, lists: &[List]) -> Result<Vec<Field>> {
    let position = |k: &str| raw.iter().position(|g| g.key == k).map(FieldIndex::at);
    let at_most: Vec<Option<FieldIndex>> = raw
        .iter()
        .map(|f| {
            f.at_most
                .as_deref()
                .map(|k| {
                    position(k).with_context(|| {
                        format!("field {}: at_most names unknown field {k}", f.key)
                    })
                })
                .transpose()
        })
        .collect::<Result<_>>()?;
    raw.into_iter()
        .zip(at_most)
        .map(|(f, at_most)| {
            let what = format!("field {}", f.key);
            Ok(Field {
                kind: kind_of(lists, f.kind, f.list.as_deref(), &what)?,
                row: f.row,
                key: f.key,
                label: f.label,
                required: f.required,
                at_most,
            })
        })
        .collect()
}

/// A table's columns, every name in their settings resolved against each other.
pub(super) fn resolve_columns(
    sheet: &str,
    raw: Vec<RawColumn>,
    lists: &[List],
) -> Result<Vec<Column>> {
    for (i, c) in raw.iter().enumerate() {
        if raw[..i].iter().any(|d| d.key == c.key) {
            bail!("{sheet}: column key {} appears twice", c.key);
        }
    }
    let column = |what: &str, key: &Option<String>| -> Result<Option<ColumnIndex>> {
        key.as_deref()
            .map(|k| {
                raw.iter()
                    .position(|c| c.key == k)
                    .map(ColumnIndex::at)
                    .with_context(|| format!("{what} refers to unknown column {k}"))
            })
            .transpose()
    };
    raw.iter()
        .map(|c| {
            let what = format!("{sheet}: column {}", c.key);
            let warn_if = match (&c.warn_if, c.warn_code) {
                (Some(value), Some(code)) => Some(WarnIf {
                    value: value.clone(),
                    code,
                    message: c.warn_message.clone(),
                }),
                (None, None) => None,
                _ => bail!("{what} needs warn_if with a known warn_code"),
            };
            let not_after = match (column(&what, &c.not_after)?, c.not_after_code) {
                (Some(at), Some(code)) => Some(NotAfter { column: at, code }),
                (None, None) => None,
                _ => bail!("{what} needs not_after with a known not_after_code"),
            };
            let age_at = match (column(&what, &c.age_at)?, &c.age_of) {
                (Some(at), Some(of)) => Some(AgeAt {
                    column: at,
                    min: c.age_min.unwrap_or(0),
                    max: c.age_max.unwrap_or(150),
                    of: of.clone(),
                }),
                (None, None) => None,
                _ => bail!("{what} needs age_at with age_of, whose age it is (\"a suspect\")"),
            };
            Ok(Column {
                key: c.key.clone(),
                header: c.header.clone(),
                kind: kind_of(lists, c.kind, c.list.as_deref(), &what)?,
                required: c.required,
                unique: c.unique,
                width: c.width,
                inside_quarter: c.inside_quarter,
                not_after_quarter_end: c.not_after_quarter_end,
                not_after,
                required_with: column(&what, &c.required_with)?,
                warn_if,
                age_at,
            })
        })
        .collect()
}
