//! Why two records were linked, in words: each comparison of values both records have
//! becomes a [`Reason`] holding its typed level, the two values and its match weight,
//! rendered in plain words as `same date of birth: 1975-03-02`, `surnames nearly the same:
//! SMITH / SMIHT` or `postcodes differ: M12 9NB / DN13 0QN` (the measures stay in the data,
//! for JSON). The agreements come first, then the disagreements: a reason says what
//! disagrees as well as what agrees.
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

/// Which comparison agreed or disagreed, and at what level.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Evidence {
    /// The names agree with forename and surname swapped.
    Swapped,
    /// The surnames agree at this level (as aligned, if swapped).
    Surname(NameLevel),
    /// The forenames agree at this level (as aligned, if swapped).
    Forename(ForenameLevel),
    /// The dates of birth agree at this level (or, `Different`, differ in day, month and
    /// year).
    Dob(DobLevel),
    /// The dates of birth differ, but not in all of day, month and year, and by no slip
    /// that counts as agreeing: no evidence either way (no level, no weight), said so that
    /// the reason does not hide it.
    DobNoSlip,
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
            Evidence::Dob(_) | Evidence::DobNoSlip => "date of birth",
            Evidence::Postcode(_) => "postcode",
            Evidence::Identifier(_) => "online identifier",
            Evidence::Place(_) => "place",
        }
    }

    /// The kind of the values compared.
    pub(crate) fn kind(self) -> PersonalField {
        match self {
            Evidence::Swapped | Evidence::Surname(_) | Evidence::Forename(_) => PersonalField::Name,
            Evidence::Dob(_) | Evidence::DobNoSlip => PersonalField::Dob,
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
            Evidence::DobNoSlip => "different, not a slip",
            Evidence::Postcode(l) => l.as_str(),
            Evidence::Identifier(l) => l.as_str(),
            Evidence::Place(l) => l.as_str(),
        }
    }

    /// Whether this is a disagreement: two values that differ.
    pub(crate) fn is_against(self) -> bool {
        matches!(
            self,
            Evidence::Surname(NameLevel::Different)
                | Evidence::Forename(ForenameLevel::Different)
                | Evidence::Dob(DobLevel::Different)
                | Evidence::DobNoSlip
                | Evidence::Postcode(PostcodeLevel::Different)
                | Evidence::Identifier(IdentifierLevel::Different)
                | Evidence::Place(PlaceLevel::Different)
        )
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

/// One piece of evidence for or against a link: a comparison, its level, and the two values.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Reason {
    /// Which comparison agreed, and how closely, or disagreed.
    pub level: Evidence,
    /// The first record's value as shown: as recorded, trimmed and upper case (dates ISO,
    /// postcode sector or district, identifier normalised); empty for a swap.
    pub a: String,
    /// The second record's value, shown as for `a` (when names were swapped, its forename
    /// set against the first's surname, and vice versa).
    pub b: String,
    /// Jaro-Winkler similarity (0 to 1) for names alike but not the same and close
    /// identifiers; `None` otherwise (different names included).
    pub similarity: Option<f64>,
    /// The comparison's match weight in bits, log2(m/u), rounded to two decimals (0 until
    /// the link is scored, and for dates of birth that differ by no slip); below 0 for most
    /// disagreements.
    pub weight: f64,
}

