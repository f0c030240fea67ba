//! Comparing two normalised records field by field into [`Levels`]: surnames and forenames
//! by Jaro-Winkler (and nicknames), in order or swapped (a swap only when no name differs
//! swapped: both agree, or one agrees and the other is a typo of it or blank), dates of
//! birth by the slips
//! people make, postcodes by unit, sector and district, identifiers and places.
//!
//! A comparison must never give a level where either side is blank: a missing value is no
//! evidence either way, and is `None`.

use crate::base::calendar::Date;

use super::levels::{
    DobLevel, ForenameLevel, IdentifierLevel, Levels, NameLevel, Order, PlaceLevel, PostcodeLevel,
};
use super::nicknames::Nicknames;
use super::normalise::{user_part, Norm};

pub(super) fn jw(a: &str, b: &str) -> f64 {
    strsim::jaro_winkler(a, b)
}

/// An upper bound on the Jaro-Winkler similarity of two strings, from their lengths and
/// the characters they have in common (in any order): most pairs of different names are
/// ruled out by this before the full comparison is made. Asked for a million random pairs
/// and every candidate, four times each, so ASCII (nearly every name once normalised) is
/// counted byte by byte, the same counts as character by character.
pub(super) fn jw_bound(a: &str, b: &str) -> f64 {
    let (common, la, lb) = if a.is_ascii() && b.is_ascii() {
        common_ascii(a.as_bytes(), b.as_bytes())
    } else {
        common_chars(a, b)
    };
    if la == 0 || lb == 0 || common == 0 {
        return 0.0;
    }
    let m = common as f64;
    let jaro = (m / la as f64 + m / lb as f64 + 1.0) / 3.0;
    jaro + 0.4 * (1.0 - jaro)
}

/// The bucket of a character in [`jw_bound`]'s counts: a letter `a`-`z`, a digit, or
/// anything else (all in one bucket).
fn bucket(c: char) -> usize {
    match c {
        'a'..='z' => c as usize - 'a' as usize,
        '0'..='9' => 26 + (c as usize - '0' as usize),
        _ => 36,
    }
}

/// [`bucket`] of every ASCII byte, looked up.
const ASCII_BUCKET: [u8; 128] = {
    let mut t = [36u8; 128];
    let mut i = 0;
    while i < 26 {
        t[b'a' as usize + i] = i as u8;
        i += 1;
    }
    let mut d = 0;
    while d < 10 {
        t[b'0' as usize + d] = 26 + d as u8;
        d += 1;
    }
    t
};

/// Characters in common (per bucket, in any order) and the two lengths in characters.
fn common_chars(a: &str, b: &str) -> (usize, usize, usize) {
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
    (common, la, lb)
}

/// [`common_chars`] of two ASCII strings, byte by byte.
fn common_ascii(a: &[u8], b: &[u8]) -> (usize, usize, usize) {
    let mut counts = [0i32; 37];
    for &c in a {
        counts[ASCII_BUCKET[usize::from(c & 0x7F)] as usize] += 1;
    }
    let mut common = 0usize;
    for &c in b {
        let k = ASCII_BUCKET[usize::from(c & 0x7F)] as usize;
        if counts[k] > 0 {
            counts[k] -= 1;
            common += 1;
        }
    }
    (common, a.len(), b.len())
}

/// How two surnames agree, and their similarity.
pub(super) fn name_level(a: &str, b: &str) -> (Option<NameLevel>, f64) {
    if a.is_empty() || b.is_empty() {
        return (None, 0.0);
    }
    if a == b {
        return (Some(NameLevel::Exact), 1.0);
    }
    if jw_bound(a, b) < 0.88 {
        return (Some(NameLevel::Different), 0.0);
    }
    let s = jw(a, b);
    let level = if s >= 0.92 {
        NameLevel::Close
    } else if s >= 0.88 {
        NameLevel::Similar
    } else {
        NameLevel::Different
    };
    (Some(level), s)
}

