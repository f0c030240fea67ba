//! Repeat suspects across force boundaries: what the returns exist for.
//!
//! Suspects are taken from every incident row of the accepted returns that names one,
//! linked by [`crate::link::link`], and reported as groups with the incidents, forces and
//! reasons behind each; the repeat victims ([`crate::link::victims`]) travel with them in
//! [`Links`]. Both render as the national workbook's `Repeat suspects` and `Repeat
//! victims` sheets, as JSON and as tables; `--pseudonymise` replaces suspects' names,
//! dates of birth, postcodes and identifiers with keyed tokens
//! ([`crate::link::pseudonym`]) in every one of them.
//!
//! It must never show a suspect's value except through the [`Mask`].

use std::collections::BTreeSet;
use std::sync::Arc;

use serde::Serialize;

use crate::collate::Collation;
use crate::definition::Definition;

use super::pseudonym::Mask;
use super::victims::{victims, Victim};
use super::{Group, Kind, Person, Settings};

/// Where a suspect record came from. The force, quarter and file are shared by every
/// record of one return, so they are reference-counted rather than copied.
#[derive(Clone, Debug)]
pub struct Record {
    /// Code of the force whose return it is (`avon-and-somerset`).
    pub force_code: Arc<str>,
    /// The force's name as the Forces drop-down spells it.
    pub force: Arc<str>,
    /// The return's quarter as written (`2016-17 Q1`).
    pub quarter: Arc<str>,
    /// The incident's reference as recorded; empty when blank.
    pub reference: String,
    /// The return's file name, without its folder.
    pub file: Arc<str>,
    /// One-based row number on the return's Incidents sheet.
    pub row: u32,
}

/// An incident in a group.
#[derive(Clone, Debug, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct IncidentRef {
    /// Code of the force that recorded the incident.
    pub force: String,
    /// The return's quarter as written (`2016-17 Q1`).
    pub quarter: String,
    /// The incident's reference as recorded; empty when blank.
    pub reference: String,
}

/// A suspect seen in several records.
#[derive(Clone, Debug, Serialize)]
pub struct SuspectGroup {
    /// `S0001` onwards, numbered once the groups are sorted (cross-force first, then
    /// largest).
    pub id: String,
    /// Force codes, sorted.
    pub forces: Vec<String>,
    /// One per record in the group, sorted by force code, quarter and reference.
    pub incidents: Vec<IncidentRef>,
    /// The names as recorded, distinct.
    pub name: Vec<String>,
    /// The dates of birth as `YYYY-MM-DD` (or their pseudonyms), distinct and sorted.
    pub dob: Vec<String>,
    /// The strongest link's match probability.
    pub score: f64,
    /// Each link that joined the group in words, strongest first
    /// (`force ref ~ force ref (p 0.999): reasons`).
    pub reasons: Vec<String>,
    /// Indices into `Links::records` and `Links::people`, ascending (not in JSON).
    #[serde(skip)]
    pub members: Vec<usize>,
}

/// Everything `links` found.
#[derive(Clone, Debug, Serialize)]
pub struct Links {
    /// Suspects linked across records, cross-force groups first, numbered `S0001` onwards.
    pub suspects: Vec<SuspectGroup>,
    /// Repeat victims, most forces first, then most incidents.
    pub victims: Vec<Victim>,
    /// Where each suspect record came from, index for index with `people` (not in JSON;
    /// emptied once the national workbook is written).
    #[serde(skip)]
    pub records: Vec<Record>,
    /// Each suspect record's values as recorded, index for index with `records` (not in
    /// JSON; emptied as `records` is).
    #[serde(skip)]
    pub people: Vec<Person>,
    /// Incident rows in the accepted returns that name a suspect (a name, date of birth or
    /// identifier).
    pub suspect_records: usize,
    /// Record pairs compared after blocking (a measure of the work, not of matches).
    pub candidate_pairs: usize,
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
    /// Where each suspect record came from, index for index with `people`.
    pub records: Vec<Record>,
    /// Each suspect record's values as recorded, for linking.
    pub people: Vec<Person>,
    /// The repeat victims, already found (they need no linkage).
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
    let linkage = super::link(&people, settings);
    let mut suspects: Vec<SuspectGroup> = linkage
        .groups
        .iter()
        .map(|g| suspect_group(g, &records, &people, mask))
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

/// One linked group as reported: its forces, incidents, names and dates of birth (through
/// the mask), and each joining link in words. The id is given once the groups are sorted.
fn suspect_group(g: &Group, records: &[Record], people: &[Person], mask: &Mask) -> SuspectGroup {
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
}
