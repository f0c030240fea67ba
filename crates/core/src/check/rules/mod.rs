//! The content rules of `docs/annex-c.md`, applied to every cell of a return whose
//! structure is the template's, one file per rule behind one trait, [`Rule`], as hyperfine
//! gives each export format one file behind its `Exporter`.
//!
//! A rule's file says everything about it: how a return is checked against it, the finding
//! codes it reports, the sentence it adds to the template's input prompts, and the live
//! formula that colours a cell as the return is typed, where a formula can say it. Each
//! hook has a default that does nothing, so a rule implements only the ones it needs; the
//! drivers (`return_sheet`, `table`, and [`check`] below; `output::template` for prompts
//! and live formulas) call every rule of [`RULES`] at each hook, in that list's order. A
//! rule driven by a column's setting (`not_after = "date_reported"`) reads the setting,
//! resolved when the definition loaded; a cross-field rule (the suspect's details) names
//! its columns through the definition's resolved keys, never by a string.
//!
//! Input positions come from the definition, never from the file. Alongside the findings,
//! this module produces the normalised rows that `collate` writes to the national workbook.
//! It never looks at a return whose structure is not the template's: its columns cannot be
//! trusted. Merged cells over inputs (`merges`) are a fact about the workbook, not a rule
//! of the definition, so they are checked beside the rules.

mod age_at;
mod at_most;
mod context;
mod date_submitted;
mod engagement_count;
mod formula;
mod ftac;
mod inside_quarter;
mod kinds;
mod merges;
mod nil_return;
mod not_after;
mod not_after_quarter_end;
mod required;
mod return_sheet;
mod suspect_details;
mod table;
mod unique;
mod warn_if;

use std::collections::HashMap;

use crate::base::calendar::Date;
use crate::base::value::Value;
use crate::check::content::Content;
use crate::check::finding::{Code, Findings};
use crate::definition::{ColumnIndex, Definition, Field, FieldIndex, Table};
use crate::read::{Book, BookSheet};

pub(crate) use context::{At, Ctx};
pub(crate) use kinds::kind_sentence;
pub(crate) use table::TableRow;

/// Every rule, in the order its hooks run: the order of the findings on one cell, of the
/// sentences of a prompt, and of the live formulas on a cell (which is their priority in
/// the template, so reordering this list changes the template's bytes).
pub(crate) const RULES: &[&dyn Rule] = &[
    &required::Required,
    &kinds::Kinds,
    &unique::Unique,
    &inside_quarter::InsideQuarter,
    &not_after_quarter_end::NotAfterQuarterEnd,
    &not_after::NotAfter,
    &age_at::AgeAt,
    &suspect_details::SuspectDetails,
    &ftac::Ftac,
    &warn_if::WarnIf,
    &at_most::AtMost,
    &nil_return::NilReturn,
    &engagement_count::EngagementCount,
    &date_submitted::DateSubmitted,
];

/// The sentences of an input prompt: those it must keep, and those it drops (last first)
/// when Excel's 255 characters run out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Prompt {
    /// Sentences every prompt of the cell keeps.
    pub needed: Vec<String>,
    /// Sentences left out, last first, when the prompt would be too long.
    pub optional: Vec<String>,
}

/// One live formula: the formula (for a table, as for the first data row, relative to it),
/// whether it marks an error (red) or a warning (amber), and the finding code `bridger
/// validate` reports on the cells it colours, so that the two say the same (README, "What the
/// template checks as you type").
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Live {
    /// The column, zero-based, the formula colours (column B on the Return sheet).
    pub col: u16,
    /// The formula, as for the first data row.
    pub formula: String,
    /// An error (red) rather than a warning (amber).
    pub error: bool,
    /// The code bridger reports where the formula is true.
    pub code: Code,
}

impl Live {
    /// A formula that turns the column's cells red: an error bridger would report.
    fn red(col: ColumnIndex, code: Code, formula: String) -> Live {
        Live {
            col: col.col() as u16,
            formula,
            error: true,
            code,
        }
    }

    /// A formula that turns the column's cells amber: a warning bridger would give.
    fn amber(col: ColumnIndex, code: Code, formula: String) -> Live {
        Live {
            error: false,
            ..Live::red(col, code, formula)
        }
    }

