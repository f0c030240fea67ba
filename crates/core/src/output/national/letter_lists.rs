//! The lists the national letter asks for: `Sexual violence review` (item 8), `FTAC`
//! (item 9), `Recording` (items 4 and 9: incidents not recorded as a crime or without the
//! Operation Bridger marker, per force) and `MP engagement` (item 1: MPs contacted by a
//! senior leader, per force).
//!
//! Every column is the definition's, resolved when it loads; no header or list value is
//! written here. It reads the collated rows and never changes them. In the per-force lists an
//! expected force with no return collated for a quarter has a "no return" line, never
//! zeros, which are a nil return's figures.

use crate::base::value::Value;
use crate::check::content::{Content, Row};
use crate::collate::{Collation, ForceRow};
use crate::definition::{ColumnIndex, Definition, FieldIndex, IncidentColumns};

use super::TableSheet;

/// The lists the national letter asks for, in sheet order, each made only when the one
/// before it has been written: a year's lists hold a cell for every value they show, and
/// one at a time is enough.
pub(super) fn national_lists<'a>(
    c: &'a Collation,
    def: &'a Definition,
) -> impl Iterator<Item = TableSheet> + 'a {
    let lists: [fn(&Collation, &Definition) -> TableSheet; 4] =
        [sexual_violence, ftac, recording, mp_engagement];
    lists.into_iter().map(move |list| list(c, def))
}

/// The header of an incident column.
fn header(def: &Definition, col: ColumnIndex) -> String {
    def.incidents().at(col).header.clone()
}

/// Every collated return's content, with its force row and file name.
fn contents(c: &Collation) -> impl Iterator<Item = (&ForceRow, String, &Content)> {
    c.collated()
        .filter_map(|(fr, e)| Some((fr, e.file_name(), e.outcome.content.as_ref()?)))
}

/// Each line of a per-force table: every expected force and quarter, with the content of
/// its collated return or `None` when none was collated (a "no return" line, never 0s),
/// and the forces not expected whose returns went in, in the collation's order.
fn per_force(c: &Collation) -> impl Iterator<Item = (&ForceRow, Option<&Content>)> {
    c.forces.iter().filter_map(|fr| {
        let content = fr
            .entry
            .filter(|_| fr.collated)
            .and_then(|e| c.entries[e].outcome.content.as_ref());
        (fr.expected || content.is_some()).then_some((fr, content))
    })
}

/// A line of a per-force table for a force and quarter with no return collated: "no
/// return" in the first count, the other `blanks` counts blank.
fn no_return(fr: &ForceRow, blanks: usize) -> Vec<Value> {
    let mut row = vec![
        Value::Text(fr.force.name.clone()),
        Value::Text(fr.quarter.to_string()),
        Value::Text(NO_RETURN.to_string()),
    ];
    row.extend(std::iter::repeat_n(Value::Empty, blanks));
    row
}

/// What a per-force table says for a force and quarter with no return collated.
const NO_RETURN: &str = "no return";

/// The incidents for which `keep` holds, one row each: force, quarter, the columns `cols`,
/// and where the row came from.
fn incident_list(
    c: &Collation,
    def: &Definition,
    cols: &[ColumnIndex],
    keep: &dyn Fn(&Row) -> bool,
    name: &str,
    note: &str,
) -> TableSheet {
    let inc = def.incidents();
    let mut headers = vec!["Force".to_string(), "Quarter".to_string()];
    let mut widths = vec![24.0, 11.0];
    headers.extend(cols.iter().map(|k| header(def, *k)));
    widths.extend(cols.iter().map(|k| inc.at(*k).width));
    headers.extend(["Source file".to_string(), "Source row".to_string()]);
    widths.extend([28.0, 8.0]);
    let mut rows = Vec::new();
    for (fr, file, content) in contents(c) {
        for r in content.incidents.iter().filter(|r| keep(r)) {
            let mut cells = vec![
                Value::Text(fr.force.name.clone()),
                Value::Text(fr.quarter.to_string()),
            ];
            cells.extend(cols.iter().map(|k| Value::from(r.get(k.index()))));
            cells.push(Value::Text(file.clone()));
            cells.push(Value::from(r.source_row as usize));
            rows.push(cells);
        }
    }
    TableSheet {
        name: name.to_string(),
        note: note.to_string(),
        headers,
        widths,
        rows,
        percent: Vec::new(),
    }
}

/// Every incident with a threat of sexual violence (item 8).
fn sexual_violence(c: &Collation, def: &Definition) -> TableSheet {
    let (yes, _) = def.yes_no();
    let k: &IncidentColumns = &def.keys.incidents;
    let sv = k.sexual_violence.index();
    incident_list(
        c,
        def,
        &[
            k.reference,
            k.date_reported,
            k.mp_name,
            k.constituency,
            k.victim,
            k.category,
            k.channel,
            k.suspect_identified,
            k.status,
            k.summary,
        ],
        &|r| r.get(sv).is(yes),
        "Sexual violence review",
        "Every incident with a threat of sexual violence, for review (item 8 of the letter).",
    )
}

