//! Attribution: which force and quarter a file is for when its content cannot say (it is
//! unreadable, or its Return cells are blank), guessed from its file name.
//!
//! A guess from the name is only a fallback: it must never override what the content says.

use std::path::Path;

use crate::base::calendar::Quarter;
use crate::definition::{Definition, Force};

/// The file name of a path, for tables and messages.
pub fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Guesses a force from a file name (`kent-2016-17-Q1.xlsx`), for files whose content
/// cannot be read. The longest code, name or alias found wins.
pub(crate) fn force_from_name<'a>(name: &str, def: &'a Definition) -> Option<&'a Force> {
    let norm = |s: &str| {
        let mut out = String::from("-");
        for c in s.to_lowercase().chars() {
            out.push(if c.is_alphanumeric() { c } else { '-' });
        }
        out.push('-');
        out
    };
    let hay = norm(name);
    def.forces
        .iter()
        .flat_map(|f| {
            std::iter::once(&f.code)
                .chain(std::iter::once(&f.name))
                .chain(f.aliases.iter())
                .map(move |k| (norm(k), f))
        })
        .filter(|(k, _)| k.len() > 3 && hay.contains(k.as_str()))
        .max_by_key(|(k, _)| k.len())
        .map(|(_, f)| f)
}

/// Guesses a quarter from a file name: `2016-17 Q1`, `2016-17-Q1`, `2016_17_q1`.
pub(crate) fn quarter_from_name(name: &str) -> Option<Quarter> {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                ' '
            }
        })
        .collect();
    let cleaned = cleaned.replace('_', " ");
    let bytes = cleaned.as_bytes();
    for i in 0..bytes.len().saturating_sub(9) {
        let window = &cleaned[i..];
        if window.len() >= 10 && window.as_bytes()[4] == b'-' {
            let years = &window[..7];
            let rest = window[7..].trim_start_matches(['-', ' ']);
            if rest.len() >= 2 && (rest.starts_with('Q') || rest.starts_with('q')) {
                if let Some(q) = Quarter::parse(&format!("{years} {}", &rest[..2])) {
                    return Some(q);
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_give_forces_and_quarters() {
        let def = crate::definition::annex_c();
        assert_eq!(
            force_from_name("wiltshire-2016-17-Q1.xlsx", def)
                .unwrap()
                .code,
            "wiltshire"
        );
        assert_eq!(
            force_from_name("Return - Met Q1.xlsx", def).unwrap().code,
            "metropolitan"
        );
        assert_eq!(
            force_from_name("north-wales-2016-17-Q1.xlsx", def)
                .unwrap()
                .code,
            "north-wales"
        );
        assert_eq!(
            force_from_name("GMP annex c.xlsx", def).unwrap().code,
            "greater-manchester"
        );
        assert!(force_from_name("return.xlsx", def).is_none());
        assert_eq!(
            quarter_from_name("wiltshire-2016-17-Q1.xlsx"),
            Quarter::parse("2016-17 Q1")
        );
        assert_eq!(
            quarter_from_name("kent 2017-18 q3 final.xlsx"),
            Quarter::parse("2017-18 Q3")
        );
        assert_eq!(quarter_from_name("kent.xlsx"), None);
    }
}
