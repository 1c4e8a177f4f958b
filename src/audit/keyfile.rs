//! Key-file and JWKS rules: what CI should catch before a key set is published.

use std::collections::HashMap;
use std::path::Path;

use serde_json::Value;

use super::findings::{Finding, Subject};
use crate::keys::{Jwk, Key, KeyInput, ThumbprintHash, PRIVATE_MEMBERS};

/// Audit a key file or JWKS: `data` as read, `input` the keys it holds (from `keys::read`,
/// with `allow_weak` so weak keys become findings). `weak` says whether an HMAC secret is
/// weak (returns how).
pub fn audit_key_file(
    path: Option<&Path>,
    data: &[u8],
    input: KeyInput,
    subject: &Subject,
    weak: &dyn Fn(&[u8]) -> Option<String>,
) -> crate::Result<Vec<Finding>> {
    let mut out = Vec::new();
    let f = |id, msg: String| Finding::new(id, subject, msg);
    let json: Option<Value> = serde_json::from_slice(data).ok();
    let is_jwks = json.as_ref().is_some_and(|v| v.get("keys").is_some());
    let looks_public = path.is_some_and(|p| {
        let n = p
            .file_name()
            .map(|n| n.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        n.contains("pub") || n.contains("jwks")
    });
    // Private members are checked on the raw JSON: a set may hold keys jot cannot parse.
    if let Some(v) = &json {
        let items: Vec<&Value> = match v.get("keys").and_then(Value::as_array) {
            Some(a) => a.iter().collect(),
            None => vec![v],
        };
        for (i, k) in items.iter().enumerate() {
            let members: Vec<&str> = PRIVATE_MEMBERS
                .iter()
                .copied()
                .filter(|m| k.get(*m).is_some())
                .collect();
            let kid = k.get("kid").and_then(Value::as_str).unwrap_or("(no kid)");
            let oct = k.get("kty").and_then(Value::as_str) == Some("oct");
            if (is_jwks || looks_public) && !members.is_empty() && !oct {
                out.push(f(
                    "JOT101",
                    format!(
                        "key {i} ({kid}) has private member(s) {}",
                        members.join(", ")
                    ),
                ));
            }
            if is_jwks && oct {
                out.push(f("JOT102", format!("key {i} ({kid}) is an oct (HMAC) key")));
            }
        }
    }
    let keys: Vec<Jwk> = input.into_keys();
    super::jwe::key_findings(&keys, is_jwks, &f, &mut out);
    let mut kids: HashMap<&str, usize> = HashMap::new();
    for (i, k) in keys.iter().enumerate() {
        let name = k.kid.clone().unwrap_or_else(|| format!("key {i}"));
        if let Key::Rsa(r) = &k.key {
            if r.bits() < 2048 {
                out.push(f("JOT103", format!("{name} is RSA {} bits", r.bits())));
            }
        }
        if let Key::Oct(s) = &k.key {
            if let Some(how) = weak(s.expose()) {
                out.push(f("JOT108", format!("{name}: the secret is {how}")));
            }
        }
        if json.is_some() {
            match k.kid.as_deref() {
                None => out.push(f("JOT104", format!("key {i} has no kid"))),
                Some(kid) => {
                    *kids.entry(kid).or_default() += 1;
                    if k.kty() != "oct" && kid != k.thumbprint(ThumbprintHash::Sha256) {
                        out.push(f(
                            "JOT106",
                            format!("kid {kid:?} is not the key's thumbprint"),
                        ));
                    }
                }
            }
            if k.alg.is_none() || k.use_.is_none() && k.key_ops.is_none() {
                out.push(f(
                    "JOT107",
                    format!(
                        "{name} has no {}",
                        if k.alg.is_none() { "alg" } else { "use" }
                    ),
                ));
            }
        }
    }
    for (kid, n) in kids {
        if n > 1 {
            out.push(f("JOT105", format!("kid {kid:?} is used by {n} keys")));
        }
    }
    if let Some(p) = path {
        let private = keys.iter().any(Jwk::is_private);
        if let Some(mode) = crate::files::mode_of(p).filter(|m| private && m & 0o077 != 0) {
            out.push(f("JOT109", format!("mode is {mode:o}")));
        }
    }
    Ok(out)
}
