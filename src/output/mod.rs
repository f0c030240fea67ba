//! Stage 6: every file bridger writes: atomically, readable by its owner only, and never
//! over an input. The canonical template, the annotated copy of a return, and the
//! national workbook.

pub mod atomic;
pub mod cells;
pub mod national;
pub mod report;
pub mod styles;
pub mod template;
