//! X25519 keys (RFC 8037 OKP `crv: X25519`, RFC 8410 PKCS#8/SPKI): key agreement only, for
//! JWE ECDH-ES. Kept apart from the Ed25519 code so a key-agreement key can never sign.

use zeroize::Zeroizing;

use super::{OkpKey, Secret};
use crate::{Error, Result};

/// The X25519 algorithm OID, 1.3.101.110, as DER content bytes.
const OID: [u8; 3] = [0x2b, 0x65, 0x6e];

/// The public key of a private scalar (clamped, RFC 7748 §5); JWE's ECDH-ES uses it too.
pub(crate) fn scalar_public(d: &[u8; 32]) -> [u8; 32] {
    curve25519_dalek::MontgomeryPoint::mul_base_clamped(*d).to_bytes()
}

/// The public key of a private scalar given as bytes.
pub(super) fn public_of(d: &[u8]) -> Result<[u8; 32]> {
    let d: [u8; 32] = d
        .try_into()
        .map_err(|_| Error::input("an X25519 private key must be 32 bytes"))?;
    Ok(scalar_public(&d))
}

/// A new random key.
pub fn generate() -> Result<OkpKey> {
    let mut d = Zeroizing::new([0u8; 32]);
    getrandom::fill(d.as_mut()).map_err(|e| Error::input(format!("no randomness: {e}")))?;
    Ok(OkpKey {
        x: public_of(d.as_ref())?,
        d: Some(Secret::new(d.to_vec())),
    })
}

/// From JWK members `x` (and `d`); `d` must match `x`.
pub(super) fn from_jwk(x: Vec<u8>, d: Option<Vec<u8>>) -> Result<OkpKey> {
    let x: [u8; 32] = x
        .try_into()
        .map_err(|_| Error::input("X25519 \"x\" must be 32 bytes"))?;
    let d = d.map(Secret::new);
    if let Some(d) = &d {
        if public_of(d.expose())? != x {
            return Err(Error::input("X25519 \"d\" does not match \"x\""));
        }
    }
    Ok(OkpKey { x, d })
}

/// True when a PKCS#8 or SPKI algorithm OID (as a dotted string) is X25519.
pub(super) fn is_oid(oid: &str) -> bool {
    oid == "1.3.101.110"
}

/// From the PKCS#8 `privateKey` OCTET STRING contents (itself `04 20 || d`).
pub(super) fn from_pkcs8_private(inner: &[u8]) -> Result<OkpKey> {
    match inner {
        [0x04, 0x20, d @ ..] if d.len() == 32 => Ok(OkpKey {
            x: public_of(d)?,
            d: Some(Secret::new(d.to_vec())),
        }),
        _ => Err(Error::input("malformed X25519 PKCS#8 private key")),
    }
}

/// From the SPKI subject public key bits.
pub(super) fn from_spki_bits(bits: &[u8]) -> Result<OkpKey> {
    let x: [u8; 32] = bits
        .try_into()
        .map_err(|_| Error::input("an X25519 public key must be 32 bytes"))?;
    Ok(OkpKey { x, d: None })
}

/// PKCS#8 v1 DER (RFC 8410 §7).
pub(super) fn pkcs8_der(d: &[u8]) -> Zeroizing<Vec<u8>> {
    let mut v = vec![0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03];
    v.extend_from_slice(&OID);
    v.extend_from_slice(&[0x04, 0x22, 0x04, 0x20]);
    v.extend_from_slice(d);
    Zeroizing::new(v)
}

/// SPKI DER (RFC 8410 §4).
pub(super) fn spki_der(x: &[u8; 32]) -> Vec<u8> {
    let mut v = vec![0x30, 0x2a, 0x30, 0x05, 0x06, 0x03];
    v.extend_from_slice(&OID);
    v.extend_from_slice(&[0x03, 0x21, 0x00]);
    v.extend_from_slice(x);
    v
}

/// PEM of either form.
pub(super) fn to_pem(k: &OkpKey, private: bool) -> Result<Zeroizing<String>> {
    let (label, der) = match (private, &k.d) {
        (true, Some(d)) => ("PRIVATE KEY", pkcs8_der(d.expose())),
        _ => ("PUBLIC KEY", Zeroizing::new(spki_der(&k.x))),
    };
    pem_rfc7468::encode_string(label, pem_rfc7468::LineEnding::LF, &der)
        .map(Zeroizing::new)
        .map_err(|e| Error::input(format!("cannot encode the key as PEM: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn der_round_trips_and_d_must_match_x() {
        let k = generate().unwrap();
        let d = k.d.as_ref().unwrap().expose().to_vec();
        let der = pkcs8_der(&d);
        assert_eq!(&der[..2], &[0x30, 0x2e]);
        let back = from_pkcs8_private(&der[14..]).unwrap();
        assert_eq!(back.x, k.x);
        assert_eq!(from_spki_bits(&spki_der(&k.x)[12..]).unwrap().x, k.x);
        let mut wrong = k.x.to_vec();
        wrong[0] ^= 1;
        assert!(from_jwk(wrong, Some(d)).is_err());
    }
}
