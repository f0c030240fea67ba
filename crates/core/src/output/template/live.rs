//! The template's live checks: conditional formats that turn a cell red (an error bridger
//! would report) or amber (a warning) as the return is typed, in Excel and LibreOffice, for
//! every rule a formula can express.
//!
//! Each rule says its own formula, in its file under `check::rules` (the formulas use
//! only functions both programs share, no dynamic arrays); this file gathers them in the
//! order of `check::rules::RULES` and adds them to the sheets. The order matters: a
//! conditional format's priority is the order it was added in, so it is part of the
//! template's bytes. What a formula cannot say (a postcode's shape, text dates, force
//! aliases, the engagement count) only `bridger validate` checks.

use anyhow::Result;
use rust_xlsxwriter::{ConditionalFormatFormula, Format, Worksheet};

use crate::check::rules::{Live, RULES};
use crate::definition::{Definition, Table};
use crate::output::styles::Formats;

/// Every live formula of a table, in the order they are added (their priority): each
/// column's, left to right, each rule's in `RULES` order; then each rule's formulas across
/// the row.
pub(crate) fn table_rules(def: &Definition, table: &Table) -> Vec<Live> {
    let mut out = Vec::new();
    for (col, _) in table.indexed() {
        for rule in RULES {
            out.extend(rule.live_column(def, table, col));
        }
    }
    for rule in RULES {
        out.extend(rule.live_table(def, table));
    }
    out
}

/// Every live formula of the Return sheet's inputs, by zero-based row (column B): each
/// field's, its rules' formulas joined with `OR`; then each rule's across the return.
pub(crate) fn return_rules(def: &Definition) -> Vec<(u32, String)> {
    let mut out = Vec::new();
    for (i, field) in def.indexed_fields() {
        let formulas: Vec<String> = RULES.iter().filter_map(|r| r.live_field(def, i)).collect();
        let formula = match formulas.as_slice() {
            [] => continue,
            [one] => one.clone(),
            many => format!("OR({})", many.join(",")),
        };
        out.push((field.row - 1, formula));
    }
    for rule in RULES {
        out.extend(rule.live_return(def));
    }
    out
}

fn add(sheet: &mut Worksheet, r: (u32, u16, u32), formula: &str, format: &Format) -> Result<()> {
    let cf = ConditionalFormatFormula::new()
        .set_rule(format!("={formula}").as_str())
        .set_format(format);
    sheet.add_conditional_format(r.0, r.1, r.2, r.1, &cf)?;
    Ok(())
}

/// Adds a table's live rules, from its first data row to `last` (zero-based).
pub(crate) fn add_table(
    sheet: &mut Worksheet,
    def: &Definition,
    table: &Table,
    f: &Formats,
    last: u32,
) -> Result<()> {
    for rule in table_rules(def, table) {
        let format = if rule.error {
            &f.live_error
        } else {
            &f.live_warning
        };
        add(
            sheet,
            (table.first_data_row(), rule.col, last),
            &rule.formula,
            format,
        )?;
    }
    Ok(())
}

/// Adds the Return sheet's live rules.
pub(crate) fn add_return(sheet: &mut Worksheet, def: &Definition, f: &Formats) -> Result<()> {
    for (row, formula) in return_rules(def) {
        add(sheet, (row, 1, row), &formula, &f.live_error)?;
    }
    Ok(())
}
