//! The police forces: `template/forces.csv` parsed into [`Force`]s, and finding a force by
//! whatever name people give it (its list name, code or an alias).

use anyhow::{bail, Context, Result};

use crate::base::text::fold_lower as fold;

use super::Definition;

/// A police force, from `forces.csv`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Force {
    pub code: String,
    pub name: String,
    pub country: String,
    pub aliases: Vec<String>,
}

/// Parses `forces.csv`: `code,name,country,aliases` with aliases separated by `;`.
pub fn parse_forces(csv: &str) -> Result<Vec<Force>> {
    let mut lines = csv.lines().filter(|l| !l.trim().is_empty());
    let header = lines.next().context("forces.csv is empty")?;
    if header.trim() != "code,name,country,aliases" {
        bail!("forces.csv must start with the header code,name,country,aliases");
    }
    let mut forces = Vec::new();
    for (i, line) in lines.enumerate() {
        let parts: Vec<&str> = line.split(',').collect();
        if parts.len() != 4 {
            bail!(
                "forces.csv line {}: expected 4 fields, found {}",
                i + 2,
                parts.len()
            );
        }
        forces.push(Force {
            code: parts[0].trim().to_string(),
            name: parts[1].trim().to_string(),
            country: parts[2].trim().to_string(),
            aliases: parts[3]
                .split(';')
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(String::from)
                .collect(),
        });
    }
    Ok(forces)
}

impl Definition {
    /// Finds a force by its name, code or an alias, ignoring case and spacing.
    pub fn force(&self, text: &str) -> Option<&Force> {
        let want = fold(text);
        self.forces.iter().find(|f| {
            fold(&f.name) == want
                || fold(&f.code) == want
                || f.aliases.iter().any(|a| fold(a) == want)
        })
    }
}
