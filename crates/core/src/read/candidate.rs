//! Which names in a folder are workbooks to read: the one rule the command line applies
//! when it searches a folder, and the browser page when a folder is dropped on it. It looks
//! at the name only, never at the file.

use std::path::Path;

/// Whether a path names a workbook that bridger should pick up from a folder. Names that
/// are not valid UTF-8 and names with a leading dot are taken (a return must never go
/// missing because of its name); Office and LibreOffice lock files and bridger's own
/// temporary files are not.
pub fn is_candidate(path: &Path) -> bool {
    let Some(name) = path.file_name() else {
        return false;
    };
    let name = name.to_string_lossy();
    if name.starts_with("~$") || name.starts_with(".~lock.") || name.ends_with(".bridger.tmp") {
        return false;
    }
    let lower = name.to_ascii_lowercase();
    [".xlsx", ".xlsm", ".xls", ".ods"]
        .iter()
        .any(|ext| lower.ends_with(ext))
}
