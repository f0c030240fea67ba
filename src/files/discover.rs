//! Finding the workbooks to read: files named directly are always taken; folders are
//! searched (with `walkdir`, never following links to folders) for `.xlsx`, `.xlsm`,
//! `.xls` and `.ods`, skipping Office lock files.
//!
//! It only lists paths; it never opens a workbook, and never drops anything silently:
//! every path it was given is either listed or refused with a reason, and everything it
//! passes over in a folder (a link out of the folder or back into it, a FIFO, a socket,
//! a device, a second name for a file already listed) is returned as [`Skipped`] so that
//! it is reported. Each real file (device and inode; on Windows, volume and file index) is
//! listed once. It must never open a
//! FIFO, socket or device, nor follow a link out of the folder it was given.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::{bail, Result};
use walkdir::WalkDir;

/// Something passed over while looking for workbooks, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    /// The path as found.
    pub path: PathBuf,
    /// Why it was not read, as a phrase ("a FIFO, not a file: never opened").
    pub why: String,
}

/// The workbooks to read and the things passed over.
#[derive(Clone, Debug, Default)]
pub struct Found {
    /// The files to read, sorted, each real file once.
    pub files: Vec<PathBuf>,
    /// What was passed over, sorted by path, each with its reason.
    pub skipped: Vec<Skipped>,
}

pub use bridger_core::is_candidate;

/// Expands files and folders into the files to check, sorted, each once. Files named
/// directly are always taken (unless they are a FIFO, socket or device, which are never
/// opened); folders are searched recursively. A path that does not exist is an error
/// naming it, as is a search that finds no workbook at all.
pub fn find(paths: &[PathBuf]) -> Result<Found> {
    let mut seen = Vec::new();
    let mut skipped = Vec::new();
    for p in paths {
        let Ok(meta) = std::fs::metadata(p) else {
            if std::fs::symlink_metadata(p).is_ok() {
                bail!(
                    "{} is a link to nothing (its target does not exist): check the path",
                    p.display()
                );
            }
            bail!("{} does not exist: check the path", p.display());
        };
        if meta.is_dir() {
            walk(p, &mut seen, &mut skipped);
        } else if let Some(why) = special(&meta.file_type()) {
            skipped.push(Skipped {
                path: p.clone(),
                why,
            });
        } else {
            seen.push(Seen::new(p.clone(), false, &meta));
        }
    }
    let files = once_each(seen, &mut skipped);
    skipped.sort_by(|a, b| a.path.cmp(&b.path));
    if files.is_empty() {
        let mut msg = format!(
            "no workbooks (.xlsx, .xlsm, .xls, .ods) found in {}",
            paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
        for s in &skipped {
            msg.push_str(&format!("; skipped {}: {}", s.path.display(), s.why));
        }
        bail!("{msg}: name the folder or files that hold the returns");
    }
    Ok(Found { files, skipped })
}

/// A file found, with its identity so that each real file is read once.
struct Seen {
    path: PathBuf,
    via_link: bool,
    id: Option<(u64, u64)>,
}

impl Seen {
    fn new(path: PathBuf, via_link: bool, meta: &std::fs::Metadata) -> Self {
        Seen {
            id: identity(&path, meta),
            path,
            via_link,
        }
    }
}

/// Device and inode of the file at `path` whose metadata is `meta` (on Unix), or its
/// volume serial number and file index (on Windows, for a file or folder: the standard
/// library does not give them, so the system is asked); elsewhere none, and files are told
/// apart by path.
pub fn identity(path: &Path, meta: &std::fs::Metadata) -> Option<(u64, u64)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let _ = path;
        Some((meta.dev(), meta.ino()))
    }
    #[cfg(windows)]
    {
        (meta.is_file() || meta.is_dir())
            .then(|| crate::windows::identity::of(path))
            .flatten()
    }
    #[cfg(not(any(unix, windows)))]
    {
        let _ = (path, meta);
        None
    }
}

/// [`identity`] of whatever is at `path`, or `None` when nothing can be read there.
pub fn identity_at(path: &Path) -> Option<(u64, u64)> {
    std::fs::metadata(path)
        .ok()
        .and_then(|m| identity(path, &m))
}

/// Why a file of this type is never opened, or `None` for a regular file.
fn special(ft: &std::fs::FileType) -> Option<String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let what = if ft.is_fifo() {
            "a FIFO (named pipe)"
        } else if ft.is_socket() {
            "a socket"
        } else if ft.is_block_device() || ft.is_char_device() {
            "a device"
        } else {
            return None;
        };
        Some(format!("{what}, not a file: never opened"))
    }
    #[cfg(not(unix))]
    {
        let _ = ft;
        None
    }
}

/// Each real file once: of several names for one file, a name that is not a link wins,
/// then the first in order; the others are skipped with the name kept.
fn once_each(mut seen: Vec<Seen>, skipped: &mut Vec<Skipped>) -> Vec<PathBuf> {
    seen.sort_by(|a, b| (a.via_link, &a.path).cmp(&(b.via_link, &b.path)));
    let mut kept: HashMap<(u64, u64), PathBuf> = HashMap::new();
    let mut files = Vec::new();
    for s in seen {
        match s.id {
            Some(id) => {
                if let Some(first) = kept.get(&id) {
                    if *first != s.path {
                        skipped.push(Skipped {
                            path: s.path,
                            why: format!("the same file as {}: read once", first.display()),
                        });
                    }
                    continue;
                }
                kept.insert(id, s.path.clone());
                files.push(s.path);
            }
            None => files.push(s.path),
        }
    }
    files.sort();
    files.dedup();
    files
}

