//! The small files an operator names on the command line: the `--expected` list of forces,
//! the `--contacts` list and the `--pseudonymise` key. Each must be a regular file of at most
//! [`OPERATOR_FILE_CAP`] bytes, refused unread otherwise, so that `/dev/zero` or a pipe
//! can neither hang a run nor exhaust its memory. What the bytes mean is the core's.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use anyhow::{bail, Context, Result};

use bridger_core::{parse_contacts, parse_expected, Contact, Definition, Force, Mask};

/// The most an operator's file (`--expected`, a key file) may hold: far more than any
/// list of forces or key needs, and little enough to read whole.
pub const OPERATOR_FILE_CAP: u64 = 1 << 20;

/// The bytes of a file an operator names (`--expected`, `--pseudonymise`): it must be a
/// regular file of at most [`OPERATOR_FILE_CAP`] bytes. A FIFO, socket, device or folder
/// is refused before it is opened. `what` names the option in messages.
pub fn read_operator_file(path: &Path, what: &str) -> Result<Vec<u8>> {
    let shown = path.display();
    let meta = std::fs::metadata(path)
        .with_context(|| format!("{what} {shown} cannot be opened: check the path"))?;
    if !meta.is_file() {
        bail!("{what} {shown} is not a regular file (it is a folder, FIFO, socket or device): name a file");
    }
    let too_big = || {
        anyhow::anyhow!(
            "{what} {shown} is larger than {} bytes: it cannot be the file meant",
            OPERATOR_FILE_CAP
        )
    };
    if meta.len() > OPERATOR_FILE_CAP {
        return Err(too_big());
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(OPERATOR_FILE_CAP + 1).read_to_end(&mut bytes))
        .with_context(|| format!("reading {what} {shown}"))?;
    if bytes.len() as u64 > OPERATOR_FILE_CAP {
        return Err(too_big());
    }
    Ok(bytes)
}

/// The forces expected to respond, from the `--expected` file at `path` (read here,
/// parsed by the core: [`parse_expected`]).
pub fn read_expected(path: &Path, def: &Definition) -> Result<Vec<Force>> {
    let bytes = read_operator_file(path, "the --expected file")?;
    parse_expected(bytes, &path.display().to_string(), def)
}

/// Whom to ask at forces that sent no return, from the `--contacts` file at `path` (read
/// here, parsed by the core: [`parse_contacts`]), by force code.
pub fn read_contacts(path: &Path, def: &Definition) -> Result<BTreeMap<String, Contact>> {
    let bytes = read_operator_file(path, "the --contacts file")?;
    parse_contacts(bytes, &path.display().to_string(), def)
}

/// The mask for `--pseudonymise KEYFILE`: the key is the file's bytes without the white
/// space around them, at least 16 of them.
pub fn mask_from_key_file(path: &Path) -> Result<Mask> {
    let key = read_operator_file(path, "the key file")?;
    let key = key.trim_ascii().to_vec();
    if key.len() < 16 {
        bail!("the key in {} is {} bytes; use at least 16 random bytes (e.g. head -c 32 /dev/urandom | base64 > {})", path.display(), key.len(), path.display());
    }
    Ok(Mask::Pseudonymise(key))
}

#[cfg(test)]
mod tests {
    use super::*;
    use bridger_core::annex_c;

    #[cfg(unix)]
    #[test]
    fn expected_from_a_device_or_a_folder_is_refused_unread() {
        let err = read_expected(Path::new("/dev/zero"), annex_c()).unwrap_err();
        assert!(err.to_string().contains("not a regular file"), "{err}");
        let dir = tempfile::tempdir().unwrap();
        assert!(read_expected(dir.path(), annex_c()).is_err());
        let big = dir.path().join("big.csv");
        std::fs::write(&big, vec![b'x'; OPERATOR_FILE_CAP as usize + 1]).unwrap();
        let err = read_expected(&big, annex_c()).unwrap_err();
        assert!(err.to_string().contains("larger than"), "{err}");
    }

    #[test]
    fn a_missing_expected_file_is_refused_with_what_to_check() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("missing.csv");
        let err = read_expected(&missing, annex_c()).unwrap_err().to_string();
        assert!(
            err.contains("missing.csv cannot be opened: check the path"),
            "{err}"
        );
    }

    #[test]
    fn the_expected_file_is_named_in_its_errors_as_given() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("expected.csv");
        std::fs::write(&path, "kent\nAtlantis Police\n").unwrap();
        let err = format!("{:#}", read_expected(&path, annex_c()).unwrap_err());
        assert!(err.starts_with(&path.display().to_string()), "{err}");
    }
}
