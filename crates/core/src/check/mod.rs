//! Stage 3: what is wrong with a return. The structural fingerprint and the exact account
//! of a modified template, the cell readers, the rules of `docs/annex-c.md`, and the
//! verdict per file.
//!
//! It reads workbooks only through [`crate::read`] and knows the template only through
//! [`crate::definition`]; it never writes anything.

pub(crate) mod cells;
pub(crate) mod content;
pub(crate) mod finding;
pub(crate) mod fingerprint;
pub(crate) mod outcome;
pub(crate) mod rules;
pub(crate) mod structure;
