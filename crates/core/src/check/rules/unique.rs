//! A value that must not appear twice in its table, ignoring case: the force reference, so
//! that every crime or incident is one row.
//!
//! Code `duplicate-reference`, on every row after the first that has the value, naming
//! that first row. The template refuses a second one as it is typed (a data validation,
//! in `output::template::prompts`) and turns the later rows red, as bridger reports them.

use crate::base::text::quote;
use crate::check::cells::display;
use crate::check::finding::Code;
use crate::definition::{ColumnIndex, Definition, Table};

use super::formula::{first_cell, letter};
use super::{Ctx, Live, Prompt, Rule, TableRow};

/// The rule; its setting is `unique`.
pub(super) struct Unique;

impl Rule for Unique {
    fn check_cell(&self, ctx: &mut Ctx<'_>, r: &TableRow<'_>, col: ColumnIndex) {
        let value = r.get(col);
        if !r.column(col).unique || value.is_empty() {
            return;
        }
        let key = (
            col.col(),
            value.text().map(|t| t.to_uppercase()).unwrap_or_default(),
        );
        match ctx.seen.get(&key).copied() {
            Some(first) => ctx.error(
                &r.at(col),
                r.raw(col).map(display),
                Code::DuplicateReference,
                format!(
                    "{} is also on row {}: each row needs its own reference; merge or correct the duplicates",
                    quote(&value.text().unwrap_or_default()),
                    first + 1
                ),
            ),
            None => {
                ctx.seen.insert(key, r.row);
            }
        }
    }

    fn prompt_column(&self, _def: &Definition, table: &Table, col: ColumnIndex, p: &mut Prompt) {
        if table.at(col).unique {
            p.needed.push("No two rows may have the same one.".into());
        }
    }

    fn live_column(&self, _def: &Definition, table: &Table, col: ColumnIndex) -> Vec<Live> {
        if !table.at(col).unique {
            return Vec::new();
        }
        // The rows from the first to this one, so that only a later row is coloured, as
        // bridger reports only the later one; compared trimmed and ignoring case, as
        // bridger compares them (SUMPRODUCT, because COUNTIF neither trims nor folds).
        let (x, l) = (first_cell(table, col), letter(col));
        let above = format!("${l}${}:{x}", table.first_data_row() + 1);
        let formula = format!(
            "AND(LEN(TRIM({x}))>0,SUMPRODUCT(--(UPPER(TRIM({above}))=UPPER(TRIM({x}))))>1)"
        );
        vec![Live::red(col, Code::DuplicateReference, formula)]
    }
}
