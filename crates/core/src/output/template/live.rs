//! The template's live checks: conditional formats that turn a cell red (an error bridger
//! would report) or amber (a warning) as the return is typed, in Excel and LibreOffice, for
//! every rule a formula can express.
//!
//! The formulas are plain functions both programs share (AND, OR, COUNTA, COUNTIF, DATE,
//! EDATE, LEFT, RIGHT, VALUE, IFERROR), no dynamic arrays. Each is built from the
//! definition: column letters from its resolved columns, list ranges from the Lists sheet, the
//! quarter from the Return cell of the `quarter` field. What a formula cannot say (a
//! postcode's shape, text dates, force aliases, the engagement count) only
//! `bridger validate` checks.

use anyhow::Result;
use rust_xlsxwriter::{ConditionalFormatFormula, Format, Worksheet};

use crate::base::cellref::column_name;
use crate::definition::{ColumnIndex, Definition, Kind, Table};
use crate::output::styles::Formats;

use super::prompts::field_cell;

/// One live rule: the formula (relative to the range's top-left cell) and whether it
/// marks an error (red) or a warning (amber).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Live {
    /// The column, zero-based, the rule colours.
    pub col: u16,
    /// The formula, as for the first data row.
    pub formula: String,
    /// An error (red) rather than a warning (amber).
    pub error: bool,
}

/// The first and last day of the reporting quarter, as formulas on the Return cell that
/// holds `2016-17 Q1`: Q1 starts in April of the first year, Q4 in January of the next.
fn quarter_bounds(quarter: &str) -> (String, String) {
    let year = format!("VALUE(LEFT({quarter},4))");
    let number = format!("VALUE(RIGHT({quarter},1))");
    (
        format!("DATE({year},1+3*{number},1)"),
        format!("DATE({year},4+3*{number},1)"),
    )
}

/// Every live rule of a table, in priority order (errors first).
pub(crate) fn table_rules(def: &Definition, table: &Table) -> Vec<Live> {
    let mut out = column_rules(def, table);
    out.extend(row_rules(def, table));
    out
}

/// The column letter of this column, and its index.
fn letter(col: ColumnIndex) -> (u16, String) {
    (col.col() as u16, column_name(col.col()))
}

/// The rules each column's own settings give: required, required-with, list, unique and
/// the date rules; all errors.
fn column_rules(def: &Definition, table: &Table) -> Vec<Live> {
    let row = table.first_data_row() + 1;
    let last = table.columns.len() as u32 - 1;
    let whole_row = format!("$A{row}:${}{row}", column_name(last));
    let quarter = field_cell(def, def.keys.fields.quarter);
    let mut out = Vec::new();
    let mut push = |col: u16, formula: String, error: bool| {
        out.push(Live {
            col,
            formula,
            error,
        })
    };
    for (i, column) in table.columns.iter().enumerate() {
        let (c, x) = (i as u16, format!("{}{row}", column_name(i as u32)));
        let filled = |cell: &str| format!("LEN(TRIM({cell}))>0");
        if column.required {
            push(
                c,
                format!("AND(COUNTA({whole_row})>0,LEN(TRIM({x}))=0)"),
                true,
            );
        }
        if let Some((_, other)) = column.required_with.map(letter) {
            let other = format!("${other}{row}");
            push(c, format!("AND({},LEN(TRIM({x}))=0)", filled(&other)), true);
        }
        if let Kind::List(list) = column.kind {
            let range = def.list_range(list);
            let range = range.trim_start_matches('=');
            push(
                c,
                format!("AND({},COUNTIF({range},{x})=0)", filled(&x)),
                true,
            );
        }
        if column.unique {
            let l = column_name(i as u32);
            let all = format!("${l}${row}:${l}$1048576");
            push(c, format!("AND({},COUNTIF({all},{x})>1)", filled(&x)), true);
        }
        if column.inside_quarter {
            let (start, end) = quarter_bounds(&quarter);
            push(
                c,
                format!("IFERROR(AND(ISNUMBER({x}),OR({x}<{start},{x}>={end})),FALSE)"),
                true,
            );
        }
        if column.not_after_quarter_end {
            let (_, end) = quarter_bounds(&quarter);
            push(
                c,
                format!("IFERROR(AND(ISNUMBER({x}),{x}>={end}),FALSE)"),
                true,
            );
        }
        if let Some((_, other)) = column.not_after.map(letter) {
            let other = format!("${other}{row}");
            push(
                c,
                format!("AND(ISNUMBER({x}),ISNUMBER({other}),{x}>{other})"),
                true,
            );
        }
        if let Some(age) = column.age_at {
            let (_, other) = letter(age.column);
            let other = format!("${other}{row}");
            let (lo, hi) = (age.min, age.max);
            push(
                c,
                format!("IFERROR(AND(ISNUMBER({x}),ISNUMBER({other}),OR({x}>EDATE({other},-12*{lo}),{x}<=EDATE({other},-12*{}))),FALSE)", hi + 1),
                true,
            );
        }
    }
    out
}

