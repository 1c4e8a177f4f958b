//! Verifying a JSON-serialized JWS (RFC 7515 §7.2): each signature is checked as a compact
//! token over its own protected header, with the rules for unprotected headers that keep
//! them from choosing a key or an algorithm: an unprotected `alg` counts only when `--alg`
//! or the key's own `alg` pins that very algorithm; an unprotected `kid` only selects among
//! the caller's keys; `crit` and `b64` there are refused; `typ` there is ignored.

use serde::Serialize;
use serde_json::{Map, Value};

use super::json_ser::{self, JsonJws, Serialization};
use super::verify::{check_claims, check_signature, Policy, Verdict};
use super::KEY_HEADERS;
use crate::keys::Jwk;

/// What one signature of a JSON-serialized JWS gave.
#[derive(Clone, Debug, Serialize)]
pub struct SigOutcome {
    /// Its position in `signatures` (0 for the flattened serialization).
    pub index: usize,
    /// The kid of the key that verified it, else the kid its headers name.
    pub kid: Option<String>,
    pub alg: Option<String>,
    pub valid: bool,
    pub reasons: Vec<String>,
    /// The trust anchor its protected `x5c` chain validated to (`--trust-anchor`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub x5c_anchor: Option<String>,
}

/// The JSON-serialization part of a verdict.
#[derive(Clone, Debug, Serialize)]
pub struct JsonOutcome {
    pub serialization: Serialization,
    /// The signature that made the token valid (the first that verified).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signature: Option<SigOutcome>,
    /// Every signature's outcome, in order.
    pub signatures: Vec<SigOutcome>,
}

impl JsonOutcome {
    /// "2 of 3 (kid "k", alg ES256), general serialization": which signature verified, for
    /// a line on stderr. `None` when none did.
    pub(crate) fn note(&self) -> Option<String> {
        let s = self.signature.as_ref()?;
        let valid = self.signatures.iter().filter(|o| o.valid).count();
        let kid = s
            .kid
            .as_deref()
            .map(|k| format!("kid {k:?}, "))
            .unwrap_or_default();
        Some(format!(
            "index {} verified ({kid}alg {}); {valid} of {} signatures verify; {} serialization",
            s.index,
            s.alg.as_deref().unwrap_or("?"),
            self.signatures.len(),
            self.serialization.name()
        ))
    }
}

/// Verify a JSON-serialized JWS given as text.
pub(crate) fn verify(text: &str, keys: &[Jwk], policy: &Policy, now: i64) -> Verdict {
    match json_ser::parse(text) {
        Ok(j) => verify_parsed(&j, text, keys, policy, now),
        Err(e) => Verdict::invalid(format!("malformed token: {e}")),
    }
}

/// The header one signature is checked under: its protected header, plus the unprotected
/// `kid` (selection only) and `alg` when a pin allows it. Reasons when the unprotected
/// header asks for what it may not.
fn effective_header(
    j: &JsonJws,
    i: usize,
    keys: &[Jwk],
    policy: &Policy,
) -> Result<Map<String, Value>, String> {
    let s = &j.signatures[i];
    let mut h = s.protected.clone();
    for forbidden in ["crit", "b64"] {
        if s.header.contains_key(forbidden) {
            return Err(format!(
                "\"{forbidden}\" in the unprotected header: it must be integrity protected \
                 (RFC 7515 §4.1.11, RFC 7797 §6)"
            ));
        }
    }
    if let Some(kid) = s.header.get("kid") {
        h.insert("kid".into(), kid.clone());
    }
    let Some(alg) = s.header.get("alg") else {
        return Ok(h);
    };
    let Some(name) = alg.as_str() else {
        return Err("the unprotected alg is not a string".into());
    };
    let kid = policy
        .kid
        .as_deref()
        .or(h.get("kid").and_then(Value::as_str));
    let pinned = if policy.algs.is_empty() {
        keys.iter()
            .filter(|k| kid.is_none() || k.kid.is_none() || k.kid.as_deref() == kid)
            .any(|k| k.alg.as_deref() == Some(name))
    } else {
        policy.algs.iter().any(|a| a.name() == name)
    };
    if !pinned {
        return Err(format!(
            "alg {name:?} is only in the unprotected header, which no signature covers: \
             accepted only when --alg or the key's own alg pins it"
        ));
    }
    h.insert("alg".into(), alg.clone());
    Ok(h)
}

