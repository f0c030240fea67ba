//! Blocking: which pairs of records are compared at all. Each record gets keys (its
//! identifier, and each end of it with its digits, surname or forename with date of
//! birth, the forename with a date of birth whose day and month could be swapped, how the
//! surname sounds, the name pair, the postcode district), records sharing a key form a
//! block, and every pair within a block is a candidate.
//!
//! It must never let one common key make the work quadratic: a block over its cap is
//! skipped (and counted), because a key that many records share is no evidence.

use super::normalise::{user_part, Norm};

/// American Soundex, for blocking on how a surname sounds.
pub(crate) fn soundex(name: &str) -> String {
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

/// FNV-1a, to hash blocking keys: they are short, and a collision only adds candidates.
#[derive(Default, Clone, Copy)]
pub(super) struct Fnv(u64);

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

/// A record's blocking keys as text, sorted, each once.
#[cfg(test)]
fn blocking_keys(n: &Norm) -> Vec<String> {
    let mut keys = Vec::new();
    each_key(n, &mut String::new(), |k| keys.push(k.to_string()));
    keys.sort();
    keys.dedup();
    keys
}

/// Calls `f` with each of a record's blocking keys, written in turn into `buf` (one
/// buffer for every key of every record: a quarter has half a million keys).
fn each_key(n: &Norm, buf: &mut String, mut f: impl FnMut(&str)) {
    use std::fmt::Write;
    let mut key = |args: std::fmt::Arguments<'_>| {
        buf.clear();
        // Writing to a String cannot fail.
        let _ = buf.write_fmt(args);
        f(buf);
    };
    let dob = n.dob.map(|d| d.iso());
    if !n.identifier.is_empty() {
        key(format_args!("id:{}", n.identifier));
        let user = user_part(&n.identifier);
        if user.len() >= 4 {
            key(format_args!("user:{user}"));
        }
        // An email or handle typed with a slip or two keeps its first five characters or
        // its last five, and its digits (`jonathn74@gloverc.om`, `jonathan74@glover.com`).
        // The digits are part of the key because a typing slip is "close" only where they
        // agree; without them every James at every domain would be a block.
        if let Some((pre, suf)) = ends(user, ID_END) {
            let digits: String = user.chars().filter(char::is_ascii_digit).collect();
            key(format_args!("idp:{pre}|{digits}"));
            key(format_args!("ids:{suf}|{digits}"));
        }
    }
    if let Some(d) = &dob {
        if !n.surname.is_empty() {
            key(format_args!("sd:{}|{d}", n.surname));
            key(format_args!("phon:{}|{d}", soundex(&n.surname)));
        }
        if !n.forename.is_empty() {
            key(format_args!("fd:{}|{d}", n.forename));
            key(format_args!("sd:{}|{d}", n.forename));
        }
        key(format_args!("dob:{d}"));
    }
    // Day and month swapped (1965-07-02 for 1965-02-07) changes every key above that holds
    // the date: the forename with the year and the day and month in either order finds
    // the slip even when the surname has a typo too (WAARD / WARD).
    if let (Some(d), false) = (n.dob, n.forename.is_empty()) {
        if d.day != d.month && d.day <= 12 && d.month <= 12 {
            let (lo, hi) = (d.day.min(d.month), d.day.max(d.month));
            key(format_args!("fdm:{}|{}|{lo}|{hi}", n.forename, d.year));
        }
    }
    if !n.forename.is_empty() && !n.surname.is_empty() {
        let (x, y) = if n.forename <= n.surname {
            (&n.forename, &n.surname)
        } else {
            (&n.surname, &n.forename)
        };
        key(format_args!("pair:{x}|{y}"));
    }
    if n.postcode.len() >= 2 && !n.surname.is_empty() {
        let district = if n.postcode.len() >= 5 {
            &n.postcode[..n.postcode.len() - 3]
        } else {
            &n.postcode
        };
        key(format_args!(
            "pc:{district}|{}",
            n.surname.chars().take(3).collect::<String>()
        ));
    }
}

/// How many characters of each end of an email's user part (or a handle) make a key.
const ID_END: usize = 5;

/// The first and last `n` characters of `text`, when it has at least `n + 2` (shorter,
/// the two ends overlap and say little more than the whole).
fn ends(text: &str, n: usize) -> Option<(&str, &str)> {
    debug_assert!(n > 0, "an end of no characters");
    let mut at = text.char_indices().map(|(i, _)| i);
    let pre_end = at.nth(n)?;
    at.next()?;
    let suf_start = text.char_indices().rev().nth(n - 1)?.0;
    Some((&text[..pre_end], &text[suf_start..]))
}

