//! Writing output files: atomically, readable by their owner only, never over an input.
//!
//! Returns hold sensitive personal data, so everything bridger writes is created with mode
//! 0600 (on Unix) and appears only once complete: the bytes go to a temporary file in the
//! destination folder (`tempfile`), are flushed to disk, and the file is renamed over the
//! destination. A failure part-way leaves any previous output untouched and no
//! half-written file. It must never write over one of the inputs.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use tempfile::NamedTempFile;

/// Writes `bytes` to `path` atomically, creating the file readable by its owner only.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomic_with(path, |file| {
        std::io::Write::write_all(file, bytes).map_err(anyhow::Error::from)
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
    let mut tmp = temporary(&dir, &name)
        .with_context(|| format!("creating a temporary file in {}", dir.display()))?;
    let tmp_path = tmp.path().to_path_buf();
    fill(tmp.as_file_mut())
        .and_then(|()| tmp.as_file().sync_all().map_err(anyhow::Error::from))
        .with_context(|| format!("writing {}", tmp_path.display()))?;
    // A failure between writing and renaming, simulated so that the tests can show that it
    // leaves the previous output untouched and no temporary file behind (dropping `tmp`
    // removes it).
    if std::env::var_os("BRIDGER_TEST_FAIL_BEFORE_RENAME").is_some() {
        bail!(
            "simulated failure before renaming into place (BRIDGER_TEST_FAIL_BEFORE_RENAME is set)"
        );
    }
    tmp.persist(path)
        .map_err(|e| e.error)
        .with_context(|| format!("renaming the output into place at {}", path.display()))?;
    Ok(())
}

/// A temporary file beside the output, named `.<name>.<random>.bridger.tmp`: hidden (a
/// dot-file), so that a folder being collated never picks it up, and created readable and
/// writable by its owner only.
fn temporary(dir: &Path, name: &str) -> std::io::Result<NamedTempFile> {
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".bridger.tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o600));
    }
    builder.tempfile_in(dir)
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The names in a folder, sorted.
    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn writes_the_bytes_replacing_what_was_there_and_leaves_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("national.xlsx");
        std::fs::write(&out, b"old").unwrap();
        write_atomic(&out, b"new bytes").unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), b"new bytes");
        assert_eq!(names(dir.path()), ["national.xlsx"]);
    }

    #[cfg(unix)]
    #[test]
    fn the_output_is_readable_by_its_owner_only() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out.xlsx");
        write_atomic(&out, b"x").unwrap();
        let mode = std::fs::metadata(&out).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    #[test]
    fn a_failing_fill_leaves_the_previous_output_and_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out.xlsx");
        std::fs::write(&out, b"previous").unwrap();
        let err = write_atomic_with(&out, |file| {
            std::io::Write::write_all(file, b"half")?;
            bail!("the writer failed")
        })
        .unwrap_err();
        assert!(format!("{err:#}").contains("the writer failed"), "{err:#}");
        assert_eq!(std::fs::read(&out).unwrap(), b"previous");
        assert_eq!(names(dir.path()), ["out.xlsx"]);
    }

    #[test]
    fn the_temporary_file_is_hidden_beside_the_output() {
        let dir = tempfile::tempdir().unwrap();
        let tmp = temporary(dir.path(), "out.xlsx").unwrap();
        let name = tmp
            .path()
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        assert!(name.starts_with(".out.xlsx."), "{name}");
        assert!(!crate::read::discover::is_candidate(tmp.path()), "{name}");
    }

    #[test]
    fn a_missing_folder_or_an_input_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("nowhere").join("out.xlsx");
        let err = write_atomic(&missing, b"x").unwrap_err();
        assert!(err.to_string().contains("does not exist"), "{err}");
        let input = dir.path().join("kent.xlsx");
        std::fs::write(&input, b"x").unwrap();
        assert!(ensure_not_input(&input, std::slice::from_ref(&input)).is_err());
        let other = dir.path().join("national.xlsx");
        assert!(ensure_not_input(&other, &[input]).is_ok());
    }
}