    /// A red formula on a Return input cell (column B).
    fn red_field(code: Code, formula: String) -> Live {
        Live {
            col: 1,
            formula,
            error: true,
            code,
        }
    }

    /// An amber formula on a Return input cell (column B).
    fn amber_field(code: Code, formula: String) -> Live {
        Live {
            error: false,
            ..Live::red_field(code, formula)
        }
    }
}

/// One rule of Annex C: how a return is checked against it, and how the template says it
/// (a sentence in an input prompt) and shows it (a live formula). Every hook does nothing
/// unless the rule implements it.
pub(crate) trait Rule: Sync {
    /// Checks a Return field just read; `value` is `Value::Empty` when the cell is blank.
    fn check_field(&self, _ctx: &mut Ctx<'_>, _at: &At<'_>, _field: &Field, _value: &Value) {}

    /// Checks the Return sheet once all its fields are read (`content.fields`).
    fn check_fields(&self, _ctx: &mut Ctx<'_>, _content: &Content) {}

    /// Checks one cell of a data row, once the row is read; called for every column, left
    /// to right, blank or not.
    fn check_cell(&self, _ctx: &mut Ctx<'_>, _row: &TableRow<'_>, _col: ColumnIndex) {}

    /// Checks a data row across its columns, after its cells.
    fn check_row(&self, _ctx: &mut Ctx<'_>, _row: &TableRow<'_>) {}

    /// Checks the return as a whole, once every sheet is read.
    fn check_return(&self, _ctx: &mut Ctx<'_>, _content: &Content) {}

    /// Adds its sentences to the input prompt of a table's column.
    fn prompt_column(&self, _def: &Definition, _table: &Table, _col: ColumnIndex, _p: &mut Prompt) {
    }

    /// Adds its sentences to the input prompt of a Return field.
    fn prompt_field(&self, _def: &Definition, _field: FieldIndex, _p: &mut Prompt) {}

    /// Its live formulas on one column of a table.
    fn live_column(&self, _def: &Definition, _table: &Table, _col: ColumnIndex) -> Vec<Live> {
        Vec::new()
    }

    /// Its live formulas across a table's row, added after every column's.
    fn live_table(&self, _def: &Definition, _table: &Table) -> Vec<Live> {
        Vec::new()
    }

    /// Its formulas on a Return field's input cell; the red formulas of several rules on
    /// one cell are joined with `OR`, the amber ones added after them.
    fn live_field(&self, _def: &Definition, _field: FieldIndex) -> Vec<Live> {
        Vec::new()
    }

    /// Its red formulas on Return input cells (zero-based row, formula) that concern the
    /// return as a whole, added after every field's.
    fn live_return(&self, _def: &Definition) -> Vec<(u32, Live)> {
        Vec::new()
    }
}

/// Checks the content of a return whose structure is the template's. `today` is the day a
/// `Date submitted` may not be after.
pub(crate) fn check(book: &Book, def: &Definition, today: Date) -> (Content, Findings) {
    let (yes, no) = def.yes_no();
    let mut ctx = Ctx {
        def,
        date1904: book.date1904,
        today,
        findings: Findings::default(),
        yes,
        no,
        quarter_read_as: None,
        quarter: None,
        seen: HashMap::new(),
    };
    let mut content = Content::default();
    let empty = empty_sheet(&def.return_sheet);
    let ret = book.sheet(&def.return_sheet).unwrap_or(&empty);
    return_sheet::check_return(&mut ctx, ret, &mut content);
    ctx.quarter = content
        .quarter
        .or(ctx.quarter_read_as.as_ref().map(|(q, _)| *q));
    for t in &def.tables {
        let empty = empty_sheet(&t.sheet);
        let sheet = book.sheet(&t.sheet).unwrap_or(&empty);
        let rows = table::check_table(&mut ctx, sheet, t);
        if def.is_incidents(t) {
            content.incidents = rows;
        } else {
            content.engagement = rows;
        }
    }
    for rule in RULES {
        rule.check_return(&mut ctx, &content);
    }
    for sheet in &book.sheets {
        if let Some(index) = def.sheet_index(&sheet.name) {
            merges::check_merges(&mut ctx, sheet, index);
        }
    }
    (content, ctx.findings)
}

/// A sheet with nothing on it, for a template sheet the workbook lacks.
fn empty_sheet(name: &str) -> BookSheet {
    BookSheet {
        name: name.to_string(),
        visible: true,
        cells: Vec::new(),
        merges: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::check::finding::{Code, Finding};
    use crate::definition::{DEFINITION_TOML, FORCES_CSV};
    use crate::read::{Cell, Format, Stored};

    /// The committed definition with one replacement, which must be in it.
    fn altered(from: &str, to: &str) -> Definition {
        let toml = DEFINITION_TOML.replace(from, to);
        assert_ne!(toml, DEFINITION_TOML, "{from} is not in the definition");
        Definition::parse(&toml, FORCES_CSV).unwrap()
    }

    /// The findings with this code on a book whose Incidents sheet has one row: an offence
    /// on 20/05/2016 reported on 10/05/2016, by a suspect born on 01/01/2010.
    fn findings_on_one_incident(def: &Definition, code: Code) -> Vec<Finding> {
        let (t, k) = (def.incidents(), &def.keys.incidents);
        let mut cells: Vec<Cell> = [
            (k.date_reported, "10/05/2016"),
            (k.date_of_offence, "20/05/2016"),
            (k.suspect_dob, "01/01/2010"),
        ]
        .into_iter()
        .map(|(col, text)| Cell {
            row: t.first_data_row(),
            col: col.col(),
            value: Stored::Text(Arc::from(text)),
        })
        .collect();
        cells.sort_by_key(|c| (c.row, c.col));
        let book = Book {
            format: Format::Xlsx,
            sheets: vec![BookSheet {
                name: t.sheet.clone(),
                visible: true,
                cells,
                merges: Vec::new(),
            }],
            has_macros: false,
            date1904: false,
        };
        let today = Date::new(2016, 8, 1).unwrap();
        let (_, findings) = check(&book, def, today);
        findings
            .list
            .into_iter()
            .filter(|f| f.code == code)
            .collect()
    }

    #[test]
    fn not_after_reports_the_code_the_definition_gives_each_use() {
        let def = crate::definition::annex_c();
        let found = findings_on_one_incident(def, Code::OffenceAfterReported);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].location(), "Incidents!C5");
        let message =
            "20/05/2016 is after the 'Date reported' 10/05/2016: correct one of the two dates";
        assert_eq!(found[0].message, message);
        // The same rule under another code: the rule's file names none of its own.
        let def = altered(
            "not_after_code = \"offence-after-reported\"",
            "not_after_code = \"date-after-quarter\"",
        );
        assert!(findings_on_one_incident(&def, Code::OffenceAfterReported).is_empty());
        let found = findings_on_one_incident(&def, Code::DateAfterQuarter);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            (found[0].location(), found[0].message.as_str()),
            ("Incidents!C5".to_string(), message)
        );
    }

    #[test]
    fn age_at_says_whose_age_as_the_definition_does() {
        let def = crate::definition::annex_c();
        let found = findings_on_one_incident(def, Code::DobImplausible);
        assert_eq!(
            found[0].message,
            "01/01/2010 gives an age of 6 on the date reported; a suspect's age must be between 10 and 110: check the date of birth"
        );
        let def = altered("age_of = \"a suspect\"", "age_of = \"a witness\"");
        let found = findings_on_one_incident(&def, Code::DobImplausible);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0]
                .message
                .contains("; a witness's age must be between 10 and 110"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn a_rule_without_its_code_or_subject_in_the_definition_does_not_load() {
        for (from, to, says) in [
            (
                ", not_after_code = \"offence-after-reported\"",
                "",
                "date_of_offence needs not_after with a known not_after_code",
            ),
            (
                ", age_of = \"a suspect\"",
                "",
                "suspect_dob needs age_at with age_of",
            ),
        ] {
            let toml = DEFINITION_TOML.replace(from, to);
            assert_ne!(toml, DEFINITION_TOML);
            let err = format!("{:#}", Definition::parse(&toml, FORCES_CSV).unwrap_err());
            assert!(err.contains(says), "{err}");
        }
    }
}