/// The cap on a block of records that share only an end of an email's user part.
const ID_END_BLOCK_CAP: usize = 25;

/// The cap on a block of records that share only a date of birth.
const DOB_BLOCK_CAP: usize = 25;
/// The cap on a block of records that share only a forename and surname (in any order).
const PAIR_BLOCK_CAP: usize = 25;

/// Candidate pairs (i < j), the number of blocks skipped for being over the cap, and the
/// records compared with none because every block they shared was over its cap (ascending):
/// without a word, 5,000 rows of one name and date of birth would read as no repeat suspect.
pub(super) fn candidate_pairs(norms: &[Norm], cap: usize) -> (Vec<(u32, u32)>, usize, Vec<u32>) {
    use std::hash::Hasher;
    // Each (key, record) as a 64-bit hash of the key beside the record: sorted, equal
    // hashes are the blocks. A collision of two keys only adds candidates, never loses one.
    let mut keyed: Vec<(u64, u32)> = Vec::new();
    let (mut buf, mut hashes) = (String::new(), Vec::new());
    for (i, n) in norms.iter().enumerate() {
        if !n.linkable() {
            continue;
        }
        hashes.clear();
        each_key(n, &mut buf, |k| {
            let mut h = Fnv::default();
            h.write(k.as_bytes());
            // The lowest two bits mark the broad keys, which have caps of their own: the
            // date of birth alone (it finds people whose names are garbled), the name
            // pair (it finds swaps) and an end of an email (it finds slips; without
            // digits, `james` is every James's). In a large set of records everyone born
            // on one day, or every John Smith, is too many to compare, and such a key is
            // no evidence.
            let kind = if k.starts_with("dob:") {
                1
            } else if k.starts_with("pair:") {
                2
            } else if k.starts_with("idp:") || k.starts_with("ids:") {
                3
            } else {
                0
            };
            hashes.push((h.finish() & !3) | kind);
        });
        // A key a record holds twice (its surname and forename the same) is one key: the
        // record is in its block once.
        hashes.sort_unstable();
        hashes.dedup();
        keyed.extend(hashes.iter().map(|&h| (h, i as u32)));
    }
    keyed.sort_unstable();
    // The blocks within their caps, each as its range of `keyed` (its records ascending),
    // listed under each of its records: every record's blocks together, by counting.
    let mut skipped = 0;
    let mut in_skipped = vec![false; norms.len()];
    let mut blocks: Vec<(u32, u32, u32)> = Vec::new();
    let mut start = 0;
    for block in keyed.chunk_by(|a, b| a.0 == b.0) {
        let end = start + block.len();
        let limit = match block[0].0 & 3 {
            1 => cap.min(DOB_BLOCK_CAP),
            2 => cap.min(PAIR_BLOCK_CAP),
            3 => cap.min(ID_END_BLOCK_CAP),
            _ => cap,
        };
        if block.len() > limit {
            skipped += 1;
            for &(_, i) in block {
                in_skipped[i as usize] = true;
            }
        } else if block.len() > 1 {
            blocks.extend(block.iter().map(|&(_, i)| (i, start as u32, end as u32)));
        }
        start = end;
    }
    // A record in a block within its cap is paired with its other members; one left
    // marked shared a key only in blocks over their caps, and is compared with none.
    for &(i, _, _) in &blocks {
        in_skipped[i as usize] = false;
    }
    let uncompared = (0..norms.len() as u32)
        .filter(|&i| in_skipped[i as usize])
        .collect();
    let (first, by_record) = by_record(blocks, norms.len());
    // Each record's partners after it, from all its blocks, sorted and each once: the
    // pairs come out in order with no sort of the whole (a quarter's records are found in
    // 2.6 million pairs, a million of them distinct).
    let mut pairs: Vec<(u32, u32)> = Vec::new();
    let mut partners: Vec<u32> = Vec::new();
    for i in 0..norms.len() {
        partners.clear();
        for &(from, to) in &by_record[first[i] as usize..first[i + 1] as usize] {
            let block = &keyed[from as usize..to as usize];
            let after = block.partition_point(|&(_, j)| j as usize <= i);
            partners.extend(block[after..].iter().map(|&(_, j)| j));
        }
        partners.sort_unstable();
        partners.dedup();
        pairs.extend(partners.iter().map(|&j| (i as u32, j)));
    }
    // The pairs are held through the rest of the linkage: no room to spare.
    pairs.shrink_to_fit();
    (pairs, skipped, uncompared)
}

