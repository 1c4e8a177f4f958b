//! In-process JWE throughput for `scripts/bench-jwe`: encrypt and decrypt tokens/s on one
//! thread for each alg × enc row, a fixed payload size, and each case time-boxed.
//!
//! Usage: bench_jwe PAYLOAD_BYTES MILLISECONDS_PER_CASE
//! Prints one line per case: `ALG ENC KEY encrypt_per_s decrypt_per_s`.

use std::time::{Duration, Instant};

use jot::alg::{Enc, KeyAlg};
use jot::jwe::{decrypt, encrypt, EncryptOptions, JweKey, Policy};
use jot::keys::{Jwk, Key, Secret};

fn rate(budget: Duration, mut f: impl FnMut()) -> f64 {
    let start = Instant::now();
    let mut n = 0u64;
    while start.elapsed() < budget || n < 3 {
        f();
        n += 1;
    }
    n as f64 / start.elapsed().as_secs_f64()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let size: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(1024);
    let ms: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(500);
    let budget = Duration::from_millis(ms);
    let rsa: serde_json::Value =
        serde_json::from_str(include_str!("../src/keys/vectors/rfc7515_a2.json")).expect("vector");
    let rsa = JweKey::Jwk(
        jot::keys::read(rsa["jwk"].to_string().as_bytes(), &Default::default())
            .expect("rsa")
            .select(None)
            .expect("one"),
    );
    let mut p256 = jot::keys::generate(jot::alg::Alg::ES256, None, None).expect("p256");
    p256.alg = None;
    p256.use_ = None;
    let p256 = JweKey::Jwk(p256);
    let x25519 = JweKey::Jwk(Jwk::new(Key::X25519(
        jot::keys::x25519_generate().expect("x"),
    )));
    let oct = |n: usize| JweKey::Jwk(Jwk::new(Key::Oct(Secret::new(vec![9u8; n]))));
    let pass = JweKey::Passphrase(Secret::new(b"bench passphrase".to_vec()));
    let cases: Vec<(KeyAlg, Enc, &str, JweKey)> = vec![
        (KeyAlg::Dir, Enc::A256Gcm, "oct-32", oct(32)),
        (KeyAlg::Dir, Enc::A128Gcm, "oct-16", oct(16)),
        (KeyAlg::Dir, Enc::A128CbcHs256, "oct-32", oct(32)),
        (KeyAlg::Dir, Enc::A256CbcHs512, "oct-64", oct(64)),
        (KeyAlg::A256Kw, Enc::A256Gcm, "oct-32", oct(32)),
        (KeyAlg::A256GcmKw, Enc::A256Gcm, "oct-32", oct(32)),
        (KeyAlg::RsaOaep256, Enc::A256Gcm, "RSA-2048", rsa.clone()),
        (KeyAlg::RsaOaep, Enc::A256Gcm, "RSA-2048", rsa),
        (KeyAlg::EcdhEs, Enc::A256Gcm, "P-256", p256.clone()),
        (KeyAlg::EcdhEsA256Kw, Enc::A256Gcm, "P-256", p256),
        (KeyAlg::EcdhEsA256Kw, Enc::A256Gcm, "X25519", x25519),
        (KeyAlg::Pbes2Hs256A128Kw, Enc::A128Gcm, "p2c=10000", pass),
    ];
    let payload = vec![b'x'; size];
    let policy = Policy::default();
    for (alg, enc, what, key) in cases {
        if cfg!(not(feature = "aws-lc")) && what == "RSA-2048" {
            continue;
        }
        let o = EncryptOptions {
            alg: Some(alg),
            enc,
            p2c: 10_000,
            ..EncryptOptions::default()
        };
        let token = encrypt(&key, &o, &payload).expect("encrypt");
        let keys = std::slice::from_ref(&key);
        assert_eq!(
            decrypt(&token, keys, &policy)
                .expect("decrypt")
                .plaintext
                .len(),
            size
        );
        let e = rate(budget, || drop(encrypt(&key, &o, &payload)));
        let d = rate(budget, || drop(decrypt(&token, keys, &policy)));
        println!("{} {} {what} {e:.0} {d:.0}", alg.name(), enc.name());
    }
}
