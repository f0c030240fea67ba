//! How alike two strings are (Jaro-Winkler), and how soon two names are known to be
//! unlike: a bound from the characters they have in common, and a cheaper one from their
//! [`Letters`], worked out once per record. Comparisons ask a million random pairs and
//! every candidate four times each, and most pairs of names are different: ruling them
//! out cheaply, never wrongly, is most of the linkage's speed.

/// The longest value, in bytes, compared by similarity: some 64 to 256 characters, longer
/// than any name, email, handle or place anyone types. Jaro-Winkler costs the product of
/// the two lengths, so two cells of 30,000 characters in one block took seconds a pair
/// and a return of them held the national run for minutes; a longer value is compared
/// only for being the same, and is otherwise different.
pub(super) const LONGEST_COMPARED: usize = 256;

/// Whether either value is too long to compare by similarity ([`LONGEST_COMPARED`]).
fn too_long(a: &str, b: &str) -> bool {
    a.len() > LONGEST_COMPARED || b.len() > LONGEST_COMPARED
}

/// Jaro-Winkler similarity; of a value longer than [`LONGEST_COMPARED`], 1 when the two
/// are the same and 0 otherwise.
pub(super) fn jw(a: &str, b: &str) -> f64 {
    if too_long(a, b) {
        return if a == b { 1.0 } else { 0.0 };
    }
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
    bound_of(common as u64, la as u64, lb as u64)
}

/// The Jaro-Winkler bound of two strings of `la` and `lb` characters with at most `common`
/// in common: every common character matched, none transposed, the longest prefix. It
/// grows with `common`.
fn bound_of(common: u64, la: u64, lb: u64) -> f64 {
    if la == 0 || lb == 0 || common == 0 {
        return 0.0;
    }
    let m = common as f64;
    let jaro = (m / la as f64 + m / lb as f64 + 1.0) / 3.0;
    jaro + 0.4 * (1.0 - jaro)
}

/// A name's letters as [`jw_bound`] buckets them, in one word worked out once per record:
/// which of the 37 buckets occur (the low 37 bits) and its length in characters (the
/// high 27 bits). Enough for [`letters_bound`], which rules out most pairs of different
/// names without reading either.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Letters(u64);

/// The longest length [`Letters`] holds; a longer name is never ruled out by its letters.
const LETTERS_MAX_LEN: u64 = (1 << 27) - 1;
const LETTERS_MASK: u64 = (1 << 37) - 1;

impl Letters {
    pub(super) fn of(name: &str) -> Letters {
        let (mut mask, mut len) = (0u64, 0u64);
        if name.is_ascii() {
            for &c in name.as_bytes() {
                mask |= 1 << ASCII_BUCKET[usize::from(c & 0x7F)];
            }
            len = name.len() as u64;
        } else {
            for c in name.chars() {
                mask |= 1 << bucket(c);
                len += 1;
            }
        }
        Letters(mask | len.min(LETTERS_MAX_LEN) << 37)
    }

    fn mask(self) -> u64 {
        self.0 & LETTERS_MASK
    }

    fn len(self) -> u64 {
        self.0 >> 37
    }
}

/// An upper bound on [`jw_bound`] from two names' [`Letters`] alone. A character of one
/// name whose bucket the other lacks is in common with nothing, and each bucket one name
/// alone has holds at least one of its characters: so at most (length less buckets only
/// it has) characters of either are in common, which is at least the count `jw_bound`
/// makes.
fn letters_bound(a: Letters, b: Letters) -> f64 {
    let (la, lb) = (a.len(), b.len());
    if la >= LETTERS_MAX_LEN || lb >= LETTERS_MAX_LEN {
        return 1.0;
    }
    let only = |x: u64, y: u64| u64::from((x & !y).count_ones());
    let common = (la - only(a.mask(), b.mask())).min(lb - only(b.mask(), a.mask()));
    bound_of(common, la, lb)
}

/// Whether two names are too unlike to be close: Jaro-Winkler's bound under 0.88, told
/// first from their [`Letters`] when the caller has them, or either too long to compare
/// ([`LONGEST_COMPARED`]).
pub(super) fn unlike(a: &str, b: &str, letters: Option<(Letters, Letters)>) -> bool {
    too_long(a, b)
        || letters.is_some_and(|(x, y)| letters_bound(x, y) < 0.88)
        || jw_bound(a, b) < 0.88
}

/// The fewest characters a name must have to count as [`jumbled`]: shorter names are too
/// often one another's letters (`AMY` / `MAY`).
const JUMBLED_MIN: u64 = 4;

