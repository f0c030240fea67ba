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

/// Nicknames: each name (full or short) mapped to the full names it may stand for. Asked
/// four times for every pair compared (a million random pairs and as many candidates on a
/// national quarter), so the names are hashed with FNV, not std's slower SipHash (no
/// attacker chooses these keys: they are the committed table's).
pub(crate) struct Nicknames(HashMap<String, Vec<String>, BuildHasherDefault<Fnv>>);

impl Nicknames {
    /// Builds the map from the compiled-in table (`data/nicknames.csv`); it reads no file
    /// at run time.
    pub(crate) fn load() -> Nicknames {
        let mut map: HashMap<String, Vec<String>, BuildHasherDefault<Fnv>> = HashMap::default();
        for (full, nicks) in nicknames() {
            map.entry(full.clone()).or_default().push(full.clone());
            for n in nicks {
                map.entry(n).or_default().push(full.clone());
            }
        }
        Nicknames(map)
    }

    /// Whether two different names can be the same person's (Bob and Robert).
    pub(crate) fn related(&self, a: &str, b: &str) -> bool {
        match (self.0.get(a), self.0.get(b)) {
            (Some(x), Some(y)) => x.iter().any(|f| y.contains(f)),
            _ => false,
        }
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
    }
}
