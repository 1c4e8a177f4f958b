//! Ed448 keys (JWK `kty` `OKP`, `crv` `Ed448`, RFC 8037; JWS alg `Ed448`, RFC 9864): the
//! 57-byte public key and seed, PKCS#8/SPKI DER (RFC 8410, OID 1.3.101.113), generation,
//! and pure Ed448 signing and verification (RFC 8032 §5.2, empty context).

use ed448_goldilocks::{Signature, SigningKey, VerifyingKey};
use pkcs8::ObjectIdentifier;

use super::Secret;
use crate::{Error, Result};

/// RFC 8410 §3: id-Ed448.
pub(super) const OID: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.113");

/// An Ed448 key: the 57-byte public key and, if present, the 57-byte seed (checked to
/// match). `x` is on the heap so that every `Key` stays as small as an EC key.
#[derive(Clone, Debug)]
pub struct Ed448Key {
    pub x: Box<[u8; 57]>,
    pub d: Option<Secret>,
}

fn signing_key(seed: &[u8]) -> Result<SigningKey> {
    SigningKey::try_from(seed).map_err(|_| {
        Error::input(format!(
            "Ed448 private key \"d\" must be 57 bytes, not {}",
            seed.len()
        ))
    })
}

impl Ed448Key {
    /// A key from its parts: `x` must decode to a point, and `d` (if any) must derive `x`.
    pub(crate) fn new(x: &[u8], d: Option<Secret>) -> Result<Ed448Key> {
        let x: [u8; 57] = x
            .try_into()
            .map_err(|_| Error::input(format!("Ed448 \"x\" must be 57 bytes, not {}", x.len())))?;
        VerifyingKey::from_bytes(&x)
            .map_err(|_| Error::input("Ed448 public key \"x\" is not a valid point"))?;
        if let Some(d) = &d {
            if signing_key(d.expose())?.verifying_key().to_bytes() != x {
                return Err(Error::input("Ed448 private key \"d\" does not match \"x\""));
            }
        }
        Ok(Ed448Key { x: Box::new(x), d })
    }

    /// The private key of a 57-byte seed.
    pub(crate) fn from_seed(seed: &[u8]) -> Result<Ed448Key> {
        let x = signing_key(seed)?.verifying_key().to_bytes();
        Ok(Ed448Key {
            x: Box::new(x),
            d: Some(Secret::new(seed.to_vec())),
        })
    }

    /// A fresh private key from the system's randomness.
    pub fn generate() -> Result<Ed448Key> {
        let mut seed = zeroize::Zeroizing::new([0u8; 57]);
        getrandom::fill(seed.as_mut_slice())
            .map_err(|e| Error::input(format!("no randomness: {e}")))?;
        Ed448Key::from_seed(seed.as_slice())
    }

    /// Pure Ed448 (no prehash, empty context): deterministic, 114 bytes.
    pub(crate) fn sign(&self, msg: &[u8]) -> Result<Vec<u8>> {
        let d = self.d.as_ref().ok_or_else(super::crypto::need_private)?;
        Ok(signing_key(d.expose())?.sign_raw(msg).to_bytes().to_vec())
    }

    /// Whether `sig` is a valid pure Ed448 signature of `msg` (anything but 114 bytes that
    /// decode is invalid).
    pub(crate) fn verify(&self, msg: &[u8], sig: &[u8]) -> bool {
        let (Ok(vk), Ok(sig)) = (
            VerifyingKey::from_bytes(&self.x),
            Signature::from_slice(sig),
        ) else {
            return false;
        };
        vk.verify_raw(&sig, msg).is_ok()
    }

    /// The PKCS#8 DER (v1, without the optional public key, as OpenSSL writes it).
    pub(crate) fn to_pkcs8_der(&self) -> Result<zeroize::Zeroizing<Vec<u8>>> {
        use der::Encode;
        let d = self.d.as_ref().ok_or_else(super::crypto::need_private)?;
        // RFC 8410 §7: CurvePrivateKey ::= OCTET STRING, inside the PKCS#8 octet string.
        let mut inner = zeroize::Zeroizing::new(vec![0x04, 57]);
        inner.extend_from_slice(d.expose());
        let info = pkcs8::PrivateKeyInfoRef::new(
            spki::AlgorithmIdentifierRef {
                oid: OID,
                parameters: None,
            },
            der::asn1::OctetStringRef::new(&inner).map_err(enc_err)?,
        );
        info.to_der().map(zeroize::Zeroizing::new).map_err(enc_err)
    }

    /// The SubjectPublicKeyInfo DER.
    pub(crate) fn to_spki_der(&self) -> Result<Vec<u8>> {
        use der::Encode;
        spki::SubjectPublicKeyInfoRef {
            algorithm: spki::AlgorithmIdentifierRef {
                oid: OID,
                parameters: None,
            },
            subject_public_key: der::asn1::BitStringRef::from_bytes(&*self.x).map_err(enc_err)?,
        }
        .to_der()
        .map_err(enc_err)
    }
}

fn enc_err(e: impl std::fmt::Display) -> Error {
    Error::input(format!("cannot encode the Ed448 key: {e}"))
}

/// The key of a PKCS#8 `privateKey` octet string (RFC 8410 §7: an OCTET STRING of 57 bytes).
pub(super) fn from_pkcs8_private(private: &[u8]) -> Result<Ed448Key> {
    use der::Decode;
    let seed = <&der::asn1::OctetStringRef>::from_der(private)
        .map_err(|e| Error::input(format!("malformed Ed448 PKCS#8 key: {e}")))?;
    Ed448Key::from_seed(seed.as_bytes())
}

#[cfg(test)]
#[path = "tests/ed448.rs"]
mod tests;
