//! The Fellegi-Sunter parameters and the weights they give: u (the chance of each level
//! between different people) measured on random pairs of the data itself, with a
//! term-frequency adjustment for exact surnames; m (the chance of each level between
//! records of one person) by expectation maximisation over the candidate pairs; and a
//! pair's match weight and probability from them.
//!
//! It must never let the data alone decide on a handful of records: priors for u and m
//! carry the weight of many pairs, so that a small input leans on them.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use rayon::prelude::*;

use crate::base::rng::Rng;

use super::compare::compare_keyed;
use super::keys::Keys;
use super::levels::{Field, Levels, NameLevel, FIELDS};
use super::nicknames::Nicknames;
use super::normalise::Norm;
use super::Settings;

/// m and u probabilities per field and level.
#[derive(Clone, Debug)]
pub(super) struct Params {
    pub m: Vec<Vec<f64>>,
    pub u: Vec<Vec<f64>>,
    /// The prior share of matches among candidate pairs.
    pub lambda: f64,
    /// The levels counted on random pairs of the data, per field and level.
    u_tallies: Vec<Vec<f64>>,
    /// Surname frequencies, for the term-frequency adjustment.
    surname_tf: HashMap<String, f64>,
    mean_surname_u: f64,
}

/// The least any probability is allowed to be, so that no log is of zero.
const FLOOR: f64 = 1e-6;

/// m before EM, per level in the order of the level enums.
fn initial_m(field: Field) -> Vec<f64> {
    match field {
        Field::Surname => vec![0.8, 0.1, 0.04, 0.01, 0.05],
        Field::Forename => vec![0.75, 0.05, 0.1, 0.04, 0.06],
        Field::Order => vec![0.9, 0.1],
        Field::Dob => vec![0.7, 0.03, 0.07, 0.15, 0.05],
        Field::Postcode => vec![0.6, 0.1, 0.1, 0.2],
        Field::Identifier => vec![0.75, 0.05, 0.15, 0.05],
        Field::Place => vec![0.8, 0.1, 0.1],
    }
}

/// What u is before any data is seen: the chance of each level between two different
/// people in a national population (a surname shared by about 1 in 1,000 pairs, a date of
/// birth by 1 in 25,000, an email by almost none). Small inputs lean on these; large ones
/// are measured.
fn prior_u(field: Field) -> Vec<f64> {
    let rest = |v: &[f64]| {
        let mut v = v.to_vec();
        v.push(1.0 - v.iter().sum::<f64>());
        v
    };
    match field {
        Field::Surname => rest(&[0.001, 0.002, 0.003, 0.0005]),
        Field::Forename => rest(&[0.01, 0.002, 0.005, 0.005]),
        // Held, not measured (`u_from`): a name written the other way round.
        Field::Order => vec![0.98, 0.02],
        Field::Dob => rest(&[0.00004, 0.00001, 0.0005, 0.00008]),
        Field::Postcode => rest(&[0.00001, 0.0001, 0.001]),
        Field::Identifier => rest(&[0.00001, 0.00001, 0.0001]),
        Field::Place => rest(&[0.05, 0.01]),
    }
}

/// How many pairs' worth of weight the prior u carries.
const PRIOR_U_PAIRS: f64 = 10_000.0;
/// How many matches' worth of weight the initial m carries in EM.
const PRIOR_M_MATCHES: f64 = 50.0;
/// The fewest pairs the decision prior assumes, so that a handful of records is not
/// taken for a population in which everyone matches.
const MIN_POPULATION_PAIRS: f64 = 10_000.0;

/// The pairs to measure u on: every pair of linkable records when there are few, else a
/// fixed random sample.
fn u_pairs(linkable: &[usize], sample: usize) -> Vec<(u32, u32)> {
    let n = linkable.len();
    let all = n * (n - 1) / 2;
    let mut pairs: Vec<(u32, u32)> = Vec::with_capacity(all.min(sample));
    if all <= sample {
        for x in 0..n {
            for y in x + 1..n {
                pairs.push((linkable[x] as u32, linkable[y] as u32));
            }
        }
    } else {
        let mut rng = Rng::new(0x5EED);
        for _ in 0..sample {
            let x = rng.below(n);
            let mut y = rng.below(n - 1);
            if y >= x {
                y += 1;
            }
            pairs.push((linkable[x] as u32, linkable[y] as u32));
        }
    }
    pairs
}

