//! Repeated findings shown once: the same mistake in sixty cells ("'Assult' is not in the
//! Category list") is one line naming the sixty cells as ranges (`Incidents!G20:G79, G81`),
//! not sixty lines. Only what a person reads is grouped (the terminal's text, and the
//! browser page, which groups as the terminal does); `--all` and the JSON still give every
//! cell, and nothing here changes what was found.

use crate::base::cellref::{a1, CellPos};
use crate::base::text::plural;
use crate::check::finding::Finding;

/// Ranges named in one group's cell list before the rest are only counted.
const RANGES_SHOWN: usize = 8;

/// Findings that differ only by their cell: the first of them, and every cell.
pub struct Group<'a> {
    /// The first finding of the group, in the order found.
    pub first: &'a Finding,
    /// The cells of every finding in the group (the first's included), in the order found.
    pub cells: Vec<CellPos>,
    /// How many findings the group stands for (cells, or repeats of a finding with none).
    pub count: usize,
}

impl Group<'_> {
    /// Where: the finding's own location for one finding, else the sheet and the cells as
    /// compact ranges ("Incidents!G7, G20:G68").
    pub fn location(&self) -> String {
        if self.count == 1 || self.cells.is_empty() {
            return self.first.location();
        }
        let mut ranges = ranges(&self.cells);
        let more = ranges.len().saturating_sub(RANGES_SHOWN);
        ranges.truncate(RANGES_SHOWN);
        let mut text = match &self.first.sheet {
            Some(sheet) => format!("{sheet}!{}", ranges.join(", ")),
            None => ranges.join(", "),
        };
        if more > 0 {
            text.push_str(&format!(", and {} more", plural(more, "range")));
        }
        text
    }

    /// The message, with its own cell (when it names it) put as "each cell" for a group.
    pub fn message(&self) -> String {
        if self.count == 1 {
            return self.first.message.clone();
        }
        key_message(self.first).replace(CELL, "each cell")
    }
}

/// Stands for the finding's own cell in a message while grouping.
const CELL: &str = "\u{0}cell\u{0}";

/// The message with the finding's own location (`Incidents!G7`, or `G7` alone) taken out,
/// so that the same mistake in two cells reads the same.
fn key_message(f: &Finding) -> String {
    let Some(cell) = f.cell else {
        return f.message.clone();
    };
    let loc = f.location();
    let message = f.message.replace(&loc, CELL);
    replace_ref(&message, &cell.to_string())
}

/// `text` with the A1 reference `r` replaced where it stands as a whole word (so `G2` is
/// not found inside `G20`).
fn replace_ref(text: &str, r: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(r) {
        let before = rest[..at].chars().next_back();
        let after = rest[at + r.len()..].chars().next();
        let word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        out.push_str(&rest[..at]);
        out.push_str(if word(before) || word(after) { r } else { CELL });
        rest = &rest[at + r.len()..];
    }
    out.push_str(rest);
    out
}

/// The findings grouped by severity, code, sheet, column, value and message (less the
/// cell), each group where its first finding was, groups in the order found.
pub fn group(findings: &[Finding]) -> Vec<Group<'_>> {
    type Key<'a> = (
        String,
        &'a Option<String>,
        &'a Option<String>,
        &'a Option<String>,
        String,
    );
    let mut index: std::collections::HashMap<Key<'_>, usize> = Default::default();
    let mut groups: Vec<Group<'_>> = Vec::new();
    for f in findings {
        let key: Key<'_> = (
            format!("{}/{}", f.severity, f.code),
            &f.sheet,
            &f.column,
            &f.value,
            key_message(f),
        );
        let at = *index.entry(key).or_insert_with(|| {
            groups.push(Group {
                first: f,
                cells: Vec::new(),
                count: 0,
            });
            groups.len() - 1
        });
        let g = &mut groups[at];
        g.count += 1;
        g.cells.extend(f.cell);
    }
    groups
}

/// Cells as ranges, column by column, top to bottom: runs of consecutive rows in one
/// column become `G20:G79`, a cell alone stays `G81`.
pub(crate) fn ranges(cells: &[CellPos]) -> Vec<String> {
    let mut sorted: Vec<(u32, u32)> = cells.iter().map(|c| (c.col, c.row)).collect();
    sorted.sort_unstable();
    sorted.dedup();
    let mut out = Vec::new();
    let mut i = 0;
    while i < sorted.len() {
        let (col, start) = sorted[i];
        let mut end = start;
        while i + 1 < sorted.len() && sorted[i + 1] == (col, end + 1) {
            end += 1;
            i += 1;
        }
        out.push(if end == start {
            a1(start, col)
        } else {
            format!("{}:{}", a1(start, col), a1(end, col))
        });
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::definition::codes::Code;

    fn at(row: u32, col: u32) -> CellPos {
        CellPos::new(row, col)
    }

    #[test]
    fn runs_of_rows_become_ranges_column_by_column() {
        let cells = [
            at(80, 6),
            at(19, 6),
            at(2, 7),
            at(20, 6),
            at(21, 6),
            at(21, 6),
        ];
        assert_eq!(ranges(&cells), ["G20:G22", "G81", "H3"]);
    }

    #[test]
    fn the_same_mistake_in_many_cells_is_one_group_and_the_cell_is_not_part_of_the_key() {
        let make = |row: u32, value: &str| {
            let mut f = Finding::error(
                Code::NotInList,
                format!("Incidents!G{}: '{value}' is not in the list", row + 1),
            );
            f.sheet = Some("Incidents".into());
            f.cell = Some(at(row, 6));
            f.value = Some(value.into());
            f
        };
        let list: Vec<Finding> = (19..79)
            .map(|r| make(r, "Assult"))
            .chain([make(2, "Asault")])
            .collect();
        let groups = group(&list);
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].count, 60);
        assert_eq!(groups[0].location(), "Incidents!G20:G79");
        assert_eq!(
            groups[0].message(),
            "each cell: 'Assult' is not in the list"
        );
        assert_eq!(groups[1].location(), "Incidents!G3");
        assert_eq!(
            groups[1].message(),
            "Incidents!G3: 'Asault' is not in the list"
        );
    }

    #[test]
    fn a_reference_inside_a_longer_one_is_left_alone() {
        assert_eq!(replace_ref("G2 and G20", "G2"), format!("{CELL} and G20"));
    }
}
