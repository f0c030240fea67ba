//! Names as people write them: the committed nickname table (`data/nicknames.csv`) and
//! the normalisation that linkage compares on.
//!
//! Kept apart from the linkage so that the generator can make the same variations that
//! the linkage has to undo.

/// The nickname table, compiled in: (full name, its nicknames), lower case.
pub const NICKNAMES_CSV: &str = include_str!("../../data/nicknames.csv");

/// Parses the nickname table.
pub fn nicknames() -> Vec<(String, Vec<String>)> {
    NICKNAMES_CSV
        .lines()
        .skip(1)
        .filter_map(|line| {
            let (name, nicks) = line.split_once(',')?;
            Some((
                name.trim().to_lowercase(),
                nicks
                    .split(';')
                    .map(|n| n.trim().to_lowercase())
                    .filter(|n| !n.is_empty())
                    .collect(),
            ))
        })
        .collect()
}