/// The levels of pairs of the data itself, per field and level (the measure of u before
/// the prior is added).
fn tally_u(norms: &[Norm], keys: &[Keys], nick: &Nicknames, settings: &Settings) -> Vec<Vec<f64>> {
    let mut counts: Vec<Vec<f64>> = FIELDS.iter().map(|f| vec![0.0; f.levels()]).collect();
    let linkable: Vec<usize> = (0..norms.len()).filter(|&i| norms[i].linkable()).collect();
    if linkable.len() >= 2 {
        let pairs = u_pairs(&linkable, settings.u_sample);
        // Whole counts, added in any order on every core: the same sums on one core as on
        // many.
        let zero = || -> Vec<Vec<u64>> { FIELDS.iter().map(|f| vec![0; f.levels()]).collect() };
        let tally = pairs
            .par_iter()
            .fold(zero, |mut t, &(i, j)| {
                let (i, j) = (i as usize, j as usize);
                let c = compare_keyed(&norms[i], &norms[j], &keys[i], &keys[j], nick);
                for (f, row) in c.levels.rows().into_iter().enumerate() {
                    if let Some(l) = row {
                        t[f][l] += 1;
                    }
                }
                t
            })
            .reduce(zero, |mut a, b| {
                for (x, y) in a.iter_mut().flatten().zip(b.into_iter().flatten()) {
                    *x += y;
                }
                a
            });
        for (f, row) in tally.into_iter().enumerate() {
            for (l, x) in row.into_iter().enumerate() {
                counts[f][l] = x as f64;
            }
        }
    }
    counts
}

/// u per field and level from the data's tallies and the prior's pseudo-counts; the name
/// order's u is its prior alone. A swap is taken only when no name differs swapped
/// (`compare`), so between strangers it is counted almost only where their names agree
/// swapped: measured, its u would count that agreement a second time, on top of the
/// names' own weights.
fn u_from(tallies: &[Vec<f64>]) -> Vec<Vec<f64>> {
    FIELDS
        .iter()
        .zip(tallies)
        .map(|(f, t)| {
            if *f == Field::Order {
                return prior_u(*f);
            }
            let c: Vec<f64> = prior_u(*f)
                .into_iter()
                .zip(t)
                .map(|(u, x)| u * PRIOR_U_PAIRS + x)
                .collect();
            let total: f64 = c.iter().sum();
            c.into_iter().map(|x| (x / total).max(FLOOR)).collect()
        })
        .collect()
}

/// Each surname's share of the named records, and the mean chance that two records
/// share a surname (the share-weighted mean share).
fn surname_frequencies(norms: &[Norm]) -> (HashMap<String, f64>, f64) {
    let mut tf: HashMap<String, f64> = HashMap::new();
    let mut named = 0.0;
    for n in norms {
        if !n.surname.is_empty() {
            *tf.entry(n.surname.clone()).or_default() += 1.0;
            named += 1.0;
        }
    }
    let mean_tf = if named > 0.0 {
        tf.values().map(|c| (c / named) * (c / named)).sum::<f64>()
            / tf.values().map(|c| c / named).sum::<f64>()
    } else {
        1.0
    };
    for v in tf.values_mut() {
        *v /= named.max(1.0);
    }
    (tf, mean_tf)
}

/// log2(m/u) for every field and level, from the current m, and log2(m) of an exact
/// surname, whose u is adjusted per surname.
pub(super) struct Table {
    w: Vec<Vec<f64>>,
    log_m_surname_exact: f64,
}

/// The row of an exact surname in the m and u tables.
const SURNAME_EXACT: (usize, usize) = (Field::Surname as usize, NameLevel::Exact as usize);

