//! Stage 5: repeat suspects and repeat victims across force boundaries, from the rows that
//! collation accepted.

pub mod engine;
pub mod nicknames;
pub mod suspects;
