//! The JWE half of the algorithm table (RFC 7516, RFC 7518 §4-§5): key-management
//! algorithms and content encryption, with the key sizes each needs. A separate table from
//! the JWS one, so no JWS code path can ever select a JWE name and vice versa.

use std::fmt;

use super::Hash;

/// How a JWE's content key is managed (RFC 7518 §4, RFC 8037 for X25519).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyAlg {
    /// RSAES-PKCS1-v1_5: padding-oracle prone; decryption only, behind a flag.
    Rsa1_5,
    RsaOaep,
    RsaOaep256,
    A128Kw,
    A192Kw,
    A256Kw,
    Dir,
    EcdhEs,
    EcdhEsA128Kw,
    EcdhEsA192Kw,
    EcdhEsA256Kw,
    A128GcmKw,
    A192GcmKw,
    A256GcmKw,
    Pbes2Hs256A128Kw,
    Pbes2Hs384A192Kw,
    Pbes2Hs512A256Kw,
}

/// The padding of an RSA key-encryption algorithm.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RsaPad {
    /// RSAES-PKCS1-v1_5.
    Pkcs1,
    /// RSAES-OAEP with SHA-1 and MGF1-SHA-1.
    OaepSha1,
    /// RSAES-OAEP with SHA-256 and MGF1-SHA-256.
    OaepSha256,
}

/// The kind of key a [`KeyAlg`] needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyAlgFamily {
    /// RSA encryption with this padding.
    Rsa(RsaPad),
    /// AES key wrap (RFC 3394) with an oct key of this many bytes.
    AesKw(usize),
    /// The oct key is the content key.
    Dir,
    /// ECDH-ES; `Some(n)` wraps with an n-byte AES-KW key, `None` derives the CEK directly.
    EcdhEs(Option<usize>),
    /// AES-GCM key wrap with an oct key of this many bytes.
    AesGcmKw(usize),
    /// PBES2 with this HMAC hash, then AES-KW with a key of this many bytes.
    Pbes2(Hash, usize),
}

const KEY_ALGS: &[(KeyAlg, &str, KeyAlgFamily)] = &[
    (KeyAlg::Rsa1_5, "RSA1_5", KeyAlgFamily::Rsa(RsaPad::Pkcs1)),
    (
        KeyAlg::RsaOaep,
        "RSA-OAEP",
        KeyAlgFamily::Rsa(RsaPad::OaepSha1),
    ),
    (
        KeyAlg::RsaOaep256,
        "RSA-OAEP-256",
        KeyAlgFamily::Rsa(RsaPad::OaepSha256),
    ),
    (KeyAlg::A128Kw, "A128KW", KeyAlgFamily::AesKw(16)),
    (KeyAlg::A192Kw, "A192KW", KeyAlgFamily::AesKw(24)),
    (KeyAlg::A256Kw, "A256KW", KeyAlgFamily::AesKw(32)),
    (KeyAlg::Dir, "dir", KeyAlgFamily::Dir),
    (KeyAlg::EcdhEs, "ECDH-ES", KeyAlgFamily::EcdhEs(None)),
    (
        KeyAlg::EcdhEsA128Kw,
        "ECDH-ES+A128KW",
        KeyAlgFamily::EcdhEs(Some(16)),
    ),
    (
        KeyAlg::EcdhEsA192Kw,
        "ECDH-ES+A192KW",
        KeyAlgFamily::EcdhEs(Some(24)),
    ),
    (
        KeyAlg::EcdhEsA256Kw,
        "ECDH-ES+A256KW",
        KeyAlgFamily::EcdhEs(Some(32)),
    ),
    (KeyAlg::A128GcmKw, "A128GCMKW", KeyAlgFamily::AesGcmKw(16)),
    (KeyAlg::A192GcmKw, "A192GCMKW", KeyAlgFamily::AesGcmKw(24)),
    (KeyAlg::A256GcmKw, "A256GCMKW", KeyAlgFamily::AesGcmKw(32)),
    (
        KeyAlg::Pbes2Hs256A128Kw,
        "PBES2-HS256+A128KW",
        KeyAlgFamily::Pbes2(Hash::Sha256, 16),
    ),
    (
        KeyAlg::Pbes2Hs384A192Kw,
        "PBES2-HS384+A192KW",
        KeyAlgFamily::Pbes2(Hash::Sha384, 24),
    ),
    (
        KeyAlg::Pbes2Hs512A256Kw,
        "PBES2-HS512+A256KW",
        KeyAlgFamily::Pbes2(Hash::Sha512, 32),
    ),
];

impl KeyAlg {
    /// Every key-management algorithm, in table order.
    pub(crate) fn all() -> impl Iterator<Item = KeyAlg> {
        KEY_ALGS.iter().map(|r| r.0)
    }

