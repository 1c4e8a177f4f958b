//! Verification as a value: a `Verdict` lists every reason a token is invalid. Algorithms
//! are pinned by the caller or the keys, never by the token; keys named by the token (jwk,
//! jku, x5u, x5c) are reported and never used; `kid` only selects among the caller's keys.

use std::collections::HashSet;

use serde::Serialize;
use serde_json::{Map, Value};

use super::claims::numeric_date as read_date;
use super::verify_keys::long_enough;
use super::{is_alg_none, parse, Parsed, KEY_HEADERS};
use crate::alg::{Alg, Family};
use crate::keys::Jwk;

/// What a valid token must satisfy.
#[derive(Clone, Debug, Default)]
pub struct Policy {
    /// Allowed algorithms; empty means those the supplied keys imply.
    pub algs: Vec<Alg>,
    pub iss: Option<String>,
    pub sub: Option<String>,
    /// The token's `aud` must contain one of these (when non-empty).
    pub aud: Vec<String>,
    /// Claims that must be present.
    pub require: Vec<String>,
    /// Whether `exp` must be present.
    pub require_exp: bool,
    /// Allowed clock skew, seconds.
    pub leeway: i64,
    /// Maximum age (now - iat), seconds.
    pub max_age: Option<i64>,
    /// Revoked `jti` values or token SHA-256 hex digests.
    pub denylist: HashSet<String>,
    /// Fingerprint value whose SHA-256 must equal the `fgp` claim.
    pub fingerprint: Option<String>,
    /// Select keys by this kid instead of the token's.
    pub kid: Option<String>,
    /// Refuse high-S ECDSA signatures (the malleable (r, n−s) twin). Off by default:
    /// RFC 7515 A.3 and RFC 7520 §4.3 are high-S, as are half the signatures OpenSSL,
    /// PyJWT (ES256K too) or jsonwebtoken make. The denylist does not depend on it.
    pub require_low_s: bool,
    /// Verify with HMAC keys shorter than the hash (`--insecure-short-key`), with a warning.
    pub insecure_short_key: bool,
    /// A JSON-serialized JWS is valid only when every signature verifies (else one is enough).
    pub all_signatures: bool,
    /// The protected header's typ must be this (RFC 7515 §4.1.9 comparison).
    pub typ: Option<String>,
    /// The nonce claim must equal this (OpenID Connect).
    pub nonce: Option<String>,
    /// An aud with several values needs an azp claim (the id-token profile).
    pub azp_with_several_aud: bool,
    /// `--trust-anchor`: a protected `x5c` validated to one of these adds its leaf's key.
    pub trust_anchors: Vec<crate::keys::x5c_path::Anchor>,
}

/// The outcome of verifying one token.
#[derive(Clone, Debug, Serialize)]
pub struct Verdict {
    pub valid: bool,
    /// Why the token is invalid (empty when valid).
    pub reasons: Vec<String>,
    /// Things worth knowing that did not decide the verdict.
    pub warnings: Vec<String>,
    pub alg: Option<String>,
    /// The kid of the key that verified the signature.
    pub kid: Option<String>,
    pub header: Option<Map<String, Value>>,
    pub claims: Option<Value>,
    /// For a JSON-serialized token: its serialization and what each signature gave.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub json: Option<super::verify_json::JsonOutcome>,
    /// The trust anchor subject a protected `x5c` chain validated to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub x5c_anchor: Option<String>,
}

impl Verdict {
    /// An invalid verdict with one reason.
    pub(crate) fn invalid(reason: impl Into<String>) -> Verdict {
        Verdict {
            valid: false,
            reasons: vec![reason.into()],
            warnings: vec![],
            alg: None,
            kid: None,
            header: None,
            claims: None,
            json: None,
            x5c_anchor: None,
        }
    }
}

/// Verify `token` against `keys` under `policy` at time `now` (unix seconds).
pub fn verify(token: &str, keys: &[Jwk], policy: &Policy, now: i64) -> Verdict {
    if super::json_ser::is_json(token) {
        return super::verify_json::verify(token, keys, policy, now);
    }
    let jws = match parse(token) {
        Ok(Parsed::Jws(j)) => j,
        Ok(Parsed::Jwe { .. }) => {
            return Verdict::invalid(
                "the token is a JWE (encrypted): pass --decrypt-key KEY to decrypt and verify \
                 a nested JWT, or run `jot decrypt`",
            )
        }
        Err(e) => return Verdict::invalid(format!("malformed token: {e}")),
    };
    let mut v = Verdict {
        valid: false,
        reasons: vec![],
        warnings: vec![],
        alg: jws.alg().map(str::to_owned),
        kid: None,
        header: None,
        claims: None,
        json: None,
        x5c_anchor: None,
    };
    let with_leaf = super::x5c_trust::leaf_key(&jws.header, keys, policy, now, &mut v);
    let keys = with_leaf.as_deref().unwrap_or(keys);
    for h in KEY_HEADERS {
        let used = *h == "x5c" && !policy.trust_anchors.is_empty();
        if jws.header.contains_key(*h) && !used {
            v.warnings.push(format!(
                "header {h:?} ignored: jot never uses keys the token names"
            ));
        }
    }
    check_signature(&jws, keys, policy, &mut v);
    match jws.claims() {
        Some(c) => check_claims(c, &jws, token, policy, now, &mut v.reasons),
        None => v
            .reasons
            .push("the payload is not a JSON claims set".into()),
    }
    v.valid = v.reasons.is_empty();
    // Moved, not cloned: bulk verification makes one verdict per token.
    v.header = Some(jws.header);
    v.claims = jws.payload;
    v
}

