//! Fuzz target `jwe_decrypt`: `jot::jwe::decrypt` must return a plaintext or a failure for
//! any token, never panic, hang or allocate without bound. The input is tried twice: as
//! the token text, and split on 0xff into five raw segments that are base64url-encoded
//! (so the fuzzer reaches the header JSON, key management and content decryption).
#![no_main]

use std::sync::OnceLock;

use jot::jwe::{decrypt, JweKey, Policy};
use jot::keys::{Jwk, Key, Secret};
use libfuzzer_sys::fuzz_target;

fn keys() -> &'static [JweKey] {
    static K: OnceLock<Vec<JweKey>> = OnceLock::new();
    K.get_or_init(|| {
        let mut ec = jot::keys::generate(jot::alg::Alg::ES256, None, None).expect("keygen");
        ec.alg = None;
        ec.use_ = None;
        vec![
            JweKey::Jwk(Jwk::new(Key::Oct(Secret::new(vec![7; 32])))),
            JweKey::Jwk(Jwk::new(Key::Oct(Secret::new(vec![7; 16])))),
            JweKey::Jwk(ec),
            JweKey::Jwk(Jwk::new(Key::X25519(jot::keys::x25519_generate().expect("x25519")))),
            JweKey::Passphrase(Secret::new(b"fuzz".to_vec())),
        ]
    })
}

fuzz_target!(|data: &[u8]| {
    // Small bounds keep each run fast: PBKDF2 and inflation are bounded by the policy.
    let p = Policy {
        max_p2c: 2000,
        max_plaintext: 64 * 1024,
        ..Policy::default()
    };
    let _ = decrypt(&String::from_utf8_lossy(data), keys(), &p);
    let segs: Vec<String> = data.split(|b| *b == 0xff).map(jot::b64::encode).collect();
    let _ = decrypt(&segs.join("."), keys(), &p);
});