    /// Parse an exact, case-sensitive JWE `alg` name.
    pub(crate) fn from_name(s: &str) -> Option<KeyAlg> {
        KEY_ALGS.iter().find(|r| r.1 == s).map(|r| r.0)
    }

    /// [`KeyAlg::from_name`] for a flag's value: a usage error listing the names.
    pub(crate) fn parse(s: &str) -> crate::Result<KeyAlg> {
        KeyAlg::from_name(s).ok_or_else(|| {
            let names: Vec<&str> = KeyAlg::all().map(|a| a.name()).collect();
            crate::Error::usage(format!("unknown JWE alg {s:?}"))
                .with_hint(format!("expected one of: {}", names.join(", ")))
        })
    }

    /// The registered name.
    pub fn name(self) -> &'static str {
        KEY_ALGS[self as usize].1
    }

    /// The kind of key it needs.
    pub(crate) fn family(self) -> KeyAlgFamily {
        KEY_ALGS[self as usize].2
    }
}

impl fmt::Display for KeyAlg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A JWE content-encryption algorithm (RFC 7518 §5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Enc {
    A128CbcHs256,
    A192CbcHs384,
    A256CbcHs512,
    A128Gcm,
    A192Gcm,
    A256Gcm,
}

const ENCS: &[(Enc, &str)] = &[
    (Enc::A128CbcHs256, "A128CBC-HS256"),
    (Enc::A192CbcHs384, "A192CBC-HS384"),
    (Enc::A256CbcHs512, "A256CBC-HS512"),
    (Enc::A128Gcm, "A128GCM"),
    (Enc::A192Gcm, "A192GCM"),
    (Enc::A256Gcm, "A256GCM"),
];

impl Enc {
    /// Every content-encryption algorithm, in table order.
    pub(crate) fn all() -> impl Iterator<Item = Enc> {
        ENCS.iter().map(|r| r.0)
    }

    /// Parse an exact, case-sensitive `enc` name.
    pub fn from_name(s: &str) -> Option<Enc> {
        ENCS.iter().find(|r| r.1 == s).map(|r| r.0)
    }

    /// [`Enc::from_name`] for a flag's value: a usage error listing the names.
    pub(crate) fn parse(s: &str) -> crate::Result<Enc> {
        Enc::from_name(s).ok_or_else(|| {
            let names: Vec<&str> = Enc::all().map(|a| a.name()).collect();
            crate::Error::usage(format!("unknown JWE enc {s:?}"))
                .with_hint(format!("expected one of: {}", names.join(", ")))
        })
    }

    /// The registered name.
    pub fn name(self) -> &'static str {
        ENCS[self as usize].1
    }

    /// The content key length in bytes (for CBC-HMAC: MAC key and AES key together).
    pub(crate) fn cek_len(self) -> usize {
        match self {
            Enc::A128Gcm => 16,
            Enc::A192Gcm => 24,
            Enc::A256Gcm | Enc::A128CbcHs256 => 32,
            Enc::A192CbcHs384 => 48,
            Enc::A256CbcHs512 => 64,
        }
    }

    /// The IV length in bytes: 96 bits for GCM, one AES block for CBC.
    pub(crate) fn iv_len(self) -> usize {
        if self.is_gcm() {
            12
        } else {
            16
        }
    }

    /// The tag length in bytes: 16 for GCM, half the HMAC output for CBC-HMAC.
    pub(crate) fn tag_len(self) -> usize {
        match self.cbc_hash() {
            Some(h) => h.output_len() / 2,
            None => 16,
        }
    }

    /// True for AES-GCM.
    pub(crate) fn is_gcm(self) -> bool {
        self.cbc_hash().is_none()
    }

    /// The HMAC hash of an `A*CBC-HS*` algorithm.
    pub(crate) fn cbc_hash(self) -> Option<Hash> {
        match self {
            Enc::A128CbcHs256 => Some(Hash::Sha256),
            Enc::A192CbcHs384 => Some(Hash::Sha384),
            Enc::A256CbcHs512 => Some(Hash::Sha512),
            _ => None,
        }
    }
}

impl fmt::Display for Enc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alg::Alg;

    #[test]
    fn jwe_tables_order_matches_enums() {
        for (i, r) in KEY_ALGS.iter().enumerate() {
            assert_eq!(r.0 as usize, i, "{} out of place", r.1);
            assert_eq!(KeyAlg::from_name(r.1), Some(r.0));
        }
        for (i, r) in ENCS.iter().enumerate() {
            assert_eq!(r.0 as usize, i, "{} out of place", r.1);
            assert_eq!(Enc::from_name(r.1), Some(r.0));
        }
        assert_eq!(Alg::from_name("RSA-OAEP"), None);
        assert_eq!(KeyAlg::from_name("RS256"), None);
    }
}
