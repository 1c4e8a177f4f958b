//! Key management (RFC 7518 §4): from a key and an algorithm to a content key (CEK) and
//! the JWE Encrypted Key, and back. Header members the algorithm needs (`epk`, `iv`/`tag`
//! of GCMKW, `p2s`/`p2c`) are written on encryption and checked on decryption.

use serde_json::{Map, Value};
use zeroize::Zeroizing;

use super::ecdh::{self, Party};
use super::{content, kw, pbes2, JweKey, Policy};
use crate::alg::{Enc, KeyAlg, KeyAlgFamily, RsaPad};
use crate::b64;
use crate::keys::{Key, RsaKey};

/// True for an X25519 key (RFC 8037).
pub(super) fn is_x25519(key: &Key) -> bool {
    matches!(key, Key::X25519(_))
}

fn party(key: &Key) -> Option<Party<'_>> {
    match key {
        Key::Ec(k) => Some(Party::Nist {
            curve: k.curve,
            point: &k.point,
            d: k.d.as_ref().map(|d| d.expose()),
        }),
        Key::X25519(k) => Some(Party::X25519 {
            x: &k.x,
            d: k.d.as_ref().map(|d| d.expose()),
        }),
        _ => None,
    }
}

fn oct(key: &JweKey) -> Result<&[u8], String> {
    match key {
        JweKey::Jwk(j) => match &j.key {
            Key::Oct(s) if !s.expose().is_empty() => Ok(s.expose()),
            Key::Oct(_) => Err("the key is empty".into()),
            _ => Err("this algorithm needs an oct key".into()),
        },
        JweKey::Passphrase(_) => Err("this algorithm needs a key, not a passphrase".into()),
    }
}

fn jwk_key(key: &JweKey) -> Result<&Key, String> {
    match key {
        JweKey::Jwk(j) => Ok(&j.key),
        JweKey::Passphrase(_) => Err("this algorithm needs a key, not a passphrase".into()),
    }
}

fn random(len: usize) -> Result<Zeroizing<Vec<u8>>, String> {
    let mut v = Zeroizing::new(vec![0u8; len]);
    getrandom::fill(&mut v).map_err(|e| format!("no randomness: {e}"))?;
    Ok(v)
}

fn b64_member(header: &Map<String, Value>, name: &str) -> Result<Option<Vec<u8>>, String> {
    match header.get(name) {
        None => Ok(None),
        Some(Value::String(s)) => b64::decode(s)
            .map(Some)
            .map_err(|e| format!("header \"{name}\" is not base64url: {e}")),
        Some(_) => Err(format!("header \"{name}\" must be a string")),
    }
}

/// Make a CEK for `alg`/`enc` and its Encrypted Key, adding the header members the
/// algorithm needs. `p2c` is the PBES2 iteration count.
pub(super) fn wrap(
    key: &JweKey,
    alg: KeyAlg,
    enc: Enc,
    header: &mut Map<String, Value>,
    p2c: u32,
) -> Result<(Zeroizing<Vec<u8>>, Vec<u8>), String> {
    wrap_given(key, alg, enc, header, p2c, None)
}

