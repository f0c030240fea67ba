//! The national workbook's `Repeat suspects`, `Repeat victims` and `What is new this
//! quarter` sheets: the linkage's groups and the repeat victims, one row per record,
//! values shown through the mask (as they are, or pseudonymised).
//!
//! The long text (the reasons for each link, what is new) is wrapped in wide columns, and
//! every sheet prints landscape with its headers repeated, so that a printed page can be
//! read.

use anyhow::Result;
use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet};

use crate::base::text::thousands;
use crate::base::value::Value;
use crate::link::pseudonym::Mask;
use crate::link::suspects::Links;
use crate::link::PersonalField;
use crate::output::cells::write_value;
use crate::output::styles::Formats;

use super::sheet::{header_row, lines_in, print_setup};
use super::whatsnew;
use super::TableSheet;

/// The `Repeat suspects`, `Repeat victims` and `What is new this quarter` sheets before
/// they are filled: made with the workbook ([`super::begin`]), before any row is written,
/// so that they can be filled on the linking thread ([`LinkSheets::fill`]) while the
/// rows are written on the other core.
///
/// A long sheet is streamed (constant memory), and so numbers its cells' formats in the
/// workbook's one table as it writes: every format these sheets use is entered in that
/// table first ([`register_formats`]), so that the linking thread only ever looks one
/// up. Two threads entering the same new format at once would number it twice, and
/// formats entered in the order the threads happened to run would change the bytes.
pub struct LinkSheets {
    /// A streamed sheet for each of the three, used when it has over 1,000 rows.
    streamed: Vec<Worksheet>,
}

/// The links' sheets, filled, for [`super::write`] to add after every other sheet.
pub struct FilledSheets {
    pub(super) sheets: Vec<Worksheet>,
}

/// Every format [`fill_wrapped`] writes with, in a fixed order.
fn wrap_formats(f: &Formats) -> [Format; 5] {
    let top = Format::new().set_align(FormatAlign::Top);
    // Dates too at the top of a tall row, on their own record's line, never at its foot
    // where they would read as the next row's.
    let top_date = f.date.clone().set_align(FormatAlign::Top);
    [
        f.note.clone(),
        f.header.clone(),
        f.instructions.clone(),
        top,
        top_date,
    ]
}

/// Enters every format of the wrapped sheets in the workbook's table, through a sheet
/// that is never added (a format is entered when a cell first uses it).
pub(super) fn register_formats(wb: &mut Workbook, f: &Formats) -> Result<LinkSheets> {
    let mut scratch = wb.new_worksheet_with_constant_memory()?;
    for (c, format) in wrap_formats(f).iter().enumerate() {
        scratch.write_blank(0, c as u16, format)?;
    }
    drop(scratch);
    let streamed = (0..3)
        .map(|_| wb.new_worksheet_with_constant_memory())
        .collect::<Result<_, _>>()?;
    Ok(LinkSheets { streamed })
}

impl LinkSheets {
    /// Fills the three sheets from `links`, values shown through `mask`, and frees the
    /// links' records and people, which nothing else reads (a year's are tens of MB,
    /// and the returns' rows are still held while this runs).
    pub fn fill(self, links: &mut Links, mask: &Mask) -> Result<FilledSheets> {
        let f = Formats::new();
        let mut streamed = self.streamed.into_iter();
        let mut sheets = Vec::with_capacity(3);
        let mut add = |sheet: &TableSheet, wrap: &[usize]| -> Result<()> {
            let spare = streamed.next();
            let mut ws = match spare {
                Some(ws) if sheet.rows.len() > 1000 => ws,
                _ => Worksheet::new(),
            };
            fill_wrapped(&mut ws, sheet, wrap, &f)?;
            sheets.push(ws);
            Ok(())
        };
        let [suspects, victims] = self::sheets(links, mask);
        add(&suspects, &[0, 13])?;
        add(&victims, &[0, 1, 4, 5])?;
        drop((suspects, victims));
        links.records = Vec::new();
        links.people = Vec::new();
        add(&whatsnew::sheet(links), &[0, 1, 4, 5])?;
        Ok(FilledSheets { sheets })
    }
}

/// Writes `sheet` as `write_sheet` does, the `wrap` columns wrapped and every cell aligned
/// to the top, so that a long text reads down its own column instead of running off the
/// page.
pub(super) fn write_wrapped(
    wb: &mut Workbook,
    sheet: &TableSheet,
    wrap: &[usize],
    f: &Formats,
) -> Result<()> {
    let ws = if sheet.rows.len() > 1000 {
        wb.add_worksheet_with_constant_memory()?
    } else {
        wb.add_worksheet()
    };
    fill_wrapped(ws, sheet, wrap, f)
}

