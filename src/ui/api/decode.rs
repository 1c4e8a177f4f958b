//! `POST /api/decode`: what `jot decode` shows, as data: header, payload, each time claim
//! with its UTC date and a relative phrase, the signature's size, and the warnings of
//! `jot decode` (alg none, key-bearing headers, no exp). Nothing is verified.

use serde::Deserialize;
use serde_json::{json, Map, Value};

use super::{clock, strip_token};
use crate::clock::{format_utc, relative};
use crate::token::{self, Parsed};
use crate::{b64, Error, Result};

const TIME_CLAIMS: &[&str] = &["iat", "nbf", "exp", "auth_time"];

/// The request.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct DecodeRequest {
    pub token: String,
    /// The clock (unix seconds or RFC 3339); the system's when absent.
    #[serde(default)]
    pub now: Option<String>,
}

/// A JSON-serialized token: what `decode --json` shows, with the first signature's (or
/// recipient's) view in the shape the page shows compact tokens in.
fn decode_json(t: &str, now: i64) -> Result<Value> {
    let top = token::json_ser::object(t)?;
    let mut v = if top.contains_key("ciphertext") {
        let j = crate::jwe::json_ser::parse_object(&top)?;
        let header = j.header_for(0);
        let mut v = crate::jwe::json_ser::describe(&top)?;
        v["kind"] = "jwe".into();
        v["note"] = "a JWE (encrypted token): only its headers can be read".into();
        v["warnings"] = crate::token::hazards::header_warnings(&header, None).into();
        v["header"] = Value::Object(header);
        v
    } else {
        let j = token::json_ser::parse_object(&top)?;
        let first = j.jws(0);
        let mut v = j.describe();
        v["kind"] = "jws".into();
        v["alg"] = first.alg().into();
        v["times"] = first
            .claims()
            .map(|c| time_notes(c, now))
            .unwrap_or_default()
            .into();
        v["warnings"] =
            crate::token::hazards::header_warnings(&first.header, first.claims()).into();
        v["header"] = Value::Object(first.header);
        v
    };
    v["now"] = now.into();
    v["now_utc"] = format_utc(now).into();
    Ok(v)
}

/// Decode one token.
pub(super) fn decode(r: &DecodeRequest) -> Result<Value> {
    let now = clock(r.now.as_deref())?;
    let (t, stripped) = strip_token(&r.token);
    if token::json_ser::is_json(&t) {
        return decode_json(&t, now);
    }
    if crate::sdjwt::looks_like(&t) {
        let mut v = sd_jwt(&t, now)?;
        v["now"] = now.into();
        v["now_utc"] = format_utc(now).into();
        v["stripped"] = stripped.into();
        return Ok(v);
    }
    let parsed = token::parse(&t).map_err(|e| match token::identify_other(&t) {
        Some(what) => Error::input(format!("not a JWT: this is {what}")),
        None => e,
    })?;
    let mut v = match parsed {
        Parsed::Jwe { header } => json!({
            "kind": "jwe",
            "header": header,
            "note": "a JWE (encrypted token): only its protected header can be read",
            "warnings": crate::token::hazards::header_warnings(&header, None),
        }),
        Parsed::Jws(j) => {
            let times = j.claims().map(|c| time_notes(c, now)).unwrap_or_default();
            let payload_text = match &j.payload {
                Some(_) => Value::Null,
                None => String::from_utf8_lossy(&j.payload_raw).into_owned().into(),
            };
            json!({
                "kind": "jws",
                "alg": j.alg(),
                "header": j.header,
                "payload": j.payload,
                "payload_text": payload_text,
                "signature": b64::encode(&j.signature),
                "signature_bytes": j.signature.len(),
                "times": times,
                "warnings": crate::token::hazards::header_warnings(&j.header, j.claims()),
            })
        }
    };
    v["now"] = now.into();
    v["now_utc"] = format_utc(now).into();
    v["stripped"] = stripped.into();
    Ok(v)
}

/// An SD-JWT: the issuer JWT as a JWS is shown, plus `sd` (the disclosures, the claims
/// rebuilt from them, the digests without one, the KB-JWT) from `sdjwt::inspect`; the
/// times are those of the rebuilt claims.
fn sd_jwt(t: &str, now: i64) -> Result<Value> {
    let sd = crate::sdjwt::inspect::inspect(t)?;
    let jwt = &sd["issuer_jwt"];
    let header: Map<String, Value> = jwt["header"].as_object().cloned().unwrap_or_default();
    let rebuilt = sd.get("claims").and_then(Value::as_object);
    let times = rebuilt.map(|c| time_notes(c, now)).unwrap_or_default();
    let signature_bytes =
        b64::decode(jwt["signature"].as_str().unwrap_or("")).map_or(0, |s| s.len());
    let mut warnings = crate::token::hazards::header_warnings(&header, rebuilt);
    if let Some(why) = sd.get("rebuild_error").and_then(Value::as_str) {
        warnings.push(format!("the claims cannot be rebuilt: {why}"));
    }
    Ok(json!({
        "kind": "sd-jwt",
        "alg": header.get("alg"),
        "header": header,
        "payload": jwt["payload"],
        "payload_text": Value::Null,
        "signature": jwt["signature"],
        "signature_bytes": signature_bytes,
        "times": times,
        "warnings": warnings,
        "sd": sd,
    }))
}

/// Each time claim with its date and phrase, as `jot decode` words them.
pub(super) fn time_notes(c: &Map<String, Value>, now: i64) -> Vec<Value> {
    TIME_CLAIMS
        .iter()
        .filter_map(|k| c.get(*k).map(|v| (*k, v)))
        .map(|(k, v)| match v.as_f64() {
            Some(t) if t.is_finite() && t.abs() < 1e15 => {
                let t = t.floor() as i64;
                let rel = relative(t, now);
                let (phrase, state) = match (k, t >= now) {
                    ("exp", true) => (format!("expires {rel}"), "ok"),
                    ("exp", false) => (format!("expired {rel}"), "expired"),
                    ("nbf", true) => (format!("valid {rel}"), "future"),
                    (_, true) if t > now => (rel, "future"),
                    _ => (rel, "ok"),
                };
                json!({"claim": k, "value": v, "utc": format_utc(t), "phrase": phrase, "state": state})
            }
            _ => json!({"claim": k, "value": v, "utc": null, "phrase": "not a NumericDate", "state": "bad"}),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_claims_get_dates_and_phrases() {
        let mut c = Map::new();
        c.insert("exp".into(), 1_000_840.into());
        c.insert("iat".into(), (1_000_000 - 3 * 86_400).into());
        c.insert("nbf".into(), "soon".into());
        let notes = time_notes(&c, 1_000_000);
        let by = |k: &str| notes.iter().find(|n| n["claim"] == k).unwrap().clone();
        assert_eq!(by("exp")["phrase"], "expires in 14m");
        assert_eq!(by("exp")["utc"], format_utc(1_000_840));
        assert_eq!(by("iat")["phrase"], "3 days ago");
        assert_eq!(by("nbf")["state"], "bad");
        let mut old = Map::new();
        old.insert("exp".into(), (1_000_000 - 3 * 86_400).into());
        assert_eq!(
            time_notes(&old, 1_000_000)[0]["phrase"],
            "expired 3 days ago"
        );
    }
}