fn check_one(j: &JsonJws, i: usize, keys: &[Jwk], policy: &Policy, now: i64) -> SigOutcome {
    let mut jws = j.jws(i);
    let mut v = Verdict::invalid("");
    v.reasons.clear();
    match effective_header(j, i, keys, policy) {
        Ok(h) => {
            // Only the protected header's x5c: `h` takes nothing else from the unprotected one.
            let with_leaf =
                super::x5c_trust::leaf_key(&j.signatures[i].protected, keys, policy, now, &mut v);
            jws.header = h;
            check_signature(&jws, with_leaf.as_deref().unwrap_or(keys), policy, &mut v);
        }
        Err(why) => v.reasons.push(why),
    }
    let header_kid = || {
        jws.header
            .get("kid")
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    SigOutcome {
        index: i,
        kid: v.kid.clone().or_else(header_kid),
        alg: jws
            .header
            .get("alg")
            .and_then(Value::as_str)
            .map(str::to_owned),
        valid: v.reasons.is_empty(),
        reasons: v.reasons,
        x5c_anchor: v.x5c_anchor,
    }
}

/// Verify a parsed JSON-serialized JWS; `text` is what a denylist entry may hash.
pub(crate) fn verify_parsed(
    j: &JsonJws,
    text: &str,
    keys: &[Jwk],
    p: &Policy,
    now: i64,
) -> Verdict {
    let outcomes: Vec<SigOutcome> = (0..j.signatures.len())
        .map(|i| check_one(j, i, keys, p, now))
        .collect();
    let winner = outcomes.iter().position(|o| o.valid);
    let mut v = Verdict::invalid("");
    v.reasons.clear();
    let failed: Vec<&SigOutcome> = outcomes.iter().filter(|o| !o.valid).collect();
    let sig_ok = if p.all_signatures {
        failed.is_empty()
    } else {
        winner.is_some()
    };
    if !sig_ok {
        for o in failed {
            let name = o.alg.as_deref().unwrap_or("?");
            v.reasons.push(format!(
                "signature {} ({name}): {}",
                o.index,
                o.reasons.join("; ")
            ));
        }
    }
    let shown = winner.unwrap_or(0);
    for s in &j.signatures {
        for h in KEY_HEADERS {
            let used = *h == "x5c" && !p.trust_anchors.is_empty() && !s.header.contains_key(*h);
            if (s.protected.contains_key(*h) || s.header.contains_key(*h)) && !used {
                v.warnings.push(format!(
                    "header {h:?} ignored: jot never uses keys the token names"
                ));
            }
        }
    }
    v.warnings.dedup();
    let jws = j.jws(shown);
    match jws.claims() {
        Some(c) => check_claims(c, &jws, text, p, now, &mut v.reasons),
        None => v
            .reasons
            .push("the payload is not a JSON claims set".into()),
    }
    v.valid = v.reasons.is_empty();
    v.alg = outcomes[shown].alg.clone();
    v.kid = winner.and_then(|w| outcomes[w].kid.clone());
    v.x5c_anchor = winner.and_then(|w| outcomes[w].x5c_anchor.clone());
    v.header = Some(jws.header);
    v.claims = jws.payload;
    v.json = Some(JsonOutcome {
        serialization: j.serialization,
        signature: winner.map(|w| outcomes[w].clone()),
        signatures: outcomes,
    });
    v
}
