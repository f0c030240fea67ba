//! The memory limit of a worker: this module's allocator refuses an allocation that would
//! take the memory in use past the limit the page sets ([`set_memory_limit`]), as the
//! command line's worker processes are refused past their address-space limit. The
//! refused allocation ends the call with a trap, and [`memory_refused`] tells the page
//! that the file is `too-large` rather than a bug. The browser refusing to grow the
//! module's memory counts the same.
//!
//! Only the browser build (wasm32) uses this allocator; elsewhere the crate is plain.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use wasm_bindgen::prelude::*;

/// The most bytes in use at once (`usize::MAX`, no limit, until the page sets one).
static LIMIT: AtomicUsize = AtomicUsize::new(usize::MAX);
/// The bytes in use now. (Natively, with no allocator of ours, only the tests count.)
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
static IN_USE: AtomicUsize = AtomicUsize::new(0);
/// Whether an allocation has been refused.
static REFUSED: AtomicBool = AtomicBool::new(false);

/// Sets this worker's memory limit, in MB (2^20 bytes).
#[wasm_bindgen]
pub fn set_memory_limit(mb: u32) {
    LIMIT.store((mb as usize).saturating_mul(1 << 20), Ordering::SeqCst);
}

/// Whether an allocation was refused (past the limit, or by the browser): the call that
/// trapped ran out of memory.
#[wasm_bindgen]
pub fn memory_refused() -> bool {
    REFUSED.load(Ordering::SeqCst)
}

/// Counts `grow` more bytes in use; false (and nothing counted) past the limit.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn take(grow: usize) -> bool {
    let limit = LIMIT.load(Ordering::Relaxed);
    let before = IN_USE.fetch_add(grow, Ordering::Relaxed);
    if before.saturating_add(grow) > limit {
        IN_USE.fetch_sub(grow, Ordering::Relaxed);
        REFUSED.store(true, Ordering::SeqCst);
        return false;
    }
    true
}

/// Counts `shrink` bytes no longer in use.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn give(shrink: usize) {
    IN_USE.fetch_sub(shrink, Ordering::Relaxed);
}

#[cfg(target_arch = "wasm32")]
mod capped {
    use std::alloc::{GlobalAlloc, Layout, System};

    use super::{give, take, REFUSED};

    /// The system allocator, counted against the limit.
    struct Capped;

    #[global_allocator]
    static ALLOCATOR: Capped = Capped;

    /// The allocator's pointer, or null (and the bytes given back) when it had none.
    fn checked(p: *mut u8, size: usize) -> *mut u8 {
        if p.is_null() {
            give(size);
            REFUSED.store(true, std::sync::atomic::Ordering::SeqCst);
        }
        p
    }

    #[allow(unsafe_code)]
    // SAFETY: every call is passed to `System` unchanged, or refused with null (which
    // `GlobalAlloc` allows); only the count of bytes in use is added.
    unsafe impl GlobalAlloc for Capped {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            if !take(layout.size()) {
                return std::ptr::null_mut();
            }
            checked(unsafe { System.alloc(layout) }, layout.size())
        }

        unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
            if !take(layout.size()) {
                return std::ptr::null_mut();
            }
            checked(unsafe { System.alloc_zeroed(layout) }, layout.size())
        }

        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            unsafe { System.dealloc(ptr, layout) };
            give(layout.size());
        }

        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            let old = layout.size();
            if new_size > old && !take(new_size - old) {
                return std::ptr::null_mut();
            }
            let p = unsafe { System.realloc(ptr, layout, new_size) };
            if p.is_null() {
                if new_size > old {
                    give(new_size - old);
                }
                REFUSED.store(true, std::sync::atomic::Ordering::SeqCst);
            } else if new_size < old {
                give(old - new_size);
            }
            p
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The count refuses what would pass the limit, says so, and gives back what is freed.
    #[test]
    fn the_limit_refuses_what_would_pass_it() {
        set_memory_limit(1);
        let base = IN_USE.load(Ordering::SeqCst);
        assert!(take(1000));
        assert!(!memory_refused());
        assert!(!take(usize::MAX - base));
        assert!(memory_refused());
        give(1000);
        assert_eq!(IN_USE.load(Ordering::SeqCst), base);
    }
}
