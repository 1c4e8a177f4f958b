//! The JWS JSON serializations (RFC 7515 §7.2): general (`signatures` array) and flattened
//! (one signature at the top level), parsed strictly. Duplicate members, a `protected` that
//! is not base64url JSON, a header member both protected and unprotected (§7.2.1), over
//! `MAX_SIGNATURES` signatures and mixed general/flattened members are refused.

use serde::Serialize;
use serde_json::{Map, Value};

use super::{parse_strict, Jws, MAX_TOKEN};
use crate::{b64, Error, Result};

/// More signatures than this is not a token anyone means to send: refused before any work.
pub(crate) const MAX_SIGNATURES: usize = 100;

/// How a token is written down.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Serialization {
    Compact,
    /// RFC 7515 §7.2.1 / RFC 7516 §7.2.1: an array of signatures or recipients.
    General,
    /// RFC 7515 §7.2.2 / RFC 7516 §7.2.2: one signature or recipient at the top level.
    Flattened,
}

impl Serialization {
    /// The name `--serialization` and `--json` output use.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Serialization::Compact => "compact",
            Serialization::General => "general",
            Serialization::Flattened => "flattened",
        }
    }
}

/// One signature of a JSON-serialized JWS.
#[derive(Clone, Debug)]
pub struct JsonSignature {
    /// The protected header (empty when there is none, as in RFC 7520 §4.7).
    pub protected: Map<String, Value>,
    /// The `protected` member as written: part of the signing input.
    pub protected_b64: String,
    /// The unprotected header: not covered by the signature.
    pub header: Map<String, Value>,
    pub signature: Vec<u8>,
}

/// A JSON-serialized JWS. Nothing in it has been verified.
#[derive(Clone, Debug)]
pub struct JsonJws {
    pub serialization: Serialization,
    /// The `payload` member as written: part of every signing input.
    pub payload_b64: String,
    pub payload_raw: Vec<u8>,
    /// The payload as JSON, when it is JSON.
    pub payload: Option<Value>,
    pub signatures: Vec<JsonSignature>,
}

impl JsonJws {
    /// Signature `i` as a compact-shaped [`Jws`] whose header is its protected header alone:
    /// what a check that reads only protected members (alg, crit, typ) looks at.
    pub(crate) fn jws(&self, i: usize) -> Jws {
        let s = &self.signatures[i];
        Jws {
            header: s.protected.clone(),
            payload: self.payload.clone(),
            payload_raw: self.payload_raw.clone(),
            signature: s.signature.clone(),
            signing_input: format!("{}.{}", s.protected_b64, self.payload_b64),
        }
    }
}

impl JsonJws {
    /// What `decode --json` shows: the serialization, the payload (JSON when it is JSON,
    /// else as written) and every signature's headers.
    pub(crate) fn describe(&self) -> Value {
        let sigs: Vec<Value> = self
            .signatures
            .iter()
            .map(|s| {
                serde_json::json!({"protected": s.protected, "header": s.header,
                                   "signature": b64::encode(&s.signature)})
            })
            .collect();
        let payload = self
            .payload
            .clone()
            .unwrap_or_else(|| Value::String(self.payload_b64.clone()));
        serde_json::json!({"serialization": self.serialization, "payload": payload,
                           "signatures": sigs})
    }
}

/// Whether text is a JSON serialization rather than a compact token: it starts with `{`.
pub(crate) fn is_json(text: &str) -> bool {
    text.trim_start().starts_with('{')
}

/// The top-level object of a JSON serialization, strictly parsed and size-bounded.
pub fn object(text: &str) -> Result<Map<String, Value>> {
    object_within(text, MAX_TOKEN)
}

/// [`object`] with another size bound (a JWE's follows its plaintext bound).
pub(crate) fn object_within(text: &str, limit: usize) -> Result<Map<String, Value>> {
    let t = text.trim();
    if t.len() > limit {
        return Err(Error::input(format!(
            "the JSON serialization is {} bytes; the limit is {limit}",
            t.len()
        )));
    }
    match parse_strict(t.as_bytes()) {
        Ok(Value::Object(m)) => Ok(m),
        Ok(_) => Err(Error::input(
            "a JSON-serialized token must be a JSON object",
        )),
        Err(e) => Err(Error::input(format!("JSON serialization: {e}"))),
    }
}

/// A member that must be a base64url string, decoded.
pub(crate) fn b64_member(m: &Map<String, Value>, name: &str, at: &str) -> Result<Option<Vec<u8>>> {
    match m.get(name) {
        None => Ok(None),
        Some(Value::String(s)) => b64::decode(s)
            .map(Some)
            .map_err(|e| Error::input(format!("{at}\"{name}\" is not base64url: {e}"))),
        Some(_) => Err(Error::input(format!("{at}\"{name}\" is not a string"))),
    }
}

/// A protected header: base64url of a JSON object (absent is an empty header).
pub(crate) fn protected(m: &Map<String, Value>, at: &str) -> Result<(Map<String, Value>, String)> {
    let Some(bytes) = b64_member(m, "protected", at)? else {
        return Ok((Map::new(), String::new()));
    };
    let text = m["protected"].as_str().unwrap_or_default().to_owned();
    match parse_strict(&bytes) {
        Ok(Value::Object(h)) => Ok((h, text)),
        Ok(_) => Err(Error::input(format!(
            "{at}\"protected\" is not a JSON object"
        ))),
        Err(e) => Err(Error::input(format!(
            "{at}\"protected\" does not decode to JSON: {e}"
        ))),
    }
}

