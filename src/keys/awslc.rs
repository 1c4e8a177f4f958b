//! RSA and NIST-curve ECDSA verification through aws-lc-rs, chosen over the RustCrypto
//! verifiers by measurement (docs/benchmarks.md). Parsed public keys are cached, so bulk
//! verification parses each key once; the cache is small and bounded.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use aws_lc_rs::signature::{self as sig, ParsedPublicKey, RsaPublicKeyComponents};

use crate::alg::{Alg, Curve, Family, Hash};

/// Keys kept parsed at once; real runs use a handful (one JWKS).
const CACHE_LIMIT: usize = 256;

type Cache = Mutex<HashMap<(Alg, Vec<u8>), ParsedPublicKey>>;

fn cache() -> &'static Cache {
    static C: OnceLock<Cache> = OnceLock::new();
    C.get_or_init(|| Mutex::new(HashMap::new()))
}

fn verify_cached(
    alg: Alg,
    id: Vec<u8>,
    parse: impl FnOnce() -> Option<ParsedPublicKey>,
    msg: &[u8],
    s: &[u8],
) -> Option<bool> {
    let key = (alg, id);
    let parsed = {
        let guard = cache().lock().ok()?;
        guard.get(&key).cloned()
    };
    let parsed = match parsed {
        Some(p) => p,
        None => {
            let p = parse()?;
            if let Ok(mut g) = cache().lock() {
                if g.len() >= CACHE_LIMIT {
                    g.clear();
                }
                g.insert(key, p.clone());
            }
            p
        }
    };
    Some(parsed.verify_sig(msg, s).is_ok())
}

/// The aws-lc parameters for an RSA alg, `None` for other algs.
fn rsa_params(alg: Alg) -> Option<&'static sig::RsaParameters> {
    Some(match (alg.family(), alg.hash()) {
        (Family::RsaPkcs1, Hash::Sha256) => &sig::RSA_PKCS1_2048_8192_SHA256,
        (Family::RsaPkcs1, Hash::Sha384) => &sig::RSA_PKCS1_2048_8192_SHA384,
        (Family::RsaPkcs1, Hash::Sha512) => &sig::RSA_PKCS1_2048_8192_SHA512,
        (Family::RsaPss, Hash::Sha256) => &sig::RSA_PSS_2048_8192_SHA256,
        (Family::RsaPss, Hash::Sha384) => &sig::RSA_PSS_2048_8192_SHA384,
        (Family::RsaPss, Hash::Sha512) => &sig::RSA_PSS_2048_8192_SHA512,
        _ => return None,
    })
}

/// The parsed aws-lc key for RSA (n, e) under `alg` (big-endian, no leading zeros);
/// `None` when aws-lc cannot take it (under 2048 bits), so callers use RustCrypto.
pub(super) fn parse_rsa(alg: Alg, n: &[u8], e: &[u8]) -> Option<ParsedPublicKey> {
    let params = rsa_params(alg)?;
    if n.len() < 256 {
        return None;
    }
    RsaPublicKeyComponents { n, e }
        .to_parsed_public_key(params)
        .ok()
}

/// The aws-lc ECDSA verifier for a NIST curve and its alg; `None` for other pairs.
fn ecdsa_alg(alg: Alg, curve: Curve) -> Option<&'static sig::EcdsaVerificationAlgorithm> {
    Some(match (curve, alg) {
        (Curve::P256, Alg::ES256) => &sig::ECDSA_P256_SHA256_FIXED,
        (Curve::P384, Alg::ES384) => &sig::ECDSA_P384_SHA384_FIXED,
        (Curve::P521, Alg::ES512) => &sig::ECDSA_P521_SHA512_FIXED,
        _ => return None,
    })
}

/// The parsed aws-lc key for an uncompressed EC point under `alg`; `None` where aws-lc
/// does not apply.
pub(super) fn parse_ecdsa(alg: Alg, curve: Curve, point: &[u8]) -> Option<ParsedPublicKey> {
    ParsedPublicKey::new(ecdsa_alg(alg, curve)?, point).ok()
}

/// Verify an RSA signature; `None` when aws-lc cannot take the key (under 2048 bits), so
/// the caller falls back to RustCrypto.
pub(super) fn rsa(alg: Alg, n: &[u8], e: &[u8], msg: &[u8], s: &[u8]) -> Option<bool> {
    rsa_params(alg)?;
    if n.len() < 256 {
        return None;
    }
    let mut id = n.to_vec();
    id.extend_from_slice(e);
    verify_cached(alg, id, || parse_rsa(alg, n, e), msg, s)
}

/// Verify a fixed-size (r||s) ECDSA signature over a NIST curve; `None` for other curves.
pub(super) fn ecdsa(alg: Alg, curve: Curve, point: &[u8], msg: &[u8], s: &[u8]) -> Option<bool> {
    ecdsa_alg(alg, curve)?;
    verify_cached(
        alg,
        point.to_vec(),
        || parse_ecdsa(alg, curve, point),
        msg,
        s,
    )
}

/// An RSA key's modulus and exponent as minimal big-endian bytes, as aws-lc parses them.
pub(crate) fn rsa_n_e(k: &super::RsaKey) -> (Vec<u8>, Vec<u8>) {
    use rsa::traits::PublicKeyParts;
    let trim = |b: Box<[u8]>| {
        let start = b.iter().position(|x| *x != 0).unwrap_or(b.len());
        b[start..].to_vec()
    };
    let (n, e) = match k {
        super::RsaKey::Public(p) => (p.n_bytes(), p.e_bytes()),
        super::RsaKey::Private(p) => (p.n_bytes(), p.e_bytes()),
    };
    (trim(n), trim(e))
}
