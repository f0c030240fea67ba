//! The Annex C definition, loaded from `template/annex-c.toml` and `template/forces.csv`.
//!
//! This is the single source of truth: the generated template, the structural fingerprint,
//! the validator's rules and the national workbook's columns are all derived from what is
//! loaded here. No header text or list value may be written anywhere else in the code; code
//! refers to columns by their `key`. The two files are compiled into the binary, so
//! `bridger` behaves the same from any working directory.

use std::collections::HashMap;
use std::sync::OnceLock;

use anyhow::{bail, Context, Result};
use serde::Deserialize;

pub(crate) mod codes;
pub(crate) mod forces;

pub(crate) use forces::parse_forces;
pub use forces::{parse_expected, Force};

use crate::base::cellref;
use crate::base::dates::Quarter;

/// The definition's TOML, as committed under `template/`.
pub(crate) const DEFINITION_TOML: &str = include_str!("../../../../template/annex-c.toml");
/// The force list, as committed under `template/`.
pub(crate) const FORCES_CSV: &str = include_str!("../../../../template/forces.csv");

/// What a cell holds, and so how it is read and checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Free text, trimmed with white space folded.
    Text,
    /// A date: a real date, an Excel serial (with a warning) or ISO or UK day-first text.
    Date,
    /// One value of a named list, matched ignoring case.
    List,
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
    /// One-based row, as in the spec.
    pub row: u32,
    /// The text in column A.
    pub label: String,
    /// The fixed text in column B (template id, version), when the row has one.
    pub value: Option<String>,
}

/// An input cell of the `Return` sheet: label in column A, input in column B.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// One-based row, as in the spec.
    pub row: u32,
    /// Stable name the code uses for the field (`mps_in_area`).
    pub key: String,
    /// The label shown in column A and named in findings.
    pub label: String,
    /// How the input in column B is read.
    pub kind: Kind,
    /// The list whose values are allowed; set for list fields only.
    pub list: Option<String>,
    /// A blank input is an error.
    #[serde(default)]
    pub required: bool,
    /// Another field's key whose value this one may not exceed.
    pub at_most: Option<String>,
    /// A further sentence for the template's input prompt, for a rule the settings above
    /// do not say (the nil return's tie to the Incidents sheet).
    pub prompt: Option<String>,
}

/// A column of the `Engagement` or `Incidents` table.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Column {
    /// Stable name the code uses for the column (`date_reported`).
    pub key: String,
    /// The header text in the header row, named in findings.
    pub header: String,
    /// How the column's cells are read.
    pub kind: Kind,
    /// The list whose values are allowed; set for list columns only.
    pub list: Option<String>,
    /// A blank cell on a data row is an error.
    #[serde(default)]
    pub required: bool,
    /// No value may appear twice in the table, ignoring case (the force reference).
    #[serde(default)]
    pub unique: bool,
    /// Column width in the template, in characters.
    pub width: f64,
    /// The date must fall inside the reporting quarter.
    #[serde(default)]
    pub inside_quarter: bool,
    /// The date may not be after the reporting quarter's last day.
    #[serde(default)]
    pub not_after_quarter_end: bool,
    /// The date may not be after the date in this column (a key).
    pub not_after: Option<String>,
    /// Required when this column (a key) is filled.
    pub required_with: Option<String>,
    /// This list value is allowed but earns a warning, with `warn_message`.
    pub warn_if: Option<String>,
    /// The finding code of that warning; an unknown name fails the load.
    pub warn_code: Option<codes::Code>,
    /// Why that value is worth a look, added to the warning ("check it" when `None`).
    pub warn_message: Option<String>,
    /// A date of birth: the age at the date in this column (a key) must be plausible.
    pub age_at: Option<String>,
    /// Youngest plausible age in whole years, inclusive (0 when `None`).
    pub age_min: Option<i32>,
    /// Oldest plausible age in whole years, inclusive (150 when `None`).
    pub age_max: Option<i32>,
    /// A further sentence for the template's input prompt, for a rule the settings above
    /// do not say (the suspect and FTAC rules).
    pub prompt: Option<String>,
}

