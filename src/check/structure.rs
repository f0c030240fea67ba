//! The exact account of how a return's workbook differs from the template.
//!
//! When a return's fingerprint is not the template's, the force analyst needs to know what
//! to put back, in Excel's words: which sheet was added, renamed or moved, which header was
//! changed, where a column was inserted ("a column was inserted before Incidents!D", once,
//! not twenty changed cells), how many rows were inserted above the headers, and which
//! values sit outside the input regions.
//!
//! It never trusts a submission's own idea of where its input regions are: positions come
//! from the definition, shifted only by an insertion it has proved.

use std::collections::{BTreeMap, HashSet};

use crate::base::cellref::{a1, column_name, CellPos};
use crate::base::text::fold_text;
use crate::check::cells::display;
use crate::check::finding::{Code, Finding};
use crate::check::fingerprint::{canonical_value, identity};
use crate::definition::{Definition, Table};
use crate::read::{Book, Sheet, Stored};

/// At most this many cell-level findings per sheet; the rest are counted in one more.
const MAX_PER_SHEET: usize = 40;

/// Every structural difference between `book` and the template, as findings.
pub fn differences(book: &Book, def: &Definition) -> Vec<Finding> {
    let mut out = Vec::new();
    if book.has_macros {
        out.push(Finding::modified(
            Code::Macros,
            "the workbook is macro-enabled (an .xlsm file, or one with a VBA part), and the Annex C template has none: copy the data into a fresh template and save it as an Excel Workbook (.xlsx)",
        ));
    }
    let (id, version) = identity(book, def);
    let (_, version_cell) = crate::check::fingerprint::identity_cells(def);
    if id.as_deref() == Some(def.id.as_str()) && version.as_deref() != Some(def.version.as_str()) {
        let found = version.unwrap_or_else(|| "(blank)".to_string());
        out.push(
            Finding::modified(
                Code::TemplateVersion,
                format!(
                    "template version {found}; this return needs {}: copy the data into the {} template and send that",
                    def.version, def.version
                ),
            )
            .at(&def.return_sheet, CellPos::new(version_cell.0, version_cell.1))
            .value(found),
        );
        return out;
    }

    let matched = match_sheets(book, def, &mut out);
    for (expected, actual) in matched {
        let sheet = &book.sheets[actual];
        let name = &def.sheets[expected];
        let mut local = Vec::new();
        if let Some(table) = def.table(name) {
            compare_table(sheet, def, expected, table, &mut local);
        } else if name == "Lists" {
            compare_lists(sheet, def, expected, &mut local);
        } else {
            compare_plain(sheet, def, expected, &mut local);
        }
        if local.len() > MAX_PER_SHEET {
            let rest = local.len() - MAX_PER_SHEET;
            local.truncate(MAX_PER_SHEET);
            local.push(
                Finding::modified(
                    Code::FrameChanged,
                    format!("and {rest} more altered cells on this sheet"),
                )
                .on_sheet(&sheet.name),
            );
        }
        out.extend(local);
    }
    out
}

/// Pairs the template's sheets with the workbook's, reporting added, missing, renamed and
/// moved sheets. Returns (definition index, book index) pairs.
fn match_sheets(book: &Book, def: &Definition, out: &mut Vec<Finding>) -> Vec<(usize, usize)> {
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
                out.push(
                    Finding::modified(
                        Code::SheetRenamed,
                        format!(
                            "the sheet '{}' was renamed '{}': rename it back to '{}'",
                            def.sheets[e], book.sheets[a].name, def.sheets[e]
                        ),
                    )
                    .on_sheet(&book.sheets[a].name)
                    .value(book.sheets[a].name.clone()),
                );
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
                    "a sheet '{}' was added (sheet {} of {}): delete it; keep your own analysis in a separate workbook",
                    book.sheets[a].name,
                    a + 1,
                    book.sheets.len()
                ),
            )
            .on_sheet(&book.sheets[a].name),
        );
    }
    pairs.sort_by_key(|&(_, a)| a);
    let order: Vec<usize> = pairs.iter().map(|&(e, _)| e).collect();
    if order.windows(2).any(|w| w[0] > w[1]) {
        let found: Vec<&str> = pairs
            .iter()
            .map(|&(_, a)| book.sheets[a].name.as_str())
            .collect();
        out.push(Finding::modified(
            Code::SheetMoved,
            format!(
                "the sheets are in the order {}; the template's order is {}: drag them back into that order",
                found.join(", "),
                def.sheets.join(", ")
            ),
        ));
    }
    pairs.sort_by_key(|&(e, _)| e);
    pairs
}

