//! Encryption keys for every JWE key-management algorithm jot makes: RSA for RSA-OAEP*,
//! EC P-256/P-384/P-521 or X25519 for ECDH-ES*, oct keys sized for AES-KW, AES-GCMKW or
//! `dir` (sized for its `enc`). The JWK carries `use: enc`, the `alg` and a thumbprint kid.

use crate::alg::{Alg, Curve, Enc, KeyAlg, KeyAlgFamily};
use crate::keys::{self, Jwk, Key, Secret, ThumbprintHash};
use crate::{Error, Result};

/// The curve of an ECDH-ES key: a NIST curve or X25519.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum EcdhCurve {
    Nist(Curve),
    X25519,
}

impl EcdhCurve {
    /// Parse a JWK `crv` name valid for ECDH-ES.
    pub(crate) fn from_name(s: &str) -> Option<EcdhCurve> {
        match s {
            "X25519" => Some(EcdhCurve::X25519),
            "P-256" => Some(EcdhCurve::Nist(Curve::P256)),
            "P-384" => Some(EcdhCurve::Nist(Curve::P384)),
            "P-521" => Some(EcdhCurve::Nist(Curve::P521)),
            _ => None,
        }
    }

    /// [`EcdhCurve::from_name`] for `--crv`: a usage error naming the curves.
    pub(crate) fn parse(s: &str) -> Result<EcdhCurve> {
        EcdhCurve::from_name(s).ok_or_else(|| {
            Error::usage(format!(
                "unknown --crv {s:?}: expected P-256, P-384, P-521 or X25519"
            ))
        })
    }
}

fn random(n: usize) -> Result<Secret> {
    let mut k = vec![0u8; n];
    getrandom::fill(&mut k).map_err(|e| Error::input(format!("no randomness: {e}")))?;
    Ok(Secret::new(k))
}

/// Generate a key for `alg`. `crv` applies to ECDH-ES (default P-256), `enc` to `dir`
/// (default A256GCM), `bits` to RSA.
pub(crate) fn generate(
    alg: KeyAlg,
    crv: Option<EcdhCurve>,
    enc: Option<Enc>,
    bits: Option<usize>,
    kid: Option<String>,
) -> Result<Jwk> {
    let fam = alg.family();
    if crv.is_some() && !matches!(fam, KeyAlgFamily::EcdhEs(_)) {
        return Err(Error::usage(format!(
            "--crv applies to ECDH-ES algorithms, not {alg}"
        )));
    }
    if enc.is_some() && fam != KeyAlgFamily::Dir {
        return Err(Error::usage(format!("--enc applies to dir, not {alg}")));
    }
    if bits.is_some() && !matches!(fam, KeyAlgFamily::Rsa(_)) {
        return Err(Error::usage(format!(
            "--bits applies to RSA algorithms, not {alg}"
        )));
    }
    let key = match fam {
        KeyAlgFamily::Rsa(_) if alg == KeyAlg::Rsa1_5 => {
            return Err(
                Error::usage("RSA1_5 is padding-oracle prone; jot makes no keys for it")
                    .with_hint("use RSA-OAEP-256"),
            )
        }
        KeyAlgFamily::Rsa(_) => keys::generate(Alg::RS256, bits, None)?.key,
        KeyAlgFamily::EcdhEs(_) => match crv.unwrap_or(EcdhCurve::Nist(Curve::P256)) {
            EcdhCurve::X25519 => Key::X25519(keys::x25519_generate()?),
            EcdhCurve::Nist(c) => {
                let sig = match c {
                    Curve::P384 => Alg::ES384,
                    Curve::P521 => Alg::ES512,
                    _ => Alg::ES256,
                };
                keys::generate(sig, None, None)?.key
            }
        },
        KeyAlgFamily::AesKw(n) | KeyAlgFamily::AesGcmKw(n) => Key::Oct(random(n)?),
        KeyAlgFamily::Dir => Key::Oct(random(enc.unwrap_or(Enc::A256Gcm).cek_len())?),
        KeyAlgFamily::Pbes2(..) => {
            return Err(
                Error::usage(format!("{alg} takes a passphrase, not a generated key"))
                    .with_hint("write a long random passphrase to a file for --passphrase-file"),
            )
        }
    };
    let mut jwk = Jwk::new(key);
    jwk.alg = Some(alg.name().to_owned());
    jwk.use_ = Some("enc".into());
    jwk.kid = Some(kid.unwrap_or_else(|| jwk.thumbprint(ThumbprintHash::Sha256)));
    Ok(jwk)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_carry_use_enc_and_their_alg_and_fit_it() {
        for (alg, crv, enc) in [
            (KeyAlg::EcdhEsA256Kw, Some(EcdhCurve::X25519), None),
            (KeyAlg::EcdhEs, Some(EcdhCurve::Nist(Curve::P384)), None),
            (KeyAlg::A128Kw, None, None),
            (KeyAlg::Dir, None, Some(Enc::A128CbcHs256)),
        ] {
            let k = generate(alg, crv, enc, None, None).unwrap();
            assert_eq!(k.use_.as_deref(), Some("enc"));
            assert_eq!(k.alg.as_deref(), Some(alg.name()));
            let key = super::super::JweKey::Jwk(k);
            let e = enc.unwrap_or(Enc::A256Gcm);
            assert!(super::super::policy::fits(&key, alg, e).is_ok(), "{alg}");
        }
        assert!(generate(KeyAlg::Rsa1_5, None, None, None, None).is_err());
        assert!(generate(KeyAlg::A128Kw, Some(EcdhCurve::X25519), None, None, None).is_err());
    }
}
