//! The one algorithm table of the crate: every JWS algorithm jot knows, its family, hash,
//! curve and key requirements. Everything else asks this table instead of matching names.

use std::fmt;

// The JWE algorithms: a separate table in the same module (see `alg/jwe.rs`).
mod jwe;
pub use jwe::{Enc, KeyAlg, KeyAlgFamily, RsaPad};

/// A JWS signature algorithm (RFC 7518, RFC 8037, RFC 8812). `none` is deliberately absent:
/// it cannot be represented, so it can never be selected.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[allow(clippy::upper_case_acronyms)]
pub enum Alg {
    HS256,
    HS384,
    HS512,
    RS256,
    RS384,
    RS512,
    PS256,
    PS384,
    PS512,
    ES256,
    ES384,
    ES512,
    ES256K,
    EdDSA,
}

/// The hash function an algorithm uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Hash {
    Sha256,
    Sha384,
    Sha512,
}

// The SHA-2 initial hash values, for the code that runs the compression function itself
// (prepared HMAC states in verify, the cracking kernels).
/// FIPS 180-4 §5.3.3: the SHA-256 initial hash value.
pub(crate) const IV256: [u32; 8] = [
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];
/// FIPS 180-4 §5.3.4: the SHA-384 initial hash value.
pub(crate) const IV384: [u64; 8] = [
    0xcbbb9d5dc1059ed8,
    0x629a292a367cd507,
    0x9159015a3070dd17,
    0x152fecd8f70e5939,
    0x67332667ffc00b31,
    0x8eb44a8768581511,
    0xdb0c2e0d64f98fa7,
    0x47b5481dbefa4fa4,
];
/// FIPS 180-4 §5.3.5: the SHA-512 initial hash value.
pub(crate) const IV512: [u64; 8] = [
    0x6a09e667f3bcc908,
    0xbb67ae8584caa73b,
    0x3c6ef372fe94f82b,
    0xa54ff53a5f1d36f1,
    0x510e527fade682d1,
    0x9b05688c2b3e6c1f,
    0x1f83d9abfb41bd6b,
    0x5be0cd19137e2179,
];

impl Hash {
    /// Output length in bytes (also the minimum HMAC key length of RFC 7518 §3.2).
    pub fn output_len(self) -> usize {
        match self {
            Hash::Sha256 => 32,
            Hash::Sha384 => 48,
            Hash::Sha512 => 64,
        }
    }

    /// Block length in bytes; longer HMAC keys are hashed first (RFC 2104).
    pub(crate) fn block_len(self) -> usize {
        match self {
            Hash::Sha256 => 64,
            Hash::Sha384 | Hash::Sha512 => 128,
        }
    }

    /// The HMAC algorithm over this hash: HS256, HS384 or HS512.
    pub fn hmac_alg(self) -> Alg {
        match self {
            Hash::Sha256 => Alg::HS256,
            Hash::Sha384 => Alg::HS384,
            Hash::Sha512 => Alg::HS512,
        }
    }

    /// Digest `data`.
    pub fn digest(self, data: &[u8]) -> Vec<u8> {
        use sha2::Digest;
        match self {
            Hash::Sha256 => sha2::Sha256::digest(data).to_vec(),
            Hash::Sha384 => sha2::Sha384::digest(data).to_vec(),
            Hash::Sha512 => sha2::Sha512::digest(data).to_vec(),
        }
    }

    /// Digest `data`, as lowercase hex.
    pub fn hex_digest(self, data: &[u8]) -> String {
        crate::hex::encode(&self.digest(data))
    }

    /// HMAC of `msg` under `key` (the `hmac` crate: the reference every fast kernel matches).
    pub fn hmac(self, key: &[u8], msg: &[u8]) -> Vec<u8> {
        use hmac::{KeyInit, Mac};
        macro_rules! tag {
            ($h:ty) => {
                <hmac::Hmac<$h> as KeyInit>::new_from_slice(key)
                    .map(|m| m.chain_update(msg).finalize().into_bytes().to_vec())
                    // HMAC takes keys of any length: the error arm cannot happen.
                    .unwrap_or_default()
            };
        }
        match self {
            Hash::Sha256 => tag!(sha2::Sha256),
            Hash::Sha384 => tag!(sha2::Sha384),
            Hash::Sha512 => tag!(sha2::Sha512),
        }
    }
}

/// A named curve used by EC (`crv` P-256 …) or OKP (`crv` Ed25519) keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Curve {
    P256,
    P384,
    P521,
    Secp256k1,
    Ed25519,
}

impl Curve {
    /// The JWK `crv` name.
    pub fn name(self) -> &'static str {
        match self {
            Curve::P256 => "P-256",
            Curve::P384 => "P-384",
            Curve::P521 => "P-521",
            Curve::Secp256k1 => "secp256k1",
            Curve::Ed25519 => "Ed25519",
        }
    }

    /// Parse a JWK `crv` name.
    pub fn from_name(s: &str) -> Option<Curve> {
        [
            Curve::P256,
            Curve::P384,
            Curve::P521,
            Curve::Secp256k1,
            Curve::Ed25519,
        ]
        .into_iter()
        .find(|c| c.name() == s)
    }

    /// Size in bytes of one coordinate or scalar (and of r and s in a JWS signature).
    pub fn field_len(self) -> usize {
        match self {
            Curve::P256 | Curve::Secp256k1 | Curve::Ed25519 => 32,
            Curve::P384 => 48,
            Curve::P521 => 66,
        }
    }
}

