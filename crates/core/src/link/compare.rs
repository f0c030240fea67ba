//! Comparing two normalised records field by field into [`Levels`]: surnames and forenames
//! by Jaro-Winkler (and nicknames), in order or swapped (a swap only when no name differs
//! swapped: both agree, or one agrees and the other is a typo of it or blank), dates of
//! birth by the slips
//! people make, postcodes by unit, sector and district, identifiers and places.
//!
//! A comparison must never give a level where either side is blank: a missing value is no
//! evidence either way, and is `None`.

use crate::base::calendar::Date;

use super::keys::{Keys, NameKey, PostcodeKey};
use super::levels::{
    DobLevel, ForenameLevel, IdentifierLevel, Levels, NameLevel, Order, PlaceLevel, PostcodeLevel,
};
use super::nicknames::Nicknames;
use super::normalise::{user_part, Norm};
use super::similarity::{jumbled, jw, jw_bound, unlike};

/// How two surnames agree, and their similarity.
#[cfg(test)]
pub(super) fn name_level(a: &str, b: &str) -> (Option<NameLevel>, f64) {
    let (ka, kb) = name_keys(a, b, None);
    name_level_of(a, b, ka, kb)
}

/// Two names' keys, numbered as [`Keys::all`] numbers them, for comparing one pair alone.
#[cfg(test)]
fn name_keys(a: &str, b: &str, nick: Option<&Nicknames>) -> (NameKey, NameKey) {
    use super::nicknames::NickSet;
    use super::similarity::Letters;
    let key = |x: &str, id: u32| NameKey {
        id: if x.is_empty() { 0 } else { id },
        letters: Letters::of(x),
        nick: nick.map_or(NickSet::NONE, |n| n.set_of(x)),
    };
    (key(a, 1), key(b, if a == b { 1 } else { 2 }))
}

/// [`name_level`], with the names' [`NameKey`]s.
fn name_level_of(a: &str, b: &str, ka: NameKey, kb: NameKey) -> (Option<NameLevel>, f64) {
    if ka.is_blank() || kb.is_blank() {
        return (None, 0.0);
    }
    if ka.id == kb.id {
        return (Some(NameLevel::Exact), 1.0);
    }
    let letters = (ka.letters, kb.letters);
    let s = if unlike(a, b, Some(letters)) {
        0.0
    } else {
        jw(a, b)
    };
    if s >= 0.92 {
        (Some(NameLevel::Close), s)
    } else if s >= 0.88 {
        (Some(NameLevel::Similar), s)
    } else if jumbled(a, b, letters) {
        // A jumbled pair holds every letter of the shorter name: never `unlike`, so `s`
        // is its similarity.
        (Some(NameLevel::Jumbled), s)
    } else {
        (Some(NameLevel::Different), 0.0)
    }
}

/// How two forenames agree, and their similarity.
#[cfg(test)]
pub(super) fn forename_level(a: &str, b: &str, nick: &Nicknames) -> (Option<ForenameLevel>, f64) {
    let (ka, kb) = name_keys(a, b, Some(nick));
    forename_level_of(a, b, ka, kb, nick)
}

/// [`forename_level`], with each name's [`NameKey`].
fn forename_level_of(
    a: &str,
    b: &str,
    ka: NameKey,
    kb: NameKey,
    nick: &Nicknames,
) -> (Option<ForenameLevel>, f64) {
    if ka.is_blank() || kb.is_blank() {
        return (None, 0.0);
    }
    if ka.id == kb.id {
        return (Some(ForenameLevel::Exact), 1.0);
    }
    if nick.related_sets(ka.nick, kb.nick) {
        return (Some(ForenameLevel::Nickname), jw(a, b));
    }
    let s = if unlike(a, b, Some((ka.letters, kb.letters))) {
        0.0
    } else {
        jw(a, b)
    };
    if s >= 0.92 {
        (Some(ForenameLevel::Close), s)
    } else if s >= 0.88 {
        (Some(ForenameLevel::Similar), s)
    } else {
        (Some(ForenameLevel::Different), 0.0)
    }
}

