//! `collate --contacts FILE.csv`: whom to ask at a force that never sent a return, so that
//! every line of the chase list has someone to write to.
//!
//! The file has a line per force: the force (its name or code, as forces.csv spells it),
//! a name and an email; a first line `force,name,email` is a header. A contact read from a
//! force's own latest return is always preferred: the file only fills the gaps. It reads
//! the bytes it is given and never a file itself.

use std::collections::BTreeMap;

use anyhow::{bail, Context, Result};

use crate::base::listed::Listed;
use crate::definition::forces::{records, unknown_force};
use crate::definition::Definition;

use super::{Collation, Contact};

/// The contacts of `--contacts` by force code, from the file's bytes; `name` names the
/// file in messages. Every line that names no force, or gives no email, is listed at once
/// with what to do.
pub fn parse_contacts(
    bytes: Vec<u8>,
    name: &str,
    def: &Definition,
) -> Result<BTreeMap<String, Contact>> {
    let text = String::from_utf8(bytes).map_err(|_| {
        anyhow::anyhow!("{name} is not UTF-8 text: save it as \"CSV UTF-8\" or plain text")
    })?;
    // Excel's "CSV UTF-8" starts with a byte order mark.
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let records = records(text).with_context(|| format!("reading {name}"))?;
    let mut out = BTreeMap::new();
    let mut wrong = Vec::new();
    for (line, record) in records {
        let field = |i: usize| record.get(i).unwrap_or("").to_string();
        let (force, person, email) = (field(0), field(1), field(2));
        if line == 1 && force.eq_ignore_ascii_case("force") {
            continue;
        }
        let Some(f) = def.force(&force) else {
            wrong.push(unknown_force(def, line, &force));
            continue;
        };
        if !email.contains('@') {
            wrong.push(format!(
                "line {line}: {} has no email address in the third column: give one like name@force.police.uk",
                f.name
            ));
            continue;
        }
        out.insert(
            f.code.clone(),
            Contact {
                submitted_by: person,
                email,
                from_file: true,
                ..Contact::default()
            },
        );
    }
    if !wrong.is_empty() {
        let n = wrong.len();
        return Err(Listed {
            summary: format!(
                "{name}: {} to be put right (each line: force, name, email); correct {} and run again",
                if n == 1 { "1 line".to_string() } else { format!("{n} lines") },
                if n == 1 { "it" } else { "them" }
            ),
            items: wrong,
        }
        .into());
    }
    if out.is_empty() {
        bail!("{name} names no contacts: give a line per force: force, name, email");
    }
    Ok(out)
}

impl Collation {
    /// Takes the contacts of `--contacts` for the forces that have none from a return of
    /// their own; a force's own latest return always wins.
    pub fn add_contacts(&mut self, file: BTreeMap<String, Contact>) {
        for (code, contact) in file {
            self.contacts.entry(code).or_insert(contact);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_contacts_file_is_read_by_force_name_or_code_and_every_wrong_line_is_listed() {
        let def = crate::definition::annex_c();
        let text = "\u{feff}force,name,email\nKent Police,Chloé Martin,chloe@kent.example\ncumbria,Sam Lee,sam@cumbria.example\n";
        let read = parse_contacts(text.as_bytes().to_vec(), "contacts.csv", def).unwrap();
        assert_eq!(read["kent"].submitted_by, "Chloé Martin");
        assert_eq!(read["cumbria"].email, "sam@cumbria.example");
        assert!(read["kent"].from_file);
        let bad = "Kent Constabulary,A,a@b.example\nEssex Police,B,\n";
        let err = parse_contacts(bad.as_bytes().to_vec(), "contacts.csv", def).unwrap_err();
        let said = format!("{err:#}");
        assert!(
            said.contains("contacts.csv: 2 lines to be put right"),
            "{said}"
        );
        assert!(
            said.contains(
                "line 1: 'Kent Constabulary' is not a force: did you mean 'Kent Police'?"
            ),
            "{said}"
        );
        assert!(
            said.contains("line 2: Essex Police has no email address"),
            "{said}"
        );
    }
}
