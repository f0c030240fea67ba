//! A date that may not be after the reporting quarter's last day (the date of last
//! contact with an MP): the return reports on the quarter, not on what came after.
//!
//! Code `date-after-quarter`. When the quarter cell is written another way the date is
//! checked against the quarter it reads as, and the finding says so.

use crate::base::calendar::Quarter;
use crate::check::finding::Code;
use crate::definition::{ColumnIndex, Definition, Table};

use super::formula::{first_cell, quarter_bounds};
use super::{Ctx, Live, Prompt, Rule, TableRow};

/// The rule; its setting is `not_after_quarter_end`.
pub(super) struct NotAfterQuarterEnd;

impl Rule for NotAfterQuarterEnd {
    fn check_cell(&self, ctx: &mut Ctx<'_>, r: &TableRow<'_>, col: ColumnIndex) {
        if !r.column(col).not_after_quarter_end {
            return;
        }
        let (Some(date), Some((q, read_as))) = (r.get(col).date(), ctx.quarter()) else {
            return;
        };
        if date > q.end() {
            ctx.error(
                &r.at(col),
                Some(date.uk()),
                Code::DateAfterQuarter,
                format!(
                    "{} is after the end of the reporting quarter {q} ({}){read_as}: it falls in {}; correct the date, or give it in the {} return",
                    date.uk(),
                    q.end().uk(),
                    Quarter::of(date),
                    Quarter::of(date),
                ),
            );
        }
    }

    fn prompt_column(&self, _def: &Definition, table: &Table, col: ColumnIndex, p: &mut Prompt) {
        if table.at(col).not_after_quarter_end {
            p.needed
                .push("Not after the reporting quarter's last day.".into());
        }
    }

    fn live_column(&self, def: &Definition, table: &Table, col: ColumnIndex) -> Vec<Live> {
        if !table.at(col).not_after_quarter_end {
            return Vec::new();
        }
        let ((_, end), x) = (quarter_bounds(def), first_cell(table, col));
        let formula = format!("IFERROR(AND(ISNUMBER({x}),{x}>={end}),FALSE)");
        vec![Live::red(col, Code::DateAfterQuarter, formula)]
    }
}