/// The rules across a row's columns (SPEC.md's suspect and FTAC rules) and the letter's
/// warnings (`warn_if`).
fn row_rules(def: &Definition, table: &Table) -> Vec<Live> {
    let row = table.first_data_row() + 1;
    let (yes, no) = def.yes_no();
    let k = &def.keys.incidents;
    let mut out = Vec::new();
    let mut push = |col: u16, formula: String, error: bool| {
        out.push(Live {
            col,
            formula,
            error,
        })
    };
    if def.is_incidents(table) {
        let (c, m) = letter(k.suspect_identified);
        let cells = |cols: &[ColumnIndex]| -> Vec<String> {
            cols.iter()
                .map(|k| format!("${}{row}", letter(*k).1))
                .collect()
        };
        let enough = cells(&[
            k.suspect_surname,
            k.suspect_dob,
            k.suspect_postcode,
            k.suspect_identifier,
        ])
        .join(",");
        let details = cells(&[
            k.suspect_surname,
            k.suspect_forenames,
            k.suspect_dob,
            k.suspect_postcode,
            k.suspect_identifier,
        ])
        .join(",");
        push(
            c,
            format!("AND({m}{row}=\"{yes}\",COUNTA({enough})=0)"),
            true,
        );
        push(
            c,
            format!("AND({m}{row}=\"{no}\",COUNTA({details})>0)"),
            false,
        );
    }
    if def.is_incidents(table) {
        let ((c, t), (_, s)) = (letter(k.ftac_referred), letter(k.mental_health));
        push(
            c,
            format!("AND({t}{row}=\"{yes}\",${s}{row}<>\"{yes}\")"),
            false,
        );
    }
    for (i, column) in table.columns.iter().enumerate() {
        if let Some(warn) = &column.warn_if {
            let x = format!("{}{row}", column_name(i as u32));
            push(i as u16, format!("{x}=\"{}\"", warn.value), false);
        }
    }
    out
}

/// Every live rule of the Return sheet's inputs, by zero-based row (column B).
pub(crate) fn return_rules(def: &Definition) -> Vec<(u32, String)> {
    let mut out = Vec::new();
    let (yes, no) = def.yes_no();
    for field in &def.fields {
        let x = format!("B{}", field.row);
        let formula = match field.kind {
            Kind::Count => {
                let mut f =
                    format!("AND(LEN({x})>0,IF(ISNUMBER({x}),OR({x}<0,{x}<>INT({x})),TRUE))");
                if let Some(top) = field.at_most.map(|k| def.field(k)) {
                    let top = format!("$B${}", top.row);
                    f = format!("OR({f},AND(ISNUMBER({x}),ISNUMBER({top}),{x}>{top}))");
                }
                f
            }
            Kind::Email => format!("AND(LEN({x})>0,ISERROR(FIND(\"@\",{x})))"),
            Kind::Date => format!("AND(ISNUMBER({x}),{x}>TODAY())"),
            Kind::List(list) => {
                let range = def.list_range(list);
                let range = range.trim_start_matches('=');
                format!("AND(LEN(TRIM({x}))>0,COUNTIF({range},{x})=0)")
            }
            _ => continue,
        };
        out.push((field.row - 1, formula));
    }
    {
        let nil = def.field(def.keys.fields.nil_return);
        let t = def.incidents();
        let rows = format!(
            "COUNTA({}!$A${}:${}$1048576)",
            t.sheet,
            t.first_data_row() + 1,
            column_name(t.columns.len() as u32 - 1)
        );
        let x = format!("B{}", nil.row);
        out.push((
            nil.row - 1,
            format!("OR(AND({x}=\"{yes}\",{rows}>0),AND({x}=\"{no}\",{rows}=0))"),
        ));
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
