//! Record linkage of suspects across forces, in the manner of Splink (Fellegi-Sunter).
//!
//! Records are normalised (case, accents, punctuation, white space, hyphens; nicknames
//! from `data/nicknames.csv`; postcodes; emails and handles lower-cased with `+tags`
//! dropped), paired by blocking on several keys (each block capped in size so that a
//! common key cannot make the work quadratic), compared field by field into levels, and
//! each pair scored by a match weight: the sum of log2(m/u) over its comparisons, where u
//! (the chance of a level between different people) is measured on random pairs of the
//! data itself, with a term-frequency adjustment for exact surname matches, and m (the
//! chance of a level between records of one person) is estimated by expectation
//! maximisation over the candidate pairs. Pairs above the threshold are grouped with
//! union-find, and every link keeps the reasons it was made.
//!
//! It never links on nothing: a record with no name, no date of birth and no identifier
//! takes no part, and the MP (the victim) is never evidence about who the suspect is.

use std::collections::HashMap;

use serde::Serialize;

use crate::base::dates::Date;
use crate::base::rng::Rng;

/// What is known about a suspect, as one force recorded it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Person {
    pub forename: Option<String>,
    pub surname: Option<String>,
    pub dob: Option<Date>,
    pub postcode: Option<String>,
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

// ---------------------------------------------------------------------------------------
// Normalisation

/// Folds accents on Latin letters to their base letter.
fn fold_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ą' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'ď' | 'đ' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ī' => 'i',
        'ł' | 'ľ' => 'l',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
        'ř' => 'r',
        'ś' | 'š' | 'ş' => 's',
        'ť' | 'ţ' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
        'ý' | 'ÿ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        'ß' => 's',
        other => other,
    }
}

/// A name for comparison: lower case, accents folded, only letters and digits (so
/// hyphens, apostrophes, dots and spaces all go: `Lloyd-Jones` = `LLOYD JONES`).
pub fn norm_name(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(fold_accent)
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// The first forename, normalised.
pub fn norm_forename(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c == '-')
        .map(norm_name)
        .find(|w| !w.is_empty())
        .unwrap_or_default()
}

/// A postcode, upper case without spaces.
pub fn norm_postcode(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_uppercase()
}

/// An email or handle: lower case, no white space, a `+tag` dropped from an email's user
/// part, and a handle's leading `@` dropped.
pub fn norm_identifier(text: &str) -> String {
    let t: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase();
    if let Some(handle) = t.strip_prefix('@') {
        return handle.to_string();
    }
    match t.split_once('@') {
        Some((user, domain)) => {
            let user = user.split('+').next().unwrap_or(user);
            format!("{user}@{domain}")
        }
        None => t,
    }
}

/// The user part of an identifier: before the `@` of an email, or the handle.
fn user_part(id: &str) -> &str {
    id.split('@').next().unwrap_or(id)
}

/// American Soundex, for blocking on how a surname sounds.
pub fn soundex(name: &str) -> String {
    let code = |c: char| match c {
        'b' | 'f' | 'p' | 'v' => '1',
        'c' | 'g' | 'j' | 'k' | 'q' | 's' | 'x' | 'z' => '2',
        'd' | 't' => '3',
        'l' => '4',
        'm' | 'n' => '5',
        'r' => '6',
        'h' | 'w' => '-',
        _ => '0',
    };
    let letters: Vec<char> = name.chars().filter(|c| c.is_ascii_lowercase()).collect();
    let Some(&first) = letters.first() else {
        return String::new();
    };
    let mut out = String::from(first.to_ascii_uppercase());
    let mut last = code(first);
    for &c in &letters[1..] {
        let d = code(c);
        if d == '-' {
            continue;
        }
        if d != '0' && d != last {
            out.push(d);
        }
        last = d;
        if out.len() == 4 {
            break;
        }
    }
    while out.len() < 4 {
        out.push('0');
    }
    out
}

/// Nicknames: each name (full or short) mapped to the full names it may stand for.
pub struct Nicknames(HashMap<String, Vec<String>>);

impl Nicknames {
    pub fn load() -> Nicknames {
        let mut map: HashMap<String, Vec<String>> = HashMap::new();
        for (full, nicks) in crate::link::nicknames::nicknames() {
            map.entry(full.clone()).or_default().push(full.clone());
            for n in nicks {
                map.entry(n).or_default().push(full.clone());
            }
        }
        Nicknames(map)
    }

    /// Whether two different names can be the same person's (Bob and Robert).
    pub fn related(&self, a: &str, b: &str) -> bool {
        match (self.0.get(a), self.0.get(b)) {
            (Some(x), Some(y)) => x.iter().any(|f| y.contains(f)),
            _ => false,
        }
    }
}

/// A record ready for comparison.
#[derive(Clone, Debug, Default)]
struct Norm {
    forename: String,
    surname: String,
    dob: Option<Date>,
    postcode: String,
    identifier: String,
    place: String,
}

impl Norm {
    fn of(p: &Person) -> Norm {
        Norm {
            forename: p.forename.as_deref().map(norm_forename).unwrap_or_default(),
            surname: p.surname.as_deref().map(norm_name).unwrap_or_default(),
            dob: p.dob,
            postcode: p.postcode.as_deref().map(norm_postcode).unwrap_or_default(),
            identifier: p
                .identifier
                .as_deref()
                .map(norm_identifier)
                .unwrap_or_default(),
            place: p.place.as_deref().map(norm_name).unwrap_or_default(),
        }
    }