/// The share of a template sheet's frame cells found unchanged in `sheet`.
fn frame_overlap(sheet: &Sheet, def: &Definition, expected: usize) -> f64 {
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

fn same(value: &Stored, expected: &str) -> bool {
    canonical_value(value) == canonical_value(&Stored::Text(expected.to_string()))
}

fn shown(value: Option<&Stored>) -> String {
    value.map_or_else(|| "(blank)".to_string(), |v| fold_text(&display(v)))
}

fn changed(
    sheet: &str,
    row: u32,
    col: u32,
    expected: &str,
    found: Option<&Stored>,
    code: Code,
    what: &str,
) -> Finding {
    let message = match found {
        None => format!(
            "{what} {sheet}!{} was emptied; it must read '{expected}': put it back",
            a1(row, col)
        ),
        Some(v) => format!(
            "{what} {sheet}!{} was changed from '{expected}' to '{}': put back '{expected}'",
            a1(row, col),
            fold_text(&display(v))
        ),
    };
    Finding::modified(code, message)
        .at(sheet, CellPos::new(row, col))
        .value(shown(found))
}

fn outside(sheet: &str, row: u32, col: u32, value: &Stored) -> Finding {
    Finding::modified(
        Code::OutsideTemplate,
        format!(
            "{sheet}!{} '{}' is outside the template's input cells: delete it (or move it into an input cell)",
            a1(row, col),
            fold_text(&display(value))
        ),
    )
    .at(sheet, CellPos::new(row, col))
    .value(fold_text(&display(value)))
}

/// Checks that every frame cell of a template sheet is in place, naming each changed or
/// emptied one with `code` and `what(row, col)`; returns the positions of the frame.
fn check_frame(
    sheet: &Sheet,
    def: &Definition,
    expected: usize,
    code: Code,
    what: impl Fn(u32, u32) -> &'static str,
    out: &mut Vec<Finding>,
) -> HashSet<(u32, u32)> {
    let mut frame_at = HashSet::new();
    for cell in def.frame().iter().filter(|c| c.sheet == expected) {
        frame_at.insert((cell.row, cell.col));
        let found = sheet.get(cell.row, cell.col);
        if !found.is_some_and(|v| same(v, &cell.value)) {
            out.push(changed(
                &sheet.name,
                cell.row,
                cell.col,
                &cell.value,
                found,
                code,
                what(cell.row, cell.col),
            ));
        }
    }
    frame_at
}

/// Instructions and Return: frame cells in place, nothing typed outside the inputs.
fn compare_plain(sheet: &Sheet, def: &Definition, expected: usize, out: &mut Vec<Finding>) {
    let frame_at = check_frame(
        sheet,
        def,
        expected,
        Code::FrameChanged,
        |_, col| if col == 0 { "the label" } else { "the cell" },
        out,
    );
    for cell in &sheet.cells {
        if frame_at.contains(&(cell.row, cell.col))
            || def.is_input(expected, cell.row, cell.col)
            || canonical_value(&cell.value).is_none()
        {
            continue;
        }
        out.push(outside(&sheet.name, cell.row, cell.col, &cell.value));
    }
}

/// Lists: every list value in place; a changed, added or removed value is named.
fn compare_lists(sheet: &Sheet, def: &Definition, expected: usize, out: &mut Vec<Finding>) {
    let frame_at = check_frame(
        sheet,
        def,
        expected,
        Code::ListChanged,
        |row, _| {
            if row == 0 {
                "the list name"
            } else {
                "the list value"
            }
        },
        out,
    );
    for cell in &sheet.cells {
        if frame_at.contains(&(cell.row, cell.col)) || canonical_value(&cell.value).is_none() {
            continue;
        }
        let list = def.lists.get(cell.col as usize).map(|l| l.name.as_str());
        let message = match list {
            Some(name) => format!(
                "'{}' was added to the {name} list at {}!{}: delete it; lists change only with a new template version",
                fold_text(&display(&cell.value)),
                sheet.name,
                a1(cell.row, cell.col)
            ),
            None => format!(
                "{}!{} '{}' is outside the template's lists: delete it",
                sheet.name,
                a1(cell.row, cell.col),
                fold_text(&display(&cell.value))
            ),
        };
        out.push(
            Finding::modified(Code::ListChanged, message)
                .at(&sheet.name, CellPos::new(cell.row, cell.col))
                .value(fold_text(&display(&cell.value))),
        );
    }
}

/// One step of the header alignment.
#[derive(Debug, PartialEq)]
enum Step {
    /// Template column `e` sits at workbook column `a`.
    Same(usize, usize),
    /// Workbook column `a` has no template column.
    Inserted(usize),
    /// Template column `e` has no workbook column.
    Deleted(usize),
}

/// Aligns the template's headers with the workbook's (longest common subsequence,
/// ignoring case).
fn align(expected: &[String], actual: &[Option<String>]) -> Vec<Step> {
    let key = |s: &str| fold_text(s).to_lowercase();
    let e: Vec<String> = expected.iter().map(|s| key(s)).collect();
    let a: Vec<Option<String>> = actual.iter().map(|s| s.as_deref().map(key)).collect();
    let (n, m) = (e.len(), a.len());
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if a[j].as_deref() == Some(e[i].as_str()) {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut steps = Vec::new();
    while i < n || j < m {
        if i < n && j < m && a[j].as_deref() == Some(e[i].as_str()) {
            steps.push(Step::Same(i, j));
            i += 1;
            j += 1;
        } else if j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j]) {
            steps.push(Step::Inserted(j));
            j += 1;
        } else {
            steps.push(Step::Deleted(i));
            i += 1;
        }
    }
    steps
}

