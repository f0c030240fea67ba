//! The Engagement sheet has one row per MP in the force area: a number of rows other than
//! the MPs the Return sheet gives is worth a look (a sheet with no rows at all is left to
//! the MPs' count alone).
//!
//! Code `engagement-count`, a warning on the MPs-in-area cell, checked once the whole
//! return is read. No formula says it in the template.

use crate::base::text::{number_text, plural};
use crate::base::value::Value;
use crate::check::content::Content;
use crate::check::finding::Code;

use super::{At, Ctx, Rule};

/// The rule; it holds on the `mps_in_area` field and the Engagement table.
pub(super) struct EngagementCount;

impl Rule for EngagementCount {
    fn check_return(&self, ctx: &mut Ctx<'_>, content: &Content) {
        let def = ctx.def;
        let in_area = def.keys.fields.mps_in_area;
        let Value::Number(mps) = content.field(in_area) else {
            return;
        };
        let rows = content.engagement.len();
        if rows > 0 && rows as f64 != *mps {
            ctx.warn(
                &At::field(&def.return_sheet, def.field(in_area)),
                Some(number_text(*mps)),
                Code::EngagementCount,
                format!(
                    "says {} {} but the {} sheet has {}: one row per MP in the force area",
                    number_text(*mps),
                    if *mps == 1.0 { "MP" } else { "MPs" },
                    def.engagement().sheet,
                    plural(rows, "row")
                ),
            );
        }
    }
}
