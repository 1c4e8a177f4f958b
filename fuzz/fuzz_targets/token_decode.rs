//! Fuzz target `token_decode`: `jot::token::parse` returns (a token or an error naming the
//! segment) for any text, never panicking, hanging or exhausting memory. Inputs with a NUL
//! byte are also split there into header and payload JSON and base64url-encoded, so the
//! fuzzer reaches the strict JSON parser without first having to discover base64url.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = jot::token::parse(&text);
    if let Some(i) = data.iter().position(|b| *b == 0) {
        let (header, payload) = (&data[..i], &data[i + 1..]);
        let token = format!(
            "{}.{}.c2ln",
            jot::b64::encode(header),
            jot::b64::encode(payload)
        );
        if let Ok(jot::token::Parsed::Jws(j)) = jot::token::parse(&token) {
            // What decode shows must be readable back out of the parsed token.
            let _ = (j.alg(), j.kid(), j.claims());
        }
    }
});
