//! Key generation for every algorithm jot signs with. The JWK carries `alg` and a `kid`
//! (its RFC 7638 thumbprint unless the caller names one).

use rand_core::UnwrapErr;

use super::{EcKey, Jwk, Key, OkpKey, RsaKey, Secret, ThumbprintHash};
use crate::alg::{Alg, Curve, Family};
use crate::{Error, Result};

/// Generate a key for `alg`. `bits` applies to RSA only (2048, 3072 or 4096; default 2048).
pub fn generate(alg: Alg, bits: Option<usize>, kid: Option<String>) -> Result<Jwk> {
    let mut rng = UnwrapErr(getrandom::SysRng);
    if bits.is_some() && !matches!(alg.family(), Family::RsaPkcs1 | Family::RsaPss) {
        return Err(Error::usage(format!(
            "--bits applies to RSA algorithms, not {alg}"
        )));
    }
    let key = match alg.family() {
        Family::Hmac => {
            // RFC 7518 §3.2: a key of the same size as the hash output.
            let mut k = vec![0u8; alg.hash().output_len()];
            getrandom::fill(&mut k).map_err(|e| Error::input(format!("no randomness: {e}")))?;
            Key::hmac(Secret::new(k))?
        }
        Family::RsaPkcs1 | Family::RsaPss => {
            let bits = bits.unwrap_or(2048);
            if ![2048, 3072, 4096].contains(&bits) {
                return Err(Error::usage(format!(
                    "--bits {bits}: expected 2048, 3072 or 4096"
                )));
            }
            let k = rsa::RsaPrivateKey::new(&mut rng, bits)
                .map_err(|e| Error::input(format!("RSA key generation failed: {e}")))?;
            Key::Rsa(RsaKey::Private(Box::new(k)))
        }
        Family::Ecdsa(curve) => {
            let mut d = vec![0u8; curve.field_len()];
            // Rejection sampling: retry until the scalar is in [1, n).
            let point = loop {
                getrandom::fill(&mut d).map_err(|e| Error::input(format!("no randomness: {e}")))?;
                if let Ok(p) = super::crypto::ec_public_from_scalar(curve, &d) {
                    break p;
                }
            };
            Key::Ec(EcKey {
                curve,
                point,
                d: Some(Secret::new(d)),
            })
        }
        Family::EdDsa if alg.edwards_curve() == Some(Curve::Ed448) => {
            Key::Ed448(super::Ed448Key::generate()?)
        }
        Family::MlDsa(set) => Key::Akp(super::AkpKey::generate(set)?),
        Family::EdDsa => {
            let mut seed = [0u8; 32];
            getrandom::fill(&mut seed).map_err(|e| Error::input(format!("no randomness: {e}")))?;
            let x = ed25519_dalek::SigningKey::from_bytes(&seed)
                .verifying_key()
                .to_bytes();
            let k = Key::Okp(OkpKey {
                x,
                d: Some(Secret::new(seed.to_vec())),
            });
            zeroize::Zeroize::zeroize(&mut seed);
            k
        }
    };
    let mut jwk = Jwk::new(key);
    jwk.alg = Some(alg.name().to_owned());
    jwk.use_ = Some("sig".into());
    jwk.kid = Some(kid.unwrap_or_else(|| jwk.thumbprint(ThumbprintHash::Sha256)));
    Ok(jwk)
}