impl Params {
    /// m at its initial values, u measured on `norms` (whose [`Keys`] are `keys`), and the
    /// surnames' frequencies.
    pub(super) fn start(
        norms: &[Norm],
        keys: &[Keys],
        nick: &Nicknames,
        settings: &Settings,
    ) -> Params {
        let (surname_tf, mean_tf) = surname_frequencies(norms);
        let u_tallies = tally_u(norms, keys, nick, settings);
        Params {
            m: FIELDS.iter().map(|f| initial_m(*f)).collect(),
            u: u_from(&u_tallies),
            lambda: 0.1,
            u_tallies,
            surname_tf,
            mean_surname_u: mean_tf.max(FLOOR),
        }
    }

    pub(crate) fn table(&self) -> Table {
        Table {
            w: self
                .m
                .iter()
                .zip(&self.u)
                .map(|(m, u)| {
                    m.iter()
                        .zip(u)
                        .map(|(m, u)| (m.max(FLOOR) / u).log2())
                        .collect()
                })
                .collect(),
            log_m_surname_exact: self.m[SURNAME_EXACT.0][SURNAME_EXACT.1].max(FLOOR).log2(),
        }
    }

    /// log2 of u for two records agreeing exactly on this surname. Term frequency:
    /// agreeing on a rare surname is stronger evidence than on a common one, so the average
    /// u is scaled by how common this surname is.
    pub(crate) fn surname_log_u(&self, surname: &str) -> f64 {
        let u = self.u[SURNAME_EXACT.0][SURNAME_EXACT.1];
        match self.surname_tf.get(surname) {
            Some(tf) => (u * tf / self.mean_surname_u).clamp(FLOOR, 1.0).log2(),
            None => u.log2(),
        }
    }

    pub(crate) fn probability(&self, weight: f64) -> f64 {
        let prior = (self.lambda / (1.0 - self.lambda)).log2();
        let bf = 2f64.powf(prior + weight);
        bf / (1.0 + bf)
    }

    /// Takes the pairs of one person out of the identifier's u. Random pairs of the data
    /// are not all pairs of different people: among them are pairs of one person, in the
    /// share `lambda` (of all pairs, after [`Params::decide_among_all_pairs`]), agreeing as
    /// m says, so each level's count is `lambda * m + (1 - lambda) * u` of the pairs; this
    /// keeps the `(1 - lambda) * u` part. Only for emails and handles: strangers almost
    /// never share one, so nearly every agreement among random pairs is a repeat of one
    /// person, and counting those as strangers' made an exact email weigh far less on a
    /// small input with many repeats than on a large one (fake_1000: recall 0.913 before,
    /// 0.930 after, precision 1.000 both). Names and dates are shared by strangers as well,
    /// and taking the repeats out of theirs over-weighs them (precision 0.971 on fake_1000,
    /// 0.910 on 100,000 generated records, when tried). On a large input it changes
    /// nothing: repeats are a vanishing share of all pairs. Whether it changed any level's u
    /// by more than 1% is returned (if not, m need not be estimated again).
    pub(crate) fn take_repeats_out_of_identifier_u(&mut self) -> bool {
        let f = Field::Identifier as usize;
        let mut tallies = self.u_tallies.clone();
        let pairs: f64 = tallies[f].iter().sum();
        for (x, m) in tallies[f].iter_mut().zip(&self.m[f]) {
            *x = (*x - self.lambda * m * pairs).max(0.0);
        }
        let u = u_from(&tallies);
        let changed = u[f]
            .iter()
            .zip(&self.u[f])
            .any(|(new, old)| (new / old - 1.0).abs() > 0.01);
        self.u = u;
        changed
    }

    /// EM's prior is the share of matches among candidate pairs. A link is decided against
    /// the share among all pairs of records, as Fellegi-Sunter intends: the expected
    /// matches found among the candidates, over every pair there is.
    pub(crate) fn decide_among_all_pairs(&mut self, candidates: usize, linkable: usize) {
        let linkable = linkable as f64;
        let all_pairs = (linkable * (linkable - 1.0) / 2.0).max(MIN_POPULATION_PAIRS);
        self.lambda = (self.lambda * candidates as f64 / all_pairs).clamp(1e-12, 0.5);
    }
}