/// Every suspect with mental-health concerns, and whether referred to FTAC (item 9).
fn ftac(c: &Collation, def: &Definition) -> TableSheet {
    let (yes, _) = def.yes_no();
    let k: &IncidentColumns = &def.keys.incidents;
    let mh = k.mental_health.index();
    incident_list(
        c,
        def,
        &[
            k.reference,
            k.date_reported,
            k.mp_name,
            k.suspect_surname,
            k.suspect_forenames,
            k.suspect_dob,
            k.mental_health,
            k.ftac_referred,
            k.status,
        ],
        &|r| r.get(mh).is(yes),
        "FTAC",
        "Every suspect with mental-health concerns, and whether referred to FTAC (item 9 of the letter).",
    )
}

/// `n` of `d` as a share; empty when `d` is 0.
fn share(n: usize, d: usize) -> Value {
    if d == 0 {
        Value::Empty
    } else {
        Value::Number(n as f64 / d as f64)
    }
}

/// Per force: incidents not recorded as a crime, and without the marker (items 9 and 4).
fn recording(c: &Collation, def: &Definition) -> TableSheet {
    let (_, no) = def.yes_no();
    let k: &IncidentColumns = &def.keys.incidents;
    let (rc, bm) = (k.recorded_as_crime, k.bridger_marker);
    let mut sheet = TableSheet {
        name: "Recording".into(),
        note: "Per force: incidents not recorded as a crime (item 9) or without the Operation Bridger marker (item 4). \"no return\": none collated for the quarter (none came, or it was rejected: see the Chase sheet); 0 incidents is a nil return.".into(),
        headers: vec![
            "Force".into(),
            "Quarter".into(),
            "Incidents".into(),
            format!("{}: {no}", header(def, rc)),
            "Share".into(),
            format!("{}: {no}", header(def, bm)),
            "Share".into(),
        ],
        widths: vec![30.0, 11.0, 10.0, 22.0, 8.0, 28.0, 8.0],
        rows: Vec::new(),
        percent: vec![4, 6],
    };
    for (fr, content) in per_force(c) {
        let Some(content) = content else {
            sheet.rows.push(no_return(fr, 4));
            continue;
        };
        let n = content.incidents.len();
        let saying_no = |col: ColumnIndex| {
            content
                .incidents
                .iter()
                .filter(|r| r.get(col.index()).is(no))
                .count()
        };
        let (not_recorded, no_marker) = (saying_no(rc), saying_no(bm));
        sheet.rows.push(vec![
            Value::Text(fr.force.name.clone()),
            Value::Text(fr.quarter.to_string()),
            Value::from(n),
            Value::from(not_recorded),
            share(not_recorded, n),
            Value::from(no_marker),
            share(no_marker, n),
        ]);
    }
    sheet
}

/// Per force: MPs in the area, those contacted by a senior leader, and the share (item 1).
fn mp_engagement(c: &Collation, def: &Definition) -> TableSheet {
    let keys = &def.keys.fields;
    let (in_area, contacted) = (keys.mps_in_area, keys.mps_contacted);
    let label = |f: FieldIndex| def.field(f).label.clone();
    let mut sheet = TableSheet {
        name: "MP engagement".into(),
        note: "Per force: MPs in the area, those contacted by a senior leader this quarter, and the share (item 1 of the letter). \"no return\": none collated for the quarter (none came, or it was rejected: see the Chase sheet).".into(),
        headers: vec![
            "Force".into(),
            "Quarter".into(),
            label(in_area),
            label(contacted),
            "Share contacted".into(),
            "Engagement rows".into(),
        ],
        widths: vec![30.0, 11.0, 22.0, 26.0, 10.0, 12.0],
        rows: Vec::new(),
        percent: vec![4],
    };
    for (fr, content) in per_force(c) {
        let Some(content) = content else {
            sheet.rows.push(no_return(fr, 3));
            continue;
        };
        let count = |f: FieldIndex| match content.field(f) {
            Value::Number(x) => Some(*x as usize),
            _ => None,
        };
        let (mps, reached) = (count(in_area), count(contacted));
        sheet.rows.push(vec![
            Value::Text(fr.force.name.clone()),
            Value::Text(fr.quarter.to_string()),
            mps.map_or(Value::Empty, Value::from),
            reached.map_or(Value::Empty, Value::from),
            match (reached, mps) {
                (Some(c), Some(m)) => share(c, m),
                _ => Value::Empty,
            },
            Value::from(content.engagement.len()),
        ]);
    }
    sheet
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_share_of_nothing_is_empty() {
        assert_eq!(share(1, 4), Value::Number(0.25));
        assert_eq!(share(0, 0), Value::Empty);
    }
}