    /// Whether there is anything to link on: a name, a date of birth or an identifier.
    fn linkable(&self) -> bool {
        !self.forename.is_empty()
            || !self.surname.is_empty()
            || self.dob.is_some()
            || !self.identifier.is_empty()
    }
}

// ---------------------------------------------------------------------------------------
// Comparisons

/// The comparisons, in order; each has levels, the last level being "no agreement".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Field {
    Surname,
    Forename,
    Order,
    Dob,
    Postcode,
    Identifier,
    Place,
}

const FIELDS: [Field; 7] = [
    Field::Surname,
    Field::Forename,
    Field::Order,
    Field::Dob,
    Field::Postcode,
    Field::Identifier,
    Field::Place,
];

fn level_names(field: Field) -> &'static [&'static str] {
    match field {
        Field::Surname => &[
            "exact",
            "Jaro-Winkler >= 0.92",
            "Jaro-Winkler >= 0.88",
            "different",
        ],
        Field::Forename => &[
            "exact",
            "nickname",
            "Jaro-Winkler >= 0.92",
            "Jaro-Winkler >= 0.88",
            "different",
        ],
        Field::Order => &["in order", "forename and surname swapped"],
        Field::Dob => &[
            "exact",
            "day and month swapped",
            "one edit",
            "within a year",
            "different",
        ],
        Field::Postcode => &["full", "sector", "district", "different"],
        Field::Identifier => &["exact", "same user part", "close", "different"],
        Field::Place => &["exact", "close", "different"],
    }
}

/// One comparison's outcome: a level, or nothing to compare (a blank on either side).
type Level = Option<u8>;

/// A pair's levels, one per field.
type Levels = [Level; 7];

fn jw(a: &str, b: &str) -> f64 {
    strsim::jaro_winkler(a, b)
}

/// An upper bound on the Jaro-Winkler similarity of two strings, from their lengths and
/// the characters they have in common (in any order): most pairs of different names are
/// ruled out by this before the full comparison is made.
fn jw_bound(a: &str, b: &str) -> f64 {
    let bucket = |c: char| match c {
        'a'..='z' => c as usize - 'a' as usize,
        '0'..='9' => 26 + (c as usize - '0' as usize),
        _ => 36,
    };
    let mut counts = [0i32; 37];
    let (mut la, mut lb) = (0usize, 0usize);
    for c in a.chars() {
        counts[bucket(c)] += 1;
        la += 1;
    }
    let mut common = 0usize;
    for c in b.chars() {
        let k = bucket(c);
        if counts[k] > 0 {
            counts[k] -= 1;
            common += 1;
        }
        lb += 1;
    }
    if la == 0 || lb == 0 || common == 0 {
        return 0.0;
    }
    let m = common as f64;
    let jaro = (m / la as f64 + m / lb as f64 + 1.0) / 3.0;
    jaro + 0.4 * (1.0 - jaro)
}

fn name_level(a: &str, b: &str) -> (Level, f64) {
    if a.is_empty() || b.is_empty() {
        return (None, 0.0);
    }
    if a == b {
        return (Some(0), 1.0);
    }
    if jw_bound(a, b) < 0.88 {
        return (Some(3), 0.0);
    }
    let s = jw(a, b);
    (
        Some(if s >= 0.92 {
            1
        } else if s >= 0.88 {
            2
        } else {
            3
        }),
        s,
    )
}

fn forename_level(a: &str, b: &str, nick: &Nicknames) -> (Level, f64) {
    if a.is_empty() || b.is_empty() {
        return (None, 0.0);
    }
    if a == b {
        return (Some(0), 1.0);
    }
    if nick.related(a, b) {
        return (Some(1), jw(a, b));
    }
    if jw_bound(a, b) < 0.88 {
        return (Some(4), 0.0);
    }
    let s = jw(a, b);
    (
        Some(if s >= 0.92 {
            2
        } else if s >= 0.88 {
            3
        } else {
            4
        }),
        s,
    )
}

fn dob_level(a: Option<Date>, b: Option<Date>) -> Level {
    let (a, b) = (a?, b?);
    if a == b {
        return Some(0);
    }
    if a.year == b.year && a.day == b.month && a.month == b.day {
        return Some(1);
    }
    // One character different in YYYY-MM-DD, counted on the digits without formatting.
    let digits = |d: Date| {
        let (y, m, day) = (d.year.unsigned_abs(), d.month, d.day);
        [
            y / 1000 % 10,
            y / 100 % 10,
            y / 10 % 10,
            y % 10,
            m / 10,
            m % 10,
            day / 10,
            day % 10,
        ]
    };
    let differing = digits(a)
        .iter()
        .zip(digits(b).iter())
        .filter(|(p, q)| p != q)
        .count();
    if differing == 1 {
        return Some(2);
    }
    if (a.days() - b.days()).abs() <= 365 {
        return Some(3);
    }
    Some(4)
}

fn postcode_level(a: &str, b: &str) -> Level {
    if a.is_empty() || b.is_empty() {
        return None;
    }
    let split = |p: &str| -> (String, String) {
        if p.len() >= 5 {
            let (o, i) = p.split_at(p.len() - 3);
            (o.to_string(), i[..1].to_string())
        } else {
            (p.to_string(), String::new())
        }
    };
    let ((oa, sa), (ob, sb)) = (split(a), split(b));
    Some(if a == b && a.len() >= 5 {
        0
    } else if oa == ob && !sa.is_empty() && sa == sb {
        1
    } else if oa == ob {
        2
    } else {
        3
    })
}

