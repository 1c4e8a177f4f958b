//! SD-JWT (RFC 9901): selective disclosure on top of a compact JWS. This file owns the
//! `<issuer JWT>~<disclosure>~…~[<KB-JWT>]` parser, the disclosure format (§4.2.1, §4.2.2)
//! and digests (§4.2.3); `rebuild` turns a payload and disclosures back into claims,
//! `issue` makes an SD-JWT, `present` picks disclosures and binds them to a holder key, and
//! `check` verifies a presentation. No clap, no printing, time and randomness injected.

pub(crate) mod check;
pub mod inspect;
pub(crate) mod issue;
pub(crate) mod present;
pub(crate) mod rebuild;

#[cfg(test)]
mod props;
#[cfg(test)]
mod tests;

use serde_json::Value;

use crate::alg::Hash;
use crate::{b64, Error, Result};

pub(crate) use check::{verify, KbPolicy, SdVerdict};
pub(crate) use issue::{issue, IssueOptions};
pub(crate) use present::{present, Selection};
pub(crate) use rebuild::rebuild;

/// The hash named by `_sd_alg` when the payload has none (RFC 9901 §4.1.1).
pub(crate) const DEFAULT_HASH: Hash = Hash::Sha256;

/// Claim names a disclosure may never carry (RFC 9901 §4.2.1): they are the digests'.
pub(crate) const RESERVED_NAMES: &[&str] = &["_sd", "..."];

/// One disclosure: `[salt, name, value]` for an object property, `[salt, value]` for an
/// array element. `encoded` is the base64url text as sent: digests are over it, not over a
/// re-encoding.
#[derive(Clone, Debug, PartialEq)]
pub struct Disclosure {
    pub encoded: String,
    pub salt: String,
    pub name: Option<String>,
    pub value: Value,
}

/// A parsed SD-JWT or presentation. Nothing in it has been verified.
#[derive(Clone, Debug)]
pub struct SdJwt {
    /// The issuer-signed JWT (compact JWS text).
    pub jwt: String,
    pub disclosures: Vec<Disclosure>,
    /// The Key Binding JWT, when the presentation ends with one.
    pub kb_jwt: Option<String>,
}

/// Whether `t` has the SD-JWT shape: a compact JWS never holds `~` (not base64url).
pub(crate) fn looks_like(t: &str) -> bool {
    // A JSON-serialized JWS may hold a '~' in an unprotected header; it is not an SD-JWT.
    t.contains('~') && !t.trim_start().starts_with('{')
}

/// The `_sd_alg` names jot accepts, and their hashes (IANA "Named Information Hash
/// Algorithm" names; RFC 9901 §4.1.1).
pub(crate) fn hash_from_name(name: &str) -> Option<Hash> {
    match name {
        "sha-256" => Some(Hash::Sha256),
        "sha-384" => Some(Hash::Sha384),
        "sha-512" => Some(Hash::Sha512),
        _ => None,
    }
}

/// The `_sd_alg` name of a hash.
pub(crate) fn hash_name(h: Hash) -> &'static str {
    match h {
        Hash::Sha256 => "sha-256",
        Hash::Sha384 => "sha-384",
        Hash::Sha512 => "sha-512",
    }
}

/// The digest of a disclosure or of a presentation (for `sd_hash`): base64url of the hash
/// of the ASCII text (RFC 9901 §4.2.3, §4.3.1).
pub(crate) fn digest(hash: Hash, text: &str) -> String {
    b64::encode(&hash.digest(text.as_bytes()))
}

fn disclosure_err(i: usize, why: impl std::fmt::Display) -> Error {
    Error::input(format!("disclosure {}: {why}", i + 1))
        .with_hint("a disclosure is base64url of a JSON array [salt, name, value] or [salt, value]")
}

