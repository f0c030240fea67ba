//! A blank cell where a value is needed: a required column on a row that has any input, a
//! column required when another is filled (`required_with`: the contact's rank once a
//! date of last contact is given), a required Return field.
//!
//! Code `required`. Every prompt says whether its cell is required; the live formula turns
//! a blank required cell red once its row has any input.

use crate::base::cellref::{a1, column_name};
use crate::base::value::Value;
use crate::check::finding::Code;
use crate::definition::{CellKind, ColumnIndex, Definition, Field, FieldIndex, Table};

use super::formula::{first_cell, fixed_column};
use super::{At, Ctx, Live, Prompt, Rule, TableRow};

/// The rule; its settings are `required` and `required_with`.
pub(super) struct Required;

impl Rule for Required {
    fn check_field(&self, ctx: &mut Ctx<'_>, at: &At<'_>, field: &Field, value: &Value) {
        if field.required && value.is_empty() {
            let message = format!(
                "'{}' is required: fill in {}",
                field.label,
                a1(field.row - 1, 1)
            );
            ctx.error(at, None, Code::Required, message);
        }
    }

    fn check_cell(&self, ctx: &mut Ctx<'_>, r: &TableRow<'_>, col: ColumnIndex) {
        let column = r.column(col);
        if !r.get(col).is_empty() {
            return;
        }
        let needed = column.required || column.required_with.is_some_and(|k| !r.get(k).is_empty());
        if !needed {
            return;
        }
        let why = match column.required_with {
            Some(k) if !column.required => format!(" when '{}' is filled", r.column(k).header),
            _ => String::new(),
        };
        let how = if matches!(column.kind, CellKind::List(_)) {
            "choose a value from the drop-down"
        } else {
            "fill it in"
        };
        ctx.error(
            &r.at(col),
            None,
            Code::Required,
            format!("'{}' is required{why}: {how}", column.header),
        );
    }

    fn prompt_column(&self, _def: &Definition, table: &Table, col: ColumnIndex, p: &mut Prompt) {
        let column = table.at(col);
        p.needed
            .push(match (column.required, column.required_with) {
                (true, _) => "Required on every row.".into(),
                (false, Some(other)) => {
                    format!("Required when '{}' is filled.", table.at(other).header)
                }
                _ => "Optional.".into(),
            });
    }

    fn prompt_field(&self, def: &Definition, field: FieldIndex, p: &mut Prompt) {
        let required = def.field(field).required;
        p.needed
            .push(if required { "Required." } else { "Optional." }.into());
    }

    fn live_column(&self, _def: &Definition, table: &Table, col: ColumnIndex) -> Vec<Live> {
        let column = table.at(col);
        let x = first_cell(table, col);
        let blank = format!("LEN(TRIM({x}))=0");
        let mut out = Vec::new();
        if column.required {
            let row = table.first_data_row() + 1;
            let last = column_name(table.columns.len() as u32 - 1);
            out.push(format!("AND(COUNTA($A{row}:${last}{row})>0,{blank})"));
        }
        if let Some(other) = column.required_with {
            let other = fixed_column(table, other);
            out.push(format!("AND(LEN(TRIM({other}))>0,{blank})"));
        }
        out.into_iter()
            .map(|f| Live::red(col, Code::Required, f))
            .collect()
    }
}
