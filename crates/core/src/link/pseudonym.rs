//! Keyed pseudonyms for `--pseudonymise`: each suspect's name, date of birth, postcode and
//! identifier replaced by an HMAC-SHA256 token, the same for the same key and value, so
//! that linked output can be shared without identities.
//!
//! It must never leak the value: the token is a keyed MAC of the normalised value, never a
//! plain hash (which anyone could recompute from a list of names), and an empty value
//! stays empty rather than becoming a token that says "blank".

use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::normalise::{norm_identifier, norm_name, norm_postcode};
use super::PersonalField;

/// How values are shown: as they are, or as keyed pseudonyms.
pub enum Mask {
    /// Values shown as recorded.
    Clear,
    /// Values replaced by HMAC-SHA256 tokens under this key (`N-…` for names, `D-…` for
    /// dates of birth and so on).
    Pseudonymise(Vec<u8>),
}

impl Mask {
    /// A value as output should show it: as it is, its token, or empty when the value is
    /// empty.
    pub(crate) fn show(&self, kind: PersonalField, value: &str) -> String {
        match self {
            Mask::Clear => value.to_string(),
            Mask::Pseudonymise(key) if !value.is_empty() => pseudonym(key, kind, value),
            Mask::Pseudonymise(_) => String::new(),
        }
    }
}

/// HMAC-SHA256 (RFC 2104) of `message` under `key`.
pub(crate) fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    let mut mac =
        <Hmac<Sha256> as Mac>::new_from_slice(key).expect("HMAC takes a key of any length");
    mac.update(message);
    mac.finalize().into_bytes().into()
}

/// A stable token for a value: the same key and value always give the same token, and
/// values are normalised first so that `SMITH` and `Smith` share one.
pub(crate) fn pseudonym(key: &[u8], kind: PersonalField, value: &str) -> String {
    let (prefix, norm) = match kind {
        PersonalField::Name => ("N", norm_name(value)),
        PersonalField::Dob => ("D", value.trim().to_string()),
        PersonalField::Postcode => ("P", norm_postcode(value)),
        PersonalField::Identifier => ("I", norm_identifier(value)),
        PersonalField::Place => ("L", norm_name(value)),
    };
    let mac = hmac_sha256(key, format!("{prefix}:{norm}").as_bytes());
    format!("{prefix}-{}", crate::base::text::hex(&mac[..6]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hmac_matches_rfc_4231() {
        // RFC 4231 test case 2.
        let mac = hmac_sha256(b"Jefe", b"what do ya want for nothing?");
        assert_eq!(
            crate::base::text::hex(&mac),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        // Test case 6: a key longer than the block.
        let mac = hmac_sha256(
            &[0xaa; 131],
            b"Test Using Larger Than Block-Size Key - Hash Key First",
        );
        assert_eq!(
            crate::base::text::hex(&mac),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        );
    }

    #[test]
    fn pseudonyms_are_keyed_and_normalised() {
        let a = pseudonym(b"key one", PersonalField::Name, "Smith");
        assert_eq!(a, pseudonym(b"key one", PersonalField::Name, " SMITH "));
        assert_ne!(a, pseudonym(b"key two", PersonalField::Name, "Smith"));
        assert_ne!(a, pseudonym(b"key one", PersonalField::Name, "Smyth"));
        assert!(a.starts_with("N-") && a.len() == 14 && !a.to_lowercase().contains("smith"));
    }

    #[test]
    fn blanks_stay_blank() {
        let mask = Mask::Pseudonymise(b"k".to_vec());
        assert_eq!(mask.show(PersonalField::Postcode, ""), "");
        assert_eq!(
            Mask::Clear.show(PersonalField::Postcode, "SW1A 1AA"),
            "SW1A 1AA"
        );
        assert!(mask
            .show(PersonalField::Postcode, "SW1A 1AA")
            .starts_with("P-"));
    }
}