impl Disclosure {
    /// Parse the `i`-th (0-based, for messages) disclosure of a presentation.
    pub(crate) fn parse(i: usize, encoded: &str) -> Result<Disclosure> {
        let bytes = b64::decode(encoded).map_err(|e| disclosure_err(i, e))?;
        let json = crate::token::parse_strict(&bytes)
            .map_err(|e| disclosure_err(i, format!("not JSON: {e}")))?;
        let Value::Array(mut items) = json else {
            return Err(disclosure_err(i, "not a JSON array"));
        };
        let (salt, name, value) = match items.len() {
            2 => {
                let value = items.pop().unwrap_or_default();
                (items.pop().unwrap_or_default(), None, value)
            }
            3 => {
                let value = items.pop().unwrap_or_default();
                let name = match items.pop() {
                    Some(Value::String(s)) => s,
                    _ => return Err(disclosure_err(i, "the claim name is not a string")),
                };
                if RESERVED_NAMES.contains(&name.as_str()) {
                    return Err(disclosure_err(
                        i,
                        format!("the claim name {name:?} is reserved (RFC 9901 §4.2.1)"),
                    ));
                }
                (items.pop().unwrap_or_default(), Some(name), value)
            }
            n => {
                return Err(disclosure_err(
                    i,
                    format!("an array of {n} elements, not 2 or 3"),
                ))
            }
        };
        let Value::String(salt) = salt else {
            return Err(disclosure_err(i, "the salt is not a string"));
        };
        Ok(Disclosure {
            encoded: encoded.to_owned(),
            salt,
            name,
            value,
        })
    }

    /// Make a disclosure from its parts (the issuer side).
    pub fn new(salt: String, name: Option<String>, value: Value) -> Disclosure {
        let array = match &name {
            Some(n) => Value::Array(vec![salt.clone().into(), n.clone().into(), value.clone()]),
            None => Value::Array(vec![salt.clone().into(), value.clone()]),
        };
        Disclosure {
            encoded: b64::encode(array.to_string().as_bytes()),
            salt,
            name,
            value,
        }
    }

    /// This disclosure's digest under `hash`.
    pub fn digest(&self, hash: Hash) -> String {
        digest(hash, &self.encoded)
    }
}

/// Parse `<JWT>~<D1>~…~<Dn>~[<KB-JWT>]` (RFC 9901 §4). Whitespace around it is ignored;
/// every other deviation (no `~`, an empty disclosure, a last part that is neither empty
/// nor a JWT, a malformed disclosure) is an error naming the part.
pub fn parse(text: &str) -> Result<SdJwt> {
    let t = text.trim();
    if t.len() > crate::token::MAX_TOKEN {
        return Err(Error::input(format!(
            "the SD-JWT is {} bytes; the limit is {}",
            t.len(),
            crate::token::MAX_TOKEN
        )));
    }
    let parts: Vec<&str> = t.split('~').collect();
    if parts.len() < 2 {
        return Err(Error::input("not an SD-JWT: no '~' separator")
            .with_hint("an SD-JWT is <issuer JWT>~<disclosure>~…~[<KB-JWT>]"));
    }
    let (first, rest) = (parts[0], &parts[1..]);
    if first.is_empty() {
        return Err(Error::input(
            "not an SD-JWT: the issuer JWT before the first '~' is empty",
        ));
    }
    if first.split('.').count() != 3 {
        return Err(Error::input(format!(
            "not an SD-JWT: the part before the first '~' has {} dot-separated segments, \
             a compact JWS 3",
            first.split('.').count()
        )));
    }
    let (last, middle) = rest.split_last().unwrap_or((&"", &[]));
    let kb_jwt = match *last {
        "" => None,
        l if l.split('.').count() == 3 => Some(l.to_owned()),
        _ => {
            return Err(Error::input(
                "the SD-JWT does not end with '~' and its last part is not a KB-JWT",
            )
            .with_hint("an SD-JWT without key binding ends with '~'"))
        }
    };
    let mut disclosures = Vec::with_capacity(middle.len());
    for (i, d) in middle.iter().enumerate() {
        if d.is_empty() {
            return Err(Error::input(format!(
                "disclosure {} is empty ('~~'): empty parts are allowed only at the end",
                i + 1
            )));
        }
        disclosures.push(Disclosure::parse(i, d)?);
    }
    Ok(SdJwt {
        jwt: first.to_owned(),
        disclosures,
        kb_jwt,
    })
}

impl SdJwt {
    /// The presentation text without the KB-JWT: what `sd_hash` covers (RFC 9901 §4.3.1),
    /// the issuer JWT and each disclosure as sent, each followed by `~`.
    pub(crate) fn without_kb(&self) -> String {
        let mut s = String::with_capacity(self.jwt.len() + 64 * self.disclosures.len());
        s.push_str(&self.jwt);
        s.push('~');
        for d in &self.disclosures {
            s.push_str(&d.encoded);
            s.push('~');
        }
        s
    }

    /// The whole text, with the KB-JWT when there is one.
    pub(crate) fn serialize(&self) -> String {
        let mut s = self.without_kb();
        if let Some(kb) = &self.kb_jwt {
            s.push_str(kb);
        }
        s
    }
}
