//! Repeat victims: MPs who appear in two or more forces' returns, or in three or more
//! incidents, matched on normalised name and constituency.
//!
//! It must never match an MP on the name alone: two MPs of one name in different
//! constituencies are two victims.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::collate::Collation;
use crate::definition::Definition;

use super::normalise::norm_name;

/// An MP who is a victim in several forces' returns, or repeatedly.
#[derive(Clone, Debug, Serialize)]
pub struct Victim {
    /// The MP's name as first recorded (matched on the normalised name).
    pub mp: String,
    /// The constituency as first recorded (matched normalised; may be empty).
    pub constituency: String,
    /// Force name → incidents.
    pub forces: BTreeMap<String, usize>,
    /// Incidents against the MP in all the accepted returns.
    pub incidents: usize,
    /// Category → incidents.
    pub categories: BTreeMap<String, usize>,
}

/// MPs with incidents in two or more forces' returns, or three or more incidents.
pub fn victims(c: &Collation, def: &Definition) -> Vec<Victim> {
    let inc = def.incidents();
    let (mp, con, cat) = (
        inc.index("mp_name"),
        inc.index("constituency"),
        inc.index("category"),
    );
    let mut by_key: BTreeMap<(String, String), Victim> = BTreeMap::new();
    for (fr, e) in c.collated() {
        let Some(content) = &e.outcome.content else {
            continue;
        };
        for r in &content.incidents {
            let name = r.get(mp).text().map(|t| t.into_owned()).unwrap_or_default();
            let constituency = r
                .get(con)
                .text()
                .map(|t| t.into_owned())
                .unwrap_or_default();
            if name.is_empty() {
                continue;
            }
            let key = (norm_name(&name), norm_name(&constituency));
            let v = by_key.entry(key).or_insert_with(|| Victim {
                mp: name.clone(),
                constituency: constituency.clone(),
                forces: BTreeMap::new(),
                incidents: 0,
                categories: BTreeMap::new(),
            });
            *v.forces.entry(fr.force.name.clone()).or_default() += 1;
            v.incidents += 1;
            let category = r
                .get(cat)
                .text()
                .map(|t| t.into_owned())
                .unwrap_or_default();
            *v.categories.entry(category).or_default() += 1;
        }
    }
    let mut out: Vec<Victim> = by_key
        .into_values()
        .filter(|v| v.forces.len() >= 2 || v.incidents >= 3)
        .collect();
    out.sort_by(|a, b| {
        b.forces
            .len()
            .cmp(&a.forces.len())
            .then(b.incidents.cmp(&a.incidents))
            .then(a.mp.cmp(&b.mp))
    });
    out
}
