//! Repeat victims: MPs who appear in two or more forces' returns, or in three or more
//! incidents, matched on normalised name and constituency.
//!
//! It must never match an MP on the name alone: two MPs of one name in different
//! constituencies are two victims.

use std::collections::{BTreeMap, BTreeSet};

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
    /// The forces with incidents against the MP, by code, each with its name.
    pub forces: Vec<ForceCount>,
    /// Incidents against the MP in all the accepted returns.
    pub incidents: usize,
    /// Category → incidents.
    pub categories: BTreeMap<String, usize>,
    /// Quarter → incidents.
    pub quarters: BTreeMap<String, usize>,
    /// What is new in the latest quarter of the inputs, in words: incidents in more forces,
    /// or more incidents than the quarter before. Empty when nothing is, or when the
    /// inputs hold one quarter only.
    pub new_this_quarter: Vec<String>,
    /// Force code → quarters with incidents (to find the new forces; not in JSON).
    #[serde(skip)]
    seen: BTreeMap<String, BTreeSet<String>>,
}

/// A force and the incidents it recorded against an MP.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct ForceCount {
    /// The force's code.
    pub code: String,
    /// The force's name.
    pub name: String,
    /// Incidents against the MP in its returns.
    pub incidents: usize,
}

impl Victim {
    /// `Kent Police (3); Surrey Police (1)`.
    pub(crate) fn forces_counted(&self, sep: &str) -> String {
        self.forces
            .iter()
            .map(|f| format!("{} ({})", f.name, f.incidents))
            .collect::<Vec<_>>()
            .join(sep)
    }

    fn count_force(&mut self, code: &str, name: &str, quarter: &str) {
        match self.forces.iter_mut().find(|f| f.code == code) {
            Some(f) => f.incidents += 1,
            None => {
                self.forces.push(ForceCount {
                    code: code.to_string(),
                    name: name.to_string(),
                    incidents: 1,
                });
                self.forces.sort_by(|a, b| a.code.cmp(&b.code));
            }
        }
        self.seen
            .entry(code.to_string())
            .or_default()
            .insert(quarter.to_string());
        *self.quarters.entry(quarter.to_string()).or_default() += 1;
    }

    /// What is new about the MP in the `latest` quarter, in words.
    fn news(&self, latest: &str) -> Vec<String> {
        let now = self.quarters.get(latest).copied().unwrap_or(0);
        if now == 0 {
            return Vec::new();
        }
        let mut out = Vec::new();
        let new_forces: Vec<&str> = self
            .forces
            .iter()
            .filter(|f| {
                let q = &self.seen[&f.code];
                q.contains(latest) && q.len() == 1
            })
            .map(|f| f.name.as_str())
            .collect();
        let earlier = self.quarters.range(..latest.to_string()).next_back();
        match earlier {
            None => out.push(format!("first incidents this quarter: {now}")),
            Some((quarter, &before)) => {
                if !new_forces.is_empty() {
                    out.push(format!(
                        "incidents in more forces: now also {}",
                        new_forces.join(", ")
                    ));
                }
                if now > before {
                    out.push(format!(
                        "rising: {} this quarter, {before} in {quarter}",
                        crate::base::text::plural(now, "incident")
                    ));
                }
            }
        }
        out
    }
}

/// MPs with incidents in two or more forces' returns, or three or more incidents; `latest`
/// is the inputs' latest quarter when they hold two or more.
pub(crate) fn victims(c: &Collation, def: &Definition, latest: Option<&str>) -> Vec<Victim> {
    let k = &def.keys.incidents;
    let (mp, con, cat) = (
        k.mp_name.index(),
        k.constituency.index(),
        k.category.index(),
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
                forces: Vec::new(),
                incidents: 0,
                categories: BTreeMap::new(),
                quarters: BTreeMap::new(),
                new_this_quarter: Vec::new(),
                seen: BTreeMap::new(),
            });
            v.count_force(&fr.force.code, &fr.force.name, &fr.quarter.to_string());
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
    if let Some(latest) = latest {
        for v in &mut out {
            v.new_this_quarter = v.news(latest);
        }
    }
    out.sort_by(|a, b| {
        b.forces
            .len()
            .cmp(&a.forces.len())
            .then(b.incidents.cmp(&a.incidents))
            .then(a.mp.cmp(&b.mp))
    });
    out
}
