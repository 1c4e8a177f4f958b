//! The named curves of EC (`crv` P-256 …) and OKP (`crv` Ed25519, Ed448) keys, with the
//! sizes the key readers check.

/// A named curve used by EC (`crv` P-256 …) or OKP (`crv` Ed25519, Ed448) keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Curve {
    P256,
    P384,
    P521,
    Secp256k1,
    Ed25519,
    Ed448,
}

impl Curve {
    /// The JWK `crv` name.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Curve::P256 => "P-256",
            Curve::P384 => "P-384",
            Curve::P521 => "P-521",
            Curve::Secp256k1 => "secp256k1",
            Curve::Ed25519 => "Ed25519",
            Curve::Ed448 => "Ed448",
        }
    }

    /// Parse a JWK `crv` name.
    pub(crate) fn from_name(s: &str) -> Option<Curve> {
        [
            Curve::P256,
            Curve::P384,
            Curve::P521,
            Curve::Secp256k1,
            Curve::Ed25519,
            Curve::Ed448,
        ]
        .into_iter()
        .find(|c| c.name() == s)
    }

    /// Size in bytes of one coordinate or scalar (and of r and s in a JWS signature).
    pub(crate) fn field_len(self) -> usize {
        match self {
            Curve::P256 | Curve::Secp256k1 | Curve::Ed25519 => 32,
            Curve::P384 => 48,
            Curve::P521 => 66,
            // RFC 8032 §5.2: 57-byte public keys and seeds.
            Curve::Ed448 => 57,
        }
    }

    /// True for the Edwards curves of OKP signing keys (Ed25519, Ed448).
    pub(crate) fn is_edwards(self) -> bool {
        matches!(self, Curve::Ed25519 | Curve::Ed448)
    }
}
