//! Series over time: ids for repeat suspects that stay the same from one run to the next,
//! and what is new about a suspect in the latest quarter of the inputs.
//!
//! An id is made from the group's content, never from its place in a list: a short hash
//! of the force code and force reference of its earliest incident (`S-3F2A9C`), which
//! reveals nothing about the person. The id is replayed quarter by quarter: a group takes
//! the id of the oldest group it holds from the quarters before (so adding a quarter keeps
//! the ids, and a merge keeps the older one, the others reported as `also`), and a group
//! that holds none takes its earliest incident's.
//!
//! It must never make an id from a name, a date of birth or anything else about the person.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::suspects::Record;
use super::Edge;

/// Hex digits of an id: 16.7 million ids, so that a few thousand groups rarely share one.
const ID_DIGITS: usize = 6;

/// A record's place in time: quarter, force code, reference, row (earliest first).
fn key(r: &Record) -> (&str, &str, &str, u32) {
    (&r.quarter, &r.force_code, &r.reference, r.row)
}

/// The id of a group whose earliest incident is `r`: `S-` and the first hex digits of a
/// SHA-256 of the force code and reference (quarter and row when there is no reference).
pub(crate) fn incident_id(prefix: &str, r: &Record, digits: usize) -> String {
    let what = if r.reference.trim().is_empty() {
        format!("{}\0{}\0row {}", r.force_code, r.quarter, r.row)
    } else {
        format!("{}\0{}", r.force_code, r.reference.trim())
    };
    let hash = Sha256::digest(what.as_bytes());
    let hex: String = hash.iter().map(|b| format!("{b:02X}")).collect();
    format!("{prefix}-{}", &hex[..digits.min(hex.len())])
}

/// A group's id and the ids of the older groups merged into it, replayed quarter by
/// quarter over its own links. `members` are indices into `records`.
pub(crate) fn group_id(
    members: &[usize],
    edges: &[Edge],
    records: &[Record],
) -> (String, Vec<String>) {
    group_id_digits(members, edges, records, ID_DIGITS)
}

fn group_id_digits(
    members: &[usize],
    edges: &[Edge],
    records: &[Record],
    digits: usize,
) -> (String, Vec<String>) {
    let quarters: BTreeSet<&str> = members.iter().map(|&m| &*records[m].quarter).collect();
    // The id of each component seen so far, by its earliest member.
    let mut ids: BTreeMap<usize, String> = BTreeMap::new();
    let mut also: BTreeSet<String> = BTreeSet::new();
    let mut id = String::new();
    for q in quarters {
        let inside: Vec<usize> = members
            .iter()
            .copied()
            .filter(|&m| &*records[m].quarter <= q)
            .collect();
        let mut next: BTreeMap<usize, String> = BTreeMap::new();
        for comp in components(&inside, edges) {
            if comp.len() < 2 {
                continue;
            }
            let first = earliest(&comp, records);
            // The groups of the quarters before that this one holds, oldest first.
            let mut older: Vec<(usize, &String)> = ids
                .iter()
                .filter(|(m, _)| comp.contains(m))
                .map(|(m, id)| (*m, id))
                .collect();
            older.sort_by(|x, y| key(&records[x.0]).cmp(&key(&records[y.0])));
            let this = match older.first() {
                Some((_, id)) => (*id).clone(),
                None => incident_id("S", &records[first], digits),
            };
            also.extend(older.iter().skip(1).map(|(_, id)| (*id).clone()));
            id = this.clone();
            next.insert(first, this);
        }
        ids = next;
    }
    also.remove(&id);
    (id, also.into_iter().collect())
}

/// Ids for every group, index for index, lengthened where two groups would share one.
pub(crate) fn group_ids(
    groups: &[(&[usize], &[Edge])],
    records: &[Record],
) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = groups
        .iter()
        .map(|(m, e)| group_id(m, e, records))
        .collect();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for (id, _) in &out {
        *seen.entry(id.clone()).or_default() += 1;
    }
    for (k, (m, e)) in groups.iter().enumerate() {
        if seen.get(&out[k].0).copied().unwrap_or(0) > 1 {
            out[k] = group_id_digits(m, e, records, 16);
        }
    }
    out
}

