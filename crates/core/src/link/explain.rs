//! Why two records were linked, in words: each comparison that agreed (at any level but
//! "different") becomes a [`Reason`] holding its typed level, the two values and its match
//! weight, rendered in plain words as `same date of birth: 1975-03-02` or `surnames nearly
//! the same: SMITH / SMIHT` (the measures stay in the data, for JSON).
//!
//! A reason must never show a value except through the caller's `show`, so that
//! pseudonymised output holds no names; and the rendered words are an output format
//! (text, JSON and the national workbook), not to be changed in passing.

use serde::{Serialize, Serializer};

use crate::base::calendar::Date;

use super::compare::Comparison;
use super::levels::{
    DobLevel, ForenameLevel, IdentifierLevel, Level, NameLevel, PlaceLevel, PostcodeLevel,
};
use super::normalise::Norm;
use super::Person;

/// Which personal field a value a reason shows comes from, so that it can be pseudonymised.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PersonalField {
    /// A surname or forename (also marks a swap, which shows no value).
    Name,
    /// A date of birth, shown as `YYYY-MM-DD`.
    Dob,
    /// A postcode, or its sector or district.
    Postcode,
    /// An email or social media handle.
    Identifier,
    /// A town or city (benchmark records only: not an Annex C column).
    Place,
}

/// Which comparison agreed, and at what level.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Evidence {
    /// The names agree with forename and surname swapped.
    Swapped,
    /// The surnames agree at this level (as aligned, if swapped).
    Surname(NameLevel),
    /// The forenames agree at this level (as aligned, if swapped).
    Forename(ForenameLevel),
    /// The dates of birth agree at this level.
    Dob(DobLevel),
    /// The postcodes agree at this level.
    Postcode(PostcodeLevel),
    /// The emails or handles agree at this level.
    Identifier(IdentifierLevel),
    /// The towns agree at this level (benchmark records only).
    Place(PlaceLevel),
}

impl Evidence {
    /// The comparison in words: `surname`, `forename`, `names`, `date of birth`,
    /// `postcode`, `online identifier`, `place`.
    pub(crate) fn field(self) -> &'static str {
        match self {
            Evidence::Swapped => "names",
            Evidence::Surname(_) => "surname",
            Evidence::Forename(_) => "forename",
            Evidence::Dob(_) => "date of birth",
            Evidence::Postcode(_) => "postcode",
            Evidence::Identifier(_) => "online identifier",
            Evidence::Place(_) => "place",
        }
    }

    /// The kind of the values compared.
    pub(crate) fn kind(self) -> PersonalField {
        match self {
            Evidence::Swapped | Evidence::Surname(_) | Evidence::Forename(_) => PersonalField::Name,
            Evidence::Dob(_) => PersonalField::Dob,
            Evidence::Postcode(_) => PersonalField::Postcode,
            Evidence::Identifier(_) => PersonalField::Identifier,
            Evidence::Place(_) => PersonalField::Place,
        }
    }

    /// The level in words.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Evidence::Swapped => "swapped",
            Evidence::Surname(l) => l.as_str(),
            Evidence::Forename(l) => l.as_str(),
            Evidence::Dob(l) => l.as_str(),
            Evidence::Postcode(l) => l.as_str(),
            Evidence::Identifier(l) => l.as_str(),
            Evidence::Place(l) => l.as_str(),
        }
    }

    fn is_exact(self) -> bool {
        matches!(
            self,
            Evidence::Surname(NameLevel::Exact)
                | Evidence::Forename(ForenameLevel::Exact)
                | Evidence::Dob(DobLevel::Exact)
                | Evidence::Postcode(PostcodeLevel::Exact)
                | Evidence::Identifier(IdentifierLevel::Exact)
                | Evidence::Place(PlaceLevel::Exact)
        )
    }
}

