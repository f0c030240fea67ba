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

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use serde::Serialize;

use crate::base::text::{quote, shown_value, thousands};
use crate::collate::Collation;
use crate::definition::Definition;

use super::pseudonym::Mask;
use super::series::{self, Series};
use super::victims::{victims, Victim};
use super::{Group, Person, PersonalField, Settings};

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
    /// The MP targeted, as recorded; empty when blank. Shared between the records that
    /// name the same MP (a year's 200,000 records name a few hundred).
    pub mp: Arc<str>,
    /// Whether the incident involved a threat of sexual violence.
    pub sexual_violence: bool,
}

/// A force, named one way everywhere in the output: its code and its name.
#[derive(Clone, Debug, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct ForceRef {
    /// The force's code (`avon-and-somerset`).
    pub code: String,
    /// The force's name as the Forces drop-down spells it.
    pub name: String,
}

/// One piece of evidence for a link, as data, with the sentence beside it.
#[derive(Clone, Debug, Serialize)]
pub struct Evidence {
    /// The comparison (`surname`, `date of birth`, …).
    pub field: String,
    /// The level it reached (`exact`, `Jaro-Winkler >= 0.92`, `day and month swapped`, …).
    pub level: String,
    /// The first record's value, through the mask.
    pub a: String,
    /// The second record's value, through the mask.
    pub b: String,
    /// Its match weight in bits, log2(m/u).
    pub weight: f64,
    /// Jaro-Winkler similarity, for inexact names and close identifiers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub similarity: Option<f64>,
    /// The evidence in plain words.
    pub said: String,
}

/// A link that joined the group: the two incidents, how sure, and why.
#[derive(Clone, Debug, Serialize)]
pub struct LinkWhy {
    /// The first incident.
    pub a: IncidentRef,
    /// The second incident.
    pub b: IncidentRef,
    /// The match probability (0 to 1).
    pub probability: f64,
    /// The match weight in bits.
    pub weight: f64,
    /// The probability in words (`almost certainly the same person`).
    pub likelihood: String,
    /// Each comparison that agreed.
    pub evidence: Vec<Evidence>,
    /// The whole link in plain words.
    pub said: String,
}

/// An incident in a group.
#[derive(Clone, Debug, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct IncidentRef {
    /// The force that recorded the incident.
    pub force: ForceRef,
    /// The return's quarter as written (`2016-17 Q1`).
    pub quarter: String,
    /// The incident's reference as recorded; empty when blank.
    pub reference: String,
}

/// A suspect record compared with no other: every key it shares with another record (a
/// name with the date of birth, the name pair, the date of birth, the postcode district,
/// the email) is shared with more records than are compared, too common to be evidence,
/// so it is in no group whatever it holds. Listed so that "no repeat suspect" is never
/// read into it.
#[derive(Clone, Debug, Serialize)]
pub struct NotCompared {
    /// Where it was recorded.
    #[serde(flatten)]
    pub incident: IncidentRef,
    /// The suspect's name as recorded (through the mask); empty when blank.
    pub name: String,
    /// The file the return came from.
    pub file: String,
    /// One-based row number on the return's Incidents sheet.
    pub row: u32,
}

/// A suspect seen in several records.
#[derive(Clone, Debug, Serialize)]
pub struct SuspectGroup {
    /// `S-3F2A9C`: made from the earliest incident, so that it stays the same when a
    /// quarter is added ([`super::series`]).
    pub id: String,
    /// The ids of older groups merged into this one, which an earlier run may have shown.
    pub also: Vec<String>,
    /// The forces, sorted by code.
    pub forces: Vec<ForceRef>,
    /// One per record in the group, sorted by force code, quarter and reference.
    pub incidents: Vec<IncidentRef>,
    /// The names as recorded, distinct.
    pub name: Vec<String>,
    /// The dates of birth as `YYYY-MM-DD` (or their pseudonyms), distinct and sorted.
    pub dob: Vec<String>,
    /// The strongest link's match probability.
    pub score: f64,
    /// Each link that joined the group, strongest first, as data and in words.
    pub reasons: Vec<LinkWhy>,
    /// When and against whom, and what is new in the latest quarter.
    #[serde(flatten)]
    pub series: Series,
    /// Indices into `Links::records` and `Links::people`, ascending (not in JSON).
    #[serde(skip)]
    pub members: Vec<usize>,
}

