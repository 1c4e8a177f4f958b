//! Encrypting and decrypting one compact JWE: the header checks, key selection, and the
//! order that keeps plaintext locked until its tag is checked (unwrap the CEK, check the
//! tag while decrypting, only then inflate a `zip: DEF` payload, up to the bound).

use serde_json::{Map, Value};

use super::policy::{allowed_algs, allows, default_alg, fits};
use super::{content, keymgmt, zip, Decrypted, Failure, JweKey, Policy, DEFAULT_P2C};
use crate::alg::{Alg, Enc, KeyAlg};
use crate::{b64, Error, Result};

/// Header members jot sets itself; `--header` cannot override them.
const RESERVED: &[&str] = &[
    "alg", "enc", "zip", "epk", "iv", "tag", "p2s", "p2c", "crit",
];

/// How to encrypt.
#[derive(Clone, Debug)]
pub struct EncryptOptions {
    /// Key management (default: from the key).
    pub alg: Option<KeyAlg>,
    /// Content encryption.
    pub enc: Enc,
    pub kid: Option<String>,
    /// `cty`: "JWT" for a nested token.
    pub cty: Option<String>,
    /// Compress with DEFLATE first (leaks length information; audit flags it).
    pub zip: bool,
    /// Extra protected-header members (`apu`/`apv` are used by ECDH-ES).
    pub extra: Map<String, Value>,
    /// PBES2 iteration count.
    pub p2c: u32,
}

impl Default for EncryptOptions {
    fn default() -> Self {
        EncryptOptions {
            alg: None,
            enc: Enc::A256Gcm,
            kid: None,
            cty: None,
            zip: false,
            extra: Map::new(),
            p2c: DEFAULT_P2C,
        }
    }
}

/// Encrypt `plaintext` to `key`: the compact JWE.
pub fn encrypt(key: &JweKey, o: &EncryptOptions, plaintext: &[u8]) -> Result<String> {
    let (alg, mut header) = base_header(key, o)?;
    let (cek, encrypted_key) =
        keymgmt::wrap(key, alg, o.enc, &mut header, o.p2c).map_err(Error::input)?;
    let json =
        serde_json::to_vec(&Value::Object(header)).map_err(|e| Error::input(e.to_string()))?;
    let protected = b64::encode(&json);
    let mut iv = vec![0u8; o.enc.iv_len()];
    getrandom::fill(&mut iv).map_err(|e| Error::input(format!("no randomness: {e}")))?;
    let body = if o.zip {
        zip::deflate(plaintext)
    } else {
        plaintext.to_vec()
    };
    let body = zeroize::Zeroizing::new(body);
    let (ct, tag) = content::encrypt(o.enc, &cek, &iv, protected.as_bytes(), &body)
        .map_err(|e| Error::input(format!("content encryption failed: {e:?}")))?;
    Ok(super::Jwe {
        protected,
        header: Map::new(),
        encrypted_key,
        iv,
        ciphertext: ct,
        tag,
    }
    .serialize())
}

/// The algorithm for `key` and the header `o` asks for (alg, enc, kid, cty, zip, extras),
/// after the checks every encryption passes.
pub(super) fn base_header(
    key: &JweKey,
    o: &EncryptOptions,
) -> Result<(KeyAlg, Map<String, Value>)> {
    if let JweKey::Jwk(j) = key {
        allows(j, "encrypt").map_err(Error::usage)?;
    }
    let alg = match o.alg {
        Some(a) => a,
        None => default_alg(key, o.enc).map_err(Error::usage)?,
    };
    if alg == KeyAlg::Rsa1_5 {
        return Err(
            Error::usage("RSA1_5 is refused for encryption (RFC 8725 §3.2)")
                .with_hint("use RSA-OAEP-256 (the default for RSA keys)"),
        );
    }
    fits(key, alg, o.enc).map_err(|e| {
        Error::usage(e).with_hint("pass --alg for this key, or a key for this --alg")
    })?;
    if matches!(alg.family(), crate::alg::KeyAlgFamily::Pbes2(..)) && o.p2c < 1000 {
        return Err(Error::usage(format!(
            "--p2c {} is under 1000 (RFC 7518 §4.8.1.2)",
            o.p2c
        )));
    }
    let mut header = Map::new();
    header.insert("alg".into(), alg.name().into());
    header.insert("enc".into(), o.enc.name().into());
    if let Some(k) = &o.kid {
        header.insert("kid".into(), k.clone().into());
    }
    if let Some(c) = &o.cty {
        header.insert("cty".into(), c.clone().into());
    }
    if o.zip {
        header.insert("zip".into(), "DEF".into());
    }
    for (k, v) in &o.extra {
        if RESERVED.contains(&k.as_str()) {
            return Err(
                Error::usage(format!("--header cannot set {k:?}: jot sets it"))
                    .with_hint("use --alg, --enc or --zip"),
            );
        }
        header.insert(k.clone(), v.clone());
    }
    Ok((alg, header))
}