/// The blocks (record, range of `keyed`) listed under each record, by counting: record
/// `i`'s ranges are `by_record[first[i]..first[i + 1]]`.
fn by_record(blocks: Vec<(u32, u32, u32)>, records: usize) -> (Vec<u32>, Vec<(u32, u32)>) {
    let mut first = vec![0u32; records + 1];
    for &(i, _, _) in &blocks {
        first[i as usize + 1] += 1;
    }
    for i in 0..records {
        first[i + 1] += first[i];
    }
    let mut next = first.clone();
    let mut by_record = vec![(0u32, 0u32); blocks.len()];
    for &(i, from, to) in &blocks {
        by_record[next[i as usize] as usize] = (from, to);
        next[i as usize] += 1;
    }
    (first, by_record)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn soundex_codes() {
        assert_eq!(soundex("smith"), "S530");
        assert_eq!(soundex("smyth"), "S530");
        assert_eq!(soundex("robert"), "R163");
        assert_eq!(soundex("ashcraft"), "A261");
    }

    #[test]
    fn a_block_over_its_cap_is_skipped() {
        let d = crate::base::calendar::Date::new(1980, 1, 1);
        // 30 records sharing only a date of birth: one block, over the cap of 25.
        let same_day: Vec<Norm> = (0..30)
            .map(|_| Norm {
                dob: d,
                ..Norm::default()
            })
            .collect();
        let (pairs, skipped, uncompared) = candidate_pairs(&same_day, 300);
        assert_eq!((pairs.len(), skipped), (0, 1));
        assert_eq!(uncompared, (0..30).collect::<Vec<u32>>());
        let few = &same_day[..3];
        assert_eq!(candidate_pairs(few, 300).0, vec![(0, 1), (0, 2), (1, 2)]);
    }

    /// The pairs come out as every pair sharing a block within its cap, sorted, each once
    /// (counted here the plain way: all of them, then a sort), on records from small pools
    /// of names, dates and postcodes, so that blocks overlap and some go over their caps.
    #[test]
    fn pairs_are_every_pair_of_a_block_sorted_and_once() {
        let names = ["smith", "smyth", "jones", "khan", "john", "ali", ""];
        let norms: Vec<Norm> = (0..3_000usize)
            .map(|i| Norm {
                surname: names[i % 7].into(),
                forename: names[(i / 7) % 7].into(),
                dob: crate::base::calendar::Date::new(
                    1980 + (i % 5) as i32,
                    1 + (i % 3) as u32,
                    1 + (i % 11) as u32,
                )
                // One in ten with no date of birth: with no postcode either, a name pair
                // is all such a record has to share.
                .filter(|_| i % 10 != 3),
                postcode: ["M129NB", "M12", "DN130QN", ""][i % 4].into(),
                ..Norm::default()
            })
            .collect();
        let (pairs, skipped, uncompared) = candidate_pairs(&norms, 300);
        let mut keyed: Vec<(String, u32)> = Vec::new();
        for (i, n) in norms.iter().enumerate() {
            if n.linkable() {
                keyed.extend(blocking_keys(n).into_iter().map(|k| (k, i as u32)));
            }
        }
        keyed.sort();
        let cap_of = |key: &str| match key {
            k if k.starts_with("dob:") => DOB_BLOCK_CAP,
            k if k.starts_with("pair:") => PAIR_BLOCK_CAP,
            k if k.starts_with("idp:") || k.starts_with("ids:") => ID_END_BLOCK_CAP,
            _ => 300,
        };
        let (mut plain, mut over) = (Vec::new(), 0);
        for block in keyed.chunk_by(|a, b| a.0 == b.0) {
            if block.len() > cap_of(&block[0].0) {
                over += 1;
                continue;
            }
            for (x, &(_, i)) in block.iter().enumerate() {
                plain.extend(block[x + 1..].iter().map(|&(_, j)| (i.min(j), i.max(j))));
            }
        }
        plain.sort_unstable();
        plain.dedup();
        assert!(over > 0 && plain.len() > 10_000, "{over} {}", plain.len());
        // Uncompared: in some block over its cap, and in no pair.
        let mut in_over = vec![false; norms.len()];
        for block in keyed.chunk_by(|a, b| a.0 == b.0) {
            if block.len() > cap_of(&block[0].0) {
                block.iter().for_each(|&(_, i)| in_over[i as usize] = true);
            }
        }
        for &(i, j) in &plain {
            in_over[i as usize] = false;
            in_over[j as usize] = false;
        }
        let alone: Vec<u32> = (0..norms.len() as u32)
            .filter(|&i| in_over[i as usize])
            .collect();
        // Some records of blocks over their caps are compared by another key, some not.
        assert!(
            !alone.is_empty() && alone.len() < norms.len() / 2,
            "{}",
            alone.len()
        );
        assert_eq!((pairs, skipped, uncompared), (plain, over, alone));
    }

    fn person(surname: &str, forename: &str, dob: (i32, u32, u32)) -> Norm {
        Norm {
            surname: surname.into(),
            forename: forename.into(),
            dob: crate::base::calendar::Date::new(dob.0, dob.1, dob.2),
            ..Norm::default()
        }
    }

    /// Issue 19: WAARD / WARD, Rebecca, 1965-07-02 / 1965-02-07: a surname typo and day
    /// and month swapped share no key that holds the date as written, nor the name pair;
    /// the forename with the year and the day and month in either order finds them.
    #[test]
    fn a_day_and_month_swap_with_a_surname_typo_is_a_candidate() {
        let waard = person("waard", "rebecca", (1965, 7, 2));
        let ward = person("ward", "rebecca", (1965, 2, 7));
        assert_eq!(candidate_pairs(&[waard.clone(), ward], 300).0, vec![(0, 1)]);
        // Not a swap (the 3rd of February): no candidate.
        let other = person("ward", "rebecca", (1965, 2, 3));
        assert!(candidate_pairs(&[waard.clone(), other], 300).0.is_empty());
        // Another forename: no candidate.
        let other = person("ward", "rachel", (1965, 2, 7));
        assert!(candidate_pairs(&[waard, other], 300).0.is_empty());
        // A day over 12 cannot be a month: no key.
        let late = person("ward", "rebecca", (1965, 2, 17));
        assert!(!blocking_keys(&late).iter().any(|k| k.starts_with("fdm:")));
    }

    fn with_id(id: &str) -> Norm {
        Norm {
            identifier: super::super::normalise::norm_identifier(id),
            ..Norm::default()
        }
    }

    /// Issue 19: fake_1000's emails carry typing slips (`jonathn74@gloverc.om` for
    /// `jonathan74@glover.com`, `summerschrisnina@fischer.tfo`); a record whose only tie to
    /// its person was such an email was never compared. Either end of the user part, with
    /// its digits, finds them; other digits (another account) do not.
    #[test]
    fn an_email_with_a_slip_is_a_candidate() {
        let pair = |a: &str, b: &str| candidate_pairs(&[with_id(a), with_id(b)], 300).0;
        assert_eq!(
            pair("jonathan74@glover.com", "jonathn74@gloverc.om"),
            vec![(0, 1)]
        );
        // The start differs (`jcnnifer`), the end agrees.
        assert_eq!(
            pair(
                "jennifermarshall@browning.com",
                "jcnnifermarshall@browning.eo"
            ),
            vec![(0, 1)]
        );
        // The same name with other digits: another account, no candidate.
        assert!(pair("jonathan74@glover.com", "jonathan75@glover.com").is_empty());
        // Both ends changed: no key in common.
        assert!(pair(
            "summerschristina@fischer.info",
            "xummerschristinx@fischer.info"
        )
        .is_empty());
        // Thirty emails of one start and no digits (every `james…`): a block over its cap
        // of 25, skipped; their ends all differ.
        let ends: Vec<String> = (0..30u8)
            .map(|k| {
                let (hi, lo) = (char::from(b'a' + k / 26), char::from(b'a' + k % 26));
                format!("jamesq{hi}{lo}zzz@example.com")
            })
            .collect();
        let many: Vec<Norm> = ends.iter().map(|e| with_id(e)).collect();
        assert_eq!(candidate_pairs(&many, 300), (vec![], 1, (0..30).collect()));
        assert_eq!(
            candidate_pairs(&many[..3], 300).0,
            vec![(0, 1), (0, 2), (1, 2)]
        );
        // Too short for its ends to say more than the whole.
        assert!(!blocking_keys(&with_id("zport1@a.com"))
            .iter()
            .any(|k| k.starts_with("idp:") || k.starts_with("ids:")));
    }

    #[test]
    fn the_ends_of_a_text_are_counted_in_characters() {
        assert_eq!(ends("zporter", 5), Some(("zport", "orter")));
        assert_eq!(ends("zporte", 5), None);
        assert_eq!(ends("", 5), None);
        assert_eq!(ends("żółwiaczek", 5), Some(("żółwi", "aczek")));
        assert_eq!(
            ends("😀😀😀😀😀😀😀", 5),
            Some(("😀😀😀😀😀", "😀😀😀😀😀"))
        );
    }
}