/// Whether two names hold the same characters in another order, or the longer holds the
/// shorter's and one more (`PSRSON` / `PARSONS`, `SLIE` / `ELLIS`): a name typed scrambled,
/// which Jaro-Winkler, reading in order, puts with names that share nothing. Told from the
/// names' [`Letters`] for nearly every pair (the buckets that occur must agree, but for
/// one); only a pair that passes is counted.
pub(super) fn jumbled(a: &str, b: &str, (x, y): (Letters, Letters)) -> bool {
    let (la, lb) = (x.len(), y.len());
    if la.min(lb) < JUMBLED_MIN
        || too_long(a, b)
        || la.abs_diff(lb) > 1
        || la >= LETTERS_MAX_LEN
        || (x.mask() ^ y.mask()).count_ones() > 1
    {
        return false;
    }
    let sorted = |s: &str| {
        let mut v: Vec<char> = s.chars().collect();
        v.sort_unstable();
        v
    };
    let (mut short, mut long) = (sorted(a), sorted(b));
    if short.len() > long.len() {
        std::mem::swap(&mut short, &mut long);
    }
    // Every character of the shorter is in the longer, and the longer has at most one
    // left over: walk both in order.
    let (mut i, mut extra) = (0, 0);
    for &c in &long {
        if short.get(i) == Some(&c) {
            i += 1;
        } else {
            extra += 1;
        }
    }
    i == short.len() && extra == long.len() - short.len() && extra <= 1
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

#[cfg(test)]
mod tests {
    use super::*;

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

    /// The letters' bound is never under the counted bound, so it rules out no pair the
    /// counting would let through: every pair of fake_1000's names (forenames and surnames
    /// mixed, as a swap compares them), and made-up names in any script.
    #[test]
    fn letters_never_undercut_the_count() {
        use super::super::normalise::norm_name;
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/data/fake_1000.csv"
        ))
        .unwrap();
        let mut names = std::collections::BTreeSet::new();
        for line in text.lines().skip(1) {
            let f: Vec<&str> = line.split(',').collect();
            names.insert(norm_name(f[1]));
            names.insert(norm_name(f[2]));
        }
        let names: Vec<_> = names.into_iter().collect();
        let mut ruled_out = 0;
        for a in &names {
            for b in &names {
                let (x, y) = (Letters::of(a), Letters::of(b));
                assert!(letters_bound(x, y) >= jw_bound(a, b), "{a} {b}");
                ruled_out += usize::from(letters_bound(x, y) < 0.88);
            }
        }
        // And it is worth having: most pairs of different names are told apart by it.
        assert!(ruled_out * 2 > names.len() * names.len(), "{ruled_out}");
    }

    fn jumbled_names(a: &str, b: &str) -> bool {
        jumbled(a, b, (Letters::of(a), Letters::of(b)))
    }

    /// fake_1000 scrambles names and drops a letter at once; typists drop one and swap two.
    #[test]
    fn the_same_letters_in_another_order_are_jumbled() {
        for (a, b) in [
            ("slie", "ellis"),
            ("psrson", "parsons"),
            ("mrshall", "marshall"),
            ("lconamd", "mcdonald"),
            ("hicmae", "michael"),
            ("naywl", "wayln"),
            ("żółwie", "wieżół"),
        ] {
            assert!(jumbled_names(a, b), "{a} / {b}");
            assert!(jumbled_names(b, a), "{b} / {a}");
        }
        for (a, b) in [
            // Another letter in place of one, or two more: another name.
            ("hall", "hill"),
            ("harris", "morris"),
            ("smith", "smithson"),
            ("ellis", "ellisss"),
            // Too short to tell: three letters are often one another's.
            ("amy", "may"),
            ("ali", "lia"),
            ("", ""),
        ] {
            assert!(!jumbled_names(a, b), "{a} / {b}");
        }
    }

    proptest::proptest! {
        /// What the letters rule out is never jumbled: the test by counting agrees.
        #[test]
        fn jumbled_is_a_count_of_characters(a in "[a-eéИ -]{0,7}", b in "[a-eéИ -]{0,7}") {
            let count = |s: &str| {
                let mut v: Vec<char> = s.chars().collect();
                v.sort_unstable();
                v
            };
            let (x, y) = (count(&a), count(&b));
            let (short, long) = if x.len() <= y.len() { (x, y) } else { (y, x) };
            // The plain way: remove each character of the shorter from the longer.
            let mut rest = long.clone();
            let all_in = short.iter().all(|c| match rest.iter().position(|d| d == c) {
                Some(k) => {
                    rest.remove(k);
                    true
                }
                None => false,
            });
            let expected = short.len() >= 4 && all_in && rest.len() <= 1;
            proptest::prop_assert_eq!(jumbled_names(&a, &b), expected);
        }

        #[test]
        fn letters_bound_any_names(a in "[a-z0-9éßæИ½ -]{0,12}", b in "[a-z0-9éßæИ½ -]{0,12}") {
            let (x, y) = (Letters::of(&a), Letters::of(&b));
            proptest::prop_assert!(letters_bound(x, y) >= jw_bound(&a, &b));
            proptest::prop_assert_eq!(unlike(&a, &b, Some((x, y))), jw_bound(&a, &b) < 0.88);
        }
    }
}