/// Each comparison's weight for a pair, in the order of `FIELDS` (`None` where a side is
/// blank).
pub(super) fn field_weights(
    levels: &Levels,
    table: &Table,
    surname_log_u: f64,
) -> [Option<f64>; 7] {
    let exact_surname = levels.surname == Some(NameLevel::Exact);
    let mut out = [None; 7];
    for (k, (field, row)) in FIELDS.into_iter().zip(levels.rows()).enumerate() {
        out[k] = match row {
            None => None,
            Some(_) if field == Field::Surname && exact_surname => {
                Some(table.log_m_surname_exact - surname_log_u)
            }
            Some(l) => Some(table.w[field as usize][l]),
        };
    }
    out
}

/// A pair's match weight: the sum of its levels' weights.
pub(super) fn match_weight(levels: &Levels, table: &Table, surname_log_u: f64) -> f64 {
    field_weights(levels, table, surname_log_u)
        .iter()
        .flatten()
        .sum()
}

/// The candidate pairs as expectation maximisation sees them: each distinct comparison
/// (its levels, and the TF-adjusted log2 u of an exact surname) once, with the number of
/// pairs that gave it. A national quarter's million pairs come to a few thousand patterns,
/// so each round of EM weighs a few thousand rather than a million (it was the largest
/// single cost of `collate` on a quarter of common names).
pub(super) struct Patterns {
    /// Each distinct comparison, in the order of its first pair.
    patterns: Vec<(Levels, f64)>,
    /// How many pairs gave each.
    counts: Vec<f64>,
    /// The number of pairs in all.
    pairs: usize,
}

impl Patterns {
    /// The patterns of the pairs compared; `surname_log_u(k)` is pair `k`'s TF-adjusted
    /// log2 u for an exact surname.
    pub(super) fn of(comparisons: &[Levels], surname_log_u: impl Fn(usize) -> f64) -> Patterns {
        // A million pairs are looked up here, on the linking thread alone: hashed by
        // multiplication, word by word, not by SipHash (the index only finds a pattern
        // again; the patterns keep the order of their first pair either way).
        let mut index: HashMap<(Levels, u64), usize, BuildHasherDefault<Mix>> = HashMap::default();
        let mut patterns = Vec::new();
        let mut counts: Vec<f64> = Vec::new();
        for (k, c) in comparisons.iter().enumerate() {
            let lu = surname_log_u(k);
            let k = *index.entry((*c, lu.to_bits())).or_insert_with(|| {
                patterns.push((*c, lu));
                counts.push(0.0);
                patterns.len() - 1
            });
            counts[k] += 1.0;
        }
        Patterns {
            patterns,
            counts,
            pairs: comparisons.len(),
        }
    }

    /// The number of distinct comparisons.
    #[cfg(test)]
    pub(super) fn len(&self) -> usize {
        self.patterns.len()
    }
}

/// A hasher for small keys of whole numbers (a pattern's levels and log u), a word at a
/// time: rotate, xor and multiply, as rustc's FxHasher does. Its collisions are easy to
/// make on purpose, so it is only for keys no input chooses: the levels the comparisons
/// give and the log u of a surname's frequency, a few thousand distinct keys.
#[derive(Default)]
pub(super) struct Mix(u64);

impl Mix {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for Mix {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
    }
    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }
    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }
    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
    fn write_isize(&mut self, n: isize) {
        self.add(n as u64);
    }
}

