//! Stage 6: every workbook bridger makes, as bytes (or into a writer the caller gives): the
//! canonical template, the annotated copy of a return, and the national workbook; and the
//! JSON of outcomes and collations (`json`), which the command line prints and the browser
//! page shows. Putting
//! them in place (atomically, readable by the owner only, never over an input) is the
//! command line's (`src/files/atomic.rs`).
//!
//! `styles` is the one set of formats and `cells` the one way a
//! [`crate::base::value::Value`] becomes a cell, shared by every workbook written.
//! Nothing here decides anything about a return, and nothing here writes a formula.

pub(crate) mod cells;
pub(crate) mod group;
pub(crate) mod json;
pub(crate) mod national;
pub(crate) mod report;
pub(crate) mod styles;
pub(crate) mod template;
