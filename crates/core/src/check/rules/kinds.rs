//! What a cell's kind refuses: a value not in its list, a count that is not a whole number
//! of zero or more, an email without `@` (and a date that is not one, a postcode of the
//! wrong shape, which no formula says well).
//!
//! The check is made as each cell is read, by its kind (`Ctx::read`, with the readers of
//! `check::cells`), because reading also gives the value its normal form (`Y` read as
//! `Yes`): codes `not-in-list`, `yes-no-abbreviated`, `not-a-date`, `date-us-format`,
//! `date-serial`, `not-a-count`, `not-an-email`, `not-a-postcode`. This file says the
//! kind in the template: the sentence that opens every input prompt, and the live formula.

use crate::base::calendar::UK_FORMAT as DATE_FORMAT;
use crate::definition::{CellKind, ColumnIndex, Definition, FieldIndex, Table};

use super::formula::first_cell;
use super::{Live, Rule};

/// What a cell of this kind holds, in a sentence: the first of its input prompt.
pub(crate) fn kind_sentence(def: &Definition, kind: CellKind) -> String {
    match kind {
        CellKind::Text => "Free text.".into(),
        CellKind::Date => format!("A date, typed as {DATE_FORMAT}."),
        CellKind::List(list) => format!(
            "Choose from the drop-down (the {} list).",
            def.list(list).name
        ),
        CellKind::Email => "An email address (name@domain).".into(),
        CellKind::Count => "A whole number, 0 or more.".into(),
        CellKind::Postcode => "A UK postcode: full (SW1A 1AA) or the outward part (SW1A).".into(),
    }
}

/// The red formula on cell `x` of this kind, where a formula can say it.
fn formula(def: &Definition, kind: CellKind, x: &str) -> Option<String> {
    match kind {
        CellKind::List(list) => {
            let range = def.list_range(list);
            let range = range.trim_start_matches('=');
            Some(format!("AND(LEN(TRIM({x}))>0,COUNTIF({range},{x})=0)"))
        }
        CellKind::Count => Some(format!(
            "AND(LEN({x})>0,IF(ISNUMBER({x}),OR({x}<0,{x}<>INT({x})),TRUE))"
        )),
        CellKind::Email => Some(format!("AND(LEN({x})>0,ISERROR(FIND(\"@\",{x})))")),
        CellKind::Text | CellKind::Date | CellKind::Postcode => None,
    }
}

/// The rule; its setting is the `kind` (and a list kind's `list`).
pub(super) struct Kinds;

impl Rule for Kinds {
    fn live_column(&self, def: &Definition, table: &Table, col: ColumnIndex) -> Vec<Live> {
        let x = first_cell(table, col);
        formula(def, table.at(col).kind, &x)
            .map(|f| Live::red(col, f))
            .into_iter()
            .collect()
    }

    fn live_field(&self, def: &Definition, field: FieldIndex) -> Option<String> {
        let field = def.field(field);
        formula(def, field.kind, &format!("B{}", field.row))
    }
}
