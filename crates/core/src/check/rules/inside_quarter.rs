//! A date that must fall inside the reporting quarter (the date reported): an incident
//! reported in another quarter belongs to that quarter's return, which the finding names.
//!
//! Code `date-outside-quarter`. When the quarter cell is written another way ("Q2
//! 2016/17") the date is checked against the quarter it reads as, and the finding says so.

use crate::base::calendar::Quarter;
use crate::check::finding::Code;
use crate::definition::{ColumnIndex, Definition, Table};

use super::formula::{field_cell, first_cell, quarter_bounds};
use super::{Ctx, Live, Prompt, Rule, TableRow};

/// The rule; its setting is `inside_quarter`.
pub(super) struct InsideQuarter;

impl Rule for InsideQuarter {
    fn check_cell(&self, ctx: &mut Ctx<'_>, r: &TableRow<'_>, col: ColumnIndex) {
        if !r.column(col).inside_quarter {
            return;
        }
        let (Some(date), Some((q, read_as))) = (r.get(col).date(), ctx.quarter()) else {
            return;
        };
        if !q.contains(date) {
            ctx.error(&r.at(col),
                Some(date.uk()),
                Code::DateOutsideQuarter,
                format!(
                    "{} is outside the reporting quarter {q} ({} to {}){read_as}: it falls in {belongs}; correct the date, or report it in the {belongs} return",
                    date.uk(),
                    q.start().uk(),
                    q.end().uk(),
                    belongs = Quarter::of(date),
                ),
            );
        }
    }

    fn prompt_column(&self, def: &Definition, table: &Table, col: ColumnIndex, p: &mut Prompt) {
        if table.at(col).inside_quarter {
            let cell = field_cell(def, def.keys.fields.quarter);
            p.needed.push(format!(
                "Must fall inside the reporting quarter ({}).",
                cell.replace('$', "")
            ));
        }
    }

    fn live_column(&self, def: &Definition, table: &Table, col: ColumnIndex) -> Vec<Live> {
        if !table.at(col).inside_quarter {
            return Vec::new();
        }
        let ((start, end), x) = (quarter_bounds(def), first_cell(table, col));
        let formula = format!("IFERROR(AND(ISNUMBER({x}),OR({x}<{start},{x}>={end})),FALSE)");
        vec![Live::red(col, Code::DateOutsideQuarter, formula)]
    }
}
