//! `POST /api/sign`, `/api/defaults` and `/api/keygen`: `jot sign` with the header and
//! claims edited as JSON (iat and a 15-minute exp added where missing, alg and kid from
//! the key unless the header names them, reserved header members refused as by
//! `token::sign::header`), the claims the editor starts with, and `jot keygen`.

use serde::Deserialize;
use serde_json::{json, Map, Value};

use super::{clock, given, pasted_keys, secret_key, Pasted};
use crate::alg::{Alg, Family};
use crate::keys;
use crate::token::options::{add_default_times, DEFAULT_LIFETIME};
use crate::token::sign as jws;
use crate::{Error, Result};

/// The sign request.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(super) struct SignRequest {
    /// Header members; `alg` and `kid` here override the key's.
    pub header: Map<String, Value>,
    pub claims: Map<String, Value>,
    /// Key text (a private PEM or JWK, or a JWKS with `kid` choosing the key).
    pub key: Option<Pasted>,
    /// Or an HMAC secret (its UTF-8 bytes).
    pub secret: Option<Pasted>,
    /// Leave exp out (the token never expires; warned).
    pub no_exp: bool,
    /// Sign with an HMAC key shorter than the hash (refused otherwise, as `jot sign` does).
    pub insecure_short_key: bool,
    pub now: Option<String>,
}

/// Sign one token.
pub(super) fn sign(r: &SignRequest) -> Result<Value> {
    let now = clock(r.now.as_deref())?;
    let mut header = r.header.clone();
    let kid = match header.remove("kid") {
        None => None,
        Some(Value::String(k)) => Some(k),
        Some(_) => return Err(Error::usage("header kid must be a string")),
    };
    let (key, raw_secret) = match (Pasted::given(&r.key), Pasted::given(&r.secret)) {
        (Some(_), Some(_)) => return Err(Error::usage("give a key or a secret, not both")),
        (Some(k), None) => {
            let set = keys::KeyInput::Set(pasted_keys(k)?);
            (set.select(kid.as_deref())?, false)
        }
        (None, Some(s)) => (secret_key(s)?, true),
        (None, None) => {
            return Err(Error::usage("no key given")
                .with_hint("paste a private key or a secret, or generate a key"))
        }
    };
    if !key.is_private() {
        return Err(
            Error::usage("signing needs a private key, and this one is public")
                .with_hint("paste the private key (PKCS#8 PEM or a JWK with \"d\")"),
        );
    }
    let alg = match header.remove("alg") {
        None => key.default_alg(),
        Some(Value::String(a)) => Alg::from_name(&a).ok_or_else(|| {
            let why = if a.eq_ignore_ascii_case("none") {
                "alg none means an unsigned token, which jot never makes".to_owned()
            } else {
                format!("unknown algorithm {a:?}")
            };
            Error::usage(why)
                .with_hint(format!("expected one of {}", crate::alg::names().join(" ")))
        })?,
        Some(_) => return Err(Error::usage("header alg must be a string")),
    };
    key.check_alg(alg)?;
    let mut warnings = Vec::new();
    if let Some(w) = crate::token::sign::check_hmac_length(&key, alg, r.insecure_short_key)? {
        warnings.push(w);
    }
    // A raw secret's thumbprint would be a hash of the secret: no default kid for it.
    let kid = kid.or_else(|| {
        if raw_secret {
            key.kid.clone()
        } else {
            Some(key.kid_or_thumbprint())
        }
    });
    let mut claims = r.claims.clone();
    if r.no_exp {
        claims.remove("exp");
        warnings
            .push("the token has no exp: it never expires and cannot be revoked by time".into());
    }
    add_default_times(&mut claims, now, true, !r.no_exp)?;
    let header = jws::header(alg, kid.as_deref(), header)?;
    let token = jws::sign(&key, alg, &header, &claims)?;
    Ok(json!({
        "token": token,
        "header": header,
        "claims": claims,
        "warnings": warnings,
    }))
}

/// The request for the editor's starting claims.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(super) struct DefaultsRequest {
    pub now: Option<String>,
}

/// The claims `jot sign` would add now, for the editor to start from.
pub(super) fn defaults(r: &DefaultsRequest) -> Result<Value> {
    let now = clock(r.now.as_deref())?;
    let mut claims = Map::new();
    claims.insert("sub".into(), "alice".into());
    add_default_times(&mut claims, now, true, true)?;
    Ok(json!({
        "header": {"typ": "JWT"},
        "claims": claims,
        "lifetime": DEFAULT_LIFETIME,
    }))
}

/// The keygen request.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct KeygenRequest {
    pub alg: String,
    #[serde(default)]
    pub bits: Option<usize>,
    #[serde(default)]
    pub kid: Option<String>,
}

/// Generate a key: the private half as JWK (and PEM unless HMAC), the public half too.
pub(super) fn keygen(r: &KeygenRequest) -> Result<Value> {
    let alg = Alg::from_name(r.alg.trim())
        .ok_or_else(|| Error::usage(format!("unknown algorithm {:?}", r.alg)))?;
    let jwk = keys::generate(alg, r.bits, given(&r.kid).map(str::to_owned))?;
    let text = |v: &Value| serde_json::to_string_pretty(v).unwrap_or_default();
    let pem = |private: bool| -> Result<Value> {
        Ok(match alg.family() {
            Family::Hmac => Value::Null,
            _ if private => jwk.to_pem(true)?.as_str().into(),
            _ => jwk.to_public()?.to_pem(false)?.as_str().into(),
        })
    };
    let public = match alg.family() {
        Family::Hmac => Value::Null,
        _ => json!({
            "jwk": text(&jwk.to_public()?.to_json(false)),
            "pem": pem(false)?,
        }),
    };
    Ok(json!({
        "alg": alg.name(),
        "kid": jwk.kid,
        "describe": jwk.describe(),
        // Written by the zeroizing JWK writer: no plain JSON copy of the private members.
        "private": {"jwk": jwk.to_text(true)?.trim_end(), "pem": pem(true)?},
        "public": public,
    }))
}
