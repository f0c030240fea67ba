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
use crate::definition::codes::Code;
use crate::definition::{CellKind, ColumnIndex, Definition, FieldIndex, Table};

use super::formula::{first_cell, short_for};
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

/// The formulas on cell `x` of this kind, where a formula can say it: red with its code,
/// then amber for `Y`/`N` where the list has `Yes`/`No` (read so, with a warning).
fn formulas(def: &Definition, kind: CellKind, x: &str) -> Vec<(bool, Code, String)> {
    match kind {
        CellKind::List(list) => {
            let range = def.list_range(list);
            let range = range.trim_start_matches('=');
            // The letters bridger reads as this list's values, compared as bridger does.
            let shorts: Vec<String> = def
                .list(list)
                .values
                .iter()
                .filter_map(|v| short_for(v.as_str().to_uppercase().as_str()))
                .map(|s| format!("UPPER(TRIM({x}))=\"{s}\""))
                .collect();
            let listed = format!("COUNTIF({range},TRIM({x}))=0");
            let mut out = Vec::new();
            if shorts.is_empty() {
                out.push((
                    true,
                    Code::NotInList,
                    format!("AND(LEN(TRIM({x}))>0,{listed})"),
                ));
            } else {
                let short = format!("OR({})", shorts.join(","));
                out.push((
                    true,
                    Code::NotInList,
                    format!("AND(LEN(TRIM({x}))>0,{listed},NOT({short}))"),
                ));
                out.push((false, Code::YesNoAbbreviated, short));
            }
            out
        }
        CellKind::Count => vec![(
            true,
            Code::NotACount,
            format!("AND(LEN({x})>0,IF(ISNUMBER({x}),OR({x}<0,{x}<>INT({x})),TRUE))"),
        )],
        CellKind::Email => vec![(
            true,
            Code::NotAnEmail,
            format!("AND(LEN({x})>0,ISERROR(FIND(\"@\",{x})))"),
        )],
        CellKind::Text | CellKind::Date | CellKind::Postcode => Vec::new(),
    }
}

/// The rule; its setting is the `kind` (and a list kind's `list`).
pub(super) struct Kinds;

impl Rule for Kinds {
    fn live_column(&self, def: &Definition, table: &Table, col: ColumnIndex) -> Vec<Live> {
        let x = first_cell(table, col);
        formulas(def, table.at(col).kind, &x)
            .into_iter()
            .map(|(error, code, f)| match error {
                true => Live::red(col, code, f),
                false => Live::amber(col, code, f),
            })
            .collect()
    }

    fn live_field(&self, def: &Definition, field: FieldIndex) -> Vec<Live> {
        let field = def.field(field);
        formulas(def, field.kind, &format!("B{}", field.row))
            .into_iter()
            .map(|(error, code, f)| match error {
                true => Live::red_field(code, f),
                false => Live::amber_field(code, f),
            })
            .collect()
    }
}
