//! Findings: everything bridger has to say about a return, as data.
//!
//! A finding has a severity, a stable code, where it is (sheet, cell, column header), the
//! value found and a message that tells an Excel user how to fix it. The terminal table,
//! the JSON lines and the annotated workbook are three renderings of the same list, so a
//! finding is never phrased in one place and lost in another.
//!
//! Serde carries a finding whole, every field as it is, between processes; the JSON that
//! scripts read is rendered by the command line, which says the cell as `G6`.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::de::{Deserializer, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

use crate::base::cellref::CellPos;

pub(crate) use crate::definition::codes::Code;
pub use crate::definition::codes::Severity;

/// One thing wrong, or worth a look, in a return.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// Error (the return is not accepted) or warning (worth a look only).
    pub severity: Severity,
    /// Stable, documented in the README: scripts may match on it.
    pub code: Code,
    /// The sheet it is on; `None` for a finding about the whole file.
    pub sheet: Option<String>,
    /// The cell, when there is one; shown as its A1 reference.
    pub cell: Option<CellPos>,
    /// The column's header (or the Return sheet's label).
    pub column: Option<String>,
    /// The value found, as text.
    pub value: Option<String>,
    /// What is wrong and how to fix it, in words for an Excel user.
    pub message: String,
    /// Whether this finding means the template itself was altered.
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
    pub(crate) fn warning(code: Code, message: impl Into<String>) -> Finding {
        Finding {
            severity: Severity::Warning,
            ..Finding::error(code, message)
        }
    }

    /// A finding that the template's structure was altered.
    pub(crate) fn modified(code: Code, message: impl Into<String>) -> Finding {
        Finding {
            structural: true,
            ..Finding::error(code, message)
        }
    }

    /// The finding placed on a cell of a sheet.
    pub(crate) fn at(mut self, sheet: &str, cell: CellPos) -> Finding {
        self.sheet = Some(sheet.to_string());
        self.cell = Some(cell);
        self
    }

    /// The finding placed on a whole sheet, with no cell.
    pub(crate) fn on_sheet(mut self, sheet: &str) -> Finding {
        self.sheet = Some(sheet.to_string());
        self
    }

    /// The finding with its column's header (or the Return sheet's label).
    pub(crate) fn column(mut self, header: &str) -> Finding {
        self.column = Some(header.to_string());
        self
    }

    /// The finding with the value found, as text.
    pub(crate) fn value(mut self, value: impl Into<String>) -> Finding {
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

/// Findings kept per return; beyond this they are counted, not stored.
pub const MAX_FINDINGS: usize = 10_000;

/// The most characters a kept finding's message has: a message quotes values cut
/// ([`crate::base::text::quote`]), so only a message quoting many long texts is cut here.
/// With [`MAX_FINDINGS`] this bounds what one return's findings take, wherever they go.
pub(crate) const MAX_MESSAGE_CHARS: usize = 1_000;

/// `f` held to its bounds: its value shown cut ([`crate::base::text::shown_value`]), its
/// message and column at most [`MAX_MESSAGE_CHARS`] characters.
fn bounded(mut f: Finding) -> Finding {
    use crate::base::text::{cut_middle, shown_value};
    if let Some(Cow::Owned(cut)) = f.value.as_deref().map(shown_value) {
        f.value = Some(cut);
    }
    if let Cow::Owned(cut) = cut_middle(&f.message, MAX_MESSAGE_CHARS) {
        f.message = cut;
    }
    if let Some(Cow::Owned(cut)) = f
        .column
        .as_deref()
        .map(|c| cut_middle(c, MAX_MESSAGE_CHARS))
    {
        f.column = Some(cut);
    }
    f
}

/// The findings of one return, with counts that cover even those not kept.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Findings {
    /// The findings kept, in the order found: at most [`MAX_FINDINGS`] (serde reads back
    /// no more, so a receiver never holds more than a return keeps).
    #[serde(deserialize_with = "at_most_max_findings")]
    pub list: Vec<Finding>,
    /// Errors found in the return (all of them, even past `MAX_FINDINGS`).
    pub errors: usize,
    /// Warnings found in the return (all of them, even past `MAX_FINDINGS`).
    pub warnings: usize,
    /// How many findings of each code, kept or not.
    pub by_code: BTreeMap<Code, usize>,
}

impl Findings {
    /// Counts a finding, and keeps it, held to its bounds, while fewer than
    /// [`MAX_FINDINGS`] are kept.
    pub fn push(&mut self, finding: Finding) {
        match finding.severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
        }
        *self.by_code.entry(finding.code).or_default() += 1;
        if self.list.len() < MAX_FINDINGS {
            self.list.push(bounded(finding));
        }
    }

    /// Errors and warnings together, kept or not.
    pub fn total(&self) -> usize {
        self.errors + self.warnings
    }
}

/// Reads a list of findings, refusing it as soon as it holds more than [`MAX_FINDINGS`]:
/// never more than one return keeps is held, whatever the bytes say.
fn at_most_max_findings<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Finding>, D::Error> {
    struct Bounded;
    impl<'de> Visitor<'de> for Bounded {
        type Value = Vec<Finding>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "at most {MAX_FINDINGS} findings")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<Finding>, A::Error> {
            let hint = seq.size_hint().unwrap_or(0);
            if hint > MAX_FINDINGS {
                return Err(serde::de::Error::invalid_length(hint, &self));
            }
            let mut list = Vec::with_capacity(hint.min(1024));
            while let Some(f) = seq.next_element()? {
                if list.len() == MAX_FINDINGS {
                    return Err(serde::de::Error::invalid_length(MAX_FINDINGS + 1, &self));
                }
                list.push(f);
            }
            Ok(list)
        }
    }
    d.deserialize_seq(Bounded)
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
        let sheet_only = Finding::modified(Code::SheetAdded, "added").on_sheet("Notes");
        assert_eq!(sheet_only.location(), "Notes");
    }

    #[test]
    fn serde_reads_back_every_field_and_no_more_findings_than_a_return_keeps() {
        let mut findings = Findings::default();
        let f = Finding::modified(Code::HeaderChanged, "changed")
            .at("Incidents", CellPos::new(5, 6))
            .column("Category")
            .value("Categroy");
        for _ in 0..MAX_FINDINGS {
            findings.push(f.clone());
        }
        let json = serde_json::to_string(&findings).unwrap();
        let back: Findings = serde_json::from_str(&json).unwrap();
        assert_eq!(format!("{back:?}"), format!("{findings:?}"));
        assert!(back.list[0].structural && back.list[0].cell == f.cell);
        findings.list.push(f);
        let json = serde_json::to_string(&findings).unwrap();
        let err = serde_json::from_str::<Findings>(&json).unwrap_err();
        assert!(err.to_string().contains("at most 10000 findings"), "{err}");
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

    #[test]
    fn a_kept_finding_is_held_to_its_bounds_whatever_the_cell_held() {
        let long = "x".repeat(32_767);
        let mut findings = Findings::default();
        findings.push(
            Finding::error(Code::NotInList, format!("{long} is not in the list"))
                .column(&long)
                .value(long.clone()),
        );
        let f = &findings.list[0];
        assert_eq!(
            f.value.as_deref(),
            Some(format!("{}… (a value of 32,767 characters)", &long[..100]).as_str())
        );
        assert_eq!(f.message.chars().count(), MAX_MESSAGE_CHARS);
        assert!(f.message.ends_with("is not in the list"), "{}", f.message);
        assert_eq!(
            f.column.as_ref().map(|c| c.chars().count()),
            Some(MAX_MESSAGE_CHARS)
        );
    }
}
