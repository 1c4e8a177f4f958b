//! The JWE JSON serializations (RFC 7516 §7.2): general (`recipients` array) and flattened,
//! parsed strictly (duplicate members, an undecodable `protected`, overlapping headers,
//! `zip`/`crit` outside the protected header and over 100 recipients are refused), decrypted
//! recipient by recipient (those whose kid names a supplied key first), and written with one
//! shared CEK wrapped for each recipient.

use serde_json::{json, Map, Value};

use super::flow::{base_header, max_len, open};
use super::{content, keymgmt, zip, Decrypted, EncryptOptions, Failure, JweKey, Policy};
use crate::alg::KeyAlgFamily;
use crate::token::json_ser::{b64_member, disjoint, object_within, protected, unprotected};
use crate::token::json_ser::{Serialization, MAX_SIGNATURES};
use crate::{b64, Error, Result};

/// One recipient: its own header and its encrypted CEK.
#[derive(Clone, Debug)]
pub struct Recipient {
    pub header: Map<String, Value>,
    pub encrypted_key: Vec<u8>,
}

/// A JSON-serialized JWE. Nothing in it has been authenticated.
#[derive(Clone, Debug)]
pub struct JsonJwe {
    pub serialization: Serialization,
    pub protected: Map<String, Value>,
    /// The `protected` member as written: the start of the AAD.
    pub protected_b64: String,
    /// The shared unprotected header (`unprotected`).
    pub unprotected: Map<String, Value>,
    pub recipients: Vec<Recipient>,
    /// The `aad` member as written, when there is one.
    pub aad_b64: Option<String>,
    pub iv: Vec<u8>,
    pub ciphertext: Vec<u8>,
    pub tag: Vec<u8>,
}

impl JsonJwe {
    /// What the content encryption authenticates (RFC 7516 §5.1 step 14).
    pub(crate) fn aad(&self) -> String {
        match &self.aad_b64 {
            Some(a) => format!("{}.{a}", self.protected_b64),
            None => self.protected_b64.clone(),
        }
    }

    /// Every header member that applies to recipient `i`.
    pub(crate) fn header_for(&self, i: usize) -> Map<String, Value> {
        let mut h = self.protected.clone();
        h.extend(self.unprotected.clone());
        h.extend(self.recipients[i].header.clone());
        h
    }
}

fn recipient(m: &Map<String, Value>, at: &str) -> Result<Recipient> {
    Ok(Recipient {
        header: unprotected(m, at)?,
        encrypted_key: b64_member(m, "encrypted_key", at)?.unwrap_or_default(),
    })
}

fn required(top: &Map<String, Value>, name: &str) -> Result<Vec<u8>> {
    b64_member(top, name, "")?.ok_or_else(|| Error::input(format!("no \"{name}\" member")))
}

/// Parse the top-level object of a JSON-serialized JWE.
pub fn parse_object(top: &Map<String, Value>) -> Result<JsonJwe> {
    let (protected, protected_b64) = protected(top, "")?;
    let shared = match top.get("unprotected") {
        None => Map::new(),
        Some(Value::Object(h)) => h.clone(),
        Some(_) => return Err(Error::input("\"unprotected\" is not a JSON object")),
    };
    let (serialization, recipients) = match top.get("recipients") {
        Some(Value::Array(list)) => {
            if top.contains_key("header") || top.contains_key("encrypted_key") {
                return Err(Error::input(
                    "both \"recipients\" and top-level recipient members (RFC 7516 §7.2.2)",
                ));
            }
            if list.is_empty() || list.len() > MAX_SIGNATURES {
                return Err(Error::input(format!(
                    "{} recipients; a JWE has 1 to {MAX_SIGNATURES}",
                    list.len()
                )));
            }
            let r = list
                .iter()
                .enumerate()
                .map(|(i, r)| match r {
                    Value::Object(m) => recipient(m, &format!("recipient {i}: ")),
                    _ => Err(Error::input(format!("recipient {i}: not a JSON object"))),
                })
                .collect::<Result<Vec<_>>>()?;
            (Serialization::General, r)
        }
        Some(_) => return Err(Error::input("\"recipients\" is not an array")),
        None => (Serialization::Flattened, vec![recipient(top, "")?]),
    };
    for (i, r) in recipients.iter().enumerate() {
        disjoint(
            &[&protected, &shared, &r.header],
            &format!("recipient {i}: "),
        )?;
        for member in ["zip", "crit"] {
            if shared.contains_key(member) || r.header.contains_key(member) {
                return Err(Error::input(format!(
                    "\"{member}\" outside the protected header: it must be integrity \
                     protected (RFC 7516 §4.1.3, §4.1.13)"
                )));
            }
        }
    }
    let aad_b64 = match top.get("aad") {
        None => None,
        Some(_) => {
            b64_member(top, "aad", "")?;
            top["aad"].as_str().map(str::to_owned)
        }
    };
    Ok(JsonJwe {
        serialization,
        protected,
        protected_b64,
        unprotected: shared,
        recipients,
        aad_b64,
        iv: required(top, "iv")?,
        ciphertext: required(top, "ciphertext")?,
        tag: required(top, "tag")?,
    })
}

