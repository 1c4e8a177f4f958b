//! SD-JWT rules (RFC 9901 §9, §10): what the disclosures and the issuer payload of an
//! SD-JWT reveal without any key. Salts under 128 bits (JOT025), a salt used twice
//! (JOT026), iss/exp/nbf/cnf made selectively disclosable (JOT027), digests of a hash other
//! than sha-256 without `_sd_alg` (JOT028), a holder-bound credential presented without a
//! KB-JWT (JOT029).

use std::collections::HashSet;

use serde_json::Value;

use super::findings::Finding;
use crate::sdjwt::{self, SdJwt};

/// Salts shorter than this many bytes are flagged (RFC 9901 §9.3 recommends 128 bits).
pub(super) const MIN_SALT_BYTES: usize = 16;

/// Claims a verifier needs before any disclosure: hiding them lets a holder drop them.
const KEEP_CLEAR: &[&str] = &["iss", "exp", "nbf", "cnf"];

/// The issuer JWT of an SD-JWT, for the JWS rules; and the SD-JWT, or why it is malformed.
pub(super) fn split(token: &str) -> (&str, Result<SdJwt, String>) {
    let jwt = token.trim().split('~').next().unwrap_or_default();
    (jwt, sdjwt::parse(token).map_err(|e| e.to_string()))
}

/// Every digest string in `v` (`_sd` members and `{"...": d}` elements).
fn digests<'v>(v: &'v Value, out: &mut Vec<&'v str>) {
    match v {
        Value::Object(m) => {
            for (k, item) in m {
                match (k.as_str(), item) {
                    ("_sd", Value::Array(a)) => out.extend(a.iter().filter_map(Value::as_str)),
                    ("...", Value::String(s)) => out.push(s),
                    _ => digests(item, out),
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|x| digests(x, out)),
        _ => {}
    }
}

/// The SD-JWT findings for `sd`, whose issuer payload is `payload` (when it is JSON).
pub(super) fn findings(
    sd: &SdJwt,
    payload: Option<&serde_json::Map<String, Value>>,
    f: &dyn Fn(&'static str, String) -> Finding,
    out: &mut Vec<Finding>,
) {
    let mut salts = HashSet::new();
    for (i, d) in sd.disclosures.iter().enumerate() {
        let bytes = crate::b64::decode(&d.salt).map_or(d.salt.len(), |b| b.len());
        if bytes < MIN_SALT_BYTES {
            out.push(f(
                "JOT025",
                format!(
                    "disclosure {} has a salt of {bytes} bytes (under {MIN_SALT_BYTES})",
                    i + 1
                ),
            ));
        }
        if !salts.insert(d.salt.as_str()) {
            out.push(f(
                "JOT026",
                format!("disclosure {} repeats salt {:?}", i + 1, d.salt),
            ));
        }
        if let Some(n) = d.name.as_deref().filter(|n| KEEP_CLEAR.contains(n)) {
            out.push(f(
                "JOT027",
                format!("{n} is selectively disclosable (disclosure {})", i + 1),
            ));
        }
    }
    let Some(p) = payload else { return };
    if !p.contains_key("_sd_alg") {
        let mut all = vec![];
        for v in p.values() {
            digests(v, &mut all);
        }
        if let Some(Value::Array(a)) = p.get("_sd") {
            all.extend(a.iter().filter_map(Value::as_str));
        }
        // A sha-256 digest is 43 base64url characters; 64 is sha-384, 86 sha-512.
        if let Some(d) = all.iter().find(|d| d.len() != 43) {
            out.push(f(
                "JOT028",
                format!(
                    "no _sd_alg, and a digest is {} characters (sha-256 makes 43): verifiers \
                     will assume sha-256",
                    d.len()
                ),
            ));
        }
    }
    if sd.kb_jwt.is_none() && p.contains_key("cnf") {
        out.push(f(
            "JOT029",
            "the credential names a holder key (cnf) and no KB-JWT binds this presentation".into(),
        ));
    }
}