fn identifier_level(a: &str, b: &str) -> (Level, f64) {
    if a.is_empty() || b.is_empty() {
        return (None, 0.0);
    }
    if a == b {
        return (Some(0), 1.0);
    }
    let (ua, ub) = (user_part(a), user_part(b));
    if ua == ub && ua.len() >= 3 {
        return (Some(1), 1.0);
    }
    // Close: a typing slip, not another account. Handles are often a name and a number,
    // so two people of one name have close handles: the digits must agree.
    let digits = |x: &str| x.bytes().filter(u8::is_ascii_digit).collect::<Vec<u8>>();
    if digits(a) != digits(b) || jw_bound(a, b) < 0.88 {
        return (Some(3), 0.0);
    }
    let s = jw(a, b);
    (Some(if s >= 0.88 { 2 } else { 3 }), s)
}

fn place_level(a: &str, b: &str) -> Level {
    if a.is_empty() || b.is_empty() {
        return None;
    }
    Some(if a == b {
        0
    } else if jw(a, b) >= 0.88 {
        1
    } else {
        2
    })
}

/// A compared pair: a level per field, and what is needed to explain it.
#[derive(Clone, Debug)]
struct Comparison {
    levels: Levels,
    swapped: bool,
    surname_sim: f64,
    forename_sim: f64,
    identifier_sim: f64,
}

fn compare(a: &Norm, b: &Norm, nick: &Nicknames) -> Comparison {
    // Compare names in order and swapped; keep the alignment that agrees better.
    let straight = (
        name_level(&a.surname, &b.surname),
        forename_level(&a.forename, &b.forename, nick),
    );
    let swapped = (
        name_level(&a.surname, &b.forename),
        forename_level(&a.forename, &b.surname, nick),
    );
    let score = |((s, ss), (f, fs)): ((Level, f64), (Level, f64))| {
        let w = |l: Level, x: f64| if l.is_some() { x } else { 0.0 };
        w(s, ss) + w(f, fs) + 0.001 * (s.is_some() as u8 + f.is_some() as u8) as f64
    };
    let use_swap = score(swapped) > score(straight) + 0.05;
    let ((surname, surname_sim), (forename, forename_sim)) =
        if use_swap { swapped } else { straight };
    let order = if surname.is_none() && forename.is_none() {
        None
    } else {
        Some(u8::from(use_swap))
    };
    let (identifier, identifier_sim) = identifier_level(&a.identifier, &b.identifier);
    Comparison {
        levels: [
            surname,
            forename,
            order,
            dob_level(a.dob, b.dob),
            postcode_level(&a.postcode, &b.postcode),
            identifier,
            place_level(&a.place, &b.place),
        ],
        swapped: use_swap,
        surname_sim,
        forename_sim,
        identifier_sim,
    }
}

// ---------------------------------------------------------------------------------------
// Blocking

/// FNV-1a, to hash blocking keys: they are short, and a collision only adds candidates.
#[derive(Default, Clone, Copy)]
struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

fn blocking_keys(n: &Norm) -> Vec<String> {
    let mut keys = Vec::new();
    let dob = n.dob.map(|d| d.iso());
    if !n.identifier.is_empty() {
        keys.push(format!("id:{}", n.identifier));
        let user = user_part(&n.identifier);
        if user.len() >= 4 {
            keys.push(format!("user:{user}"));
        }
    }
    if let Some(d) = &dob {
        if !n.surname.is_empty() {
            keys.push(format!("sd:{}|{d}", n.surname));
            keys.push(format!("phon:{}|{d}", soundex(&n.surname)));
        }
        if !n.forename.is_empty() {
            keys.push(format!("fd:{}|{d}", n.forename));
            keys.push(format!("sd:{}|{d}", n.forename));
        }
        keys.push(format!("dob:{d}"));
    }
    if !n.forename.is_empty() && !n.surname.is_empty() {
        let (x, y) = if n.forename <= n.surname {
            (&n.forename, &n.surname)
        } else {
            (&n.surname, &n.forename)
        };
        keys.push(format!("pair:{x}|{y}"));
    }
    if n.postcode.len() >= 2 && !n.surname.is_empty() {
        let district = if n.postcode.len() >= 5 {
            &n.postcode[..n.postcode.len() - 3]
        } else {
            &n.postcode
        };
        keys.push(format!(
            "pc:{district}|{}",
            n.surname.chars().take(3).collect::<String>()
        ));
    }
    keys.sort();
    keys.dedup();
    keys
}

/// Candidate pairs (i < j), and the number of blocks skipped for being over the cap.
/// The cap on a block of records that share only a date of birth.
const DOB_BLOCK_CAP: usize = 25;
/// The cap on a block of records that share only a forename and surname (in any order).
const PAIR_BLOCK_CAP: usize = 25;

