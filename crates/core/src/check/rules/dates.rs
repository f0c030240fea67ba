//! The date rules of a data row: inside the reporting quarter, not after its end, not
//! after another date of the row (the offence before it was reported), and a date of birth
//! giving a plausible age.
//!
//! It judges dates that have already read; a cell that is not a date at all was reported
//! when it was read (`check::cells::dates`). When the Return sheet's quarter is written
//! another way ("Q2 2016/17") the dates are checked against the quarter it reads as, so
//! that correcting every flagged cell makes the return valid; those findings say so.

use crate::base::dates::Quarter;
use crate::check::finding::Code;
use crate::definition::Column;

use super::table::TableRow;
use super::Ctx;

/// The date rules the definition gives `column`, on its value in this row.
pub(super) fn check_dates(
    ctx: &mut Ctx<'_>,
    r: &TableRow<'_>,
    column: &Column,
    col: u32,
    quarter: Option<Quarter>,
) {
    let Some(date) = r.values[col as usize].date() else {
        return;
    };
    let at = r.at(col);
    if let Some(q) = quarter {
        // When the quarter cell is written another way, say which quarter it was read as.
        let read_as = match &ctx.quarter_read_as {
            Some((read, cell)) if *read == q => format!(" ({cell} reads as {q})"),
            _ => String::new(),
        };
        if column.inside_quarter && !q.contains(date) {
            ctx.error(&at,
                Some(date.uk()),
                Code::DateOutsideQuarter,
                format!(
                    "{} is outside the reporting quarter {q} ({} to {}){read_as}: correct the date, or report it in that quarter's return",
                    date.uk(),
                    q.start().uk(),
                    q.end().uk()
                ),
            );
        }
        if column.not_after_quarter_end && date > q.end() {
            ctx.error(
                &at,
                Some(date.uk()),
                Code::DateAfterQuarter,
                format!(
                    "{} is after the end of the reporting quarter {q} ({}){read_as}: correct the date",
                    date.uk(),
                    q.end().uk()
                ),
            );
        }
    }
    if let Some(other_col) = column.not_after {
        let other = r.table.at(other_col);
        if let Some(limit) = r.get(other_col).date() {
            if date > limit {
                ctx.error(
                    &at,
                    Some(date.uk()),
                    Code::OffenceAfterReported,
                    format!(
                        "{} is after the '{}' {}: correct one of the two dates",
                        date.uk(),
                        other.header,
                        limit.uk()
                    ),
                );
            }
        }
    }
    if let Some(age_at) = column.age_at {
        if let Some(on) = r.get(age_at.column).date() {
            let age = on.years_since(date);
            let (lo, hi) = (age_at.min, age_at.max);
            if age < lo || age > hi {
                ctx.error(&at,
                    Some(date.uk()),
                    Code::DobImplausible,
                    format!("gives an age of {age} on the date reported; a suspect's age must be between {lo} and {hi}: check the date of birth"),
                );
            }
        }
    }
}
