//! bridger: the Annex C quarterly return of crimes and incidents against MPs (Operation
//! Bridger), from the canonical template to the national analysis.
//!
//! The library does all the work and never prints; `main.rs` only parses arguments, calls
//! these functions, renders what they return and sets the exit code. Everything is derived
//! from one definition ([`definition`]), so the template, its fingerprint, the rules and the
//! national workbook's columns cannot drift apart.

pub mod cellref;
pub mod collate;
pub mod dates;
pub mod definition;
pub mod demo;
pub mod finding;
pub mod fingerprint;
pub mod linkage;
pub mod links;
pub mod names;
pub mod national;
pub mod output;
pub mod report;
pub mod rules;
pub mod structure;
pub mod template;
pub mod validate;
pub mod values;
pub mod workbook;
