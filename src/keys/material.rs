//! Key material: the `Key` enum and the RSA, EC, OKP and secret types it holds, with the
//! one HMAC-key constructor that refuses an empty secret.

use std::fmt;

use zeroize::Zeroizing;

use super::{roca, AkpKey, Ed448Key};
use crate::alg::Curve;
use crate::{Error, Result};

/// Secret bytes (an HMAC key or a private scalar): redacted in `Debug`, zeroized on drop.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(Zeroizing<Vec<u8>>);

impl Secret {
    /// Wrap secret bytes.
    pub fn new(bytes: Vec<u8>) -> Self {
        Secret(Zeroizing::new(bytes))
    }

    /// The bytes.
    pub(crate) fn expose(&self) -> &[u8] {
        &self.0
    }
}

/// So clap can hold `--secret` as a `Secret` from the command line on (zeroized on drop,
/// redacted in `Debug`), never as a plain `String`.
impl std::str::FromStr for Secret {
    type Err = std::convert::Infallible;
    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        Ok(Secret::new(s.as_bytes().to_vec()))
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Secret([REDACTED; {} bytes])", self.0.len())
    }
}

/// An RSA key.
#[derive(Clone, Debug)]
pub enum RsaKey {
    Public(rsa::RsaPublicKey),
    Private(Box<rsa::RsaPrivateKey>),
}

impl RsaKey {
    /// The public half.
    pub(crate) fn public(&self) -> rsa::RsaPublicKey {
        match self {
            RsaKey::Public(k) => k.clone(),
            RsaKey::Private(k) => k.to_public_key(),
        }
    }

    /// Whether the modulus has the ROCA fingerprint (CVE-2017-15361, see `roca`).
    pub(crate) fn has_roca_fingerprint(&self) -> bool {
        use rsa::traits::PublicKeyParts;
        let n = match self {
            RsaKey::Public(k) => k.n().to_be_bytes(),
            RsaKey::Private(k) => k.n().to_be_bytes(),
        };
        roca::has_roca_fingerprint(&n)
    }

    /// Modulus size in bits.
    pub(crate) fn bits(&self) -> usize {
        use rsa::traits::PublicKeyParts;
        match self {
            RsaKey::Public(k) => k.n().bits() as usize,
            RsaKey::Private(k) => k.n().bits() as usize,
        }
    }
}

/// An EC key: the curve, the uncompressed public point (`04 || x || y`, checked to be on the
/// curve), and the private scalar if present (checked to match the point).
#[derive(Clone, Debug)]
pub struct EcKey {
    pub curve: Curve,
    pub point: Vec<u8>,
    pub d: Option<Secret>,
}

impl EcKey {
    /// The x coordinate.
    pub(crate) fn x(&self) -> &[u8] {
        &self.point[1..1 + self.curve.field_len()]
    }

    /// The y coordinate.
    pub(crate) fn y(&self) -> &[u8] {
        &self.point[1 + self.curve.field_len()..]
    }
}

/// An Ed25519 key (OKP): the public key and, if present, the 32-byte seed.
#[derive(Clone, Debug)]
pub struct OkpKey {
    pub x: [u8; 32],
    pub d: Option<Secret>,
}

/// Key material of any kind.
#[derive(Clone, Debug)]
pub enum Key {
    Rsa(RsaKey),
    Ec(EcKey),
    Okp(OkpKey),
    /// An X25519 key (OKP `crv: X25519`, RFC 8037): key agreement only (JWE ECDH-ES).
    X25519(OkpKey),
    /// An Ed448 key (OKP `crv: Ed448`, RFC 8037).
    Ed448(Ed448Key),
    /// An ML-DSA key (`kty: AKP`, RFC 9964).
    Akp(AkpKey),
    Oct(Secret),
}

impl Key {
    /// An HMAC (oct) key: the one constructor every source of a secret goes through
    /// (`--secret`, `--secret-file`, stdin, a JWK `k`, a JWKS member, raw bytes). An empty
    /// key is refused: anyone can compute its MAC (RFC 8725 §3.5), and an unset
    /// `$JWT_SECRET` lands exactly here.
    pub fn hmac(secret: Secret) -> Result<Key> {
        if secret.expose().is_empty() {
            return Err(Error::input("the HMAC secret is empty")
                .with_hint("anyone can compute an empty key's MAC; give the real secret (is the variable or file you passed empty?)"));
        }
        Ok(Key::Oct(secret))
    }
}
