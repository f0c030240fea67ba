//! bridger: the Annex C quarterly return of crimes and incidents against MPs (Operation
//! Bridger), from the canonical template to the national analysis.
//!
//! This is the core: bytes in, outcomes and workbook bytes out. It knows no file system,
//! process, thread pool, clock, terminal or environment, so it builds for
//! `wasm32-unknown-unknown`; the `bridger` command (the crate at the top of the
//! workspace) reads the files, runs the workers, writes the outputs and prints. Everything
//! is derived from one definition ([`annex_c`]), so the template, its fingerprint, the
//! rules and the national workbook's columns cannot drift apart.
//!
//! The modules are the stages of the pipeline, and each imports only from the stages
//! before it:
//!
//! ```text
//! base → definition → read → check → collate → link → output → demo
//! ```
//!
//! The modules are private: what the command line, the tests, the benches and the fuzz
//! targets use is re-exported below, and nothing else is public, so the compiler reports
//! anything no one uses. A few families of functions whose names only read well beside
//! their stage (`national::write`, `report::build`) are grouped in small modules of
//! re-exports. [`demo`] is public whole: its own items (the options, `generate`, and
//! `suspect_records`) are all it shows, its parts being private.

mod base;
mod check;
mod collate;
mod definition;
pub mod demo;
mod link;
mod output;
mod read;

pub use base::calendar::{parse_text_date, Date, Quarter, TextDate};
pub use base::cellref::{a1, CellPos};
pub use base::listed::Listed;
pub use base::text::{plural, thousands};
pub use base::value::Value;
pub use check::cells::loose_quarter;
pub use check::content::{Content, Row};
pub use check::finding::{Finding, Findings, Severity, MAX_FINDINGS};
pub use check::outcome::{validate_book, validate_bytes, Keep, Outcome, RowCounts, Status};
pub use collate::{
    collate, file_name, parse_contacts, quarter_span, quarters_named, ChaseLine, Collation,
    Contact, Disposition, Entry, ForceRow, ForceStatus, ForceToChase, Options, Reconciliation,
    Standing, Tally,
};
pub use definition::codes::{Code, CodeStatus};
pub use definition::{annex_c, parse_expected, Definition, Force};
pub use link::pseudonym::Mask;
pub use link::suspects::{Links, NotCompared, SuspectGroup};
pub use link::victims::Victim;
pub use link::{likelihood, link, reachable_recall, read_labelled, score, Group, Person, Settings};
pub use output::cells::write_value;
pub use output::national::grid::{grid_rows, GridRow};
pub use output::template::{build_filled, Filled, FilledRow};
pub use read::annotated::{set_aside_findings_sheet, FINDINGS_MARKER};
pub use read::{
    is_candidate, read_book, read_bytes, too_large, Book, Format, ReadError, Stored, MAX_FILE_BYTES,
};

/// The structural fingerprint of a workbook or of the definition.
pub mod fingerprint {
    pub use crate::check::fingerprint::{of_book, of_definition, Fingerprint};
}

/// Repeat suspects and victims across a collation: the suspect records taken out
/// ([`prepare`]), linked ([`link`]), or both at once ([`find`]).
pub mod suspects {
    pub use crate::link::suspects::{find, link, prepare, Prepared};
}

/// Repeated findings shown once, as a person reads them: the same mistake in many cells is
/// one group naming the cells as ranges.
pub mod group {
    pub use crate::output::group::{group, Group};
}

/// The JSON of outcomes and collations, keys sorted at every level: what `bridger validate`
/// and `bridger collate` print with `--format json`, and what the browser page shows.
pub mod json {
    pub use crate::output::json::{
        across_forces, force_reason, line, pretty, CollateReport, FileOutcome, PrettyObject,
        SkippedPath,
    };
}

/// The canonical template, as bytes.
pub mod template {
    pub use crate::output::template::build;
}

/// The annotated copy of a return, as bytes.
pub mod report {
    pub use crate::output::report::{build, CopyKind};
}

/// The national workbook: begun ([`begin`]), its rows ([`start`]) while the links' sheets
/// are filled ([`LinkSheets::fill`]), then finished ([`write`]); the chase list as CSV.
pub mod national {
    pub use crate::output::national::chase::chase_csv;
    pub use crate::output::national::{
        begin, plan, start, write, Book, Draft, FilledSheets, LinkSheets, Plan,
    };
}

/// The cell readers and the text and date helpers under them, for the property tests and
/// the fuzz targets.
pub mod cells {
    pub use crate::base::cellref::column_name;
    pub use crate::base::text::{date_text, fold_lower, fold_text, number_text};
    pub use crate::check::cells::{
        display, is_blank, read_count, read_date, read_email, read_list, read_postcode, read_text,
    };
}
