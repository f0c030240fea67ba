//! Repeat suspects and repeat victims across force boundaries: what the returns exist for.
//!
//! Suspects are taken from every incident row of the accepted returns that names one,
//! linked by [`crate::link::link`], and reported as groups with the incidents, forces and
//! reasons behind each. Repeat victims are MPs matched on normalised name and
//! constituency who appear in two or more forces' returns, or in three or more incidents.
//! Both render as the national workbook's `Repeat suspects` and `Repeat victims` sheets,
//! as JSON and as tables; `--pseudonymise` replaces suspects' names, dates of birth,
//! postcodes and identifiers with keyed HMAC-SHA256 tokens in every one of them.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::collate::Collation;
use crate::definition::Definition;
use crate::link::{self as linkage, Kind, Person, Settings};

/// Where a suspect record came from. The force, quarter and file are shared by every
/// record of one return, so they are reference-counted rather than copied.
#[derive(Clone, Debug)]
pub struct Record {
    pub force_code: Arc<str>,
    pub force: Arc<str>,
    pub quarter: Arc<str>,
    pub reference: String,
    pub file: Arc<str>,
    pub row: u32,
}

/// An incident in a group.
#[derive(Clone, Debug, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct IncidentRef {
    pub force: String,
    pub quarter: String,
    pub reference: String,
}

/// A suspect seen in several records.
#[derive(Clone, Debug, Serialize)]
pub struct SuspectGroup {
    pub id: String,
    /// Force codes, sorted.
    pub forces: Vec<String>,
    pub incidents: Vec<IncidentRef>,
    /// The names as recorded, distinct.
    pub name: Vec<String>,
    pub dob: Vec<String>,
    /// The strongest link's match probability.
    pub score: f64,
    pub reasons: Vec<String>,
    #[serde(skip)]
    pub members: Vec<usize>,
}

/// An MP who is a victim in several forces' returns, or repeatedly.
#[derive(Clone, Debug, Serialize)]
pub struct Victim {
    pub mp: String,
    pub constituency: String,
    /// Force name → incidents.
    pub forces: BTreeMap<String, usize>,
    pub incidents: usize,
    /// Category → incidents.
    pub categories: BTreeMap<String, usize>,
}

/// Everything `links` found.
#[derive(Clone, Debug, Serialize)]
pub struct Links {
    pub suspects: Vec<SuspectGroup>,
    pub victims: Vec<Victim>,
    #[serde(skip)]
    pub records: Vec<Record>,
    #[serde(skip)]
    pub people: Vec<Person>,
    pub suspect_records: usize,
    pub candidate_pairs: usize,
}

/// How values are shown: as they are, or as keyed pseudonyms.
pub enum Mask {
    Clear,
    Pseudonymise(Vec<u8>),
}

impl Mask {
    pub fn show(&self, kind: Kind, value: &str) -> String {
        match self {
            Mask::Clear => value.to_string(),
            Mask::Pseudonymise(key) if !value.is_empty() => pseudonym(key, kind, value),
            Mask::Pseudonymise(_) => String::new(),
        }
    }
}

/// HMAC-SHA256 (RFC 2104), written out so that no further crate is needed.
pub fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    let mut block = [0u8; 64];
    if key.len() > 64 {
        block[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        block[..key.len()].copy_from_slice(key);
    }
    let mut inner = Sha256::new();
    inner.update(block.map(|b| b ^ 0x36));
    inner.update(message);
    let mut outer = Sha256::new();
    outer.update(block.map(|b| b ^ 0x5c));
    outer.update(inner.finalize());
    outer.finalize().into()
}

/// A stable token for a value: the same key and value always give the same token, and
/// values are normalised first so that `SMITH` and `Smith` share one.
pub fn pseudonym(key: &[u8], kind: Kind, value: &str) -> String {
    let (prefix, norm) = match kind {
        Kind::Name => ("N", linkage::norm_name(value)),
        Kind::Dob => ("D", value.trim().to_string()),
        Kind::Postcode => ("P", linkage::norm_postcode(value)),
        Kind::Identifier => ("I", linkage::norm_identifier(value)),
        Kind::Place => ("L", linkage::norm_name(value)),
    };
    let mac = hmac_sha256(key, format!("{prefix}:{norm}").as_bytes());
    format!("{prefix}-{}", crate::base::text::hex(&mac[..6]))
}

/// The suspect records of the accepted returns, every incident row that names one: where
/// each came from, and who it describes.
pub fn records(c: &Collation, def: &Definition) -> (Vec<Record>, Vec<Person>) {
    let inc = def.incidents();
    let ix = |k: &str| inc.index(k);
    let text = |v: crate::base::value::ValueRef<'_>| {
        v.text().map(|t| t.into_owned()).filter(|t| !t.is_empty())
    };
    let mut out = Vec::new();
    let mut people = Vec::new();
    for (fr, e) in c.collated() {
        let Some(content) = &e.outcome.content else {
            continue;
        };
        let force_code: Arc<str> = fr.force.code.as_str().into();
        let force: Arc<str> = fr.force.name.as_str().into();
        let quarter: Arc<str> = fr.quarter.to_string().into();
        let file: Arc<str> = e.file_name().into();
        for r in &content.incidents {
            let person = Person {
                forename: text(r.get(ix("suspect_forenames"))),
                surname: text(r.get(ix("suspect_surname"))),
                dob: r.get(ix("suspect_dob")).date(),
                postcode: text(r.get(ix("suspect_postcode"))),
                identifier: text(r.get(ix("suspect_identifier"))),
                place: None,
            };
            if person.forename.is_none()
                && person.surname.is_none()
                && person.dob.is_none()
                && person.identifier.is_none()
            {
                continue;
            }
            out.push(Record {
                force_code: force_code.clone(),
                force: force.clone(),
                quarter: quarter.clone(),
                reference: text(r.get(ix("reference"))).unwrap_or_default(),
                file: file.clone(),
                row: r.source_row,
            });
            people.push(person);
        }
    }
    (out, people)
}

