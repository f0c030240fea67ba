//! The national workbook's `Repeat suspects`, `Repeat victims` and `What is new this
//! quarter` sheets: the linkage's groups and the repeat victims, one row per record,
//! values shown through the mask (as they are, or pseudonymised).
//!
//! The long text (the reasons for each link, what is new) is wrapped in wide columns, and
//! every sheet prints landscape with its headers repeated, so that a printed page can be
//! read.

use anyhow::Result;
use rust_xlsxwriter::Workbook;

use crate::base::value::Value;
use crate::link::pseudonym::Mask;
use crate::link::suspects::Links;
use crate::link::PersonalField;
use crate::output::cells::write_value;
use crate::output::styles::Formats;

use super::sheet::{header_row, lines_in, print_setup};
use super::whatsnew;
use super::TableSheet;

/// Adds the `Repeat suspects`, `Repeat victims` and `What is new this quarter` sheets.
pub(crate) fn add(wb: &mut Workbook, links: &Links, mask: &Mask) -> Result<()> {
    let f = Formats::new();
    let [suspects, victims] = sheets(links, mask);
    write_wrapped(wb, &suspects, &[0, 13], &f)?;
    write_wrapped(wb, &victims, &[0, 1, 4, 5], &f)?;
    write_wrapped(wb, &whatsnew::sheet(links), &[0, 1, 4, 5], &f)?;
    Ok(())
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
    ws.set_name(&sheet.name)?;
    ws.write_string_with_format(0, 0, &sheet.note, &f.note)?;
    header_row(ws, 1, &sheet.headers, &sheet.widths, f)?;
    let top = rust_xlsxwriter::Format::new().set_align(rust_xlsxwriter::FormatAlign::Top);
    // Dates too at the top of a tall row, on their own record's line, never at its foot
    // where they would read as the next row's.
    let top_date = f.date.clone().set_align(rust_xlsxwriter::FormatAlign::Top);
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

/// The `Repeat suspects` and `Repeat victims` sheets, as tables.
pub(crate) fn sheets(links: &Links, mask: &Mask) -> [TableSheet; 2] {
    let mut suspects = TableSheet {
        name: "Repeat suspects".into(),
        note: "Suspects linked across records, cross-force groups first; one row per record, the score and the reasons for each link on the group's first row. Ids stay the same from one quarter to the next.".into(),
        headers: [
            "Group", "Forces in group", "Force", "Quarter", "Reference", "Suspect surname", "Suspect forename(s)", "Suspect date of birth",
            "Suspect postcode", "Suspect online identifier", "Source file", "Source row", "Score", "Reasons",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect(),
        widths: vec![11.0, 7.0, 18.0, 10.0, 12.0, 14.0, 14.0, 11.0, 10.0, 18.0, 18.0, 7.0, 6.0, 75.0],
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
