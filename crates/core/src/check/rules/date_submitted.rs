//! The date a return was submitted: not after the day of the run (an error, so that a
//! mistyped 31/12/9999 cannot supersede the real return), and not before the quarter it
//! reports on ended (a warning).
//!
//! Codes `date-in-future` and `submitted-before-quarter-end`, on the Date submitted cell,
//! checked once the whole return is read; the live formula compares it with `TODAY()`.

use crate::check::content::Content;
use crate::check::finding::Code;
use crate::definition::{Definition, FieldIndex};

use super::{At, Ctx, Live, Rule};

/// The rule; it holds on the `date_submitted` field.
pub(super) struct DateSubmitted;

impl Rule for DateSubmitted {
    fn check_return(&self, ctx: &mut Ctx<'_>, content: &Content) {
        let def = ctx.def;
        let field = def.keys.fields.date_submitted;
        let Some(d) = content.field(field).date() else {
            return;
        };
        let at = At::field(&def.return_sheet, def.field(field));
        if d > ctx.today {
            let message = format!(
                "{} is after today ({}): give the date the return was sent",
                d.uk(),
                ctx.today.uk()
            );
            ctx.error(&at, Some(d.uk()), Code::DateInFuture, message);
            return;
        }
        if let Some(q) = content.quarter {
            if d < q.end() {
                ctx.warn(
                    &at,
                    Some(d.uk()),
                    Code::SubmittedBeforeQuarterEnd,
                    format!(
                        "{} is before the end of {q} ({}): check the date and the quarter",
                        d.uk(),
                        q.end().uk()
                    ),
                );
            }
        }
    }

    fn live_field(&self, def: &Definition, field: FieldIndex) -> Vec<Live> {
        if field != def.keys.fields.date_submitted {
            return Vec::new();
        }
        let x = format!("B{}", def.field(field).row);
        vec![Live::red_field(
            Code::DateInFuture,
            format!("AND(ISNUMBER({x}),{x}>TODAY())"),
        )]
    }
}
