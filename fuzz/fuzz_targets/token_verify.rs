//! Fuzz target `token_verify`: `jot::token::verify::verify` with a fixed HS256 key and a
//! demanding policy returns a verdict for any text, never panicking, and never calls a
//! token valid unless its HMAC is right. As in `token_decode`, a NUL byte splits the input
//! into header and payload JSON that are encoded and then correctly signed, so the fuzzer
//! explores the claim checks behind a valid signature.
#![no_main]

use std::sync::OnceLock;

use jot::alg::Alg;
use jot::keys::{Jwk, Key, Secret};
use jot::token::verify::{verify, Policy};
use libfuzzer_sys::fuzz_target;

const NOW: i64 = 1_700_000_000;

fn key() -> &'static Jwk {
    static KEY: OnceLock<Jwk> = OnceLock::new();
    KEY.get_or_init(|| Jwk::new(Key::Oct(Secret::new(b"fuzz-key-0123456789abcdef-0123456".to_vec()))))
}

fn policy() -> &'static Policy {
    static POLICY: OnceLock<Policy> = OnceLock::new();
    POLICY.get_or_init(|| Policy {
        iss: Some("https://issuer.example".into()),
        aud: vec!["api".into()],
        require_exp: true,
        leeway: 60,
        max_age: Some(3600),
        denylist: ["revoked".to_string()].into_iter().collect(),
        ..Policy::default()
    })
}

fuzz_target!(|data: &[u8]| {
    let keys = std::slice::from_ref(key());
    let text = String::from_utf8_lossy(data);
    let v = verify(&text, keys, policy(), NOW);
    if v.valid {
        // Only an HMAC under the one key can make text valid: never alg none or another alg.
        assert_eq!(v.alg.as_deref(), Some("HS256"));
    }

    if let Some(i) = data.iter().position(|b| *b == 0) {
        let input = format!(
            "{}.{}",
            jot::b64::encode(&data[..i]),
            jot::b64::encode(&data[i + 1..])
        );
        let Ok(sig) = key().sign(Alg::HS256, input.as_bytes()) else { return };
        let token = format!("{input}.{}", jot::b64::encode(&sig));
        let v = verify(&token, keys, policy(), NOW);
        if v.valid {
            // A valid verdict means every check of the policy passed.
            let c = v.claims.as_ref().and_then(|c| c.as_object()).expect("claims object");
            assert_eq!(c.get("iss").and_then(|s| s.as_str()), Some("https://issuer.example"));
            assert!(c.contains_key("exp") && c.contains_key("iat"));
            assert_eq!(v.alg.as_deref(), Some("HS256"));
        }
    }
});
