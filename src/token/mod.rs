//! JWS/JWE parsing, compact (RFC 7515 §7.1, RFC 7516 §7.1) and JSON (json_ser), with reasons that name the
//! segment, strict JSON (duplicate members rejected, depth bounded), signing and
//! verification. Tokens are attacker-controlled: nothing here panics on them.

pub(crate) mod claims;
pub(crate) mod duplicates;
pub(crate) mod fast;
mod fast_json;
pub(crate) mod format;
pub(crate) mod hazards;
mod json;
pub mod json_ser;
pub(crate) mod options;
pub(crate) mod paste;
pub mod sign;
pub(crate) mod summary;
pub(crate) mod typing;
pub mod verify;
pub(crate) mod verify_json;
pub(crate) mod verify_keys;
mod x5c_trust;

#[cfg(test)]
mod tests;

use serde_json::{Map, Value};

use crate::{b64, Error, Result};

pub(crate) use hazards::{is_alg_none, KEY_HEADERS};
pub use json::parse_strict;
pub(crate) use paste::paste;

/// Tokens larger than this are refused before any work (real tokens are a few KB).
pub(crate) const MAX_TOKEN: usize = 256 * 1024;

/// A parsed compact JWS. Nothing in it has been verified.
#[derive(Clone, Debug)]
pub struct Jws {
    /// The protected header.
    pub header: Map<String, Value>,
    /// The payload as JSON, when it is JSON (a JWT claims set is an object).
    pub payload: Option<Value>,
    /// The raw payload bytes.
    pub payload_raw: Vec<u8>,
    /// The signature bytes.
    pub signature: Vec<u8>,
    /// `BASE64URL(header) || '.' || BASE64URL(payload)`: what the signature covers.
    pub signing_input: String,
}

impl Jws {
    /// The header's `alg` as written.
    pub fn alg(&self) -> Option<&str> {
        self.header.get("alg").and_then(Value::as_str)
    }

    /// The header's `kid` as written (`None` when absent or not a string; verify refuses
    /// a non-string kid, RFC 7515 §4.1.4).
    pub fn kid(&self) -> Option<&str> {
        self.header.get("kid").and_then(Value::as_str)
    }

    /// SHA-256 (hex) of the signing input `header.payload`: how a denylist names a token.
    /// An attacker cannot change it without the key, unlike the whole token's text (an
    /// ECDSA signature has a second valid form, (r, n−s)).
    pub(crate) fn signing_input_sha256_hex(&self) -> String {
        crate::alg::Hash::Sha256.hex_digest(self.signing_input.as_bytes())
    }

    /// The claims, when the payload is a JSON object.
    pub fn claims(&self) -> Option<&Map<String, Value>> {
        self.payload.as_ref().and_then(Value::as_object)
    }
}

/// What a compact token is.
#[derive(Clone, Debug)]
pub enum Parsed {
    /// A signed token (three segments).
    Jws(Jws),
    /// An encrypted token (five segments): only its header can be read.
    Jwe { header: Map<String, Value> },
}

const NAMES: [&str; 5] = [
    "header",
    "payload",
    "signature",
    "initialization vector",
    "ciphertext",
];

fn segment_err(i: usize, why: impl std::fmt::Display) -> Error {
    Error::input(format!("segment {} ({}): {why}", i + 1, NAMES[i.min(4)]))
}

fn object(i: usize, bytes: &[u8]) -> Result<Map<String, Value>> {
    match parse_strict(bytes).map_err(|e| segment_err(i, e))? {
        Value::Object(m) => Ok(m),
        _ => Err(segment_err(i, "not a JSON object")),
    }
}

/// Parse a compact token. Whitespace around it is ignored; anything else malformed is an
/// error that names the segment and the reason.
pub fn parse(token: &str) -> Result<Parsed> {
    let t = token.trim();
    if t.is_empty() {
        return Err(Error::input("empty token"));
    }
    if t.len() > MAX_TOKEN {
        return Err(Error::input(format!(
            "token is {} bytes; the limit is {MAX_TOKEN}",
            t.len()
        )));
    }
    let parts: Vec<&str> = t.split('.').collect();
    match parts.len() {
        3 => {}
        5 => {
            let h = b64::decode(parts[0]).map_err(|e| segment_err(0, e))?;
            return Ok(Parsed::Jwe {
                header: object(0, &h)?,
            });
        }
        n => {
            let hint = match crate::token::identify_other(t) {
                Some(what) => format!("this looks like {what}"),
                None => "a JWS has 3 dot-separated segments, a JWE 5".into(),
            };
            return Err(Error::input(format!("{n} segments: not a compact JWT")).with_hint(hint));
        }
    }
    let h = b64::decode(parts[0]).map_err(|e| segment_err(0, e))?;
    let header = object(0, &h)?;
    if !header.contains_key("alg") {
        // RFC 7515 §4.1.1: alg is required; without it this is some other format.
        return Err(segment_err(0, "no \"alg\" member: not a JWS header"));
    }
    let payload_raw = b64::decode(parts[1]).map_err(|e| segment_err(1, e))?;
    let payload = match parse_strict(&payload_raw) {
        Ok(v) => Some(v),
        // A JWS may carry any payload; a JWT's is JSON. Say why when it looks like JSON.
        Err(e) if payload_raw.first() == Some(&b'{') => return Err(segment_err(1, e)),
        Err(_) => None,
    };
    let signature = b64::decode(parts[2]).map_err(|e| segment_err(2, e))?;
    Ok(Parsed::Jws(Jws {
        header,
        payload,
        payload_raw,
        signature,
        signing_input: format!("{}.{}", parts[0], parts[1]),
    }))
}

/// Name a token format that is not a JWT (PASETO, Fernet, …), when it is recognisable.
pub(crate) fn identify_other(t: &str) -> Option<&'static str> {
    format::identify(t)
}

/// SHA-256 of the whole token text, hex: how denylists named tokens before 0.2. Still
/// matched (a listed token stays revoked), but [`Jws::signing_input_sha256_hex`] is the key
/// to list, since the signature part can be varied.
pub(crate) fn token_sha256_hex(token: &str) -> String {
    crate::alg::Hash::Sha256.hex_digest(token.trim().as_bytes())
}