/// The header's algorithm, once the header passes the checks that need no key: a string
/// alg that is not none and is known, no `crit`, a string kid. `Err` with the reason.
fn header_alg(jws: &super::Jws) -> Result<Alg, String> {
    let alg_name = match jws.header.get("alg") {
        Some(Value::String(s)) => s.as_str(),
        Some(_) => return Err("header alg is not a string".into()),
        None => return Err("header has no alg".into()),
    };
    if is_alg_none(alg_name) {
        return Err(format!("alg {alg_name:?} (unsigned) is never accepted"));
    }
    let Some(alg) = Alg::from_name(alg_name) else {
        return Err(format!("unknown alg {alg_name:?}"));
    };
    if let Some(crit) = jws.header.get("crit") {
        // jot implements no JWS extensions, so every critical one is unknown (RFC 7515 §4.1.11).
        return Err(format!("unsupported critical header extension(s): {crit}"));
    }
    if let Some(k) = jws.header.get("kid").filter(|k| !k.is_string()) {
        // RFC 7515 §4.1.4: a string. Ignoring it would try every key, as if none were named.
        return Err(format!("header kid is not a string ({k}): RFC 7515 §4.1.4"));
    }
    Ok(alg)
}

pub(crate) fn check_signature(jws: &super::Jws, keys: &[Jwk], policy: &Policy, v: &mut Verdict) {
    let alg = match header_alg(jws) {
        Ok(alg) => alg,
        Err(reason) => return v.reasons.push(reason),
    };
    let kid = policy.kid.as_deref().or(jws.kid());
    let candidates: Vec<&Jwk> = match kid {
        Some(k) if keys.iter().any(|j| j.kid.is_some()) => keys
            .iter()
            .filter(|j| j.kid.as_deref() == Some(k))
            .collect(),
        _ => keys.iter().collect(),
    };
    if candidates.is_empty() {
        return v.reasons.push(format!(
            "no supplied key has kid {:?}",
            kid.unwrap_or_default()
        ));
    }
    let allowed: Vec<Alg> = if policy.algs.is_empty() {
        candidates.iter().flat_map(|k| k.implied_algs()).collect()
    } else {
        policy.algs.clone()
    };
    if !allowed.contains(&alg) {
        let mut names: Vec<&str> = allowed.iter().map(|a| a.name()).collect();
        names.dedup();
        return v.reasons.push(format!(
            "alg {alg} is not allowed (allowed: {})",
            if names.is_empty() {
                "none".into()
            } else {
                names.join(", ")
            }
        ));
    }
    let fitting = candidates
        .iter()
        .copied()
        .filter(|k| k.check_alg(alg).is_ok() && k.allows_op("verify"));
    let usable = match long_enough(fitting.collect(), alg, policy.insecure_short_key) {
        Ok((usable, warning)) => {
            v.warnings.extend(warning);
            usable
        }
        Err(reason) => return v.reasons.push(reason),
    };
    if usable.is_empty() {
        // RS256→HS256 confusion lands here: an RSA/EC key never verifies an HMAC tag.
        return v.reasons.push(format!(
            "no supplied key can verify {alg} (key type or use does not fit)"
        ));
    }
    if jws.signature.is_empty() {
        return v.reasons.push("the signature is empty".into());
    }
    if let Family::Ecdsa(curve) = alg.family() {
        if policy.require_low_s && crate::keys::ecdsa_high_s(curve, &jws.signature) {
            return v.reasons.push(
                "the ECDSA signature has a high S (the malleable twin (r, n-s) of a low-S \
                 one), refused under --require-low-s"
                    .into(),
            );
        }
    }
    for k in usable {
        if let Ok(true) = k.verify(alg, jws.signing_input.as_bytes(), &jws.signature) {
            v.kid = k.kid.clone();
            return;
        }
    }
    v.reasons.push("signature does not verify".into());
}

/// A NumericDate claim, read by the one reader in `token::claims`.
fn numeric_date(c: &Map<String, Value>, name: &str, reasons: &mut Vec<String>) -> Option<i64> {
    read_date(c.get(name)?)
        .map_err(|why| reasons.push(format!("{name} {why}")))
        .ok()
}