/// The family of an algorithm: which kind of key it needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Family {
    /// HMAC with an `oct` key.
    Hmac,
    /// RSASSA-PKCS1-v1_5 with an RSA key.
    RsaPkcs1,
    /// RSASSA-PSS with an RSA key.
    RsaPss,
    /// ECDSA with an EC key on the given curve.
    Ecdsa(Curve),
    /// EdDSA with an OKP key.
    EdDsa,
}

struct Row {
    alg: Alg,
    name: &'static str,
    family: Family,
    hash: Hash,
}

const TABLE: &[Row] = &[
    Row {
        alg: Alg::HS256,
        name: "HS256",
        family: Family::Hmac,
        hash: Hash::Sha256,
    },
    Row {
        alg: Alg::HS384,
        name: "HS384",
        family: Family::Hmac,
        hash: Hash::Sha384,
    },
    Row {
        alg: Alg::HS512,
        name: "HS512",
        family: Family::Hmac,
        hash: Hash::Sha512,
    },
    Row {
        alg: Alg::RS256,
        name: "RS256",
        family: Family::RsaPkcs1,
        hash: Hash::Sha256,
    },
    Row {
        alg: Alg::RS384,
        name: "RS384",
        family: Family::RsaPkcs1,
        hash: Hash::Sha384,
    },
    Row {
        alg: Alg::RS512,
        name: "RS512",
        family: Family::RsaPkcs1,
        hash: Hash::Sha512,
    },
    Row {
        alg: Alg::PS256,
        name: "PS256",
        family: Family::RsaPss,
        hash: Hash::Sha256,
    },
    Row {
        alg: Alg::PS384,
        name: "PS384",
        family: Family::RsaPss,
        hash: Hash::Sha384,
    },
    Row {
        alg: Alg::PS512,
        name: "PS512",
        family: Family::RsaPss,
        hash: Hash::Sha512,
    },
    Row {
        alg: Alg::ES256,
        name: "ES256",
        family: Family::Ecdsa(Curve::P256),
        hash: Hash::Sha256,
    },
    Row {
        alg: Alg::ES384,
        name: "ES384",
        family: Family::Ecdsa(Curve::P384),
        hash: Hash::Sha384,
    },
    Row {
        alg: Alg::ES512,
        name: "ES512",
        family: Family::Ecdsa(Curve::P521),
        hash: Hash::Sha512,
    },
    Row {
        alg: Alg::ES256K,
        name: "ES256K",
        family: Family::Ecdsa(Curve::Secp256k1),
        hash: Hash::Sha256,
    },
    // EdDSA hashes internally (SHA-512); the hash column is not used for signing.
    Row {
        alg: Alg::EdDSA,
        name: "EdDSA",
        family: Family::EdDsa,
        hash: Hash::Sha512,
    },
];

impl Alg {
    /// Every algorithm, in table order.
    pub fn all() -> impl Iterator<Item = Alg> {
        TABLE.iter().map(|r| r.alg)
    }

    fn row(self) -> &'static Row {
        // The table lists every variant once, in declaration order.
        &TABLE[self as usize]
    }

    /// Parse an exact, case-sensitive JWS `alg` name. `none` (any spelling) is `None`.
    pub fn from_name(s: &str) -> Option<Alg> {
        TABLE.iter().find(|r| r.name == s).map(|r| r.alg)
    }

    /// The registered name.
    pub fn name(self) -> &'static str {
        self.row().name
    }

    /// The key family this algorithm needs.
    pub fn family(self) -> Family {
        self.row().family
    }

    /// The hash function.
    pub fn hash(self) -> Hash {
        self.row().hash
    }

    /// The ECDSA algorithm of a curve (ES256 for P-256, ES256K for secp256k1…), from the
    /// table; `None` for a curve no ECDSA row uses (Ed25519).
    pub fn ecdsa_for(curve: Curve) -> Option<Alg> {
        TABLE
            .iter()
            .find(|r| r.family == Family::Ecdsa(curve))
            .map(|r| r.alg)
    }

    /// True for the HMAC algorithms, whose verifiers can also forge.
    pub fn is_symmetric(self) -> bool {
        self.family() == Family::Hmac
    }
}

impl fmt::Display for Alg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The names of every algorithm, for help texts and errors.
pub fn names() -> Vec<&'static str> {
    TABLE.iter().map(|r| r.name).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_order_matches_enum() {
        for (i, r) in TABLE.iter().enumerate() {
            assert_eq!(r.alg as usize, i, "{} out of place", r.name);
            assert_eq!(Alg::from_name(r.name), Some(r.alg));
        }
    }

    #[test]
    fn each_ec_curve_has_its_one_ecdsa_alg_in_the_table() {
        assert_eq!(Alg::ecdsa_for(Curve::P256), Some(Alg::ES256));
        assert_eq!(Alg::ecdsa_for(Curve::P384), Some(Alg::ES384));
        assert_eq!(Alg::ecdsa_for(Curve::P521), Some(Alg::ES512));
        assert_eq!(Alg::ecdsa_for(Curve::Secp256k1), Some(Alg::ES256K));
        assert_eq!(Alg::ecdsa_for(Curve::Ed25519), None);
    }

    #[test]
    fn none_cannot_be_parsed_in_any_spelling() {
        for s in ["none", "None", "NONE", "nOnE", "", "hs256"] {
            assert_eq!(Alg::from_name(s), None, "{s}");
        }
    }
}
