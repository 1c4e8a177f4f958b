//! Public keys parsed once for bulk verification: the same aws-lc key that
//! `crypto::verify` finds in `keys::awslc`'s cache, held by the caller instead, so a token
//! costs no key re-encoding, lock or hash lookup. `prepare` answers `None` wherever
//! `crypto::verify` would not use aws-lc (RustCrypto keys and curves, RSA under 2048
//! bits, the `aws-lc` feature off); callers then use `Jwk::verify`. ML-DSA keys are
//! prepared in every build: decoding one expands its matrix Â, a verification's worth of
//! work that a token should not repeat.

use crate::alg::Alg;

use super::Key;

/// A parsed public key for one alg.
pub struct PreparedPublic {
    parsed: Parsed,
    /// An ECDSA signature must be exactly r||s of this size.
    sig_len: Option<usize>,
}

enum Parsed {
    #[cfg(feature = "aws-lc")]
    AwsLc(aws_lc_rs::signature::ParsedPublicKey),
    MlDsa(Box<super::akp::PreparedAkp>),
}

/// Parse `key` for `alg` once, when aws-lc verifies it (or it is an ML-DSA key).
pub fn prepare(key: &Key, alg: Alg) -> Option<PreparedPublic> {
    use crate::alg::Family;
    if let (Key::Akp(k), Family::MlDsa(s)) = (key, alg.family()) {
        return (k.set == s).then(|| PreparedPublic {
            parsed: Parsed::MlDsa(Box::new(k.prepare())),
            sig_len: Some(s.signature_len()),
        });
    }
    prepare_aws_lc(key, alg)
}

#[cfg(feature = "aws-lc")]
fn prepare_aws_lc(key: &Key, alg: Alg) -> Option<PreparedPublic> {
    use crate::alg::Family;
    match (key, alg.family()) {
        (Key::Rsa(k), Family::RsaPkcs1 | Family::RsaPss) => {
            let (n, e) = super::awslc::rsa_n_e(k);
            Some(PreparedPublic {
                parsed: Parsed::AwsLc(super::awslc::parse_rsa(alg, &n, &e)?),
                sig_len: None,
            })
        }
        (Key::Ec(k), Family::Ecdsa(c)) if c == k.curve => Some(PreparedPublic {
            parsed: Parsed::AwsLc(super::awslc::parse_ecdsa(alg, k.curve, &k.point)?),
            sig_len: Some(2 * k.curve.field_len()),
        }),
        _ => None,
    }
}

/// Without aws-lc every other key goes through `Jwk::verify`.
#[cfg(not(feature = "aws-lc"))]
fn prepare_aws_lc(_key: &Key, _alg: Alg) -> Option<PreparedPublic> {
    None
}

impl PreparedPublic {
    /// Whether `sig` is a valid signature of `msg`.
    pub fn verify(&self, msg: &[u8], sig: &[u8]) -> bool {
        if self.sig_len.is_some_and(|n| n != sig.len()) {
            return false;
        }
        match &self.parsed {
            #[cfg(feature = "aws-lc")]
            Parsed::AwsLc(p) => p.verify_sig(msg, sig).is_ok(),
            Parsed::MlDsa(p) => p.verify(msg, sig),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The prepared key gives `crypto::verify`'s answer for good, tampered, truncated and
    /// high-S signatures.
    #[test]
    fn prepared_keys_agree_with_crypto_verify() {
        for alg in [
            Alg::RS256,
            Alg::PS384,
            Alg::ES256,
            Alg::ES384,
            Alg::ES512,
            Alg::ML_DSA_44,
        ] {
            let jwk = crate::keys::generate(alg, None, None).unwrap();
            let Some(p) = prepare(&jwk.key, alg) else {
                let with_aws_lc = cfg!(feature = "aws-lc");
                assert!(!with_aws_lc, "aws-lc should take {alg}");
                continue;
            };
            let sig = jwk.sign(alg, b"msg").unwrap();
            let mut bad = sig.clone();
            bad[3] ^= 1;
            for (m, s) in [
                (&b"msg"[..], &sig[..]),
                (b"msh", &sig),
                (b"msg", &bad),
                (b"msg", &sig[1..]),
            ] {
                assert_eq!(
                    p.verify(m, s),
                    super::super::crypto::verify(&jwk.key, alg, m, s).unwrap(),
                    "{alg}"
                );
            }
        }
    }
}
