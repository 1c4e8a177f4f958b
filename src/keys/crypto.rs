//! Raw signature primitives over the key model, one arm per algorithm family. ECDSA
//! signatures must be exactly r||s of the curve's size with 0 < r, s < n: the curve crates
//! reject zero and out-of-range scalars, which is what stops CVE-2022-21449's "psychic
//! signatures".

use ecdsa::signature::{RandomizedSigner, Signer, Verifier};
use elliptic_curve::sec1::ToSec1Point;
use rand_core::UnwrapErr;

use super::{EcKey, Key, OkpKey, RsaKey, Secret};
use crate::alg::{Alg, Curve, Family, Hash};
use crate::{Error, Result};

/// Run `$body` with `$m` bound to the curve crate of `$curve` (p256, p384, p521, k256).
macro_rules! with_curve {
    ($curve:expr, $m:ident => $body:expr) => {
        match $curve {
            Curve::P256 => {
                use p256 as $m;
                $body
            }
            Curve::P384 => {
                use p384 as $m;
                $body
            }
            Curve::P521 => {
                use p521 as $m;
                $body
            }
            Curve::Secp256k1 => {
                use k256 as $m;
                $body
            }
            Curve::Ed25519 | Curve::Ed448 => Err(Error::input(format!(
                "{} is an OKP curve, not an EC one",
                $curve.name()
            ))),
        }
    };
}

fn rng() -> UnwrapErr<getrandom::SysRng> {
    UnwrapErr(getrandom::SysRng)
}

/// Check that an EC point is on its curve and that `d`, if present, matches it.
pub(super) fn ec_validate(k: EcKey) -> Result<EcKey> {
    let point = ec_normalize_point(k.curve, &k.point)?;
    if let Some(d) = &k.d {
        if ec_public_from_scalar(k.curve, d.expose())? != point {
            return Err(Error::input(format!(
                "EC {} private key \"d\" does not match the public point",
                k.curve.name()
            )));
        }
    }
    Ok(EcKey { point, ..k })
}

/// Decode a SEC1 point (compressed or not), check it is on the curve, return it uncompressed.
pub(super) fn ec_normalize_point(curve: Curve, sec1: &[u8]) -> Result<Vec<u8>> {
    with_curve!(curve, m => {
        let pk = m::PublicKey::from_sec1_bytes(sec1).map_err(|_| {
            Error::input(format!("EC point is not on curve {}", curve.name()))
        })?;
        Ok(pk.to_sec1_point(false).as_bytes().to_vec())
    })
}

/// The uncompressed public point of a private scalar.
pub(super) fn ec_public_from_scalar(curve: Curve, d: &[u8]) -> Result<Vec<u8>> {
    with_curve!(curve, m => {
        let sk = m::SecretKey::from_slice(d).map_err(|_| {
            Error::input(format!("EC {} private scalar is out of range", curve.name()))
        })?;
        Ok(sk.public_key().to_sec1_point(false).as_bytes().to_vec())
    })
}

/// Check an Ed25519 public key decodes and that the seed, if present, matches it.
pub(super) fn okp_validate(k: OkpKey) -> Result<OkpKey> {
    ed25519_dalek::VerifyingKey::from_bytes(&k.x)
        .map_err(|_| Error::input("Ed25519 public key \"x\" is not a valid point"))?;
    if let Some(d) = &k.d {
        let seed: [u8; 32] = d
            .expose()
            .try_into()
            .map_err(|_| Error::input("Ed25519 private key \"d\" must be 32 bytes"))?;
        if ed25519_dalek::SigningKey::from_bytes(&seed)
            .verifying_key()
            .to_bytes()
            != k.x
        {
            return Err(Error::input(
                "Ed25519 private key \"d\" does not match \"x\"",
            ));
        }
    }
    Ok(k)
}

/// An empty HMAC key never signs or verifies, whoever built the `Key` (see `Key::hmac`).
fn empty_hmac_key() -> Error {
    Error::input("the HMAC secret is empty")
}

/// Whether `sig` (r||s) has a high S (s > n/2): the malleable twin (r, n−s) of a low-S
/// signature, which verifies just the same. Malformed signatures are not high-S.
pub fn ecdsa_high_s(curve: Curve, sig: &[u8]) -> bool {
    let high: Result<bool> = with_curve!(curve, m => {
        Ok(m::ecdsa::Signature::from_slice(sig)
            .is_ok_and(|s| s.normalize_s().to_bytes() != s.to_bytes()))
    });
    high.unwrap_or(false)
}

