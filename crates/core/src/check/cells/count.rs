//! Counts (MPs in the force area, MPs contacted): a whole number of zero or more, typed as
//! a number or as text.
//!
//! It reads one count; comparing two counts is a rule (`at_most` in the definition).

use crate::base::text::{fold_text, quote};
use crate::definition::codes::Code;
use crate::read::Stored;

use super::{display, problem, Problem};

/// A whole number of zero or more.
pub fn read_count(value: &Stored) -> Result<u64, Problem> {
    let n = match value {
        Stored::Number(n) => Some(*n),
        Stored::Text(t) => fold_text(t).parse::<f64>().ok(),
        _ => None,
    };
    match n {
        Some(n) if n >= 0.0 && n.fract() == 0.0 && n < 1e9 => Ok(n as u64),
        _ => Err(problem(
            Code::NotACount,
            format!(
                "{} is not a whole number of zero or more",
                quote(&display(value))
            ),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts() {
        assert_eq!(read_count(&Stored::Number(5.0)).unwrap(), 5);
        assert_eq!(read_count(&Stored::Text(" 7 ".into())).unwrap(), 7);
        assert!(read_count(&Stored::Number(-1.0)).is_err());
        assert!(read_count(&Stored::Number(2.5)).is_err());
        assert_eq!(
            read_count(&Stored::Text("seven".into())).unwrap_err().code,
            Code::NotACount
        );
    }
}
