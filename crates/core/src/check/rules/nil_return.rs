//! A nil return says the quarter had no crimes or incidents: its Nil return cell must
//! agree with the Incidents sheet (Yes with no rows, No with rows).
//!
//! Codes `nil-return-with-incidents` and `no-incidents`, both errors on the Nil return
//! cell, checked once the whole return is read; the live formula counts the Incidents
//! sheet's rows.

use crate::base::cellref::column_name;
use crate::base::text::plural;
use crate::check::content::Content;
use crate::check::finding::Code;
use crate::definition::{Definition, FieldIndex};

use super::formula::is_value;
use super::{At, Ctx, Live, Prompt, Rule};

/// The rule; it holds on the `nil_return` field and the Incidents table.
pub(super) struct NilReturn;

impl Rule for NilReturn {
    fn check_return(&self, ctx: &mut Ctx<'_>, content: &Content) {
        let def = ctx.def;
        let nil = def.keys.fields.nil_return;
        let at = At::field(&def.return_sheet, def.field(nil));
        let (yes, no) = (ctx.yes, ctx.no);
        let incidents = content.incidents.len();
        let incidents_sheet = &def.incidents().sheet;
        match content.field(nil).text().as_deref() {
            Some(v) if v == yes && incidents > 0 => ctx.error(&at,
                Some(v.to_string()),
                Code::NilReturnWithIncidents,
                format!("{} is '{yes}' but the {incidents_sheet} sheet has {}: set it to '{no}', or remove the rows", at.subject(), plural(incidents, "row")),
            ),
            Some(v) if v == no && incidents == 0 => ctx.error(&at,
                Some(v.to_string()),
                Code::NoIncidents,
                format!("{} is '{no}' but the {incidents_sheet} sheet has no rows: add them, or set it to '{yes}' for a nil return", at.subject()),
            ),
            _ => {}
        }
    }

    fn prompt_field(&self, def: &Definition, field: FieldIndex, p: &mut Prompt) {
        if field == def.keys.fields.nil_return {
            let (yes, no) = def.yes_no();
            p.needed.push(format!(
                "{yes} only when the {} sheet has no rows; {no} when it has.",
                def.incidents().sheet
            ));
        }
    }

    fn live_return(&self, def: &Definition) -> Vec<(u32, Live)> {
        let (nil, t) = (def.field(def.keys.fields.nil_return), def.incidents());
        let (yes, no) = def.yes_no();
        let rows = format!(
            "COUNTA({}!$A${}:${}$1048576)",
            t.sheet,
            t.first_data_row() + 1,
            column_name(t.columns.len() as u32 - 1)
        );
        let x = format!("B{}", nil.row);
        vec![
            (
                nil.row - 1,
                Live::red_field(
                    Code::NilReturnWithIncidents,
                    format!("AND({},{rows}>0)", is_value(&x, yes)),
                ),
            ),
            (
                nil.row - 1,
                Live::red_field(
                    Code::NoIncidents,
                    format!("AND({},{rows}=0)", is_value(&x, no)),
                ),
            ),
        ]
    }
}
