//! The key model: one `Jwk` type for every key jot reads or writes (RSA, EC P-256/P-384/
//! P-521/secp256k1, OKP Ed25519/Ed448, AKP ML-DSA, oct), private or public, with its JWK metadata. Reading
//! (`read`), writing (`write`), generation (`generate`), RFC 7638 thumbprints (`thumbprint`)
//! and the raw sign/verify primitives (`crypto`) live in the submodules; the key material
//! types (`Key`, `Secret`, …) in `material`.

mod akp;
#[cfg(feature = "aws-lc")]
mod awslc;
mod crypto;
mod der_read;
mod ed448;
mod generate;
mod jwk_json;
mod jwk_write;
mod material;
mod members;
mod pem;
pub(crate) mod prepared_hmac;
pub mod prepared_pk;
mod publish;
mod read;
mod roca;
mod set;
pub(crate) mod source;
mod thumbprint;
mod write;
mod x25519;
pub mod x5c;
pub(crate) mod x5c_path;

#[cfg(test)]
mod tests;

use zeroize::Zeroizing;

use crate::alg::{Alg, Curve, Family};
use crate::{Error, Result};

pub use akp::AkpKey;
pub use crypto::ecdsa_high_s;
pub use ed448::Ed448Key;
pub use generate::generate;
pub use jwk_json::PRIVATE_MEMBERS;
pub use material::{EcKey, Key, OkpKey, RsaKey, Secret};
pub(crate) use members::{read_jwks_lenient, read_members};
pub(crate) use publish::{check_public_jwks, public_jwks};
pub use read::{detect, read, Format, KeyInput, ReadOptions};
pub(crate) use set::{ambiguities, check_set, Ambiguity};
/// The RFC 7638 canonical JSON a thumbprint hashes.
pub(crate) use thumbprint::canonical as thumbprint_canonical;
pub(crate) use thumbprint::ThumbprintHash;
pub use x25519::generate as x25519_generate;
pub(crate) use x25519::scalar_public as x25519_public;

/// A JSON Web Key: key material plus the optional members jot understands.
#[derive(Clone, Debug)]
pub struct Jwk {
    pub key: Key,
    pub kid: Option<String>,
    /// The `alg` member as written (it may name an algorithm jot does not know).
    pub alg: Option<String>,
    pub use_: Option<String>,
    pub key_ops: Option<Vec<String>>,
    /// Certificate chain (standard base64 DER), as in RFC 7517 §4.7.
    pub x5c: Option<Vec<String>>,
    pub x5t_s256: Option<String>,
}

impl Jwk {
    /// A JWK with no metadata.
    pub fn new(key: Key) -> Self {
        Jwk {
            key,
            kid: None,
            alg: None,
            use_: None,
            key_ops: None,
            x5c: None,
            x5t_s256: None,
        }
    }

