//! The content rules of SPEC.md, applied to every cell of a return whose structure is the
//! template's.
//!
//! Input positions come from the definition, never from the file. Each rule that concerns
//! one column is driven by that column's entry in the definition (required, list, date
//! bounds, uniqueness, warn-if); the few cross-field rules that SPEC.md states in words are
//! written against column keys, each in the file named for it: `return_sheet`, `table`,
//! `dates`, `suspects`, `whole_return`, `merges`. Alongside the findings, this module
//! produces the normalised rows that `collate` writes to the national workbook. It never
//! looks at a return whose structure is not the template's: its columns cannot be trusted.

mod dates;
mod merges;
mod return_sheet;
mod suspects;
mod table;
mod whole_return;

use crate::base::cellref::CellPos;
use crate::base::dates::{Date, Quarter};
use crate::base::value::Value;
use crate::check::cells::{self as values, display, is_blank, Problem};
use crate::check::content::Content;
use crate::check::finding::{Code, Finding, Findings, Severity};
use crate::definition::{Definition, Kind};
use crate::read::{Book, Sheet, Stored};

/// Where a finding is: the sheet, the cell, and the column's header (or the Return
/// sheet's label).
#[derive(Clone, Copy)]
struct At<'a> {
    sheet: &'a str,
    cell: CellPos,
    header: &'a str,
}

impl<'a> At<'a> {
    fn new(sheet: &'a str, row: u32, col: u32, header: &'a str) -> At<'a> {
        At {
            sheet,
            cell: CellPos::new(row, col),
            header,
        }
    }
}

/// What every rule needs: the definition, how the file counts dates, the findings so far,
/// and the YesNo list's two values.
struct Ctx<'a> {
    def: &'a Definition,
    date1904: bool,
    /// The day of the run: a return cannot have been submitted after it.
    today: Date,
    findings: Findings,
    yes: &'a str,
    no: &'a str,
    /// The quarter the Return sheet's quarter cell reads as when it is written another way
    /// ("Q2 2016/17"), and that cell (`Return!B6`): the dates are checked against it, and
    /// their findings say so.
    quarter_read_as: Option<(Quarter, String)>,
}

impl Ctx<'_> {
    /// Records a finding at a cell.
    fn push(
        &mut self,
        severity: Severity,
        at: &At<'_>,
        value: Option<String>,
        code: Code,
        message: String,
    ) {
        let mut f = Finding::error(code, message)
            .at(at.sheet, at.cell)
            .column(at.header);
        f.severity = severity;
        f.value = value;
        self.findings.push(f);
    }

    fn problem(&mut self, at: &At<'_>, value: Option<&Stored>, p: Problem, severity: Severity) {
        self.push(severity, at, value.map(display), p.code, p.message);
    }

    fn error(&mut self, at: &At<'_>, value: Option<String>, code: Code, message: String) {
        self.push(Severity::Error, at, value, code, message);
    }

    fn warn(&mut self, at: &At<'_>, value: Option<String>, code: Code, message: String) {
        self.push(Severity::Warning, at, value, code, message);
    }

    /// Problems any cell can have whatever its column: errors, formulas with no saved
    /// value, text longer than Excel allows. Returns false when the cell cannot be read.
    fn readable(&mut self, at: &At<'_>, value: &Stored) -> bool {
        match value {
            Stored::Error(e) => {
                self.error(
                    at,
                    Some(e.clone()),
                    Code::CellError,
                    format!("holds the error value {e}: correct the formula or type the value"),
                );
                false
            }
            Stored::Formula(_) => {
                self.error(at,
                    Some(display(value)),
                    Code::FormulaWithoutValue,
                    "is a formula with no saved value: open the file in Excel or LibreOffice, let it calculate, and save it".to_string(),
                );
                false
            }
            Stored::Text(t) if t.len() > 32_767 && t.chars().count() > 32_767 => {
                self.error(
                    at,
                    None,
                    Code::TextTooLong,
                    format!(
                        "holds {} characters, more than Excel's 32,767: shorten it",
                        t.chars().count()
                    ),
                );
                false
            }
            _ => true,
        }
    }

    /// Reads one cell by its kind; problems become findings. Blank gives `Value::Empty`.
    /// Returns the value (the text as typed when it does not read) and whether it read.
    fn read(&mut self, at: &At<'_>, kind: Kind, value: Option<&Stored>) -> (Value, bool) {
        let Some(v) = value.filter(|v| !is_blank(Some(v))) else {
            return (Value::Empty, true);
        };
        if !self.readable(at, v) {
            return (Value::Text(display(v)), false);
        }
        let raw = || Value::Text(values::read_text(v));
        let result: Result<(Value, Option<Problem>), Problem> = match kind {
            Kind::Text => Ok((raw(), None)),
            Kind::Date => values::read_date(v, self.date1904).map(|(d, w)| (Value::Date(d), w)),
            Kind::List(list) => {
                values::read_list(v, self.def.list(list)).map(|(s, w)| (Value::Text(s), w))
            }
            Kind::Postcode => values::read_postcode(v).map(|s| (Value::Text(s), None)),
            Kind::Email => values::read_email(v).map(|s| (Value::Text(s), None)),
            Kind::Count => values::read_count(v).map(|n| (Value::Number(n as f64), None)),
        };
        match result {
            Ok((norm, warning)) => {
                if let Some(w) = warning {
                    self.problem(at, Some(v), w, Severity::Warning);
                }
                (norm, true)
            }
            Err(p) => {
                self.problem(at, Some(v), p, Severity::Error);
                (raw(), false)
            }
        }
    }
}

/// Checks the content of a return whose structure is the template's. `today` is the day a
/// `Date submitted` may not be after.
pub(crate) fn check(book: &Book, def: &Definition, today: Date) -> (Content, Findings) {
    let (yes, no) = def.yes_no();
    let mut ctx = Ctx {
        def,
        date1904: book.date1904,
        today,
        findings: Findings::default(),
        yes,
        no,
        quarter_read_as: None,
    };
    let mut content = Content::default();
    let empty = empty_sheet(&def.return_sheet);
    let ret = book.sheet(&def.return_sheet).unwrap_or(&empty);
    return_sheet::check_return(&mut ctx, ret, &mut content);
    let quarter = content
        .quarter
        .or(ctx.quarter_read_as.as_ref().map(|(q, _)| *q));
    for t in &def.tables {
        let empty = empty_sheet(&t.sheet);
        let sheet = book.sheet(&t.sheet).unwrap_or(&empty);
        let rows = table::check_table(&mut ctx, sheet, t, quarter);
        if t.sheet == def.incidents().sheet {
            content.incidents = rows;
        } else {
            content.engagement = rows;
        }
    }
    whole_return::check_whole_return(&mut ctx, &content);
    for sheet in &book.sheets {
        if let Some(index) = def.sheet_index(&sheet.name) {
            merges::check_merges(&mut ctx, sheet, index);
        }
    }
    (content, ctx.findings)
}

/// A sheet with nothing on it, for a template sheet the workbook lacks.
fn empty_sheet(name: &str) -> Sheet {
    Sheet {
        name: name.to_string(),
        visible: true,
        cells: Vec::new(),
        merges: Vec::new(),
    }
}
