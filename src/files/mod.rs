//! Everything bridger does with the file system: finding the returns in the folders given
//! ([`discover`]), reading a file's bytes within the size limit ([`load`]), the small
//! files an operator names ([`operator`]), and putting outputs in place atomically
//! ([`atomic`]), each zip written as on Linux ([`made_by`]). The core sees only bytes; this is where paths become bytes and back.

pub mod atomic;
pub mod discover;
pub mod load;
pub mod made_by;
pub mod operator;
