//! Values as linkage compares them: names lower case with accents folded and punctuation
//! gone, postcodes upper case without spaces, emails and handles lower case without
//! `+tags`; and a record with all of them ([`Norm`]).
//!
//! Normalising only ever removes differences of writing, never of substance: it must never
//! guess (a name in another script is kept as written, not transliterated), because every
//! difference it removes is one the linkage can no longer see.

use crate::base::calendar::Date;

use super::Person;

/// A name for comparison: lower case, accents folded, only letters and digits (so
/// hyphens, apostrophes, dots and spaces all go: `Lloyd-Jones` = `LLOYD JONES`).
pub(crate) fn norm_name(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        match fold_latin(c) {
            Some(folded) => out.extend(
                folded
                    .chars()
                    .filter(|c| c.is_alphanumeric())
                    .flat_map(char::to_lowercase),
            ),
            None if c.is_alphanumeric() => out.push(c),
            None => {}
        }
    }
    out
}

/// A Latin letter with an accent (or a ligature, or a letter such as `ß` or `ł`) written
/// in plain letters, by `deunicode`; `None` for plain letters and for other scripts.
fn fold_latin(c: char) -> Option<&'static str> {
    let latin = matches!(c, '\u{c0}'..='\u{24f}' | '\u{1e00}'..='\u{1eff}');
    if c.is_ascii() || !latin || !c.is_alphabetic() {
        return None;
    }
    deunicode::deunicode_char(c)
}

/// The first forename, normalised.
pub(crate) fn norm_forename(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c == '-')
        .map(norm_name)
        .find(|w| !w.is_empty())
        .unwrap_or_default()
}

/// A postcode, upper case without spaces.
pub(crate) fn norm_postcode(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_uppercase()
}

/// An email or handle: lower case, no white space, a `+tag` dropped from an email's user
/// part, and a handle's leading `@` dropped.
pub(crate) fn norm_identifier(text: &str) -> String {
    let t: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase();
    if let Some(handle) = t.strip_prefix('@') {
        return handle.to_string();
    }
    match t.split_once('@') {
        Some((user, domain)) => {
            let user = user.split('+').next().unwrap_or(user);
            format!("{user}@{domain}")
        }
        None => t,
    }
}

/// The user part of an identifier: before the `@` of an email, or the handle.
pub(super) fn user_part(id: &str) -> &str {
    id.split('@').next().unwrap_or(id)
}

/// A record ready for comparison.
#[derive(Clone, Debug, Default)]
pub(super) struct Norm {
    pub forename: String,
    pub surname: String,
    pub dob: Option<Date>,
    pub postcode: String,
    pub identifier: String,
    pub place: String,
}

impl Norm {
    pub(crate) fn of(p: &Person) -> Norm {
        Norm {
            forename: p.forename.as_deref().map(norm_forename).unwrap_or_default(),
            surname: p.surname.as_deref().map(norm_name).unwrap_or_default(),
            dob: p.dob,
            postcode: p.postcode.as_deref().map(norm_postcode).unwrap_or_default(),
            identifier: p
                .identifier
                .as_deref()
                .map(norm_identifier)
                .unwrap_or_default(),
            place: p.place.as_deref().map(norm_name).unwrap_or_default(),
        }
    }

    /// Whether there is anything to link on: a name, a date of birth or an identifier.
    pub(crate) fn linkable(&self) -> bool {
        !self.forename.is_empty()
            || !self.surname.is_empty()
            || self.dob.is_some()
            || !self.identifier.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalisation() {
        assert_eq!(norm_name(" Lloyd-Jones "), "lloydjones");
        assert_eq!(norm_name("O'NEILL"), "oneill");
        assert_eq!(norm_name("Chloé"), "chloe");
        assert_eq!(norm_name("MÜLLER"), "muller");
        assert_eq!(norm_forename("Jordan Lee"), "jordan");
        assert_eq!(norm_postcode("sw1a 1aa"), "SW1A1AA");
        assert_eq!(
            norm_identifier(" Bob.Smith+mp@Mail.Example "),
            "bob.smith@mail.example"
        );
        assert_eq!(norm_identifier("@Bob_Smith"), "bob_smith");
    }

    #[test]
    fn accents_the_old_table_lacked_are_folded() {
        // Welsh ŵ and ŷ, and the ligatures æ and œ, which the hand-written table left as
        // they were, so that `Gwŷn` and `Gwyn` never agreed.
        assert_eq!(norm_name("Gwŷn"), "gwyn");
        assert_eq!(norm_name("ŴYNNE"), "wynne");
        assert_eq!(norm_name("Ælfric"), "aelfric");
        assert_eq!(norm_name("Cœur"), "coeur");
        assert_eq!(norm_name("Strauß"), "strauss");
        assert_eq!(norm_name("Łukasz Dvořák"), "lukaszdvorak");
    }

    #[test]
    fn other_scripts_and_symbols_are_kept_as_written() {
        assert_eq!(norm_name("Иван"), "иван", "not transliterated: a guess");
        assert_eq!(norm_name("Smith × 2"), "smith2", "× is not a letter x");
        assert_eq!(norm_name("Jones½"), "jones½");
    }
}
