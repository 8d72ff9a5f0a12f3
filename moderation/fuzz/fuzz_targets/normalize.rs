//! The normaliser on any bytes read as UTF-8: both views map every byte back to a
//! non-empty, non-decreasing range on character boundaries of the input, and normalising
//! never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use moderation::fuzzing;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Err(e) = fuzzing::check_offset_maps(&text) {
        panic!("{e}: {text:?}");
    }
    let _ = fuzzing::views(&text);
});
