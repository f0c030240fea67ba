//! Writing output files: atomically, readable by their owner only, never over an input.
//!
//! Returns hold sensitive personal data, so everything bridger writes is created with mode
//! 0600 (on Unix) and appears only once complete: the bytes go to a temporary file in the
//! destination folder, are flushed to disk, and the file is renamed over the destination.
//! A failure part-way leaves any previous output untouched and no half-written file.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

/// Writes `bytes` to `path` atomically, creating the file readable by its owner only.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomic_with(path, |file| {
        file.write_all(bytes).map_err(anyhow::Error::from)
    })
}

/// Like [`write_atomic`], with `fill` writing the content into the temporary file (so that
/// a large output need not be held in memory first).
pub fn write_atomic_with(
    path: &Path,
    fill: impl FnOnce(&mut std::fs::File) -> Result<()>,
) -> Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        bail!(
            "cannot write {}: the folder {} does not exist",
            path.display(),
            dir.display()
        );
    }
    let name = path
        .file_name()
        .context("the output path has no file name")?
        .to_string_lossy();
    let mut attempt = 0u32;
    let (tmp, mut file) = loop {
        let tmp = dir.join(format!(
            ".{name}.bridger-{}-{attempt}.tmp",
            std::process::id()
        ));
        match open_private(&tmp) {
            Ok(f) => break (tmp, f),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && attempt < 100 => {
                attempt += 1
            }
            Err(e) => {
                return Err(e)
                    .with_context(|| format!("creating a temporary file in {}", dir.display()))
            }
        }
    };
    let result = fill(&mut file)
        .and_then(|()| file.sync_all().map_err(anyhow::Error::from))
        .with_context(|| format!("writing {}", tmp.display()))
        .and_then(|()| {
            // A failure between writing and renaming, simulated so that the tests can show
            // that it leaves the previous output untouched and no temporary file behind.
            if std::env::var_os("BRIDGER_TEST_FAIL_BEFORE_RENAME").is_some() {
                anyhow::bail!("simulated failure before renaming into place (BRIDGER_TEST_FAIL_BEFORE_RENAME is set)");
            }
            std::fs::rename(&tmp, path)
                .with_context(|| format!("renaming the output into place at {}", path.display()))
        });
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(unix)]
fn open_private(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
}

#[cfg(not(unix))]
fn open_private(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
}

/// Refuses an output path that is one of the inputs (or inside the inputs' reach by
/// being the same file under another name).
pub fn ensure_not_input(out: &Path, inputs: &[PathBuf]) -> Result<()> {
    let out_canon = std::fs::canonicalize(out).ok();
    for input in inputs {
        let same = match (&out_canon, std::fs::canonicalize(input).ok()) {
            (Some(a), Some(b)) => *a == b,
            _ => out == input.as_path(),
        };
        if same {
            bail!("the output {} is one of the inputs: choose another --out path, inputs are never overwritten", out.display());
        }
    }
    Ok(())
}
