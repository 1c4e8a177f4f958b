//! ML-DSA keys (JWK `kty` `AKP`, RFC 9964): the parameter set, the encoded public key and
//! the 32-byte seed (`priv`), their JWK members, PKCS#8/SPKI DER (RFC 9881, seed form), key
//! generation, and signing and verification with the empty context string. One
//! implementation (RustCrypto `ml-dsa`) serves every build, with or without aws-lc.

use der::{Decode, Encode};
use ml_dsa::signature::Keypair;
use ml_dsa::{MlDsa44, MlDsa65, MlDsa87};
use pkcs8::ObjectIdentifier;
use serde_json::{Map, Value};

use super::Secret;
use crate::alg::{Alg, Family, MlDsa};
use crate::{b64, Error, Result};

/// An ML-DSA key: its parameter set, the FIPS 204 encoded public key and, when private, the
/// 32-byte seed ξ it derives from (checked to derive `public`).
#[derive(Clone, Debug)]
pub struct AkpKey {
    pub set: MlDsa,
    pub public: Vec<u8>,
    pub seed: Option<Secret>,
}

/// Run `$body` with `$p` the `ml-dsa` parameter type of `$set`.
macro_rules! with_set {
    ($set:expr, $p:ident => $body:expr) => {
        match $set {
            MlDsa::L44 => {
                type $p = MlDsa44;
                $body
            }
            MlDsa::L65 => {
                type $p = MlDsa65;
                $body
            }
            MlDsa::L87 => {
                type $p = MlDsa87;
                $body
            }
        }
    };
}

/// The ML-DSA parameter set of a JWS algorithm name (an AKP key's required `alg`).
fn set_of_alg(name: &str) -> Option<MlDsa> {
    match Alg::from_name(name)?.family() {
        Family::MlDsa(s) => Some(s),
        _ => None,
    }
}

/// The parameter set of a PKCS#8/SPKI algorithm OID, if it is an ML-DSA one.
pub(super) fn set_of_oid(oid: &ObjectIdentifier) -> Option<MlDsa> {
    let s = oid.to_string();
    MlDsa::all().into_iter().find(|m| m.oid() == s)
}

/// The encoded public key that `seed` derives for `set`.
fn derive_public(set: MlDsa, seed: &[u8]) -> Result<Vec<u8>> {
    let seed = ml_dsa::B32::try_from(seed).map_err(|_| {
        Error::input(format!(
            "{} private key \"priv\" must be the 32-byte seed (RFC 9964), not {} bytes",
            set.alg(),
            seed.len()
        ))
    })?;
    Ok(with_set!(set, P => {
        let sk = ml_dsa::SigningKey::<P>::from_seed(&seed);
        sk.verifying_key().encode().to_vec()
    }))
}

impl AkpKey {
    /// A key from its parts: `public` must have the set's size, and `seed` (if any) must
    /// derive exactly `public`.
    pub(crate) fn new(set: MlDsa, public: Vec<u8>, seed: Option<Secret>) -> Result<AkpKey> {
        if public.len() != set.public_len() {
            return Err(Error::input(format!(
                "{} public key \"pub\" must be {} bytes, not {}",
                set.alg(),
                set.public_len(),
                public.len()
            )));
        }
        if let Some(s) = &seed {
            if derive_public(set, s.expose())? != public {
                return Err(Error::input(format!(
                    "{} private key \"priv\" does not derive \"pub\" (another key's seed?)",
                    set.alg()
                )));
            }
        }
        Ok(AkpKey { set, public, seed })
    }

    /// The private key of a seed.
    pub(crate) fn from_seed(set: MlDsa, seed: Secret) -> Result<AkpKey> {
        let public = derive_public(set, seed.expose())?;
        Ok(AkpKey {
            set,
            public,
            seed: Some(seed),
        })
    }

    /// A fresh private key from the system's randomness.
    pub fn generate(set: MlDsa) -> Result<AkpKey> {
        let mut seed = vec![0u8; 32];
        getrandom::fill(&mut seed).map_err(|e| Error::input(format!("no randomness: {e}")))?;
        AkpKey::from_seed(set, Secret::new(seed))
    }