fn candidate_pairs(norms: &[Norm], cap: usize) -> (Vec<(u32, u32)>, usize) {
    use std::hash::Hasher;
    // Each (key, record) as a 64-bit hash of the key beside the record: sorted, equal
    // hashes are the blocks. A collision of two keys only adds candidates, never loses one.
    let mut keyed: Vec<(u64, u32)> = Vec::new();
    for (i, n) in norms.iter().enumerate() {
        if !n.linkable() {
            continue;
        }
        for k in blocking_keys(n) {
            let mut h = Fnv::default();
            h.write(k.as_bytes());
            // The lowest two bits mark the broad keys, which have caps of their own: the
            // date of birth alone (it finds people whose names are garbled) and the name
            // pair (it finds swaps). In a large set of records everyone born on one day,
            // or every John Smith, is too many to compare, and such a key is no evidence.
            let kind = if k.starts_with("dob:") {
                1
            } else if k.starts_with("pair:") {
                2
            } else {
                0
            };
            keyed.push(((h.finish() & !3) | kind, i as u32));
        }
    }
    keyed.sort_unstable();
    let mut pairs = Vec::new();
    let mut skipped = 0;
    for block in keyed.chunk_by(|a, b| a.0 == b.0) {
        let limit = match block[0].0 & 3 {
            1 => cap.min(DOB_BLOCK_CAP),
            2 => cap.min(PAIR_BLOCK_CAP),
            _ => cap,
        };
        if block.len() > limit {
            skipped += 1;
            continue;
        }
        for (x, &(_, i)) in block.iter().enumerate() {
            for &(_, j) in &block[x + 1..] {
                if i != j {
                    pairs.push((i.min(j), i.max(j)));
                }
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    (pairs, skipped)
}

// ---------------------------------------------------------------------------------------
// Parameters

/// m and u probabilities per field and level.
#[derive(Clone, Debug)]
struct Params {
    m: Vec<Vec<f64>>,
    u: Vec<Vec<f64>>,
    /// The prior share of matches among candidate pairs.
    lambda: f64,
    /// Surname frequencies, for the term-frequency adjustment.
    surname_tf: HashMap<String, f64>,
    mean_surname_u: f64,
}

const FLOOR: f64 = 1e-6;

fn initial_m(field: Field) -> Vec<f64> {
    match field {
        Field::Surname => vec![0.8, 0.1, 0.04, 0.06],
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
        Field::Surname => rest(&[0.001, 0.002, 0.003]),
        Field::Forename => rest(&[0.01, 0.002, 0.005, 0.005]),
        Field::Order => vec![0.95, 0.05],
        Field::Dob => rest(&[0.00004, 0.00001, 0.0005, 0.03]),
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

fn estimate_u(norms: &[Norm], nick: &Nicknames, settings: &Settings) -> Vec<Vec<f64>> {
    let mut counts: Vec<Vec<f64>> = FIELDS
        .iter()
        .map(|f| prior_u(*f).into_iter().map(|u| u * PRIOR_U_PAIRS).collect())
        .collect();
    let linkable: Vec<usize> = (0..norms.len()).filter(|&i| norms[i].linkable()).collect();
    let n = linkable.len();
    if n >= 2 {
        // The pairs to look at: every pair when there are few, else a fixed random sample.
        let all = n * (n - 1) / 2;
        let mut pairs: Vec<(u32, u32)> = Vec::with_capacity(all.min(settings.u_sample));
        if all <= settings.u_sample {
            for x in 0..n {
                for y in x + 1..n {
                    pairs.push((linkable[x] as u32, linkable[y] as u32));
                }
            }
        } else {
            let mut rng = Rng::new(0x5EED);
            for _ in 0..settings.u_sample {
                let x = rng.below(n);
                let mut y = rng.below(n - 1);
                if y >= x {
                    y += 1;
                }
                pairs.push((linkable[x] as u32, linkable[y] as u32));
            }
        }
        let tallies = parallel_chunks(&pairs, |chunk| {
            let mut t: Vec<Vec<f64>> = FIELDS
                .iter()
                .map(|f| vec![0.0; level_names(*f).len()])
                .collect();
            for &(i, j) in chunk {
                let c = compare(&norms[i as usize], &norms[j as usize], nick);
                for (f, l) in c.levels.iter().enumerate() {
                    if let Some(l) = l {
                        t[f][*l as usize] += 1.0;
                    }
                }
            }
            t
        });
        for t in tallies {
            for (f, row) in t.into_iter().enumerate() {
                for (l, x) in row.into_iter().enumerate() {
                    counts[f][l] += x;
                }
            }
        }
    }
    counts
        .into_iter()
        .map(|c| {
            let total: f64 = c.iter().sum();
            c.into_iter().map(|x| (x / total).max(FLOOR)).collect()
        })
        .collect()
}

/// Runs `work` over chunks of `items` on every core, results in chunk order.
fn parallel_chunks<T: Sync, R: Send>(items: &[T], work: impl Fn(&[T]) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .max(1);
    if items.len() < 2_000 || threads == 1 {
        return vec![work(items)];
    }
    let size = items.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(size)
            .map(|chunk| scope.spawn(|| work(chunk)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    })
}

/// log2(m/u) for every field and level, from the current m, and log2(m) of an exact
/// surname, whose u is adjusted per surname.
struct Table {
    w: Vec<Vec<f64>>,
    log_m_surname_exact: f64,
}

impl Params {
    fn table(&self) -> Table {
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
            log_m_surname_exact: self.m[0][0].max(FLOOR).log2(),
        }
    }

    /// log2 of u for two records agreeing exactly on this surname. Term frequency:
    /// agreeing on a rare surname is stronger evidence than on a common one, so the average
    /// u is scaled by how common this surname is.
    fn surname_log_u(&self, surname: &str) -> f64 {
        let u = self.u[0][0];
        match self.surname_tf.get(surname) {
            Some(tf) => (u * tf / self.mean_surname_u).clamp(FLOOR, 1.0).log2(),
            None => u.log2(),
        }
    }

    fn probability(&self, weight: f64) -> f64 {
        let prior = (self.lambda / (1.0 - self.lambda)).log2();
        let bf = 2f64.powf(prior + weight);
        bf / (1.0 + bf)
    }
}

/// A pair's match weight: the sum of its levels' weights.
fn match_weight(levels: &Levels, table: &Table, surname_log_u: f64) -> f64 {
    let mut w = 0.0;
    for (f, l) in levels.iter().enumerate() {
        match (f, l) {
            (_, None) => {}
            (0, Some(0)) => w += table.log_m_surname_exact - surname_log_u,
            (f, Some(l)) => w += table.w[f][*l as usize],
        }
    }
    w
}

/// Expectation maximisation of m and the prior, u held at its measured values.
/// `surname_log_u` gives each pair's TF-adjusted log2 u for an exact surname.
fn estimate_m(
    params: &mut Params,
    comparisons: &[Levels],
    surname_log_u: &[f64],
    iterations: usize,
) {
    if comparisons.is_empty() {
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
        for (c, &lu) in comparisons.iter().zip(surname_log_u) {
            let p = params.probability(match_weight(c, &table, lu));
            total_p += p;
            for (f, l) in c.iter().enumerate() {
                if let Some(l) = l {
                    m_counts[f][*l as usize] += p;
                }
            }
        }
        for (f, counts) in m_counts.into_iter().enumerate() {
            let total: f64 = counts.iter().sum();
            params.m[f] = counts.into_iter().map(|x| (x / total).max(FLOOR)).collect();
        }
        params.lambda = (total_p / comparisons.len() as f64).clamp(1e-4, 0.9999);
    }
}

// ---------------------------------------------------------------------------------------
// Linking

/// A link between two records, with its score and reasons.
#[derive(Clone, Debug, Serialize)]
pub struct Edge {
    pub a: usize,
    pub b: usize,
    pub weight: f64,
    pub probability: f64,
    pub reasons: Vec<Reason>,
}

/// A group of records taken for one person.
#[derive(Clone, Debug, Serialize)]
pub struct Group {
    /// Record indices, ascending.
    pub members: Vec<usize>,
    /// The links that joined them (a spanning forest of the accepted pairs).
    pub edges: Vec<Edge>,
}

impl Group {
    /// The strongest link's probability.
    pub fn score(&self) -> f64 {
        self.edges.iter().map(|e| e.probability).fold(0.0, f64::max)
    }
}

/// The result of linking.
#[derive(Clone, Debug, Default)]
pub struct Linkage {
    pub groups: Vec<Group>,
    pub candidate_pairs: usize,
    pub blocks_skipped: usize,
    pub linked_pairs: usize,
    /// Merges refused because the two groups hold conflicting dates of birth.
    pub refused_merges: usize,
}

struct UnionFind(Vec<usize>);

impl UnionFind {
    fn find(&mut self, x: usize) -> usize {
        let mut r = x;
        while self.0[r] != r {
            r = self.0[r];
        }
        let mut y = x;
        while self.0[y] != r {
            let next = self.0[y];
            self.0[y] = r;
            y = next;
        }
        r
    }

    fn union(&mut self, a: usize, b: usize) -> bool {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return false;
        }
        let (lo, hi) = (ra.min(rb), ra.max(rb));
        self.0[hi] = lo;
        true
    }
}

/// What kind of value a reason shows, so that it can be pseudonymised.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Name,
    Dob,
    Postcode,
    Identifier,
    Place,
}

/// One piece of evidence for a link: a comparison, its level, and the two values.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Reason {
    /// `surname`, `forename`, `names`, `date of birth`, `postcode`, `online identifier`, `place`.
    pub field: &'static str,
    pub level: &'static str,
    pub kind: Kind,
    pub a: String,
    pub b: String,
    pub similarity: Option<f64>,
}

impl Reason {
    /// The reason in words, each value shown through `show` (identity, or a pseudonym).
    pub fn render(&self, show: &dyn Fn(Kind, &str) -> String) -> String {
        let (a, b) = (show(self.kind, &self.a), show(self.kind, &self.b));
        match (self.level, self.similarity) {
            ("swapped", _) => "forename and surname swapped".to_string(),
            ("exact", _) => format!("same {} {a}", self.field),
            (level, Some(sim)) if level.starts_with("Jaro") => {
                format!("{} Jaro-Winkler {sim:.2} {a}~{b}", self.field)
            }
            ("close", Some(sim)) => format!("{} close (Jaro-Winkler {sim:.2}) {a}~{b}", self.field),
            ("same user part", _) => format!("same user name in {} {a}~{b}", self.field),
            ("sector" | "district", _) => format!("same {} {} {a}", self.field, self.level),
            (level, _) => format!("{} {level} {a}~{b}", self.field),
        }
    }
}

fn explain(c: &Comparison, a: &Norm, b: &Norm, people: (&Person, &Person)) -> Vec<Reason> {
    let mut out = Vec::new();
    let show = |s: &Option<String>| s.as_deref().unwrap_or("").trim().to_uppercase();
    let (pa, pb) = people;
    let reason = |field, level, kind, a: String, b: String, similarity| Reason {
        field,
        level,
        kind,
        a,
        b,
        similarity,
    };
    let (sa, sb) = (
        show(&pa.surname),
        if c.swapped {
            show(&pb.forename)
        } else {
            show(&pb.surname)
        },
    );
    let (fa, fb) = (
        show(&pa.forename),
        if c.swapped {
            show(&pb.surname)
        } else {
            show(&pb.forename)
        },
    );
    if c.swapped {
        out.push(reason(
            "names",
            "swapped",
            Kind::Name,
            String::new(),
            String::new(),
            None,
        ));
    }
    let level = |f: Field, l: Level| l.map(|l| level_names(f)[l as usize]);
    match level(Field::Surname, c.levels[0]) {
        Some("different") | None => {}
        Some(l) => out.push(reason(
            "surname",
            l,
            Kind::Name,
            sa,
            sb,
            (l != "exact").then_some(c.surname_sim),
        )),
    }
    match level(Field::Forename, c.levels[1]) {
        Some("different") | None => {}
        Some(l) => out.push(reason(
            "forename",
            l,
            Kind::Name,
            fa,
            fb,
            (l != "exact").then_some(c.forename_sim),
        )),
    }
    let iso = |d: Option<Date>| d.map(|d| d.iso()).unwrap_or_default();
    match level(Field::Dob, c.levels[3]) {
        Some("different") | None => {}
        Some(l) => out.push(reason(
            "date of birth",
            l,
            Kind::Dob,
            iso(a.dob),
            iso(b.dob),
            None,
        )),
    }
    let district = |p: &str| {
        if p.len() >= 5 {
            p[..p.len() - 3].to_string()
        } else {
            p.to_string()
        }
    };
    let sector = |p: &str| {
        if p.len() >= 5 {
            format!("{} {}", &p[..p.len() - 3], &p[p.len() - 3..p.len() - 2])
        } else {
            p.to_string()
        }
    };
    match level(Field::Postcode, c.levels[4]) {
        Some("full") => out.push(reason(
            "postcode",
            "exact",
            Kind::Postcode,
            show(&pa.postcode),
            show(&pb.postcode),
            None,
        )),
        Some("sector") => out.push(reason(
            "postcode",
            "sector",
            Kind::Postcode,
            sector(&a.postcode),
            sector(&b.postcode),
            None,
        )),
        Some("district") => out.push(reason(
            "postcode",
            "district",
            Kind::Postcode,
            district(&a.postcode),
            district(&b.postcode),
            None,
        )),
        _ => {}
    }
    match level(Field::Identifier, c.levels[5]) {
        Some("different") | None => {}
        Some(l) => out.push(reason(
            "online identifier",
            l,
            Kind::Identifier,
            a.identifier.clone(),
            b.identifier.clone(),
            (l == "close").then_some(c.identifier_sim),
        )),
    }
    match level(Field::Place, c.levels[6]) {
        Some("different") | None => {}
        Some(l) => out.push(reason(
            "place",
            l,
            Kind::Place,
            show(&pa.place),
            show(&pb.place),
            None,
        )),
    }
    out
}

/// Links records into groups of the same person.
pub fn link(people: &[Person], settings: &Settings) -> Linkage {
    let nick = Nicknames::load();
    let norms: Vec<Norm> = people.iter().map(Norm::of).collect();
    let (pairs, blocks_skipped) = candidate_pairs(&norms, settings.block_cap);
    let mut tf: HashMap<String, f64> = HashMap::new();
    let mut named = 0.0;
    for n in &norms {
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
    let mut params = Params {
        m: FIELDS.iter().map(|f| initial_m(*f)).collect(),
        u: estimate_u(&norms, &nick, settings),
        lambda: 0.1,
        surname_tf: tf,
        mean_surname_u: mean_tf.max(FLOOR),
    };
    // Only the levels are kept per pair; the few pairs that become links are compared
    // again to explain them.
    let comparisons: Vec<Levels> = parallel_chunks(&pairs, |chunk| {
        chunk
            .iter()
            .map(|&(i, j)| compare(&norms[i as usize], &norms[j as usize], &nick).levels)
            .collect::<Vec<_>>()
    })
    .into_iter()
    .flatten()
    .collect();
    // For a term-frequency adjustment the surname is the first record's: on an exact
    // surname level both records hold it (in whichever alignment was used).
    let record_log_u: Vec<f64> = norms
        .iter()
        .map(|n| params.surname_log_u(&n.surname))
        .collect();
    let pair_log_u: Vec<f64> = pairs
        .iter()
        .map(|&(i, _)| record_log_u[i as usize])
        .collect();
    estimate_m(
        &mut params,
        &comparisons,
        &pair_log_u,
        settings.em_iterations,
    );
    // EM's prior is the share of matches among candidate pairs. A link is decided against
    // the share among all pairs of records, as Fellegi-Sunter intends: the expected
    // matches found among the candidates, over every pair there is.
    let linkable = norms.iter().filter(|n| n.linkable()).count() as f64;
    let all_pairs = (linkable * (linkable - 1.0) / 2.0).max(MIN_POPULATION_PAIRS);
    params.lambda = (params.lambda * comparisons.len() as f64 / all_pairs).clamp(1e-12, 0.5);

    let table = params.table();
    let mut scored: Vec<(f64, f64, usize)> = comparisons
        .iter()
        .enumerate()
        .map(|(k, c)| {
            let w = match_weight(c, &table, pair_log_u[k]);
            (w, params.probability(w), k)
        })
        .filter(|(_, p, _)| *p >= settings.threshold)
        .collect();
    // Strongest links first, so each group's spanning links are its best evidence.
    scored.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.2.cmp(&y.2)));
    let mut uf = UnionFind((0..people.len()).collect());
    let mut members: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut edges_by_root: Vec<Edge> = Vec::new();
    let mut refused = 0;
    for &(w, p, k) in &scored {
        let (i, j) = (pairs[k].0 as usize, pairs[k].1 as usize);
        let (ri, rj) = (uf.find(i), uf.find(j));
        if ri == rj {
            continue;
        }
        // Cannot-link: never join two groups that hold dates of birth more than a year
        // apart (and not one slip of the keyboard), whatever else agrees: a chain of
        // plausible links must not make one person of two.
        let group = |r: usize, m: &HashMap<usize, Vec<usize>>| {
            m.get(&r).cloned().unwrap_or_else(|| vec![r])
        };
        let (gi, gj) = (group(ri, &members), group(rj, &members));
        let conflict = gi.iter().any(|&x| {
            gj.iter()
                .any(|&y| dob_level(norms[x].dob, norms[y].dob) == Some(4))
        });
        if conflict {
            refused += 1;
            continue;
        }
        if uf.union(i, j) {
            let root = uf.find(i);
            let mut all = gi;
            all.extend(gj);
            members.remove(&ri);
            members.remove(&rj);
            members.insert(root, all);
            edges_by_root.push(Edge {
                a: i,
                b: j,
                weight: (w * 100.0).round() / 100.0,
                probability: p,
                reasons: explain(
                    &compare(&norms[i], &norms[j], &nick),
                    &norms[i],
                    &norms[j],
                    (&people[i], &people[j]),
                ),
            });
        }
    }
    let mut groups: HashMap<usize, Group> = HashMap::new();
    for i in 0..people.len() {
        let r = uf.find(i);
        groups
            .entry(r)
            .or_insert_with(|| Group {
                members: Vec::new(),
                edges: Vec::new(),
            })
            .members
            .push(i);
    }
    for e in edges_by_root {
        let r = uf.find(e.a);
        if let Some(g) = groups.get_mut(&r) {
            g.edges.push(e);
        }
    }
    let mut groups: Vec<Group> = groups
        .into_values()
        .filter(|g| g.members.len() > 1)
        .collect();
    groups.sort_by_key(|g| g.members[0]);
    Linkage {
        groups,
        candidate_pairs: pairs.len(),
        blocks_skipped,
        linked_pairs: scored.len(),
        refused_merges: refused,
    }
}

