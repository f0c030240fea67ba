//! Finding the workbooks to read: files named directly are always taken; folders are
//! searched for `.xlsx`, `.xlsm`, `.xls` and `.ods`, skipping Office lock files.

use std::path::{Path, PathBuf};

/// Whether a path names a workbook that bridger should pick up from a folder.
pub fn is_candidate(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    if name.starts_with("~$") || name.starts_with(".~lock.") || name.starts_with('.') {
        return false;
    }
    let lower = name.to_ascii_lowercase();
    [".xlsx", ".xlsm", ".xls", ".ods"]
        .iter()
        .any(|ext| lower.ends_with(ext))
}

/// Expands files and folders into the files to check, sorted, each once. Files named
/// directly are always taken; folders are searched (recursively) for workbooks, skipping
/// Office lock files. A path that does not exist is kept, so it is reported.
pub fn discover(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk(p, &mut out);
        } else {
            out.push(p.clone());
        }
    }
    out.sort();
    out.dedup();
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        out.push(dir.to_path_buf());
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            walk(&path, out);
        } else if is_candidate(&path) {
            out.push(path);
        }
    }
}
