//! The catalogue of finding codes: every code bridger can say about a return, the status it
//! gives the return, and what it means. It is part of the definition because the
//! definition names codes (a column's `warn_code`) and the README documents every one.

use serde::Serialize;

/// How serious a finding is: errors make a return invalid, warnings do not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// Every finding code bridger emits, with its severity and what it means. The README's
/// table is checked against this list by a test.
pub const CODES: &[(&str, &str, &str)] = &[
    // Files that cannot be read.
    ("empty-file", "unreadable", "The file has no bytes."),
    ("not-a-spreadsheet", "unreadable", "The file is not an Excel or OpenDocument workbook (CSV, a Word file, a plain zip...)."),
    ("damaged", "unreadable", "The file is truncated or corrupt."),
    ("encrypted", "unreadable", "The workbook is protected with a password to open; remove it and save again."),
    ("too-large", "unreadable", "The file, or a part of it, is far larger than any return (a zip bomb is refused unread)."),
    ("io", "unreadable", "The file could not be read from disk (permissions, a folder that vanished)."),
    // The template was altered.
    ("macros", "modified-template", "The workbook carries macros (VBA); the template has none."),
    ("template-version", "modified-template", "The return is on another template version, or not on Annex C at all."),
    ("sheet-missing", "modified-template", "A template sheet was deleted."),
    ("sheet-added", "modified-template", "A sheet was added."),
    ("sheet-renamed", "modified-template", "A template sheet was renamed."),
    ("sheet-moved", "modified-template", "The sheets are not in the template's order."),
    ("rows-inserted", "modified-template", "Rows were inserted (or deleted) above a table's headers."),
    ("column-inserted", "modified-template", "A column was inserted into a table."),
    ("column-deleted", "modified-template", "A column was deleted from a table."),
    ("header-changed", "modified-template", "A column header was changed."),
    ("list-changed", "modified-template", "A value of the hidden Lists sheet was changed, added or removed."),
    ("frame-changed", "modified-template", "Another cell written by the template (a title, a label, guidance) was changed or emptied."),
    ("outside-template", "modified-template", "A value was typed outside the input regions (beside a table, below the Return labels)."),
    // The content breaks a rule.
    ("required", "error", "A required cell is blank."),
    ("not-in-list", "error", "The value is not one of the list's values."),
    ("not-a-date", "error", "The value is not a date."),
    ("date-us-format", "error", "A text date reads as month-first (US); write it day-first or as a real date."),
    ("date-outside-quarter", "error", "Date reported is outside the reporting quarter."),
    ("date-after-quarter", "error", "A date of last contact is after the quarter's end."),
    ("offence-after-reported", "error", "The date of the offence is after the date it was reported."),
    ("dob-implausible", "error", "The suspect's age at the date reported is not between the definition's bounds (10 and 110)."),
    ("not-a-postcode", "error", "The value is not a UK postcode, full or outward part."),
    ("not-an-email", "error", "The contact email is not an email address."),
    ("not-a-count", "error", "The value is not a whole number of zero or more."),
    ("count-exceeds", "error", "MPs contacted is more than the MPs in the force area."),
    ("duplicate-reference", "error", "A force reference appears on more than one row."),
    ("suspect-details-missing", "error", "Suspect identified is Yes but no surname, date of birth, postcode or identifier is given."),
    ("nil-return-with-incidents", "error", "Nil return is Yes but the Incidents sheet has rows."),
    ("no-incidents", "error", "Nil return is No but the Incidents sheet has no rows."),
    ("formula-without-value", "error", "A formula has no saved value; open the file in Excel or LibreOffice and save it."),
    ("cell-error", "error", "A cell holds an error value such as #REF! or #N/A."),
    ("text-too-long", "error", "A cell holds more than Excel's 32,767 characters."),
    // Worth a look, but the return is accepted.
    ("date-serial", "warning", "A date was typed as a number and read as an Excel serial date."),
    ("yes-no-abbreviated", "warning", "Y or N was read as Yes or No."),
    ("force-alias", "warning", "The force was given by another name (an alias in forces.csv) and read as its list name."),
    ("not-recorded-as-crime", "warning", "Recorded as a crime is No (item 9 of the letter)."),
    ("no-bridger-marker", "warning", "The Operation Bridger marker is No (item 4 of the letter)."),
    ("suspect-details-without-suspect", "warning", "Suspect identified is No but suspect details are filled."),
    ("ftac-without-concerns", "warning", "Referred to FTAC is Yes but mental health concerns are not Yes."),
    ("engagement-count", "warning", "The number of Engagement rows differs from the MPs in the force area."),
    ("merged-cells", "warning", "Input cells are merged; only the first cell of a merge holds a value."),
    ("submitted-before-quarter-end", "warning", "The return is dated before the quarter it reports on ended."),
];

/// The static code with this name, if bridger knows it.
pub fn code(name: &str) -> Option<&'static str> {
    CODES.iter().map(|(c, _, _)| *c).find(|c| *c == name)
}
