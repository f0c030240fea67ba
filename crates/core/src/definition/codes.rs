//! The catalogue of finding codes: every code bridger can say about a return, the status it
//! gives the return, and what it means. It is part of the definition because the
//! definition names codes (a column's `warn_code`) and the README documents every one.
//!
//! One table, the `codes!` macro below, declares each code once: its Rust name, its
//! kebab-case name (the stable text that scripts match on), the status it implies and its
//! one-line meaning. Everything else (`as_str`, `FromStr`, serde, [`Code::ALL`]) is
//! generated from that table, so a code can never be spelled one way in JSON and another
//! in the README check.
//!
//! Nothing here may decide *whether* a finding applies: that is the checks' job.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// How serious a finding is: errors make a return invalid, warnings do not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The return cannot be accepted as it is (unreadable, altered, or breaking a rule).
    Error,
    /// Worth a look; the return is still accepted.
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// What a finding code says about the return it is found in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CodeStatus {
    /// The file could not be read at all.
    Unreadable,
    /// The template itself was altered.
    ModifiedTemplate,
    /// The content breaks a rule: the return is invalid.
    Error,
    /// Worth a look, but the return is accepted.
    Warning,
}

impl CodeStatus {
    /// The status as the catalogue and the README write it.
    pub(crate) const fn as_str(self) -> &'static str {
        match self {
            CodeStatus::Unreadable => "unreadable",
            CodeStatus::ModifiedTemplate => "modified-template",
            CodeStatus::Error => "error",
            CodeStatus::Warning => "warning",
        }
    }
}

impl fmt::Display for CodeStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Declares [`Code`] and everything derived from its one table of
/// `Variant = "kebab-name", Status, "description";` lines.
macro_rules! codes {
    ($($variant:ident = $name:literal, $status:ident, $text:literal;)*) => {
        /// Every finding code bridger emits. The kebab-case name (`as_str`, `Display`, serde)
        /// is stable and documented in the README: scripts may match on it.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Code {
            $(#[doc = $text] $variant,)*
        }

        impl Code {
            /// Every code, in the catalogue's order.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The stable kebab-case name: `not-in-list`.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $name,)*
                }
            }

            /// The status a return with this finding gets (for errors and warnings, when
            /// its structure is the template's).
            pub const fn status(self) -> CodeStatus {
                match self {
                    $(Code::$variant => CodeStatus::$status,)*
                }
            }

            /// What the code means, in one line.
            pub const fn description(self) -> &'static str {
                match self {
                    $(Code::$variant => $text,)*
                }
            }
        }
    };
}

