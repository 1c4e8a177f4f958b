//! Fuzz target `sd_jwt`: `jot::sdjwt::parse` and `jot::sdjwt::inspect::inspect` return (an
//! SD-JWT or an error naming the part) for any text, and `rebuild` returns claims or a
//! reason for any payload and disclosures, never panicking, hanging or exhausting memory.
//! Inputs with a NUL byte are split there into a payload and a disclosure array, both
//! base64url-encoded behind a fixed header, so the fuzzer reaches the digest walk without
//! first having to discover base64url.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = jot::sdjwt::parse(&text);
    let _ = jot::sdjwt::inspect::inspect(&text);
    if let Some(i) = data.iter().position(|b| *b == 0) {
        let (payload, disclosure) = (&data[..i], &data[i + 1..]);
        let token = format!(
            "eyJhbGciOiJFUzI1NiJ9.{}.c2ln~{}~",
            jot::b64::encode(payload),
            jot::b64::encode(disclosure)
        );
        let _ = jot::sdjwt::inspect::inspect(&token);
    }
});