/// Expectation maximisation of m and the prior, u held at its measured values, over the
/// pairs' [`Patterns`] (the same sums as over every pair, each pattern's term counted as
/// many times as pairs gave it).
pub(super) fn estimate_m(params: &mut Params, pairs: &Patterns, iterations: usize) {
    if pairs.pairs == 0 {
        return;
    }
    for _ in 0..iterations {
        let table = params.table();
        let mut m_counts: Vec<Vec<f64>> = FIELDS
            .iter()
            .map(|f| {
                initial_m(*f)
                    .into_iter()
                    .map(|m| m * PRIOR_M_MATCHES)
                    .collect()
            })
            .collect();
        let mut total_p = 0.0;
        for ((c, lu), &n) in pairs.patterns.iter().zip(&pairs.counts) {
            let p = params.probability(match_weight(c, &table, *lu)) * n;
            total_p += p;
            for (f, row) in c.rows().into_iter().enumerate() {
                if let Some(l) = row {
                    m_counts[f][l] += p;
                }
            }
        }
        for (f, counts) in m_counts.into_iter().enumerate() {
            let total: f64 = counts.iter().sum();
            params.m[f] = counts.into_iter().map(|x| (x / total).max(FLOOR)).collect();
        }
        params.lambda = (total_p / pairs.pairs as f64).clamp(1e-4, 0.9999);
    }
}

#[cfg(test)]
mod tests {
    use super::super::levels::Level;
    use super::*;

    /// EM over the patterns gives the m tables and prior that EM over every pair gives (to
    /// rounding: the sums are taken in another order), on generated records; and the
    /// patterns are fewer than half the pairs.
    #[test]
    fn em_over_patterns_is_em_over_every_pair() {
        // Names from small pools, some records repeated with a slip, so that pairs share
        // names and dates of birth as a quarter's suspects do.
        let first = ["John", "Jon", "Mary", "Ann", "Ali", "Jean", "Bob", "Robert"];
        let stem = [
            "Smith", "Jones", "Brown", "Taylor", "Khan", "Evans", "Patel",
        ];
        let end = ["", "son", "ley", "ton", "er", "s", "by", "ford"];
        let people: Vec<super::super::Person> = (0..6_000usize)
            .map(|i| {
                let k = if i % 3 == 0 { i / 3 } else { i };
                super::super::Person {
                    forename: Some(first[(k + i % 2) % 8].to_string()),
                    surname: Some(format!("{}{}", stem[k % 7], end[(k / 7) % 8])),
                    dob: crate::base::calendar::Date::new(
                        1960 + (k % 29) as i32,
                        1 + (k % 12) as u32,
                        1 + ((k + i % 5) % 28) as u32,
                    ),
                    postcode: (i % 4 == 0).then(|| format!("AB{} 1XY", k % 9)),
                    ..Default::default()
                }
            })
            .collect();
        let norms: Vec<Norm> = people.iter().map(Norm::of).collect();
        let nick = Nicknames::load();
        let settings = Settings {
            u_sample: 50_000,
            ..Settings::default()
        };
        let (pairs, _, _) = super::super::block::candidate_pairs(&norms, settings.block_cap);
        let comparisons: Vec<Levels> = pairs
            .iter()
            .map(|&(i, j)| {
                super::super::compare::compare(&norms[i as usize], &norms[j as usize], &nick).levels
            })
            .collect();
        let start = Params::start(&norms, &Keys::all(&norms, &nick), &nick, &settings);
        let log_u: Vec<f64> = pairs
            .iter()
            .map(|&(i, _)| start.surname_log_u(&norms[i as usize].surname))
            .collect();
        let patterns = Patterns::of(&comparisons, |k| log_u[k]);
        assert!(
            patterns.len() * 2 < comparisons.len(),
            "{} patterns of {} pairs",
            patterns.len(),
            comparisons.len()
        );
        let mut fast = Params::start(&norms, &Keys::all(&norms, &nick), &nick, &settings);
        estimate_m(&mut fast, &patterns, 10);
        // The same rounds, pair by pair.
        let mut slow = Params::start(&norms, &Keys::all(&norms, &nick), &nick, &settings);
        for _ in 0..10 {
            let table = slow.table();
            let mut m_counts: Vec<Vec<f64>> = FIELDS
                .iter()
                .map(|f| {
                    initial_m(*f)
                        .into_iter()
                        .map(|m| m * PRIOR_M_MATCHES)
                        .collect()
                })
                .collect();
            let mut total_p = 0.0;
            for (c, &lu) in comparisons.iter().zip(&log_u) {
                let p = slow.probability(match_weight(c, &table, lu));
                total_p += p;
                for (f, row) in c.rows().into_iter().enumerate() {
                    if let Some(l) = row {
                        m_counts[f][l] += p;
                    }
                }
            }
            for (f, counts) in m_counts.into_iter().enumerate() {
                let total: f64 = counts.iter().sum();
                slow.m[f] = counts.into_iter().map(|x| (x / total).max(FLOOR)).collect();
            }
            slow.lambda = (total_p / comparisons.len() as f64).clamp(1e-4, 0.9999);
        }
        let close = |a: f64, b: f64| (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1e-12);
        assert!(
            close(fast.lambda, slow.lambda),
            "{} {}",
            fast.lambda,
            slow.lambda
        );
        assert_ne!(fast.lambda, start.lambda, "EM moved the prior");
        for (f, (a, b)) in fast.m.iter().zip(&slow.m).enumerate() {
            for (x, y) in a.iter().zip(b) {
                assert!(close(*x, *y), "field {f}: {a:?} against {b:?}");
            }
        }
    }

