//! Fuzz target `dpop_check`: `jot::dpop::check` returns a report (or a "not a token"
//! error) for any `DPoP` header value, never panicking, and never calls a proof valid
//! whose signature was not made by its key; `jot::dpop::htu::normalise` never panics and
//! its normal forms are fixed points. A NUL byte splits the input into header and payload
//! JSON that are base64url-encoded (with a junk signature), so the fuzzer reaches the jwk,
//! alg and claim checks without first having to discover base64url.
#![no_main]

use jot::dpop::{check, htu, Expect};
use libfuzzer_sys::fuzz_target;

fn expect() -> Expect<'static> {
    Expect {
        htm: "POST",
        htu: "https://server.example.com/token",
        access_token: Some("access-token"),
        nonce: Some("nonce"),
        jkt: None,
        jkt_from_token: true,
        max_age: 300,
        leeway: 60,
        now: 1_562_262_616,
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(n) = htu::normalise(&text) {
        assert_eq!(htu::normalise(&n).as_deref(), Ok(n.as_str()), "{text:?}");
    }
    let _ = check(&text, &expect());
    if let Some(i) = data.iter().position(|b| *b == 0) {
        let (header, payload) = (&data[..i], &data[i + 1..]);
        let proof = format!(
            "{}.{}.c2ln",
            jot::b64::encode(header),
            jot::b64::encode(payload)
        );
        if let Ok(r) = check(&proof, &expect()) {
            // "sig" is no signature any key makes over this input.
            assert!(!r.valid, "a proof with a junk signature passed: {proof}");
        }
    }
});
