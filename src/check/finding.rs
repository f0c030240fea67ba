//! Findings: everything bridger has to say about a return, as data.
//!
//! A finding has a severity, a stable code, where it is (sheet, cell, column header), the
//! value found and a message that tells an Excel user how to fix it. The terminal table,
//! the JSON lines and the annotated workbook are three renderings of the same list, so a
//! finding is never phrased in one place and lost in another.

use std::collections::BTreeMap;

use serde::{Serialize, Serializer};

use crate::base::cellref::CellPos;

pub use crate::definition::codes::{Code, Severity};

/// One thing wrong, or worth a look, in a return.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    /// Error (the return is not accepted) or warning (worth a look only).
    pub severity: Severity,
    /// Stable, documented in the README: scripts may match on it.
    pub code: Code,
    /// The sheet it is on; `None` for a finding about the whole file.
    pub sheet: Option<String>,
    /// The cell, when there is one; shown (and serialised) as its A1 reference.
    #[serde(serialize_with = "a1_or_null")]
    pub cell: Option<CellPos>,
    /// The column's header (or the Return sheet's label).
    pub column: Option<String>,
    /// The value found, as text.
    pub value: Option<String>,
    /// What is wrong and how to fix it, in words for an Excel user.
    pub message: String,
    /// Whether this finding means the template itself was altered.
    #[serde(skip)]
    pub structural: bool,
}

impl Finding {
    /// An error, not yet placed on a sheet or cell.
    pub fn error(code: Code, message: impl Into<String>) -> Finding {
        Finding {
            severity: Severity::Error,
            code,
            sheet: None,
            cell: None,
            column: None,
            value: None,
            message: message.into(),
            structural: false,
        }
    }

    /// A warning, not yet placed on a sheet or cell.
    pub fn warning(code: Code, message: impl Into<String>) -> Finding {
        Finding {
            severity: Severity::Warning,
            ..Finding::error(code, message)
        }
    }

    /// A finding that the template's structure was altered.
    pub fn modified(code: Code, message: impl Into<String>) -> Finding {
        Finding {
            structural: true,
            ..Finding::error(code, message)
        }
    }

    /// The finding placed on a cell of a sheet.
    pub fn at(mut self, sheet: &str, cell: CellPos) -> Finding {
        self.sheet = Some(sheet.to_string());
        self.cell = Some(cell);
        self
    }

    /// The finding placed on a whole sheet, with no cell.
    pub fn on_sheet(mut self, sheet: &str) -> Finding {
        self.sheet = Some(sheet.to_string());
        self
    }

    /// The finding with its column's header (or the Return sheet's label).
    pub fn column(mut self, header: &str) -> Finding {
        self.column = Some(header.to_string());
        self
    }

    /// The finding with the value found, as text.
    pub fn value(mut self, value: impl Into<String>) -> Finding {
        self.value = Some(value.into());
        self
    }

    /// The finding as one line: where, then what (the place is left out when the message
    /// names it already).
    pub fn reason(&self) -> String {
        let loc = self.location();
        if loc.is_empty() || self.message.contains(&loc) {
            self.message.clone()
        } else {
            format!("{loc}: {}", self.message)
        }
    }

    /// `Incidents!D7`, or the sheet alone, or nothing.
    pub fn location(&self) -> String {
        match (&self.sheet, &self.cell) {
            (Some(s), Some(c)) => format!("{s}!{c}"),
            (Some(s), None) => s.clone(),
            _ => String::new(),
        }
    }
}

/// A cell as its A1 reference (`"G6"`), or null: the JSON says where as Excel does.
fn a1_or_null<S: Serializer>(cell: &Option<CellPos>, serializer: S) -> Result<S::Ok, S::Error> {
    match cell {
        Some(pos) => serializer.collect_str(pos),
        None => serializer.serialize_none(),
    }
}

/// Findings kept per return; beyond this they are counted, not stored.
pub const MAX_FINDINGS: usize = 10_000;

/// The findings of one return, with counts that cover even those not kept.
#[derive(Clone, Debug, Default)]
pub struct Findings {
    /// The findings kept, in the order found: at most [`MAX_FINDINGS`].
    pub list: Vec<Finding>,
    /// Errors found in the return (all of them, even past `MAX_FINDINGS`).
    pub errors: usize,
    /// Warnings found in the return (all of them, even past `MAX_FINDINGS`).
    pub warnings: usize,
    /// How many findings of each code, kept or not.
    pub by_code: BTreeMap<Code, usize>,
}

impl Findings {
    /// Counts a finding, and keeps it while fewer than [`MAX_FINDINGS`] are kept.
    pub fn push(&mut self, finding: Finding) {
        match finding.severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
        }
        *self.by_code.entry(finding.code).or_default() += 1;
        if self.list.len() < MAX_FINDINGS {
            self.list.push(finding);
        }
    }

    /// Errors and warnings together, kept or not.
    pub fn total(&self) -> usize {
        self.errors + self.warnings
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_is_a_number_inside_and_a1_at_the_edge() {
        let f = Finding::error(Code::NotInList, "not in the list")
            .at("Incidents", CellPos::new(5, 6))
            .column("Category");
        assert_eq!(f.cell, Some(CellPos { row: 5, col: 6 }));
        assert_eq!(f.location(), "Incidents!G6");
        assert_eq!(f.reason(), "Incidents!G6: not in the list");
        let json = serde_json::to_value(&f).unwrap();
        assert_eq!(json["cell"], "G6");
        assert_eq!(json["code"], "not-in-list");
        assert_eq!(json["severity"], "error");
        let sheet_only = Finding::modified(Code::SheetAdded, "added").on_sheet("Notes");
        let json = serde_json::to_value(&sheet_only).unwrap();
        assert!(json["cell"].is_null(), "{json}");
        assert_eq!(sheet_only.location(), "Notes");
    }

    #[test]
    fn counts_cover_findings_not_kept() {
        let mut findings = Findings::default();
        for _ in 0..MAX_FINDINGS + 2 {
            findings.push(Finding::warning(Code::DateSerial, "serial"));
        }
        findings.push(Finding::error(Code::Required, "blank"));
        assert_eq!(findings.list.len(), MAX_FINDINGS);
        assert_eq!((findings.errors, findings.warnings), (1, MAX_FINDINGS + 2));
        assert_eq!(findings.by_code[&Code::DateSerial], MAX_FINDINGS + 2);
        assert_eq!(findings.by_code[&Code::Required], 1);
    }
}