/// The member with the earliest quarter, force, reference and row.
fn earliest(members: &[usize], records: &[Record]) -> usize {
    *members
        .iter()
        .min_by(|&&x, &&y| key(&records[x]).cmp(&key(&records[y])))
        .expect("a component has a member")
}

/// The connected parts of `members` over the edges between two of them.
fn components(members: &[usize], edges: &[Edge]) -> Vec<Vec<usize>> {
    let mut parent: BTreeMap<usize, usize> = members.iter().map(|&m| (m, m)).collect();
    fn root(p: &mut BTreeMap<usize, usize>, mut x: usize) -> usize {
        while p[&x] != x {
            x = p[&x];
        }
        x
    }
    for e in edges {
        if parent.contains_key(&e.a) && parent.contains_key(&e.b) {
            let (ra, rb) = (root(&mut parent, e.a), root(&mut parent, e.b));
            if ra != rb {
                parent.insert(ra.max(rb), ra.min(rb));
            }
        }
    }
    let mut out: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &m in members {
        let r = root(&mut parent, m);
        out.entry(r).or_default().push(m);
    }
    out.into_values().collect()
}

/// A suspect over time: when seen, where, against whom, and what is new in the latest
/// quarter of the inputs.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Series {
    /// The first quarter with an incident of the group (`2016-17 Q1`).
    pub first_quarter: String,
    /// The last quarter with an incident of the group.
    pub last_quarter: String,
    /// Quarter → incidents of the group.
    pub quarters: BTreeMap<String, usize>,
    /// The MPs targeted, as recorded, distinct and sorted.
    pub mps: Vec<String>,
    /// What is new in the latest quarter of the inputs, in words; empty when nothing is,
    /// or when the inputs hold one quarter only.
    pub new_this_quarter: Vec<String>,
}

/// A suspect's series: `members` index `records`; `latest` is the latest quarter of the
/// inputs, `None` when they hold only one.
pub(crate) fn suspect_series(
    members: &[usize],
    records: &[Record],
    latest: Option<&str>,
) -> Series {
    let mut s = Series::default();
    for &m in members {
        *s.quarters
            .entry(records[m].quarter.to_string())
            .or_default() += 1;
    }
    s.first_quarter = s.quarters.keys().next().cloned().unwrap_or_default();
    s.last_quarter = s.quarters.keys().next_back().cloned().unwrap_or_default();
    let mps: BTreeSet<&str> = members
        .iter()
        .map(|&m| &*records[m].mp)
        .filter(|m| !m.is_empty())
        .collect();
    s.mps = mps.into_iter().map(str::to_string).collect();
    if let Some(latest) = latest {
        s.new_this_quarter = suspect_news(members, records, latest);
    }
    s
}

/// What is new about a suspect in the `latest` quarter, in words.
fn suspect_news(members: &[usize], records: &[Record], latest: &str) -> Vec<String> {
    let (now, before): (Vec<&Record>, Vec<&Record>) = members
        .iter()
        .map(|&m| &records[m])
        .partition(|r| &*r.quarter == latest);
    if now.is_empty() {
        return Vec::new();
    }
    let forces_now: BTreeSet<&str> = now.iter().map(|r| &*r.force).collect();
    if before.is_empty() {
        return vec![format!(
            "first seen this quarter: {} in {}",
            crate::base::text::plural(now.len(), "incident"),
            join(&forces_now)
        )];
    }
    let mut out = Vec::new();
    let forces_before: BTreeSet<&str> = before.iter().map(|r| &*r.force).collect();
    let new_forces: BTreeSet<&str> = forces_now.difference(&forces_before).copied().collect();
    if !new_forces.is_empty() {
        out.push(format!("seen in a new force: {}", join(&new_forces)));
    }
    let mps_before: BTreeSet<&str> = before.iter().map(|r| &*r.mp).collect();
    let new_mps: BTreeSet<&str> = now
        .iter()
        .map(|r| &*r.mp)
        .filter(|m| !m.is_empty() && !mps_before.contains(m))
        .collect();
    if !new_mps.is_empty() {
        out.push(format!("a new MP targeted: {}", join(&new_mps)));
    }
    if now.iter().any(|r| r.sexual_violence) && !before.iter().any(|r| r.sexual_violence) {
        out.push("a first threat of sexual violence".to_string());
    }
    let mut per_quarter: BTreeMap<&str, usize> = BTreeMap::new();
    for r in &before {
        *per_quarter.entry(&r.quarter).or_default() += 1;
    }
    let most = per_quarter.values().copied().max().unwrap_or(0);
    if now.len() > most {
        out.push(format!(
            "more incidents this quarter ({}) than in any earlier quarter (at most {most})",
            now.len()
        ));
    }
    out
}