/// The workbooks under `dir`, never following a link to a folder. A folder or file that
/// cannot be read is listed itself (so that it is reported as unreadable).
fn walk(dir: &Path, seen: &mut Vec<Seen>, skipped: &mut Vec<Skipped>) {
    let root = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let walker = WalkDir::new(dir).follow_links(false).sort_by_file_name();
    for entry in walker {
        let e = match entry {
            Ok(e) => e,
            Err(e) => {
                if let Some(path) = e.path() {
                    if path.is_dir() || is_candidate(path) {
                        seen.push(Seen {
                            path: path.to_path_buf(),
                            via_link: false,
                            id: None,
                        });
                    }
                }
                continue;
            }
        };
        let ft = e.file_type();
        if ft.is_dir() {
            continue;
        }
        if ft.is_symlink() {
            link(e.path(), &root, seen, skipped);
            continue;
        }
        if !is_candidate(e.path()) {
            continue;
        }
        if let Some(why) = special(&ft) {
            skipped.push(Skipped {
                path: e.into_path(),
                why,
            });
            continue;
        }
        match e.metadata() {
            Ok(meta) => seen.push(Seen::new(e.into_path(), false, &meta)),
            Err(_) => seen.push(Seen {
                path: e.into_path(),
                via_link: false,
                id: None,
            }),
        }
    }
}

/// A link found in a folder: a link to a workbook inside the folder is read (once, with
/// its target); a link to a folder, a link out of the folder, a broken link or a link to
/// a FIFO, socket or device is skipped with the reason.
fn link(path: &Path, root: &Path, seen: &mut Vec<Seen>, skipped: &mut Vec<Skipped>) {
    let mut skip = |why: String| {
        skipped.push(Skipped {
            path: path.to_path_buf(),
            why,
        })
    };
    let (Ok(target), Ok(meta)) = (std::fs::canonicalize(path), std::fs::metadata(path)) else {
        if is_candidate(path) {
            skip("a link to nothing (its target does not exist)".to_string());
        }
        return;
    };
    if !meta.is_dir() && !is_candidate(path) && !is_candidate(&target) {
        return;
    }
    if !target.starts_with(root) {
        skip(format!(
            "a link leading out of the folder (to {}): not followed",
            target.display()
        ));
        return;
    }
    if meta.is_dir() {
        let why = if root.starts_with(&target) {
            "a link back to a folder it is in (a loop): not followed"
        } else {
            "a link to a folder inside the folder: not followed (its files are read where they are)"
        };
        skip(why.to_string());
        return;
    }
    if let Some(why) = special(&meta.file_type()) {
        skip(format!("a link to {why}"));
        return;
    }
    seen.push(Seen::new(path.to_path_buf(), true, &meta));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The files found, as [`find`] lists them, dropping what was skipped: for tests that
    /// look only at what was found. A path that does not exist is
    /// kept, so that it is reported as unreadable.
    fn discover(paths: &[PathBuf]) -> Vec<PathBuf> {
        let mut out = Vec::new();
        for p in paths {
            match find(std::slice::from_ref(p)) {
                Ok(found) => out.extend(found.files),
                Err(_) if !p.is_dir() => out.push(p.clone()),
                Err(_) => {}
            }
        }
        out.sort();
        out.dedup();
        out
    }

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
    fn folders_are_searched_for_workbooks_skipping_lock_files_but_not_dot_files() {
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
                ".b.xlsx.tmp.xlsx",
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
    fn links_to_folders_are_reported_not_followed_and_a_linked_file_is_read_once() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        touch(&root.join("elsewhere/linked.xlsx"));
        touch(&root.join("returns/own.xlsx"));
        let link =
            |to: &str, at: &str| std::os::unix::fs::symlink(root.join(to), root.join(at)).unwrap();
        link("elsewhere", "returns/link");
        link("returns", "returns/loop");
        link("returns", "returns/loop2");
        link("returns/own.xlsx", "returns/again.xlsx");
        link("elsewhere/linked.xlsx", "returns/out.xlsx");
        let found = find(&[root.join("returns")]).unwrap();
        assert_eq!(found.files, [root.join("returns/own.xlsx")]);
        let why: Vec<(String, &str)> = found
            .skipped
            .iter()
            .map(|s| {
                let name = s.path.file_name().unwrap().to_string_lossy().into_owned();
                (name, s.why.split(' ').nth(3).unwrap_or(""))
            })
            .collect();
        assert_eq!(
            why,
            [
                ("again.xlsx".to_string(), "as"),
                ("link".to_string(), "out"),
                ("loop".to_string(), "to"),
                ("loop2".to_string(), "to"),
                ("out.xlsx".to_string(), "out"),
            ]
        );
    }

    #[test]
    fn a_missing_path_or_a_folder_without_workbooks_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let err = find(&[dir.path().join("nosuchdir")]).unwrap_err();
        assert!(err.to_string().contains("does not exist"), "{err}");
        let err = find(&[dir.path().to_path_buf()]).unwrap_err();
        assert!(err.to_string().contains("no workbooks"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn fifos_are_skipped_never_opened_and_odd_names_are_listed() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let fifo = root.join("x.xlsx");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.unwrap().success());
        let odd = root.join(std::ffi::OsStr::from_bytes(b"k\xffent.xlsx"));
        touch(&odd);
        touch(&root.join(".cheshire-2016-17-Q1.xlsx"));
        let found = find(&[root.to_path_buf()]).unwrap();
        assert_eq!(found.files.len(), 2);
        assert_eq!(found.skipped.len(), 1);
        assert!(found.skipped[0].why.contains("FIFO"), "{:?}", found.skipped);
    }
}
