//! Writing output files: atomically, readable by their owner only, never over an input.
//!
//! Returns hold sensitive personal data, so everything bridger writes is created with mode
//! 0600 (on Unix) and appears only once complete: the bytes go to a temporary file in the
//! destination folder (`tempfile`), are flushed to disk, and the file is renamed over the
//! destination. A failure part-way leaves any previous output untouched and no
//! half-written file. A run's outputs are checked together before anything is read
//! ([`check_outputs`]) and put in place together once all are written ([`Batch`]), so a run
//! that cannot write one of them writes none. It must never write over one of the inputs.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use tempfile::NamedTempFile;

/// Writes `bytes` to `path` atomically, creating the file readable by its owner only.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut batch = Batch::new();
    batch.add(path, bytes)?;
    batch.commit()
}

/// The outputs of one run, all or none: each is written in full to a temporary file beside
/// its destination, and [`Batch::commit`] renames them into place only once every one is
/// written. Dropped without a commit (an output could not be written), the temporary files
/// are removed and no destination is touched. The renames themselves, one per output in
/// folders already written in, are the only step that can leave some outputs in place and
/// not others.
#[derive(Default)]
pub struct Batch {
    pending: Vec<(NamedTempFile, PathBuf)>,
}

impl Batch {
    /// A batch with nothing in it yet.
    pub fn new() -> Batch {
        Batch::default()
    }

    /// Writes `bytes` to a temporary file beside `path`, to be renamed into place at commit.
    pub fn add(&mut self, path: &Path, bytes: &[u8]) -> Result<()> {
        self.add_with(path, |file| {
            std::io::Write::write_all(file, bytes).map_err(anyhow::Error::from)
        })
    }

    /// Like [`Batch::add`], with `fill` writing the content into the temporary file.
    pub fn add_with(
        &mut self,
        path: &Path,
        fill: impl FnOnce(&mut std::fs::File) -> Result<()>,
    ) -> Result<()> {
        let dir = folder_of(path);
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
        remove_stale(&dir);
        let mut tmp = temporary(&dir, &name)
            .with_context(|| format!("creating a temporary file in {}", dir.display()))?;
        let tmp_path = tmp.path().to_path_buf();
        let filled = fill(tmp.as_file_mut())
            .and_then(|()| Ok(super::made_by::unix_made_by(tmp.as_file_mut()).map(drop)?))
            .and_then(|()| tmp.as_file().sync_all().map_err(anyhow::Error::from))
            .with_context(|| format!("writing {}", tmp_path.display()));
        if filled.is_err() {
            drop(tmp);
            on_signal::forget(&tmp_path);
            return filled;
        }
        self.pending.push((tmp, path.to_path_buf()));
        Ok(())
    }

    /// Renames every output into place, in the order they were added.
    pub fn commit(mut self) -> Result<()> {
        // A failure between writing and renaming, simulated so that the tests can show that
        // it leaves the previous outputs untouched and no temporary file behind (dropping
        // the batch removes them). Only in a build with the `test-hooks` feature.
        #[cfg(feature = "test-hooks")]
        if std::env::var_os("BRIDGER_TEST_FAIL_BEFORE_RENAME").is_some() {
            bail!(
                "simulated failure before renaming into place (BRIDGER_TEST_FAIL_BEFORE_RENAME is set)"
            );
        }
        // A pause with every output written and none in place, so that a test can interrupt
        // the run then, whatever the speed of the machine (`tests/wine/run.sh`: Ctrl+C).
        #[cfg(feature = "test-hooks")]
        if let Some(s) = std::env::var_os("BRIDGER_TEST_PAUSE_BEFORE_RENAME") {
            let seconds = s.to_str().and_then(|s| s.parse().ok()).unwrap_or(0);
            std::thread::sleep(std::time::Duration::from_secs(seconds));
        }
        for (tmp, path) in std::mem::take(&mut self.pending) {
            let tmp_path = tmp.path().to_path_buf();
            let persisted = tmp.persist(&path);
            on_signal::forget(&tmp_path);
            persisted
                .map_err(|e| e.error)
                .with_context(|| format!("renaming the output into place at {}", path.display()))?;
        }
        Ok(())
    }
}