    #[test]
    fn the_tables_have_a_value_for_every_level() {
        for (i, f) in FIELDS.into_iter().enumerate() {
            assert_eq!(f as usize, i, "{f:?} is row {i} of the tables");
            assert_eq!(initial_m(f).len(), f.levels(), "initial m of {f:?}");
            assert_eq!(prior_u(f).len(), f.levels(), "prior u of {f:?}");
            assert!((prior_u(f).iter().sum::<f64>() - 1.0).abs() < 1e-9);
        }
        assert_eq!(SURNAME_EXACT, (0, NameLevel::Exact.index()));
    }

    /// Sixty records of one person, all giving one email, among 400 strangers with their
    /// own: the random pairs hold 1,770 pairs sharing that email, all repeats. Counted as
    /// strangers' they make an exact email look common; taken out, its u falls back to
    /// about the prior's and an exact email weighs many bits more.
    #[test]
    fn repeats_of_one_person_are_taken_out_of_the_identifiers_u() {
        let id = |s: &str| Norm {
            identifier: s.into(),
            ..Norm::default()
        };
        let mut norms: Vec<Norm> = (0..60).map(|_| id("same@example.org")).collect();
        norms.extend((0..400).map(|k| id(&format!("stranger{k}@example.org"))));
        let mut params = Params::start(
            &norms,
            &Keys::all(&norms, &Nicknames::load()),
            &Nicknames::load(),
            &Settings::default(),
        );
        let f = Field::Identifier as usize;
        let exact = super::super::levels::IdentifierLevel::Exact.index();
        let before = params.u[f][exact];
        // One person's pairs among all pairs, agreeing exactly as one person does.
        let all_pairs = 460.0 * 459.0 / 2.0;
        params.lambda = 1770.0 / all_pairs;
        params.m[f] = vec![1.0, 0.0, 0.0, 0.0];
        assert!(params.take_repeats_out_of_identifier_u(), "u changed");
        let after = params.u[f][exact];
        assert!(before > 0.01, "the repeats counted as strangers': {before}");
        assert!(after < 1e-4, "after the repeats are taken out: {after}");
        assert!((before / after).log2() > 5.0, "{before} {after}");
        // Other fields are left as measured.
        assert_eq!(
            params.u[Field::Surname as usize],
            u_from(&params.u_tallies)[Field::Surname as usize]
        );
    }

    #[test]
    fn a_rare_surname_weighs_more_than_a_common_one() {
        let norm = |s: &str| Norm {
            surname: s.into(),
            ..Norm::default()
        };
        let mut norms: Vec<Norm> = (0..20).map(|_| norm("smith")).collect();
        norms.push(norm("quist"));
        let settings = Settings::default();
        let params = Params::start(
            &norms,
            &Keys::all(&norms, &Nicknames::load()),
            &Nicknames::load(),
            &settings,
        );
        let exact = Levels {
            surname: Some(NameLevel::Exact),
            ..Levels::default()
        };
        let table = params.table();
        let rare = match_weight(&exact, &table, params.surname_log_u("quist"));
        let common = match_weight(&exact, &table, params.surname_log_u("smith"));
        assert!(rare > common + 3.0, "rare {rare} common {common}");
    }
}
