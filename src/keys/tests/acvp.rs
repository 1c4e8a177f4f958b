//! NIST ACVP ML-DSA known answers through jot's key entry points (`keys::read` of an AKP JWK,
//! `Jwk::verify`): keyGen (the seed as `priv` must derive exactly the vector's `pk`) and
//! sigVer (external, pure interface). The subset and its source are in
//! src/keys/vectors/SOURCES.md; scripts/acvp-mldsa-subset.py derives it.

use serde_json::{json, Value};

use crate::alg::Alg;
use crate::b64;
use crate::keys::{read, Jwk, KeyInput, ReadOptions};

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex"))
        .collect()
}

fn vectors() -> Value {
    serde_json::from_str(include_str!("../vectors/acvp_mldsa.json")).expect("JSON")
}

fn read_jwk(v: &Value) -> crate::Result<Jwk> {
    match read(v.to_string().as_bytes(), &ReadOptions::default())? {
        KeyInput::Single(k) => Ok(k),
        other => panic!("one key expected: {other:?}"),
    }
}

fn hex_field(t: &Value, name: &str) -> Vec<u8> {
    unhex(t[name].as_str().expect(name))
}

#[test]
fn acvp_keygen_seeds_derive_the_vectors_public_keys() {
    let v = vectors();
    let tests = v["keyGen"].as_array().unwrap();
    assert_eq!(tests.len(), 3);
    for t in tests {
        let alg = t["parameterSet"].as_str().unwrap();
        let (seed, pk) = (hex_field(t, "seed"), hex_field(t, "pk"));
        let jwk =
            json!({"kty": "AKP", "alg": alg, "pub": b64::encode(&pk), "priv": b64::encode(&seed)});
        let key = read_jwk(&jwk).unwrap_or_else(|e| panic!("{alg} tcId {}: {e}", t["tcId"]));
        assert_eq!(key.to_json(false)["pub"], jwk["pub"]);
        let mut other = pk.clone();
        other[pk.len() / 2] ^= 1;
        let wrong = json!({"kty": "AKP", "alg": alg, "pub": b64::encode(&other), "priv": b64::encode(&seed)});
        assert!(
            read_jwk(&wrong).is_err(),
            "{alg}: a pub the seed does not derive"
        );
    }
}

/// JWS verification is ML-DSA.Verify with the empty context: it gives the vector's verdict
/// for an empty-context test, and refuses a valid signature made with another context.
#[test]
fn acvp_sigver_through_jwk_verify_with_the_empty_context() {
    let v = vectors();
    let tests = v["sigVer"].as_array().unwrap();
    assert_eq!(tests.len(), 6);
    for t in tests {
        let name = t["parameterSet"].as_str().unwrap();
        let alg = Alg::from_name(name).unwrap();
        let (pk, msg, sig, ctx) = (
            hex_field(t, "pk"),
            hex_field(t, "message"),
            hex_field(t, "signature"),
            hex_field(t, "context"),
        );
        let passed = t["testPassed"].as_bool().unwrap();
        let key = read_jwk(&json!({"kty": "AKP", "alg": name, "pub": b64::encode(&pk)})).unwrap();
        let ours = key.verify(alg, &msg, &sig).unwrap();
        assert_eq!(ours, passed && ctx.is_empty(), "{name} tcId {}", t["tcId"]);
        if !ctx.is_empty() {
            // The vector is sound: with its own context the signature does verify.
            let Ok(crate::keys::Key::Akp(k)) =
                read_jwk(&json!({"kty": "AKP", "alg": name, "pub": b64::encode(&pk)}))
                    .map(|j| j.key)
            else {
                panic!()
            };
            assert_eq!(verify_with_context(&k, &msg, &ctx, &sig), passed);
        }
    }
}

fn verify_with_context(k: &crate::keys::AkpKey, msg: &[u8], ctx: &[u8], sig: &[u8]) -> bool {
    use crate::alg::MlDsa;
    fn check<P: ml_dsa::MlDsaParams>(pk: &[u8], msg: &[u8], ctx: &[u8], sig: &[u8]) -> bool {
        let pk = ml_dsa::EncodedVerifyingKey::<P>::try_from(pk).unwrap();
        let sig = ml_dsa::Signature::<P>::try_from(sig).unwrap();
        ml_dsa::VerifyingKey::<P>::decode(&pk).verify_with_context(msg, ctx, &sig)
    }
    match k.set {
        MlDsa::L44 => check::<ml_dsa::MlDsa44>(&k.public, msg, ctx, sig),
        MlDsa::L65 => check::<ml_dsa::MlDsa65>(&k.public, msg, ctx, sig),
        MlDsa::L87 => check::<ml_dsa::MlDsa87>(&k.public, msg, ctx, sig),
    }
}