impl Drop for Batch {
    fn drop(&mut self) {
        for (tmp, _) in std::mem::take(&mut self.pending) {
            let tmp_path = tmp.path().to_path_buf();
            drop(tmp);
            on_signal::forget(&tmp_path);
        }
    }
}

/// The folder `path` is in (`.` for a bare file name).
fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Removes temporary files of ours in `dir` whose process is gone (killed with SIGKILL,
/// or by a power cut): `.<name>.<pid>.<random>.bridger.tmp` where no process `<pid>`
/// runs. On Unix and Windows, where the system says whether a process runs; elsewhere
/// such a file is left. A file that cannot be removed is left, silently (it is not this run's
/// business to fail over it).
fn remove_stale(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = stale_pid(&name.to_string_lossy()) else {
            continue;
        };
        if pid != std::process::id() && on_signal::process_is_gone(pid) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The process id in a temporary file name of ours, or `None` for any other name.
fn stale_pid(name: &str) -> Option<u32> {
    let rest = name.strip_prefix('.')?.strip_suffix(".bridger.tmp")?;
    let (rest, _random) = rest.rsplit_once('.')?;
    let (_, pid) = rest.rsplit_once('.')?;
    pid.parse().ok()
}

/// Removing the temporary file when the run is interrupted (SIGINT, SIGTERM, SIGHUP when
/// the terminal or SSH session goes away, SIGQUIT): a handler, installed when the first
/// temporary file is made, unlinks the file being written (an async-signal-safe call) and
/// then lets the signal end the process as it would have. A signal the process was started
/// ignoring (`nohup`, a background job's SIGINT) stays ignored. Several files may be
/// pending at once (a run's outputs are renamed together). SIGKILL cannot be caught:
/// [`remove_stale`] cleans up after it at the next write.
///
/// The system calls are rustix's, safe, but for installing the handler (and putting back
/// the default action before raising the signal again): rustix has no safe call for that,
/// so those two stay `libc::signal` under `unsafe`, as does reading back the C strings
/// the handler is given through atomics.
#[cfg(unix)]
#[allow(unsafe_code)]
mod on_signal {
    use std::ffi::{CStr, CString};
    use std::os::unix::ffi::OsStrExt;
    use std::path::Path;
    use std::sync::atomic::{AtomicPtr, Ordering};
    use std::sync::Once;

    use rustix::process::{getpid, kill_process, test_kill_process, Pid, Signal};

    /// The signals that remove the pending temporary files.
    const SIGNALS: [Signal; 4] = [Signal::INT, Signal::TERM, Signal::HUP, Signal::QUIT];

    /// The temporary files being written (a run's outputs are all written before any is
    /// renamed), as C strings, or null. Strings are leaked (one per output written) so that
    /// the handler can never read freed memory.
    static PENDING: [AtomicPtr<std::ffi::c_char>; SLOTS] =
        [const { AtomicPtr::new(std::ptr::null_mut()) }; SLOTS];
    /// More outputs at once than any command writes. A temporary file beyond them is not
    /// removed on a signal; the next write into its folder removes it ([`super::remove_stale`]).
    const SLOTS: usize = 8;
    static INSTALL: Once = Once::new();

    /// Removes `path` if SIGINT or SIGTERM arrives before [`forget`].
    pub fn remove_if_interrupted(path: &Path) {
        if let Ok(c) = CString::new(path.as_os_str().as_bytes()) {
            let raw = c.into_raw();
            let null = std::ptr::null_mut();
            let _ = PENDING.iter().any(|s| {
                s.compare_exchange(null, raw, Ordering::SeqCst, Ordering::SeqCst)
                    .is_ok()
            });
        }
        INSTALL.call_once(|| {
            for sig in SIGNALS.map(Signal::as_raw) {
                // SAFETY: `handler` only makes async-signal-safe calls (unlink, signal,
                // kill) and reads atomics; putting back SIG_IGN is always sound.
                unsafe {
                    let before = libc::signal(sig, handler as *const () as libc::sighandler_t);
                    if before == libc::SIG_IGN {
                        libc::signal(sig, libc::SIG_IGN);
                    }
                }
            }
        });
    }

    /// Whether no process `pid` exists (so a temporary file it named is stale). A process
    /// that exists but belongs to someone else (EPERM) is not gone.
    pub fn process_is_gone(pid: u32) -> bool {
        let Some(pid) = i32::try_from(pid).ok().and_then(Pid::from_raw) else {
            return false;
        };
        // kill with signal 0 sends nothing; it only checks that the process exists.
        test_kill_process(pid) == Err(rustix::io::Errno::SRCH)
    }

    /// The temporary file `path` is gone (renamed into place, or removed): nothing to do.
    pub fn forget(path: &Path) {
        let Ok(want) = CString::new(path.as_os_str().as_bytes()) else {
            return;
        };
        for slot in &PENDING {
            let p = slot.load(Ordering::SeqCst);
            // SAFETY: a slot holds null or a leaked, NUL-terminated C string, never freed.
            if !p.is_null() && unsafe { CStr::from_ptr(p) } == want.as_c_str() {
                let _ = slot.compare_exchange(
                    p,
                    std::ptr::null_mut(),
                    Ordering::SeqCst,
                    Ordering::SeqCst,
                );
            }
        }
    }

    extern "C" fn handler(sig: libc::c_int) {
        for slot in &PENDING {
            let path = slot.swap(std::ptr::null_mut(), Ordering::SeqCst);
            if !path.is_null() {
                // SAFETY: `path` is a leaked, NUL-terminated C string, never freed.
                let path = unsafe { CStr::from_ptr(path) };
                // One system call, nothing allocated: async-signal-safe.
                let _ = rustix::fs::unlink(path);
            }
        }
        // SAFETY: signal is async-signal-safe, and SIG_DFL is always a sound action.
        unsafe {
            libc::signal(sig, libc::SIG_DFL);
        }
        if let Some(signal) = SIGNALS.into_iter().find(|s| s.as_raw() == sig) {
            let _ = kill_process(getpid(), signal);
        }
    }
}

/// On Windows, Ctrl+C and closing the console window do what the signals do on Unix.
#[cfg(windows)]
use crate::windows::console as on_signal;

#[cfg(not(any(unix, windows)))]
mod on_signal {
    pub fn remove_if_interrupted(_: &std::path::Path) {}
    pub fn forget(_: &std::path::Path) {}
    /// Without a portable way to ask, a temporary file of another process is kept.
    pub fn process_is_gone(_: u32) -> bool {
        false
    }
}

/// A temporary file beside the output, named `.<name>.<pid>.<random>.bridger.tmp`, known
/// to the signal handler from before it is created
/// (the process id, so that a later run can tell a stale one): hidden (a
/// dot-file), so that a folder being collated never picks it up, and created readable and
/// writable by its owner only.
fn temporary(dir: &Path, name: &str) -> std::io::Result<NamedTempFile> {
    let prefix = format!(".{name}.{}.", std::process::id());
    tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(".bridger.tmp")
        .make_in(dir, |path| {
            // Registered before the file exists, so that no signal can fall between its
            // creation and its registration and leave it behind.
            on_signal::remove_if_interrupted(path);
            let mut options = std::fs::OpenOptions::new();
            options.read(true).write(true).create_new(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                options.mode(0o600);
            }
            options.open(path)
        })
}

/// What an output holds, which its name must say: Excel and the file manager open a
/// file by the end of its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// An Excel workbook, whose name ends `.xlsx`.
    Workbook,
    /// A CSV file, whose name ends `.csv`.
    Csv,
}

impl Format {
    /// The extension the name must end with, without the dot.
    fn extension(self) -> &'static str {
        match self {
            Format::Workbook => "xlsx",
            Format::Csv => "csv",
        }
    }

    /// What bridger writes, in words.
    fn what(self) -> &'static str {
        match self {
            Format::Workbook => "an Excel workbook (.xlsx)",
            Format::Csv => "a CSV file (.csv)",
        }
    }
}

