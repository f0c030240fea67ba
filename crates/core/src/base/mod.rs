//! Stage 0 of the pipeline: small, dependable pieces every later stage uses (calendar
//! dates and quarters, A1 references, text folding, the deterministic random numbers, an
//! error that lists several problems).
//!
//! It imports nothing of bridger's own, so anything may use it and it can never be the
//! end of an import cycle.

pub(crate) mod calendar;
pub(crate) mod cellref;
pub(crate) mod listed;
pub(crate) mod rng;
pub(crate) mod text;
pub(crate) mod value;