fn join(set: &BTreeSet<&str>) -> String {
    set.iter().copied().collect::<Vec<_>>().join(", ")
}

/// The latest of the inputs' quarters, when there are two or more (nothing is new in a
/// single quarter).
pub(crate) fn latest(quarters: &[String]) -> Option<&str> {
    if quarters.len() < 2 {
        return None;
    }
    quarters.iter().max().map(String::as_str)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    fn record(quarter: &str, reference: &str) -> Record {
        Record {
            force_code: "kent".into(),
            force: "Kent Police".into(),
            quarter: Arc::from(quarter),
            reference: reference.into(),
            file: "kent.xlsx".into(),
            row: 5,
            mp: "Alex Marlowe".into(),
            sexual_violence: false,
        }
    }

    fn edge(a: usize, b: usize) -> Edge {
        Edge {
            a,
            b,
            weight: 20.0,
            probability: 0.999,
            reasons: Vec::new(),
        }
    }

    #[test]
    fn a_merge_keeps_the_older_id_and_reports_the_other() {
        // Two groups of Q1 and Q2 (0-1 and 2-3), joined in Q3 by record 4.
        let records = vec![
            record("2016-17 Q2", "KNT/7"),
            record("2016-17 Q2", "KNT/8"),
            record("2016-17 Q1", "KNT/1"),
            record("2016-17 Q2", "KNT/2"),
            record("2016-17 Q3", "KNT/9"),
        ];
        let older = incident_id("S", &records[2], ID_DIGITS);
        let younger = incident_id("S", &records[0], ID_DIGITS);
        assert_ne!(older, younger);
        // Before Q3 they are two groups with their own ids.
        assert_eq!(
            group_id(&[0, 1], &[edge(0, 1)], &records),
            (younger.clone(), vec![])
        );
        assert_eq!(
            group_id(&[2, 3], &[edge(2, 3)], &records),
            (older.clone(), vec![])
        );
        let edges = [edge(0, 1), edge(2, 3), edge(1, 4), edge(3, 4)];
        let (id, also) = group_id(&[0, 1, 2, 3, 4], &edges, &records);
        assert_eq!(id, older, "the older group's id");
        assert_eq!(also, vec![younger]);
    }

    #[test]
    fn ids_reveal_nothing_and_are_deterministic() {
        let r = record("2016-17 Q1", "KNT/1");
        let id = incident_id("S", &r, ID_DIGITS);
        assert_eq!(id, incident_id("S", &r, ID_DIGITS));
        assert_eq!(id.len(), 8);
        assert!(!id.contains("KNT") && !id.contains("kent"));
        // A group whose earliest record joins later keeps the id it had.
        let records = vec![
            record("2016-17 Q1", "KNT/1"),
            record("2016-17 Q2", "KNT/2"),
            record("2016-17 Q3", "KNT/3"),
        ];
        let two = group_id(&[0, 1], &[edge(0, 1)], &records);
        let three = group_id(&[0, 1, 2], &[edge(0, 1), edge(1, 2)], &records);
        assert_eq!(two, three);
    }
}