/// What `decode` shows of a JSON-serialized JWE: its headers, never its content.
pub(crate) fn describe(top: &Map<String, Value>) -> Result<Value> {
    let j = parse_object(top)?;
    let recipients: Vec<Value> = j
        .recipients
        .iter()
        .map(|r| json!({"header": r.header, "encrypted_key_bytes": r.encrypted_key.len()}))
        .collect();
    Ok(json!({
        "serialization": j.serialization, "encrypted": true, "protected": j.protected,
        "unprotected": j.unprotected, "recipients": recipients, "aad": j.aad_b64.is_some(),
    }))
}

/// The order recipients are tried in: those whose kid names a supplied key first.
fn order(j: &JsonJwe, keys: &[JweKey], p: &Policy) -> Vec<usize> {
    let named = |i: &usize| {
        let h = j.header_for(*i);
        let kid = p.kid.as_deref().or(h.get("kid").and_then(Value::as_str));
        kid.is_some_and(|k| keys.iter().any(|key| key.kid() == Some(k)))
    };
    let (mut first, rest): (Vec<usize>, Vec<usize>) = (0..j.recipients.len()).partition(named);
    first.extend(rest);
    first
}

/// Decrypt a JSON-serialized JWE: the index of the recipient that decrypted, and the
/// result (its header is every member that applied to that recipient).
pub fn decrypt(
    text: &str,
    keys: &[JweKey],
    p: &Policy,
) -> std::result::Result<(usize, Decrypted), Failure> {
    let top = object_within(text, max_len(p)).map_err(|e| Failure::new(e.to_string()))?;
    let j = parse_object(&top).map_err(|e| Failure::new(e.to_string()))?;
    let aad = j.aad();
    let mut why = Vec::new();
    for i in order(&j, keys, p) {
        let one = super::Jwe {
            protected: j.protected_b64.clone(),
            header: j.header_for(i),
            encrypted_key: j.recipients[i].encrypted_key.clone(),
            iv: j.iv.clone(),
            ciphertext: j.ciphertext.clone(),
            tag: j.tag.clone(),
        };
        match open(one, aad.as_bytes(), keys, p) {
            Ok(d) => return Ok((i, d)),
            Err(f) => why.push(format!("recipient {i}: {}", f.reason)),
        }
    }
    Err(Failure::new(why.join("; ")))
}

/// With several recipients an oct key whose size fits the enc would default to `dir`, which
/// cannot share the CEK: such a key wraps it with AES key wrap instead.
fn shared_default(key: &JweKey, several: bool) -> Option<crate::alg::KeyAlg> {
    use crate::alg::KeyAlg;
    let JweKey::Jwk(j) = key else { return None };
    match (&j.key, j.alg.is_none() && several) {
        (crate::keys::Key::Oct(s), true) => match s.expose().len() {
            16 => Some(KeyAlg::A128Kw),
            24 => Some(KeyAlg::A192Kw),
            32 => Some(KeyAlg::A256Kw),
            _ => None,
        },
        _ => None,
    }
}

/// The shared protected header, the CEK and each recipient's (header, encrypted key).
struct Wrapped {
    protected: Map<String, Value>,
    cek: zeroize::Zeroizing<Vec<u8>>,
    recipients: Vec<(Map<String, Value>, Vec<u8>)>,
}