pub(super) fn need_private() -> Error {
    Error::usage("signing needs a private key, and this one is public")
        .with_hint("pass the private key file (PKCS#8 PEM or a JWK with \"d\")")
}

/// Sign `msg`. The caller has checked that `alg` fits the key.
pub(super) fn sign(key: &Key, alg: Alg, msg: &[u8]) -> Result<Vec<u8>> {
    match (key, alg.family()) {
        (Key::Oct(s), Family::Hmac) if s.expose().is_empty() => Err(empty_hmac_key()),
        (Key::Oct(s), Family::Hmac) => Ok(alg.hash().hmac(s.expose(), msg)),
        (Key::Rsa(RsaKey::Private(k)), Family::RsaPkcs1) => {
            use rsa::pkcs1v15::SigningKey;
            use rsa::signature::SignatureEncoding;
            let k = (**k).clone();
            Ok(match alg.hash() {
                Hash::Sha256 => SigningKey::<sha2::Sha256>::new(k)
                    .try_sign(msg)
                    .map(|s| s.to_vec()),
                Hash::Sha384 => SigningKey::<sha2::Sha384>::new(k)
                    .try_sign(msg)
                    .map(|s| s.to_vec()),
                Hash::Sha512 => SigningKey::<sha2::Sha512>::new(k)
                    .try_sign(msg)
                    .map(|s| s.to_vec()),
            }
            .map_err(|e| Error::input(format!("RSA signing failed: {e}")))?)
        }
        (Key::Rsa(RsaKey::Private(k)), Family::RsaPss) => {
            use rsa::pss::SigningKey;
            use rsa::signature::SignatureEncoding;
            let k = (**k).clone();
            let mut r = rng();
            Ok(match alg.hash() {
                Hash::Sha256 => SigningKey::<sha2::Sha256>::new(k)
                    .try_sign_with_rng(&mut r, msg)
                    .map(|s| s.to_vec()),
                Hash::Sha384 => SigningKey::<sha2::Sha384>::new(k)
                    .try_sign_with_rng(&mut r, msg)
                    .map(|s| s.to_vec()),
                Hash::Sha512 => SigningKey::<sha2::Sha512>::new(k)
                    .try_sign_with_rng(&mut r, msg)
                    .map(|s| s.to_vec()),
            }
            .map_err(|e| Error::input(format!("RSA-PSS signing failed: {e}")))?)
        }
        (Key::Ec(k), Family::Ecdsa(_)) => {
            let d = k.d.as_ref().ok_or_else(need_private)?;
            with_curve!(k.curve, m => {
                let sk = m::ecdsa::SigningKey::from_slice(d.expose())
                    .map_err(|_| Error::input("EC private scalar is out of range"))?;
                let sig: m::ecdsa::Signature = sk.sign(msg);
                // Low-S always: verifiers (jot's among them) reject the high-S twin.
                Ok(sig.normalize_s().to_bytes().to_vec())
            })
        }
        (Key::Okp(k), Family::EdDsa) if alg.edwards_curve() != Some(Curve::Ed448) => {
            let d = k.d.as_ref().ok_or_else(need_private)?;
            let seed: [u8; 32] = d.expose().try_into().map_err(|_| need_private())?;
            let sk = ed25519_dalek::SigningKey::from_bytes(&seed);
            Ok(sk.sign(msg).to_bytes().to_vec())
        }
        (Key::Ed448(k), Family::EdDsa) if alg.edwards_curve() != Some(Curve::Ed25519) => {
            k.sign(msg)
        }
        (Key::Akp(k), Family::MlDsa(s)) if k.set == s => k.sign(msg),
        (Key::Rsa(RsaKey::Public(_)), _) => Err(need_private()),
        _ => Err(Error::usage(format!("{alg} does not fit this key"))),
    }
}