/// Reads a labelled set in the form of Splink's fake_1000 (`unique_id, first_name,
/// surname, dob, city, email, cluster`): the people, and each one's true cluster. `city`
/// becomes `place` only when `with_place` is set (it has no Annex C column).
pub fn read_labelled(csv: &str, with_place: bool) -> (Vec<Person>, Vec<String>) {
    let mut people = Vec::new();
    let mut truth = Vec::new();
    for line in csv.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let f: Vec<&str> = line.split(',').collect();
        let field = |i: usize| {
            f.get(i)
                .map(|s| s.trim())
                .filter(|s| !s.is_empty())
                .map(String::from)
        };
        people.push(Person {
            forename: field(1),
            surname: field(2),
            dob: field(3).and_then(|d| match crate::base::dates::parse_text_date(&d) {
                crate::base::dates::TextDate::Date(d) => Some(d),
                _ => None,
            }),
            postcode: None,
            identifier: field(5),
            place: if with_place { field(4) } else { None },
        });
        truth.push(field(6).unwrap_or_default());
    }
    (people, truth)
}

/// Pairwise precision, recall and F1 of groups against true cluster labels.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Scores {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub true_pairs: usize,
    pub predicted_pairs: usize,
    pub correct_pairs: usize,
}

/// Scores a linkage: every unordered pair of records in one group is a predicted pair.
pub fn score(groups: &[Group], truth: &[String]) -> Scores {
    let mut by_cluster: HashMap<&str, usize> = HashMap::new();
    for t in truth {
        *by_cluster.entry(t.as_str()).or_default() += 1;
    }
    let true_pairs: usize = by_cluster.values().map(|n| n * (n - 1) / 2).sum();
    let mut predicted = 0;
    let mut correct = 0;
    for g in groups {
        let n = g.members.len();
        predicted += n * (n - 1) / 2;
        let mut within: HashMap<&str, usize> = HashMap::new();
        for &m in &g.members {
            *within.entry(truth[m].as_str()).or_default() += 1;
        }
        correct += within.values().map(|n| n * (n - 1) / 2).sum::<usize>();
    }
    let precision = if predicted == 0 {
        1.0
    } else {
        correct as f64 / predicted as f64
    };
    let recall = if true_pairs == 0 {
        1.0
    } else {
        correct as f64 / true_pairs as f64
    };
    let f1 = if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    Scores {
        precision,
        recall,
        f1,
        true_pairs,
        predicted_pairs: predicted,
        correct_pairs: correct,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalisation() {
        assert_eq!(norm_name(" Lloyd-Jones "), "lloydjones");
        assert_eq!(norm_name("O'NEILL"), "oneill");
        assert_eq!(norm_name("Chloé"), "chloe");
        assert_eq!(norm_name("MÜLLER"), "muller");
        assert_eq!(norm_forename("Jordan Lee"), "jordan");
        assert_eq!(norm_postcode("sw1a 1aa"), "SW1A1AA");
        assert_eq!(
            norm_identifier(" Bob.Smith+mp@Mail.Example "),
            "bob.smith@mail.example"
        );
        assert_eq!(norm_identifier("@Bob_Smith"), "bob_smith");
        assert_eq!(soundex("smith"), "S530");
        assert_eq!(soundex("smyth"), "S530");
        assert_eq!(soundex("robert"), "R163");
        assert_eq!(soundex("ashcraft"), "A261");
    }

    #[test]
    fn comparison_levels() {
        let nick = Nicknames::load();
        assert_eq!(name_level("smith", "smith").0, Some(0));
        assert_eq!(name_level("james", "jaems").0, Some(1));
        assert_eq!(name_level("smith", "smyth").0, Some(2));
        assert_eq!(name_level("smith", "jones").0, Some(3));
        assert_eq!(name_level("", "jones").0, None);
        assert_eq!(forename_level("bob", "robert", &nick).0, Some(1));
        assert_eq!(
            forename_level("bill", "liam", &nick).0,
            Some(1),
            "both short for William"
        );
        let d = |s: &str| match crate::base::dates::parse_text_date(s) {
            crate::base::dates::TextDate::Date(d) => Some(d),
            _ => None,
        };
        assert_eq!(dob_level(d("1975-03-02"), d("1975-03-02")), Some(0));
        assert_eq!(dob_level(d("1975-03-02"), d("1975-02-03")), Some(1));
        assert_eq!(dob_level(d("1975-03-02"), d("1975-03-12")), Some(2));
        assert_eq!(dob_level(d("1975-03-02"), d("1975-09-30")), Some(3));
        assert_eq!(dob_level(d("1975-03-02"), d("1980-09-30")), Some(4));
        assert_eq!(dob_level(None, d("1980-09-30")), None);
        assert_eq!(postcode_level("SW1A1AA", "SW1A1AA"), Some(0));
        assert_eq!(postcode_level("SW1A1AA", "SW1A1BB"), Some(1));
        assert_eq!(postcode_level("SW1A1AA", "SW1A2BB"), Some(2));
        assert_eq!(postcode_level("SW1A", "SW1A2BB"), Some(2));
        assert_eq!(postcode_level("SW1A1AA", "M11AE"), Some(3));
        assert_eq!(
            identifier_level("bob@a.example", "bob@a.example").0,
            Some(0)
        );
        assert_eq!(
            identifier_level("bob99@a.example", "bob99@b.example").0,
            Some(1)
        );
        assert_eq!(
            identifier_level("bob99@a.example", "bob98@a.example").0,
            Some(3),
            "another account, not a slip"
        );
        assert_eq!(
            identifier_level("matthew78@ballard.example", "matthbw78eallard.example").0,
            Some(2)
        );
    }

    #[test]
    fn the_bound_never_undercuts_jaro_winkler() {
        let words = [
            "smith",
            "smyth",
            "jones",
            "noah",
            "onah",
            "watson",
            "lloydjones",
            "mcdonald",
            "mccdonald",
            "a",
            "zz",
            "chloe",
            "muller",
            "x1y2",
            "é",
        ];
        for a in words {
            for b in words {
                assert!(
                    jw_bound(a, b) + 1e-12 >= jw(a, b),
                    "{a} {b}: bound {} < jw {}",
                    jw_bound(a, b),
                    jw(a, b)
                );
            }
        }
    }

    #[test]
    fn swaps_are_seen() {
        let nick = Nicknames::load();
        let a = Norm {
            forename: "noah".into(),
            surname: "watson".into(),
            ..Norm::default()
        };
        let b = Norm {
            forename: "watson".into(),
            surname: "noah".into(),
            ..Norm::default()
        };
        let c = compare(&a, &b, &nick);
        assert!(c.swapped);
        assert_eq!(
            (c.levels[0], c.levels[1], c.levels[2]),
            (Some(0), Some(0), Some(1))
        );
    }

    #[test]
    fn scoring_counts_pairs() {
        let g = vec![Group {
            members: vec![0, 1, 2],
            edges: vec![],
        }];
        let truth: Vec<String> = ["a", "a", "b", "b"].iter().map(|s| s.to_string()).collect();
        let s = score(&g, &truth);
        assert_eq!(
            (s.true_pairs, s.predicted_pairs, s.correct_pairs),
            (2, 3, 1)
        );
    }
}
#[cfg(test)]
mod bound_on_real_values {
    /// The pruning bound must never rule out a pair that Jaro-Winkler would let through:
    /// checked on every pair of names and of identifiers in fake_1000.
    #[test]
    fn never_undercuts_on_fake_1000() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/fake_1000.csv"
        ))
        .unwrap();
        let mut names = std::collections::BTreeSet::new();
        let mut ids = std::collections::BTreeSet::new();
        for line in text.lines().skip(1) {
            let f: Vec<&str> = line.split(',').collect();
            names.insert(super::norm_name(f[1]));
            names.insert(super::norm_name(f[2]));
            ids.insert(super::norm_identifier(f[5]));
        }
        for set in [names, ids] {
            let values: Vec<_> = set.into_iter().filter(|v| !v.is_empty()).collect();
            for a in &values {
                for b in &values {
                    assert!(super::jw_bound(a, b) + 1e-12 >= super::jw(a, b), "{a} {b}");
                }
            }
        }
    }
}