/// [`wrap`] with the CEK chosen by the caller when `given` (every recipient of a
/// JSON-serialized JWE shares one CEK); `dir` and `ECDH-ES` derive theirs and cannot.
pub(super) fn wrap_given(
    key: &JweKey,
    alg: KeyAlg,
    enc: Enc,
    header: &mut Map<String, Value>,
    p2c: u32,
    given: Option<&[u8]>,
) -> Result<(Zeroizing<Vec<u8>>, Vec<u8>), String> {
    let cek_len = enc.cek_len();
    let direct = matches!(alg.family(), KeyAlgFamily::Dir | KeyAlgFamily::EcdhEs(None));
    if given.is_some() && direct {
        return Err(format!(
            "{alg} derives its own content key, so it cannot share one with other recipients \
             (RFC 7516 §7.2.1)"
        ));
    }
    let fresh_cek = || match given {
        Some(c) => Ok(Zeroizing::new(c.to_vec())),
        None => random(cek_len),
    };
    match alg.family() {
        KeyAlgFamily::Dir => {
            let k = oct(key)?;
            if k.len() != cek_len {
                return Err(format!(
                    "dir with {enc} needs a {cek_len}-byte key, not {}",
                    k.len()
                ));
            }
            Ok((Zeroizing::new(k.to_vec()), Vec::new()))
        }
        KeyAlgFamily::Rsa(pad) => {
            let Key::Rsa(r) = jwk_key(key)? else {
                return Err(format!("{alg} needs an RSA key"));
            };
            let cek = fresh_cek()?;
            let ek = super::rsa_kw::encrypt(r, pad, &cek)?;
            Ok((cek, ek))
        }
        KeyAlgFamily::AesKw(_) => wrap_kw(oct(key)?, fresh_cek()?),
        KeyAlgFamily::AesGcmKw(_) => {
            let cek = fresh_cek()?;
            let iv = random(12)?;
            let mut ek = cek.to_vec();
            let tag =
                content::gcm_seal(oct(key)?, &iv, &[], &mut ek).map_err(|e| format!("{e:?}"))?;
            header.insert("iv".into(), b64::encode(&iv).into());
            header.insert("tag".into(), b64::encode(&tag).into());
            Ok((cek, ek))
        }
        KeyAlgFamily::EcdhEs(kw_len) => {
            let p =
                party(jwk_key(key)?).ok_or_else(|| format!("{alg} needs an EC or X25519 key"))?;
            let (epk, z) = ecdh::ephemeral(p)?;
            header.insert("epk".into(), epk);
            let apu = b64_member(header, "apu")?.unwrap_or_default();
            let apv = b64_member(header, "apv")?.unwrap_or_default();
            match kw_len {
                None => Ok((
                    ecdh::concat_kdf(&z, enc.name(), &apu, &apv, cek_len),
                    Vec::new(),
                )),
                Some(n) => wrap_kw(
                    &ecdh::concat_kdf(&z, alg.name(), &apu, &apv, n),
                    fresh_cek()?,
                ),
            }
        }
        KeyAlgFamily::Pbes2(hash, n) => {
            let JweKey::Passphrase(pass) = key else {
                return Err(format!("{alg} needs a passphrase (--passphrase-file)"));
            };
            let p2s = random(16)?;
            let kek = pbes2::derive(alg, hash, n, pass.expose(), &p2s, p2c);
            header.insert("p2s".into(), b64::encode(&p2s).into());
            header.insert("p2c".into(), p2c.into());
            wrap_kw(&kek, fresh_cek()?)
        }
    }
}

/// AES key wrap of `cek` under `kek`: the CEK and its Encrypted Key.
fn wrap_kw(kek: &[u8], cek: Zeroizing<Vec<u8>>) -> Result<(Zeroizing<Vec<u8>>, Vec<u8>), String> {
    let ek = kw::wrap(kek, &cek).map_err(|e| format!("{e:?}"))?;
    Ok((cek, ek))
}

/// Recover the CEK. For RSA1_5 every failure yields a random CEK (RFC 7516 §11.5), so the
/// caller sees one uniform "decryption failed" and no padding oracle exists.
pub(super) fn unwrap(
    key: &JweKey,
    alg: KeyAlg,
    enc: Enc,
    header: &Map<String, Value>,
    ek: &[u8],
    policy: &Policy,
) -> Result<Zeroizing<Vec<u8>>, String> {
    let cek_len = enc.cek_len();
    let cek = match alg.family() {
        KeyAlgFamily::Dir => {
            if !ek.is_empty() {
                return Err("dir takes an empty encrypted key".into());
            }
            Zeroizing::new(oct(key)?.to_vec())
        }
        KeyAlgFamily::Rsa(RsaPad::Pkcs1) => unwrap_rsa1_5(key, ek, cek_len)?,
        KeyAlgFamily::Rsa(pad) => {
            let Key::Rsa(r) = jwk_key(key)? else {
                return Err(format!("{alg} needs an RSA key"));
            };
            super::rsa_kw::decrypt(r, pad, ek)?
        }
        KeyAlgFamily::AesKw(_) => unwrap_kw(oct(key)?, ek)?,
        KeyAlgFamily::AesGcmKw(_) => {
            let iv = b64_member(header, "iv")?.ok_or(format!("{alg} needs an \"iv\" header"))?;
            let tag = b64_member(header, "tag")?.ok_or(format!("{alg} needs a \"tag\" header"))?;
            let mut buf = Zeroizing::new(ek.to_vec());
            content::gcm_open(oct(key)?, &iv, &[], &mut buf, &tag).map_err(|e| match e {
                content::ContentError::Tag => "cannot unwrap the content key (AES-GCM tag)".into(),
                content::ContentError::Length(m) => format!("{alg}: {m}"),
            })?;
            buf
        }
        KeyAlgFamily::EcdhEs(kw_len) => unwrap_ecdh(key, alg, enc, kw_len, header, ek)?,
        KeyAlgFamily::Pbes2(hash, n) => {
            let JweKey::Passphrase(pass) = key else {
                return Err(format!("{alg} needs a passphrase (--passphrase-file)"));
            };
            let (p2s, p2c) = pbes2_params(alg, header, policy)?;
            unwrap_kw(&pbes2::derive(alg, hash, n, pass.expose(), &p2s, p2c), ek)?
        }
    };
    if cek.len() != cek_len {
        return Err(format!(
            "the content key is {} bytes; {enc} needs {cek_len}",
            cek.len()
        ));
    }
    Ok(cek)
}

