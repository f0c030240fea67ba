//! Rules on the return as a whole, once every sheet has been read: a nil return with
//! incidents (or none without), Engagement rows against the MPs in the force area, and a
//! return dated before its quarter ended or after the day of the run.
//!
//! Each finding is placed on the Return sheet field it concerns; no rule here reads a
//! cell, only the normalised content.

use crate::base::text::{number_text, plural};
use crate::base::value::Value;
use crate::check::content::Content;
use crate::check::finding::Code;
use crate::definition::Field;

use super::{At, Ctx};

/// Where a finding on a Return sheet field is: its input cell, B of its row.
fn field_at<'a>(sheet: &'a str, field: &'a Field) -> At<'a> {
    At::new(sheet, field.row - 1, 1, &field.label)
}

pub(super) fn check_whole_return(ctx: &mut Ctx<'_>, content: &Content) {
    let def = ctx.def;
    let sheet = def.return_sheet.as_str();
    let keys = &def.keys.fields;
    let nil = def.field(keys.nil_return);
    let incidents = content.incidents.len();
    let incidents_sheet = &def.incidents().sheet;
    match content.field(keys.nil_return).text().as_deref() {
        Some(v) if v == ctx.yes && incidents > 0 => ctx.error(&field_at(sheet, nil),
            Some(v.to_string()),
            Code::NilReturnWithIncidents,
            format!("is '{}' but the {incidents_sheet} sheet has {}: set it to '{}', or remove the rows", ctx.yes, plural(incidents, "row"), ctx.no),
        ),
        Some(v) if v == ctx.no && incidents == 0 => ctx.error(&field_at(sheet, nil),
            Some(v.to_string()),
            Code::NoIncidents,
            format!("is '{}' but the {incidents_sheet} sheet has no rows: add them, or set it to '{}' for a nil return", ctx.no, ctx.yes),
        ),
        _ => {}
    }
    if let Value::Number(mps) = content.field(keys.mps_in_area) {
        let rows = content.engagement.len();
        if rows > 0 && rows as f64 != *mps {
            let f = def.field(keys.mps_in_area);
            ctx.warn(
                &field_at(sheet, f),
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
    check_submitted(ctx, content);
}

/// Date submitted: after the day of the run is an error (so that a mistyped 31/12/9999
/// cannot supersede the real return); before the quarter's end, a warning.
fn check_submitted(ctx: &mut Ctx<'_>, content: &Content) {
    let def = ctx.def;
    let sheet = def.return_sheet.as_str();
    let date_submitted = def.keys.fields.date_submitted;
    let Some(d) = content.field(date_submitted).date() else {
        return;
    };
    let f = def.field(date_submitted);
    if d > ctx.today {
        ctx.error(
            &field_at(sheet, f),
            Some(d.uk()),
            Code::DateInFuture,
            format!(
                "{} is after today ({}): give the date the return was sent",
                d.uk(),
                ctx.today.uk()
            ),
        );
        return;
    }
    if let Some(q) = content.quarter {
        if d < q.end() {
            ctx.warn(
                &field_at(sheet, f),
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
