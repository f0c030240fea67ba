//! The template's data validations: an input prompt on every input cell saying what goes
//! there and its rule, and a check as the cell is typed (a drop-down, a date range, a whole
//! number), so that a force analyst is guided in Excel or LibreOffice with nothing to
//! install.
//!
//! A prompt opens with what the cell holds (its kind), then each rule of
//! `check::rules::RULES` adds its sentences, in that order, from the column's or field's
//! settings in the definition, so a rule is said in its own file and nowhere else. A validation is "stop" where its rule is absolute (a list, a count, a unique
//! reference) and "warning" where strictness could block a legitimate entry (a date typed
//! as text, which bridger reads).

use anyhow::{Context, Result};
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, ExcelDateTime, Formula,
};

use crate::base::cellref::column_name;
use crate::check::rules::{kind_sentence, Prompt, RULES};
use crate::definition::{CellKind, ColumnIndex, Definition, FieldIndex, Table};
use crate::output::styles::DATE_FORMAT;

/// Excel's limit on a prompt's title.
pub(crate) const TITLE_MAX: usize = 32;
/// Excel's limit on a prompt's message.
pub(crate) const MESSAGE_MAX: usize = 255;
/// The earliest date a date cell takes without a warning (a date of birth: `DOB_FIRST`).
pub(crate) const DATE_FIRST: (i16, u8, u8) = (2000, 1, 1);
/// The earliest date of birth taken without a warning.
pub(crate) const DOB_FIRST: (i16, u8, u8) = (1900, 1, 1);
/// The last date any date cell takes without a warning.
pub(crate) const DATE_LAST: (i16, u8, u8) = (2100, 12, 31);

/// A prompt title within Excel's limit: the text, cut at a word with "…" when too long.
fn title(text: &str) -> String {
    if text.chars().count() <= TITLE_MAX {
        return text.to_string();
    }
    let mut out = String::new();
    for word in text.split_whitespace() {
        let next = if out.is_empty() {
            word.to_string()
        } else {
            format!("{out} {word}")
        };
        if next.chars().count() > TITLE_MAX - 1 {
            break;
        }
        out = next;
    }
    out.trim_end_matches(['(', ',', ' ']).to_string() + "…"
}

/// Joins sentences, leaving out the optional ones (last first) until Excel's limit is met.
fn message(needed: Vec<String>, mut optional: Vec<String>) -> Result<String> {
    loop {
        let text = needed
            .iter()
            .chain(&optional)
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(" ");
        if text.encode_utf16().count() <= MESSAGE_MAX {
            return Ok(text);
        }
        if optional.pop().is_none() {
            anyhow::bail!("the input prompt is over {MESSAGE_MAX} characters: {text}");
        }
    }
}

/// The title and message of a table column's input prompt: what the column holds, then
/// each rule's sentences.
pub(crate) fn column_prompt(
    def: &Definition,
    table: &Table,
    col: ColumnIndex,
) -> Result<(String, String)> {
    let column = table.at(col);
    let mut p = Prompt {
        needed: vec![kind_sentence(def, column.kind)],
        optional: Vec::new(),
    };
    for rule in RULES {
        rule.prompt_column(def, table, col, &mut p);
    }
    Ok((title(&column.header), message(p.needed, p.optional)?))
}

/// The title and message of a Return field's input prompt: what the field holds, then each
/// rule's sentences.
pub(crate) fn field_prompt(def: &Definition, field: FieldIndex) -> Result<(String, String)> {
    let f = def.field(field);
    let mut p = Prompt {
        needed: vec![kind_sentence(def, f.kind)],
        optional: Vec::new(),
    };
    for rule in RULES {
        rule.prompt_field(def, field, &mut p);
    }
    Ok((title(&f.label), message(p.needed, p.optional)?))
}

fn date(ymd: (i16, u8, u8)) -> Result<ExcelDateTime> {
    ExcelDateTime::from_ymd(ymd.0 as u16, ymd.1, ymd.2).context("a fixed validation date")
}

