//! The Return sheet's fields: each read by its kind from column B of its row, the force
//! read through the force list and its aliases, and a count that may not exceed another
//! (MPs contacted, MPs in the force area).
//!
//! It fills the return's fields and its force and quarter; the rules that weigh the
//! fields against the tables are in `whole_return`.

use crate::base::cellref::a1;
use crate::base::dates::Quarter;
use crate::base::text::{number_text, quote};
use crate::base::value::Value;
use crate::check::cells::{self as values, display, is_blank};
use crate::check::content::Content;
use crate::check::finding::{Code, Severity};
use crate::read::{Sheet, Stored};

use super::{At, Ctx};

/// The Return sheet's input column (B).
const INPUT_COL: u32 = 1;

pub(super) fn check_return(ctx: &mut Ctx<'_>, sheet: &Sheet, content: &mut Content) {
    let def = ctx.def;
    let keys = &def.keys.fields;
    for (i, field) in def.fields.iter().enumerate() {
        let row = field.row - 1;
        let at = At::new(&sheet.name, row, INPUT_COL, &field.label);
        let value = sheet.get(row, INPUT_COL);
        let mut norm = Value::Empty;
        if !is_blank(value) {
            let v = value.expect("not blank");
            if i == keys.force.index() {
                norm = read_force(ctx, &at, v, content);
            } else {
                norm = ctx.read(&at, field.kind, value).0;
            }
        } else if field.required {
            ctx.error(
                &at,
                None,
                Code::Required,
                format!(
                    "'{}' is required: fill in {}",
                    field.label,
                    a1(row, INPUT_COL)
                ),
            );
        }
        if i == keys.quarter.index() {
            if let Value::Text(t) = &norm {
                content.quarter = Quarter::parse(t);
                if content.quarter.is_none() {
                    ctx.quarter_read_as = values::loose_quarter(t)
                        .map(|q| (q, format!("{}!{}", sheet.name, a1(row, INPUT_COL))));
                }
            }
        }
        content.fields.push(norm);
    }
    check_at_most(ctx, sheet, content);
}

/// A count may not exceed the count it is bounded by (`at_most` in the definition).
fn check_at_most(ctx: &mut Ctx<'_>, sheet: &Sheet, content: &Content) {
    let def = ctx.def;
    for (i, field) in def.fields.iter().enumerate() {
        let Some(limit_field) = field.at_most else {
            continue;
        };
        let (Some(Value::Number(n)), Value::Number(limit)) =
            (content.fields.get(i), content.field(limit_field))
        else {
            continue;
        };
        if n > limit {
            let limit_label = &def.field(limit_field).label;
            ctx.error(
                &At::new(&sheet.name, field.row - 1, INPUT_COL, &field.label),
                Some(number_text(*n)),
                Code::CountExceeds,
                format!(
                    "{} is more than the {} given for '{limit_label}': it cannot exceed it",
                    number_text(*n),
                    number_text(*limit)
                ),
            );
        }
    }
}

/// The force, by its list name or an alias (with a warning); sets `content.force`.
fn read_force(ctx: &mut Ctx<'_>, at: &At<'_>, v: &Stored, content: &mut Content) -> Value {
    let def = ctx.def;
    if !ctx.readable(at, v) {
        return Value::Text(display(v));
    }
    let text = values::read_text(v);
    match def.force(&text) {
        Some(force) => {
            if !force.name.eq_ignore_ascii_case(&text) {
                ctx.warn(
                    at,
                    Some(text.clone()),
                    Code::ForceAlias,
                    format!(
                        "{} was read as '{}': choose the force's name from the drop-down",
                        quote(&text),
                        force.name
                    ),
                );
            }
            content.force = Some(force.clone());
            Value::Text(force.name.clone())
        }
        None => {
            let p = values::not_a_force(&text, def.list(def.keys.forces), def);
            ctx.problem(at, Some(v), p, Severity::Error);
            Value::Text(text)
        }
    }
}