/// A data table: title, guidance, a header row and rows of input below it.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Table {
    /// The sheet the table is on, which also names the table (`Incidents`).
    pub sheet: String,
    /// The title the template writes in A1.
    pub title: String,
    /// The line of guidance the template writes in A2.
    pub guidance: String,
    /// One-based header row, as in the spec.
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

    /// The column with this key and its zero-based index.
    pub(crate) fn column(&self, key: &str) -> Option<(u32, &Column)> {
        self.columns
            .iter()
            .enumerate()
            .find(|(_, c)| c.key == key)
            .map(|(i, c)| (i as u32, c))
    }

    /// Zero-based index of the column with this key; panics on a key that the definition
    /// does not have, which `Definition::check` rules out for every key the code uses.
    pub(crate) fn index(&self, key: &str) -> usize {
        self.columns
            .iter()
            .position(|c| c.key == key)
            .unwrap_or_else(|| panic!("no column {key} in {}", self.sheet))
    }
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
    /// Days after a quarter's last day that its return is due (SPEC.md: 22); a return
    /// dated after that is late.
    pub due_days: i64,
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
    tables: Vec<Table>,
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
    fields: Vec<Field>,
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
    /// Parses and checks a definition and its force list.
    pub(crate) fn parse(toml_text: &str, forces_csv: &str) -> Result<Definition> {
        let raw: RawDefinition =
            toml::from_str(toml_text).context("reading template/annex-c.toml")?;
        let forces = parse_forces(forces_csv)?;
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
        let mut def = Definition {
            id: raw.id,
            version: raw.version,
            title: raw.title,
            sheets: raw.sheets,
            instructions_sheet: raw.instructions.sheet,
            instructions: raw.instructions.lines,
            return_sheet: raw.return_sheet.sheet,
            return_frame: raw.return_sheet.frame,
            fields: raw.return_sheet.fields,
            tables: raw.tables,
            lists,
            forces,
            due_days: raw.due_days,
            frame: Vec::new(),
        };
        if !(0..=366).contains(&def.due_days) {
            anyhow::bail!(
                "due_days = {} in template/annex-c.toml: give the days from a quarter's end to its due date, 0 to 366",
                def.due_days
            );
        }
        def.check()?;
        def.frame = def.build_frame();
        Ok(def)
    }

    /// Rejects a definition whose parts do not refer to each other correctly.
    fn check(&self) -> Result<()> {
        let sheet_known = |s: &str| self.sheets.iter().any(|n| n == s);
        for s in [
            self.instructions_sheet.as_str(),
            self.return_sheet.as_str(),
            "Lists",
        ]
        .into_iter()
        .chain(self.tables.iter().map(|t| t.sheet.as_str()))
        {
            if !sheet_known(s) {
                bail!("sheet '{s}' is used but not listed in `sheets`");
            }
        }
        let list_known = |l: &Option<String>, kind: Kind, what: &str| -> Result<()> {
            match (kind, l) {
                (Kind::List, Some(name)) if self.lists.iter().any(|x| &x.name == name) => Ok(()),
                (Kind::List, _) => bail!("{what}: a list column needs a known `list`"),
                (_, Some(_)) => bail!("{what}: only list columns take a `list`"),
                _ => Ok(()),
            }
        };
        for f in &self.fields {
            list_known(&f.list, f.kind, &f.key)?;
            if let Some(k) = &f.at_most {
                if !self.fields.iter().any(|g| &g.key == k) {
                    bail!("field {}: at_most names unknown field {k}", f.key);
                }
            }
        }
        for t in &self.tables {
            let mut seen = HashMap::new();
            for c in &t.columns {
                if seen.insert(c.key.as_str(), ()).is_some() {
                    bail!("{}: column key {} appears twice", t.sheet, c.key);
                }
                list_known(&c.list, c.kind, &c.key)?;
                if c.warn_if.is_some() != c.warn_code.is_some() {
                    bail!(
                        "{}: column {} needs warn_if with a known warn_code",
                        t.sheet,
                        c.key
                    );
                }
                for k in [&c.not_after, &c.required_with, &c.age_at]
                    .into_iter()
                    .flatten()
                {
                    if t.column(k).is_none() {
                        bail!("{}: column {} refers to unknown column {k}", t.sheet, c.key);
                    }
                }
            }
        }
        for key in [
            "force",
            "quarter",
            "nil_return",
            "date_submitted",
            "mps_in_area",
            "mps_contacted",
        ] {
            if self.field(key).is_none() {
                bail!("the Return sheet needs a field with key {key}");
            }
        }
        let incidents = self
            .table("Incidents")
            .context("the definition needs an Incidents table")?;
        for key in INCIDENT_KEYS_USED {
            if incidents.column(key).is_none() {
                bail!("the Incidents table needs a column with key {key}");
            }
        }
        let engagement = self
            .table("Engagement")
            .context("the definition needs an Engagement table")?;
        for key in ["mp_name", "constituency", "last_contact"] {
            if engagement.column(key).is_none() {
                bail!("the Engagement table needs a column with key {key}");
            }
        }
        Ok(())
    }

    fn build_frame(&self) -> Vec<FrameCell> {
        let mut cells = Vec::new();
        let idx = |name: &str| self.sheet_index(name).expect("checked");
        let s = idx(&self.instructions_sheet);
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
        let s = idx(&self.return_sheet);
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
            let s = idx(&t.sheet);
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
        let s = idx("Lists");
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
        cells
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

    /// The Incidents table (always present: loading checks it).
    pub(crate) fn incidents(&self) -> &Table {
        self.table("Incidents").expect("checked")
    }

    /// The Engagement table (always present: loading checks it).
    pub(crate) fn engagement(&self) -> &Table {
        self.table("Engagement").expect("checked")
    }

    /// The Return field with this key, if any.
    pub(crate) fn field(&self, key: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.key == key)
    }

    /// The list of this name (exact spelling), if any.
    pub(crate) fn list(&self, name: &str) -> Option<&List> {
        self.lists.iter().find(|l| l.name == name)
    }

    /// The `Lists` column letter of a list, for drop-down formulas.
    pub(crate) fn list_range(&self, name: &str) -> Option<String> {
        let (i, list) = self
            .lists
            .iter()
            .enumerate()
            .find(|(_, l)| l.name == name)?;
        let col = cellref::column_name(i as u32);
        Some(format!("=Lists!${col}$2:${col}${}", list.values.len() + 1))
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

/// The Incidents column keys that the code's cross-field rules and the national workbook
/// use; the definition must have every one.
pub(crate) const INCIDENT_KEYS_USED: [&str; 17] = [
    "reference",
    "date_reported",
    "date_of_offence",
    "mp_name",
    "constituency",
    "category",
    "channel",
    "recorded_as_crime",
    "bridger_marker",
    "sexual_violence",
    "suspect_identified",
    "suspect_surname",
    "suspect_forenames",
    "suspect_dob",
    "suspect_postcode",
    "suspect_identifier",
    "mental_health",
];

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
        assert_eq!(
            def.list("Quarters").unwrap().values.first().unwrap(),
            "2016-17 Q1"
        );
        assert_eq!(
            def.list("Quarters").unwrap().values.last().unwrap(),
            "2030-31 Q4"
        );
        assert_eq!(
            def.list("Forces").unwrap().values[0],
            "Avon and Somerset Constabulary"
        );
        assert_eq!(def.list_range("YesNo").unwrap(), "=Lists!$C$2:$C$3");
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
}