impl std::fmt::Display for Evidence {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Evidence {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// One piece of evidence for a link: a comparison, its level, and the two values.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Reason {
    /// Which comparison agreed, and how closely.
    pub level: Evidence,
    /// The first record's value as shown: as recorded, trimmed and upper case (dates ISO,
    /// postcode sector or district, identifier normalised); empty for a swap.
    pub a: String,
    /// The second record's value, shown as for `a` (when names were swapped, its forename
    /// set against the first's surname, and vice versa).
    pub b: String,
    /// Jaro-Winkler similarity (0 to 1) for inexact names and close identifiers; `None`
    /// otherwise.
    pub similarity: Option<f64>,
    /// The comparison's match weight in bits, log2(m/u), rounded to two decimals (0 until
    /// the link is scored).
    pub weight: f64,
}

impl Reason {
    /// The reason in plain words (`surnames nearly the same: SMITH / SMIHT`), each value
    /// shown through `show` (identity, or a pseudonym). The measures (similarity, weight)
    /// are kept in the data, not in the words.
    pub fn render(&self, show: &dyn Fn(PersonalField, &str) -> String) -> String {
        use Evidence as E;
        let kind = self.level.kind();
        let (a, b) = (show(kind, &self.a), show(kind, &self.b));
        let field = self.level.field();
        let plural = match self.level {
            E::Surname(_) => "surnames",
            E::Forename(_) => "forenames",
            E::Dob(_) => "dates of birth",
            E::Identifier(_) => "online identifiers",
            E::Place(_) => "places",
            E::Postcode(_) | E::Swapped => "postcodes",
        };
        match self.level {
            E::Swapped => "forename and surname swapped".to_string(),
            level if level.is_exact() => format!("same {field}: {a}"),
            E::Surname(NameLevel::Close)
            | E::Forename(ForenameLevel::Close)
            | E::Identifier(IdentifierLevel::Close)
            | E::Place(PlaceLevel::Close) => format!("{plural} nearly the same: {a} / {b}"),
            E::Surname(NameLevel::Similar) | E::Forename(ForenameLevel::Similar) => {
                format!("{plural} alike: {a} / {b}")
            }
            E::Forename(ForenameLevel::Nickname) => {
                format!("forenames one a short form of the other: {a} / {b}")
            }
            E::Identifier(IdentifierLevel::SameUser) => {
                format!("same user name in {plural}: {a} / {b}")
            }
            E::Postcode(PostcodeLevel::Sector) => format!("same postcode sector: {a}"),
            E::Postcode(PostcodeLevel::District) => format!("same postcode district: {a}"),
            E::Dob(DobLevel::DayMonthSwapped) => {
                format!("{plural} with day and month swapped: {a} / {b}")
            }
            E::Dob(DobLevel::OneEdit) => format!("{plural} one character apart: {a} / {b}"),
            E::Dob(DobLevel::YearOff) => {
                format!("{plural} the same but the year one out: {a} / {b}")
            }
            level => format!("{field} {level}: {a} / {b}"),
        }
    }

    /// The comparison's row in the order of the m and u tables (`levels::FIELDS`).
    pub(super) fn field_index(&self) -> usize {
        match self.level {
            Evidence::Surname(_) => 0,
            Evidence::Forename(_) => 1,
            Evidence::Swapped => 2,
            Evidence::Dob(_) => 3,
            Evidence::Postcode(_) => 4,
            Evidence::Identifier(_) => 5,
            Evidence::Place(_) => 6,
        }
    }
}

/// A link's match probability in words, for people who do not read probabilities.
pub fn likelihood(probability: f64) -> &'static str {
    if probability >= 0.999 {
        "almost certainly the same person"
    } else if probability >= 0.99 {
        "very likely the same person"
    } else if probability >= 0.9 {
        "likely the same person"
    } else {
        "possibly the same person"
    }
}

/// A postcode's district (`SW1A`), from its normalised form.
fn district(p: &str) -> String {
    if p.len() >= 5 {
        p[..p.len() - 3].to_string()
    } else {
        p.to_string()
    }
}

/// A postcode's sector (`SW1A 1`), from its normalised form.
fn sector(p: &str) -> String {
    if p.len() >= 5 {
        format!("{} {}", &p[..p.len() - 3], &p[p.len() - 3..p.len() - 2])
    } else {
        p.to_string()
    }
}

/// A value as recorded, for a reason: trimmed, upper case.
fn shown(s: &Option<String>) -> String {
    s.as_deref().unwrap_or("").trim().to_uppercase()
}

/// The reasons from the names: a swap, then surname and forename (as aligned).
fn name_reasons(c: &Comparison, pa: &Person, pb: &Person, out: &mut Vec<Reason>) {
    let (b_surname, b_forename) = if c.swapped {
        (&pb.forename, &pb.surname)
    } else {
        (&pb.surname, &pb.forename)
    };
    if c.swapped {
        out.push(Reason {
            level: Evidence::Swapped,
            a: String::new(),
            b: String::new(),
            similarity: None,
            weight: 0.0,
        });
    }
    if let Some(l) = c.levels.surname.filter(|l| *l != NameLevel::Different) {
        out.push(Reason {
            level: Evidence::Surname(l),
            a: shown(&pa.surname),
            b: shown(b_surname),
            similarity: (l != NameLevel::Exact).then_some(c.surname_sim),
            weight: 0.0,
        });
    }
    if let Some(l) = c.levels.forename.filter(|l| *l != ForenameLevel::Different) {
        out.push(Reason {
            level: Evidence::Forename(l),
            a: shown(&pa.forename),
            b: shown(b_forename),
            similarity: (l != ForenameLevel::Exact).then_some(c.forename_sim),
            weight: 0.0,
        });
    }
}