/// One output of a run: the option that names it (for messages), its path and what it holds.
#[derive(Clone, Copy, Debug)]
pub struct Output<'a> {
    /// The option, such as `--out`.
    pub option: &'static str,
    /// The path given.
    pub path: &'a Path,
    /// What is written there.
    pub format: Format,
}

/// Refuses, before anything is read, every output this run could not write or should not:
/// each is checked by [`check_output`] against the paths given, must not be the
/// `--expected` file nor another output, must be named for what it holds (`.xlsx`, `.csv`),
/// and its folder must exist and take a new file (one is created there and removed). So a
/// run either can write all of its outputs or stops before reading anything. `paths` are
/// the inputs as given; after discovery, [`check_output`] checks each output against the
/// files found as well.
pub fn check_outputs(outputs: &[Output], paths: &[PathBuf], expected: Option<&Path>) -> Result<()> {
    for (i, o) in outputs.iter().enumerate() {
        let shown = o.path.display();
        check_output(o.path, paths, &[])?;
        if expected.is_some_and(|e| same_file(o.path, e)) {
            bail!(
                "{} {shown} is the --expected file, the list of forces expected: choose another name for the output, an input is never overwritten",
                o.option
            );
        }
        if let Some(earlier) = outputs[..i].iter().find(|e| same_file(e.path, o.path)) {
            bail!(
                "{} {shown} is the same file as {}: give each output its own name",
                o.option,
                earlier.option
            );
        }
        check_name(o)?;
        check_folder(o)?;
    }
    Ok(())
}

