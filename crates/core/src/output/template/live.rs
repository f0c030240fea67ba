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
#[cfg(test)]
use crate::definition::codes::Code;
use crate::definition::{Definition, Table};
use crate::output::styles::Formats;

/// Every live formula of a table, in the order they are added (their priority): the red
/// ones, then the amber ones, so that a cell with an error and a warning is red, as
/// bridger's verdict on it is an error; within each, every column's, left to right, each
/// rule's in `RULES` order, then each rule's formulas across the row.
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
    // A stable sort: the order within each colour is kept.
    out.sort_by_key(|live| !live.error);
    out
}

/// Every live formula of the Return sheet's inputs, by zero-based row (column B), with
/// whether it is red (an error): each field's red formulas joined with `OR`, then each
/// rule's across the return, then the amber ones, so that red wins on a cell with both.
pub(crate) fn return_rules(def: &Definition) -> Vec<(u32, String, bool)> {
    let (mut red, mut amber) = (Vec::new(), Vec::new());
    for (i, field) in def.indexed_fields() {
        let (errors, warnings): (Vec<Live>, Vec<Live>) = RULES
            .iter()
            .flat_map(|r| r.live_field(def, i))
            .partition(|live| live.error);
        let formulas: Vec<&str> = errors.iter().map(|l| l.formula.as_str()).collect();
        match formulas.as_slice() {
            [] => {}
            [one] => red.push((field.row - 1, one.to_string(), true)),
            many => red.push((field.row - 1, format!("OR({})", many.join(",")), true)),
        }
        amber.extend(
            warnings
                .into_iter()
                .map(|l| (field.row - 1, l.formula, false)),
        );
    }
    for rule in RULES {
        for (row, live) in rule.live_return(def) {
            match live.error {
                true => red.push((row, live.formula, true)),
                false => amber.push((row, live.formula, false)),
            }
        }
    }
    red.extend(amber);
    red
}

/// Every live check, with the code bridger reports where it colours a cell: the table's
/// column headers or the Return field's label, the colour and the code. README's table of
/// live checks is held to this.
#[cfg(test)]
pub(crate) fn live_checks(def: &Definition) -> Vec<(String, String, bool, Code)> {
    let mut out = Vec::new();
    for table in [def.engagement(), def.incidents()] {
        for live in table_rules(def, table) {
            let header = table.columns[live.col as usize].header.clone();
            out.push((table.sheet.clone(), header, live.error, live.code));
        }
    }
    for (i, field) in def.indexed_fields() {
        for live in RULES.iter().flat_map(|r| r.live_field(def, i)) {
            out.push((
                def.return_sheet.clone(),
                field.label.clone(),
                live.error,
                live.code,
            ));
        }
    }
    for rule in RULES {
        for (row, live) in rule.live_return(def) {
            let label = def
                .indexed_fields()
                .find(|(_, f)| f.row == row + 1)
                .map(|(_, f)| f.label.clone())
                .unwrap_or_default();
            out.push((def.return_sheet.clone(), label, live.error, live.code));
        }
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
    for (row, formula, error) in return_rules(def) {
        let format = if error {
            &f.live_error
        } else {
            &f.live_warning
        };
        add(sheet, (row, 1, row), &formula, format)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::definition::codes::CodeStatus;

    /// The rows of README's table of live checks: (colour, code), from its first two
    /// columns (`| red | `not-in-list` | …`).
    fn readme_rows() -> BTreeSet<(String, String)> {
        let readme = include_str!("../../../../../README.md");
        let start = readme
            .find("| Colour | bridger code |")
            .expect("README has the table of live checks");
        readme[start..]
            .lines()
            .skip(2)
            .take_while(|l| l.starts_with('|'))
            .map(|l| {
                let cells: Vec<&str> = l.split('|').map(str::trim).collect();
                (cells[1].to_string(), cells[2].trim_matches('`').to_string())
            })
            .collect()
    }

    /// README lists every live check with the code bridger reports where it colours a
    /// cell, in the colour of that code's severity, and nothing else.
    #[test]
    fn readme_lists_every_live_check_with_its_code() {
        let def = crate::definition::annex_c();
        let checks = live_checks(def);
        let mut live = BTreeSet::new();
        for (sheet, header, error, code) in &checks {
            let colour = if *error { "red" } else { "amber" };
            // The colour is the severity bridger gives the code.
            assert_eq!(
                code.status() == CodeStatus::Error,
                *error,
                "{sheet} '{header}': {code} is {} in bridger, {colour} in the template",
                code.status().as_str()
            );
            live.insert((colour.to_string(), code.to_string()));
        }
        assert!(live.len() >= 15, "{live:?}");
        assert_eq!(readme_rows(), live);
    }

    /// A duplicate reference is red on the later row only, compared trimmed and ignoring
    /// case; `Y` and `N` are amber, not red, where the list has `Yes` and `No`.
    #[test]
    fn the_formulas_say_what_bridger_says() {
        let def = crate::definition::annex_c();
        let formulas: Vec<String> = table_rules(def, def.incidents())
            .into_iter()
            .map(|l| l.formula)
            .collect();
        assert!(formulas.contains(
            &"AND(LEN(TRIM(A5))>0,SUMPRODUCT(--(UPPER(TRIM($A$5:A5))=UPPER(TRIM(A5))))>1)"
                .to_string()
        ));
        let k = formulas
            .iter()
            .find(|f| f.contains("COUNTIF(") && f.contains("(K5)"))
            .unwrap();
        assert!(
            k.contains(r#"NOT(OR(UPPER(TRIM(K5))="Y",UPPER(TRIM(K5))="N"))"#),
            "{k}"
        );
        assert!(formulas.contains(&r#"OR(UPPER(TRIM(K5))="Y",UPPER(TRIM(K5))="N")"#.to_string()));
        // Red first: every amber formula after every red one.
        let rules = table_rules(def, def.incidents());
        let first_amber = rules.iter().position(|l| !l.error).unwrap();
        assert!(rules[first_amber..].iter().all(|l| !l.error));
    }
}
