//! A file's identity on Windows: its volume's serial number and its file index, which tell
//! two names for one file apart as device and inode do on Unix ([`crate::files::discover`],
//! [`crate::files::atomic`]). The standard library keeps these behind an unstable
//! feature, so the file is opened (for no access at all, sharing everything, so that no
//! other program is kept from the file) and the system asked.

use std::os::windows::fs::OpenOptionsExt;
use std::os::windows::io::AsRawHandle;
use std::path::Path;

use windows_sys::Win32::Storage::FileSystem::{
    GetFileInformationByHandle, BY_HANDLE_FILE_INFORMATION, FILE_FLAG_BACKUP_SEMANTICS,
    FILE_SHARE_DELETE, FILE_SHARE_READ, FILE_SHARE_WRITE,
};

/// The volume serial number and file index of the file or folder at `path`, or `None`
/// when it cannot be opened or the system does not say.
#[allow(unsafe_code)]
pub fn of(path: &Path) -> Option<(u64, u64)> {
    let file = std::fs::OpenOptions::new()
        .access_mode(0)
        .share_mode(FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE)
        // Folders can be opened only with this flag.
        .custom_flags(FILE_FLAG_BACKUP_SEMANTICS)
        .open(path)
        .ok()?;
    // SAFETY: all-zero is a valid BY_HANDLE_FILE_INFORMATION (integers and FILETIMEs).
    let mut info: BY_HANDLE_FILE_INFORMATION = unsafe { std::mem::zeroed() };
    // SAFETY: the handle is open for the duration of the call (`file` lives to the end of
    // this function) and `info` is a writable struct of the right type.
    let ok = unsafe { GetFileInformationByHandle(file.as_raw_handle(), &mut info) };
    if ok == 0 {
        return None;
    }
    let index = (u64::from(info.nFileIndexHigh) << 32) | u64::from(info.nFileIndexLow);
    Some((u64::from(info.dwVolumeSerialNumber), index))
}
