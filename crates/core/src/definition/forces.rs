//! The police forces: `template/forces.csv` parsed into [`Force`]s, finding a force by
//! whatever name people give it (its list name, code or an alias), and reading a list of
//! the forces expected to respond (`collate --expected`).
//!
//! Both files are read with the `csv` crate, so quoted fields work as in any CSV. No force
//! may be known that is not in forces.csv.

use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};

use crate::base::listed::Listed;
use crate::base::text::{fold_lower as fold, quote};

use super::Definition;

/// A police force, from `forces.csv`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Force {
    /// Short stable identifier, lower-case and hyphenated (`avon-and-somerset`).
    pub code: String,
    /// The force's name as the Forces drop-down spells it.
    pub name: String,
    /// `England`, `Wales`, `Scotland`, `Northern Ireland` or `Great Britain`.
    pub country: String,
    /// Other names the force is known by; a return giving one is read with a warning.
    pub aliases: Vec<String>,
}

/// The columns of forces.csv, in order.
const HEADER: [&str; 4] = ["code", "name", "country", "aliases"];

/// The non-blank records of a CSV `text`, fields trimmed, each with the line it is on
/// (counting blank lines, as an editor does).
pub(crate) fn records(text: &str) -> csv::Result<Vec<(usize, csv::StringRecord)>> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    let mut record = csv::StringRecord::new();
    while rdr.read_record(&mut record)? {
        if record.iter().all(str::is_empty) {
            continue;
        }
        // The reader is just past the record's line ending (or at the end of the text):
        // the record is on the line of its last character.
        let end = (rdr.position().byte() as usize).min(text.len());
        let before = &text.as_bytes()[..end.saturating_sub(1)];
        let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
        out.push((line, record.clone()));
    }
    Ok(out)
}

/// Parses `forces.csv`: `code,name,country,aliases` with aliases separated by `;`.
pub(crate) fn parse_forces(text: &str) -> Result<Vec<Force>> {
    let records = records(text).context("reading forces.csv")?;
    let mut records = records.into_iter();
    let (_, header) = records.next().context("forces.csv is empty")?;
    if header.iter().ne(HEADER) {
        bail!("forces.csv must start with the header code,name,country,aliases");
    }
    let mut forces = Vec::new();
    for (line, record) in records {
        if record.len() != HEADER.len() {
            bail!(
                "forces.csv line {line}: expected 4 fields, found {}",
                record.len()
            );
        }
        forces.push(Force {
            code: record[0].to_string(),
            name: record[1].to_string(),
            country: record[2].to_string(),
            aliases: record[3]
                .split(';')
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(String::from)
                .collect(),
        });
    }
    Ok(forces)
}

/// The forces expected to respond, from the bytes of an `--expected` file (`name` is the
/// file as messages show it): a CSV like forces.csv (its first column, a `code` header
/// skipped), or one force name, code or alias per line. Each force is listed once, in the
/// file's order. Fails on a file that names none, and on forces not in forces.csv: every
/// such line, each with the force it most likely means ([`Listed`]).
pub fn parse_expected(bytes: Vec<u8>, name: &str, def: &Definition) -> Result<Vec<Force>> {
    let text = String::from_utf8(bytes).map_err(|_| {
        anyhow::anyhow!("{name} is not UTF-8 text: save it as \"CSV UTF-8\" or plain text")
    })?;
    // Excel's "CSV UTF-8" starts with a byte order mark.
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let records = records(text).with_context(|| format!("reading {name}"))?;
    let mut out: Vec<Force> = Vec::new();
    let mut unknown = Vec::new();
    for (line, record) in records {
        let first = record.get(0).unwrap_or("");
        if first.is_empty() || (line == 1 && first.eq_ignore_ascii_case("code")) {
            continue;
        }
        match def.force(first) {
            Some(force) if !out.iter().any(|f| f.code == force.code) => out.push(force.clone()),
            Some(_) => {}
            None => unknown.push(unknown_force(def, line, first)),
        }
    }
    if !unknown.is_empty() {
        return Err(Listed {
            summary: format!(
                "{name}: {} no force in forces.csv; correct {} and run again",
                if unknown.len() == 1 {
                    "1 line names".to_string()
                } else {
                    format!("{} lines name", unknown.len())
                },
                if unknown.len() == 1 { "it" } else { "them" },
            ),
            items: unknown,
        }
        .into());
    }
    if out.is_empty() {
        bail!("{name} names no forces");
    }
    Ok(out)
}

