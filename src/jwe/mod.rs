//! JSON Web Encryption (RFC 7516), compact serialization (JSON ones in json_ser): parse and serialize, every key
//! management algorithm of RFC 7518 §4 (plus X25519, RFC 8037), content encryption, Concat
//! KDF, PBES2, `zip: DEF` with a bounded inflater, and the policy that pins `alg`/`enc`.
//! Tokens are attacker-controlled: every failure is a [`Failure`] value with a reason,
//! never a panic, and no plaintext leaves [`decrypt`] before its tag has been checked.

mod content;
mod ecdh;
mod flow;
pub mod json_ser;
mod keygen;
mod keymgmt;
pub(crate) mod kw;
pub(crate) mod nested;
mod opener;
mod pbes2;
mod policy;
pub(crate) mod recipient;
mod rsa_kw;
mod zip;

#[cfg(test)]
mod tests;

use std::fmt;

use serde_json::{Map, Value};
use zeroize::Zeroizing;

use crate::alg::{Enc, KeyAlg};
use crate::b64;
use crate::keys::{Jwk, Secret};

pub(crate) use flow::max_len;
pub use flow::{decrypt, encrypt, EncryptOptions};
pub(crate) use keygen::{generate as generate_key, EcdhCurve};
pub(crate) use opener::{wipe, Opener};
pub use policy::Policy;

/// Default bound on the decrypted (and inflated) plaintext: 1 MiB.
pub(crate) const DEFAULT_MAX_PLAINTEXT: usize = 1 << 20;
/// Default bound on PBES2's `p2c` when decrypting.
pub(crate) const DEFAULT_MAX_P2C: u32 = 1_000_000;
/// PBES2 iterations jot uses when encrypting (OWASP's PBKDF2-HMAC-SHA256 figure).
pub(crate) const DEFAULT_P2C: u32 = 600_000;

/// A recipient or decryption key: a JWK, or a passphrase for `PBES2-*`.
#[derive(Clone, Debug)]
pub enum JweKey {
    Jwk(Jwk),
    Passphrase(Secret),
}

impl JweKey {
    /// The key id, if it has one.
    pub(crate) fn kid(&self) -> Option<&str> {
        match self {
            JweKey::Jwk(j) => j.kid.as_deref(),
            JweKey::Passphrase(_) => None,
        }
    }
}

/// A negative verdict: why a token did not decrypt. `layer` says which part failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    pub reason: String,
    /// A next step (what to run instead), when there is one.
    pub hint: Option<String>,
}

impl Failure {
    fn new(reason: impl Into<String>) -> Self {
        Failure {
            reason: reason.into(),
            hint: None,
        }
    }

    fn hint(mut self, h: impl Into<String>) -> Self {
        self.hint = Some(h.into());
        self
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.reason)
    }
}

/// A decrypted token: its protected header and the plaintext (zeroized on drop).
#[derive(Debug)]
pub struct Decrypted {
    pub header: Map<String, Value>,
    pub alg: KeyAlg,
    pub enc: Enc,
    pub plaintext: Zeroizing<Vec<u8>>,
}

impl Decrypted {
    /// True when the header says the plaintext is itself a JWT (a nested token).
    #[cfg(test)]
    pub(crate) fn is_nested(&self) -> bool {
        self.header
            .get("cty")
            .and_then(Value::as_str)
            .is_some_and(|c| c.eq_ignore_ascii_case("JWT"))
    }
}

/// A parsed compact JWE. Nothing in it has been authenticated.
#[derive(Clone, Debug)]
pub(crate) struct Jwe {
    /// The protected header segment as written: its ASCII is the AAD.
    pub protected: String,
    pub header: Map<String, Value>,
    pub encrypted_key: Vec<u8>,
    pub iv: Vec<u8>,
    pub ciphertext: Vec<u8>,
    pub tag: Vec<u8>,
}

/// How many `.`-separated segments a compact token has (3 for a JWS, 5 for a JWE).
pub(crate) fn segments(token: &str) -> usize {
    token.split('.').count()
}

/// Decode one compact segment: strict unpadded base64url (no padding, no other alphabet,
/// canonical trailing bits), with the crate's fast decoder. JWE segments hold no secret
/// (the CEK travels encrypted), so a data-independent decoder buys nothing here and
/// base64ct's would be the bulk decryption's largest cost (scripts/bench-jwe).
fn segment(s: &str) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    if b64::decode_into(s.as_bytes(), &mut out) {
        return Ok(out);
    }
    // Both decoders accept the same strings (b64's tests); the strict one says why not.
    Err(b64::decode(s)
        .err()
        .unwrap_or_else(|| "not base64url".into()))
}

/// Encode one compact segment (the fast encoder; see [`segment`]).
fn encode_segment(data: &[u8]) -> String {
    b64::encode_public(data)
}

/// Parse a compact JWE (RFC 7516 §7.1), refusing a JWS with a pointer to `jot verify`.
pub(crate) fn parse(token: &str, max_len: usize) -> Result<Jwe, Failure> {
    let token = token.trim();
    if token.len() > max_len {
        return Err(Failure::new(format!(
            "the token is {} bytes, over the {max_len}-byte limit",
            token.len()
        )));
    }
    let parts: Vec<&str> = token.split('.').collect();
    match parts.len() {
        5 => {}
        3 => {
            return Err(
                Failure::new("this is a JWS (signed, three segments), not a JWE")
                    .hint("run `jot verify` to check a signed token"),
            )
        }
        n => {
            return Err(Failure::new(format!(
                "a compact JWE has 5 segments separated by '.', this has {n}"
            )))
        }
    }
    let seg = |i: usize, name: &str| {
        segment(parts[i]).map_err(|e| Failure::new(format!("{name}: not base64url: {e}")))
    };
    let raw = seg(0, "protected header")?;
    let header = match crate::token::parse_strict(&raw) {
        Ok(Value::Object(m)) => m,
        Ok(_) => return Err(Failure::new("protected header: not a JSON object")),
        Err(e) => return Err(Failure::new(format!("protected header: invalid JSON: {e}"))),
    };
    Ok(Jwe {
        protected: parts[0].to_owned(),
        header,
        encrypted_key: seg(1, "encrypted key")?,
        iv: seg(2, "IV")?,
        ciphertext: seg(3, "ciphertext")?,
        tag: seg(4, "tag")?,
    })
}

impl Jwe {
    /// The compact serialization.
    pub(crate) fn serialize(&self) -> String {
        format!(
            "{}.{}.{}.{}.{}",
            self.protected,
            encode_segment(&self.encrypted_key),
            encode_segment(&self.iv),
            encode_segment(&self.ciphertext),
            encode_segment(&self.tag)
        )
    }

    /// A header member as a string.
    pub(crate) fn header_str(&self, name: &str) -> Option<&str> {
        self.header.get(name).and_then(Value::as_str)
    }
}

/// Read the protected header of a compact JWE without decrypting anything (for `decode`).
pub(crate) fn protected_header(token: &str) -> Result<Map<String, Value>, Failure> {
    parse(token, usize::MAX).map(|j| j.header)
}