/// [`write_wrapped`] into a sheet already made.
fn fill_wrapped(ws: &mut Worksheet, sheet: &TableSheet, wrap: &[usize], f: &Formats) -> Result<()> {
    ws.set_name(&sheet.name)?;
    ws.write_string_with_format(0, 0, &sheet.note, &f.note)?;
    header_row(ws, 1, &sheet.headers, &sheet.widths, f)?;
    let [_, _, _, top, top_date] = wrap_formats(f);
    for (r, row) in sheet.rows.iter().enumerate() {
        // Neither LibreOffice nor Excel grows a row for wrapped text written by a program:
        // the height is given, from the lines each wrapped cell will take.
        let lines = wrap
            .iter()
            .filter_map(|&c| match row.get(c) {
                // A little more than a character to a unit of width.
                Some(Value::Text(t)) => Some(lines_in(t, sheet.widths.get(c).map(|w| w * 1.1))),
                _ => None,
            })
            .max()
            .unwrap_or(1);
        if lines > 1 {
            ws.set_row_height(2 + r as u32, 15.0 * lines as f64)?;
        }
        for (c, value) in row.iter().enumerate() {
            let format = if wrap.contains(&c) {
                &f.instructions
            } else {
                &top
            };
            write_value(
                ws,
                2 + r as u32,
                c as u16,
                value.as_ref(),
                Some(format),
                &top_date,
            )?;
        }
    }
    ws.set_freeze_panes(2, 0)?;
    ws.set_repeat_rows(1, 1)?;
    print_setup(ws);
    let last = 1 + sheet.rows.len().max(1) as u32;
    ws.autofilter(1, 0, last, sheet.headers.len().saturating_sub(1) as u16)?;
    Ok(())
}

/// The Repeat suspects sheet's note, saying so when records were compared with no other:
/// an empty sheet must not read as "no suspect repeats" when nothing could be compared.
fn not_compared_note(links: &Links) -> String {
    let note = "Suspects linked across records, cross-force groups first; one row per record, the score and the reasons for each link on the group's first row. Ids stay the same from one quarter to the next.";
    match links.not_compared.len() {
        0 => note.into(),
        n => format!(
            "{note} {} suspect record{} compared with no other, each sharing its keys only with too many records to be evidence: in no group (bridger links --format json lists them).",
            thousands(n),
            if n == 1 { "" } else { "s" },
        ),
    }
}

/// The Repeat suspects sheet's headers, and their widths.
const SUSPECT_HEADERS: [&str; 14] = [
    "Group",
    "Forces in group",
    "Force",
    "Quarter",
    "Reference",
    "Suspect surname",
    "Suspect forename(s)",
    "Suspect date of birth",
    "Suspect postcode",
    "Suspect online identifier",
    "Source file",
    "Source row",
    "Score",
    "Reasons",
];
const SUSPECT_WIDTHS: [f64; 14] = [
    11.0, 7.0, 18.0, 10.0, 12.0, 14.0, 14.0, 11.0, 10.0, 18.0, 18.0, 7.0, 6.0, 75.0,
];

/// The `Repeat suspects` and `Repeat victims` sheets, as tables.
pub(crate) fn sheets(links: &Links, mask: &Mask) -> [TableSheet; 2] {
    let mut suspects = TableSheet {
        name: "Repeat suspects".into(),
        note: not_compared_note(links),
        headers: SUSPECT_HEADERS.iter().map(|s| s.to_string()).collect(),
        widths: SUSPECT_WIDTHS.to_vec(),
        rows: Vec::new(),
        percent: Vec::new(),
    };
    for g in &links.suspects {
        for (i, &m) in g.members.iter().enumerate() {
            let r = &links.records[m];
            let p = &links.people[m];
            let opt = |kind: PersonalField, v: &Option<String>| {
                v.as_deref()
                    .map_or(Value::Empty, |x| Value::Text(mask.show(kind, x)))
            };
            let first = |v: Value| if i == 0 { v } else { Value::Empty };
            suspects.rows.push(vec![
                if i == 0 {
                    Value::Text(g.label())
                } else {
                    Value::Text(g.id.clone())
                },
                Value::from(g.forces.len()),
                Value::Text(r.force.to_string()),
                Value::Text(r.quarter.to_string()),
                Value::Text(r.reference.clone()),
                opt(PersonalField::Name, &p.surname),
                opt(PersonalField::Name, &p.forename),
                match (p.dob, mask) {
                    (Some(d), Mask::Clear) => Value::Date(d),
                    (Some(d), m) => Value::Text(m.show(PersonalField::Dob, &d.iso())),
                    (None, _) => Value::Empty,
                },
                opt(PersonalField::Postcode, &p.postcode),
                opt(PersonalField::Identifier, &p.identifier),
                Value::Text(r.file.to_string()),
                Value::from(r.row as usize),
                first(Value::Number(g.score)),
                // One link a line, in the wrapped column.
                first(Value::Text(g.sentences().join("\n"))),
            ]);
        }
    }
    let victims = TableSheet {
        name: "Repeat victims".into(),
        note: "MPs who are victims in two or more forces' returns, or in three or more incidents."
            .into(),
        headers: [
            "MP name",
            "Constituency",
            "Forces",
            "Incidents",
            "Incidents by force",
            "Incidents by category",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect(),
        // About a landscape page at full size, the lists wrapped, so that it prints at a
        // size that can be read.
        widths: vec![20.0, 22.0, 7.0, 9.0, 38.0, 42.0],
        rows: links
            .victims
            .iter()
            .map(|v| {
                vec![
                    Value::Text(v.mp.clone()),
                    Value::Text(v.constituency.clone()),
                    Value::from(v.forces.len()),
                    Value::from(v.incidents),
                    Value::Text(v.forces_counted("; ")),
                    Value::Text(
                        v.categories
                            .iter()
                            .map(|(k, n)| format!("{k} ({n})"))
                            .collect::<Vec<_>>()
                            .join("; "),
                    ),
                ]
            })
            .collect(),
        percent: Vec::new(),
    };
    [suspects, victims]
}
