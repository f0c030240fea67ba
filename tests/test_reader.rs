//! The reader's bounds and the values, on hostile returns built inside each test from the
//! real template: nothing a return contains crashes, wraps, or borrows another cell's text.

mod common;

use std::path::{Path, PathBuf};

use common::*;

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

/// A valid one-incident return for Kent, written into `dir`.
fn valid_return(dir: &Path) -> PathBuf {
    write_return(
        dir,
        "Kent Police",
        vec![incident(
            "INC-1",
            ("Alex Marlowe", "Northbridge and Vale"),
            [
                Some(t("Smith")),
                Some(t("John")),
                None,
                Some(t("SW1A 1AA")),
                None,
            ],
        )],
    )
}

/// Copies `src` to `dst.xlsx` in `dir` with `edit` applied to the entry named `part`.
fn with_part(
    dir: &Path,
    src: &Path,
    name: &str,
    part: &str,
    edit: impl Fn(String) -> String,
) -> PathBuf {
    let dst = dir.join(name);
    rewrite_zip(
        src,
        &dst,
        |n, bytes| {
            if n == part {
                Some(edit(String::from_utf8(bytes).unwrap()).into_bytes())
            } else {
                Some(bytes)
            }
        },
        &[],
    );
    dst
}

#[test]
fn postcode_with_a_non_ascii_letter_is_a_finding_not_a_panic() {
    let dir = tmp();
    let path = write_return(
        dir.path(),
        "Kent Police",
        vec![incident(
            "INC-1",
            ("Alex Marlowe", "Northbridge and Vale"),
            [
                Some(t("Smith")),
                Some(t("John")),
                None,
                Some(t("SW1é AA")),
                None,
            ],
        )],
    );
    let (code, v) = validate_json(&path);
    assert_eq!(code, 1, "{v}");
    assert!(codes(&v).iter().any(|(c, _)| c == "not-a-postcode"), "{v}");
}
