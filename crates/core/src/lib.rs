//! bridger: the Annex C quarterly return of crimes and incidents against MPs (Operation
//! Bridger), from the canonical template to the national analysis.
//!
//! The library does all the work and never prints; `main.rs` only parses arguments, calls
//! these functions, renders what they return and sets the exit code. Everything is derived
//! from one definition ([`definition`]), so the template, its fingerprint, the rules and the
//! national workbook's columns cannot drift apart.
//!
//! The modules are the stages of the pipeline, and each imports only from the stages
//! before it:
//!
//! ```text
//! base → definition → read → check → collate → link → output → (demo, cli)
//! ```

pub mod base;
pub mod check;
pub mod collate;
pub mod definition;
pub mod demo;
pub mod link;
pub mod output;
pub mod read;

pub use base::cellref::CellPos;
pub use base::dates::{Date, Quarter};
pub use base::value::Value;
pub use check::content::{Content, Row};
pub use check::finding::{Code, Finding, Findings, Severity, MAX_FINDINGS};
pub use check::outcome::{validate_bytes, Keep, Outcome, RowCounts, Status};
pub use definition::{annex_c, parse_expected, Definition, Force};
pub use link::pseudonym::Mask;
pub use read::{read_book, too_large, Book, Format, ReadError, MAX_FILE_BYTES};