/// How two dates of birth agree: only by the slips people make when typing one (a
/// character, day and month swapped, the year one out); `Different` when day, month and
/// year all differ; `None` (no evidence either way) when either is blank or they differ
/// in some other way.
pub(super) fn dob_level(a: Option<Date>, b: Option<Date>) -> Option<DobLevel> {
    let (a, b) = (a?, b?);
    if a == b {
        return Some(DobLevel::Exact);
    }
    // Day, month and year all different (most pairs of strangers) is at least three
    // digits different, and no slip below: known at once.
    if a.year != b.year && a.month != b.month && a.day != b.day {
        return Some(DobLevel::Different);
    }
    if a.year == b.year && a.day == b.month && a.month == b.day {
        return Some(DobLevel::DayMonthSwapped);
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
        return Some(DobLevel::OneEdit);
    }
    // A year typed one out (1979 for 1980) with the day and month right.
    if a.month == b.month && a.day == b.day && (a.year - b.year).abs() == 1 {
        return Some(DobLevel::YearOff);
    }
    // Day, month and year all different is no slip of the keyboard: evidence against (and
    // a cannot-link unless an email or handle agrees). Any other difference (nearby dates "within a year" included) is not
    // a slip either, so it never counts as agreeing; it is no evidence either way.
    if a.year != b.year && a.month != b.month && a.day != b.day {
        return Some(DobLevel::Different);
    }
    None
}

/// How two postcodes agree (the whole, the sector or the district), by their keys.
fn postcode_level_of(a: PostcodeKey, b: PostcodeKey) -> Option<PostcodeLevel> {
    if a.whole == 0 || b.whole == 0 {
        return None;
    }
    Some(if a.whole == b.whole && a.full {
        PostcodeLevel::Exact
    } else if a.outward == b.outward && a.sector != 0 && a.sector == b.sector {
        PostcodeLevel::Sector
    } else if a.outward == b.outward {
        PostcodeLevel::District
    } else {
        PostcodeLevel::Different
    })
}

/// [`postcode_level_of`] of the text itself, the reference the keys are held to.
#[cfg(test)]
pub(super) fn postcode_level(a: &str, b: &str) -> Option<PostcodeLevel> {
    use super::keys::split_postcode;
    if a.is_empty() || b.is_empty() {
        return None;
    }
    let ((oa, sa), (ob, sb)) = (split_postcode(a), split_postcode(b));
    Some(if a == b && a.len() >= 5 {
        PostcodeLevel::Exact
    } else if oa == ob && !sa.is_empty() && sa == sb {
        PostcodeLevel::Sector
    } else if oa == ob {
        PostcodeLevel::District
    } else {
        PostcodeLevel::Different
    })
}

pub(super) fn identifier_level(a: &str, b: &str) -> (Option<IdentifierLevel>, f64) {
    if a.is_empty() || b.is_empty() {
        return (None, 0.0);
    }
    if a == b {
        return (Some(IdentifierLevel::Exact), 1.0);
    }
    let (ua, ub) = (user_part(a), user_part(b));
    if ua == ub && ua.len() >= 3 {
        return (Some(IdentifierLevel::SameUser), 1.0);
    }
    // Close: a typing slip, not another account. Handles are often a name and a number,
    // so two people of one name have close handles: the digits must agree.
    fn digits(x: &str) -> impl Iterator<Item = u8> + '_ {
        x.bytes().filter(u8::is_ascii_digit)
    }
    if !digits(a).eq(digits(b)) || jw_bound(a, b) < 0.88 {
        return (Some(IdentifierLevel::Different), 0.0);
    }
    let s = jw(a, b);
    let level = if s >= 0.88 {
        IdentifierLevel::Close
    } else {
        IdentifierLevel::Different
    };
    (Some(level), s)
}

pub(super) fn place_level(a: &str, b: &str) -> Option<PlaceLevel> {
    if a.is_empty() || b.is_empty() {
        return None;
    }
    Some(if a == b {
        PlaceLevel::Exact
    } else if jw(a, b) >= 0.88 {
        PlaceLevel::Close
    } else {
        PlaceLevel::Different
    })
}