pub(super) fn header_checks(
    jwe: &super::Jwe,
    p: &Policy,
) -> std::result::Result<(KeyAlg, Enc), Failure> {
    let alg_name = jwe
        .header_str("alg")
        .ok_or_else(|| Failure::new("the header has no \"alg\" string"))?;
    let alg = KeyAlg::from_name(alg_name).ok_or_else(|| {
        if Alg::from_name(alg_name).is_some() || alg_name.eq_ignore_ascii_case("none") {
            Failure::new(format!(
                "alg {alg_name:?} is a JWS algorithm, not a JWE one"
            ))
            .hint("run `jot verify` for a signed token")
        } else {
            Failure::new(format!("unknown JWE alg {alg_name:?}"))
        }
    })?;
    let enc_name = jwe
        .header_str("enc")
        .ok_or_else(|| Failure::new("the header has no \"enc\" string"))?;
    let enc = Enc::from_name(enc_name)
        .ok_or_else(|| Failure::new(format!("unknown JWE enc {enc_name:?}")))?;
    if let Some(c) = jwe.header.get("crit") {
        return Err(Failure::new(format!(
            "the header's crit {c} names extensions jot does not understand (RFC 7516 §4.1.13)"
        )));
    }
    match jwe.header.get("zip") {
        None => {}
        Some(Value::String(z)) if z == "DEF" => {}
        Some(z) => {
            return Err(Failure::new(format!(
                "unsupported zip {z}: only \"DEF\" exists"
            )))
        }
    }
    if alg == KeyAlg::Rsa1_5 && !p.allow_rsa1_5 {
        return Err(Failure::new(
            "alg RSA1_5 is refused: it is padding-oracle prone (RFC 8725 §3.2)",
        )
        .hint("pass --allow-rsa1-5 to decrypt it anyway (a random CEK on any failure)"));
    }
    let names = |v: Vec<&str>| v.join(", ");
    if !p.algs.is_empty() && !p.algs.contains(&alg) {
        return Err(Failure::new(format!(
            "alg {alg} is not allowed (allowed: {})",
            names(p.algs.iter().map(|a| a.name()).collect())
        ))
        .hint("pass --alg to allow it, if you expect it"));
    }
    if !p.encs.is_empty() && !p.encs.contains(&enc) {
        return Err(Failure::new(format!(
            "enc {enc} is not allowed (allowed: {})",
            names(p.encs.iter().map(|a| a.name()).collect())
        ))
        .hint("pass --enc to allow it, if you expect it"));
    }
    Ok((alg, enc))
}

