//! Finding the workbooks to read: files named directly are always taken; folders are
//! searched (with `walkdir`, following links to folders) for `.xlsx`, `.xlsm`, `.xls`
//! and `.ods`, skipping Office lock files and hidden files.
//!
//! It only lists paths; it never opens a workbook, and never drops a path it was given:
//! a file named directly, or a folder that cannot be read, is listed so that it is
//! reported.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

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

/// The workbooks under `dir`. A folder that cannot be read is listed itself (so that it
/// is reported as unreadable); a link back to a folder already being searched is not
/// followed again.
fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let walker = WalkDir::new(dir).follow_links(true).sort_by_file_name();
    for entry in walker {
        match entry {
            Ok(e) => {
                if !e.file_type().is_dir() && is_candidate(e.path()) {
                    out.push(e.into_path());
                }
            }
            Err(e) if e.loop_ancestor().is_some() => {}
            Err(e) => {
                if let Some(path) = e.path() {
                    if path.is_dir() || is_candidate(path) {
                        out.push(path.to_path_buf());
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(path: &Path) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, b"").unwrap();
    }

    /// The paths found, relative to `root`.
    fn found(root: &Path, paths: &[PathBuf]) -> Vec<String> {
        discover(paths)
            .iter()
            .map(|p| {
                p.strip_prefix(root)
                    .unwrap_or(p)
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect()
    }

    #[test]
    fn folders_are_searched_for_workbooks_skipping_lock_and_hidden_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for name in [
            "b.xlsx",
            "a.ODS",
            "sub/c.xlsm",
            "sub/deeper/d.xls",
            ".hidden/e.xlsx",
            "notes.txt",
            "~$b.xlsx",
            ".~lock.a.ods#",
            ".b.xlsx.tmp.xlsx",
        ] {
            touch(&root.join(name));
        }
        assert_eq!(
            found(root, &[root.to_path_buf()]),
            [
                ".hidden/e.xlsx",
                "a.ODS",
                "b.xlsx",
                "sub/c.xlsm",
                "sub/deeper/d.xls"
            ]
        );
    }

    #[test]
    fn named_files_are_kept_sorted_and_once() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        touch(&root.join("x.xlsx"));
        let named = [
            root.join("notes.txt"),
            root.join("missing.xlsx"),
            root.join("x.xlsx"),
            root.to_path_buf(),
        ];
        assert_eq!(found(root, &named), ["missing.xlsx", "notes.txt", "x.xlsx"]);
    }

    #[cfg(unix)]
    #[test]
    fn links_to_folders_are_followed_but_a_loop_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        touch(&root.join("elsewhere/linked.xlsx"));
        touch(&root.join("returns/own.xlsx"));
        std::os::unix::fs::symlink(root.join("elsewhere"), root.join("returns/link")).unwrap();
        std::os::unix::fs::symlink(root.join("returns"), root.join("returns/loop")).unwrap();
        assert_eq!(
            found(root, &[root.join("returns")]),
            ["returns/link/linked.xlsx", "returns/own.xlsx"]
        );
    }
}