/// Whether two paths name the same file: as given, by identity (device and inode, on
/// Windows volume and file index) when both exist, or with their folders resolved.
pub(crate) fn same_file(a: &Path, b: &Path) -> bool {
    let id = crate::files::discover::identity_at;
    a == b
        || id(a).is_some_and(|i| Some(i) == id(b))
        || resolved(a).is_some_and(|r| Some(r) == resolved(b))
}

/// Refuses an output whose name does not end with the extension of what is written there,
/// naming the name it should have.
fn check_name(o: &Output) -> Result<()> {
    let ext = o.format.extension();
    if o.path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(ext))
    {
        return Ok(());
    }
    bail!(
        "{} {}: bridger writes {}; give a name ending .{ext}, such as {}",
        o.option,
        o.path.display(),
        o.format.what(),
        o.path.with_extension(ext).display()
    )
}

/// Refuses an output whose folder does not exist or does not take a new file: a temporary
/// file is created there, as the write will, and removed.
fn check_folder(o: &Output) -> Result<()> {
    let dir = folder_of(o.path);
    let shown = o.path.display();
    if !dir.is_dir() {
        bail!(
            "{} {shown}: the folder {} does not exist: create it first, or write to a folder that exists",
            o.option,
            dir.display()
        );
    }
    let name = o.path.file_name().unwrap_or_default().to_string_lossy();
    match temporary(&dir, &name) {
        Ok(tmp) => {
            let tmp_path = tmp.path().to_path_buf();
            drop(tmp);
            on_signal::forget(&tmp_path);
            Ok(())
        }
        Err(e) => {
            let why = match e.kind() {
                std::io::ErrorKind::PermissionDenied => "you may not write there".to_string(),
                std::io::ErrorKind::ReadOnlyFilesystem => "it is on a read-only disk".to_string(),
                _ => e.to_string(),
            };
            bail!(
                "{} {shown}: a file cannot be written in the folder {} ({why}): choose a folder you can write to",
                o.option,
                dir.display()
            )
        }
    }
}