/// The message for a line of an `--expected` file that names no force, with the force it
/// most likely means.
///
/// A line of any length is quoted by its start ([`quote`]), so no one line makes a message
/// the size of the file.
pub(crate) fn unknown_force(def: &Definition, line: usize, text: &str) -> String {
    let quoted = quote(text);
    match def.closest_force(text) {
        Some(f) => format!(
            "line {line}: {quoted} is not a force: did you mean '{}'?",
            f.name
        ),
        None => format!(
            "line {line}: {quoted} is not a force: give a force's name or code as forces.csv spells it"
        ),
    }
}

impl Definition {
    /// Finds a force by its name, code or an alias, ignoring case and spacing.
    pub(crate) fn force(&self, text: &str) -> Option<&Force> {
        let want = fold(text);
        self.forces.iter().find(|f| {
            fold(&f.name) == want
                || fold(&f.code) == want
                || f.aliases.iter().any(|a| fold(a) == want)
        })
    }

    /// The force a name not in forces.csv most likely means, to suggest it: the same
    /// place with another generic word ("Kent Constabulary" is Kent Police), or a close
    /// spelling of a name, code or alias. `None` when nothing is close or two forces are
    /// equally close.
    pub(crate) fn closest_force(&self, text: &str) -> Option<&Force> {
        let want = core(text);
        // Jaro-Winkler reaches 0.88 only between texts within some 2.5 times each other's
        // length, and scans half the longer for each letter of the shorter: a text longer
        // than any force's name is none of them, and is not compared.
        if want.is_empty() || want.len() > 256 {
            return None;
        }
        let mut scored: Vec<(f64, &Force)> = self
            .forces
            .iter()
            .map(|f| {
                let names = std::iter::once(f.name.clone())
                    .chain(std::iter::once(f.code.replace('-', " ")))
                    .chain(f.aliases.iter().cloned());
                let best = names
                    .map(|n| core(&n))
                    .filter(|n| !n.is_empty())
                    .map(|n| strsim::jaro_winkler(&n, &want))
                    .fold(0.0, f64::max);
                (best, f)
            })
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        match scored.as_slice() {
            [(best, f), (next, _), ..] if *best >= 0.88 && best > next => Some(f),
            [(best, f)] if *best >= 0.88 => Some(f),
            _ => None,
        }
    }
}