/// How two forenames agree, and their similarity.
pub(super) fn forename_level(a: &str, b: &str, nick: &Nicknames) -> (Option<ForenameLevel>, f64) {
    if a.is_empty() || b.is_empty() {
        return (None, 0.0);
    }
    if a == b {
        return (Some(ForenameLevel::Exact), 1.0);
    }
    if nick.related(a, b) {
        return (Some(ForenameLevel::Nickname), jw(a, b));
    }
    if jw_bound(a, b) < 0.88 {
        return (Some(ForenameLevel::Different), 0.0);
    }
    let s = jw(a, b);
    let level = if s >= 0.92 {
        ForenameLevel::Close
    } else if s >= 0.88 {
        ForenameLevel::Similar
    } else {
        ForenameLevel::Different
    };
    (Some(level), s)
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

pub(super) fn postcode_level(a: &str, b: &str) -> Option<PostcodeLevel> {
    if a.is_empty() || b.is_empty() {
        return None;
    }
    // Outward code and sector digit, borrowed (this runs for every pair compared); a
    // normalised postcode is ASCII.
    fn split(p: &str) -> (&str, &str) {
        if p.len() >= 5 {
            let (o, i) = p.split_at(p.len() - 3);
            (o, &i[..1])
        } else {
            (p, "")
        }
    }
    let ((oa, sa), (ob, sb)) = (split(a), split(b));
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
    type Names = ((Option<NameLevel>, f64), (Option<ForenameLevel>, f64));
    // Compare names in order and swapped; keep the alignment that agrees better, a swap
    // only when no name differs swapped.
    let straight: Names = (
        name_level(&a.surname, &b.surname),
        forename_level(&a.forename, &b.forename, nick),
    );
    let swapped: Names = (
        name_level(&a.surname, &b.forename),
        forename_level(&a.forename, &b.surname, nick),
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
    let alike = |x: &str, y: &str| x.is_empty() || y.is_empty() || jw(x, y) >= SWAP_ALIKE;
    let all_agree = |((s, _), (f, _)): Names| {
        (s != Some(NameLevel::Different) || alike(&a.surname, &b.forename))
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
    let (identifier, identifier_sim) = identifier_level(&a.identifier, &b.identifier);
    Comparison {
        levels: Levels {
            surname,
            forename,
            order,
            dob: dob_level(a.dob, b.dob),
            postcode: postcode_level(&a.postcode, &b.postcode),
            identifier,
            place: place_level(&a.place, &b.place),
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

    /// Byte by byte or character by character, the same counts: every ASCII character
    /// against every other, and whole names.
    #[test]
    fn ascii_counts_as_characters_do() {
        for x in 0u8..128 {
            let (a, b) = (x as char, 'a');
            assert_eq!(bucket(a), ASCII_BUCKET[x as usize] as usize, "{x}");
            let (s, t) = (a.to_string(), format!("{b}{a}{a}"));
            assert_eq!(
                common_ascii(s.as_bytes(), t.as_bytes()),
                common_chars(&s, &t)
            );
        }
        for (a, b) in [
            ("smith", "smyth"),
            ("x1y2", "y2x1z"),
            ("Aa-", "a-A"),
            ("", "ab"),
        ] {
            assert_eq!(common_ascii(a.as_bytes(), b.as_bytes()), common_chars(a, b));
        }
        assert_eq!(jw_bound("muller", "müller"), {
            let (m, la, lb) = common_chars("muller", "müller");
            let jaro = (m as f64 / la as f64 + m as f64 / lb as f64 + 1.0) / 3.0;
            jaro + 0.4 * (1.0 - jaro)
        });
    }

    /// The pruning bound must never rule out a pair that Jaro-Winkler would let through:
    /// checked on every pair of names and of identifiers in fake_1000.
    #[test]
    fn the_bound_never_undercuts_on_fake_1000() {
        use super::super::normalise::{norm_identifier, norm_name};
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/data/fake_1000.csv"
        ))
        .unwrap();
        let mut names = std::collections::BTreeSet::new();
        let mut ids = std::collections::BTreeSet::new();
        for line in text.lines().skip(1) {
            let f: Vec<&str> = line.split(',').collect();
            names.insert(norm_name(f[1]));
            names.insert(norm_name(f[2]));
            ids.insert(norm_identifier(f[5]));
        }
        for set in [names, ids] {
            let values: Vec<_> = set.into_iter().filter(|v| !v.is_empty()).collect();
            for a in &values {
                for b in &values {
                    assert!(jw_bound(a, b) + 1e-12 >= jw(a, b), "{a} {b}");
                }
            }
        }
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
        // 0.77, "different" at the linkage's levels) is a swap with a misspelling, not
        // another name: a swap, and the surnames' level is the typo's.
        let c = compare(
            &named("harris", "matilda"),
            &named("matilda", "hsrir"),
            &nick,
        );
        assert!(c.swapped);
        assert_eq!(
            (c.levels.surname, c.levels.forename),
            (Some(NameLevel::Different), Some(ForenameLevel::Exact))
        );
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