/// AES key unwrap of the Encrypted Key `ek` under `kek`.
fn unwrap_kw(kek: &[u8], ek: &[u8]) -> Result<Zeroizing<Vec<u8>>, String> {
    kw::unwrap(kek, ek).map_err(|e| match e {
        kw::KwError::Integrity => {
            "cannot unwrap the content key (wrong key or a changed encrypted key)".to_owned()
        }
        kw::KwError::Length(m) => m,
    })
}

/// RSA1_5: a CEK of the wrong size, or any decryption failure, becomes a random CEK.
fn unwrap_rsa1_5(key: &JweKey, ek: &[u8], cek_len: usize) -> Result<Zeroizing<Vec<u8>>, String> {
    let Key::Rsa(r @ RsaKey::Private(_)) = jwk_key(key)? else {
        return Err("RSA1_5 needs the private RSA key".into());
    };
    // A build that cannot decrypt RSA says so, rather than hiding it as a tag mismatch.
    super::rsa_kw::decryption_available()?;
    // Draw the substitute first so both paths cost the same.
    let fake = random(cek_len)?;
    Ok(match super::rsa_kw::decrypt(r, RsaPad::Pkcs1, ek) {
        Ok(c) if c.len() == cek_len => c,
        _ => fake,
    })
}

/// ECDH-ES (`kw_len` None: the agreed key is the CEK) or ECDH-ES+AxxxKW.
fn unwrap_ecdh(
    key: &JweKey,
    alg: KeyAlg,
    enc: Enc,
    kw_len: Option<usize>,
    header: &Map<String, Value>,
    ek: &[u8],
) -> Result<Zeroizing<Vec<u8>>, String> {
    let p = party(jwk_key(key)?).ok_or_else(|| format!("{alg} needs an EC or X25519 key"))?;
    let epk = header
        .get("epk")
        .and_then(Value::as_object)
        .ok_or(format!("{alg} needs an \"epk\" header (a JWK object)"))?;
    let z = ecdh::agree(p, epk)?;
    let apu = b64_member(header, "apu")?.unwrap_or_default();
    let apv = b64_member(header, "apv")?.unwrap_or_default();
    match kw_len {
        None => {
            if !ek.is_empty() {
                return Err("ECDH-ES takes an empty encrypted key".into());
            }
            Ok(ecdh::concat_kdf(&z, enc.name(), &apu, &apv, enc.cek_len()))
        }
        Some(n) => unwrap_kw(&ecdh::concat_kdf(&z, alg.name(), &apu, &apv, n), ek),
    }
}

/// PBES2's salt and iteration count from the header, checked (the count against the
/// policy) before any derivation.
fn pbes2_params(
    alg: KeyAlg,
    header: &Map<String, Value>,
    policy: &Policy,
) -> Result<(Vec<u8>, u32), String> {
    let p2c = header
        .get("p2c")
        .and_then(Value::as_u64)
        .ok_or(format!("{alg} needs a positive integer \"p2c\" header"))?;
    if p2c == 0 || p2c > u64::from(policy.max_p2c) {
        return Err(format!(
            "p2c {p2c} is outside 1..={} (--max-p2c): refused before deriving",
            policy.max_p2c
        ));
    }
    let p2s = b64_member(header, "p2s")?.ok_or(format!("{alg} needs a \"p2s\" header"))?;
    if p2s.len() < pbes2::MIN_SALT {
        return Err(format!(
            "p2s is {} bytes; RFC 7518 §4.8.1.1 requires at least {}",
            p2s.len(),
            pbes2::MIN_SALT
        ));
    }
    Ok((p2s, p2c as u32))
}