/// Refuses, before anything is read, an output path that could lose or leak data: one
/// of the inputs or any file found among them (by device and inode, on Windows by volume
/// and file index, so another name for the same file is caught), a path inside a folder of
/// inputs (even one that does not exist yet: the next run would read it as a return), a
/// folder, a FIFO, a socket or a device. `paths` are the files and folders as given; `files` the workbooks found.
pub fn check_output(out: &Path, paths: &[PathBuf], files: &[PathBuf]) -> Result<()> {
    let shown = out.display();
    if let Ok(meta) = std::fs::metadata(out) {
        if meta.is_dir() {
            bail!(
                "the output {shown} is a folder: name a file to write, such as {}",
                out.join("national.xlsx").display()
            );
        }
        if !meta.is_file() {
            bail!("the output {shown} is a device, FIFO or socket, not a regular file: name a file to write");
        }
        let id = crate::files::discover::identity(out, &meta);
        let same = |p: &PathBuf| id.is_some() && crate::files::discover::identity_at(p) == id;
        if let Some(input) = paths.iter().chain(files).find(|p| same(p)) {
            bail!(
                "the output {shown} is one of the inputs ({}): choose another output path, inputs are never overwritten",
                input.display()
            );
        }
    }
    let Some(resolved) = resolved(out) else {
        return Ok(());
    };
    for folder in paths.iter().filter(|p| p.is_dir()) {
        let Ok(canon) = std::fs::canonicalize(folder) else {
            continue;
        };
        let folder_id = crate::files::discover::identity_at(&canon);
        let inside = resolved.starts_with(&canon)
            || resolved.ancestors().skip(1).any(|a| {
                folder_id.is_some() && crate::files::discover::identity_at(a) == folder_id
            });
        if inside {
            bail!(
                "the output {shown} is inside the returns folder {}: write it outside the returns folder, so that it can never be read as a return",
                folder.display()
            );
        }
    }
    Ok(())
}

