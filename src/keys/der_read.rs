//! DER structures to and from the key model: PKCS#8, SPKI, X.509, PKCS#1 and SEC1, each
//! dispatched on its algorithm OID so an RSA, EC, Ed25519, Ed448 or ML-DSA key can never be
//! mistaken for another kind.

use der::asn1::UintRef;
use der::{Decode, Encode};
use pkcs8::ObjectIdentifier;

use super::{crypto, EcKey, Key, OkpKey, RsaKey, Secret};
use crate::alg::Curve;
use crate::{Error, Result};

const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const RSASSA_PSS: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.10");
const EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
const ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");
const CURVES: &[(&str, Curve)] = &[
    ("1.2.840.10045.3.1.7", Curve::P256),
    ("1.3.132.0.34", Curve::P384),
    ("1.3.132.0.35", Curve::P521),
    ("1.3.132.0.10", Curve::Secp256k1),
];

fn curve_of(oid: ObjectIdentifier) -> Result<Curve> {
    CURVES
        .iter()
        .find(|(s, _)| ObjectIdentifier::new_unwrap(s) == oid)
        .map(|(_, c)| *c)
        .ok_or_else(|| {
            Error::input(format!(
                "unsupported EC curve OID {oid}: expected P-256, P-384, P-521 or secp256k1"
            ))
        })
}

fn bad(what: &str, e: impl std::fmt::Display) -> Error {
    Error::input(format!("malformed {what}: {e}"))
}

/// A PKCS#8 PrivateKeyInfo (unencrypted).
pub(super) fn from_pkcs8(der: &[u8]) -> Result<Key> {
    let info = pkcs8::PrivateKeyInfoRef::try_from(der).map_err(|e| bad("PKCS#8 key", e))?;
    let oid = info.algorithm.oid;
    if oid == RSA_ENCRYPTION || oid == RSASSA_PSS {
        let k = rsa::RsaPrivateKey::try_from(info).map_err(|e| bad("PKCS#8 RSA key", e))?;
        Ok(Key::Rsa(RsaKey::Private(Box::new(k))))
    } else if oid == EC_PUBLIC_KEY {
        let curve = curve_of(
            info.algorithm
                .parameters_oid()
                .map_err(|e| bad("EC key", e))?,
        )?;
        let sec1 = sec1::EcPrivateKey::from_der(info.private_key.as_bytes())
            .map_err(|e| bad("EC private key", e))?;
        ec_from_scalar(curve, sec1.private_key, sec1.public_key)
    } else if oid == ED25519 {
        use pkcs8::DecodePrivateKey;
        let sk =
            ed25519_dalek::SigningKey::from_pkcs8_der(der).map_err(|e| bad("Ed25519 key", e))?;
        okp_from_seed(sk.as_bytes())
    } else if super::x25519::is_oid(&oid.to_string()) {
        Ok(Key::X25519(super::x25519::from_pkcs8_private(
            info.private_key.as_bytes(),
        )?))
    } else if oid == super::ed448::OID {
        let k = super::ed448::from_pkcs8_private(info.private_key.as_bytes())?;
        embedded_public_matches(info.public_key.as_ref().map(|b| b.raw_bytes()), &k.x[..])?;
        Ok(Key::Ed448(k))
    } else if let Some(set) = super::akp::set_of_oid(&oid) {
        let params = info.algorithm.parameters.is_some();
        let k = super::akp::from_pkcs8_private(set, params, info.private_key.as_bytes())?;
        embedded_public_matches(info.public_key.as_ref().map(|b| b.raw_bytes()), &k.public)?;
        Ok(Key::Akp(k))
    } else {
        Err(unsupported_oid(oid))
    }
}

/// A PKCS#8 v2 file may carry the public key beside the private one (RFC 5958); other
/// readers take it from there, so it must be the private key's.
fn embedded_public_matches(embedded: Option<&[u8]>, derived: &[u8]) -> Result<()> {
    match embedded {
        Some(p) if p != derived => Err(Error::input(
            "private key: the public key written in the file is not the private key's",
        )),
        _ => Ok(()),
    }
}

fn unsupported_oid(oid: ObjectIdentifier) -> Error {
    let name = match oid.to_string().as_str() {
        "1.3.101.111" => " (X448, key agreement only)",
        "1.2.840.10040.4.1" => " (DSA)",
        _ => "",
    };
    Error::input(format!(
        "unsupported key algorithm OID {oid}{name}: expected RSA, EC, Ed25519, Ed448 or ML-DSA"
    ))
}

