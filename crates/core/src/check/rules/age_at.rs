//! A date of birth whose age at another date of the row must be plausible: a suspect
//! between 10 and 110 on the date reported.
//!
//! Code `dob-implausible`. The definition gives the other column, the bounds and whose age
//! it is (`age_at = "date_reported", age_min = 10, age_max = 110, age_of = "a suspect"`);
//! the finding names the other column by its header.

use crate::check::finding::Code;
use crate::definition::{ColumnIndex, Definition, Table};

use super::formula::{first_cell, fixed_column};
use super::{Ctx, Live, Prompt, Rule, TableRow};

/// The rule; its settings are `age_at`, `age_min`, `age_max` and `age_of`.
pub(super) struct AgeAt;

/// A header as it reads inside a sentence: its first letter lower case ("the date
/// reported").
fn in_sentence(header: &str) -> String {
    let mut chars = header.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_lowercase().chain(chars).collect()
    })
}

impl Rule for AgeAt {
    fn check_cell(&self, ctx: &mut Ctx<'_>, r: &TableRow<'_>, col: ColumnIndex) {
        let Some(rule) = &r.column(col).age_at else {
            return;
        };
        let (Some(dob), Some(on)) = (r.get(col).date(), r.get(rule.column).date()) else {
            return;
        };
        let age = on.years_since(dob);
        if age < rule.min || age > rule.max {
            ctx.error(&r.at(col),
                Some(dob.uk()),
                Code::DobImplausible,
                format!(
                    "{} gives an age of {age} on the {}; {}'s age must be between {} and {}: check the date of birth",
                    dob.uk(),
                    in_sentence(&r.column(rule.column).header),
                    rule.of,
                    rule.min,
                    rule.max
                ),
            );
        }
    }

    fn prompt_column(&self, _def: &Definition, table: &Table, col: ColumnIndex, p: &mut Prompt) {
        if let Some(rule) = &table.at(col).age_at {
            p.needed.push(format!(
                "The age on '{}' must be {} to {}.",
                table.at(rule.column).header,
                rule.min,
                rule.max
            ));
        }
    }

    fn live_column(&self, _def: &Definition, table: &Table, col: ColumnIndex) -> Vec<Live> {
        let Some(rule) = &table.at(col).age_at else {
            return Vec::new();
        };
        let (x, on) = (first_cell(table, col), fixed_column(table, rule.column));
        let (lo, hi) = (rule.min, rule.max + 1);
        let formula = format!("IFERROR(AND(ISNUMBER({x}),ISNUMBER({on}),OR({x}>EDATE({on},-12*{lo}),{x}<=EDATE({on},-12*{hi}))),FALSE)");
        vec![Live::red(col, Code::DobImplausible, formula)]
    }
}
