//! A list value that is allowed but worth a look, with the letter's reason: an incident
//! not recorded as a crime (item 9), or without the Operation Bridger marker (item 4).
//!
//! The definition gives, for each use, the value, the finding code and the reason
//! (`warn_if = "No", warn_code = "not-recorded-as-crime", warn_message = "item 9 …"`). The
//! live formulas are warnings, added after every column's errors.

use crate::base::value::Value;
use crate::definition::{ColumnIndex, Definition, Table};

use super::formula::{first_cell, is_value};
use super::{Ctx, Live, Prompt, Rule, TableRow};

/// The rule; its settings are `warn_if`, `warn_code` and `warn_message`.
pub(super) struct WarnIf;

impl Rule for WarnIf {
    fn check_cell(&self, ctx: &mut Ctx<'_>, r: &TableRow<'_>, col: ColumnIndex) {
        let (Some(warn), Value::Text(t)) = (&r.column(col).warn_if, r.get(col)) else {
            return;
        };
        if *t != warn.value {
            return;
        }
        let header = &r.column(col).header;
        let message = match warn.message.as_deref() {
            Some(why) => format!("'{header}' is '{}' ({why})", warn.value),
            None => format!("'{header}' is '{}': check it", warn.value),
        };
        ctx.warn(&r.at(col), Some(t.clone()), warn.code, message);
    }

    fn prompt_column(&self, _def: &Definition, table: &Table, col: ColumnIndex, p: &mut Prompt) {
        if let Some(warn) = &table.at(col).warn_if {
            p.needed
                .push(format!("'{}' is accepted with a warning.", warn.value));
            if let Some(why) = &warn.message {
                p.optional.push(format!("({why}.)"));
            }
        }
    }

    fn live_table(&self, _def: &Definition, table: &Table) -> Vec<Live> {
        table
            .indexed()
            .filter_map(|(col, column)| {
                let warn = column.warn_if.as_ref()?;
                let x = first_cell(table, col);
                Some(Live::amber(col, warn.code, is_value(&x, &warn.value)))
            })
            .collect()
    }
}