/// A compared pair: a level per field, and what is needed to explain it.
#[derive(Clone, Debug)]
pub(super) struct Comparison {
    pub levels: Levels,
    pub swapped: bool,
    pub surname_sim: f64,
    pub forename_sim: f64,
    pub identifier_sim: f64,
}

/// The Jaro-Winkler similarity at or above which a name counts as alike across a swap
/// though its level is "different": a typo, not another name.
const SWAP_ALIKE: f64 = 0.6;

pub(super) fn compare(a: &Norm, b: &Norm, nick: &Nicknames) -> Comparison {
    let keys = Keys::all([a, b], nick);
    compare_keyed(a, b, &keys[0], &keys[1], nick)
}

/// [`compare`], with the two records' [`Keys`].
pub(super) fn compare_keyed(
    a: &Norm,
    b: &Norm,
    ka: &Keys,
    kb: &Keys,
    nick: &Nicknames,
) -> Comparison {
    type Names = ((Option<NameLevel>, f64), (Option<ForenameLevel>, f64));
    // Compare names in order and swapped; keep the alignment that agrees better, a swap
    // only when no name differs swapped.
    let straight: Names = (
        name_level_of(&a.surname, &b.surname, ka.surname, kb.surname),
        forename_level_of(&a.forename, &b.forename, ka.forename, kb.forename, nick),
    );
    let swapped: Names = (
        name_level_of(&a.surname, &b.forename, ka.surname, kb.forename),
        forename_level_of(&a.forename, &b.surname, ka.forename, kb.surname, nick),
    );
    let score = |((s, ss), (f, fs)): Names| {
        let w = |compared: bool, x: f64| if compared { x } else { 0.0 };
        w(s.is_some(), ss)
            + w(f.is_some(), fs)
            + 0.001 * (s.is_some() as u8 + f.is_some() as u8) as f64
    };
    // A swap swaps both names: it is taken only when every name compared swapped agrees
    // (at any level but "different", or alike as a typo is; a blank is no evidence either
    // way, as everywhere).
    // One name alike across the swap and the other different is a half-match, not a swap
    // ("Andreew, Begum" and "Hall, Andrew": ANDREEW / ANDREW alike, BEGUM / HALL not), and
    // is compared in order.
    // A name "different" at the linkage's levels still counts as alike for the swap when
    // its Jaro-Winkler similarity is at least SWAP_ALIKE (HARRIS / HSRIR, 0.77, a typo;
    // BEGUM / HALL, 0.0, another name).
    // A jumbled surname is held to the same: NOEL / LEON hold the same letters, but at
    // 0.50 they are two names, not a typo, and no ground for a swap.
    let alike = |x: &str, y: &str| x.is_empty() || y.is_empty() || jw(x, y) >= SWAP_ALIKE;
    let all_agree = |((s, _), (f, _)): Names| {
        (!matches!(s, Some(NameLevel::Different | NameLevel::Jumbled))
            || alike(&a.surname, &b.forename))
            && (f != Some(ForenameLevel::Different) || alike(&a.forename, &b.surname))
    };
    let use_swap = score(swapped) > score(straight) + 0.05 && all_agree(swapped);
    let ((surname, surname_sim), (forename, forename_sim)) =
        if use_swap { swapped } else { straight };
    let order = if surname.is_none() && forename.is_none() {
        None
    } else if use_swap {
        Some(Order::Swapped)
    } else {
        Some(Order::InOrder)
    };
    // Blank or the same text is known from the keys; only two different identifiers (or
    // places) are read.
    let (identifier, identifier_sim) = match (ka.identifier, kb.identifier) {
        (0, _) | (_, 0) => (None, 0.0),
        (x, y) if x == y => (Some(IdentifierLevel::Exact), 1.0),
        _ => identifier_level(&a.identifier, &b.identifier),
    };
    let place = match (ka.place, kb.place) {
        (0, _) | (_, 0) => None,
        (x, y) if x == y => Some(PlaceLevel::Exact),
        _ => place_level(&a.place, &b.place),
    };
    Comparison {
        levels: Levels {
            surname,
            forename,
            order,
            dob: dob_level(ka.dob, kb.dob),
            postcode: postcode_level_of(ka.postcode, kb.postcode),
            identifier,
            place,
        },
        swapped: use_swap,
        surname_sim,
        forename_sim,
        identifier_sim,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comparison_levels() {
        let nick = Nicknames::load();
        assert_eq!(name_level("smith", "smith").0, Some(NameLevel::Exact));
        assert_eq!(name_level("james", "jaems").0, Some(NameLevel::Close));
        assert_eq!(name_level("smith", "smyth").0, Some(NameLevel::Similar));
        assert_eq!(name_level("smith", "jones").0, Some(NameLevel::Different));
        assert_eq!(name_level("", "jones").0, None);
        // Below 0.88, but the same letters with one more: jumbled, with its similarity.
        let (level, sim) = name_level("psrson", "parsons");
        assert_eq!(level, Some(NameLevel::Jumbled));
        assert!((sim - 0.804).abs() < 0.001, "{sim}");
        assert_eq!(name_level("slie", "ellis").0, Some(NameLevel::Jumbled));
        assert_eq!(name_level("hall", "hill").0, Some(NameLevel::Different));
        // Forenames have no jumbled level: twins' forenames tell them apart.
        assert_eq!(
            forename_level("liam", "mila", &nick).0,
            Some(ForenameLevel::Different)
        );
        assert_eq!(
            forename_level("bob", "robert", &nick).0,
            Some(ForenameLevel::Nickname)
        );
        assert_eq!(
            forename_level("bill", "liam", &nick).0,
            Some(ForenameLevel::Nickname),
            "both short for William"
        );
        let d = |s: &str| match crate::base::calendar::parse_text_date(s) {
            crate::base::calendar::TextDate::Date(d) => Some(d),
            _ => None,
        };
        let dob = |a, b| dob_level(d(a), d(b));
        assert_eq!(dob("1975-03-02", "1975-03-02"), Some(DobLevel::Exact));
        assert_eq!(
            dob("1975-03-02", "1975-02-03"),
            Some(DobLevel::DayMonthSwapped)
        );
        assert_eq!(dob("1975-03-02", "1975-03-12"), Some(DobLevel::OneEdit));
        assert_eq!(dob("1979-03-02", "1980-03-02"), Some(DobLevel::YearOff));
        assert_eq!(
            dob("1975-03-02", "1976-02-01"),
            Some(DobLevel::Different),
            "eleven months apart, day, month and year all different: two people"
        );
        assert_eq!(
            dob("1975-03-02", "1975-09-30"),
            None,
            "within a year is not a typing slip, nor evidence against"
        );
        assert_eq!(
            dob("1975-03-02", "1975-03-28"),
            None,
            "the day alone, not a slip"
        );
        assert_eq!(dob("1975-03-02", "1980-09-30"), Some(DobLevel::Different));
        assert_eq!(dob_level(None, d("1980-09-30")), None);
        let pc = postcode_level;
        assert_eq!(pc("SW1A1AA", "SW1A1AA"), Some(PostcodeLevel::Exact));
        assert_eq!(pc("SW1A1AA", "SW1A1BB"), Some(PostcodeLevel::Sector));
        assert_eq!(pc("SW1A1AA", "SW1A2BB"), Some(PostcodeLevel::District));
        assert_eq!(pc("SW1A", "SW1A2BB"), Some(PostcodeLevel::District));
        assert_eq!(pc("SW1A1AA", "M11AE"), Some(PostcodeLevel::Different));
        let id = |a, b| identifier_level(a, b).0;
        assert_eq!(
            id("bob@a.example", "bob@a.example"),
            Some(IdentifierLevel::Exact)
        );
        assert_eq!(
            id("bob99@a.example", "bob99@b.example"),
            Some(IdentifierLevel::SameUser)
        );
        assert_eq!(
            id("bob99@a.example", "bob98@a.example"),
            Some(IdentifierLevel::Different),
            "another account, not a slip"
        );
        assert_eq!(
            id("matthew78@ballard.example", "matthbw78eallard.example"),
            Some(IdentifierLevel::Close)
        );
        assert_eq!(place_level("leeds", "leeds"), Some(PlaceLevel::Exact));
        assert_eq!(place_level("leeds", ""), None);
    }

    /// A value longer than any name, email or place is compared only for being the same:
    /// Jaro-Winkler of two 30,000-character cells costs seconds a pair, and a return of
    /// them held the national run for minutes. At the limit it is still compared.
    #[test]
    fn an_overlong_value_is_compared_only_for_being_the_same() {
        use crate::link::similarity::LONGEST_COMPARED;
        let nick = Nicknames::load();
        // Letters in no order a name has, and the same with one typed wrong.
        let text = |n: usize| -> String {
            (0..n)
                .map(|i| char::from(b'a' + (i * 7 % 26) as u8))
                .collect()
        };
        let slip = |s: &str| format!("{}z", &s[..s.len() - 1]);
        let at = text(LONGEST_COMPARED);
        assert_eq!(name_level(&at, &slip(&at)).0, Some(NameLevel::Close));
        for n in [LONGEST_COMPARED + 1, 30_000] {
            let (long, typo) = (text(n), slip(&text(n)));
            assert_eq!(name_level(&long, &long).0, Some(NameLevel::Exact));
            assert_eq!(name_level(&long, &typo), (Some(NameLevel::Different), 0.0));
            let jumble: String = long.chars().rev().collect();
            assert_eq!(name_level(&long, &jumble).0, Some(NameLevel::Different));
            assert_eq!(
                forename_level(&long, &typo, &nick).0,
                Some(ForenameLevel::Different)
            );
            let email = |user: &str| format!("{user}7@example.org");
            assert_eq!(
                identifier_level(&email(&long), &email(&typo)).0,
                Some(IdentifierLevel::Different)
            );
            assert_eq!(place_level(&long, &typo), Some(PlaceLevel::Different));
            assert_eq!(place_level(&long, &long), Some(PlaceLevel::Exact));
        }
    }

    /// Names compared with their keys get the levels they get without: names of fake_1000
    /// paired in order and swapped, nicknames included.
    #[test]
    fn keys_change_no_level() {
        let nick = Nicknames::load();
        let pairs = [
            ("smith", "bob", "smyth", "robert"),
            ("watson", "noah", "noah", "watson"),
            ("harris", "matilda", "matilda", "hsrir"),
            ("jones", "bill", "jones", "liam"),
            ("", "jamie", "pritchard", "james"),
            ("müller", "zoë", "muller", "zoe"),
        ];
        for (s1, f1, s2, f2) in pairs {
            let (a, b) = (named(s1, f1), named(s2, f2));
            let keyed = compare(&a, &b, &nick);
            let plain = (
                name_level(s1, s2),
                forename_level(f1, f2, &nick),
                name_level(s1, f2),
                forename_level(f1, s2, &nick),
            );
            let picked = if keyed.swapped {
                (plain.2 .0, plain.3 .0)
            } else {
                (plain.0 .0, plain.1 .0)
            };
            assert_eq!(
                (keyed.levels.surname, keyed.levels.forename),
                picked,
                "{s1} {f1} / {s2} {f2}"
            );
        }
    }

    /// Every field compared by the keys gets the level the text itself gets: every pair of
    /// fake_1000's first 300 records (names, dates of birth, emails, cities), with
    /// postcodes whole, short and blank given round.
    #[test]
    fn every_field_keyed_is_the_plain_level() {
        use super::super::normalise::{norm_forename, norm_identifier, norm_name};
        use crate::base::calendar::{parse_text_date, TextDate};
        let nick = Nicknames::load();
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/data/fake_1000.csv"
        ))
        .unwrap();
        let postcodes = [
            "M129NB", "M129NA", "M128AB", "DN130QN", "M1", "", "M12", "M129NB",
        ];
        let norms: Vec<Norm> = text
            .lines()
            .skip(1)
            .take(300)
            .enumerate()
            .map(|(i, line)| {
                let f: Vec<&str> = line.split(',').collect();
                Norm {
                    forename: norm_forename(f[1]),
                    surname: norm_name(f[2]),
                    dob: match parse_text_date(f[3]) {
                        TextDate::Date(d) => Some(d),
                        _ => None,
                    },
                    postcode: postcodes[i % postcodes.len()].into(),
                    identifier: norm_identifier(f[5]),
                    place: norm_name(f[4]),
                }
            })
            .collect();
        let keys = Keys::all(&norms, &nick);
        let mut swaps = 0;
        for (i, a) in norms.iter().enumerate() {
            for (j, b) in norms.iter().enumerate() {
                let c = compare_keyed(a, b, &keys[i], &keys[j], &nick).levels;
                let swapped = c.order == Some(Order::Swapped);
                swaps += usize::from(swapped);
                let (s, f) = if swapped {
                    (&b.forename, &b.surname)
                } else {
                    (&b.surname, &b.forename)
                };
                let plain = Levels {
                    surname: name_level(&a.surname, s).0,
                    forename: forename_level(&a.forename, f, &nick).0,
                    order: c.order,
                    dob: dob_level(a.dob, b.dob),
                    postcode: postcode_level(&a.postcode, &b.postcode),
                    identifier: identifier_level(&a.identifier, &b.identifier).0,
                    place: place_level(&a.place, &b.place),
                };
                assert_eq!(c, plain, "{a:?} / {b:?}");
            }
        }
        assert!(swaps > 0, "some pairs are compared swapped");
    }

    fn named(surname: &str, forename: &str) -> Norm {
        Norm {
            surname: surname.into(),
            forename: forename.into(),
            ..Norm::default()
        }
    }

    /// Issue 19: one name alike across the swap (ANDREEW / ANDREW) and the other different
    /// (BEGUM / HALL) is a half-match, compared in order, where both names differ.
    #[test]
    fn a_half_match_is_no_swap() {
        let nick = Nicknames::load();
        let c = compare(&named("andreew", "begum"), &named("hall", "andrew"), &nick);
        assert!(!c.swapped);
        assert_eq!(
            (c.levels.surname, c.levels.forename, c.levels.order),
            (
                Some(NameLevel::Different),
                Some(ForenameLevel::Different),
                Some(Order::InOrder)
            )
        );
        // Both names agreeing swapped, one only nearly, is a swap.
        let c = compare(&named("begum", "andrew"), &named("andreew", "begum"), &nick);
        assert!(c.swapped);
        assert_eq!(
            (c.levels.surname, c.levels.forename),
            (Some(NameLevel::Exact), Some(ForenameLevel::Close))
        );
        // One name agreeing swapped and the other a typo of it (HARRIS / HSRIR, Jaro-Winkler
        // 0.77, the same letters but one, jumbled) is a swap with a misspelling, not
        // another name: a swap, and the surnames' level is the typo's.
        let c = compare(
            &named("harris", "matilda"),
            &named("matilda", "hsrir"),
            &nick,
        );
        assert!(c.swapped);
        assert_eq!(
            (c.levels.surname, c.levels.forename),
            (Some(NameLevel::Jumbled), Some(ForenameLevel::Exact))
        );
        // A surname of the same letters as the other's forename, but another name (LEON /
        // NOEL, 0.50), is no ground for a swap either: compared in order.
        let c = compare(&named("leon", "smith"), &named("smith", "noel"), &nick);
        assert!(!c.swapped);
        // A name blank on one side is no evidence either way: the other agreeing swapped
        // is a swap (a lone name written in the other field).
        let c = compare(&named("watson", "noah"), &named("", "noah"), &nick);
        assert!(!c.swapped, "in order already");
        let c = compare(&named("noah", "watson"), &named("", "noah"), &nick);
        assert!(c.swapped);
        assert_eq!(
            (c.levels.surname, c.levels.forename),
            (Some(NameLevel::Exact), None)
        );
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
            (c.levels.surname, c.levels.forename, c.levels.order),
            (
                Some(NameLevel::Exact),
                Some(ForenameLevel::Exact),
                Some(Order::Swapped)
            )
        );
    }
}