/// An unprotected header: a JSON object (absent is an empty header).
pub(crate) fn unprotected(m: &Map<String, Value>, at: &str) -> Result<Map<String, Value>> {
    match m.get("header") {
        None => Ok(Map::new()),
        Some(Value::Object(h)) => Ok(h.clone()),
        Some(_) => Err(Error::input(format!("{at}\"header\" is not a JSON object"))),
    }
}

/// RFC 7515 §7.2.1 / RFC 7516 §7.2.1: the header parts must be disjoint, else two readers
/// could take different values for the same parameter.
pub(crate) fn disjoint(parts: &[&Map<String, Value>], at: &str) -> Result<()> {
    for (i, a) in parts.iter().enumerate() {
        for b in &parts[i + 1..] {
            if let Some(k) = a.keys().find(|k| b.contains_key(*k)) {
                return Err(Error::input(format!(
                    "{at}header member \"{k}\" appears in more than one header (RFC 7515 §7.2.1)"
                )));
            }
        }
    }
    Ok(())
}

fn signature(m: &Map<String, Value>, at: &str) -> Result<JsonSignature> {
    let (protected, protected_b64) = protected(m, at)?;
    let header = unprotected(m, at)?;
    if !m.contains_key("protected") && !m.contains_key("header") {
        return Err(Error::input(format!(
            "{at}neither \"protected\" nor \"header\": no alg (RFC 7515 §7.2.1)"
        )));
    }
    disjoint(&[&protected, &header], at)?;
    let signature = b64_member(m, "signature", at)?
        .ok_or_else(|| Error::input(format!("{at}no \"signature\" member")))?;
    Ok(JsonSignature {
        protected,
        protected_b64,
        header,
        signature,
    })
}

/// Parse a JSON-serialized JWS (general or flattened).
pub fn parse(text: &str) -> Result<JsonJws> {
    parse_object(&object(text)?)
}

/// Parse the top-level object of a JSON-serialized JWS.
pub(crate) fn parse_object(top: &Map<String, Value>) -> Result<JsonJws> {
    if top.contains_key("ciphertext") {
        return Err(Error::input("this is a JSON-serialized JWE, not a JWS"));
    }
    let payload_raw = b64_member(top, "payload", "")?.ok_or_else(|| {
        Error::input("no \"payload\" member (detached payloads are not supported)")
    })?;
    let payload_b64 = top["payload"].as_str().unwrap_or_default().to_owned();
    let (serialization, signatures) = match top.get("signatures") {
        Some(Value::Array(list)) => {
            if ["protected", "header", "signature"]
                .iter()
                .any(|k| top.contains_key(*k))
            {
                return Err(Error::input(
                    "both \"signatures\" and top-level signature members: neither general \
                     nor flattened (RFC 7515 §7.2.2)",
                ));
            }
            if list.is_empty() || list.len() > MAX_SIGNATURES {
                return Err(Error::input(format!(
                    "{} signatures; a JWS has 1 to {MAX_SIGNATURES}",
                    list.len()
                )));
            }
            let sigs = list
                .iter()
                .enumerate()
                .map(|(i, s)| match s {
                    Value::Object(m) => signature(m, &format!("signature {i}: ")),
                    _ => Err(Error::input(format!("signature {i}: not a JSON object"))),
                })
                .collect::<Result<Vec<_>>>()?;
            (Serialization::General, sigs)
        }
        Some(_) => return Err(Error::input("\"signatures\" is not an array")),
        None => (Serialization::Flattened, vec![signature(top, "")?]),
    };
    let payload = match parse_strict(&payload_raw) {
        Ok(v) => Some(v),
        Err(e) if payload_raw.first() == Some(&b'{') => {
            return Err(Error::input(format!("payload: {e}")))
        }
        Err(_) => None,
    };
    Ok(JsonJws {
        serialization,
        payload_b64,
        payload_raw,
        payload,
        signatures,
    })
}

/// Write a JWS in a JSON serialization. Each signature is (protected b64, unprotected
/// header, signature bytes); flattened takes exactly one.
pub(crate) fn write(
    serialization: Serialization,
    payload_b64: &str,
    sigs: &[(String, Map<String, Value>, Vec<u8>)],
) -> Result<String> {
    let one = |(p, h, s): &(String, Map<String, Value>, Vec<u8>)| {
        let mut m = Map::new();
        if !p.is_empty() {
            m.insert("protected".into(), p.clone().into());
        }
        if !h.is_empty() {
            m.insert("header".into(), Value::Object(h.clone()));
        }
        m.insert("signature".into(), b64::encode(s).into());
        m
    };
    let mut top = Map::new();
    top.insert("payload".into(), payload_b64.into());
    match (serialization, sigs) {
        (Serialization::Flattened, [s]) => top.extend(one(s)),
        (Serialization::General, s) if !s.is_empty() && s.len() <= MAX_SIGNATURES => {
            top.insert(
                "signatures".into(),
                s.iter().map(|s| Value::Object(one(s))).collect(),
            );
        }
        (Serialization::Flattened, _) => {
            return Err(
                Error::usage("the flattened serialization holds one signature")
                    .with_hint("use --serialization json for several keys"),
            )
        }
        _ => {
            return Err(Error::usage(format!(
                "{} signatures; a JWS has 1 to {MAX_SIGNATURES}",
                sigs.len()
            )))
        }
    }
    serde_json::to_string(&top).map_err(|e| Error::input(format!("cannot serialise JSON: {e}")))
}
