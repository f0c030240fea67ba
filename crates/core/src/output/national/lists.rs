//! The lists the national letter asks for: `Sexual violence review` (item 8), `FTAC`
//! (item 9), `Recording` (items 4 and 9: incidents not recorded as a crime or without the
//! Operation Bridger marker, per force) and `MP engagement` (item 1: MPs contacted by a
//! senior leader, per force).
//!
//! Every column is found by its key in the definition; no header or list value is written
//! here. It reads the collated rows and never changes them. In the per-force lists an
//! expected force with no return collated for a quarter has a "no return" line, never
//! zeros, which are a nil return's figures.

use crate::base::value::Value;
use crate::check::content::{Content, Row};
use crate::collate::{Collation, ForceRow};
use crate::definition::Definition;

use super::Sheet;

/// The lists the national letter asks for, in sheet order.
pub(super) fn national_lists(c: &Collation, def: &Definition) -> Vec<Sheet> {
    vec![
        sexual_violence(c, def),
        ftac(c, def),
        recording(c, def),
        mp_engagement(c, def),
    ]
}

/// The list's first value ("Yes") and second ("No") of the YesNo list.
pub(super) fn yes_no(def: &Definition) -> (String, String) {
    let value = |i: usize| {
        def.list("YesNo")
            .and_then(|l| l.values.get(i).cloned())
            .unwrap_or_default()
    };
    (value(0), value(1))
}

/// The header of an incident column, by key.
fn header(def: &Definition, key: &str) -> String {
    let inc = def.incidents();
    inc.columns[inc.index(key)].header.clone()
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

/// The incidents for which `keep` holds, one row each: force, quarter, the columns of
/// `keys`, and where the row came from.
fn incident_list(
    c: &Collation,
    def: &Definition,
    keys: &[&str],
    keep: &dyn Fn(&Row) -> bool,
    name: &str,
    note: &str,
) -> Sheet {
    let inc = def.incidents();
    let mut headers = vec!["Force".to_string(), "Quarter".to_string()];
    let mut widths = vec![24.0, 11.0];
    headers.extend(keys.iter().map(|k| header(def, k)));
    widths.extend(keys.iter().map(|k| inc.columns[inc.index(k)].width));
    headers.extend(["Source file".to_string(), "Source row".to_string()]);
    widths.extend([28.0, 8.0]);
    let mut rows = Vec::new();
    for (fr, file, content) in contents(c) {
        for r in content.incidents.iter().filter(|r| keep(r)) {
            let mut cells = vec![
                Value::Text(fr.force.name.clone()),
                Value::Text(fr.quarter.to_string()),
            ];
            cells.extend(keys.iter().map(|k| Value::from(r.get(inc.index(k)))));
            cells.push(Value::Text(file.clone()));
            cells.push(Value::from(r.source_row as usize));
            rows.push(cells);
        }
    }
    Sheet {
        name: name.to_string(),
        note: note.to_string(),
        headers,
        widths,
        rows,
        percent: Vec::new(),
    }
}

/// Every incident with a threat of sexual violence (item 8).
fn sexual_violence(c: &Collation, def: &Definition) -> Sheet {
    let (yes, _) = yes_no(def);
    let sv = def.incidents().index("sexual_violence");
    incident_list(
        c,
        def,
        &[
            "reference",
            "date_reported",
            "mp_name",
            "constituency",
            "victim",
            "category",
            "channel",
            "suspect_identified",
            "status",
            "summary",
        ],
        &|r| r.get(sv).is(&yes),
        "Sexual violence review",
        "Every incident with a threat of sexual violence, for review (item 8 of the letter).",
    )
}

/// Every suspect with mental-health concerns, and whether referred to FTAC (item 9).
fn ftac(c: &Collation, def: &Definition) -> Sheet {
    let (yes, _) = yes_no(def);
    let mh = def.incidents().index("mental_health");
    incident_list(
        c,
        def,
        &[
            "reference",
            "date_reported",
            "mp_name",
            "suspect_surname",
            "suspect_forenames",
            "suspect_dob",
            "mental_health",
            "ftac_referred",
            "status",
        ],
        &|r| r.get(mh).is(&yes),
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
fn recording(c: &Collation, def: &Definition) -> Sheet {
    let (_, no) = yes_no(def);
    let inc = def.incidents();
    let (rc, bm) = (inc.index("recorded_as_crime"), inc.index("bridger_marker"));
    let mut sheet = Sheet {
        name: "Recording".into(),
        note: "Per force: incidents not recorded as a crime (item 9) or without the Operation Bridger marker (item 4). \"no return\": none collated for the quarter (none came, or it was rejected: see the Chase sheet); 0 incidents is a nil return.".into(),
        headers: vec![
            "Force".into(),
            "Quarter".into(),
            "Incidents".into(),
            format!("{}: {no}", header(def, "recorded_as_crime")),
            "Share".into(),
            format!("{}: {no}", header(def, "bridger_marker")),
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
        let saying_no = |col: usize| {
            content
                .incidents
                .iter()
                .filter(|r| r.get(col).is(&no))
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
fn mp_engagement(c: &Collation, def: &Definition) -> Sheet {
    let (in_area, contacted) = ("mps_in_area", "mps_contacted");
    let label = |key: &str| def.field(key).map_or_else(String::new, |f| f.label.clone());
    let mut sheet = Sheet {
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
        let count = |k: &str| match content.field(def, k) {
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
