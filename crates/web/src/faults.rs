//! What the page's worker learns when a call into this module fails: whether the reader
//! panicked (a bug: `internal-error`). In the browser a panic and a refused allocation
//! both end the call with the same trap, so the panic is recorded here first (the refusal
//! is recorded by `memory`).
//!
//! With the `test-hooks` feature, [`fault`] makes a worker loop, exhaust its memory or
//! panic on demand, for the browser tests of containment.

use std::sync::Mutex;

use wasm_bindgen::prelude::*;

/// The message of the last panic, if any.
static PANIC: Mutex<Option<String>> = Mutex::new(None);

/// Records every panic's message for [`last_panic`].
pub(crate) fn record_panics() {
    std::panic::set_hook(Box::new(|info| {
        if let Ok(mut last) = PANIC.lock() {
            *last = Some(info.to_string());
        }
    }));
}

/// The message of the panic that ended the last call, or `None` when none did.
#[wasm_bindgen]
pub fn last_panic() -> Option<String> {
    PANIC.lock().ok().and_then(|p| p.clone())
}

/// Test hook: `loop` never returns, `alloc` takes memory until none is left, `panic`
/// panics; anything else does nothing.
#[cfg(feature = "test-hooks")]
#[wasm_bindgen]
pub fn fault(kind: &str) {
    match kind {
        "loop" => {
            let mut n = 0u64;
            loop {
                n = std::hint::black_box(n.wrapping_add(1));
            }
        }
        "alloc" => {
            let mut hoard: Vec<Vec<u8>> = Vec::new();
            loop {
                hoard.push(vec![1u8; 64 << 20]);
                std::hint::black_box(&hoard);
            }
        }
        "panic" => panic!("test fault: panic"),
        _ => {}
    }
}
