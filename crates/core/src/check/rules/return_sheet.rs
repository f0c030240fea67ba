//! The Return sheet's fields: each read by its kind from column B of its row (the force
//! through the force list and its aliases), then every rule's checks on it, and, once all
//! are read, every rule's checks on the sheet.
//!
//! It fills the return's fields and its force and quarter; the rules that weigh the
//! fields against the tables run once the whole return is read.

use crate::base::calendar::Quarter;
use crate::base::cellref::a1;
use crate::base::text::quote;
use crate::base::value::Value;
use crate::check::cells::{self as values, display, is_blank};
use crate::check::content::Content;
use crate::check::finding::{Code, Severity};
use crate::read::{BookSheet, Stored};

use super::{At, Ctx, RULES};

/// The Return sheet's input column (B).
const INPUT_COL: u32 = 1;

pub(super) fn check_return(ctx: &mut Ctx<'_>, sheet: &BookSheet, content: &mut Content) {
    let def = ctx.def;
    let keys = &def.keys.fields;
    for (i, field) in def.indexed_fields() {
        let row = field.row - 1;
        let at = At::field(&sheet.name, field);
        let value = sheet.get(row, INPUT_COL).filter(|v| !is_blank(Some(v)));
        let norm = match value {
            Some(v) if i == keys.force => read_force(ctx, &at, v, content),
            Some(_) => ctx.read(&at, field.kind, value).0,
            None => Value::Empty,
        };
        for rule in RULES {
            rule.check_field(ctx, &at, field, &norm);
        }
        if i == keys.quarter {
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
    for rule in RULES {
        rule.check_fields(ctx, content);
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
