//! JWK sets read member by member, where one member must not decide for the others: for
//! audits (each member's key or its reason) and for verification (keys jot cannot use are
//! skipped with a note, as published sets mix kinds; a broken secret or a ROCA key refuses
//! the set). A single key or a PEM file is `read`'s.

use serde_json::Value;

use super::read::check_rsa;
use super::{Jwk, Key, ReadOptions};
use crate::{Error, Result};

/// A JWK or JWKS read member by member, for audits: each member's JSON beside its key or
/// the reason it does not read, so that one bad member hides nothing about the others (a
/// JWK is a set of one). An error only when the document itself is no JWK or JWKS.
pub(crate) fn read_members(data: &[u8], opts: &ReadOptions) -> Result<Vec<(Value, Result<Jwk>)>> {
    let v: Value =
        serde_json::from_slice(data).map_err(|e| Error::input(format!("invalid JSON: {e}")))?;
    let items = match v.get("keys") {
        Some(Value::Array(items)) => items.clone(),
        Some(_) => return Err(Error::input("JWKS member \"keys\" must be an array")),
        None => vec![v],
    };
    Ok(items
        .into_iter()
        .map(|k| {
            let key = super::jwk_json::from_json(&k, opts.allow_weak);
            (k, key)
        })
        .collect())
}

/// Read a JWKS for verification, skipping keys jot cannot use (an `enc` key, an unknown
/// kty or crv, an RSA key under 2048 bits) with a note for each, as published sets often mix
/// kinds. A document that is not a JWKS at all, a broken secret and (unless `allow_weak`) a
/// ROCA-fingerprinted key are errors: each means the set itself is unsafe to trust.
pub(crate) fn read_jwks_lenient(data: &[u8], allow_weak: bool) -> Result<(Vec<Jwk>, Vec<String>)> {
    let v: Value = serde_json::from_slice(data)
        .map_err(|e| Error::input(format!("JWKS is not valid JSON: {e}")))?;
    let items = v
        .get("keys")
        .and_then(Value::as_array)
        .ok_or_else(|| Error::input("not a JWKS: no \"keys\" array"))?;
    let mut keys = Vec::new();
    let mut skipped = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let at = || format!("JWKS keys[{i}]");
        // Read with every size, then judge: a short key is skipped, a ROCA one refused.
        let key = match super::jwk_json::from_json(item, true) {
            Ok(k) => k,
            // Not a key jot cannot use but a broken secret: the set is misconfigured.
            Err(e) if item.get("kty").and_then(Value::as_str) == Some("oct") => {
                return Err(e.context(at()))
            }
            Err(e) => {
                skipped.push(format!("{} skipped: {e}", at()));
                continue;
            }
        };
        if let Key::Rsa(r) = &key.key {
            match check_rsa(r, allow_weak) {
                Ok(()) => {}
                // Long enough, so refused for its fingerprint: a factorable key in a set
                // one trusts is an error, not a note.
                Err(e) if r.bits() >= 2048 => return Err(e.context(at())),
                Err(e) => {
                    skipped.push(format!("{} skipped: {e}", at()));
                    continue;
                }
            }
        }
        keys.push(key);
    }
    Ok((keys, skipped))
}
