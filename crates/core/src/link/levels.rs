//! The levels each comparison can reach, as types: one enum per comparison, strongest
//! agreement first and "no agreement" last, each level with its words and its row in the
//! m and u tables; and [`Levels`], one compared pair's level for every comparison.
//!
//! The order of a comparison's levels is the order of its rows in `estimate.rs`'s initial
//! m and prior u, so a level must never be inserted or moved without them.

/// A comparison level: one of a fixed, ordered set, with a row in the m and u tables.
pub(crate) trait Level: Copy + 'static {
    /// Every level, strongest agreement first; the last is "no agreement".
    const ALL: &'static [Self];
    /// The level in words, as reasons show it.
    fn as_str(self) -> &'static str;
    /// The level's row in the m and u tables.
    fn index(self) -> usize;
}

/// Declares a level enum, its words and its table rows (in the order written).
macro_rules! levels {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident => $words:literal,)+ }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        // Public: the levels show in a link's public evidence (all but the name order).
        #[allow(unreachable_pub)]
        pub enum $name {
            $($(#[$vdoc])* $variant,)+
        }

        impl Level for $name {
            const ALL: &'static [Self] = &[$($name::$variant,)+];
            fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $words,)+
                }
            }
            fn index(self) -> usize {
                self as usize
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

levels! {
    /// How two surnames agree.
    NameLevel {
        /// The same surname once normalised.
        Exact => "exact",
        /// Jaro-Winkler similarity of at least 0.92.
        Close => "Jaro-Winkler >= 0.92",
        /// Jaro-Winkler similarity of at least 0.88.
        Similar => "Jaro-Winkler >= 0.88",
        /// The same letters in another order, or with one letter more (`PSRSON` /
        /// `PARSONS`): a name typed scrambled, below 0.88.
        Jumbled => "same letters jumbled",
        /// Jaro-Winkler similarity below 0.88, not jumbled: evidence against.
        Different => "different",
    }
}

levels! {
    /// How two forenames agree.
    ForenameLevel {
        /// The same first forename once normalised.
        Exact => "exact",
        /// One is a nickname of the other, or both of one full name (Bob and Robert).
        Nickname => "nickname",
        /// Jaro-Winkler similarity of at least 0.92.
        Close => "Jaro-Winkler >= 0.92",
        /// Jaro-Winkler similarity of at least 0.88.
        Similar => "Jaro-Winkler >= 0.88",
        /// Neither a nickname nor Jaro-Winkler similarity of 0.88: evidence against. No
        /// "jumbled" level as surnames have: twins share a surname, a date of birth and an
        /// address, and their forenames (Liam and Mila, Noel and Leon) are what tells them
        /// apart.
        Different => "different",
    }
}

levels! {
    /// Whether the names were compared as written or with forename and surname swapped.
    Order {
        /// Forename compared with forename, surname with surname.
        InOrder => "in order",
        /// One record's forename compared with the other's surname, and surname with
        /// forename (it agreed better that way, and no name differs so: a half-match is
        /// compared in order).
        Swapped => "forename and surname swapped",
    }
}

levels! {
    /// How two dates of birth agree.
    DobLevel {
        /// The same date.
        Exact => "exact",
        /// The same year, with day and month transposed (1975-03-02 and 1975-02-03).
        DayMonthSwapped => "day and month swapped",
        /// One digit of `YYYY-MM-DD` different.
        OneEdit => "one edit",
        /// The same day and month, the year one out (1979-03-02 and 1980-03-02): a slip
        /// that can change two digits.
        YearOff => "year one out",
        /// Day, month and year all different, and none of the slips above: evidence
        /// against, and no group may hold both unless an email or handle agrees between
        /// them (cannot-link; names and an address are not enough). Dates that differ otherwise
        /// (only the day, or day and month) are no level at all: not a slip, so no
        /// agreement, and not evidence against.
        Different => "different",
    }
}

levels! {
    /// How two postcodes agree: whole, to the sector (`SW1A 1`), or to the district.
    PostcodeLevel {
        /// The same full postcode.
        Exact => "exact",
        /// The same sector (`SW1A 1`) but not the same full postcode.
        Sector => "sector",
        /// The same district (`SW1A`) only; also two partial postcodes that agree.
        District => "district",
        /// Different districts.
        Different => "different",
    }
}

levels! {
    /// How two emails or handles agree.
    IdentifierLevel {
        /// The same email or handle once normalised (lower case, `+tag` dropped).
        Exact => "exact",
        /// The same user part at another domain.
        SameUser => "same user part",
        /// A typing slip (the digits agree).
        Close => "close",
        /// Neither the same user part nor a typing slip.
        Different => "different",
    }
}

levels! {
    /// How two towns agree.
    PlaceLevel {
        /// The same town, once normalised.
        Exact => "exact",
        /// Jaro-Winkler similarity of at least 0.88.
        Close => "close",
        /// Jaro-Winkler similarity below 0.88.
        Different => "different",
    }
}

/// The comparisons, in the order of the m and u tables' rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum Field {
    Surname,
    Forename,
    Order,
    Dob,
    Postcode,
    Identifier,
    Place,
}

