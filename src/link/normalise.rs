//! Values as linkage compares them: names lower case with accents folded and punctuation
//! gone, postcodes upper case without spaces, emails and handles lower case without
//! `+tags`; and a record with all of them ([`Norm`]).
//!
//! Normalising only ever removes differences of writing, never of substance: every
//! difference it removes is one the linkage can no longer see.

use crate::base::dates::Date;

use super::Person;

/// A name for comparison: lower case, accents folded, only letters and digits (so
/// hyphens, apostrophes, dots and spaces all go: `Lloyd-Jones` = `LLOYD JONES`).
pub fn norm_name(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(fold_accent)
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// Folds accents on Latin letters to their base letter.
fn fold_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ą' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'ď' | 'đ' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ī' => 'i',
        'ł' | 'ľ' => 'l',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
        'ř' => 'r',
        'ś' | 'š' | 'ş' => 's',
        'ť' | 'ţ' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
        'ý' | 'ÿ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        'ß' => 's',
        other => other,
    }
}

/// The first forename, normalised.
pub fn norm_forename(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c == '-')
        .map(norm_name)
        .find(|w| !w.is_empty())
        .unwrap_or_default()
}

/// A postcode, upper case without spaces.
pub fn norm_postcode(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_uppercase()
}

/// An email or handle: lower case, no white space, a `+tag` dropped from an email's user
/// part, and a handle's leading `@` dropped.
pub fn norm_identifier(text: &str) -> String {
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
    pub fn of(p: &Person) -> Norm {
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
    pub fn linkable(&self) -> bool {
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
}
