//! Tests of the JWE domain: RFC known answers (`kat`), the attack list of issue 10
//! (`attacks`), encrypt→decrypt property tests for every alg × enc pair (`props`), the JSON
//! serializations' known answers, round trips and refusals (`json`) and Project Wycheproof's
//! vectors for the primitives under JWE (`wycheproof`).
//! Shared fixtures live here.

mod attacks;
mod json;
mod kat;
mod props;
mod rfc7520;
mod wycheproof;

use serde_json::Value;

use super::{decrypt, encrypt, EncryptOptions, JweKey, Policy};
use crate::alg::{Curve, Enc, KeyAlg, KeyAlgFamily};
use crate::keys::{self, Jwk, Key, ReadOptions, Secret};

/// A JWK from JSON, through the same reader the CLI uses.
fn jwk(v: &Value) -> Jwk {
    keys::read(v.to_string().as_bytes(), &ReadOptions::default())
        .expect("test JWK reads")
        .select(None)
        .expect("one key")
}

/// The known-answer vectors (src/jwe/vectors/kat.json).
fn kat() -> Value {
    serde_json::from_str(include_str!("vectors/kat.json")).expect("vector JSON")
}

/// A 2048-bit RSA private key (RFC 7515 A.2's), so tests need no slow key generation.
fn rsa_key() -> JweKey {
    let v: Value =
        serde_json::from_str(include_str!("../keys/vectors/rfc7515_a2.json")).expect("JSON");
    JweKey::Jwk(jwk(&v["jwk"]))
}

fn ec_key(curve: Curve) -> JweKey {
    let alg = match curve {
        Curve::P256 => crate::alg::Alg::ES256,
        Curve::P384 => crate::alg::Alg::ES384,
        _ => crate::alg::Alg::ES512,
    };
    let mut k = keys::generate(alg, None, None).expect("keygen");
    k.alg = None;
    k.use_ = None;
    JweKey::Jwk(k)
}

fn oct(len: usize) -> JweKey {
    JweKey::Jwk(Jwk::new(Key::Oct(Secret::new(
        (0..len as u8).map(|b| b ^ 0x5a).collect(),
    ))))
}

fn pass() -> JweKey {
    JweKey::Passphrase(Secret::new(b"correct horse battery staple".to_vec()))
}

/// A key that fits `alg` with `enc` (several for ECDH-ES: every curve).
fn keys_for(alg: KeyAlg, enc: Enc) -> Vec<JweKey> {
    match alg.family() {
        KeyAlgFamily::Rsa(_) => vec![rsa_key()],
        KeyAlgFamily::AesKw(n) | KeyAlgFamily::AesGcmKw(n) => vec![oct(n)],
        KeyAlgFamily::Dir => vec![oct(enc.cek_len())],
        KeyAlgFamily::EcdhEs(_) => {
            let mut v: Vec<JweKey> = [Curve::P256, Curve::P384, Curve::P521]
                .into_iter()
                .map(ec_key)
                .collect();
            v.extend(x25519_key());
            v
        }
        KeyAlgFamily::Pbes2(..) => vec![pass()],
    }
}

/// A fresh X25519 key.
fn x25519_key() -> Option<JweKey> {
    Some(JweKey::Jwk(Jwk::new(Key::X25519(
        crate::keys::x25519_generate().expect("X25519 key"),
    ))))
}

/// Options for a fast round trip (PBES2 with the minimum iteration count).
fn opts(alg: KeyAlg, enc: Enc) -> EncryptOptions {
    EncryptOptions {
        alg: Some(alg),
        enc,
        p2c: 1000,
        ..EncryptOptions::default()
    }
}

/// Decrypt with a policy allowing `alg` (and RSA1_5 when asked).
fn open(token: &str, key: &JweKey, p: &Policy) -> Result<Vec<u8>, String> {
    decrypt(token, std::slice::from_ref(key), p)
        .map(|d| d.plaintext.to_vec())
        .map_err(|f| f.reason)
}

fn seal(key: &JweKey, alg: KeyAlg, enc: Enc, pt: &[u8]) -> String {
    encrypt(key, &opts(alg, enc), pt).unwrap_or_else(|e| panic!("{alg} {enc}: {e}"))
}