fn header_row_text(sheet: &Sheet, row: u32, width: u32) -> Vec<Option<String>> {
    (0..width)
        .map(|c| {
            sheet
                .get(row, c)
                .and_then(canonical_value)
                .map(|_| fold_text(&display(sheet.get(row, c).expect("some"))))
        })
        .collect()
}

/// The workbook row holding the table's headers: the template's row, or the row within
/// reach that holds most of them.
fn find_header_row(sheet: &Sheet, table: &Table) -> u32 {
    let wanted: HashSet<String> = table
        .columns
        .iter()
        .map(|c| fold_text(&c.header).to_lowercase())
        .collect();
    let score = |row: u32| {
        sheet
            .cells
            .iter()
            .filter(|c| c.row == row)
            .filter(|c| wanted.contains(&fold_text(&display(&c.value)).to_lowercase()))
            .count()
    };
    let home = table.header_index();
    let home_score = score(home);
    if home_score * 2 >= table.columns.len() {
        return home;
    }
    let best = (0..home + 30)
        .filter(|r| *r != home)
        .map(|r| (score(r), r))
        .max_by_key(|(s, r)| (*s, std::cmp::Reverse(*r)));
    match best {
        Some((s, r)) if s * 2 >= table.columns.len() && s > home_score => r,
        _ => home,
    }
}

