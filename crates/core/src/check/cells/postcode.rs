//! UK postcodes, full (`SW1A 1AA`) or the outward part only (`SW1A`), stored upper case
//! with one space before the inward part, whatever spacing and case they were typed in.
//!
//! It checks the shape of a postcode, never whether it exists.

use crate::base::text::quote;
use crate::definition::codes::Code;
use crate::read::Stored;

use super::{problem, read_text, Problem};

/// A UK postcode, full (`SW1A 1AA`) or outward part only (`SW1A`), stored upper case
/// with one space before the inward part.
pub fn read_postcode(value: &Stored) -> Result<String, Problem> {
    let raw = read_text(value);
    let compact: String = raw
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase();
    if is_outward(&compact) {
        return Ok(compact);
    }
    // Only ASCII can be a postcode; checking first also keeps the split below on a
    // character boundary (`SW1é AA` once split inside the `é` and panicked).
    if compact.len() >= 5 && compact.is_ascii() {
        let (outward, inward) = compact.split_at(compact.len() - 3);
        if is_outward(outward) && is_inward(inward) {
            return Ok(format!("{outward} {inward}"));
        }
    }
    if compact == "GIR0AA" {
        return Ok("GIR 0AA".to_string());
    }
    Err(problem(
        Code::NotAPostcode,
        format!(
            "{} is not a UK postcode: give it in full (SW1A 1AA) or its first part only (SW1A)",
            quote(&raw)
        ),
    ))
}

/// Outward codes: A9, A99, AA9, AA99, A9A, AA9A.
fn is_outward(s: &str) -> bool {
    let b = s.as_bytes();
    let alpha = |i: usize| b.get(i).is_some_and(u8::is_ascii_uppercase);
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    match b.len() {
        2 => alpha(0) && digit(1),
        3 => {
            alpha(0) && ((digit(1) && digit(2)) || (alpha(1) && digit(2)) || (digit(1) && alpha(2)))
        }
        4 => alpha(0) && alpha(1) && digit(2) && (digit(3) || alpha(3)),
        _ => false,
    }
}

fn is_inward(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 3 && b[0].is_ascii_digit() && b[1].is_ascii_uppercase() && b[2].is_ascii_uppercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postcodes() {
        for (input, want) in [
            ("sw1a1aa", "SW1A 1AA"),
            ("SW1A  1AA", "SW1A 1AA"),
            ("m1 1ae", "M1 1AE"),
            ("SW1A", "SW1A"),
            ("b33 8th", "B33 8TH"),
            ("CR2 6XH", "CR2 6XH"),
        ] {
            assert_eq!(
                read_postcode(&Stored::Text(input.into())).unwrap(),
                want,
                "{input}"
            );
        }
        for bad in [
            "NOT A POSTCODE",
            "12345",
            "SW1A 1A",
            "S",
            "SW1é AA",
            "SW1A 1Aé",
            "ééé",
        ] {
            assert_eq!(
                read_postcode(&Stored::Text(bad.into())).unwrap_err().code,
                Code::NotAPostcode,
                "{bad}"
            );
        }
    }
}