    /// Sign `msg` (hedged ML-DSA.Sign, FIPS 204 Algorithm 2) with the empty context string
    /// RFC 9964 §3 prescribes.
    pub(crate) fn sign(&self, msg: &[u8]) -> Result<Vec<u8>> {
        let seed = self.seed.as_ref().ok_or_else(super::crypto::need_private)?;
        let seed = ml_dsa::B32::try_from(seed.expose())
            .map_err(|_| Error::input("ML-DSA seed must be 32 bytes"))?;
        let mut rng = getrandom::SysRng;
        with_set!(self.set, P => {
            let sk = ml_dsa::SigningKey::<P>::from_seed(&seed);
            sk.expanded_key()
                .sign_randomized(msg, &[], &mut rng)
                .map(|s| s.encode().to_vec())
                .map_err(|e| Error::input(format!("ML-DSA signing failed: {e}")))
        })
    }

    /// Whether `sig` is a valid signature of `msg` with the empty context string. A
    /// signature of the wrong length, or one that does not decode, is simply invalid.
    pub(crate) fn verify(&self, msg: &[u8], sig: &[u8]) -> bool {
        self.prepare().verify(msg, sig)
    }

    /// The public key decoded once (its matrix Â expanded) for many verifications.
    pub(crate) fn prepare(&self) -> PreparedAkp {
        fn decode<P: ml_dsa::MlDsaParams>(public: &[u8]) -> Option<ml_dsa::VerifyingKey<P>> {
            let pk = ml_dsa::EncodedVerifyingKey::<P>::try_from(public).ok()?;
            Some(ml_dsa::VerifyingKey::<P>::decode(&pk))
        }
        let p = &self.public;
        match self.set {
            MlDsa::L44 => decode(p).map(PreparedAkp::L44),
            MlDsa::L65 => decode(p).map(PreparedAkp::L65),
            MlDsa::L87 => decode(p).map(PreparedAkp::L87),
        }
        .unwrap_or(PreparedAkp::Invalid)
    }

    /// The PKCS#8 DER of the private key, seed form (RFC 9881 §6: `seed [0] IMPLICIT`).
    pub(crate) fn to_pkcs8_der(&self) -> Result<zeroize::Zeroizing<Vec<u8>>> {
        let seed = self.seed.as_ref().ok_or_else(super::crypto::need_private)?;
        let mut inner = zeroize::Zeroizing::new(vec![0x80, 32]);
        inner.extend_from_slice(seed.expose());
        let info = pkcs8::PrivateKeyInfoRef::new(
            algorithm_identifier(self.set),
            der::asn1::OctetStringRef::new(&inner).map_err(|e| der_err("PKCS#8", e))?,
        );
        info.to_der()
            .map(zeroize::Zeroizing::new)
            .map_err(|e| der_err("PKCS#8", e))
    }

    /// The SubjectPublicKeyInfo DER of the public key.
    pub(crate) fn to_spki_der(&self) -> Result<Vec<u8>> {
        let info = spki::SubjectPublicKeyInfoRef {
            algorithm: algorithm_identifier(self.set),
            subject_public_key: der::asn1::BitStringRef::from_bytes(&self.public)
                .map_err(|e| der_err("SPKI", e))?,
        };
        info.to_der().map_err(|e| der_err("SPKI", e))
    }
}

/// An ML-DSA public key decoded for verification (see [`AkpKey::prepare`]).
pub(crate) enum PreparedAkp {
    L44(ml_dsa::VerifyingKey<MlDsa44>),
    L65(ml_dsa::VerifyingKey<MlDsa65>),
    L87(ml_dsa::VerifyingKey<MlDsa87>),
    /// A public key of the wrong size: verifies nothing.
    Invalid,
}

impl PreparedAkp {
    /// Whether `sig` is a valid signature of `msg` with the empty context string.
    pub(crate) fn verify(&self, msg: &[u8], sig: &[u8]) -> bool {
        fn check<P: ml_dsa::MlDsaParams>(k: &ml_dsa::VerifyingKey<P>, m: &[u8], s: &[u8]) -> bool {
            ml_dsa::Signature::<P>::try_from(s).is_ok_and(|s| k.verify_with_context(m, &[], &s))
        }
        match self {
            PreparedAkp::L44(k) => check(k, msg, sig),
            PreparedAkp::L65(k) => check(k, msg, sig),
            PreparedAkp::L87(k) => check(k, msg, sig),
            PreparedAkp::Invalid => false,
        }
    }
}

fn der_err(what: &str, e: impl std::fmt::Display) -> Error {
    Error::input(format!("cannot encode the ML-DSA key as {what}: {e}"))
}

/// RFC 9881 §2: the OID alone, parameters absent.
fn algorithm_identifier(set: MlDsa) -> spki::AlgorithmIdentifierRef<'static> {
    spki::AlgorithmIdentifierRef {
        oid: ObjectIdentifier::new_unwrap(set.oid()),
        parameters: None,
    }
}

