//! Fuzz target `key_read`: `jot::keys::read` must return (a key or an error) for any bytes,
//! never panic, hang or exhaust memory; with the default options and with raw secrets
//! allowed (which changes the fallback for content that is no key format).
#![no_main]

use jot::keys::{read, ReadOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = read(data, &ReadOptions::default());
    let raw = ReadOptions {
        raw_secret: true,
        ..ReadOptions::default()
    };
    let _ = read(data, &raw);
});