    /// The JWK `kty`.
    pub(crate) fn kty(&self) -> &'static str {
        match self.key {
            Key::Rsa(_) => "RSA",
            Key::Ec(_) => "EC",
            Key::Okp(_) | Key::X25519(_) | Key::Ed448(_) => "OKP",
            Key::Akp(_) => "AKP",
            Key::Oct(_) => "oct",
        }
    }

    /// True when the key holds private (or secret) material.
    pub(crate) fn is_private(&self) -> bool {
        match &self.key {
            Key::Rsa(RsaKey::Private(_)) | Key::Oct(_) => true,
            Key::Rsa(RsaKey::Public(_)) => false,
            Key::Ec(k) => k.d.is_some(),
            Key::Okp(k) | Key::X25519(k) => k.d.is_some(),
            Key::Ed448(k) => k.d.is_some(),
            Key::Akp(k) => k.seed.is_some(),
        }
    }

    /// The same key without private members (oct keys have no public half).
    pub fn to_public(&self) -> Result<Jwk> {
        let key =
            match &self.key {
                Key::Rsa(k) => Key::Rsa(RsaKey::Public(k.public())),
                Key::Ec(k) => Key::Ec(EcKey {
                    d: None,
                    ..k.clone()
                }),
                Key::Okp(k) => Key::Okp(OkpKey { x: k.x, d: None }),
                Key::X25519(k) => Key::X25519(OkpKey { x: k.x, d: None }),
                Key::Ed448(k) => Key::Ed448(Ed448Key {
                    x: k.x.clone(),
                    d: None,
                }),
                Key::Akp(k) => Key::Akp(AkpKey {
                    seed: None,
                    ..k.clone()
                }),
                Key::Oct(_) => return Err(Error::usage("an HMAC (oct) key has no public half")
                    .with_hint(
                        "anyone who can verify an HS* token can also forge one; publish nothing",
                    )),
            };
        Ok(Jwk {
            key,
            ..self.clone()
        })
    }

    /// A short description for listings: "RSA 2048", "EC P-256", "oct 256 bits".
    pub(crate) fn describe(&self) -> String {
        match &self.key {
            Key::Rsa(k) => format!("RSA {}", k.bits()),
            Key::Ec(k) => format!("EC {}", k.curve.name()),
            Key::Okp(_) => "OKP Ed25519".into(),
            Key::X25519(_) => "OKP X25519".into(),
            Key::Ed448(_) => "OKP Ed448".into(),
            Key::Akp(k) => format!("AKP {}", k.set.alg()),
            Key::Oct(s) => format!("oct {} bits", s.expose().len() * 8),
        }
    }

    /// The algorithm this key signs with when none is asked for: its own `alg` if it is one
    /// jot knows, else the natural one for the key type.
    pub(crate) fn default_alg(&self) -> Alg {
        if let Some(a) = self.alg.as_deref().and_then(Alg::from_name) {
            if self.check_alg(a).is_ok() {
                return a;
            }
        }
        match &self.key {
            Key::Rsa(_) => Alg::RS256,
            // EC keys are never on Ed25519 (read refuses it), so the table always answers.
            Key::Ec(k) => Alg::ecdsa_for(k.curve).unwrap_or(Alg::ES256),
            // An X25519 key signs with nothing; check_alg refuses EdDSA for it. Ed25519
            // keys keep `EdDSA`: consumers that reject RFC 9864's new name still exist.
            Key::Okp(_) | Key::X25519(_) => Alg::EdDSA,
            // No consumer of Ed448 predates RFC 9864's name for it.
            Key::Ed448(_) => Alg::Ed448,
            Key::Akp(k) => k.set.alg(),
            Key::Oct(_) => Alg::HS256,
        }
    }

    /// The algorithms this key can be used with: its `alg` alone when set, else every
    /// algorithm of its family (all RS*/PS* for RSA, the one ES* of its curve, …).
    pub(crate) fn implied_algs(&self) -> Vec<Alg> {
        if let Some(a) = self.alg.as_deref().and_then(Alg::from_name) {
            return Alg::all()
                .filter(|b| *b == a || a.same_eddsa(*b) && self.fits(*b))
                .collect();
        }
        Alg::all().filter(|a| self.fits(*a)).collect()
    }

    /// Whether `alg` fits this key: the family must match the key type (an RSA or EC key
    /// is never an HMAC secret), the curve must match, and the JWK's own `alg` is honoured.
    pub(crate) fn check_alg(&self, alg: Alg) -> Result<()> {
        self.check_alg_family(alg)?;
        if let Some(own) = self.alg.as_deref() {
            let same = Alg::from_name(own).is_some_and(|a| a.same_eddsa(alg));
            if own != alg.name() && !same {
                return Err(Error::usage(format!(
                    "the key is restricted to alg {own:?}, not {alg}"
                )));
            }
        }
        Ok(())
    }

    /// Whether `alg` fits the key type and curve (an RSA or EC key is never an HMAC secret),
    /// ignoring the JWK's own `alg`. Cheap: verification asks it for every token.
    pub(crate) fn fits(&self, alg: Alg) -> bool {
        match (&self.key, alg.family()) {
            (Key::Rsa(_), Family::RsaPkcs1 | Family::RsaPss) => true,
            (Key::Ec(k), Family::Ecdsa(c)) => k.curve == c,
            // `EdDSA` fits either Edwards curve; `Ed25519` and `Ed448` only their own.
            (Key::Okp(_), Family::EdDsa) => alg.edwards_curve() != Some(Curve::Ed448),
            (Key::Ed448(_), Family::EdDsa) => alg.edwards_curve() != Some(Curve::Ed25519),
            (Key::Akp(k), Family::MlDsa(s)) => k.set == s,
            (Key::Oct(_), Family::Hmac) => true,
            _ => false,
        }
    }

    /// Whether `alg` fits the key type and curve, ignoring the JWK's own `alg`.
    pub(crate) fn check_alg_family(&self, alg: Alg) -> Result<()> {
        if !self.fits(alg) {
            let mut natural = self.clone();
            natural.alg = None;
            return Err(
                Error::usage(format!("{alg} does not fit this key ({})", self.describe()))
                    .with_hint(format!("this key signs with {}", natural.default_alg())),
            );
        }
        Ok(())
    }

    /// Whether the JWK's `use`/`key_ops` allow `op` ("sign" or "verify").
    pub(crate) fn allows_op(&self, op: &str) -> bool {
        if let Some(u) = self.use_.as_deref() {
            if u != "sig" {
                return false;
            }
        }
        match &self.key_ops {
            Some(ops) => ops.iter().any(|o| o == op),
            None => true,
        }
    }

    /// RFC 7638 thumbprint, base64url.
    pub(crate) fn thumbprint(&self, hash: ThumbprintHash) -> String {
        thumbprint::thumbprint(self, hash)
    }

    /// The kid to use: the key's own, else its SHA-256 thumbprint.
    pub fn kid_or_thumbprint(&self) -> String {
        self.kid
            .clone()
            .unwrap_or_else(|| self.thumbprint(ThumbprintHash::Sha256))
    }

    /// The JWK as a JSON value; private members only when `private` is true (and present).
    /// Commands write private keys with `Jwk::to_text` instead, which keeps private
    /// members out of a plain `Value`; `to_json(true)` is for tests and inspection.
    pub fn to_json(&self, private: bool) -> serde_json::Value {
        jwk_write::to_json(self, private)
    }

    /// The JWK as pretty JSON text with a trailing newline; private members only when
    /// `private` is true (and present), written into a zeroizing buffer.
    pub(crate) fn to_text(&self, private: bool) -> Result<Zeroizing<String>> {
        jwk_write::to_text(std::slice::from_ref(self), false, private)
    }

    /// PEM: PKCS#8 for private keys (when `private`), SPKI for public ones.
    pub fn to_pem(&self, private: bool) -> Result<Zeroizing<String>> {
        write::to_pem(self, private)
    }

    /// The key as DER: PKCS#8 when private (and `private`), else SPKI; the body of
    /// [`Jwk::to_pem`], so both forms always hold the same bytes.
    pub(crate) fn to_der(&self, private: bool) -> Result<Zeroizing<Vec<u8>>> {
        let pem = self.to_pem(private)?;
        pem_rfc7468::decode_vec(pem.as_bytes())
            .map(|(_, der)| Zeroizing::new(der))
            .map_err(|e| crate::Error::input(format!("cannot encode the key as DER: {e}")))
    }

    /// Sign `msg` with `alg`; the key must be private and fit the algorithm.
    pub fn sign(&self, alg: Alg, msg: &[u8]) -> Result<Vec<u8>> {
        self.check_alg(alg)?;
        crypto::sign(&self.key, alg, msg)
    }

    /// Verify `sig` over `msg` with `alg`. `Ok(false)` for a bad signature; errors only when
    /// the key cannot be used at all.
    pub fn verify(&self, alg: Alg, msg: &[u8], sig: &[u8]) -> Result<bool> {
        self.check_alg(alg)?;
        crypto::verify(&self.key, alg, msg, sig)
    }
}

/// Serialize keys as a JWKS document `{"keys":[…]}` (see [`Jwk::to_json`]; private output
/// goes through `to_jwks_text`).
pub fn to_jwks(keys: &[Jwk], private: bool) -> serde_json::Value {
    serde_json::json!({ "keys": keys.iter().map(|k| k.to_json(private)).collect::<Vec<_>>() })
}

/// A JWKS as pretty JSON text with a trailing newline; private members when `private`.
pub(crate) fn to_jwks_text(keys: &[Jwk], private: bool) -> Result<Zeroizing<String>> {
    jwk_write::to_text(keys, true, private)
}