/// The output path with its folder's links, `.` and `..` resolved (the file itself need
/// not exist), or `None` when the folder does not exist.
fn resolved(out: &Path) -> Option<PathBuf> {
    if let Ok(canon) = std::fs::canonicalize(out) {
        return Some(canon);
    }
    let dir = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    Some(std::fs::canonicalize(dir).ok()?.join(out.file_name()?))
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

    /// A build without the `test-hooks` feature (a release build) puts its outputs in
    /// place whatever `BRIDGER_TEST_FAIL_BEFORE_RENAME` says. Run by `.ci/run` without
    /// the feature.
    #[cfg(not(feature = "test-hooks"))]
    #[test]
    fn without_test_hooks_the_rename_failure_variable_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("national.xlsx");
        std::env::set_var("BRIDGER_TEST_FAIL_BEFORE_RENAME", "1");
        write_atomic(&out, b"new bytes").unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), b"new bytes");
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
        let err = Batch::new()
            .add_with(&out, |file| {
                std::io::Write::write_all(file, b"half")?;
                bail!("the writer failed")
            })
            .unwrap_err();
        assert!(format!("{err:#}").contains("the writer failed"), "{err:#}");
        assert_eq!(std::fs::read(&out).unwrap(), b"previous");
        assert_eq!(names(dir.path()), ["out.xlsx"]);
    }

    #[test]
    fn a_batch_puts_nothing_in_place_unless_every_output_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.xlsx"), dir.path().join("b.csv"));
        std::fs::write(&b, b"previous").unwrap();
        let mut batch = Batch::new();
        batch.add(&a, b"workbook").unwrap();
        let err = batch
            .add_with(&b, |file| {
                std::io::Write::write_all(file, b"half")?;
                bail!("the disk filled up")
            })
            .unwrap_err();
        assert!(format!("{err:#}").contains("the disk filled up"), "{err:#}");
        drop(batch);
        assert_eq!(names(dir.path()), ["b.csv"]);
        assert_eq!(std::fs::read(&b).unwrap(), b"previous");
        let mut batch = Batch::new();
        batch.add(&a, b"workbook").unwrap();
        batch.add(&b, b"chase").unwrap();
        assert_eq!(names(dir.path()).len(), 3, "a written, not yet in place");
        batch.commit().unwrap();
        assert_eq!(names(dir.path()), ["a.xlsx", "b.csv"]);
        assert_eq!(std::fs::read(&b).unwrap(), b"chase");
    }

    #[test]
    fn outputs_are_checked_together_before_anything_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let out = |p: &'static str, path| Output {
            option: p,
            path,
            format: if p == "--chase" {
                Format::Csv
            } else {
                Format::Workbook
            },
        };
        let n = dir.path().join("n.xlsx");
        let exp = dir.path().join("expected.csv");
        std::fs::write(&exp, b"kent").unwrap();
        let check =
            |outputs: &[Output]| check_outputs(outputs, &[], Some(&exp)).map_err(|e| e.to_string());
        assert!(check(&[out("--out", &n)]).is_ok());
        assert!(check(&[out("--out", &n), out("--chase", &exp)])
            .unwrap_err()
            .contains("is the --expected file"));
        let err = check(&[out("--out", &n), out("--chase", &n)]).unwrap_err();
        assert!(err.contains("is the same file as --out"), "{err}");
        let xls = dir.path().join("n.xls");
        let err = check(&[out("--out", &xls)]).unwrap_err();
        assert!(
            err.ends_with(&format!(
                "give a name ending .xlsx, such as {}",
                n.display()
            )),
            "{err}"
        );
        let missing = dir.path().join("no").join("n.xlsx");
        let err = check(&[out("--out", &missing)]).unwrap_err();
        assert!(err.contains("does not exist"), "{err}");
        // The probe leaves nothing behind.
        assert_eq!(names(dir.path()), ["expected.csv"]);
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
        assert!(!crate::files::discover::is_candidate(tmp.path()), "{name}");
    }

    #[test]
    fn a_stale_temporary_file_of_a_dead_process_is_removed_at_the_next_write() {
        let dir = tempfile::tempdir().unwrap();
        // Above Linux's largest process id: no such process.
        let stale = dir.path().join(".national.xlsx.4194305.AbC123.bridger.tmp");
        let ours_running = dir.path().join(format!(
            ".national.xlsx.{}.xyz.bridger.tmp",
            std::process::id()
        ));
        let other = dir.path().join(".notes.4194305.txt");
        for p in [&stale, &ours_running, &other] {
            std::fs::write(p, b"x").unwrap();
        }
        write_atomic(&dir.path().join("national.xlsx"), b"x").unwrap();
        assert_eq!(stale_pid(".a.b.xlsx.12.r.bridger.tmp"), Some(12));
        assert_eq!(stale.exists(), !cfg!(any(target_os = "linux", windows)));
        assert!(ours_running.exists() && other.exists());
    }

    #[test]
    fn a_missing_folder_or_an_input_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("nowhere").join("out.xlsx");
        let err = write_atomic(&missing, b"x").unwrap_err();
        assert!(err.to_string().contains("does not exist"), "{err}");
        let input = dir.path().join("kent.xlsx");
        std::fs::write(&input, b"x").unwrap();
        let given = std::slice::from_ref(&input);
        assert!(check_output(&input, given, given).is_err());
        let other = dir.path().join("national.xlsx");
        assert!(check_output(&other, given, given).is_ok());
        let folder = [dir.path().to_path_buf()];
        let err = check_output(&other, &folder, given).unwrap_err();
        assert!(
            err.to_string().contains("outside the returns folder"),
            "{err}"
        );
        let dotted = dir
            .path()
            .join("../")
            .join(dir.path().file_name().unwrap())
            .join("./kent.xlsx");
        assert!(check_output(&dotted, &folder, given).is_err());
        assert!(check_output(dir.path(), &[], &[]).is_err());
        #[cfg(unix)]
        assert!(check_output(Path::new("/dev/null"), &[], &[]).is_err());
    }
}
