//! From linked pairs to groups of records taken for one person: union-find over the pairs
//! that scored above the threshold, strongest first, keeping each link that joined two
//! groups with its reasons.
//!
//! It must never join two groups that hold dates of birth differing in day, month and year
//! (no slip of the keyboard does that) on names alone, nor on names and an address: a chain
//! of plausible links must not make one person of two (cannot-link). Only an email or handle
//! that agrees between the two groups, which one person has and a namesake does not, may
//! carry such a link (the date then counts against it as a weight only). Two dates that one
//! group already holds together were joined so, and are no new conflict for the other.

use std::cell::OnceCell;
use std::collections::HashMap;

use serde::Serialize;

use crate::base::calendar::Date;

use super::compare::{dob_level, identifier_level};
use super::explain::Reason;
use super::levels::{DobLevel, IdentifierLevel};
use super::normalise::Norm;

/// A link between two records, with its score and reasons.
#[derive(Clone, Debug, Serialize)]
pub struct Edge {
    /// Index of the first record, into the records given to `link` (always below `b`).
    pub a: usize,
    /// Index of the second record, into the records given to `link`.
    pub b: usize,
    /// Match weight in bits (the sum of log2(m/u)), rounded to two decimals.
    pub weight: f64,
    /// Match probability (0 to 1), at or above the linkage threshold.
    pub probability: f64,
    /// Each comparison that agreed, in words once rendered.
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
    pub(crate) fn score(&self) -> f64 {
        self.edges.iter().map(|e| e.probability).fold(0.0, f64::max)
    }
}