/// The EC key of scalar `d`. A public point written beside it (SEC1's optional
/// `publicKey`) must be the scalar's: other readers (openssl) take the key from it, so a
/// file whose two halves disagree is a different key to each of them.
fn ec_from_scalar(curve: Curve, d: &[u8], embedded: Option<&[u8]>) -> Result<Key> {
    let n = curve.field_len();
    if d.len() > n {
        return Err(Error::input(format!(
            "EC private scalar longer than {n} bytes"
        )));
    }
    // SEC1 allows a shorter encoding; JWK and the curve crates want it left-padded.
    let mut padded = vec![0u8; n - d.len()];
    padded.extend_from_slice(d);
    let point = crypto::ec_public_from_scalar(curve, &padded)?;
    if let Some(p) = embedded {
        let x = &point[1..1 + n];
        let y_odd = point.last().is_some_and(|b| b & 1 == 1);
        let same = match p.first() {
            Some(4) => p == point.as_slice(),
            Some(&tag @ (2 | 3)) => &p[1..] == x && (tag == 3) == y_odd,
            _ => false,
        };
        if !same {
            return Err(Error::input(
                "EC private key: the public key written in the file is not the private key's \
                 (off the curve, or another key's)",
            ));
        }
    }
    Ok(Key::Ec(EcKey {
        curve,
        point,
        d: Some(Secret::new(padded)),
    }))
}

fn okp_from_seed(seed: &[u8]) -> Result<Key> {
    let seed: [u8; 32] = seed
        .try_into()
        .map_err(|_| Error::input("Ed25519 private key must be 32 bytes"))?;
    let sk = ed25519_dalek::SigningKey::from_bytes(&seed);
    let x = sk.verifying_key().to_bytes();
    Ok(Key::Okp(OkpKey {
        x,
        d: Some(Secret::new(seed.to_vec())),
    }))
}

/// A SubjectPublicKeyInfo.
pub(super) fn from_spki(der: &[u8]) -> Result<Key> {
    let info = spki::SubjectPublicKeyInfoRef::try_from(der).map_err(|e| bad("public key", e))?;
    let oid = info.algorithm.oid;
    let bits = info
        .subject_public_key
        .as_bytes()
        .ok_or_else(|| Error::input("public key bit string has unused bits"))?;
    if oid == RSA_ENCRYPTION || oid == RSASSA_PSS {
        let k = rsa::RsaPublicKey::try_from(info).map_err(|e| bad("RSA public key", e))?;
        Ok(Key::Rsa(RsaKey::Public(k)))
    } else if oid == EC_PUBLIC_KEY {
        let curve = curve_of(
            info.algorithm
                .parameters_oid()
                .map_err(|e| bad("EC key", e))?,
        )?;
        let point = crypto::ec_normalize_point(curve, bits)?;
        Ok(Key::Ec(EcKey {
            curve,
            point,
            d: None,
        }))
    } else if oid == ED25519 {
        let x: [u8; 32] = bits
            .try_into()
            .map_err(|_| Error::input("Ed25519 public key must be 32 bytes"))?;
        Ok(Key::Okp(crypto::okp_validate(OkpKey { x, d: None })?))
    } else if super::x25519::is_oid(&oid.to_string()) {
        Ok(Key::X25519(super::x25519::from_spki_bits(bits)?))
    } else if oid == super::ed448::OID {
        Ok(Key::Ed448(super::ed448::Ed448Key::new(bits, None)?))
    } else if let Some(set) = super::akp::set_of_oid(&oid) {
        let params = info.algorithm.parameters.is_some();
        Ok(Key::Akp(super::akp::from_spki_bits(set, params, bits)?))
    } else {
        Err(unsupported_oid(oid))
    }
}

/// An X.509 certificate: its public key, the DER for `x5c` and its SHA-256 for `x5t#S256`.
pub(super) fn from_certificate(der: &[u8]) -> Result<Key> {
    let cert = x509_cert::Certificate::from_der(der).map_err(|e| bad("X.509 certificate", e))?;
    let spki = cert
        .tbs_certificate()
        .subject_public_key_info()
        .to_der()
        .map_err(|e| bad("certificate public key", e))?;
    from_spki(&spki)
}