/// The key of a PKCS#8 `privateKey` octet string (RFC 9881 §6): the seed form, or the
/// both form whose expanded key must be the seed's. The expanded-only form is refused: it
/// has no seed to write as `priv`.
pub(super) fn from_pkcs8_private(set: MlDsa, params: bool, private: &[u8]) -> Result<AkpKey> {
    let bad = |why: &str| Error::input(format!("malformed {} PKCS#8 key: {why}", set.alg()));
    if params {
        return Err(bad("the algorithm parameters must be absent"));
    }
    match private.first() {
        Some(0x80) => {
            if private.len() != 34 || private[1] != 32 {
                return Err(bad("the seed must be 32 bytes"));
            }
            AkpKey::from_seed(set, Secret::new(private[2..].to_vec()))
        }
        Some(0x30) => {
            use der::Reader;
            let mut r = der::SliceReader::new(private).map_err(|e| bad(&e.to_string()))?;
            let (seed, expanded) = r
                .sequence(|r| {
                    let seed = <&der::asn1::OctetStringRef>::decode(r)?;
                    let expanded = <&der::asn1::OctetStringRef>::decode(r)?;
                    Ok::<_, der::Error>((seed.as_bytes(), expanded.as_bytes()))
                })
                .and_then(|v| r.finish().map(|_| v))
                .map_err(|e| bad(&format!("expected SEQUENCE {{ seed, expandedKey }}: {e}")))?;
            let key = AkpKey::from_seed(set, Secret::new(seed.to_vec()))?;
            // The crate deprecates writing the expanded form, but reading one back is how
            // to tell that both halves are one key.
            #[allow(deprecated)]
            let same = with_set!(set, P => {
                let seed = ml_dsa::B32::try_from(seed).map_err(|_| bad("seed"))?;
                let sk = ml_dsa::SigningKey::<P>::from_seed(&seed);
                let ours = zeroize::Zeroizing::new(sk.expanded_key().to_expanded().to_vec());
                *ours == expanded
            });
            if !same {
                return Err(bad("its expanded key is not the seed's"));
            }
            Ok(key)
        }
        Some(0x04) => Err(bad(
            "it holds only the expanded key; jot needs the seed form (RFC 9881 §6, RFC 9964 \"priv\")",
        )),
        _ => Err(bad("unknown private key form")),
    }
}

/// The key of an SPKI public key bit string.
pub(super) fn from_spki_bits(set: MlDsa, params: bool, bits: &[u8]) -> Result<AkpKey> {
    if params {
        return Err(Error::input(format!(
            "malformed {} public key: the algorithm parameters must be absent",
            set.alg()
        )));
    }
    AkpKey::new(set, bits.to_vec(), None)
}

/// An AKP JWK's key (RFC 9964 §5): `alg` names the parameter set and is required; `pub` is
/// the encoded public key; `priv`, when present, the 32-byte seed.
pub(super) fn from_jwk(o: &Map<String, Value>) -> Result<AkpKey> {
    let member = |name: &str| -> Result<Option<Vec<u8>>> {
        match o.get(name) {
            None => Ok(None),
            Some(Value::String(s)) => b64::decode(s)
                .map(Some)
                .map_err(|e| Error::input(format!("AKP JWK member {name:?}: {e}"))),
            Some(_) => Err(Error::input(format!(
                "AKP JWK member {name:?} must be a string"
            ))),
        }
    };
    let alg = match o.get("alg") {
        Some(Value::String(s)) => s.as_str(),
        Some(_) => return Err(Error::input("AKP JWK member \"alg\" must be a string")),
        None => {
            return Err(Error::input(
                "AKP JWK has no \"alg\" (RFC 9964 requires it)",
            ))
        }
    };
    let set = set_of_alg(alg).ok_or_else(|| {
        Error::input(format!(
            "AKP JWK alg {alg:?}: expected ML-DSA-44, ML-DSA-65 or ML-DSA-87"
        ))
    })?;
    let public = member("pub")?.ok_or_else(|| Error::input("AKP JWK has no \"pub\""))?;
    AkpKey::new(set, public, member("priv")?.map(Secret::new))
}

/// RFC 9964 §5 (RFC 7638): the thumbprint input, required members `alg`, `kty`, `pub` in
/// lexicographic order.
pub(super) fn thumbprint_json(k: &AkpKey) -> String {
    format!(
        r#"{{"alg":"{}","kty":"AKP","pub":"{}"}}"#,
        k.set.alg().name(),
        b64::encode(&k.public)
    )
}

#[cfg(test)]
#[path = "tests/akp.rs"]
mod tests;