impl SuspectGroup {
    /// The id as shown: `S-3F2A9C`, or `S-3F2A9C (was also S-9C1B07)` after a merge.
    pub fn label(&self) -> String {
        if self.also.is_empty() {
            self.id.clone()
        } else {
            format!("{} (was also {})", self.id, self.also.join(", "))
        }
    }

    /// Each link in plain words, strongest first.
    pub fn sentences(&self) -> Vec<String> {
        self.reasons.iter().map(|r| r.said.clone()).collect()
    }
}

/// Everything `links` found.
#[derive(Clone, Debug, Serialize)]
pub struct Links {
    /// Suspects linked across records, cross-force groups first, then the largest.
    pub suspects: Vec<SuspectGroup>,
    /// The quarters of the accepted returns, sorted.
    pub quarters: Vec<String>,
    /// The latest of them, when there are two or more: what "new" is measured in.
    pub latest_quarter: Option<String>,
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
    /// Suspect records compared with no other, their every key too common, in record order.
    pub not_compared: Vec<NotCompared>,
}

impl Links {
    /// In words, when any suspect record was compared with no other: how many, the first,
    /// and what to do if they are placeholders. `None` when every record was compared.
    pub fn not_compared_said(&self) -> Option<String> {
        let first = self.not_compared.first()?;
        let n = self.not_compared.len();
        let name = if first.name.is_empty() {
            String::new()
        } else {
            format!(", {}", quote(&first.name))
        };
        Some(format!(
            "{} suspect record{} compared with no other, so in no group: {} its name, date of \
             birth, postcode or email only with more records than are compared at once, too \
             common to be evidence (the first: {} {}, {}, {} Incidents row {}{name}); if such \
             rows hold a placeholder such as 'Unknown', leave those cells blank",
            thousands(n),
            if n == 1 { "" } else { "s" },
            if n == 1 { "it shares" } else { "each shares" },
            first.incident.force.name,
            if first.incident.reference.is_empty() {
                "(no reference)".into()
            } else {
                shown_value(&first.incident.reference)
            },
            first.incident.quarter,
            shown_value(&first.file),
            first.row,
        ))
    }
}

/// The suspect records of the accepted returns, every incident row that names one: where
/// each came from, and who it describes.
pub(crate) fn records(c: &Collation, def: &Definition) -> (Vec<Record>, Vec<Person>) {
    let k = &def.keys.incidents;
    let text = |v: crate::base::value::ValueRef<'_>| {
        v.text().map(|t| t.into_owned()).filter(|t| !t.is_empty())
    };
    let (yes, _) = def.yes_no();
    let mut out = Vec::new();
    let mut people = Vec::new();
    let mut mps: HashMap<String, Arc<str>> = HashMap::new();
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
                forename: text(r.get(k.suspect_forenames.index())),
                surname: text(r.get(k.suspect_surname.index())),
                dob: r.get(k.suspect_dob.index()).date(),
                postcode: text(r.get(k.suspect_postcode.index())),
                identifier: text(r.get(k.suspect_identifier.index())),
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
                reference: text(r.get(k.reference.index())).unwrap_or_default(),
                file: file.clone(),
                row: r.source_row,
                mp: mps
                    .entry(text(r.get(k.mp_name.index())).unwrap_or_default())
                    .or_insert_with_key(|mp| mp.as_str().into())
                    .clone(),
                sexual_violence: text(r.get(k.sexual_violence.index()))
                    .is_some_and(|v| v.trim().eq_ignore_ascii_case(yes)),
            });
            people.push(person);
        }
    }
    // Held through linking beside every row of the year: no room to spare.
    out.shrink_to_fit();
    people.shrink_to_fit();
    (out, people)
}

fn display_name(p: &Person, mask: &Mask) -> String {
    let f = p
        .forename
        .as_deref()
        .map(|x| mask.show(PersonalField::Name, x))
        .unwrap_or_default();
    let s = p
        .surname
        .as_deref()
        .map(|x| mask.show(PersonalField::Name, x))
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
    /// The quarters of the accepted returns, sorted.
    pub quarters: Vec<String>,
}