/// The keys that may decrypt this token, or why none may.
pub(super) fn candidates<'k>(
    keys: &'k [JweKey],
    jwe: &super::Jwe,
    alg: KeyAlg,
    enc: Enc,
    p: &Policy,
) -> std::result::Result<Vec<&'k JweKey>, Failure> {
    // As verify judges: a named kid picks among keys that have kids; when no supplied key
    // has it, the verdict is negative, never a fall-back to the rest of the set.
    let kid = p.kid.as_deref().or(jwe.header_str("kid"));
    let pool: Vec<&JweKey> = match kid {
        Some(k) if p.kid.is_some() || keys.iter().any(|key| key.kid().is_some()) => {
            keys.iter().filter(|key| key.kid() == Some(k)).collect()
        }
        _ => keys.iter().collect(),
    };
    if pool.is_empty() {
        if let Some(k) = kid {
            return Err(Failure::new(format!("no supplied key has kid {k:?}")));
        }
    }
    let mut why = Vec::new();
    let mut ok = Vec::new();
    for key in pool {
        let check = (|| {
            if let JweKey::Jwk(j) = key {
                allows(j, "decrypt")?;
            }
            if p.algs.is_empty() && !allowed_algs(key, Some(enc), p.allow_rsa1_5).contains(&alg) {
                if let JweKey::Jwk(j) = key {
                    if let Some(own) = j.alg.as_deref() {
                        return Err(format!("the key is restricted to alg {own:?}, not {alg}"));
                    }
                }
            }
            fits(key, alg, enc)
        })();
        match check {
            Ok(()) => ok.push(key),
            Err(e) if !why.contains(&e) => why.push(e),
            Err(_) => {}
        }
    }
    if ok.is_empty() {
        return Err(Failure::new(if why.is_empty() {
            "no key given".to_owned()
        } else {
            why.join("; ")
        }));
    }
    Ok(ok)
}

/// Decrypt one compact JWE with the caller's keys under `p`.
pub fn decrypt(
    token: &str,
    keys: &[JweKey],
    p: &Policy,
) -> std::result::Result<Decrypted, Failure> {
    if crate::token::json_ser::is_json(token) {
        return super::json_ser::decrypt(token, keys, p).map(|(_, d)| d);
    }
    let jwe = super::parse(token, max_len(p))?;
    let aad = jwe.protected.clone();
    open(jwe, aad.as_bytes(), keys, p)
}

/// The longest token text `p` allows: a bound on the plaintext is one on the token.
pub(crate) fn max_len(p: &Policy) -> usize {
    crate::token::MAX_TOKEN.max(p.max_plaintext.saturating_mul(2) + 65536)
}

/// Decrypt one parsed JWE whose `header` is every header member that applies (for a JSON
/// serialization: protected, shared unprotected and the recipient's), with `aad` the
/// additional authenticated data the content encryption covers.
pub(super) fn open(
    jwe: super::Jwe,
    aad: &[u8],
    keys: &[JweKey],
    p: &Policy,
) -> std::result::Result<Decrypted, Failure> {
    let (alg, enc) = header_checks(&jwe, p)?;
    if jwe.ciphertext.len() > p.max_plaintext + 16 {
        return Err(Failure::new(format!(
            "the ciphertext is {} bytes, over the plaintext bound of {} (--max-plaintext)",
            jwe.ciphertext.len(),
            p.max_plaintext
        )));
    }
    let mut errors: Vec<String> = Vec::new();
    for key in candidates(keys, &jwe, alg, enc, p)? {
        let cek = match keymgmt::unwrap(key, alg, enc, &jwe.header, &jwe.encrypted_key, p) {
            Ok(c) => c,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        match content::decrypt(enc, &cek, &jwe.iv, aad, &jwe.ciphertext, &jwe.tag) {
            Ok(pt) => {
                let plaintext = if jwe.header.contains_key("zip") {
                    zip::inflate(&pt, p.max_plaintext).map_err(Failure::new)?
                } else {
                    pt
                };
                return Ok(Decrypted {
                    header: jwe.header,
                    alg,
                    enc,
                    plaintext,
                });
            }
            Err(content::ContentError::Length(m)) => errors.push(m),
            Err(content::ContentError::Tag) => errors.push(
                "the authentication tag does not match: the token was changed or the key is \
                 wrong"
                    .into(),
            ),
        }
    }
    errors.dedup();
    Err(Failure::new(errors.join("; ")))
}