/// Reports a header cell that does not read as the template's header for its column.
fn check_header(sheet: &Sheet, row: u32, col: u32, expected: &str, out: &mut Vec<Finding>) {
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

fn compare_table(
    sheet: &Sheet,
    def: &Definition,
    expected: usize,
    table: &Table,
    out: &mut Vec<Finding>,
) {
    let name = &sheet.name;
    let home = table.header_index();
    let header = find_header_row(sheet, table);
    let shift = i64::from(header) - i64::from(home);
    if shift != 0 {
        let n = shift.unsigned_abs();
        let (rows, verb) = (
            if n == 1 { "row was" } else { "rows were" },
            if shift > 0 { "inserted" } else { "deleted" },
        );
        out.push(
            Finding::modified(
                Code::RowsInserted,
                format!(
                    "{n} {rows} {verb} above the headers of {name}: the headers are on row {} instead of row {}; {} so that the headers are back on row {}",
                    header + 1,
                    home + 1,
                    if shift > 0 { "delete the inserted rows" } else { "insert the missing rows" },
                    home + 1
                ),
            )
            .at(name, CellPos::new(header, 0)),
        );
    }
    let last_col_in_row = sheet
        .cells
        .iter()
        .filter(|c| c.row == header)
        .map(|c| c.col + 1)
        .max()
        .unwrap_or(0);
    let width = last_col_in_row.max(table.columns.len() as u32).min(16_384);
    let actual = header_row_text(sheet, header, width);
    let expected_headers: Vec<String> = table.columns.iter().map(|c| c.header.clone()).collect();
    let steps = align(&expected_headers, &actual);

    // Pair runs of insertions and deletions between matched columns: a one-for-one swap is
    // a changed header; the rest are real insertions and deletions.
    let mut mapping: Vec<Option<u32>> = vec![None; table.columns.len()];
    let mut shifted = false;
    let mut pending_ins: Vec<usize> = Vec::new();
    let mut pending_del: Vec<usize> = Vec::new();
    let last_matched_actual = steps
        .iter()
        .filter_map(|s| {
            if let Step::Same(_, a) = s {
                Some(*a)
            } else {
                None
            }
        })
        .max();
    let flush = |ins: &mut Vec<usize>,
                 del: &mut Vec<usize>,
                 mapping: &mut Vec<Option<u32>>,
                 shifted: &mut bool,
                 out: &mut Vec<Finding>| {
        let pairs = ins.len().min(del.len());
        for k in 0..pairs {
            let (e, a) = (del[k], ins[k]);
            mapping[e] = Some(a as u32);
            check_header(sheet, header, a as u32, &table.columns[e].header, out);
        }
        for &a in &ins[pairs..] {
            *shifted = true;
            let before = table
                .columns
                .iter()
                .enumerate()
                .find(|(e, _)| mapping[*e].is_none() || mapping[*e].is_some_and(|m| m > a as u32))
                .map(|(e, _)| e);
            let label = shown(sheet.get(header, a as u32));
            let message = match before {
                Some(e) => format!(
                    "a column was inserted before {name}!{} ('{}'): the inserted column is {} (headed '{label}'); delete column {}",
                    column_name(e as u32),
                    table.columns[e].header,
                    column_name(a as u32),
                    column_name(a as u32)
                ),
                None => format!("a column {} (headed '{label}') was added after the last column: delete it", column_name(a as u32)),
            };
            out.push(
                Finding::modified(Code::ColumnInserted, message)
                    .at(name, CellPos::new(header, a as u32))
                    .value(label),
            );
        }
        for &e in &del[pairs..] {
            *shifted = true;
            out.push(
                Finding::modified(
                    Code::ColumnDeleted,
                    format!(
                        "the column {name}!{} '{}' was deleted: insert it back with that header, or start again from a fresh template",
                        column_name(e as u32),
                        table.columns[e].header
                    ),
                )
                .on_sheet(name)
                .column(&table.columns[e].header),
            );
        }
        ins.clear();
        del.clear();
    };
    for step in &steps {
        match *step {
            Step::Same(e, a) => {
                flush(
                    &mut pending_ins,
                    &mut pending_del,
                    &mut mapping,
                    &mut shifted,
                    out,
                );
                mapping[e] = Some(a as u32);
                check_header(sheet, header, a as u32, &table.columns[e].header, out);
            }
            Step::Inserted(a) => {
                // Blank cells past the last template column are not columns at all.
                let inside = last_matched_actual.is_some_and(|m| a < m);
                if actual[a].is_some() || (inside && pending_del.len() > pending_ins.len()) {
                    pending_ins.push(a);
                }
            }
            Step::Deleted(e) => pending_del.push(e),
        }
    }
    flush(
        &mut pending_ins,
        &mut pending_del,
        &mut mapping,
        &mut shifted,
        out,
    );
    if shift != 0 {
        shifted = true;
    }

    // Title and guidance, in their (possibly shifted) rows.
    let mut frame_at = HashSet::new();
    for cell in def
        .frame()
        .iter()
        .filter(|c| c.sheet == expected && c.row < home)
    {
        let row = (i64::from(cell.row) + shift).max(0) as u32;
        frame_at.insert((row, cell.col));
        let found = sheet.get(row, cell.col);
        if !found.is_some_and(|v| same(v, &cell.value)) {
            out.push(changed(
                name,
                row,
                cell.col,
                &cell.value,
                found,
                Code::FrameChanged,
                "the cell",
            ));
        }
    }
    // Values outside the input region: above the headers, and beside the table. Beside
    // the table, one finding per column.
    let table_width = if shifted {
        width.max(table.columns.len() as u32)
    } else {
        table.columns.len() as u32
    };
    let mut beside: BTreeMap<u32, (u32, usize)> = BTreeMap::new();
    for cell in &sheet.cells {
        if canonical_value(&cell.value).is_none() || frame_at.contains(&(cell.row, cell.col)) {
            continue;
        }
        if cell.row == header {
            if cell.col >= table_width && !shifted {
                out.push(outside(name, cell.row, cell.col, &cell.value));
            }
            continue;
        }
        if cell.row < header {
            out.push(outside(name, cell.row, cell.col, &cell.value));
        } else if cell.col >= table_width {
            let entry = beside.entry(cell.col).or_insert((cell.row, 0));
            entry.1 += 1;
        }
    }
    for (col, (row, count)) in beside {
        let value = sheet.get(row, col).expect("counted cell");
        let head = sheet
            .get(header, col)
            .map(|h| format!(" under the header '{}'", fold_text(&display(h))))
            .unwrap_or_default();
        let more = if count > 1 {
            format!(
                " (and {} more cells in column {})",
                count - 1,
                column_name(col)
            )
        } else {
            String::new()
        };
        out.push(
            Finding::modified(
                Code::OutsideTemplate,
                format!(
                    "{name}!{} '{}'{head} is outside the template's columns{more}: the table ends at column {}; move notes into '{}' or delete them",
                    a1(row, col),
                    fold_text(&display(value)),
                    column_name(table.columns.len() as u32 - 1),
                    table.columns.last().map_or("", |c| c.header.as_str())
                ),
            )
            .at(name, CellPos::new(row, col))
            .value(fold_text(&display(value))),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }
    fn o(v: &[&str]) -> Vec<Option<String>> {
        v.iter()
            .map(|x| {
                if x.is_empty() {
                    None
                } else {
                    Some(x.to_string())
                }
            })
            .collect()
    }

    #[test]
    fn alignment_finds_insertions_and_deletions() {
        let e = s(&["A", "B", "C", "D"]);
        assert_eq!(
            align(&e, &o(&["a", "B", "X", "C", "D"])),
            vec![
                Step::Same(0, 0),
                Step::Same(1, 1),
                Step::Inserted(2),
                Step::Same(2, 3),
                Step::Same(3, 4)
            ]
        );
        assert_eq!(
            align(&e, &o(&["A", "C", "D"])),
            vec![
                Step::Same(0, 0),
                Step::Deleted(1),
                Step::Same(2, 1),
                Step::Same(3, 2)
            ]
        );
    }
}
