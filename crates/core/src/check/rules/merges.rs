//! Merged cells over input cells: only the first cell of a merge keeps a value, so a merge
//! that covers an input is worth a warning (the return is still accepted).
//!
//! Only the first 51 rows and columns of a merge are looked at, so one huge merge never
//! costs a walk over the grid.

use crate::base::cellref::{a1, CellPos};
use crate::check::finding::{Code, Finding};
use crate::read::{BookSheet, Merge};

use super::Ctx;

/// Warns of each merge on template sheet `index` that covers an input cell.
pub(super) fn check_merges(ctx: &mut Ctx<'_>, sheet: &BookSheet, index: usize) {
    for m in &sheet.merges {
        let Merge {
            first_row,
            first_col,
            last_row,
            last_col,
        } = *m;
        let covers_input = (first_row..=last_row.min(first_row + 50)).any(|r| {
            (first_col..=last_col.min(first_col + 50)).any(|c| ctx.def.is_input(index, r, c))
        });
        if covers_input {
            let range = format!("{}:{}", a1(first_row, first_col), a1(last_row, last_col));
            let f = Finding::warning(
                Code::MergedCells,
                format!("cells {range} are merged over input cells; only {} keeps a value: unmerge them and fill each cell", a1(first_row, first_col)),
            )
            .at(&sheet.name, CellPos::new(first_row, first_col));
            ctx.findings.push(f);
        }
    }
}
