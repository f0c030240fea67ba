//! Stage 5: repeat suspects and repeat victims across force boundaries, from the rows that
//! collation accepted; and the record linkage behind them, in the manner of Splink
//! (Fellegi-Sunter).
//!
//! Records are normalised (case, accents, punctuation, white space, hyphens; nicknames
//! from `data/nicknames.csv`; postcodes; emails and handles lower-cased with `+tags`
//! dropped), paired by blocking on several keys (each block capped in size so that a
//! common key cannot make the work quadratic), compared field by field into levels, and
//! each pair scored by a match weight: the sum of log2(m/u) over its comparisons, where u
//! (the chance of a level between different people) is measured on random pairs of the
//! data itself, with a term-frequency adjustment for exact surnames, and m (the chance of
//! a level between records of one person) is estimated by expectation maximisation over
//! the candidate pairs. Pairs above the threshold are grouped with union-find, and every
//! link keeps the reasons it was made.
//!
//! The steps, one file each: `normalise` → `block` → `compare` (into
//! `levels`) → `estimate` → `cluster` → `explain`; `score` measures the result against a
//! labelled set. This file holds the public surface and [`link`], which runs them in turn.
//!
//! It never links on nothing: a record with no name, no date of birth and no identifier
//! takes no part, and the MP (the victim) is never evidence about who the suspect is.
//!
//! The pairs are compared on every core (rayon), each result in its pair's place, so the
//! output is the same on one core as on many; on `wasm32` (a browser has no threads to
//! spawn) rayon runs the work on the calling thread, with the same results.

mod block;
mod cluster;
mod compare;
mod estimate;
mod explain;
mod keys;
mod levels;
pub(crate) mod nicknames;
mod normalise;
pub(crate) mod pseudonym;
mod score;
pub(crate) mod series;
mod similarity;
pub(crate) mod suspects;
pub(crate) mod victims;

pub use cluster::Group;
pub use explain::likelihood;
pub use score::{reachable_recall, read_labelled, score};

pub(crate) use cluster::Edge;
pub(crate) use explain::PersonalField;
pub(crate) use nicknames::Nicknames;

use rayon::prelude::*;

use crate::base::calendar::Date;

use cluster::Accepted;
use estimate::{estimate_m, field_weights, match_weight, Params, Patterns};
use levels::Levels;
use normalise::Norm;

/// What is known about a suspect, as one force recorded it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Person {
    /// The forename(s) as recorded (only the first is compared); `None` when blank.
    pub forename: Option<String>,
    /// The surname as recorded; `None` when blank.
    pub surname: Option<String>,
    /// The date of birth; `None` when blank or not a date.
    pub dob: Option<Date>,
    /// The postcode as recorded; `None` when blank.
    pub postcode: Option<String>,
    /// The email or social media handle as recorded; `None` when blank.
    pub identifier: Option<String>,
    /// A town or city: not an Annex C column; used only by the benchmark, and then said.
    pub place: Option<String>,
}

/// How linkage is run.
#[derive(Clone, Debug)]
pub struct Settings {
    /// The match probability at or above which two records are linked.
    pub threshold: f64,
    /// Blocks larger than this are not paired (a key that common is no evidence).
    pub block_cap: usize,
    /// Random pairs sampled to measure u.
    pub u_sample: usize,
    /// Rounds of expectation maximisation for estimating m.
    pub em_iterations: usize,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            threshold: 0.95,
            block_cap: 300,
            u_sample: 1_000_000,
            em_iterations: 25,
        }
    }
}

/// The result of linking.
#[derive(Clone, Debug, Default)]
pub struct Linkage {
    /// Groups of two or more records taken for one person, in order of their first record.
    pub groups: Vec<Group>,
    /// Record pairs compared after blocking.
    pub candidate_pairs: usize,
    /// Blocks not paired because they were over their size cap.
    pub blocks_skipped: usize,
    /// Records compared with no other because every key they shared was over its cap
    /// (ascending): they can be in no group, and the reader must be told.
    pub uncompared: Vec<usize>,
    /// Pairs whose match probability reached the threshold (including those that joined no
    /// new group or were refused).
    pub linked_pairs: usize,
    /// Merges refused because the two groups hold conflicting dates of birth.
    pub refused_merges: usize,
}