/// Why two records were linked, comparison by comparison.
pub(super) fn explain(
    c: &Comparison,
    a: &Norm,
    b: &Norm,
    people: (&Person, &Person),
) -> Vec<Reason> {
    let (pa, pb) = people;
    let mut out = Vec::new();
    name_reasons(c, pa, pb, &mut out);
    let mut push = |level, a: String, b: String, similarity| {
        out.push(Reason {
            level,
            a,
            b,
            similarity,
            weight: 0.0,
        })
    };
    let iso = |d: Option<Date>| d.map(|d| d.iso()).unwrap_or_default();
    if let Some(l) = c.levels.dob.filter(|l| *l != DobLevel::Different) {
        push(Evidence::Dob(l), iso(a.dob), iso(b.dob), None);
    }
    match c.levels.postcode {
        Some(l @ PostcodeLevel::Exact) => push(
            Evidence::Postcode(l),
            shown(&pa.postcode),
            shown(&pb.postcode),
            None,
        ),
        Some(l @ PostcodeLevel::Sector) => push(
            Evidence::Postcode(l),
            sector(&a.postcode),
            sector(&b.postcode),
            None,
        ),
        Some(l @ PostcodeLevel::District) => push(
            Evidence::Postcode(l),
            district(&a.postcode),
            district(&b.postcode),
            None,
        ),
        Some(PostcodeLevel::Different) | None => {}
    }
    if let Some(l) = c
        .levels
        .identifier
        .filter(|l| *l != IdentifierLevel::Different)
    {
        push(
            Evidence::Identifier(l),
            a.identifier.clone(),
            b.identifier.clone(),
            (l == IdentifierLevel::Close).then_some(c.identifier_sim),
        );
    }
    if let Some(l) = c.levels.place.filter(|l| *l != PlaceLevel::Different) {
        push(Evidence::Place(l), shown(&pa.place), shown(&pb.place), None);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(level: Evidence, a: &str, b: &str, similarity: Option<f64>) -> String {
        let r = Reason {
            level,
            a: a.into(),
            b: b.into(),
            similarity,
            weight: 0.0,
        };
        r.render(&|_, v| v.to_string())
    }

    /// The words are an output format: plain words, no measures (those are in JSON).
    #[test]
    fn reasons_keep_their_words() {
        use Evidence as E;
        let cases = [
            (
                said(E::Swapped, "", "", None),
                "forename and surname swapped",
            ),
            (
                said(E::Surname(NameLevel::Exact), "SMITH", "SMITH", None),
                "same surname: SMITH",
            ),
            (
                said(E::Surname(NameLevel::Close), "SMITH", "SMIHT", Some(0.934)),
                "surnames nearly the same: SMITH / SMIHT",
            ),
            (
                said(
                    E::Forename(ForenameLevel::Similar),
                    "JON",
                    "JOAN",
                    Some(0.885),
                ),
                "forenames alike: JON / JOAN",
            ),
            (
                said(
                    E::Forename(ForenameLevel::Nickname),
                    "BOB",
                    "ROBERT",
                    Some(0.5),
                ),
                "forenames one a short form of the other: BOB / ROBERT",
            ),
            (
                said(
                    E::Dob(DobLevel::DayMonthSwapped),
                    "1975-03-02",
                    "1975-02-03",
                    None,
                ),
                "dates of birth with day and month swapped: 1975-03-02 / 1975-02-03",
            ),
            (
                said(E::Dob(DobLevel::YearOff), "1979-03-02", "1980-03-02", None),
                "dates of birth the same but the year one out: 1979-03-02 / 1980-03-02",
            ),
            (
                said(
                    E::Postcode(PostcodeLevel::Exact),
                    "SW1A 1AA",
                    "SW1A1AA",
                    None,
                ),
                "same postcode: SW1A 1AA",
            ),
            (
                said(E::Postcode(PostcodeLevel::Sector), "SW1A 1", "SW1A 1", None),
                "same postcode sector: SW1A 1",
            ),
            (
                said(
                    E::Identifier(IdentifierLevel::SameUser),
                    "bo@a",
                    "bo@b",
                    Some(1.0),
                ),
                "same user name in online identifiers: bo@a / bo@b",
            ),
            (
                said(
                    E::Identifier(IdentifierLevel::Close),
                    "bob1@a",
                    "bbo1@a",
                    Some(0.9),
                ),
                "online identifiers nearly the same: bob1@a / bbo1@a",
            ),
            (
                said(E::Place(PlaceLevel::Close), "LEEDS", "LEADS", None),
                "places nearly the same: LEEDS / LEADS",
            ),
        ];
        for (got, want) in cases {
            assert_eq!(got, want);
            assert!(!got.contains("Jaro") && !got.contains('~'), "{got}");
        }
        assert_eq!(likelihood(0.9995), "almost certainly the same person");
        assert_eq!(likelihood(0.95), "likely the same person");
    }

    #[test]
    fn values_pass_through_show() {
        let r = Reason {
            level: Evidence::Dob(DobLevel::OneEdit),
            a: "1975-03-02".into(),
            b: "1975-03-12".into(),
            similarity: None,
            weight: 0.0,
        };
        let masked = r.render(&|k, v| format!("<{k:?} {}>", v.len()));
        assert_eq!(
            masked,
            "dates of birth one character apart: <Dob 10> / <Dob 10>"
        );
    }
}
