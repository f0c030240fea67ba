//! Names as people write them: the committed nickname table (`data/nicknames.csv`), and
//! the map from each name to the full names it may stand for, which the forename
//! comparison asks.
//!
//! Kept apart from the comparisons so that the generator can make the same variations that
//! the linkage has to undo. It must never hold a rule of its own: every nickname it knows
//! is a line of the table.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use super::block::Fnv;

/// The nickname table, compiled in: (full name, its nicknames), lower case.
pub(crate) const NICKNAMES_CSV: &str = include_str!("../../../../data/nicknames.csv");

/// Parses the nickname table.
pub(crate) fn nicknames() -> Vec<(String, Vec<String>)> {
    NICKNAMES_CSV
        .lines()
        .skip(1)
        .filter_map(|line| {
            let (name, nicks) = line.split_once(',')?;
            Some((
                name.trim().to_lowercase(),
                nicks
                    .split(';')
                    .map(|n| n.trim().to_lowercase())
                    .filter(|n| !n.is_empty())
                    .collect(),
            ))
        })
        .collect()
}

/// Nicknames: each name (full or short) mapped to the set of full names it may stand for.
/// Asked for every pair compared (a million random pairs and as many candidates on a
/// national quarter), so the names are hashed with FNV, not std's slower SipHash (no
/// attacker chooses these keys: they are the committed table's), and a comparison that
/// asks again and again looks a name's set up once ([`Nicknames::set_of`]) and compares
/// sets by number ([`Nicknames::related_sets`]).
pub(crate) struct Nicknames {
    /// Each name's set, an index into `sets`.
    names: HashMap<String, u32, BuildHasherDefault<Fnv>>,
    /// Each set: the full names (numbered) a name may stand for.
    sets: Vec<Vec<u32>>,
}

/// A name's set of full names in [`Nicknames`], or none.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct NickSet(u32);

impl NickSet {
    /// A name the table does not hold.
    pub(crate) const NONE: NickSet = NickSet(u32::MAX);
}

impl Nicknames {
    /// Builds the map from the compiled-in table (`data/nicknames.csv`); it reads no file
    /// at run time.
    pub(crate) fn load() -> Nicknames {
        let mut names: HashMap<String, u32, BuildHasherDefault<Fnv>> = HashMap::default();
        let mut fulls: HashMap<String, u32, BuildHasherDefault<Fnv>> = HashMap::default();
        let mut sets: Vec<Vec<u32>> = Vec::new();
        for (full, nicks) in nicknames() {
            let next = fulls.len() as u32;
            let id = *fulls.entry(full.clone()).or_insert(next);
            for name in std::iter::once(full).chain(nicks) {
                let set = *names.entry(name).or_insert_with(|| {
                    sets.push(Vec::new());
                    sets.len() as u32 - 1
                });
                sets[set as usize].push(id);
            }
        }
        Nicknames { names, sets }
    }

    /// The set of full names `name` may stand for.
    pub(crate) fn set_of(&self, name: &str) -> NickSet {
        self.names.get(name).map_or(NickSet::NONE, |&s| NickSet(s))
    }

    /// Whether two names' sets share a full name.
    pub(crate) fn related_sets(&self, a: NickSet, b: NickSet) -> bool {
        if a == NickSet::NONE || b == NickSet::NONE {
            return false;
        }
        let (x, y) = (&self.sets[a.0 as usize], &self.sets[b.0 as usize]);
        x.iter().any(|f| y.contains(f))
    }

    /// Whether two different names can be the same person's (Bob and Robert).
    #[cfg(test)]
    pub(crate) fn related(&self, a: &str, b: &str) -> bool {
        self.related_sets(self.set_of(a), self.set_of(b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_related_through_a_full_name() {
        let nick = Nicknames::load();
        assert!(nick.related("bob", "robert"));
        assert!(nick.related("bill", "liam"), "both short for William");
        assert!(!nick.related("bob", "william"));
        assert!(
            !nick.related("zzyzx", "zzyzx"),
            "an unknown name relates to nothing"
        );
        assert_eq!(nick.set_of("zzyzx"), NickSet::NONE);
        assert!(!nick.related_sets(NickSet::NONE, NickSet::NONE));
        assert!(nick.related_sets(nick.set_of("bill"), nick.set_of("william")));
        assert!(
            nick.related_sets(nick.set_of("robert"), nick.set_of("robert")),
            "a full name stands for itself"
        );
    }
}