fn display_name(p: &Person, mask: &Mask) -> String {
    let f = p
        .forename
        .as_deref()
        .map(|x| mask.show(Kind::Name, x))
        .unwrap_or_default();
    let s = p
        .surname
        .as_deref()
        .map(|x| mask.show(Kind::Name, x))
        .unwrap_or_default();
    match (f.is_empty(), s.is_empty()) {
        (false, false) => format!("{f} {s}"),
        (true, false) => s,
        (false, true) => f,
        _ => String::new(),
    }
}

/// What linking needs from the accepted returns, taken out so that their rows can be freed
/// before the (memory-hungry) linkage runs.
pub struct Prepared {
    pub records: Vec<Record>,
    pub people: Vec<Person>,
    pub victims: Vec<Victim>,
}

/// Takes the suspect records and the repeat victims out of the accepted returns.
pub fn prepare(c: &Collation, def: &Definition) -> Prepared {
    let (records, people) = records(c, def);
    Prepared {
        records,
        people,
        victims: victims(c, def),
    }
}

/// Links the suspects and lists the repeat victims of the accepted returns.
pub fn find(c: &Collation, def: &Definition, settings: &Settings, mask: &Mask) -> Links {
    link(prepare(c, def), settings, mask)
}

/// Links prepared suspect records into groups.
pub fn link(prepared: Prepared, settings: &Settings, mask: &Mask) -> Links {
    let Prepared {
        records,
        people,
        victims,
    } = prepared;
    let linkage = linkage::link(&people, settings);
    let mut suspects: Vec<SuspectGroup> = linkage
        .groups
        .iter()
        .map(|g| {
            let forces: BTreeSet<String> = g
                .members
                .iter()
                .map(|&m| records[m].force_code.to_string())
                .collect();
            let mut incidents: Vec<IncidentRef> = g
                .members
                .iter()
                .map(|&m| IncidentRef {
                    force: records[m].force_code.to_string(),
                    quarter: records[m].quarter.to_string(),
                    reference: records[m].reference.clone(),
                })
                .collect();
            incidents.sort();
            let mut names: Vec<String> = g
                .members
                .iter()
                .map(|&m| display_name(&people[m], mask))
                .filter(|n| !n.is_empty())
                .collect();
            names.sort();
            names.dedup();
            let mut dobs: Vec<String> = g
                .members
                .iter()
                .filter_map(|&m| people[m].dob)
                .map(|d| mask.show(Kind::Dob, &d.iso()))
                .collect();
            dobs.sort();
            dobs.dedup();
            let reasons = g
                .edges
                .iter()
                .map(|e| {
                    let said: Vec<String> = e
                        .reasons
                        .iter()
                        .map(|r| r.render(&|k, v| mask.show(k, v)))
                        .collect();
                    format!(
                        "{} {} ~ {} {} (p {:.3}): {}",
                        records[e.a].force_code,
                        records[e.a].reference,
                        records[e.b].force_code,
                        records[e.b].reference,
                        e.probability,
                        said.join("; ")
                    )
                })
                .collect();
            SuspectGroup {
                id: String::new(),
                forces: forces.into_iter().collect(),
                incidents,
                name: names,
                dob: dobs,
                score: (g.score() * 1000.0).round() / 1000.0,
                reasons,
                members: g.members.clone(),
            }
        })
        .collect();
    // Cross-force groups first, then the largest, then in record order.
    suspects.sort_by(|a, b| {
        b.forces
            .len()
            .cmp(&a.forces.len())
            .then(b.members.len().cmp(&a.members.len()))
            .then(a.members[0].cmp(&b.members[0]))
    });
    for (i, s) in suspects.iter_mut().enumerate() {
        s.id = format!("S{:04}", i + 1);
    }
    Links {
        suspects,
        victims,
        suspect_records: records.len(),
        candidate_pairs: linkage.candidate_pairs,
        records,
        people,
    }
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
            let key = (linkage::norm_name(&name), linkage::norm_name(&constituency));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hmac_matches_rfc_4231() {
        // RFC 4231 test case 2.
        let mac = hmac_sha256(b"Jefe", b"what do ya want for nothing?");
        assert_eq!(
            crate::base::text::hex(&mac),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        // Test case 6: a key longer than the block.
        let mac = hmac_sha256(
            &[0xaa; 131],
            b"Test Using Larger Than Block-Size Key - Hash Key First",
        );
        assert_eq!(
            crate::base::text::hex(&mac),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        );
    }

    #[test]
    fn pseudonyms_are_keyed_and_normalised() {
        let a = pseudonym(b"key one", Kind::Name, "Smith");
        assert_eq!(a, pseudonym(b"key one", Kind::Name, " SMITH "));
        assert_ne!(a, pseudonym(b"key two", Kind::Name, "Smith"));
        assert_ne!(a, pseudonym(b"key one", Kind::Name, "Smyth"));
        assert!(a.starts_with("N-") && a.len() == 14 && !a.to_lowercase().contains("smith"));
    }
}
