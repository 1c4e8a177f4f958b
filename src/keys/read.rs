//! The one place that detects key formats, from the content and never the file name:
//! PEM (PKCS#8, encrypted PKCS#8, PKCS#1, SEC1, SPKI, X.509), the DER of each, a JWK, a
//! JWKS, and (only when the caller allows it) raw HMAC secret bytes.

use serde_json::Value;

use super::{der_read, Jwk, Key, RsaKey, Secret};
use crate::{b64, Error, Result};

/// What a key file held: one key, a set of them (a JWKS), or several PEM key blocks.
#[derive(Clone, Debug)]
pub enum KeyInput {
    Single(Jwk),
    Set(Vec<Jwk>),
    /// A PEM file with more than one key block, in file order: a key set where the caller
    /// takes one (`verify --key`), else the first (the caller says how many it ignored).
    Bundle(Vec<Jwk>),
}

impl KeyInput {
    /// One key: the single key, the key of a set chosen by `kid` (or the set's only key),
    /// or the first key of a PEM bundle (by `kid` when given).
    pub fn select(self, kid: Option<&str>) -> Result<Jwk> {
        match self {
            KeyInput::Single(k) => Ok(k),
            KeyInput::Set(keys) => select_by_kid(keys, kid),
            KeyInput::Bundle(keys) if kid.is_some() => select_by_kid(keys, kid),
            KeyInput::Bundle(mut keys) => Ok(keys.remove(0)),
        }
    }

    /// How many keys [`KeyInput::select`] without a kid leaves unused in a PEM bundle.
    pub(crate) fn ignored_by_select(&self) -> usize {
        match self {
            KeyInput::Bundle(v) => v.len().saturating_sub(1),
            _ => 0,
        }
    }

    /// Every key it holds.
    pub(crate) fn into_keys(self) -> Vec<Jwk> {
        match self {
            KeyInput::Single(k) => vec![k],
            KeyInput::Set(v) | KeyInput::Bundle(v) => v,
        }
    }

    /// The keys it holds.
    pub(crate) fn keys(&self) -> &[Jwk] {
        match self {
            KeyInput::Single(k) => std::slice::from_ref(k),
            KeyInput::Set(v) | KeyInput::Bundle(v) => v,
        }
    }
}