/// Links records into groups of the same person.
pub fn link(people: &[Person], settings: &Settings) -> Linkage {
    let nick = Nicknames::load();
    let norms: Vec<Norm> = people.iter().map(Norm::of).collect();
    let (pairs, blocks_skipped, uncompared) = block::candidate_pairs(&norms, settings.block_cap);
    let keys = keys::Keys::all(&norms, &nick);
    let mut params = Params::start(&norms, &keys, &nick, settings);
    // Only the levels are kept per pair; the few pairs that become links are compared
    // again to explain them.
    let comparisons: Vec<Levels> = pairs
        .par_iter()
        .map(|&(i, j)| {
            let (i, j) = (i as usize, j as usize);
            compare::compare_keyed(&norms[i], &norms[j], &keys[i], &keys[j], &nick).levels
        })
        .collect();
    drop(keys);
    // For a term-frequency adjustment the surname is the first record's: on an exact
    // surname level both records hold it (in whichever alignment was used).
    let record_log_u: Vec<f64> = norms
        .iter()
        .map(|n| params.surname_log_u(&n.surname))
        .collect();
    // A pair's is `record_log_u[pairs[k].0]`, looked up where needed: a year's million
    // pairs need not hold a copy each.
    let pair_log_u = |k: usize| record_log_u[pairs[k].0 as usize];
    let linkable = norms.iter().filter(|n| n.linkable()).count();
    let lambda = params.lambda;
    let patterns = Patterns::of(&comparisons, pair_log_u);
    estimate_m(&mut params, &patterns, settings.em_iterations);
    params.decide_among_all_pairs(comparisons.len(), linkable);
    // u was measured on random pairs, which hold pairs of one person too: an email or
    // handle they share is a repeat, not strangers agreeing. Take those out of the
    // identifier's u and estimate m again (the surnames' u, and so `record_log_u`, stay).
    if params.take_repeats_out_of_identifier_u() {
        params.lambda = lambda;
        estimate_m(&mut params, &patterns, settings.em_iterations);
        params.decide_among_all_pairs(comparisons.len(), linkable);
    }
    let accepted = accept(&params, &pairs, &comparisons, pair_log_u, settings);
    let table = params.table();
    let (groups, refused_merges) = cluster::cluster(&norms, &accepted, |i, j| {
        let c = compare::compare(&norms[i], &norms[j], &nick);
        let weights = field_weights(&c.levels, &table, record_log_u[i]);
        let mut reasons = explain::explain(&c, &norms[i], &norms[j], (&people[i], &people[j]));
        for r in &mut reasons {
            r.weight = weights[r.field_index()].map_or(0.0, |w| (w * 100.0).round() / 100.0);
        }
        reasons
    });
    Linkage {
        groups,
        candidate_pairs: pairs.len(),
        blocks_skipped,
        uncompared: uncompared.into_iter().map(|i| i as usize).collect(),
        linked_pairs: accepted.len(),
        refused_merges,
    }
}

/// The candidate pairs whose match probability reaches the threshold, strongest first (so
/// that each group's joining links are its best evidence), ties in pair order.
fn accept(
    params: &Params,
    pairs: &[(u32, u32)],
    comparisons: &[Levels],
    pair_log_u: impl Fn(usize) -> f64,
    settings: &Settings,
) -> Vec<Accepted> {
    let table = params.table();
    let mut scored: Vec<(f64, f64, usize)> = comparisons
        .iter()
        .enumerate()
        .map(|(k, c)| {
            let w = match_weight(c, &table, pair_log_u(k));
            (w, params.probability(w), k)
        })
        .filter(|(_, p, _)| *p >= settings.threshold)
        .collect();
    scored.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.2.cmp(&y.2)));
    scored
        .into_iter()
        .map(|(weight, probability, k)| Accepted {
            a: pairs[k].0 as usize,
            b: pairs[k].1 as usize,
            weight,
            probability,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rayon splits the pairs as it likes: the linkage is the same, to the last bit of
    /// every probability, on one thread as on four.
    #[test]
    fn the_same_links_on_one_thread_as_on_four() {
        let first = ["John", "Jon", "Mary", "Ann", "Ali", "Jean"];
        let stem = [
            "Smith", "Jones", "Brown", "Taylor", "Wilson", "Evans", "Khan",
        ];
        let end = [
            "", "son", "ley", "ton", "er", "s", "by", "ford", "ham", "well", "ing",
        ];
        let people: Vec<Person> = (0..3_000usize)
            .map(|i| Person {
                forename: Some(first[i % 6].to_string()),
                surname: Some(format!("{}{}", stem[i % 7], end[(i / 7) % 11])),
                dob: Date::new(
                    1960 + (i % 37) as i32,
                    1 + (i % 12) as u32,
                    1 + (i % 28) as u32,
                ),
                ..Person::default()
            })
            .collect();
        let settings = Settings {
            u_sample: 20_000,
            ..Settings::default()
        };
        let on = |threads| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            pool.install(|| link(&people, &settings))
        };
        let (one, four) = (on(1), on(4));
        assert!(one.candidate_pairs > 5_000 && !one.groups.is_empty());
        assert_eq!(format!("{one:?}"), format!("{four:?}"));
    }

    /// Issue 19: WAARD / WARD, Rebecca, 1965-07-02 / 1965-02-07 (a surname typo and day
    /// and month swapped) are linked among strangers; before, blocking never paired them.
    #[test]
    fn a_swapped_date_with_a_surname_typo_links() {
        let person = |surname: &str, forename: &str, dob: (i32, u32, u32)| Person {
            surname: Some(surname.into()),
            forename: Some(forename.into()),
            dob: Date::new(dob.0, dob.1, dob.2),
            ..Person::default()
        };
        let mut people = vec![
            person("Waard", "Rebecca", (1965, 7, 2)),
            person("Ward", "Rebecca", (1965, 2, 7)),
        ];
        let surnames = ["Smith", "Jones", "Patel", "Khan", "Evans", "Hughes"];
        let forenames = ["Anne", "Tom", "Priya", "Omar", "Gwen", "Ian", "Zoe"];
        for i in 0..200usize {
            people.push(person(
                surnames[i % 6],
                forenames[i % 7],
                (
                    1950 + (i % 40) as i32,
                    1 + (i % 12) as u32,
                    1 + (i % 28) as u32,
                ),
            ));
        }
        let l = link(&people, &Settings::default());
        let g = l
            .groups
            .iter()
            .find(|g| g.members.contains(&0))
            .expect("WAARD is linked");
        assert_eq!(g.members, [0, 1]);
    }
}