/// The aws-lc-rs path for RSA and NIST-curve ECDSA; `None` where it does not apply.
#[cfg(feature = "aws-lc")]
fn awslc_verify(key: &Key, alg: Alg, msg: &[u8], sig: &[u8]) -> Option<bool> {
    match (key, alg.family()) {
        (Key::Rsa(k), Family::RsaPkcs1 | Family::RsaPss) => {
            let (n, e) = super::awslc::rsa_n_e(k);
            super::awslc::rsa(alg, &n, &e, msg, sig)
        }
        (Key::Ec(k), Family::Ecdsa(c)) if c == k.curve => {
            if sig.len() != 2 * k.curve.field_len() {
                return Some(false);
            }
            super::awslc::ecdsa(alg, k.curve, &k.point, msg, sig)
        }
        _ => None,
    }
}

/// Verify `sig` over `msg`; `Ok(false)` for any bad signature, including malformed ones.
pub(super) fn verify(key: &Key, alg: Alg, msg: &[u8], sig: &[u8]) -> Result<bool> {
    #[cfg(feature = "aws-lc")]
    if let Some(ok) = awslc_verify(key, alg, msg, sig) {
        return Ok(ok);
    }
    verify_rustcrypto(key, alg, msg, sig)
}

/// RSA verification with the padding module `$m` (pkcs1v15 or pss) and the alg's hash.
macro_rules! rsa_verify {
    ($m:path, $k:expr, $alg:expr, $msg:expr, $sig:expr) => {{
        use $m as padding;
        let pk = $k.public();
        match padding::Signature::try_from($sig) {
            Err(_) => false,
            Ok(sig) => match $alg.hash() {
                Hash::Sha256 => padding::VerifyingKey::<sha2::Sha256>::new(pk)
                    .verify($msg, &sig)
                    .is_ok(),
                Hash::Sha384 => padding::VerifyingKey::<sha2::Sha384>::new(pk)
                    .verify($msg, &sig)
                    .is_ok(),
                Hash::Sha512 => padding::VerifyingKey::<sha2::Sha512>::new(pk)
                    .verify($msg, &sig)
                    .is_ok(),
            },
        }
    }};
}

/// Verification with the RustCrypto crates: every algorithm, and the reference the aws-lc-rs
/// path is checked against in tests.
pub(super) fn verify_rustcrypto(key: &Key, alg: Alg, msg: &[u8], sig: &[u8]) -> Result<bool> {
    Ok(match (key, alg.family()) {
        (Key::Oct(s), Family::Hmac) if s.expose().is_empty() => return Err(empty_hmac_key()),
        (Key::Oct(s), Family::Hmac) => {
            let tag = Secret::new(alg.hash().hmac(s.expose(), msg));
            constant_time_eq(tag.expose(), sig)
        }
        (Key::Rsa(k), Family::RsaPkcs1) => rsa_verify!(rsa::pkcs1v15, k, alg, msg, sig),
        (Key::Rsa(k), Family::RsaPss) => rsa_verify!(rsa::pss, k, alg, msg, sig),
        (Key::Ec(k), Family::Ecdsa(_)) => {
            if sig.len() != 2 * k.curve.field_len() {
                return Ok(false);
            }
            with_curve!(k.curve, m => {
                let vk = m::ecdsa::VerifyingKey::from_sec1_bytes(&k.point)
                    .map_err(|_| Error::input("EC public point is invalid"))?;
                // from_slice rejects r or s equal to zero or not below the group order.
                let Ok(sig) = m::ecdsa::Signature::from_slice(sig) else { return Ok(false) };
                // secp256k1 verifiers insist on low-S; other JOSE libraries may emit high-S.
                let sig = sig.normalize_s();
                Ok::<bool, Error>(vk.verify(msg, &sig).is_ok())
            })?
        }
        (Key::Okp(k), Family::EdDsa) if alg.edwards_curve() != Some(Curve::Ed448) => {
            let Ok(vk) = ed25519_dalek::VerifyingKey::from_bytes(&k.x) else {
                return Ok(false);
            };
            let Ok(sig) = ed25519_dalek::Signature::from_slice(sig) else {
                return Ok(false);
            };
            vk.verify_strict(msg, &sig).is_ok()
        }
        (Key::Ed448(k), Family::EdDsa) if alg.edwards_curve() != Some(Curve::Ed25519) => {
            k.verify(msg, sig)
        }
        (Key::Akp(k), Family::MlDsa(s)) if k.set == s => k.verify(msg, sig),
        _ => return Err(Error::usage(format!("{alg} does not fit this key"))),
    })
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