/// A SEC1 ECPrivateKey; the curve comes from its parameters (or the caller's hint).
pub(super) fn from_sec1(der: &[u8]) -> Result<Key> {
    let k = sec1::EcPrivateKey::from_der(der).map_err(|e| bad("SEC1 EC key", e))?;
    let oid = match k.parameters {
        Some(sec1::EcParameters::NamedCurve(oid)) => oid,
        _ => return Err(Error::input("SEC1 EC key names no curve")),
    };
    ec_from_scalar(curve_of(oid)?, k.private_key, k.public_key)
}

/// A PKCS#1 RSAPrivateKey.
pub(super) fn from_pkcs1_private(der: &[u8]) -> Result<Key> {
    use pkcs1::DecodeRsaPrivateKey;
    let k = rsa::RsaPrivateKey::from_pkcs1_der(der).map_err(|e| bad("PKCS#1 RSA key", e))?;
    Ok(Key::Rsa(RsaKey::Private(Box::new(k))))
}

/// A PKCS#1 RSAPublicKey.
pub(super) fn from_pkcs1_public(der: &[u8]) -> Result<Key> {
    use pkcs1::DecodeRsaPublicKey;
    let k = rsa::RsaPublicKey::from_pkcs1_der(der).map_err(|e| bad("PKCS#1 RSA public key", e))?;
    Ok(Key::Rsa(RsaKey::Public(k)))
}

fn uint<'a>(name: &str, v: &'a [u8]) -> Result<UintRef<'a>> {
    UintRef::new(v).map_err(|e| bad(&format!("RSA member {name}"), e))
}

/// An RSA public key from JWK `n` and `e`.
pub(super) fn rsa_public_from_parts(n: &[u8], e: &[u8]) -> Result<rsa::RsaPublicKey> {
    let k = pkcs1::RsaPublicKey {
        modulus: uint("n", n)?,
        public_exponent: uint("e", e)?,
    };
    rsa::RsaPublicKey::try_from(k).map_err(|e| bad("RSA public key", e))
}

/// An RSA private key from JWK members; `parts` is p, q, dp, dq, qi or empty (then the
/// primes are recovered from n, e, d).
pub(super) fn rsa_private_from_parts(
    n: &[u8],
    e: &[u8],
    d: &Secret,
    parts: &[Secret],
) -> Result<rsa::RsaPrivateKey> {
    let key = if parts.len() == 5 {
        let p = |i: usize, name: &str| uint(name, parts[i].expose());
        let k = pkcs1::RsaPrivateKey {
            modulus: uint("n", n)?,
            public_exponent: uint("e", e)?,
            private_exponent: uint("d", d.expose())?,
            prime1: p(0, "p")?,
            prime2: p(1, "q")?,
            exponent1: p(2, "dp")?,
            exponent2: p(3, "dq")?,
            coefficient: p(4, "qi")?,
            other_prime_infos: None,
        };
        rsa::RsaPrivateKey::try_from(k).map_err(|e| bad("RSA private key", e))?
    } else {
        // Recovering p and q works in fixed-width integers (e*d - 1, …): a zero member, or
        // e or d not below n, underflows inside the rsa crate, a panic on hostile input.
        let value = |v: &[u8]| {
            let start = v.iter().position(|b| *b != 0).unwrap_or(v.len());
            zeroize::Zeroizing::new(v[start..].to_vec())
        };
        let below_n = |v: &[u8]| {
            let (v, n) = (value(v), value(n));
            v.len() < n.len() || v.len() == n.len() && *v < *n
        };
        if value(d.expose()).is_empty() || value(e).is_empty() {
            return Err(Error::input("RSA private key: e and d must be non-zero"));
        }
        if !below_n(e) || !below_n(d.expose()) {
            return Err(Error::input(
                "RSA private key is inconsistent: e and d must be smaller than n",
            ));
        }
        let bits = (n.len() * 8) as u32;
        let big = |v: &[u8], w: u32| {
            rsa::BoxedUint::from_be_slice(v, w).map_err(|e| bad("RSA member", format!("{e:?}")))
        };
        rsa::RsaPrivateKey::from_components(
            big(n, bits)?,
            big(e, (e.len() * 8) as u32)?,
            big(d.expose(), bits)?,
            vec![],
        )
        .map_err(|e| bad("RSA private key", e))?
    };
    key.validate()
        .map_err(|_| Error::input("RSA private key is inconsistent: d does not match n and e"))?;
    Ok(key)
}
