//! Making a compact JWS: the header (alg, typ, kid, extras) and claims with jot's safe
//! defaults decided by the caller, signed by a key that must fit the algorithm.

use serde_json::{Map, Value};

use crate::alg::Alg;
use crate::keys::{Jwk, Key};
use crate::{b64, Error, Result};

/// Header members the caller may not set through `--header`: jot decides them.
const RESERVED: &[&str] = &["alg", "crit", "jwk", "jku", "x5u", "x5c", "b64"];

/// Build the protected header: `alg`, `typ: JWT`, `kid` (when given), then the extras.
pub fn header(
    alg: Alg,
    kid: Option<&str>,
    extra: Map<String, Value>,
) -> Result<Map<String, Value>> {
    let mut h = Map::new();
    h.insert("alg".into(), Value::String(alg.name().into()));
    h.insert("typ".into(), Value::String("JWT".into()));
    if let Some(k) = kid {
        h.insert("kid".into(), Value::String(k.into()));
    }
    for (k, v) in extra {
        if RESERVED.contains(&k.as_str()) {
            return Err(
                Error::usage(format!("header member {k:?} cannot be set with --header")).with_hint(
                    "alg comes from --alg; embedding keys or critical extensions is unsafe",
                ),
            );
        }
        h.insert(k, v);
    }
    Ok(h)
}

/// Sign `claims` under `header` with `key`. The header's alg must fit the key.
pub fn sign(
    key: &Jwk,
    alg: Alg,
    header: &Map<String, Value>,
    claims: &Map<String, Value>,
) -> Result<String> {
    let enc = |m: &Map<String, Value>| {
        serde_json::to_vec(m).map_err(|e| Error::input(format!("cannot serialise JSON: {e}")))
    };
    let input = format!(
        "{}.{}",
        b64::encode(&enc(header)?),
        b64::encode(&enc(claims)?)
    );
    let sig = key.sign(alg, input.as_bytes())?;
    Ok(format!("{input}.{}", b64::encode(&sig)))
}

/// Sign `claims` once per (key, alg, protected header) and write the JWS in a JSON
/// serialization (RFC 7515 §7.2): every signature covers the same payload bytes.
pub(crate) fn sign_json(
    serialization: super::json_ser::Serialization,
    signers: &[(&Jwk, Alg, Map<String, Value>)],
    claims: &Map<String, Value>,
) -> Result<String> {
    let payload = b64::encode(
        &serde_json::to_vec(claims)
            .map_err(|e| Error::input(format!("cannot serialise JSON: {e}")))?,
    );
    let mut sigs = Vec::with_capacity(signers.len());
    for (key, alg, header) in signers {
        let protected = b64::encode(
            &serde_json::to_vec(header)
                .map_err(|e| Error::input(format!("cannot serialise JSON: {e}")))?,
        );
        let sig = key.sign(*alg, format!("{protected}.{payload}").as_bytes())?;
        sigs.push((protected, Map::new(), sig));
    }
    super::json_ser::write(serialization, &payload, &sigs)
}

/// The OWASP token-sidejacking fingerprint: a random value for the client's hardened cookie,
/// and the SHA-256 (hex) that goes in the token's `fgp` claim.
pub(crate) fn fingerprint() -> Result<(String, String)> {
    let mut raw = [0u8; 32];
    getrandom::fill(&mut raw).map_err(|e| Error::input(format!("no randomness: {e}")))?;
    let value = crate::hex::encode(&raw);
    let digest = fingerprint_digest(&value);
    Ok((value, digest))
}

/// SHA-256 hex of a fingerprint value.
pub(crate) fn fingerprint_digest(value: &str) -> String {
    crate::alg::Hash::Sha256.hex_digest(value.as_bytes())
}

/// A random `jti`: 128 bits, base64url.
pub(crate) fn random_jti() -> Result<String> {
    let mut raw = [0u8; 16];
    getrandom::fill(&mut raw).map_err(|e| Error::input(format!("no randomness: {e}")))?;
    Ok(b64::encode(&raw))
}

/// RFC 7518 §3.2: an HMAC key must be at least as long as the hash output. Refused unless
/// `insecure` (`--insecure-short-key`); then the warning to show is returned.
pub(crate) fn check_hmac_length(key: &Jwk, alg: Alg, insecure: bool) -> Result<Option<String>> {
    hmac_length(key, alg, insecure, "signs")
}

/// [`check_hmac_length`] for an operation (`verb`: "signs", "verifies"): the one message
/// and hint sign and verify give for a short HMAC key.
pub(crate) fn hmac_length(
    key: &Jwk,
    alg: Alg,
    insecure: bool,
    verb: &str,
) -> Result<Option<String>> {
    let Key::Oct(s) = &key.key else {
        return Ok(None);
    };
    let (len, min) = (s.expose().len(), alg.hash().output_len());
    if len >= min {
        return Ok(None);
    }
    let msg =
        format!("the HMAC secret is {len} bytes; RFC 7518 §3.2 requires at least {min} for {alg}");
    if !insecure {
        return Err(Error::usage(msg).with_hint(format!(
            "use a secret of {min} random bytes (jot keygen {alg}); --insecure-short-key {verb} anyway"
        )));
    }
    Ok(Some(msg))
}