/// Wrap one CEK for every recipient. With several, each recipient's own members (alg, kid,
/// epk, iv, tag, p2s, p2c) go in its header; enc, cty, zip and the extras stay shared.
fn wrap_all(recipients: &[(JweKey, Option<String>)], o: &EncryptOptions) -> Result<Wrapped> {
    let several = recipients.len() > 1;
    let mut shared: Option<Wrapped> = None;
    for (key, kid) in recipients {
        let o = EncryptOptions {
            kid: kid.clone(),
            alg: o.alg.or(shared_default(key, several)),
            ..o.clone()
        };
        let (alg, mut header) = base_header(key, &o)?;
        if several && matches!(alg.family(), KeyAlgFamily::Dir | KeyAlgFamily::EcdhEs(None)) {
            return Err(Error::usage(format!(
                "{alg} derives its own content key, so it cannot share one with other \
                 recipients (RFC 7516 §7.2.1)"
            ))
            .with_hint("use a key-wrapping alg (RSA-OAEP-256, ECDH-ES+A256KW, A256KW) for each"));
        }
        let given = shared.as_ref().map(|w| w.cek.as_slice());
        let (cek, ek) = keymgmt::wrap_given(key, alg, o.enc, &mut header, o.p2c, given)
            .map_err(Error::usage)?;
        let mine: Map<String, Value> = if several {
            let common = ["enc", "cty", "zip"];
            let own: Vec<String> = header
                .keys()
                .filter(|k| !common.contains(&k.as_str()) && !o.extra.contains_key(*k))
                .cloned()
                .collect();
            own.into_iter()
                .filter_map(|k| header.remove_entry(&k))
                .collect()
        } else {
            Map::new()
        };
        let w = shared.get_or_insert_with(|| Wrapped {
            protected: header,
            cek,
            recipients: Vec::new(),
        });
        w.recipients.push((mine, ek));
    }
    shared.ok_or_else(|| Error::usage("no recipient"))
}

/// Encrypt `plaintext` to every key in `recipients` (each with the kid for its header) in a
/// JSON serialization. `o`'s enc, cty, zip and extras go in the shared protected header;
/// each recipient's alg, kid and key-management members in its own header. One recipient
/// keeps everything protected, as a compact token would.
pub fn encrypt(
    ser: Serialization,
    recipients: &[(JweKey, Option<String>)],
    o: &EncryptOptions,
    plaintext: &[u8],
    aad: Option<&[u8]>,
) -> Result<String> {
    if recipients.is_empty() || recipients.len() > MAX_SIGNATURES {
        return Err(Error::usage(format!(
            "{} recipients; a JWE has 1 to {MAX_SIGNATURES}",
            recipients.len()
        )));
    }
    if ser == Serialization::Flattened && recipients.len() > 1 {
        return Err(
            Error::usage("the flattened serialization has one recipient")
                .with_hint("use --serialization json for several keys"),
        );
    }
    let w = wrap_all(recipients, o)?;
    let protected =
        b64::encode(&serde_json::to_vec(&w.protected).map_err(|e| Error::input(e.to_string()))?);
    let aad_b64 = aad.map(b64::encode);
    let full_aad = match &aad_b64 {
        Some(a) => format!("{protected}.{a}"),
        None => protected.clone(),
    };
    let mut iv = vec![0u8; o.enc.iv_len()];
    getrandom::fill(&mut iv).map_err(|e| Error::input(format!("no randomness: {e}")))?;
    let body = zeroize::Zeroizing::new(if o.zip {
        zip::deflate(plaintext)
    } else {
        plaintext.to_vec()
    });
    let (ct, tag) = content::encrypt(o.enc, &w.cek, &iv, full_aad.as_bytes(), &body)
        .map_err(|e| Error::input(format!("content encryption failed: {e:?}")))?;
    let one = |(h, ek): &(Map<String, Value>, Vec<u8>)| {
        let mut m = Map::new();
        if !h.is_empty() {
            m.insert("header".into(), Value::Object(h.clone()));
        }
        if !ek.is_empty() {
            m.insert("encrypted_key".into(), b64::encode(ek).into());
        }
        m
    };
    let mut top = Map::new();
    top.insert("protected".into(), protected.into());
    match ser {
        Serialization::Flattened => top.extend(one(&w.recipients[0])),
        _ => drop(top.insert(
            "recipients".into(),
            w.recipients.iter().map(|r| Value::Object(one(r))).collect(),
        )),
    }
    if let Some(a) = aad_b64 {
        top.insert("aad".into(), a.into());
    }
    top.insert("iv".into(), b64::encode(&iv).into());
    top.insert("ciphertext".into(), b64::encode(&ct).into());
    top.insert("tag".into(), b64::encode(&tag).into());
    serde_json::to_string(&top).map_err(|e| Error::input(e.to_string()))
}
