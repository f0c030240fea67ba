//! Stage 3: what is wrong with a return. The structural fingerprint and the exact account
//! of a modified template, the cell readers, SPEC.md's rules, and the verdict per file.
//!
//! It reads workbooks only through [`crate::read`] and knows the template only through
//! [`crate::definition`]; it never writes anything.

pub mod cells;
pub mod content;
pub mod finding;
pub mod fingerprint;
pub mod outcome;
pub mod rules;
pub mod structure;
