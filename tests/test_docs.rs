//! The contract in words (`docs/annex-c.md`) held to the contract as data (the definition,
//! `template/annex-c.toml`, as the core loads it): every sheet, Return label, column
//! header, list and finding code the definition has must be named in the document, in
//! backticks, so that a change to the definition that the document does not follow fails
//! here instead of leaving the document wrong.

use std::path::PathBuf;

use bridger_core::{annex_c, Code};

/// The document, as committed.
fn contract() -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/annex-c.md");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The names of `names` that the document does not give as `` `name` ``.
fn missing<'a>(doc: &str, names: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    names
        .into_iter()
        .filter(|n| !doc.contains(&format!("`{n}`")))
        .collect()
}

#[test]
fn the_contract_names_every_sheet_label_and_column_of_the_definition() {
    let doc = contract();
    let def = annex_c();
    let mut names: Vec<&str> = vec![def.id.as_str(), def.version.as_str()];
    names.extend(def.sheets.iter().map(String::as_str));
    names.extend(def.fields.iter().map(|f| f.label.as_str()));
    names.extend(
        def.tables
            .iter()
            .flat_map(|t| t.columns.iter().map(|c| c.header.as_str())),
    );
    let gone = missing(&doc, names);
    assert!(gone.is_empty(), "docs/annex-c.md does not name {gone:?}");
}

#[test]
fn the_contract_names_every_list_and_every_value_it_can_list() {
    let doc = contract();
    let def = annex_c();
    let mut names: Vec<&str> = def.lists.iter().map(|l| l.name.as_str()).collect();
    // The forces (from forces.csv) and the quarters (sixty of them) are described, not
    // listed; every other list is short enough to give whole.
    for list in def.lists.iter().filter(|l| l.values.len() <= 20) {
        names.extend(list.values.iter().map(String::as_str));
    }
    let gone = missing(&doc, names);
    assert!(gone.is_empty(), "docs/annex-c.md does not name {gone:?}");
}

#[test]
fn the_contract_names_every_finding_code() {
    let doc = contract();
    let gone = missing(&doc, Code::ALL.iter().map(|c| c.as_str()));
    assert!(gone.is_empty(), "docs/annex-c.md does not name {gone:?}");
}