fn select_by_kid(mut keys: Vec<Jwk>, kid: Option<&str>) -> Result<Jwk> {
    let kids = || {
        keys.iter()
            .map(|k| k.kid.as_deref().unwrap_or("(no kid)").to_owned())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match kid {
        Some(want) => match keys.iter().position(|k| k.kid.as_deref() == Some(want)) {
            Some(i) => Ok(keys.swap_remove(i)),
            None => Err(Error::input(format!("no key with kid {want:?} in the set"))
                .with_hint(format!("the set holds: {}", kids()))),
        },
        None if keys.len() == 1 => Ok(keys.remove(0)),
        None if keys.is_empty() => Err(Error::input("the JWKS holds no keys")),
        None => Err(Error::usage(format!("the JWKS holds {} keys", keys.len()))
            .with_hint(format!("choose one with --kid; the set holds: {}", kids()))),
    }
}

/// How to read a key.
#[derive(Clone, Debug, Default)]
pub struct ReadOptions {
    /// Passphrase for encrypted PKCS#8.
    pub passphrase: Option<Secret>,
    /// Accept weak RSA keys: under 2048 bits, or with the ROCA fingerprint.
    pub allow_weak: bool,
    /// Take content that is no key format as raw HMAC secret bytes.
    pub raw_secret: bool,
}

/// Refuse weak RSA keys unless allowed: under 2048 bits (NIST SP 800-131A; RFC 7518
/// §3.3), or with the ROCA fingerprint (CVE-2017-15361: its modulus can be factored). The
/// one check every reader of an RSA key goes through, so every command refuses alike.
pub(super) fn check_rsa(k: &RsaKey, allow_weak: bool) -> Result<()> {
    if allow_weak {
        return Ok(());
    }
    let bits = k.bits();
    if bits < 2048 {
        return Err(Error::input(format!(
            "RSA key is {bits} bits; at least 2048 are required"
        ))
        .with_hint("pass --allow-weak to read it anyway (for analysis only)"));
    }
    if k.has_roca_fingerprint() {
        return Err(Error::input(
            "the RSA key has the ROCA fingerprint (CVE-2017-15361): it was made by a vulnerable \
             Infineon generator and its modulus can be factored",
        )
        .with_hint(
            "replace the key (update the token or chip firmware, or generate it elsewhere); \
             pass --allow-weak to read it anyway (for analysis only)",
        ));
    }
    Ok(())
}

/// Read a key or key set from bytes, detecting the format from the content.
pub fn read(data: &[u8], opts: &ReadOptions) -> Result<KeyInput> {
    let text = std::str::from_utf8(data).ok();
    let trimmed = text.map(str::trim_start);
    if data.is_empty() || trimmed == Some("") {
        return Err(Error::input(
            "empty input: expected a key (PEM, DER, JWK or JWKS)",
        ));
    }
    let input = if let Some(t) = trimmed.filter(|t| t.starts_with('{')) {
        read_json(t, opts)?
    } else if let Some(t) = text.filter(|t| t.contains("-----BEGIN ")) {
        let mut keys = read_pem(t, opts)?;
        if keys.len() == 1 {
            KeyInput::Single(keys.remove(0))
        } else {
            KeyInput::Bundle(keys)
        }
    } else if let Some(jwk) = read_der(data, opts)? {
        KeyInput::Single(jwk)
    } else if opts.raw_secret {
        KeyInput::Single(Jwk::new(Key::hmac(Secret::new(data.to_vec()))?))
    } else {
        return Err(Error::input(
            "not a key: expected PEM, DER, a JWK or a JWKS (detected from the content)",
        )
        .with_hint("for an HMAC secret use --secret-file (or --raw with convert/thumbprint)"));
    };
    for k in input.keys() {
        if let Key::Rsa(r) = &k.key {
            check_rsa(r, opts.allow_weak)?;
        }
    }
    Ok(input)
}

fn read_json(t: &str, opts: &ReadOptions) -> Result<KeyInput> {
    let v: Value =
        serde_json::from_str(t).map_err(|e| Error::input(format!("invalid JSON: {e}")))?;
    match v.get("keys") {
        Some(Value::Array(items)) => {
            let keys = items
                .iter()
                .enumerate()
                .map(|(i, k)| {
                    super::jwk_json::from_json(k, opts.allow_weak)
                        .map_err(|e| e.context(format!("keys[{i}]")))
                })
                .collect::<Result<Vec<_>>>()?;
            Ok(KeyInput::Set(keys))
        }
        Some(_) => Err(Error::input("JWKS member \"keys\" must be an array")),
        None => Ok(KeyInput::Single(super::jwk_json::from_json(
            &v,
            opts.allow_weak,
        )?)),
    }
}

/// Every key in a PEM file. Blocks that hold no key (EC PARAMETERS from `openssl ecparam`)
/// are skipped; certificates after a first certificate are its chain (x5c), not more keys.
fn read_pem(t: &str, opts: &ReadOptions) -> Result<Vec<Jwk>> {
    let mut keys: Vec<Jwk> = Vec::new();
    let mut chain = false;
    for b in super::pem::blocks(t)? {
        match b.label {
            "EC PARAMETERS" => continue,
            "CERTIFICATE" if chain => {
                use base64ct::Encoding;
                if let Some(x5c) = keys.last_mut().and_then(|k| k.x5c.as_mut()) {
                    x5c.push(base64ct::Base64::encode_string(&b.der));
                }
                continue;
            }
            label => {
                chain = label == "CERTIFICATE";
                let n = keys.len() + 1;
                let k = decode_labelled(label, &b.der, opts).map_err(|e| match n {
                    1 => e,
                    _ => e.context(format!("PEM block {n} ({label})")),
                })?;
                keys.push(k);
            }
        }
    }
    if keys.is_empty() {
        return Err(Error::input("PEM holds no key block"));
    }
    Ok(keys)
}

fn decode_labelled(label: &str, der: &[u8], opts: &ReadOptions) -> Result<Jwk> {
    let key = match label {
        "PRIVATE KEY" => der_read::from_pkcs8(der)?,
        "ENCRYPTED PRIVATE KEY" => decrypt(der, opts)?,
        "RSA PRIVATE KEY" => der_read::from_pkcs1_private(der)?,
        "RSA PUBLIC KEY" => der_read::from_pkcs1_public(der)?,
        "EC PRIVATE KEY" => der_read::from_sec1(der)?,
        "PUBLIC KEY" => der_read::from_spki(der)?,
        "CERTIFICATE" => return with_cert(der),
        other => {
            return Err(Error::input(format!(
                "unsupported PEM label {other:?}: expected PRIVATE KEY, ENCRYPTED PRIVATE KEY, \
                 RSA PRIVATE KEY, RSA PUBLIC KEY, EC PRIVATE KEY, PUBLIC KEY or CERTIFICATE"
            )))
        }
    };
    Ok(Jwk::new(key))
}

fn with_cert(der: &[u8]) -> Result<Jwk> {
    use base64ct::Encoding;
    let mut jwk = Jwk::new(der_read::from_certificate(der)?);
    jwk.x5c = Some(vec![base64ct::Base64::encode_string(der)]);
    jwk.x5t_s256 = Some(b64::encode(&crate::alg::Hash::Sha256.digest(der)));
    Ok(jwk)
}

fn decrypt(der: &[u8], opts: &ReadOptions) -> Result<Key> {
    let pass = opts.passphrase.as_ref().ok_or_else(|| {
        Error::usage("the key is encrypted (PKCS#8) and no passphrase was given")
            .with_hint("pass --passphrase-file PATH (jot never prompts)")
    })?;
    let enc = pkcs8::EncryptedPrivateKeyInfoRef::try_from(der)
        .map_err(|e| Error::input(format!("malformed encrypted PKCS#8: {e}")))?;
    let doc = enc.decrypt(pass.expose()).map_err(|_| {
        Error::input("cannot decrypt the key: wrong passphrase or unsupported cipher")
    })?;
    der_read::from_pkcs8(doc.as_bytes())
}

/// Try each DER structure in turn; `None` when the bytes are none of them.
fn read_der(data: &[u8], opts: &ReadOptions) -> Result<Option<Jwk>> {
    // A DER SEQUENCE starts with 0x30; anything else is not DER (and may be a raw secret).
    if data.first() != Some(&0x30) {
        return Ok(None);
    }
    type Reader = fn(&[u8]) -> Result<Key>;
    let readers: [Reader; 5] = [
        der_read::from_pkcs8,
        der_read::from_spki,
        der_read::from_pkcs1_private,
        der_read::from_pkcs1_public,
        der_read::from_sec1,
    ];
    for r in readers {
        if let Ok(k) = r(data) {
            return Ok(Some(Jwk::new(k)));
        }
    }
    if let Ok(j) = with_cert(data) {
        return Ok(Some(j));
    }
    if pkcs8::EncryptedPrivateKeyInfoRef::try_from(data).is_ok() {
        return decrypt(data, opts).map(|k| Some(Jwk::new(k)));
    }
    if opts.raw_secret {
        return Ok(None);
    }
    // A well-formed structure holding a bad key (an RSA exponent of 1, a point off the
    // curve) gets its reader's reason, not "malformed DER".
    use der::Decode;
    type Shape = fn(&[u8]) -> bool;
    let shapes: [(Shape, Reader); 5] = [
        (
            |d| pkcs8::PrivateKeyInfoRef::try_from(d).is_ok(),
            der_read::from_pkcs8,
        ),
        (
            |d| spki::SubjectPublicKeyInfoRef::try_from(d).is_ok(),
            der_read::from_spki,
        ),
        (
            |d| pkcs1::RsaPrivateKey::<der::asn1::UintRef<'_>>::from_der(d).is_ok(),
            der_read::from_pkcs1_private,
        ),
        (
            |d| pkcs1::RsaPublicKey::<der::asn1::UintRef<'_>>::from_der(d).is_ok(),
            der_read::from_pkcs1_public,
        ),
        (
            |d| sec1::EcPrivateKey::from_der(d).is_ok(),
            der_read::from_sec1,
        ),
    ];
    if let Some((_, read)) = shapes.iter().find(|(is, _)| is(data)) {
        read(data)?;
    }
    Err(Error::input(
        "malformed DER: not PKCS#8, SPKI, PKCS#1, SEC1 or an X.509 certificate",
    ))
}

/// A key format, as [`detect`] tells it from the content.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Jwk,
    Jwks,
    Pem,
    Der,
}