pub(super) const FIELDS: [Field; 7] = [
    Field::Surname,
    Field::Forename,
    Field::Order,
    Field::Dob,
    Field::Postcode,
    Field::Identifier,
    Field::Place,
];

impl Field {
    /// How many levels the comparison has (its row count in the m and u tables).
    pub(crate) fn levels(self) -> usize {
        match self {
            Field::Surname => NameLevel::ALL.len(),
            Field::Forename => ForenameLevel::ALL.len(),
            Field::Order => Order::ALL.len(),
            Field::Dob => DobLevel::ALL.len(),
            Field::Postcode => PostcodeLevel::ALL.len(),
            Field::Identifier => IdentifierLevel::ALL.len(),
            Field::Place => PlaceLevel::ALL.len(),
        }
    }
}

/// One compared pair: a level per comparison, or `None` where there was nothing to
/// compare (a blank on either side).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub(super) struct Levels {
    pub surname: Option<NameLevel>,
    pub forename: Option<ForenameLevel>,
    pub order: Option<Order>,
    pub dob: Option<DobLevel>,
    pub postcode: Option<PostcodeLevel>,
    pub identifier: Option<IdentifierLevel>,
    pub place: Option<PlaceLevel>,
}

impl Levels {
    /// Each comparison's row in the m and u tables, in the order of [`FIELDS`].
    pub(crate) fn rows(&self) -> [Option<usize>; 7] {
        [
            self.surname.map(Level::index),
            self.forename.map(Level::index),
            self.order.map(Level::index),
            self.dob.map(Level::index),
            self.postcode.map(Level::index),
            self.identifier.map(Level::index),
            self.place.map(Level::index),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn indices_follow_the_order_written<L: Level>() {
        for (i, l) in L::ALL.iter().enumerate() {
            assert_eq!(l.index(), i, "{}", l.as_str());
        }
    }

    #[test]
    fn every_level_has_its_row() {
        indices_follow_the_order_written::<NameLevel>();
        indices_follow_the_order_written::<ForenameLevel>();
        indices_follow_the_order_written::<Order>();
        indices_follow_the_order_written::<DobLevel>();
        indices_follow_the_order_written::<PostcodeLevel>();
        indices_follow_the_order_written::<IdentifierLevel>();
        indices_follow_the_order_written::<PlaceLevel>();
        let counts: Vec<usize> = FIELDS.iter().map(|f| f.levels()).collect();
        assert_eq!(counts, [5, 5, 2, 5, 4, 4, 3]);
    }

    #[test]
    fn levels_keep_their_words() {
        assert_eq!(NameLevel::Close.to_string(), "Jaro-Winkler >= 0.92");
        assert_eq!(ForenameLevel::Similar.as_str(), "Jaro-Winkler >= 0.88");
        assert_eq!(DobLevel::DayMonthSwapped.as_str(), "day and month swapped");
        assert_eq!(IdentifierLevel::SameUser.as_str(), "same user part");
        assert_eq!(Order::Swapped.as_str(), "forename and surname swapped");
    }

    #[test]
    fn rows_are_in_field_order() {
        let l = Levels {
            surname: Some(NameLevel::Different),
            order: Some(Order::Swapped),
            dob: Some(DobLevel::YearOff),
            place: Some(PlaceLevel::Close),
            ..Levels::default()
        };
        assert_eq!(
            l.rows(),
            [Some(4), None, Some(1), Some(3), None, None, Some(1)]
        );
    }
}