/// The check of one input cell's kind, before its prompt is added. `cell` is the range's
/// top-left cell (`B8`, `A5`), which relative formulas start from; `range` is the column's
/// data range (`$A$5:$A$1048576`) for the unique rule.
fn rule(
    def: &Definition,
    kind: CellKind,
    cell: &str,
    unique_in: Option<&str>,
    dob: bool,
) -> Result<DataValidation> {
    let stop = |v: DataValidation, msg: String| -> Result<DataValidation> {
        Ok(v.set_error_style(DataValidationErrorStyle::Stop)
            .set_error_title("Annex C")?
            .set_error_message(msg)?)
    };
    let warn = |v: DataValidation, msg: String| -> Result<DataValidation> {
        Ok(v.set_error_style(DataValidationErrorStyle::Warning)
            .set_error_title("Annex C: check this")?
            .set_error_message(msg)?)
    };
    Ok(match kind {
        CellKind::List(list) => stop(
            DataValidation::new().allow_list_formula(Formula::new(def.list_range(list))),
            format!("Choose a value from the {} list.", def.list(list).name),
        )?,
        CellKind::Date => {
            let first = if dob { DOB_FIRST } else { DATE_FIRST };
            let show = |d: (i16, u8, u8)| format!("{:02}/{:02}/{:04}", d.2, d.1, d.0);
            warn(
                DataValidation::new()
                    .allow_date(DataValidationRule::Between(date(first)?, date(DATE_LAST)?)),
                format!(
                    "This is not a date between {} and {}. Type it as {DATE_FORMAT}.",
                    show(first),
                    show(DATE_LAST)
                ),
            )?
        }
        CellKind::Count => stop(
            DataValidation::new().allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0)),
            "Type a whole number, 0 or more.".into(),
        )?,
        CellKind::Email => warn(
            DataValidation::new()
                .allow_custom(Formula::new(format!("=ISNUMBER(FIND(\"@\",{cell}))"))),
            "This does not look like an email address (name@domain).".into(),
        )?,
        CellKind::Postcode => warn(
            DataValidation::new().allow_text_length(DataValidationRule::Between(2, 8)),
            "This does not look like a UK postcode (SW1A 1AA, or SW1A).".into(),
        )?,
        CellKind::Text => match unique_in {
            Some(range) => stop(
                DataValidation::new()
                    .allow_custom(Formula::new(format!("=COUNTIF({range},{cell})<=1"))),
                "This is already on another row: each row needs its own.".into(),
            )?,
            None => DataValidation::new().allow_any_value(),
        },
    })
}

fn with_prompt(v: DataValidation, (t, m): (String, String)) -> Result<DataValidation> {
    Ok(v.set_input_title(t)?.set_input_message(m)?)
}

/// The validation, with its prompt, of a table column from row `first` (zero-based) down.
pub(crate) fn column_validation(
    def: &Definition,
    table: &Table,
    col: ColumnIndex,
    first: u32,
    last: u32,
) -> Result<DataValidation> {
    let column = table.at(col);
    let letter = column_name(col.col());
    let cell = format!("{letter}{}", first + 1);
    let range = format!("${letter}${}:${letter}${}", first + 1, last + 1);
    let v = rule(
        def,
        column.kind,
        &cell,
        column.unique.then_some(range.as_str()),
        column.age_at.is_some(),
    )?;
    with_prompt(v, column_prompt(def, table, col)?)
}

/// The validation, with its prompt, of a Return field's input cell.
pub(crate) fn field_validation(def: &Definition, index: FieldIndex) -> Result<DataValidation> {
    let field = def.field(index);
    let cell = format!("B{}", field.row);
    let v = match field.at_most.map(|k| def.field(k)) {
        // A count with a ceiling: blocked above the other cell once that one is filled.
        Some(top) if field.kind == CellKind::Count => {
            let top = format!("$B${}", top.row);
            DataValidation::new()
                .allow_custom(Formula::new(format!(
                    "=AND(ISNUMBER({cell}),{cell}=INT({cell}),{cell}>=0,OR({top}=\"\",{cell}<={top}))"
                )))
                .set_error_style(DataValidationErrorStyle::Stop)
                .set_error_title("Annex C")?
                .set_error_message(format!(
                    "Type a whole number, 0 or more, and not more than {}.",
                    top.replace('$', "")
                ))?
        }
        _ => rule(def, field.kind, &cell, None, false)?,
    };
    with_prompt(v, field_prompt(def, index)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_prompt_fits_excels_limits() {
        let def = crate::definition::annex_c();
        for table in &def.tables {
            for (col, _) in table.indexed() {
                let (t, m) = column_prompt(def, table, col).unwrap();
                assert!(t.chars().count() <= TITLE_MAX, "{t}");
                assert!(m.chars().count() <= MESSAGE_MAX, "{m}");
            }
        }
        for (field, _) in def.indexed_fields() {
            let (t, m) = field_prompt(def, field).unwrap();
            assert!(t.chars().count() <= TITLE_MAX && m.chars().count() <= MESSAGE_MAX);
        }
        assert_eq!(
            title("Force reference (crime or incident number)"),
            "Force reference (crime or…"
        );
    }
}