impl Reason {
    /// The reason in plain words (`surnames nearly the same: SMITH / SMIHT`, `postcodes
    /// differ: M12 9NB / DN13 0QN`), each value
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
            E::Dob(_) | E::DobNoSlip => "dates of birth",
            E::Identifier(_) => "online identifiers",
            E::Place(_) => "places",
            E::Postcode(_) | E::Swapped => "postcodes",
        };
        match self.level {
            E::Swapped => "forename and surname swapped".to_string(),
            level if level.is_against() => format!("{plural} differ: {a} / {b}"),
            level if level.is_exact() => format!("same {field}: {a}"),
            E::Surname(NameLevel::Close)
            | E::Forename(ForenameLevel::Close)
            | E::Identifier(IdentifierLevel::Close)
            | E::Place(PlaceLevel::Close) => format!("{plural} nearly the same: {a} / {b}"),
            E::Surname(NameLevel::Similar) | E::Forename(ForenameLevel::Similar) => {
                format!("{plural} alike: {a} / {b}")
            }
            E::Surname(NameLevel::Jumbled) => {
                format!("surnames of the same letters jumbled: {a} / {b}")
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
            Evidence::Dob(_) | Evidence::DobNoSlip => 3,
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

/// The reasons from the names: a swap, then surname and forename (as aligned), agreeing or
/// not.
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
    if let Some(l) = c.levels.surname {
        out.push(Reason {
            level: Evidence::Surname(l),
            a: shown(&pa.surname),
            b: shown(b_surname),
            similarity: (!matches!(l, NameLevel::Exact | NameLevel::Different))
                .then_some(c.surname_sim),
            weight: 0.0,
        });
    }
    if let Some(l) = c.levels.forename {
        out.push(Reason {
            level: Evidence::Forename(l),
            a: shown(&pa.forename),
            b: shown(b_forename),
            similarity: (!matches!(l, ForenameLevel::Exact | ForenameLevel::Different))
                .then_some(c.forename_sim),
            weight: 0.0,
        });
    }
}

/// Why two records were linked, comparison by comparison: every field both records have,
/// the agreements first, then the disagreements (each group in the order of the fields).
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
    match c.levels.dob {
        Some(l) => push(Evidence::Dob(l), iso(a.dob), iso(b.dob), None),
        None if a.dob.is_some() && b.dob.is_some() && a.dob != b.dob => {
            push(Evidence::DobNoSlip, iso(a.dob), iso(b.dob), None)
        }
        None => {}
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
        Some(l @ PostcodeLevel::Different) => push(
            Evidence::Postcode(l),
            shown(&pa.postcode),
            shown(&pb.postcode),
            None,
        ),
        None => {}
    }
    if let Some(l) = c.levels.identifier {
        push(
            Evidence::Identifier(l),
            a.identifier.clone(),
            b.identifier.clone(),
            (l == IdentifierLevel::Close).then_some(c.identifier_sim),
        );
    }
    if let Some(l) = c.levels.place {
        push(Evidence::Place(l), shown(&pa.place), shown(&pb.place), None);
    }
    // Stable: each group keeps the order of the fields.
    out.sort_by_key(|r| r.level.is_against());
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

    /// A name typed with its letters out of place says so, in plain words.
    #[test]
    fn jumbled_names_keep_their_words() {
        use Evidence as E;
        assert_eq!(
            said(
                E::Surname(NameLevel::Jumbled),
                "PSRSON",
                "PARSONS",
                Some(0.804)
            ),
            "surnames of the same letters jumbled: PSRSON / PARSONS"
        );
        assert!(!E::Surname(NameLevel::Jumbled).is_against());
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

    /// A disagreement says so, with both values: `{plural} differ: A / B`.
    #[test]
    fn disagreements_say_what_differs() {
        use Evidence as E;
        let cases = [
            (
                said(E::Surname(NameLevel::Different), "ANDREEW", "HALL", None),
                "surnames differ: ANDREEW / HALL",
            ),
            (
                said(E::Forename(ForenameLevel::Different), "BEGUM", "HALL", None),
                "forenames differ: BEGUM / HALL",
            ),
            (
                said(
                    E::Postcode(PostcodeLevel::Different),
                    "M12 9NB",
                    "DN13 0QN",
                    None,
                ),
                "postcodes differ: M12 9NB / DN13 0QN",
            ),
            (
                said(
                    E::Dob(DobLevel::Different),
                    "1975-03-02",
                    "1980-09-30",
                    None,
                ),
                "dates of birth differ: 1975-03-02 / 1980-09-30",
            ),
            (
                said(E::DobNoSlip, "1975-03-02", "1975-03-28", None),
                "dates of birth differ: 1975-03-02 / 1975-03-28",
            ),
            (
                said(
                    E::Identifier(IdentifierLevel::Different),
                    "a@b",
                    "c@d",
                    None,
                ),
                "online identifiers differ: a@b / c@d",
            ),
            (
                said(E::Place(PlaceLevel::Different), "LEEDS", "YORK", None),
                "places differ: LEEDS / YORK",
            ),
        ];
        for (got, want) in cases {
            assert_eq!(got, want);
        }
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

    fn reasons_for(a: (&str, &str, &str, &str), b: (&str, &str, &str, &str)) -> Vec<Reason> {
        use crate::base::calendar::{parse_text_date, TextDate};
        let person = |(surname, forename, dob, postcode): (&str, &str, &str, &str)| Person {
            surname: Some(surname.into()),
            forename: Some(forename.into()),
            dob: match parse_text_date(dob) {
                TextDate::Date(d) => Some(d),
                _ => None,
            },
            postcode: (!postcode.is_empty()).then(|| postcode.into()),
            ..Person::default()
        };
        let (pa, pb) = (person(a), person(b));
        let (na, nb) = (Norm::of(&pa), Norm::of(&pb));
        let nick = super::super::nicknames::Nicknames::load();
        let c = super::super::compare::compare(&na, &nb, &nick);
        explain(&c, &na, &nb, (&pa, &pb))
    }

    fn words(reasons: &[Reason]) -> Vec<String> {
        reasons
            .iter()
            .map(|r| r.render(&|_, v| v.to_string()))
            .collect()
    }

    /// Issue 19: the half-match seen linked as "surnames nearly the same: ANDREEW /
    /// ANDREW" is compared in order, and its reasons say everything that differs.
    #[test]
    fn a_half_match_says_what_differs() {
        let r = reasons_for(
            ("Andreew", "Begum", "1978-12-24", "M12 9NB"),
            ("Hall", "Andrew", "1978-12-24", "DN13 0QN"),
        );
        assert_eq!(
            words(&r),
            [
                "same date of birth: 1978-12-24",
                "surnames differ: ANDREEW / HALL",
                "forenames differ: BEGUM / ANDREW",
                "postcodes differ: M12 9NB / DN13 0QN",
            ]
        );
        // Pseudonymised, no value shows in clear, the disagreements included.
        let masked: Vec<String> = r
            .iter()
            .map(|r| r.render(&|k, v| format!("<{k:?} {}>", v.len())))
            .collect();
        for clear in ["ANDREEW", "HALL", "BEGUM", "ANDREW", "M12", "DN13", "1978"] {
            assert!(masked.iter().all(|m| !m.contains(clear)), "{masked:?}");
        }
        assert_eq!(masked[3], "postcodes differ: <Postcode 7> / <Postcode 8>");
    }

    /// A true swap still says so; a date of birth that differs by no slip is said too.
    #[test]
    fn a_true_swap_says_swapped() {
        let r = reasons_for(
            ("Begum", "Andrew", "1978-12-24", ""),
            ("Andrew", "Begum", "1978-12-24", ""),
        );
        assert_eq!(
            words(&r),
            [
                "forename and surname swapped",
                "same surname: BEGUM",
                "same forename: ANDREW",
                "same date of birth: 1978-12-24",
            ]
        );
        let r = reasons_for(
            ("Begum", "Andrew", "1978-12-24", "M12 9NB"),
            ("Begum", "Andrew", "1978-12-03", ""),
        );
        assert_eq!(
            words(&r),
            [
                "same surname: BEGUM",
                "same forename: ANDREW",
                "dates of birth differ: 1978-12-24 / 1978-12-03",
            ],
            "a postcode only one record has is not compared"
        );
        assert_eq!(r[2].level, Evidence::DobNoSlip);
    }

    /// Issue 19: WAARD / WARD, Rebecca, born 1965-07-02 / 1965-02-07, a surname typo and
    /// day and month swapped at once (blocking now finds the pair): the reasons say both.
    #[test]
    fn a_swapped_date_with_a_surname_typo_says_both() {
        let r = reasons_for(
            ("Waard", "Rebecca", "1965-07-02", ""),
            ("Ward", "Rebecca", "1965-02-07", "DN4 9GZ"),
        );
        assert_eq!(
            words(&r),
            [
                "surnames nearly the same: WAARD / WARD",
                "same forename: REBECCA",
                "dates of birth with day and month swapped: 1965-07-02 / 1965-02-07",
            ]
        );
        assert_eq!(r[2].level, Evidence::Dob(DobLevel::DayMonthSwapped));
    }
}
