//! The national workbook's `Repeat suspects` and `Repeat victims` sheets: the linkage's
//! groups and the repeat victims, one row per record, values shown through the mask
//! (as they are, or pseudonymised).

use std::collections::BTreeMap;

use crate::link::pseudonym::Mask;
use crate::link::suspects::Links;
use crate::link::Kind;

use super::Sheet;
use crate::base::value::Value;

fn counts(map: &BTreeMap<String, usize>) -> String {
    map.iter()
        .map(|(k, n)| format!("{k} ({n})"))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The national workbook's `Repeat suspects` and `Repeat victims` sheets.
pub fn sheets(links: &Links, mask: &Mask) -> Vec<Sheet> {
    let mut suspects = Sheet {
        name: "Repeat suspects".into(),
        note: "Suspects linked across records, cross-force groups first; one row per record, the score and the reasons for each link on the group's first row.".into(),
        headers: [
            "Group", "Forces in group", "Force", "Quarter", "Reference", "Suspect surname", "Suspect forename(s)", "Suspect date of birth",
            "Suspect postcode", "Suspect online identifier", "Source file", "Source row", "Score", "Reasons",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect(),
        widths: vec![8.0, 8.0, 26.0, 11.0, 16.0, 16.0, 16.0, 12.0, 11.0, 26.0, 28.0, 8.0, 7.0, 120.0],
        rows: Vec::new(),
        percent: Vec::new(),
    };
    for g in &links.suspects {
        for (i, &m) in g.members.iter().enumerate() {
            let r = &links.records[m];
            let p = &links.people[m];
            let opt = |kind: Kind, v: &Option<String>| {
                v.as_deref()
                    .map_or(Value::Empty, |x| Value::Text(mask.show(kind, x)))
            };
            suspects.rows.push(vec![
                Value::Text(g.id.clone()),
                Value::from(g.forces.len()),
                Value::Text(r.force.to_string()),
                Value::Text(r.quarter.to_string()),
                Value::Text(r.reference.clone()),
                opt(Kind::Name, &p.surname),
                opt(Kind::Name, &p.forename),
                match (p.dob, mask) {
                    (Some(d), Mask::Clear) => Value::Date(d),
                    (Some(d), m) => Value::Text(m.show(Kind::Dob, &d.iso())),
                    (None, _) => Value::Empty,
                },
                opt(Kind::Postcode, &p.postcode),
                opt(Kind::Identifier, &p.identifier),
                Value::Text(r.file.to_string()),
                Value::from(r.row as usize),
                if i == 0 {
                    Value::Number(g.score)
                } else {
                    Value::Empty
                },
                // Last, so that the reasons can run on to the right of the table.
                if i == 0 {
                    Value::Text(g.reasons.join("  |  "))
                } else {
                    Value::Empty
                },
            ]);
        }
    }
    let victims = Sheet {
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
        widths: vec![24.0, 26.0, 8.0, 9.0, 60.0, 70.0],
        rows: links
            .victims
            .iter()
            .map(|v| {
                vec![
                    Value::Text(v.mp.clone()),
                    Value::Text(v.constituency.clone()),
                    Value::from(v.forces.len()),
                    Value::from(v.incidents),
                    Value::Text(counts(&v.forces)),
                    Value::Text(counts(&v.categories)),
                ]
            })
            .collect(),
        percent: Vec::new(),
    };
    vec![suspects, victims]
}
