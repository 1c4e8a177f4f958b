//! The ML-DSA parameter sets of RFC 9964's JWS algorithms: their sizes (FIPS 204 Table 2)
//! and PKCS#8/SPKI OIDs, beside the one algorithm table that names them.

use super::Alg;

/// An ML-DSA parameter set (FIPS 204 §4): its sizes, for the AKP keys of RFC 9964.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MlDsa {
    L44,
    L65,
    L87,
}

impl MlDsa {
    /// The JWS algorithm of this parameter set.
    pub fn alg(self) -> Alg {
        match self {
            MlDsa::L44 => Alg::ML_DSA_44,
            MlDsa::L65 => Alg::ML_DSA_65,
            MlDsa::L87 => Alg::ML_DSA_87,
        }
    }

    /// FIPS 204 Table 2: the encoded public key size in bytes.
    pub(crate) fn public_len(self) -> usize {
        match self {
            MlDsa::L44 => 1312,
            MlDsa::L65 => 1952,
            MlDsa::L87 => 2592,
        }
    }

    /// FIPS 204 Table 2: the signature size in bytes.
    pub(crate) fn signature_len(self) -> usize {
        match self {
            MlDsa::L44 => 2420,
            MlDsa::L65 => 3309,
            MlDsa::L87 => 4627,
        }
    }

    /// The PKCS#8/SPKI algorithm OID (NIST CSOR, RFC 9881): 2.16.840.1.101.3.4.3.17/18/19.
    pub(crate) fn oid(self) -> &'static str {
        match self {
            MlDsa::L44 => "2.16.840.1.101.3.4.3.17",
            MlDsa::L65 => "2.16.840.1.101.3.4.3.18",
            MlDsa::L87 => "2.16.840.1.101.3.4.3.19",
        }
    }

    /// Every parameter set.
    pub fn all() -> [MlDsa; 3] {
        [MlDsa::L44, MlDsa::L65, MlDsa::L87]
    }
}
