//! Ctrl+C, Ctrl+Break and closing the console window (or logging off, or shutting down)
//! remove the temporary output being written, as SIGINT, SIGTERM and SIGHUP do on Unix
//! ([`crate::files::atomic`]): a console control handler, installed when the first
//! temporary file is made, deletes every pending temporary file and then lets Windows end
//! the process as it would have. Windows runs the handler in a thread of its own, so it
//! may lock and allocate. A file still open is deleted when its last handle closes, as the
//! process ends. When Ctrl+C is ignored (a process started with it disabled), it stays
//! ignored: Windows does not call the handler for it.
//!
//! Also whether a process still runs, for removing the temporary files of a run that was
//! killed outright ([`process_is_gone`]).

use std::path::{Path, PathBuf};
use std::sync::{Mutex, Once};

use windows_sys::core::BOOL;
use windows_sys::Win32::Foundation::{
    CloseHandle, GetLastError, ERROR_INVALID_PARAMETER, WAIT_OBJECT_0,
};
use windows_sys::Win32::System::Console::SetConsoleCtrlHandler;
use windows_sys::Win32::System::Threading::{
    OpenProcess, WaitForSingleObject, PROCESS_QUERY_LIMITED_INFORMATION, PROCESS_SYNCHRONIZE,
};

/// The temporary files being written (a run's outputs are all written before any is
/// renamed).
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
static INSTALL: Once = Once::new();

/// Removes `path` if the console is interrupted or closed before [`forget`].
#[allow(unsafe_code)]
pub fn remove_if_interrupted(path: &Path) {
    PENDING
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .push(path.to_path_buf());
    INSTALL.call_once(|| {
        // SAFETY: `handler` has the signature Windows calls; adding a handler has no other
        // effect. A failure (no console at all) leaves nothing to interrupt.
        unsafe {
            SetConsoleCtrlHandler(Some(handler), 1);
        }
    });
}

/// The temporary file `path` is gone (renamed into place, or removed): nothing to do.
pub fn forget(path: &Path) {
    PENDING
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .retain(|p| p != path);
}

/// Whether no process `pid` runs (so a temporary file it named is stale). A process that
/// exists but may not be looked at (another user's) is not gone.
#[allow(unsafe_code)]
pub fn process_is_gone(pid: u32) -> bool {
    if pid == 0 {
        return false;
    }
    // SAFETY: OpenProcess only opens a handle, closed below; a null handle is checked.
    unsafe {
        let handle = OpenProcess(
            PROCESS_QUERY_LIMITED_INFORMATION | PROCESS_SYNCHRONIZE,
            0,
            pid,
        );
        if handle.is_null() {
            return GetLastError() == ERROR_INVALID_PARAMETER;
        }
        let ended = WaitForSingleObject(handle, 0) == WAIT_OBJECT_0;
        CloseHandle(handle);
        ended
    }
}

/// Deletes every pending temporary file, then hands the event on (returns false), so that
/// Windows ends the process as it would have without this handler.
#[allow(unsafe_code)]
unsafe extern "system" fn handler(_event: u32) -> BOOL {
    let pending = std::mem::take(&mut *PENDING.lock().unwrap_or_else(|p| p.into_inner()));
    for path in pending {
        let _ = std::fs::remove_file(path);
    }
    0
}
