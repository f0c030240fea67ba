//! The generator's world: the MPs of each force's area, the people who may be suspects,
//! who turns up again in another force's returns, and how each force records a person
//! (with typos, swapped names, nicknames, gaps), plus the truth of who is who.
//!
//! Everything is drawn from one seeded [`Rng`] in a fixed order: it must never read a
//! clock or anything else that would change the bytes from run to run.

use crate::base::calendar::Date;
use crate::base::rng::Rng;
use crate::definition::Force;

use super::words::{
    ascii_lower, postcode, surname, title_case, typo, DOMAINS, FORENAMES, PLACE_END, PLACE_START,
    PLACE_SUFFIX, SURNAMES,
};

/// A person who may be a suspect, as they really are.
#[derive(Clone, Debug)]
struct Person {
    forename: String,
    surname: String,
    dob: Option<Date>,
    postcode: Option<String>,
    identifier: Option<String>,
}

/// An invented MP and their invented constituency.
#[derive(Clone, Debug)]
pub(super) struct Mp {
    pub name: String,
    pub constituency: String,
}

/// A person as one force recorded them.
pub(super) struct SuspectRecord {
    pub forename: Option<String>,
    pub surname: Option<String>,
    pub dob: Option<Date>,
    pub postcode: Option<String>,
    pub identifier: Option<String>,
}

/// Everything the generator has invented so far, and the one random source.
pub(super) struct World {
    pub rng: Rng,
    /// Each force's MPs, in the order of the forces given.
    pub mps: Vec<Vec<Mp>>,
    people: Vec<Person>,
    /// People who may turn up again, with how often they have.
    repeaters: Vec<(usize, u32)>,
    /// `truth.csv`: which suspect record is which person.
    pub truth: String,
    nicknames: Vec<(String, Vec<String>)>,
}

impl World {
    /// A world for these forces: each gets 3 to 12 MPs with distinct constituencies.
    pub(crate) fn new(seed: u64, forces: &[Force]) -> World {
        let mut rng = Rng::new(seed);
        let mut used = std::collections::HashSet::new();
        let mps = forces
            .iter()
            .map(|_| {
                let n = 3 + rng.below(10);
                (0..n)
                    .map(|_| {
                        let constituency = loop {
                            let c = format!(
                                "{}{}{}",
                                rng.pick(PLACE_START),
                                rng.pick(PLACE_END),
                                rng.pick(PLACE_SUFFIX)
                            );
                            if used.insert(c.clone()) {
                                break c;
                            }
                        };
                        Mp {
                            name: format!("{} {}", rng.pick(FORENAMES), rng.pick(SURNAMES)),
                            constituency,
                        }
                    })
                    .collect()
            })
            .collect();
        let nicknames = crate::link::nicknames::nicknames()
            .into_iter()
            .map(|(k, v)| {
                (
                    title_case(&k),
                    v.into_iter().map(|n| title_case(&n)).collect(),
                )
            })
            .collect();
        World {
            rng,
            mps,
            people: Vec::new(),
            repeaters: Vec::new(),
            truth: String::from("file,sheet,row,reference,person,mp\n"),
            nicknames,
        }
    }

    /// Invents a new person, born 18 to 78 years before `around`.
    fn new_person(&mut self, around: Date) -> usize {
        let rng = &mut self.rng;
        let forename = rng.pick(FORENAMES).to_string();
        let surname = surname(rng);
        let age_days = (18 + rng.below(60)) as i64 * 365 + rng.below(365) as i64;
        let dob = Some(Date::from_days(around.days() - age_days));
        let postcode = Some(postcode(rng));
        let identifier = if rng.chance(0.5) {
            let n = rng.below(10_000);
            Some(if rng.chance(0.5) {
                format!(
                    "{}.{}{n}@{}",
                    forename.to_lowercase(),
                    ascii_lower(&surname),
                    rng.pick(DOMAINS)
                )
            } else {
                format!("@{}{}{n}", forename.to_lowercase(), ascii_lower(&surname))
            })
        } else {
            None
        };
        let id = self.people.len();
        self.people.push(Person {
            forename,
            surname,
            dob,
            postcode,
            identifier,
        });
        id
    }

    /// Chooses who the suspect of an incident is: someone already reported, or new.
    pub(crate) fn suspect(&mut self, repeat_share: f64, around: Date) -> usize {
        if !self.repeaters.is_empty() && self.rng.chance(repeat_share) {
            let i = self.rng.below(self.repeaters.len());
            let (id, times) = &mut self.repeaters[i];
            *times += 1;
            let id = *id;
            if *times >= 4 {
                self.repeaters.swap_remove(i);
            }
            return id;
        }
        let id = self.new_person(around);
        if self.rng.chance(0.3) {
            self.repeaters.push((id, 1));
        }
        id
    }

    /// How one force recorded a person: with typos, swaps, nicknames and gaps.
    pub(crate) fn record(&mut self, id: usize) -> SuspectRecord {
        let p = self.people[id].clone();
        let rng = &mut self.rng;
        let mut forename = p.forename.clone();
        let mut surname = p.surname.clone();
        if rng.chance(0.12) {
            surname = typo(rng, &surname);
        }
        if rng.chance(0.08) {
            forename = typo(rng, &forename);
        } else if rng.chance(0.1) {
            if let Some((_, nicks)) = self.nicknames.iter().find(|(k, _)| *k == forename) {
                forename = rng.pick(nicks).clone();
            }
        }
        if rng.chance(0.15) {
            surname = surname.to_uppercase();
        }
        if rng.chance(0.06) {
            std::mem::swap(&mut forename, &mut surname);
        }
        let mut dob = p.dob;
        if rng.chance(0.15) {
            dob = None;
        } else if rng.chance(0.05) {
            dob = dob.and_then(|d| Date::new(d.year, d.day, d.month).or(Some(d)));
        } else if rng.chance(0.04) {
            dob = dob.map(|d| {
                Date::new(
                    d.year,
                    d.month,
                    if d.day > 9 { d.day - 9 } else { d.day + 9 },
                )
                .unwrap_or(d)
            });
        }
        let mut postcode = p.postcode.clone();
        if rng.chance(0.3) {
            postcode = None;
        } else if rng.chance(0.15) {
            postcode = Some(super::words::postcode(rng));
        } else if rng.chance(0.1) {
            postcode = postcode.map(|pc| pc.split(' ').next().unwrap_or("").to_string());
        }
        let mut identifier = p.identifier.clone();
        if rng.chance(0.35) {
            identifier = None;
        } else if rng.chance(0.1) {
            identifier = identifier.map(|i| match i.split_once('@') {
                Some((user, dom)) if !user.is_empty() => format!("{user}+mp@{dom}"),
                _ => i,
            });
        } else if rng.chance(0.15) {
            identifier = identifier.map(|i| i.to_uppercase());
        }
        let forename = (!forename.is_empty() && !rng.chance(0.03)).then_some(forename);
        SuspectRecord {
            forename,
            surname: Some(surname),
            dob,
            postcode,
            identifier,
        }
    }

    /// How many people have been invented.
    pub(crate) fn people(&self) -> usize {
        self.people.len()
    }
}
