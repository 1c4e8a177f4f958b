//! The attack suite: every case is a token (or key) an attacker controls, named after the
//! defence it guards. Each asserts a refusal (exit 1, or 2 for unreadable input), names the
//! reason where one is expected, and checks that nothing panicked.

mod bulk;
mod claims;
mod forgery;
mod keys_and_secrets;
mod malformed;

use jot::alg::Alg;
use jot::keys::Jwk;

use crate::token_common::b64;

/// A compact token over raw header and payload text, signed by `key` with `alg` (the
/// library's signer, which signs any header: what an attacker with that key can make).
fn forge_with(key: &Jwk, alg: Alg, header: &str, payload: &str) -> String {
    let input = format!("{}.{}", b64(header.as_bytes()), b64(payload.as_bytes()));
    let sig = key.sign(alg, input.as_bytes()).expect("sign");
    format!("{input}.{}", b64(&sig))
}

/// A fresh key the verifier has never seen.
fn attacker(alg: Alg) -> Jwk {
    jot::keys::generate(alg, None, None).expect("generate")
}