/// A candidate pair whose match probability reached the threshold.
#[derive(Clone, Copy, Debug)]
pub(super) struct Accepted {
    pub a: usize,
    pub b: usize,
    pub weight: f64,
    pub probability: f64,
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

/// Whether two dates of birth differ in day, month and year: no slip of the keyboard
/// makes that, so they are two people's, however near (eleven months apart is not "within
/// a year" of one person).
fn never_one_person(a: Option<Date>, b: Option<Date>) -> bool {
    dob_level(a, b) == Some(DobLevel::Different)
}

/// Whether two records share an email or handle: the same one, the same user part at
/// another domain, or a typing slip of it. An identifier is one person's, so it can carry a
/// link across dates of birth that no slip explains; a postcode cannot (a father and son
/// of one name share an address, and their dates of birth are what tells them apart).
fn same_identifier(a: &Norm, b: &Norm) -> bool {
    matches!(
        identifier_level(&a.identifier, &b.identifier).0,
        Some(IdentifierLevel::Exact | IdentifierLevel::SameUser | IdentifierLevel::Close)
    )
}

/// Whether two groups cannot be one person: they hold dates of birth that differ in day,
/// month and year, and no email or handle agrees between them (names alone, or names and
/// an address, cannot overcome such a date). A date the other group already holds is no
/// conflict: that group took both dates as one person's on an email or handle (fake_1000:
/// a record with the group's own date of birth was refused for the group's one other date,
/// recall 0.934 -> 0.948 at precision 1.000).
fn cannot_link(gi: &[usize], gj: &[usize], norms: &[Norm]) -> bool {
    let any = |f: &dyn Fn(&Norm, &Norm) -> bool| {
        gi.iter()
            .any(|&x| gj.iter().any(|&y| f(&norms[x], &norms[y])))
    };
    // Each group's dates, sorted and each once, made only when a pair conflicts: a merge
    // costs a look-up per pair of records, as before.
    let dates = |g: &[usize]| {
        let mut d: Vec<Date> = g.iter().filter_map(|&z| norms[z].dob).collect();
        d.sort_unstable();
        d.dedup();
        d
    };
    let (di, dj) = (OnceCell::new(), OnceCell::new());
    let holds = |d: &OnceCell<Vec<Date>>, g: &[usize], dob: Option<Date>| {
        dob.is_some_and(|x| d.get_or_init(|| dates(g)).binary_search(&x).is_ok())
    };
    any(&|a, b| never_one_person(a.dob, b.dob) && !holds(&di, gi, b.dob) && !holds(&dj, gj, a.dob))
        && !any(&same_identifier)
}

/// Groups the records linked by `accepted` (strongest first), each joining link explained
/// by `reasons`; and the number of merges refused by cannot-link.
pub(super) fn cluster(
    norms: &[Norm],
    accepted: &[Accepted],
    reasons: impl Fn(usize, usize) -> Vec<Reason>,
) -> (Vec<Group>, usize) {
    let mut uf = UnionFind((0..norms.len()).collect());
    let mut members: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut edges: Vec<Edge> = Vec::new();
    let mut refused = 0;
    for &Accepted {
        a,
        b,
        weight,
        probability,
    } in accepted
    {
        let (ra, rb) = (uf.find(a), uf.find(b));
        if ra == rb {
            continue;
        }
        let group = |r: usize| members.get(&r).cloned().unwrap_or_else(|| vec![r]);
        let (ga, gb) = (group(ra), group(rb));
        if cannot_link(&ga, &gb, norms) {
            refused += 1;
            continue;
        }
        if uf.union(a, b) {
            let root = uf.find(a);
            let mut all = ga;
            all.extend(gb);
            members.remove(&ra);
            members.remove(&rb);
            members.insert(root, all);
            edges.push(Edge {
                a,
                b,
                weight: (weight * 100.0).round() / 100.0,
                probability,
                reasons: reasons(a, b),
            });
        }
    }
    (groups(&mut uf, edges), refused)
}

/// The groups of more than one record, each with the links that joined it, in order of
/// their first record. Only the roots of such groups get an entry: a national year is
/// hundreds of thousands of records, nearly all of them alone.
fn groups(uf: &mut UnionFind, edges: Vec<Edge>) -> Vec<Group> {
    let roots: Vec<usize> = (0..uf.0.len()).map(|i| uf.find(i)).collect();
    let mut size = vec![0u32; roots.len()];
    for &r in &roots {
        size[r] += 1;
    }
    let mut slot: HashMap<usize, usize> = HashMap::new();
    let mut groups: Vec<Group> = Vec::new();
    for (i, &r) in roots.iter().enumerate() {
        if size[r] < 2 {
            continue;
        }
        // Records are visited in order, so a group's slot is taken at its first record and
        // the groups are in order of their first record.
        let k = *slot.entry(r).or_insert_with(|| {
            groups.push(Group {
                members: Vec::with_capacity(size[r] as usize),
                edges: Vec::new(),
            });
            groups.len() - 1
        });
        groups[k].members.push(i);
    }
    for e in edges {
        if let Some(&k) = slot.get(&roots[e.a]) {
            groups[k].edges.push(e);
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    fn born(y: i32) -> Norm {
        // Day, month and year all differ between an even year's date and an odd year's.
        let (m, d) = if y % 2 == 0 { (5, 17) } else { (9, 2) };
        Norm {
            dob: crate::base::calendar::Date::new(y, m, d),
            ..Norm::default()
        }
    }

    fn pair(a: usize, b: usize) -> Accepted {
        Accepted {
            a,
            b,
            weight: 20.0,
            probability: 0.999,
        }
    }

    /// Groups come in order of their first record, each with its own links, and a record
    /// linked to nothing is in no group.
    #[test]
    fn groups_in_order_of_their_first_record_with_their_links() {
        let norms: Vec<Norm> = (0..6).map(|_| born(1980)).collect();
        let (groups, refused) = cluster(&norms, &[pair(2, 5), pair(1, 2), pair(0, 4)], |_, _| {
            Vec::new()
        });
        assert_eq!(refused, 0);
        let members: Vec<&[usize]> = groups.iter().map(|g| g.members.as_slice()).collect();
        assert_eq!(members, [&[0, 4][..], &[1, 2, 5][..]]);
        let edges: Vec<Vec<(usize, usize)>> = groups
            .iter()
            .map(|g| g.edges.iter().map(|e| (e.a, e.b)).collect())
            .collect();
        assert_eq!(edges, [vec![(0, 4)], vec![(2, 5), (1, 2)]]);
    }

    #[test]
    fn a_chain_never_joins_two_dates_of_birth() {
        // 0 and 2 are born 25 years apart; 1 has no date and links to both.
        let norms = vec![born(1960), Norm::default(), born(1985), born(1960)];
        assert!(never_one_person(norms[0].dob, norms[2].dob));
        let date = crate::base::calendar::Date::new;
        // Eleven months apart, day, month and year different: two people.
        assert!(never_one_person(date(1980, 5, 17), date(1981, 2, 9)));
        // The year one out, or only the day different: not a cannot-link.
        assert!(!never_one_person(date(1980, 5, 17), date(1981, 5, 17)));
        assert!(!never_one_person(date(1980, 5, 17), date(1980, 5, 28)));
        let (groups, refused) = cluster(&norms, &[pair(0, 1), pair(1, 2), pair(0, 3)], |_, _| {
            Vec::new()
        });
        assert_eq!(refused, 1);
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].members, vec![0, 1, 3]);
        assert_eq!(groups[0].edges.len(), 2, "one link per join");
    }

    #[test]
    fn only_an_identifier_carries_a_link_across_dates_of_birth() {
        let with = |y: i32, postcode: &str, identifier: &str| Norm {
            postcode: postcode.into(),
            identifier: identifier.into(),
            ..born(y)
        };
        let join = |norms: &[Norm]| cluster(norms, &[pair(0, 1)], |_, _| Vec::new());
        // The same address is no help: a father and son of one name live there.
        let (groups, refused) = join(&[with(1960, "CF101AA", ""), with(1985, "CF101AA", "")]);
        assert_eq!((groups.len(), refused), (0, 1));
        // Another person's email is no help either.
        let (groups, refused) = join(&[
            with(1960, "", "gareth@example.org"),
            with(1985, "", "ffion.p@example.net"),
        ]);
        assert_eq!((groups.len(), refused), (0, 1));
        // The same email, its user part at another domain, or a slip of it carries the link.
        for other in [
            "gareth@example.org",
            "gareth@example.net",
            "garteh@example.org",
        ] {
            let (groups, refused) =
                join(&[with(1960, "", "gareth@example.org"), with(1985, "", other)]);
            assert_eq!((groups.len(), refused), (1, 0), "{other}");
        }
        // In a group, any member's identifier counts: 2 has no email but is 0's date.
        let norms = [
            with(1960, "", "gareth@example.org"),
            with(1985, "", "gareth@example.org"),
            with(1960, "", ""),
        ];
        let (groups, refused) = cluster(&norms, &[pair(0, 2), pair(1, 2)], |_, _| Vec::new());
        assert_eq!((groups.len(), refused), (1, 0));
        assert_eq!(groups[0].members, vec![0, 1, 2]);
    }

    /// A group that an email made of two dates of birth takes a record of either date: the
    /// conflict was settled when the group was made. A date neither group holds is still
    /// one.
    #[test]
    fn a_date_the_group_already_holds_is_no_conflict() {
        let with = |y: i32, identifier: &str| Norm {
            identifier: identifier.into(),
            ..born(y)
        };
        let join = |norms: &[Norm]| {
            cluster(norms, &[pair(0, 1), pair(2, 3), pair(0, 2)], |_, _| {
                Vec::new()
            })
        };
        // 0 and 1 share an email; 2 (no email) is 0's date, 3 links to 2 with no date.
        let norms = [
            with(1960, "gareth@example.org"),
            with(1985, "gareth@example.org"),
            with(1960, ""),
            Norm::default(),
        ];
        let (groups, refused) = join(&norms);
        assert_eq!(refused, 0);
        assert_eq!(groups[0].members, vec![0, 1, 2, 3]);
        // The same, the group of two dates second: 2 and 3 share an email, 0 (no email)
        // is 2's date, 1 links to 0 with no date.
        let norms = [
            with(1960, ""),
            Norm::default(),
            with(1960, "gareth@example.org"),
            with(1985, "gareth@example.org"),
        ];
        let (groups, refused) = join(&norms);
        assert_eq!(refused, 0);
        assert_eq!(groups[0].members, vec![0, 1, 2, 3]);
        // Two groups, each of 1960 and another date: they share 1960, but 1985 and
        // 1971-11-23 (day, month and year apart) were never taken for one person.
        let mut other = with(1960, "ffion.p@example.net");
        other.dob = crate::base::calendar::Date::new(1971, 11, 23);
        let norms = [
            with(1960, "gareth@example.org"),
            with(1985, "gareth@example.org"),
            with(1960, "ffion.p@example.net"),
            other,
        ];
        assert!(never_one_person(norms[1].dob, norms[3].dob));
        assert!(never_one_person(norms[2].dob, norms[3].dob));
        let (groups, refused) = join(&norms);
        assert_eq!(refused, 1, "1985 and 1971-11-23");
        assert_eq!(groups.len(), 2);
    }
}