/// The key format `data` is written in when it recognisably is one, whether or not it then
/// reads (a truncated or invalid key is still a key file, and an audit must say so): a JSON
/// object with a `kty` (JWK) or `keys` (JWKS) member, a PEM block, or a binary DER SEQUENCE.
/// `None` for anything else: a file of tokens, a log, a HAR file.
pub fn detect(data: &[u8]) -> Option<Format> {
    let text = std::str::from_utf8(data).ok();
    if let Some(t) = text.map(str::trim_start).filter(|t| t.starts_with('{')) {
        return match serde_json::from_str::<Value>(t) {
            Ok(v) if v.get("keys").is_some() => Some(Format::Jwks),
            Ok(v) if v.get("kty").is_some() => Some(Format::Jwk),
            Ok(_) => None,
            // Not JSON (truncated, say): named by the member it was meant to have.
            Err(_) if t.contains("\"keys\"") => Some(Format::Jwks),
            Err(_) if t.contains("\"kty\"") => Some(Format::Jwk),
            Err(_) => None,
        };
    }
    if text.is_some_and(|t| t.contains("-----BEGIN ")) {
        return Some(Format::Pem);
    }
    // DER is binary (tags 0x02, 0x03, 0x06 are control bytes): a text file of tokens that
    // happens to start with '0' (0x30) is not DER.
    let binary = text.is_none_or(|t| {
        t.bytes()
            .any(|b| b.is_ascii_control() && !b" \t\r\n".contains(&b))
    });
    (data.first() == Some(&0x30) && binary).then_some(Format::Der)
}
