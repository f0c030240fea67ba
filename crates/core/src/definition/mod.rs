//! The Annex C definition, loaded from `template/annex-c.toml` and `template/forces.csv`.
//!
//! This is the single source of truth: the generated template, the structural fingerprint,
//! the validator's rules and the national workbook's columns are all derived from what is
//! loaded here. No header text or list value may be written anywhere else in the code; code
//! refers to the columns and fields it uses by typed indexes, resolved from their keys when
//! the definition loads (`keys`). The two files are compiled into the binary, so
//! `bridger` behaves the same from any working directory.

use std::sync::OnceLock;

use anyhow::{bail, Context, Result};
use serde::Deserialize;

pub(crate) mod codes;
mod columns;
pub(crate) mod forces;
mod keys;

pub(crate) use columns::{Column, Field};
pub(crate) use forces::parse_forces;
pub use forces::{parse_expected, Force};
pub(crate) use keys::{ColumnIndex, FieldIndex, ListIndex};
pub(crate) use keys::{IncidentColumns, Keys};

use crate::base::calendar::Quarter;
use crate::base::cellref;

/// The file the definition's TOML is committed as, named in every error it gives.
const TOML_FILE: &str = "template/annex-c.toml";
/// The hidden sheet of drop-down lists.
const LISTS_SHEET: &str = "Lists";

/// The definition's TOML, as committed under `template/`.
pub(crate) const DEFINITION_TOML: &str = include_str!("../../../../template/annex-c.toml");
/// The force list, as committed under `template/`.
pub(crate) const FORCES_CSV: &str = include_str!("../../../../template/forces.csv");

/// What a cell holds, and so how it is read and checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CellKind {
    /// Free text, trimmed with white space folded.
    Text,
    /// A date: a real date, an Excel serial (with a warning) or ISO or UK day-first text.
    Date,
    /// One value of this list, matched ignoring case.
    List(ListIndex),
    /// An email address, checked for its shape only.
    Email,
    /// A whole number of zero or more.
    Count,
    /// A UK postcode, full or outward part only, stored upper case.
    Postcode,
}

/// A label (and maybe a fixed value) on the `Return` sheet.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrameRow {
    /// One-based row, as in `docs/annex-c.md`.
    pub row: u32,
    /// The text in column A.
    pub label: String,
    /// The fixed text in column B (template id, version), when the row has one.
    pub value: Option<String>,
}

/// A data table: title, guidance, a header row and rows of input below it.
#[derive(Clone, Debug)]
pub struct Table {
    /// The sheet the table is on, which also names the table (`Incidents`).
    pub sheet: String,
    /// The title the template writes in A1.
    pub title: String,
    /// The line of guidance the template writes in A2.
    pub guidance: String,
    /// One-based header row, as in `docs/annex-c.md`.
    pub header_row: u32,
    /// The columns in sheet order, the first in column A.
    pub columns: Vec<Column>,
}

impl Table {
    /// Zero-based index of the header row.
    pub(crate) fn header_index(&self) -> u32 {
        self.header_row - 1
    }

    /// Zero-based index of the first data row.
    pub(crate) fn first_data_row(&self) -> u32 {
        self.header_row
    }

    /// The column at this index.
    pub(crate) fn at(&self, col: ColumnIndex) -> &Column {
        &self.columns[col.index()]
    }

    /// Every column with its index, in sheet order.
    pub(crate) fn indexed(&self) -> impl Iterator<Item = (ColumnIndex, &Column)> {
        self.columns
            .iter()
            .enumerate()
            .map(|(i, c)| (ColumnIndex::at(i), c))
    }
}

/// A table as the toml writes it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTable {
    sheet: String,
    title: String,
    guidance: String,
    header_row: u32,
    columns: Vec<columns::RawColumn>,
}

/// A named list of allowed values, one column of the hidden `Lists` sheet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct List {
    /// The list's name, written in row 1 of its column and named by a `list` setting.
    pub name: String,
    /// The allowed values in drop-down order, in the spelling the national workbook stores.
    pub values: Vec<String>,
}

/// A cell the template writes: anything here that a return changes is a modification.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct FrameCell {
    /// Index into `Definition::sheets`.
    pub sheet: usize,
    /// Zero-based row.
    pub row: u32,
    /// Zero-based column.
    pub col: u32,
    /// The text the template writes there.
    pub value: String,
}

