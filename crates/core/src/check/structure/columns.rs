//! A table's columns: which were inserted, which deleted, and which headers changed.
//!
//! The header alignment (`super::align`) says which columns match; between two matched
//! columns, a run of unmatched ones is read as a changed header when one template column
//! faces one workbook column, and as real insertions and deletions otherwise. An insertion
//! is reported once, where it is ("a column was inserted before Incidents!D"), never as
//! every header to its right having changed.

use crate::base::cellref::{column_name, CellPos};
use crate::base::text::quote;
use crate::check::finding::{Code, Finding};
use crate::check::fingerprint::canonical_value;
use crate::definition::Table;
use crate::read::BookSheet;

use super::align::{align, Step};
use super::{changed, same, shown};

/// Compares the header row (its text in `actual`, one per workbook column) with the
/// table's headers. Returns whether a column was inserted or deleted, which moves the
/// table's right edge.
pub(super) fn compare_headers(
    sheet: &BookSheet,
    table: &Table,
    header: u32,
    actual: &[Option<String>],
    out: &mut Vec<Finding>,
) -> bool {
    let expected: Vec<String> = table.columns.iter().map(|c| c.header.clone()).collect();
    let steps = align(&expected, actual);
    let last_matched_actual = steps
        .iter()
        .filter_map(|s| match s {
            Step::Same(_, a) => Some(*a),
            _ => None,
        })
        .max();
    let mut diff = HeaderDiff {
        sheet,
        table,
        header,
        mapping: vec![None; table.columns.len()],
        shifted: false,
        ins: Vec::new(),
        del: Vec::new(),
    };
    for step in &steps {
        match *step {
            Step::Same(e, a) => {
                diff.flush(a as u32, out);
                diff.mapping[e] = Some(a as u32);
                check_header(sheet, header, a as u32, &table.columns[e].header, out);
            }
            Step::Inserted(a) => {
                // Blank cells past the last template column are not columns at all; a
                // blank one between template columns is an inserted column.
                let inside = last_matched_actual.is_some_and(|m| a < m);
                if actual[a].is_some() || inside {
                    diff.ins.push(a);
                }
            }
            Step::Deleted(e) => diff.del.push(e),
        }
    }
    diff.flush(last_matched_actual.map_or(0, |m| m as u32 + 1), out);
    diff.shifted
}

/// The walk along the alignment: where each template column was found so far, and the
/// unmatched columns since the last matched one.
struct HeaderDiff<'a> {
    sheet: &'a BookSheet,
    table: &'a Table,
    header: u32,
    /// The workbook column of each template column, once known.
    mapping: Vec<Option<u32>>,
    /// Whether a column was inserted or deleted.
    shifted: bool,
    /// Workbook columns with no template column, since the last match.
    ins: Vec<usize>,
    /// Template columns with no workbook column, since the last match.
    del: Vec<usize>,
}

impl HeaderDiff<'_> {
    /// Pairs the pending insertions and deletions: a one-for-one swap is a changed
    /// header; the rest are real insertions and deletions.
    /// `next` is the workbook column of the next matched template column: where a
    /// deleted column must be inserted back.
    fn flush(&mut self, next: u32, out: &mut Vec<Finding>) {
        let ins = std::mem::take(&mut self.ins);
        let del = std::mem::take(&mut self.del);
        let pairs = ins.len().min(del.len());
        for (&e, &a) in del.iter().zip(&ins).take(pairs) {
            self.mapping[e] = Some(a as u32);
            let expected = &self.table.columns[e].header;
            check_header(self.sheet, self.header, a as u32, expected, out);
        }
        for &a in &ins[pairs..] {
            self.shifted = true;
            out.push(self.inserted(a as u32));
        }
        for &e in &del[pairs..] {
            self.shifted = true;
            out.push(self.deleted(e, next));
        }
    }

    /// Workbook column `a` has no template column: named with the template column it
    /// stands before.
    fn inserted(&self, a: u32) -> Finding {
        let name = &self.sheet.name;
        let columns = &self.table.columns;
        let before = (0..columns.len()).find(|&e| self.mapping[e].is_none_or(|m| m > a));
        let header = self.sheet.get(self.header, a);
        let label = shown(header);
        let blank = !self
            .sheet
            .cells
            .iter()
            .any(|c| c.col == a && c.row >= self.header && canonical_value(&c.value).is_some());
        let col = column_name(a);
        let what = if blank {
            format!("column {col} is new and blank")
        } else if header.is_none() {
            format!("column {col} is new; its header is blank")
        } else {
            format!("the inserted column is {col}, headed {}", quote(&label))
        };
        let message = match before {
            Some(e) => format!(
                "a column was inserted before {name}!{} ('{}') ({what}): delete column {col}",
                column_name(e as u32),
                columns[e].header,
            ),
            None => format!(
                "a column {col} was added after the last column ({what}): delete column {col}"
            ),
        };
        Finding::modified(Code::ColumnInserted, message)
            .at(name, CellPos::new(self.header, a))
            .value(label)
    }

    /// Template column `e` has no workbook column; it belongs before workbook column
    /// `at`.
    fn deleted(&self, e: usize, at: u32) -> Finding {
        let name = &self.sheet.name;
        let header = &self.table.columns[e].header;
        let now = self
            .sheet
            .get(self.header, at)
            .map(|v| {
                format!(
                    " ({name}!{}{} now holds {})",
                    column_name(at),
                    self.header + 1,
                    quote(&shown(Some(v)))
                )
            })
            .unwrap_or_default();
        Finding::modified(
            Code::ColumnDeleted,
            format!(
                "the column {name}!{} '{header}' was deleted{now}: insert a column before column {} and type '{header}' in {}{}",
                column_name(e as u32),
                column_name(at),
                column_name(at),
                self.header + 1,
            ),
        )
        .at(name, CellPos::new(self.header, at))
        .column(header)
    }
}

/// Reports a header cell that does not read as the template's header for its column.
fn check_header(sheet: &BookSheet, row: u32, col: u32, expected: &str, out: &mut Vec<Finding>) {
    let found = sheet.get(row, col);
    if !found.is_some_and(|v| same(v, expected)) {
        out.push(changed(
            &sheet.name,
            row,
            col,
            expected,
            found,
            Code::HeaderChanged,
            "the header",
        ));
    }
}