codes! {
    // Files that cannot be read.
    EmptyFile = "empty-file", Unreadable, "The file has no bytes.";
    NotASpreadsheet = "not-a-spreadsheet", Unreadable, "The file is not an Excel or OpenDocument workbook (CSV, a Word file, a plain zip...).";
    Damaged = "damaged", Unreadable, "The file is truncated or corrupt.";
    Encrypted = "encrypted", Unreadable, "The workbook is protected with a password to open; remove it and save again.";
    TooLarge = "too-large", Unreadable, "The file, or a part of it, is far larger than any return (a zip bomb is refused unread).";
    Io = "io", Unreadable, "The file could not be read from disk (permissions, a folder that vanished).";
    TimedOut = "timed-out", Unreadable, "Reading the file took far longer than any return takes (a reader stuck in a loop); it was stopped.";
    InternalError = "internal-error", Unreadable, "The spreadsheet reader failed on this file in a way bridger did not foresee: please report it, with the file.";
    // The template was altered.
    Macros = "macros", ModifiedTemplate, "The workbook carries macros (VBA); the template has none.";
    TemplateVersion = "template-version", ModifiedTemplate, "The return is on another template version, or not on Annex C at all.";
    NotAnnexC = "not-annex-c", ModifiedTemplate, "The workbook is not the Annex C template at all (none of its sheets is a template sheet): copy the rows into the template.";
    SheetMissing = "sheet-missing", ModifiedTemplate, "A template sheet was deleted.";
    SheetAdded = "sheet-added", ModifiedTemplate, "A sheet was added.";
    SheetRenamed = "sheet-renamed", ModifiedTemplate, "A template sheet was renamed.";
    SheetMoved = "sheet-moved", ModifiedTemplate, "The sheets are not in the template's order.";
    RowsInserted = "rows-inserted", ModifiedTemplate, "Rows were inserted (or deleted) above a table's headers.";
    ColumnInserted = "column-inserted", ModifiedTemplate, "A column was inserted into a table.";
    ColumnDeleted = "column-deleted", ModifiedTemplate, "A column was deleted from a table.";
    HeaderChanged = "header-changed", ModifiedTemplate, "A column header was changed.";
    ListChanged = "list-changed", ModifiedTemplate, "A value of the hidden Lists sheet was changed, added or removed.";
    FrameChanged = "frame-changed", ModifiedTemplate, "Another cell written by the template (a title, a label, guidance) was changed or emptied.";
    OutsideTemplate = "outside-template", ModifiedTemplate, "A value was typed outside the input regions (beside a table, below the Return labels).";
    // The content breaks a rule.
    Required = "required", Error, "A required cell is blank.";
    NotInList = "not-in-list", Error, "The value is not one of the list's values.";
    NotADate = "not-a-date", Error, "The value is not a date.";
    DateUsFormat = "date-us-format", Error, "A text date reads as month-first (US); write it day-first or as a real date.";
    DateOutsideQuarter = "date-outside-quarter", Error, "Date reported is outside the reporting quarter.";
    DateInFuture = "date-in-future", Error, "Date submitted is after the day of the run.";
    DateAfterQuarter = "date-after-quarter", Error, "A date of last contact is after the quarter's end.";
    OffenceAfterReported = "offence-after-reported", Error, "The date of the offence is after the date it was reported.";
    DobImplausible = "dob-implausible", Error, "The suspect's age at the date reported is not between the definition's bounds (10 and 110).";
    NotAPostcode = "not-a-postcode", Error, "The value is not a UK postcode, full or outward part.";
    NotAnEmail = "not-an-email", Error, "The contact email is not an email address.";
    NotACount = "not-a-count", Error, "The value is not a whole number of zero or more.";
    CountExceeds = "count-exceeds", Error, "MPs contacted is more than the MPs in the force area.";
    DuplicateReference = "duplicate-reference", Error, "A force reference appears on more than one row.";
    SuspectDetailsMissing = "suspect-details-missing", Error, "Suspect identified is Yes but no surname, date of birth, postcode or identifier is given.";
    NilReturnWithIncidents = "nil-return-with-incidents", Error, "Nil return is Yes but the Incidents sheet has rows.";
    NoIncidents = "no-incidents", Error, "Nil return is No but the Incidents sheet has no rows.";
    FormulaWithoutValue = "formula-without-value", Error, "A formula has no saved value; open the file in Excel or LibreOffice and save it.";
    CellError = "cell-error", Error, "A cell holds an error value such as #REF! or #N/A.";
    TextTooLong = "text-too-long", Error, "A cell holds more than Excel's 32,767 characters.";
    // Worth a look, but the return is accepted.
    DateSerial = "date-serial", Warning, "A date was typed as a number and read as an Excel serial date.";
    YesNoAbbreviated = "yes-no-abbreviated", Warning, "Y or N was read as Yes or No.";
    ForceAlias = "force-alias", Warning, "The force was given by another name (an alias in forces.csv) and read as its list name.";
    NotRecordedAsCrime = "not-recorded-as-crime", Warning, "Recorded as a crime is No (item 9 of the letter).";
    NoBridgerMarker = "no-bridger-marker", Warning, "The Operation Bridger marker is No (item 4 of the letter).";
    SuspectDetailsWithoutSuspect = "suspect-details-without-suspect", Warning, "Suspect identified is No but suspect details are filled.";
    FtacWithoutConcerns = "ftac-without-concerns", Warning, "Referred to FTAC is Yes but mental health concerns are not Yes.";
    EngagementCount = "engagement-count", Warning, "The number of Engagement rows differs from the MPs in the force area.";
    MergedCells = "merged-cells", Warning, "Input cells are merged; only the first cell of a merge holds a value.";
    SubmittedBeforeQuarterEnd = "submitted-before-quarter-end", Warning, "The return is dated before the quarter it reports on ended.";
}

