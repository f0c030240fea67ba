//! (a) Any bytes as a whole file: sniffing, reading (.xlsx, .xlsm, .ods, .xls, .csv...),
//! fingerprint and validation, as `bridger validate` does them.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = bridger_fuzz::validate_bytes(data);
});
