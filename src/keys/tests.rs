//! Tests of the key model as a whole: RFC known-answer vectors (`rfc`), PEM/JWK round
//! trips of generated and published keys (`roundtrip`), and the no-panic property of
//! `read` on hostile bytes (`props`, the CI stand-in for the `fuzz/` target), and Project
//! Wycheproof's signature and MAC vectors through jot's verifiers (`wycheproof`). The vectors
//! themselves are in `src/keys/vectors/` (provenance in its SOURCES.md).

mod acvp;
#[cfg(feature = "aws-lc")]
mod backends;
mod props;
mod rfc;
mod roundtrip;
mod source;
mod wycheproof;

use serde_json::{Map, Value};

use super::{read, Jwk, ReadOptions};

/// The JWK members jot models; anything else in an input is dropped on reading.
const MODELLED: &[&str] = &[
    "kty", "crv", "x", "y", "d", "n", "e", "p", "q", "dp", "dq", "qi", "k", "kid", "alg", "use",
    "key_ops", "x5c", "x5t#S256",
];

/// A vector file from `src/keys/vectors/`, parsed.
fn vector(name: &str) -> Value {
    let text = match name {
        "rfc7515_a1" => include_str!("vectors/rfc7515_a1.json"),
        "rfc7515_a2" => include_str!("vectors/rfc7515_a2.json"),
        "rfc7515_a3" => include_str!("vectors/rfc7515_a3.json"),
        "rfc7515_a4" => include_str!("vectors/rfc7515_a4.json"),
        "rfc7517_a1" => include_str!("vectors/rfc7517_a1.json"),
        "rfc7517_a2" => include_str!("vectors/rfc7517_a2.json"),
        "rfc7517_a3" => include_str!("vectors/rfc7517_a3.json"),
        "rfc7517_b" => include_str!("vectors/rfc7517_b.json"),
        "rfc7520_4" => include_str!("vectors/rfc7520_4.json"),
        "rfc7638_3_1" => include_str!("vectors/rfc7638_3_1.json"),
        "rfc8037_a" => include_str!("vectors/rfc8037_a.json"),
        other => panic!("no vector file {other}"),
    };
    serde_json::from_str(text).expect("vector files are JSON")
}

/// Every JWK object in the vector files, with where it came from.
fn all_vector_jwks() -> Vec<(String, Value)> {
    let mut out = Vec::new();
    for name in ["rfc7517_a1", "rfc7517_a2", "rfc7517_a3"] {
        for (i, k) in vector(name)["keys"]
            .as_array()
            .into_iter()
            .flatten()
            .enumerate()
        {
            out.push((format!("{name} keys[{i}]"), k.clone()));
        }
    }
    out.push(("rfc7517_b".into(), vector("rfc7517_b")));
    for name in [
        "rfc7515_a1",
        "rfc7515_a2",
        "rfc7515_a3",
        "rfc7515_a4",
        "rfc7638_3_1",
    ] {
        out.push((name.into(), vector(name)["jwk"].clone()));
    }
    let ed = vector("rfc8037_a");
    out.push(("rfc8037 A.1".into(), ed["private_jwk"].clone()));
    out.push(("rfc8037 A.2".into(), ed["public_jwk"].clone()));
    for ex in vector("rfc7520_4")["examples"]
        .as_array()
        .into_iter()
        .flatten()
    {
        out.push((format!("rfc7520 §{}", ex["section"]), ex["jwk"].clone()));
    }
    assert!(out.len() >= 18, "vector files lost keys: {}", out.len());
    out
}

/// Read one JWK (given as JSON) through the public entry point.
fn read_jwk(v: &Value) -> Jwk {
    read(v.to_string().as_bytes(), &ReadOptions::default())
        .and_then(|k| k.select(None))
        .unwrap_or_else(|e| panic!("cannot read {v}: {e}"))
}

fn modelled(v: &Value) -> Map<String, Value> {
    v.as_object()
        .expect("a JWK is an object")
        .iter()
        .filter(|(k, _)| MODELLED.contains(&k.as_str()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// Assert `written` holds exactly the modelled members of `input` (less the private ones
/// when `private` is false), value for value.
fn assert_same_members(what: &str, input: &Value, written: &Value, private: bool) {
    let mut want = modelled(input);
    if !private {
        want.retain(|k, _| !super::PRIVATE_MEMBERS.contains(&k.as_str()));
    }
    let have = written.as_object().expect("to_json gives an object");
    for (k, v) in &want {
        assert_eq!(have.get(k), Some(v), "{what}: member {k:?} differs");
    }
    for k in have.keys() {
        assert!(want.contains_key(k), "{what}: extra member {k:?} written");
    }
}