/// A force name without the words every force shares ("police", "constabulary",
/// "service"...), `&` read as "and": the part that says which force it is.
fn core(name: &str) -> String {
    const GENERIC: [&str; 6] = ["police", "constabulary", "service", "force", "the", "of"];
    fold(&name.replace('&', " and "))
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !GENERIC.contains(w))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::definition::{annex_c, FORCES_CSV};

    fn codes(forces: &[Force]) -> Vec<&str> {
        forces.iter().map(|f| f.code.as_str()).collect()
    }

    /// `parse_expected` on a file `expected.csv` holding `text`.
    fn expected(text: &str) -> Result<Vec<Force>> {
        parse_expected(text.as_bytes().to_vec(), "expected.csv", annex_c())
            .map_err(|e| anyhow::anyhow!("{e:#}"))
    }

    #[test]
    fn the_committed_forces_csv_parses() {
        let forces = parse_forces(FORCES_CSV).unwrap();
        assert_eq!(forces.len(), 46);
        let avon = &forces[0];
        assert_eq!(avon.code, "avon-and-somerset");
        assert_eq!(avon.name, "Avon and Somerset Constabulary");
        assert_eq!(avon.country, "England");
        assert_eq!(avon.aliases, ["Avon and Somerset Police"]);
        assert!(forces[1].aliases.is_empty());
    }

    #[test]
    fn the_closest_force_is_found_by_place_alias_or_spelling() {
        let def = annex_c();
        let closest = |t: &str| def.closest_force(t).map(|f| f.name.as_str());
        assert_eq!(closest("Kent Constabulary"), Some("Kent Police"));
        assert_eq!(closest("kent police force"), Some("Kent Police"));
        assert_eq!(
            closest("Avon & Somerset"),
            Some("Avon and Somerset Constabulary")
        );
        assert_eq!(closest("Met Police"), Some("Metropolitan Police Service"));
        assert_eq!(
            closest("Greater Manchster Police"),
            Some("Greater Manchester Police")
        );
        assert_eq!(
            closest("Police Service Northern Ireland"),
            Some("Police Service of Northern Ireland")
        );
        assert_eq!(closest("Hampshire Police"), Some("Hampshire Constabulary"));
        assert_eq!(closest("Atlantis Police"), None);
        assert_eq!(closest("Police"), None);
        assert_eq!(closest(""), None);
    }

    #[test]
    fn forces_csv_is_checked() {
        let err = |text: &str| parse_forces(text).unwrap_err().to_string();
        assert_eq!(err(""), "forces.csv is empty");
        assert!(err("code,name\nx,y").contains("must start with the header"));
        assert_eq!(
            err("code,name,country,aliases\nkent,Kent Police,England,\n\nx,y\n"),
            "forces.csv line 4: expected 4 fields, found 2"
        );
        let quoted =
            parse_forces("code,name,country,aliases\n x ,\"Police, Example\",England,\"A; B\"\n")
                .unwrap();
        assert_eq!(quoted[0].code, "x");
        assert_eq!(quoted[0].name, "Police, Example");
        assert_eq!(quoted[0].aliases, ["A", "B"]);
    }

    #[test]
    fn an_expected_list_with_a_byte_order_mark_and_quoted_names_is_read() {
        let forces = expected("\u{feff}code,name\n\"kent\",x\n\"Surrey Police\"\n").unwrap();
        assert_eq!(codes(&forces), ["kent", "surrey"]);
    }

    #[test]
    fn every_unknown_expected_force_is_listed_with_the_force_it_most_likely_means() {
        let text = "Kent Constabulary\nsurrey\nAtlantis\nGreater Manchster Police\n";
        let err = parse_expected(text.as_bytes().to_vec(), "expected.csv", annex_c()).unwrap_err();
        let listed = err.downcast_ref::<Listed>().expect("a Listed error");
        assert!(
            listed.summary.ends_with(
                "expected.csv: 3 lines name no force in forces.csv; correct them and run again"
            ),
            "{}",
            listed.summary
        );
        assert_eq!(
            listed.items,
            [
                "line 1: 'Kent Constabulary' is not a force: did you mean 'Kent Police'?",
                "line 3: 'Atlantis' is not a force: give a force's name or code as forces.csv spells it",
                "line 4: 'Greater Manchster Police' is not a force: did you mean 'Greater Manchester Police'?",
            ]
        );
    }

    #[test]
    fn a_line_of_any_length_that_names_no_force_is_quoted_by_its_start() {
        // Before, the message held the whole line: a 900,000-character line, 900 kB on
        // the terminal.
        let long = "ab ".repeat(300_000);
        let text = format!("Kent\n{long}\n");
        let err = parse_expected(text.into_bytes(), "expected.csv", annex_c()).unwrap_err();
        let listed = err.downcast_ref::<Listed>().expect("a Listed error");
        let [item] = listed.items.as_slice() else {
            panic!("one item: {:?}", listed.items.len());
        };
        assert!(item.len() < 300, "{} bytes", item.len());
        assert!(
            item.starts_with("line 2: 'ab ab ab")
                && item.contains("(a value of 899,999 characters)")
                && item.ends_with("give a force's name or code as forces.csv spells it"),
            "{item}"
        );
    }

    #[test]
    fn expected_forces_by_name_code_or_alias_once_each_in_order() {
        let forces = expected("Kent Police\n\nsurrey\nAvon and Somerset Police\nkent\n").unwrap();
        assert_eq!(codes(&forces), ["kent", "surrey", "avon-and-somerset"]);
    }

    #[test]
    fn expected_forces_from_a_csv_like_forces_csv() {
        let text = "code,name,country,aliases\nkent,Kent Police,England,\n\"dorset\",\"Dorset Police\",England,\n";
        assert_eq!(codes(&expected(text).unwrap()), ["kent", "dorset"]);
        // The whole of forces.csv expects every force.
        assert_eq!(expected(FORCES_CSV).unwrap().len(), 46);
    }

    #[test]
    fn an_unknown_or_empty_expected_list_is_refused_with_where() {
        let err = expected("kent\nAtlantis Police\n").unwrap_err().to_string();
        assert!(
            err.ends_with("expected.csv: 1 line names no force in forces.csv; correct it and run again: line 2: 'Atlantis Police' is not a force: give a force's name or code as forces.csv spells it"),
            "{err}"
        );
        let err = expected("\r\nkent\r\n\r\nAtlantis Police")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("line 4: 'Atlantis Police' is not a force"),
            "{err}"
        );
        let err = expected("code\n\n").unwrap_err().to_string();
        assert!(err.ends_with("expected.csv names no forces"), "{err}");
    }
}