/// Every claim check `p` asks for, each failure pushed to `reasons` as a sentence.
pub(crate) fn check_claims(
    c: &Map<String, Value>,
    jws: &super::Jws,
    token: &str,
    p: &Policy,
    now: i64,
    reasons: &mut Vec<String>,
) {
    check_times(c, p, now, reasons);
    check_audience(c, jws, p, reasons);
    check_binding(c, jws, token, p, reasons);
}

/// exp, nbf, iat and --max-age, each with the policy's leeway.
fn check_times(c: &Map<String, Value>, p: &Policy, now: i64, reasons: &mut Vec<String>) {
    let exp = numeric_date(c, "exp", reasons);
    let nbf = numeric_date(c, "nbf", reasons);
    let iat = numeric_date(c, "iat", reasons);
    match exp {
        Some(e) if e.saturating_add(p.leeway) <= now => reasons.push(format!(
            "expired at {} ({})",
            crate::clock::format_utc(e),
            crate::clock::relative(e, now)
        )),
        None if p.require_exp && !c.contains_key("exp") => reasons
            .push("no exp claim (pass --allow-no-exp to accept tokens that never expire)".into()),
        _ => {}
    }
    if let Some(n) = nbf.filter(|n| *n > now.saturating_add(p.leeway)) {
        reasons.push(format!("not valid before {}", crate::clock::format_utc(n)));
    }
    if let Some(i) = iat.filter(|i| *i > now.saturating_add(p.leeway)) {
        reasons.push(format!(
            "issued in the future ({})",
            crate::clock::format_utc(i)
        ));
    }
    if let Some(max) = p.max_age {
        match iat {
            Some(i) if now.saturating_sub(i) > max.saturating_add(p.leeway) => {
                reasons.push(format!(
                    "older than --max-age (issued {})",
                    crate::clock::relative(i, now)
                ))
            }
            None if !c.contains_key("iat") => {
                reasons.push("no iat claim, needed for --max-age".into())
            }
            _ => {}
        }
    }
}

/// Who the token is from and for: iss, sub, nonce, typ, azp and aud.
fn check_audience(c: &Map<String, Value>, jws: &super::Jws, p: &Policy, reasons: &mut Vec<String>) {
    let exact = |name: &str, want: &Option<String>, reasons: &mut Vec<String>| {
        if let Some(w) = want {
            match c.get(name) {
                Some(Value::String(s)) if s == w => {}
                Some(got) => reasons.push(format!("{name} is {got}, expected {w:?}")),
                None => reasons.push(format!("no {name} claim, expected {w:?}")),
            }
        }
    };
    exact("iss", &p.iss, reasons);
    exact("sub", &p.sub, reasons);
    exact("nonce", &p.nonce, reasons);
    if let Some(why) = p
        .typ
        .as_deref()
        .and_then(|t| super::typing::check_typ(&jws.header, t))
    {
        reasons.push(why);
    }
    if let Some(why) = p
        .azp_with_several_aud
        .then(|| super::typing::check_azp(c))
        .flatten()
    {
        reasons.push(why);
    }
    if p.aud.is_empty() {
        // RFC 7519 §4.1.3: a recipient that does not identify itself with a value in aud
        // MUST reject the token.
        if let Some(aud) = c.get("aud") {
            reasons.push(format!(
                "the token is for audience {aud}, and no --aud was given"
            ));
        }
    } else {
        let auds: Vec<&str> = match c.get("aud") {
            Some(Value::String(s)) => vec![s.as_str()],
            Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
            _ => vec![],
        };
        if !auds.iter().any(|a| p.aud.iter().any(|w| w == a)) {
            reasons.push(format!("aud does not contain any of {:?}", p.aud));
        }
    }
}

/// Required claims, the denylist and the fingerprint binding (fgp).
fn check_binding(
    c: &Map<String, Value>,
    jws: &super::Jws,
    token: &str,
    p: &Policy,
    reasons: &mut Vec<String>,
) {
    for r in &p.require {
        if !c.contains_key(r) {
            reasons.push(format!("required claim {r:?} is missing"));
        }
    }
    if !p.denylist.is_empty() {
        let jti = c.get("jti").and_then(Value::as_str);
        // The signing input's hash is what an attacker cannot vary; the whole token's hash
        // is still matched so entries written for older versions keep revoking.
        if jti.is_some_and(|j| p.denylist.contains(j))
            || p.denylist.contains(&jws.signing_input_sha256_hex())
            || p.denylist.contains(&super::token_sha256_hex(token))
        {
            reasons.push("the token is revoked (denylist)".into());
        }
    }
    if let Some(f) = &p.fingerprint {
        let want = super::sign::fingerprint_digest(f);
        match c.get("fgp").and_then(Value::as_str) {
            Some(got) if got == want => {}
            Some(_) => reasons.push("fingerprint does not match the token's fgp claim".into()),
            None => reasons.push("no fgp claim to check the fingerprint against".into()),
        }
    }
}
