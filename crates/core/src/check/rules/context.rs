//! The context every rule works in: where a finding is ([`At`]), and the run's state
//! ([`Ctx`]): the definition, the findings so far, and what is known of the return.
//!
//! A rule records a finding through [`Ctx::error`] or [`Ctx::warn`], placed at a cell with
//! its column's header, so that every finding carries the same parts. Reading a cell by
//! its kind is here too, for the Return sheet and the tables alike: a problem found while
//! reading (a date that is not one, a value not in its list) is reported once, here.

use std::collections::HashMap;

use crate::base::calendar::{Date, Quarter};
use crate::base::cellref::CellPos;
use crate::base::value::Value;
use crate::check::cells::{self as values, display, is_blank, Problem};
use crate::check::finding::{Code, Finding, Findings, Severity};
use crate::definition::{CellKind, Definition, Field};
use crate::read::Stored;

/// Where a finding is: the sheet, the cell, and the column's header (or the Return
/// sheet's label).
#[derive(Clone, Copy)]
pub(crate) struct At<'a> {
    sheet: &'a str,
    cell: CellPos,
    header: &'a str,
}

impl<'a> At<'a> {
    pub(super) fn new(sheet: &'a str, row: u32, col: u32, header: &'a str) -> At<'a> {
        At {
            sheet,
            cell: CellPos::new(row, col),
            header,
        }
    }

    /// The column's header (or the Return field's label), quoted: the subject of a
    /// message about the cell ("'Suspect identified' is 'Yes' but …").
    pub(super) fn subject(&self) -> String {
        format!("'{}'", self.header)
    }

    /// A Return field's input cell (column B of its row), named by its label.
    pub(super) fn field(sheet: &'a str, field: &'a Field) -> At<'a> {
        At::new(sheet, field.row - 1, 1, &field.label)
    }
}

/// What every rule needs: the definition, how the file counts dates, the findings so far,
/// the YesNo list's two values, and what the rules have learnt of the return so far.
pub(crate) struct Ctx<'a> {
    pub(super) def: &'a Definition,
    pub(super) date1904: bool,
    /// The day of the run: a return cannot have been submitted after it.
    pub(super) today: Date,
    pub(super) findings: Findings,
    pub(super) yes: &'a str,
    pub(super) no: &'a str,
    /// The quarter the Return sheet's quarter cell reads as when it is written another way
    /// ("Q2 2016/17"), and that cell (`Return!B6`): the dates are checked against it, and
    /// their findings say so.
    pub(super) quarter_read_as: Option<(Quarter, String)>,
    /// The quarter the tables' dates are checked against: the Return sheet's, as it reads
    /// or as it reads another way; set once the Return sheet is read.
    pub(super) quarter: Option<Quarter>,
    /// The values of unique columns seen so far in the table being read (column and value
    /// upper-cased), with the zero-based row of each first sighting.
    pub(super) seen: HashMap<(u32, String), u32>,
}

impl Ctx<'_> {
    /// The reporting quarter the tables' dates are checked against, and what a finding on
    /// one adds when the quarter cell is written another way (" (Return!B6 reads as
    /// 2016-17 Q2)").
    pub(super) fn quarter(&self) -> Option<(Quarter, String)> {
        let q = self.quarter?;
        let read_as = match &self.quarter_read_as {
            Some((read, cell)) if *read == q => format!(" ({cell} reads as {q})"),
            _ => String::new(),
        };
        Some((q, read_as))
    }

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

    pub(super) fn problem(
        &mut self,
        at: &At<'_>,
        value: Option<&Stored>,
        p: Problem,
        severity: Severity,
    ) {
        self.push(severity, at, value.map(display), p.code, p.message);
    }

    pub(super) fn error(
        &mut self,
        at: &At<'_>,
        value: Option<String>,
        code: Code,
        message: String,
    ) {
        self.push(Severity::Error, at, value, code, message);
    }

    pub(super) fn warn(&mut self, at: &At<'_>, value: Option<String>, code: Code, message: String) {
        self.push(Severity::Warning, at, value, code, message);
    }

    /// Problems any cell can have whatever its column: errors, formulas with no saved
    /// value, text longer than Excel allows. Returns false when the cell cannot be read.
    pub(super) fn readable(&mut self, at: &At<'_>, value: &Stored) -> bool {
        match value {
            Stored::Error(e) => {
                self.error(
                    at,
                    Some(e.clone()),
                    Code::CellError,
                    format!(
                        "{} holds the error value {e}: correct the formula or type the value",
                        at.subject()
                    ),
                );
                false
            }
            Stored::Formula(_) => {
                self.error(at,
                    Some(display(value)),
                    Code::FormulaWithoutValue,
                    format!("{} is a formula with no saved value: open the file in Excel or LibreOffice, let it calculate, and save it", at.subject()),
                );
                false
            }
            Stored::Text(t) if t.len() > 32_767 && t.chars().count() > 32_767 => {
                self.error(
                    at,
                    None,
                    Code::TextTooLong,
                    format!(
                        "{} holds {} characters, more than Excel's 32,767: shorten it",
                        at.subject(),
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
    pub(super) fn read(
        &mut self,
        at: &At<'_>,
        kind: CellKind,
        value: Option<&Stored>,
    ) -> (Value, bool) {
        let Some(v) = value.filter(|v| !is_blank(Some(v))) else {
            return (Value::Empty, true);
        };
        if !self.readable(at, v) {
            return (Value::Text(display(v)), false);
        }
        let raw = || Value::Text(values::read_text(v));
        let result: Result<(Value, Option<Problem>), Problem> = match kind {
            CellKind::Text => Ok((raw(), None)),
            CellKind::Date => values::read_date(v, self.date1904).map(|(d, w)| (Value::Date(d), w)),
            CellKind::List(list) => {
                values::read_list(v, self.def.list(list)).map(|(s, w)| (Value::Text(s), w))
            }
            CellKind::Postcode => values::read_postcode(v).map(|s| (Value::Text(s), None)),
            CellKind::Email => values::read_email(v).map(|s| (Value::Text(s), None)),
            CellKind::Count => values::read_count(v).map(|n| (Value::Number(n as f64), None)),
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
