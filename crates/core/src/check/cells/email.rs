//! The contact email: one `@`, something before it, a dotted domain after, no spaces.
//!
//! A plausibility check on what was typed; it never looks the address up.

use crate::base::text::quote;
use crate::definition::codes::Code;
use crate::read::Stored;

use super::{problem, read_text, Problem};

/// An email address: one `@`, something before it, a dotted domain after, no spaces.
pub fn read_email(value: &Stored) -> Result<String, Problem> {
    let raw = read_text(value);
    let ok = match raw.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !raw.contains(' ')
        }
        None => false,
    };
    if ok {
        Ok(raw)
    } else {
        Err(problem(
            Code::NotAnEmail,
            format!(
                "{} is not an email address: give one like name@force.police.uk",
                quote(&raw)
            ),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert!(read_email(&Stored::Text("a.b@kent.police.uk".into())).is_ok());
        for bad in ["not-an-email", "a@b", "a b@c.uk", "@c.uk"] {
            assert_eq!(
                read_email(&Stored::Text(bad.into())).unwrap_err().code,
                Code::NotAnEmail
            );
        }
    }
}
