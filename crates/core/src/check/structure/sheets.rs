//! Pairing the workbook's sheets with the template's: which were added, which are missing,
//! which were renamed (a missing sheet whose frame turns up under another name) and
//! whether they are in the template's order.
//!
//! It names sheets only; what is inside a paired sheet is compared elsewhere.

use std::collections::HashSet;

use crate::base::text::quote;
use crate::check::finding::{Code, Finding};
use crate::definition::Definition;
use crate::read::{Book, BookSheet};

use super::same;

/// Pairs the template's sheets with the workbook's, reporting added, missing, renamed and
/// moved sheets. Returns (definition index, book index) pairs, in the template's order.
pub(super) fn match_sheets(
    book: &Book,
    def: &Definition,
    out: &mut Vec<Finding>,
) -> Vec<(usize, usize)> {
    if let Some(finding) = not_annex_c(book, def) {
        out.push(finding);
        return Vec::new();
    }
    let mut pairs = Vec::new();
    let mut used = HashSet::new();
    let mut missing = Vec::new();
    for (e, name) in def.sheets.iter().enumerate() {
        match book.sheets.iter().position(|s| s.name == *name) {
            Some(a) => {
                pairs.push((e, a));
                used.insert(a);
            }
            None => missing.push(e),
        }
    }
    let mut extra: Vec<usize> = (0..book.sheets.len())
        .filter(|a| !used.contains(a))
        .collect();
    // A missing sheet whose frame turns up under another name was renamed.
    for e in missing {
        let best = extra
            .iter()
            .map(|&a| (frame_overlap(&book.sheets[a], def, e), a))
            .filter(|(score, _)| *score >= 0.5)
            .max_by(|x, y| x.0.total_cmp(&y.0));
        match best {
            Some((_, a)) => {
                out.push(renamed(def, e, &book.sheets[a]));
                pairs.push((e, a));
                extra.retain(|x| *x != a);
            }
            None => out.push(
                Finding::modified(
                    Code::SheetMissing,
                    format!(
                        "the sheet '{}' is missing: it was deleted or renamed beyond recognition; start again from a fresh template",
                        def.sheets[e]
                    ),
                )
                .on_sheet(&def.sheets[e]),
            ),
        }
    }
    for a in extra {
        out.push(
            Finding::modified(
                Code::SheetAdded,
                format!(
                    "a sheet {} was added (sheet {} of {}): delete it; keep your own analysis in a separate workbook",
                    quote(&book.sheets[a].name),
                    a + 1,
                    book.sheets.len()
                ),
            )
            .on_sheet(&book.sheets[a].name),
        );
    }
    pairs.sort_by_key(|&(_, a)| a);
    if let Some(finding) = moved(book, def, &pairs) {
        out.push(finding);
    }
    pairs.sort_by_key(|&(e, _)| e);
    pairs
}

/// A workbook none of whose sheets is a template sheet, by name or by its frame: not a
/// return on the template at all, said once with what to do instead.
fn not_annex_c(book: &Book, def: &Definition) -> Option<Finding> {
    let known = book.sheets.iter().any(|s| {
        def.sheets.contains(&s.name)
            || (0..def.sheets.len()).any(|e| frame_overlap(s, def, e) >= 0.5)
    });
    if known {
        return None;
    }
    let names: Vec<String> = book.sheets.iter().map(|s| quote(&s.name)).collect();
    let found = match names.len() {
        0 => "it has no sheets".to_string(),
        1 => format!("its one sheet {} is not a template sheet", names[0]),
        _ => format!(
            "none of its sheets ({}) is a template sheet",
            names.join(", ")
        ),
    };
    let tables: Vec<String> = def
        .tables
        .iter()
        .map(|t| format!("{} from row {}", t.sheet, t.header_index() + 2))
        .collect();
    let mut finding = Finding::modified(
        Code::NotAnnexC,
        format!(
            "this workbook is not the Annex C template ({found}; the template's sheets are {}): copy your rows into the Annex C template ({}, one value under each header), fill in its {} sheet, and send that file",
            def.sheets.join(", "),
            tables.join(", "),
            def.return_sheet
        ),
    );
    if let Some(first) = book.sheets.first() {
        finding = finding.on_sheet(&first.name);
    }
    Some(finding)
}

fn renamed(def: &Definition, expected: usize, sheet: &BookSheet) -> Finding {
    Finding::modified(
        Code::SheetRenamed,
        format!(
            "the sheet '{}' was renamed {}: rename it back to '{}'",
            def.sheets[expected],
            quote(&sheet.name),
            def.sheets[expected]
        ),
    )
    .on_sheet(&sheet.name)
    .value(sheet.name.clone())
}

/// The sheets out of the template's order, given the pairs in the workbook's order.
fn moved(book: &Book, def: &Definition, pairs: &[(usize, usize)]) -> Option<Finding> {
    let order: Vec<usize> = pairs.iter().map(|&(e, _)| e).collect();
    if !order.windows(2).any(|w| w[0] > w[1]) {
        return None;
    }
    let found: Vec<&str> = pairs
        .iter()
        .map(|&(_, a)| book.sheets[a].name.as_str())
        .collect();
    Some(Finding::modified(
        Code::SheetMoved,
        format!(
            "the sheets are in the order {}; the template's order is {}: drag them back into that order",
            found.join(", "),
            def.sheets.join(", ")
        ),
    ))
}

/// The share of a template sheet's frame cells found unchanged in `sheet`.
fn frame_overlap(sheet: &BookSheet, def: &Definition, expected: usize) -> f64 {
    let frame: Vec<_> = def.frame().iter().filter(|c| c.sheet == expected).collect();
    if frame.is_empty() {
        return 0.0;
    }
    let hits = frame
        .iter()
        .filter(|c| sheet.get(c.row, c.col).is_some_and(|v| same(v, &c.value)))
        .count();
    hits as f64 / frame.len() as f64
}
