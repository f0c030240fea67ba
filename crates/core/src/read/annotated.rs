//! The findings sheet of bridger's own annotated copy, recognised so that it is not an
//! added sheet.
//!
//! `bridger validate --report` writes a copy of a return with a last sheet listing the
//! findings. That sheet must not make the copy a modified template, or the copy could
//! never be fixed and sent. So a workbook whose last sheet is named exactly
//! [`FINDINGS_SHEET`] and holds exactly [`FINDINGS_MARKER`] in A1 has that sheet set aside
//! before it is fingerprinted or checked ([`set_aside_findings_sheet`]), and the outcome
//! says so. A sheet of that name anywhere else, or without the marker, is an added sheet
//! like any other.

use crate::read::{Book, Stored};

/// The name of the annotated copy's findings sheet.
pub(crate) const FINDINGS_SHEET: &str = "Bridger findings";

/// The sentence in A1 of the findings sheet that marks it as bridger's own.
pub const FINDINGS_MARKER: &str = "Findings from bridger validate. bridger ignores this sheet when it checks the workbook (it must stay the last sheet, with this sentence in A1); you may delete it.";

/// Removes bridger's findings sheet from `book` when it is the last sheet, has exactly
/// that name and carries the marker in A1; returns its name when it was removed.
pub fn set_aside_findings_sheet(book: &mut Book) -> Option<String> {
    let last = book.sheets.last()?;
    let marked = matches!(last.get(0, 0), Some(Stored::Text(t)) if &**t == FINDINGS_MARKER);
    if last.name == FINDINGS_SHEET && marked {
        book.sheets.pop().map(|s| s.name)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::{BookSheet, Cell, Format};

    fn sheet(name: &str, a1: &str) -> BookSheet {
        BookSheet {
            name: name.to_string(),
            visible: true,
            cells: vec![Cell {
                row: 0,
                col: 0,
                value: Stored::Text(a1.into()),
            }],
            merges: Vec::new(),
        }
    }

    fn book(sheets: Vec<BookSheet>) -> Book {
        Book {
            format: Format::Xlsx,
            sheets,
            has_macros: false,
            date1904: false,
        }
    }

    #[test]
    fn only_a_last_marked_sheet_of_that_exact_name_is_set_aside() {
        let mut b = book(vec![
            sheet("Return", "x"),
            sheet(FINDINGS_SHEET, FINDINGS_MARKER),
        ]);
        assert_eq!(
            set_aside_findings_sheet(&mut b).as_deref(),
            Some(FINDINGS_SHEET)
        );
        assert_eq!(b.sheets.len(), 1);
        for sheets in [
            vec![sheet(FINDINGS_SHEET, FINDINGS_MARKER), sheet("Return", "x")],
            vec![sheet("Return", "x"), sheet(FINDINGS_SHEET, "my notes")],
            vec![
                sheet("Return", "x"),
                sheet("bridger findings", FINDINGS_MARKER),
            ],
        ] {
            let mut b = book(sheets);
            assert_eq!(set_aside_findings_sheet(&mut b), None);
            assert_eq!(b.sheets.len(), 2);
        }
    }
}
