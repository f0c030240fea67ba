//! Stage 6: every file bridger writes: atomically, readable by its owner only, and never
//! over an input. The canonical template, the annotated copy of a return, and the
//! national workbook.
//!
//! `atomic` puts files in place; `styles` is the one set of formats and `cells` the one
//! way a [`crate::base::value::Value`] becomes a cell, shared by every workbook written.
//! Nothing here decides anything about a return, and nothing here writes a formula.

pub mod atomic;
pub mod cells;
pub mod national;
pub mod report;
pub mod styles;
pub mod template;
