//! A date that may not be after another date of the same row: an offence cannot have
//! happened after it was reported.
//!
//! The definition gives, for each use, the other column and the finding code to report
//! (`not_after = "date_reported", not_after_code = "offence-after-reported"`), so the same
//! rule can hold another pair of dates under its own code.

use crate::definition::{ColumnIndex, Definition, Table};

use super::formula::{first_cell, fixed_column};
use super::{Ctx, Live, Prompt, Rule, TableRow};

/// The rule; its settings are `not_after` and `not_after_code`.
pub(super) struct NotAfter;

impl Rule for NotAfter {
    fn check_cell(&self, ctx: &mut Ctx<'_>, r: &TableRow<'_>, col: ColumnIndex) {
        let Some(rule) = r.column(col).not_after else {
            return;
        };
        let (Some(date), Some(limit)) = (r.get(col).date(), r.get(rule.column).date()) else {
            return;
        };
        if date > limit {
            ctx.error(
                &r.at(col),
                Some(date.uk()),
                rule.code,
                format!(
                    "{} is after the '{}' {}: correct one of the two dates",
                    date.uk(),
                    r.column(rule.column).header,
                    limit.uk()
                ),
            );
        }
    }

    fn prompt_column(&self, _def: &Definition, table: &Table, col: ColumnIndex, p: &mut Prompt) {
        if let Some(rule) = table.at(col).not_after {
            p.needed
                .push(format!("Not after '{}'.", table.at(rule.column).header));
        }
    }

    fn live_column(&self, _def: &Definition, table: &Table, col: ColumnIndex) -> Vec<Live> {
        let Some(rule) = table.at(col).not_after else {
            return Vec::new();
        };
        let (x, other) = (first_cell(table, col), fixed_column(table, rule.column));
        let formula = format!("AND(ISNUMBER({x}),ISNUMBER({other}),{x}>{other})");
        vec![Live::red(col, rule.code, formula)]
    }
}