/// Takes the suspect records and the repeat victims out of the accepted returns.
pub fn prepare(c: &Collation, def: &Definition) -> Prepared {
    let (records, people) = records(c, def);
    let quarters: BTreeSet<String> = c.collated().map(|(fr, _)| fr.quarter.to_string()).collect();
    let quarters: Vec<String> = quarters.into_iter().collect();
    Prepared {
        records,
        people,
        victims: victims(c, def, series::latest(&quarters)),
        quarters,
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
        quarters,
    } = prepared;
    let linkage = super::link(&people, settings);
    let latest = series::latest(&quarters);
    let ids = series::group_ids(
        &linkage
            .groups
            .iter()
            .map(|g| (g.members.as_slice(), g.edges.as_slice()))
            .collect::<Vec<_>>(),
        &records,
    );
    let mut suspects: Vec<SuspectGroup> = linkage
        .groups
        .iter()
        .zip(ids)
        .map(|(g, (id, also))| SuspectGroup {
            id,
            also,
            ..suspect_group(g, &records, &people, mask, latest)
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
    Links {
        latest_quarter: latest.map(str::to_string),
        quarters,
        suspects,
        victims,
        suspect_records: records.len(),
        candidate_pairs: linkage.candidate_pairs,
        not_compared: linkage
            .uncompared
            .iter()
            .map(|&i| NotCompared {
                incident: incident_ref(&records[i]),
                name: display_name(&people[i], mask),
                file: records[i].file.to_string(),
                row: records[i].row,
            })
            .collect(),
        records,
        people,
    }
}

/// One linked group as reported: its forces, incidents, names and dates of birth (through
/// the mask), each joining link as data and in words, and its series over time. The id is
/// given by the caller.
fn suspect_group(
    g: &Group,
    records: &[Record],
    people: &[Person],
    mask: &Mask,
    latest: Option<&str>,
) -> SuspectGroup {
    let forces: BTreeSet<ForceRef> = g.members.iter().map(|&m| force_ref(&records[m])).collect();
    let mut incidents: Vec<IncidentRef> = g
        .members
        .iter()
        .map(|&m| incident_ref(&records[m]))
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
        .map(|d| mask.show(PersonalField::Dob, &d.iso()))
        .collect();
    dobs.sort();
    dobs.dedup();
    let reasons = g.edges.iter().map(|e| link_why(e, records, mask)).collect();
    SuspectGroup {
        id: String::new(),
        also: Vec::new(),
        series: series::suspect_series(&g.members, records, latest),
        forces: forces.into_iter().collect(),
        incidents,
        name: names,
        dob: dobs,
        score: (g.score() * 1000.0).round() / 1000.0,
        reasons,
        members: g.members.clone(),
    }
}

fn force_ref(r: &Record) -> ForceRef {
    ForceRef {
        code: r.force_code.to_string(),
        name: r.force.to_string(),
    }
}

fn incident_ref(r: &Record) -> IncidentRef {
    IncidentRef {
        force: force_ref(r),
        quarter: r.quarter.to_string(),
        reference: r.reference.clone(),
    }
}

/// A link as data and in words: `Kent Police KNT/1 and Surrey Police SUR/1: almost
/// certainly the same person (same surname: SMITH; …)`.
fn link_why(e: &super::Edge, records: &[Record], mask: &Mask) -> LinkWhy {
    let show = |k: PersonalField, v: &str| mask.show(k, v);
    let evidence: Vec<Evidence> = e
        .reasons
        .iter()
        .map(|r| Evidence {
            field: r.level.field().to_string(),
            level: r.level.as_str().to_string(),
            a: show(r.level.kind(), &r.a),
            b: show(r.level.kind(), &r.b),
            weight: r.weight,
            similarity: r.similarity.map(|s| (s * 1000.0).round() / 1000.0),
            said: r.render(&show),
        })
        .collect();
    let (a, b) = (&records[e.a], &records[e.b]);
    let likelihood = super::likelihood(e.probability);
    let said = format!(
        "{} {} and {} {}: {likelihood} ({})",
        a.force,
        a.reference,
        b.force,
        b.reference,
        evidence
            .iter()
            .map(|x| x.said.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    );
    LinkWhy {
        a: incident_ref(a),
        b: incident_ref(b),
        probability: (e.probability * 10000.0).round() / 10000.0,
        weight: e.weight,
        likelihood: likelihood.to_string(),
        evidence,
        said,
    }
}
