//! What comparing a record needs each time, worked out once per record where records are
//! compared by the million (u's random pairs, the candidates): a number for each text
//! (the same number exactly when the text is the same, 0 for a blank), each name's
//! [`Letters`] and nickname set, the postcode's outward code and sector, the date of
//! birth.
//!
//! It exists because a quarter's random pairs are scattered through memory: comparing
//! them by their text read two records and their strings from all over the heap, most of
//! the comparison's cost. With the keys, most pairs of strangers are told apart from two
//! small keys alone. It changes no level, only how soon one is known (a test in
//! `compare` holds every field to the plain comparison of the text).

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use crate::base::calendar::Date;

use super::block::Fnv;
use super::nicknames::{NickSet, Nicknames};
use super::normalise::Norm;
use super::similarity::Letters;

/// A name's keys: its number, its letters and its nickname set.
#[derive(Clone, Copy, Debug)]
pub(super) struct NameKey {
    /// The name's number among surnames and forenames together (they are compared
    /// swapped); 0 for a blank.
    pub id: u32,
    pub letters: Letters,
    pub nick: NickSet,
}

impl NameKey {
    pub(super) fn is_blank(self) -> bool {
        self.id == 0
    }
}

/// A postcode's keys: numbers for the whole, the outward code and the sector digit.
#[derive(Clone, Copy, Debug)]
pub(super) struct PostcodeKey {
    /// 0 for a blank.
    pub whole: u32,
    /// The outward code (all of a postcode shorter than five characters).
    pub outward: u32,
    /// The sector digit; 0 when the postcode is shorter than five characters.
    pub sector: u32,
    /// Whether the postcode is a whole one, five characters or more.
    pub full: bool,
}

/// A record's keys (see the module's header).
#[derive(Clone, Copy, Debug)]
pub(super) struct Keys {
    pub surname: NameKey,
    pub forename: NameKey,
    pub dob: Option<Date>,
    pub postcode: PostcodeKey,
    /// 0 for a blank.
    pub identifier: u32,
    /// 0 for a blank.
    pub place: u32,
}

/// A postcode's outward code and sector digit, borrowed; a normalised postcode is ASCII.
pub(super) fn split_postcode(p: &str) -> (&str, &str) {
    if p.len() >= 5 {
        let (o, i) = p.split_at(p.len() - 3);
        (o, &i[..1])
    } else {
        (p, "")
    }
}

/// Numbers for texts: the first text given is 1, and the same text always gets the same
/// number; a blank is 0.
#[derive(Default)]
struct Numbers<'a>(HashMap<&'a str, u32, BuildHasherDefault<Fnv>>);

impl<'a> Numbers<'a> {
    fn of(&mut self, text: &'a str) -> u32 {
        if text.is_empty() {
            return 0;
        }
        let next = self.0.len() as u32 + 1;
        *self.0.entry(text).or_insert(next)
    }
}

impl Keys {
    /// The keys of every record, numbered together (a number means the same text only
    /// among keys made by one call).
    pub(super) fn all<'a>(
        norms: impl IntoIterator<Item = &'a Norm>,
        nick: &Nicknames,
    ) -> Vec<Keys> {
        let (mut names, mut postcodes, mut outwards, mut sectors) =
            <(Numbers, Numbers, Numbers, Numbers)>::default();
        let (mut identifiers, mut places) = <(Numbers, Numbers)>::default();
        norms
            .into_iter()
            .map(|n| {
                let mut name = |x: &'a str| NameKey {
                    id: names.of(x),
                    letters: Letters::of(x),
                    nick: nick.set_of(x),
                };
                let (outward, sector) = split_postcode(&n.postcode);
                Keys {
                    surname: name(&n.surname),
                    forename: name(&n.forename),
                    dob: n.dob,
                    postcode: PostcodeKey {
                        whole: postcodes.of(&n.postcode),
                        outward: outwards.of(outward),
                        sector: sectors.of(sector),
                        full: n.postcode.len() >= 5,
                    },
                    identifier: identifiers.of(&n.identifier),
                    place: places.of(&n.place),
                }
            })
            .collect()
    }
}
