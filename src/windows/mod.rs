//! What bridger needs of Windows that the standard library does not give: worker processes
//! held in Job Objects ([`job`]), Ctrl+C and a closed console window removing a temporary
//! output ([`console`]), and a file's identity by volume and file index ([`identity`]).
//! Each is the Windows side of something done on Unix with the system's own calls, called
//! from the same places; nothing here is compiled elsewhere.

pub mod console;
pub mod identity;
pub mod job;
