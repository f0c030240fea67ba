//! A count that may not exceed another count of the Return sheet: the MPs contacted by a
//! senior leader cannot be more than the MPs with a constituency in the force area.
//!
//! Code `count-exceeds`, checked once every field is read. The template also refuses such a
//! count as it is typed once the other is filled (a data validation, in
//! `output::template::prompts`).

use crate::base::text::number_text;
use crate::base::value::Value;
use crate::check::content::Content;
use crate::check::finding::Code;
use crate::definition::{Definition, FieldIndex};

use super::{At, Ctx, Live, Prompt, Rule};

/// The rule; its setting is a field's `at_most`.
pub(super) struct AtMost;

impl Rule for AtMost {
    fn check_fields(&self, ctx: &mut Ctx<'_>, content: &Content) {
        let def = ctx.def;
        for (i, field) in def.indexed_fields() {
            let Some(top) = field.at_most else {
                continue;
            };
            let (Value::Number(n), Value::Number(limit)) = (content.field(i), content.field(top))
            else {
                continue;
            };
            if n > limit {
                ctx.error(
                    &At::field(&def.return_sheet, field),
                    Some(number_text(*n)),
                    Code::CountExceeds,
                    format!(
                        "{} is more than the {} given for '{}': it cannot exceed it",
                        number_text(*n),
                        number_text(*limit),
                        def.field(top).label
                    ),
                );
            }
        }
    }

    fn prompt_field(&self, def: &Definition, field: FieldIndex, p: &mut Prompt) {
        if let Some(top) = def.field(field).at_most {
            p.needed
                .push(format!("Not more than '{}'.", def.field(top).label));
        }
    }

    fn live_field(&self, def: &Definition, field: FieldIndex) -> Vec<Live> {
        let field = def.field(field);
        let Some(top) = field.at_most.map(|top| def.field(top)) else {
            return Vec::new();
        };
        let (x, top) = (format!("B{}", field.row), format!("$B${}", top.row));
        vec![Live::red_field(
            Code::CountExceeds,
            format!("AND(ISNUMBER({x}),ISNUMBER({top}),{x}>{top})"),
        )]
    }
}
