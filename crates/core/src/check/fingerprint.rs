//! The structural fingerprint: one SHA-256 that says "this is the Annex C template,
//! unaltered", whoever saved the file.
//!
//! # Canonical serialisation (version 1)
//!
//! The fingerprint is the lower-case hex SHA-256 of UTF-8 text made of lines ending `\n`:
//!
//! 1. `bridger-structural-fingerprint v1`
//! 2. one line per sheet, in workbook order: `sheet\t{name}`
//! 3. one line per non-empty cell that lies outside the definition's input regions, sheet by
//!    sheet in workbook order, then by row, then by column: `cell\t{sheet}\t{A1}\t{value}`
//!
//! A sheet whose name the definition does not know has no input regions, so all of its
//! cells count. `{value}` is typed and normalised so that re-saving cannot change it:
//! `s:` + text trimmed with every run of white space (tabs and line breaks included) folded
//! to one space (a cell of only white space is empty and has no line); `n:` + a number in
//! shortest round-trip form (`3`, `0.5`, `1e21`); `d:` + a date as `YYYY-MM-DD`, with
//! `THH:MM:SS` when it has a time; `b:TRUE` / `b:FALSE`; `e:` + an error such as `#REF!`;
//! `f:` for a formula with no saved value. Formats, widths, protection, visibility, comments
//! and data validation are not part of it: exactly what `docs/annex-c.md` accepts as no
//! modification.
//!
//! The fingerprint of the definition itself (the frame cells it writes) is computed with
//! the same serialisation, so the pinned fingerprint can be checked without any file.

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::base::cellref;
use crate::base::text::{date_text, fold_text, hex, number_text};
use crate::definition::Definition;
use crate::read::{Book, Stored};

const HEADER: &str = "bridger-structural-fingerprint v1\n";

/// A fingerprint and the parts it was made from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fingerprint {
    /// The fingerprint itself: lower-case hex SHA-256 of the canonical serialisation.
    pub sha256: String,
    /// Sheet names, in workbook order.
    pub sheets: Vec<String>,
    /// Non-empty cells outside the input regions (one `cell` line each).
    pub frame_cells: usize,
    /// The template id found on the Return sheet; `None` when the cell or sheet is missing.
    pub template_id: Option<String>,
    /// The template version found on the Return sheet; `None` when the cell or sheet is missing.
    pub template_version: Option<String>,
}

/// The canonical form of a cell value, or `None` for a value that counts as empty.
pub(crate) fn canonical_value(value: &Stored) -> Option<String> {
    Some(match value {
        Stored::Text(t) => {
            let t = fold_text(t);
            if t.is_empty() {
                return None;
            }
            format!("s:{t}")
        }
        Stored::Number(n) => format!("n:{}", number_text(*n)),
        Stored::Bool(b) => format!("b:{}", if *b { "TRUE" } else { "FALSE" }),
        Stored::Date(serial) => format!("d:{}", date_text(*serial)),
        Stored::Error(e) => format!("e:{e}"),
        Stored::Formula(_) => "f:".to_string(),
    })
}

/// The canonical serialisation of a workbook's structure.
pub(crate) fn canonical_book(book: &Book, def: &Definition) -> (String, usize) {
    let mut text = String::from(HEADER);
    for sheet in &book.sheets {
        line(&mut text, &["sheet", &sheet.name]);
    }
    let mut count = 0;
    for sheet in &book.sheets {
        let index = def.sheet_index(&sheet.name);
        for cell in &sheet.cells {
            if index.is_some_and(|i| def.is_input(i, cell.row, cell.col)) {
                continue;
            }
            if let Some(v) = canonical_value(&cell.value) {
                line(
                    &mut text,
                    &["cell", &sheet.name, &cellref::a1(cell.row, cell.col), &v],
                );
                count += 1;
            }
        }
    }
    (text, count)
}

/// The canonical serialisation of the template the definition describes.
pub(crate) fn canonical_definition(def: &Definition) -> (String, usize) {
    let mut text = String::from(HEADER);
    for sheet in &def.sheets {
        line(&mut text, &["sheet", sheet]);
    }
    let mut count = 0;
    for cell in def.frame() {
        if let Some(v) = canonical_value(&Stored::Text(cell.value.as_str().into())) {
            line(
                &mut text,
                &[
                    "cell",
                    &def.sheets[cell.sheet],
                    &cellref::a1(cell.row, cell.col),
                    &v,
                ],
            );
            count += 1;
        }
    }
    (text, count)
}

fn line(text: &mut String, parts: &[&str]) {
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            text.push('\t');
        }
        // Sheet names cannot hold tabs or line breaks in Excel; fold them anyway so that
        // one line is always one record.
        text.push_str(&p.replace(['\t', '\n', '\r'], " "));
    }
    text.push('\n');
}

fn sha256_hex(text: &str) -> String {
    hex(&Sha256::digest(text.as_bytes()))
}

/// The fingerprint of a workbook as read.
pub fn of_book(book: &Book, def: &Definition) -> Fingerprint {
    let (text, frame_cells) = canonical_book(book, def);
    let (template_id, template_version) = identity(book, def);
    Fingerprint {
        sha256: sha256_hex(&text),
        sheets: book.sheets.iter().map(|s| s.name.clone()).collect(),
        frame_cells,
        template_id,
        template_version,
    }
}

/// The fingerprint of the template the definition describes.
pub fn of_definition(def: &Definition) -> Fingerprint {
    let (text, frame_cells) = canonical_definition(def);
    Fingerprint {
        sha256: sha256_hex(&text),
        sheets: def.sheets.clone(),
        frame_cells,
        template_id: Some(def.id.clone()),
        template_version: Some(def.version.clone()),
    }
}

/// Where the definition puts the template id and version (the Return frame cells whose
/// values they are), zero-based.
pub(crate) fn identity_cells(def: &Definition) -> ((u32, u32), (u32, u32)) {
    let find = |want: &str| {
        def.return_frame
            .iter()
            .find(|f| f.value.as_deref() == Some(want))
            .map(|f| (f.row - 1, 1))
            .expect("the Return frame holds the template id and version")
    };
    (find(&def.id), find(&def.version))
}

/// The template id and version a workbook claims, read where the definition puts them.
pub(crate) fn identity(book: &Book, def: &Definition) -> (Option<String>, Option<String>) {
    let Some(sheet) = book.sheet(&def.return_sheet) else {
        return (None, None);
    };
    let (id_cell, version_cell) = identity_cells(def);
    let read = |(r, c): (u32, u32)| {
        sheet
            .get(r, c)
            .and_then(canonical_value)
            .map(|v| v[2..].to_string())
    };
    (read(id_cell), read(version_cell))
}
