//! The one algorithm table of the crate: every JWS algorithm jot knows, its family, hash,
//! curve and key requirements. Everything else asks this table instead of matching names.

use std::fmt;

// The JWE algorithms: a separate table in the same module (see `alg/jwe.rs`).
mod jwe;
pub use jwe::{Enc, KeyAlg, KeyAlgFamily, RsaPad};
// The ML-DSA parameter sets (RFC 9964) and their sizes.
mod mldsa;
pub use mldsa::MlDsa;
// The named curves of EC and OKP keys.
mod curve;
pub use curve::Curve;

/// A JWS signature algorithm (RFC 7518, RFC 8037, RFC 8812, RFC 9864, RFC 9964). `none` is
/// deliberately absent:
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
    /// RFC 9864: EdDSA on Ed25519 only (the fully-specified name).
    Ed25519,
    /// RFC 9864: EdDSA on Ed448 only.
    Ed448,
    /// RFC 9964: ML-DSA-44 (FIPS 204), empty context string.
    #[allow(non_camel_case_types)]
    ML_DSA_44,
    /// RFC 9964: ML-DSA-65.
    #[allow(non_camel_case_types)]
    ML_DSA_65,
    /// RFC 9964: ML-DSA-87.
    #[allow(non_camel_case_types)]
    ML_DSA_87,
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
    pub(crate) fn output_len(self) -> usize {
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
    pub(crate) fn digest(self, data: &[u8]) -> Vec<u8> {
        use sha2::Digest;
        match self {
            Hash::Sha256 => sha2::Sha256::digest(data).to_vec(),
            Hash::Sha384 => sha2::Sha384::digest(data).to_vec(),
            Hash::Sha512 => sha2::Sha512::digest(data).to_vec(),
        }
    }

    /// Digest `data`, as lowercase hex.
    pub(crate) fn hex_digest(self, data: &[u8]) -> String {
        crate::hex::encode(&self.digest(data))
    }

    /// HMAC of `msg` under `key` (the `hmac` crate: the reference every fast kernel matches).
    pub(crate) fn hmac(self, key: &[u8], msg: &[u8]) -> Vec<u8> {
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

/// The family of an algorithm: which kind of key it needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Family {
    /// HMAC with an `oct` key.
    Hmac,
    /// RSASSA-PKCS1-v1_5 with an RSA key.
    RsaPkcs1,
    /// RSASSA-PSS with an RSA key.
    RsaPss,
    /// ECDSA with an EC key on the given curve.
    Ecdsa(Curve),
    /// EdDSA with an OKP key on an Edwards curve: any (`EdDSA`, RFC 8037) or the one its
    /// fully-specified name pins (`Ed25519`, `Ed448`, RFC 9864; see [`Alg::edwards_curve`]).
    EdDsa,
    /// ML-DSA with an AKP key of the same parameter set (RFC 9964).
    MlDsa(MlDsa),
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
    Row {
        alg: Alg::Ed25519,
        name: "Ed25519",
        family: Family::EdDsa,
        hash: Hash::Sha512,
    },
    // Ed448 hashes with SHAKE256 internally; the hash column is not used.
    Row {
        alg: Alg::Ed448,
        name: "Ed448",
        family: Family::EdDsa,
        hash: Hash::Sha512,
    },
    // ML-DSA hashes with SHAKE internally; the hash column is not used.
    Row {
        alg: Alg::ML_DSA_44,
        name: "ML-DSA-44",
        family: Family::MlDsa(MlDsa::L44),
        hash: Hash::Sha512,
    },
    Row {
        alg: Alg::ML_DSA_65,
        name: "ML-DSA-65",
        family: Family::MlDsa(MlDsa::L65),
        hash: Hash::Sha512,
    },
    Row {
        alg: Alg::ML_DSA_87,
        name: "ML-DSA-87",
        family: Family::MlDsa(MlDsa::L87),
        hash: Hash::Sha512,
    },
];

impl Alg {
    /// Every algorithm, in table order.
    pub(crate) fn all() -> impl Iterator<Item = Alg> {
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
    pub(crate) fn family(self) -> Family {
        self.row().family
    }

    /// The hash function.
    pub(crate) fn hash(self) -> Hash {
        self.row().hash
    }

    /// The ECDSA algorithm of a curve (ES256 for P-256, ES256K for secp256k1…), from the
    /// table; `None` for a curve no ECDSA row uses (Ed25519).
    pub(crate) fn ecdsa_for(curve: Curve) -> Option<Alg> {
        TABLE
            .iter()
            .find(|r| r.family == Family::Ecdsa(curve))
            .map(|r| r.alg)
    }

    /// The one Edwards curve a fully-specified EdDSA name pins (RFC 9864): Ed25519 for
    /// `Ed25519`, Ed448 for `Ed448`; `None` for the polymorphic `EdDSA` and every other alg.
    pub(crate) fn edwards_curve(self) -> Option<Curve> {
        match self {
            Alg::Ed25519 => Some(Curve::Ed25519),
            Alg::Ed448 => Some(Curve::Ed448),
            _ => None,
        }
    }

    /// Whether two names are one EdDSA algorithm: `EdDSA` (RFC 8037) and a fully-specified
    /// `Ed25519`/`Ed448` (RFC 9864) name the same signatures on a key of that curve, so a
    /// key restricted to one also takes the other. The caller checks the key's curve
    /// (`Jwk::fits`): `Ed25519` and `Ed448` never stand for each other.
    pub(crate) fn same_eddsa(self, other: Alg) -> bool {
        self.family() == Family::EdDsa
            && other.family() == Family::EdDsa
            && (self == Alg::EdDSA || other == Alg::EdDSA || self == other)
    }

    /// True for `EdDSA`, deprecated by RFC 9864 §4 in favour of `Ed25519` and `Ed448`.
    pub(crate) fn is_deprecated(self) -> bool {
        self == Alg::EdDSA
    }

    /// True for the HMAC algorithms, whose verifiers can also forge.
    pub(crate) fn is_symmetric(self) -> bool {
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
mod tests;
