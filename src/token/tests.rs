//! Tests of the token module as a whole: RFC known answers (`kat`), interoperability with
//! the `jsonwebtoken` crate in both directions (`interop`), and property tests of signing,
//! verification and the parser (`props`); the JSON serializations' known answers
//! (`json_kat`) and properties (`json_props`). Shared fixtures live here.

mod interop;
mod json_kat;
mod json_props;
mod kat;
mod props;

use serde_json::{Map, Value};

use crate::alg::Alg;
use crate::keys::{self, Jwk, ReadOptions};
use crate::token::verify::Policy;

/// A JWK from JSON, through the same reader the CLI uses.
fn jwk(v: &Value) -> Jwk {
    keys::read(v.to_string().as_bytes(), &ReadOptions::default())
        .expect("test JWK reads")
        .select(None)
        .expect("one key")
}

/// A vector file from src/token/vectors/.
fn vector(name: &str) -> Value {
    let path = format!("{}/src/token/vectors/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("vector file");
    serde_json::from_str(&text).expect("vector JSON")
}

/// The policy every test starts from: exp required, the default 60 s leeway.
fn policy() -> Policy {
    Policy {
        require_exp: true,
        leeway: 60,
        ..Policy::default()
    }
}

/// A JSON object from a `json!` literal.
fn obj(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        other => panic!("not an object: {other}"),
    }
}

/// Sign `claims` with jot's own signer, header as `jot sign` makes it.
fn jot_sign(key: &Jwk, alg: Alg, claims: &Map<String, Value>) -> String {
    let h = super::sign::header(alg, key.kid.as_deref(), Map::new()).expect("header");
    super::sign::sign(key, alg, &h, claims).expect("sign")
}

/// Replace the segment `i` (0-based) of a compact token.
fn with_segment(token: &str, i: usize, seg: &str) -> String {
    let mut parts: Vec<&str> = token.split('.').collect();
    parts[i] = seg;
    parts.join(".")
}

/// One generated key per family, shared by every test (RSA generation is slow unoptimised).
/// The keys carry no `alg`, so one key serves every algorithm of its family.
fn key_for(alg: Alg) -> &'static Jwk {
    static KEYS: std::sync::OnceLock<Vec<Jwk>> = std::sync::OnceLock::new();
    let all = KEYS.get_or_init(|| {
        [
            Alg::HS512,
            Alg::RS256,
            Alg::ES256,
            Alg::ES384,
            Alg::ES512,
            Alg::ES256K,
            Alg::EdDSA,
        ]
        .into_iter()
        .map(|a| {
            let mut k = keys::generate(a, None, None).expect("generate");
            k.alg = None;
            k
        })
        .collect()
    });
    all.iter()
        .find(|k| k.check_alg(alg).is_ok())
        .expect("a key for every alg")
}