/// Codes order by their names, so that a map keyed by code (a return's counts per code)
/// lists them alphabetically, as it did when codes were strings.
impl Ord for Code {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl PartialOrd for Code {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A name that is not one of bridger's finding codes.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not a finding code bridger knows (see the README's list of codes)")]
pub struct UnknownCode(pub String);

impl FromStr for Code {
    type Err = UnknownCode;

    fn from_str(name: &str) -> Result<Code, UnknownCode> {
        Code::ALL
            .iter()
            .copied()
            .find(|c| c.as_str() == name)
            .ok_or_else(|| UnknownCode(name.to_string()))
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// A definition names codes by their kebab-case names; an unknown name fails the load.
impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Code, D::Error> {
        let name = String::deserialize(deserializer)?;
        name.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_unique() {
        for code in Code::ALL {
            assert_eq!(code.as_str().parse::<Code>(), Ok(*code));
            assert_eq!(code.to_string(), code.as_str());
            assert!(!code.description().is_empty());
        }
        let mut names: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Code::ALL.len(), "a code name appears twice");
        assert_eq!(
            "no-such-code".parse::<Code>(),
            Err(UnknownCode("no-such-code".into()))
        );
    }

    #[test]
    fn serde_uses_the_kebab_name() {
        assert_eq!(
            serde_json::to_string(&Code::NotInList).unwrap(),
            "\"not-in-list\""
        );
        let back: Code = serde_json::from_str("\"date-us-format\"").unwrap();
        assert_eq!(back, Code::DateUsFormat);
        assert!(serde_json::from_str::<Code>("\"date-us\"").is_err());
    }

    #[test]
    fn statuses_and_order_come_from_the_table() {
        assert_eq!(Code::Damaged.status(), CodeStatus::Unreadable);
        assert_eq!(Code::HeaderChanged.status(), CodeStatus::ModifiedTemplate);
        assert_eq!(Code::NotADate.status(), CodeStatus::Error);
        assert_eq!(Code::DateSerial.status(), CodeStatus::Warning);
        assert_eq!(
            CodeStatus::ModifiedTemplate.to_string(),
            "modified-template"
        );
        // Ordered by name, not by declaration.
        assert!(Code::CellError < Code::EmptyFile);
        assert!(Code::Required > Code::NotInList);
    }

    #[test]
    fn a_definition_naming_an_unknown_warn_code_does_not_load() {
        use crate::definition::{Definition, DEFINITION_TOML, FORCES_CSV};
        let good = Definition::parse(DEFINITION_TOML, FORCES_CSV).unwrap();
        let warned = good
            .tables
            .iter()
            .flat_map(|t| &t.columns)
            .find_map(|c| c.warn_if.as_ref().map(|w| w.code));
        assert_eq!(warned, Some(Code::NotRecordedAsCrime));
        let bad = DEFINITION_TOML.replace(
            "warn_code = \"not-recorded-as-crime\"",
            "warn_code = \"not-recorded\"",
        );
        assert_ne!(bad, DEFINITION_TOML);
        let err = Definition::parse(&bad, FORCES_CSV).unwrap_err();
        assert!(format!("{err:#}").contains("'not-recorded'"), "{err:#}");
    }
}