/// The whole Annex C definition.
#[derive(Debug)]
pub struct Definition {
    /// The template's id (`NCTPOC-ANNEX-C`), written on the Return sheet to recognise it.
    pub id: String,
    /// The template version (`1.0`); a return on another version is refused as such.
    pub version: String,
    /// The template's title, set as the workbook's document title.
    pub title: String,
    /// Every sheet name, in workbook order; `FrameCell::sheet` indexes it.
    pub sheets: Vec<String>,
    /// The name of the sheet of instructions.
    pub instructions_sheet: String,
    /// The instruction lines, one per row from row 1; a blank line leaves a blank row.
    pub instructions: Vec<String>,
    /// The name of the Return sheet.
    pub return_sheet: String,
    /// The Return sheet's fixed rows: title, template id and version.
    pub return_frame: Vec<FrameRow>,
    /// The Return sheet's input cells, in definition order (the order of `Content::fields`).
    pub fields: Vec<Field>,
    /// The data tables (Engagement, Incidents), in definition order.
    pub tables: Vec<Table>,
    /// The drop-down lists, in the order of their columns on the `Lists` sheet.
    pub lists: Vec<List>,
    /// Every force in `forces.csv`, in file order.
    pub forces: Vec<Force>,
    /// Days after a quarter's last day that its return is due (`docs/annex-c.md`: 22); a
    /// return dated after that is late.
    pub due_days: i64,
    /// Every table, column, field and list the code uses, resolved.
    pub(crate) keys: Keys,
    frame: Vec<FrameCell>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDefinition {
    id: String,
    version: String,
    title: String,
    due_days: i64,
    sheets: Vec<String>,
    instructions: RawInstructions,
    #[serde(rename = "return")]
    return_sheet: RawReturn,
    tables: Vec<RawTable>,
    lists: Vec<RawList>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawInstructions {
    sheet: String,
    lines: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReturn {
    sheet: String,
    frame: Vec<FrameRow>,
    fields: Vec<columns::RawField>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawList {
    name: String,
    #[serde(default)]
    values: Vec<String>,
    #[serde(default)]
    from_forces_csv: bool,
    quarters: Option<RawQuarters>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuarters {
    first: String,
    last: String,
}

/// The definition compiled into this binary, loaded once.
pub fn annex_c() -> &'static Definition {
    static DEF: OnceLock<Definition> = OnceLock::new();
    DEF.get_or_init(|| {
        Definition::parse(DEFINITION_TOML, FORCES_CSV)
            .expect("the committed template definition is valid (tested)")
    })
}

fn first_year(text: &str) -> Result<i32> {
    Quarter::parse(&format!("{text} Q1"))
        .map(|q| q.start_year)
        .with_context(|| format!("'{text}' is not a financial year like 2016-17"))
}

impl Definition {
    /// Parses and checks a definition and its force list. An error names what is wrong
    /// and the file (`template/annex-c.toml`).
    pub(crate) fn parse(toml_text: &str, forces_csv: &str) -> Result<Definition> {
        let raw: RawDefinition = toml::from_str(toml_text).context(TOML_FILE)?;
        let forces = parse_forces(forces_csv)?;
        Definition::from_raw(raw, forces).context(TOML_FILE)
    }

    /// The definition from its parsed parts, every name resolved and every reference
    /// checked.
    fn from_raw(raw: RawDefinition, forces: Vec<Force>) -> Result<Definition> {
        let lists = raw
            .lists
            .into_iter()
            .map(|l| {
                let values = if l.from_forces_csv {
                    forces.iter().map(|f| f.name.clone()).collect()
                } else if let Some(q) = &l.quarters {
                    Quarter::range(first_year(&q.first)?, first_year(&q.last)?)
                        .iter()
                        .map(Quarter::to_string)
                        .collect()
                } else {
                    l.values
                };
                Ok(List {
                    name: l.name,
                    values,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        if !(0..=366).contains(&raw.due_days) {
            bail!(
                "due_days = {}: give the days from a quarter's end to its due date, 0 to 366",
                raw.due_days
            );
        }
        let fields = columns::resolve_fields(raw.return_sheet.fields, &lists)?;
        let tables = raw
            .tables
            .into_iter()
            .map(|t| {
                Ok(Table {
                    columns: columns::resolve_columns(&t.sheet, t.columns, &lists)?,
                    sheet: t.sheet,
                    title: t.title,
                    guidance: t.guidance,
                    header_row: t.header_row,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let keys = Keys::resolve(&tables, &fields, &lists)?;
        let mut def = Definition {
            id: raw.id,
            version: raw.version,
            title: raw.title,
            sheets: raw.sheets,
            instructions_sheet: raw.instructions.sheet,
            instructions: raw.instructions.lines,
            return_sheet: raw.return_sheet.sheet,
            return_frame: raw.return_sheet.frame,
            fields,
            tables,
            lists,
            forces,
            due_days: raw.due_days,
            keys,
            frame: Vec::new(),
        };
        def.frame = def.build_frame()?;
        Ok(def)
    }

    /// The position of a sheet the definition uses, which `sheets` must list.
    fn used_sheet(&self, name: &str) -> Result<usize> {
        self.sheet_index(name)
            .with_context(|| format!("sheet '{name}' is used but not listed in `sheets`"))
    }

    /// Every cell the template writes; fails on a sheet `sheets` does not list.
    fn build_frame(&self) -> Result<Vec<FrameCell>> {
        let mut cells = Vec::new();
        let s = self.used_sheet(&self.instructions_sheet)?;
        for (row, line) in self.instructions.iter().enumerate() {
            if !line.trim().is_empty() {
                cells.push(FrameCell {
                    sheet: s,
                    row: row as u32,
                    col: 0,
                    value: line.clone(),
                });
            }
        }
        let s = self.used_sheet(&self.return_sheet)?;
        for f in &self.return_frame {
            cells.push(FrameCell {
                sheet: s,
                row: f.row - 1,
                col: 0,
                value: f.label.clone(),
            });
            if let Some(v) = &f.value {
                cells.push(FrameCell {
                    sheet: s,
                    row: f.row - 1,
                    col: 1,
                    value: v.clone(),
                });
            }
        }
        for f in &self.fields {
            cells.push(FrameCell {
                sheet: s,
                row: f.row - 1,
                col: 0,
                value: f.label.clone(),
            });
        }
        for t in &self.tables {
            let s = self.used_sheet(&t.sheet)?;
            cells.push(FrameCell {
                sheet: s,
                row: 0,
                col: 0,
                value: t.title.clone(),
            });
            cells.push(FrameCell {
                sheet: s,
                row: 1,
                col: 0,
                value: t.guidance.clone(),
            });
            for (c, col) in t.columns.iter().enumerate() {
                cells.push(FrameCell {
                    sheet: s,
                    row: t.header_index(),
                    col: c as u32,
                    value: col.header.clone(),
                });
            }
        }
        let s = self.used_sheet(LISTS_SHEET)?;
        for (c, list) in self.lists.iter().enumerate() {
            cells.push(FrameCell {
                sheet: s,
                row: 0,
                col: c as u32,
                value: list.name.clone(),
            });
            for (r, v) in list.values.iter().enumerate() {
                cells.push(FrameCell {
                    sheet: s,
                    row: r as u32 + 1,
                    col: c as u32,
                    value: v.clone(),
                });
            }
        }
        cells.sort_by_key(|c| (c.sheet, c.row, c.col));
        Ok(cells)
    }

    /// Every cell the template writes, by sheet, row and column.
    pub(crate) fn frame(&self) -> &[FrameCell] {
        &self.frame
    }

    /// The position of a sheet in workbook order, if the template has a sheet of that name.
    pub(crate) fn sheet_index(&self, name: &str) -> Option<usize> {
        self.sheets.iter().position(|s| s == name)
    }

    /// The table on the sheet of this name, if any.
    pub(crate) fn table(&self, sheet: &str) -> Option<&Table> {
        self.tables.iter().find(|t| t.sheet == sheet)
    }

    /// The Incidents table.
    pub(crate) fn incidents(&self) -> &Table {
        &self.tables[self.keys.incidents_table]
    }

    /// The Engagement table.
    pub(crate) fn engagement(&self) -> &Table {
        &self.tables[self.keys.engagement_table]
    }

    /// Whether `table` is the Incidents table.
    pub(crate) fn is_incidents(&self, table: &Table) -> bool {
        std::ptr::eq(table, self.incidents())
    }

    /// The Return field at this index.
    pub(crate) fn field(&self, field: FieldIndex) -> &Field {
        &self.fields[field.index()]
    }

    /// Every Return field with its index, in definition order.
    pub(crate) fn indexed_fields(&self) -> impl Iterator<Item = (FieldIndex, &Field)> {
        self.fields
            .iter()
            .enumerate()
            .map(|(i, f)| (FieldIndex::at(i), f))
    }

    /// The list at this index.
    pub(crate) fn list(&self, list: ListIndex) -> &List {
        &self.lists[list.index()]
    }

    /// The YesNo list's "yes" and "no", in the definition's spelling.
    pub(crate) fn yes_no(&self) -> (&str, &str) {
        let values = &self.list(self.keys.yes_no).values;
        (&values[0], &values[1])
    }

    /// The range of a list's values on the `Lists` sheet, for drop-down formulas.
    pub(crate) fn list_range(&self, list: ListIndex) -> String {
        let col = cellref::column_name(list.index() as u32);
        let len = self.list(list).values.len();
        format!("={LISTS_SHEET}!${col}$2:${col}${}", len + 1)
    }

    /// Whether a zero-based cell lies inside an input region, where force users type.
    pub(crate) fn is_input(&self, sheet: usize, row: u32, col: u32) -> bool {
        let name = &self.sheets[sheet];
        if *name == self.return_sheet {
            return col == 1 && self.fields.iter().any(|f| f.row - 1 == row);
        }
        if let Some(t) = self.table(name) {
            return row >= t.first_data_row() && (col as usize) < t.columns.len();
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn committed_definition_loads() {
        let def = annex_c();
        assert_eq!(
            def.sheets,
            ["Instructions", "Return", "Engagement", "Incidents", "Lists"]
        );
        assert_eq!(def.incidents().columns.len(), 23);
        assert_eq!(def.engagement().columns.len(), 8);
        assert_eq!(def.forces.len(), 46);
        let named = |name: &str| def.list(ListIndex::of(&def.lists, name).unwrap());
        assert_eq!(named("Quarters").values.first().unwrap(), "2016-17 Q1");
        assert_eq!(named("Quarters").values.last().unwrap(), "2030-31 Q4");
        assert_eq!(named("Forces").values[0], "Avon and Somerset Constabulary");
        assert_eq!(def.list_range(def.keys.yes_no), "=Lists!$C$2:$C$3");
        assert_eq!(def.yes_no(), ("Yes", "No"));
        assert_eq!(def.force("the met").map(|f| f.code.as_str()), None);
        assert_eq!(
            def.force(" met ").map(|f| f.code.as_str()),
            Some("metropolitan")
        );
        assert!(def.is_input(3, 4, 22));
        assert!(!def.is_input(3, 4, 23));
        assert!(!def.is_input(3, 3, 0));
        assert!(def.is_input(1, 4, 1));
        assert!(!def.is_input(1, 2, 1));
    }

    #[test]
    fn broken_definitions_are_refused() {
        let bad = DEFINITION_TOML.replace("list = \"Victim\"", "list = \"Victims\"");
        assert!(Definition::parse(&bad, FORCES_CSV).is_err());
        let bad = DEFINITION_TOML.replace("not_after = \"date_reported\"", "not_after = \"nope\"");
        assert!(Definition::parse(&bad, FORCES_CSV).is_err());
        assert!(parse_forces("code,name\nx,y").is_err());
    }

    /// The error a definition with this replacement gives when it loads.
    fn refusal(from: &str, to: &str) -> String {
        let bad = DEFINITION_TOML.replace(from, to);
        assert_ne!(bad, DEFINITION_TOML, "{from} is not in the definition");
        format!("{:#}", Definition::parse(&bad, FORCES_CSV).unwrap_err())
    }

    #[test]
    fn a_definition_without_a_column_the_code_uses_is_refused_at_load_by_name() {
        // Loading used to accept it, and validating a return then panicked.
        let err = refusal("key = \"ftac_referred\"", "key = \"ftac\"");
        assert_eq!(
            err,
            "template/annex-c.toml: the Incidents table has no column with key ftac_referred, \
             which the code uses: restore it"
        );
        let err = refusal("key = \"named_spoc\"", "key = \"spoc\"");
        assert!(
            err.contains("Engagement table has no column with key named_spoc"),
            "{err}"
        );
        let err = refusal("key = \"nil_return\"", "key = \"nil\"");
        assert!(
            err.contains("Return sheet has no field with key nil_return"),
            "{err}"
        );
        let err = refusal("name = \"YesNo\"", "name = \"YN\"");
        assert!(err.contains("list YesNo"), "{err}");
    }

    #[test]
    fn a_setting_naming_an_unknown_column_or_field_is_refused_at_load_by_name() {
        let err = refusal("at_most = \"mps_in_area\"", "at_most = \"mps\"");
        assert!(
            err.contains("field mps_contacted: at_most names unknown field mps"),
            "{err}"
        );
        let err = refusal("age_at = \"date_reported\"", "age_at = \"reported\"");
        assert!(
            err.contains("suspect_dob refers to unknown column reported"),
            "{err}"
        );
    }
}
