//! PEM output: PKCS#8 for private keys, SPKI for public keys. An HMAC secret has no PEM form.

use pkcs8::{EncodePrivateKey, EncodePublicKey, LineEnding};
use zeroize::Zeroizing;

use super::{Jwk, Key, RsaKey};
use crate::alg::Curve;
use crate::{Error, Result};

fn enc_err(e: impl std::fmt::Display) -> Error {
    Error::input(format!("cannot encode the key as PEM: {e}"))
}

/// PKCS#8 PEM when `private` and the key is private; otherwise SPKI PEM.
pub(super) fn to_pem(jwk: &Jwk, private: bool) -> Result<Zeroizing<String>> {
    let private = private && jwk.is_private();
    match &jwk.key {
        Key::Oct(_) => Err(Error::usage("an HMAC (oct) secret has no PEM form")
            .with_hint("use --to jwk, or keep the raw secret in a file for --secret-file")),
        Key::Rsa(k) => {
            if let (true, RsaKey::Private(sk)) = (private, k) {
                sk.to_pkcs8_pem(LineEnding::LF).map_err(enc_err)
            } else {
                k.public()
                    .to_public_key_pem(LineEnding::LF)
                    .map(Zeroizing::new)
                    .map_err(enc_err)
            }
        }
        Key::X25519(k) => super::x25519::to_pem(k, private),
        Key::Ed448(k) if private && k.d.is_some() => pem_private(&k.to_pkcs8_der()?),
        Key::Ed448(k) => pem_public(&k.to_spki_der()?),
        Key::Akp(k) if private && k.seed.is_some() => pem_private(&k.to_pkcs8_der()?),
        Key::Akp(k) => pem_public(&k.to_spki_der()?),
        Key::Okp(k) => {
            if let (true, Some(d)) = (private, &k.d) {
                // PKCS#8 v1, without the optional public key: OpenSSL 3.0 and
                // pyca/cryptography refuse the v2 (RFC 5958) form ed25519-dalek writes.
                let pair = ed25519_dalek::pkcs8::KeypairBytes {
                    secret_key: d.expose().try_into().map_err(enc_err)?,
                    public_key: None,
                };
                pair.to_pkcs8_pem(LineEnding::LF).map_err(enc_err)
            } else {
                let vk = ed25519_dalek::VerifyingKey::from_bytes(&k.x).map_err(enc_err)?;
                vk.to_public_key_pem(LineEnding::LF)
                    .map(Zeroizing::new)
                    .map_err(enc_err)
            }
        }
        Key::Ec(k) => {
            macro_rules! ec_pem {
                ($m:ident) => {{
                    if let (true, Some(d)) = (private, &k.d) {
                        let sk = $m::SecretKey::from_slice(d.expose()).map_err(enc_err)?;
                        sk.to_pkcs8_pem(LineEnding::LF).map_err(enc_err)
                    } else {
                        let pk = $m::PublicKey::from_sec1_bytes(&k.point).map_err(enc_err)?;
                        pk.to_public_key_pem(LineEnding::LF)
                            .map(Zeroizing::new)
                            .map_err(enc_err)
                    }
                }};
            }
            match k.curve {
                Curve::P256 => ec_pem!(p256),
                Curve::P384 => ec_pem!(p384),
                Curve::P521 => ec_pem!(p521),
                Curve::Secp256k1 => ec_pem!(k256),
                Curve::Ed25519 | Curve::Ed448 => Err(enc_err("an OKP curve is not an EC curve")),
            }
        }
    }
}

fn pem_private(der: &[u8]) -> Result<Zeroizing<String>> {
    pem_rfc7468::encode_string("PRIVATE KEY", pem_rfc7468::LineEnding::LF, der)
        .map(Zeroizing::new)
        .map_err(enc_err)
}

fn pem_public(der: &[u8]) -> Result<Zeroizing<String>> {
    pem_rfc7468::encode_string("PUBLIC KEY", pem_rfc7468::LineEnding::LF, der)
        .map(Zeroizing::new)
        .map_err(enc_err)
}
