//! RSA key encryption (RFC 7518 §4.2-§4.3). Decryption goes through aws-lc-rs only: its
//! RSA private-key operation is constant time, where the `rsa` crate's is what
//! RUSTSEC-2023-0071 (Marvin) is about. Without the `aws-lc` feature jot still encrypts to
//! RSA keys (RSA-OAEP-256 through the `rsa` crate: a public-key operation, nothing secret
//! to leak) and refuses RSA decryption with a clear error.

use zeroize::Zeroizing;

use crate::alg::RsaPad;
use crate::keys::RsaKey;

/// Encrypt the CEK to an RSA public key.
pub(super) fn encrypt(key: &RsaKey, pad: RsaPad, cek: &[u8]) -> Result<Vec<u8>, String> {
    if pad == RsaPad::Pkcs1 {
        return Err("RSA1_5 is refused for encryption (RFC 8725 §3.2); use RSA-OAEP-256".into());
    }
    #[cfg(feature = "aws-lc")]
    {
        awslc::encrypt(&key.public(), pad, cek)
    }
    #[cfg(not(feature = "aws-lc"))]
    {
        if pad != RsaPad::OaepSha256 {
            return Err(
                "this build has no RSA-OAEP (SHA-1): it was built without the aws-lc \
                        feature; use RSA-OAEP-256"
                    .into(),
            );
        }
        let mut rng = rand_core::UnwrapErr(getrandom::SysRng);
        key.public()
            .encrypt(&mut rng, rsa::Oaep::<sha2::Sha256>::new(), cek)
            .map_err(|e| format!("RSA-OAEP-256 encryption failed: {e}"))
    }
}

/// Decrypt the CEK with an RSA private key. `Err` for any failure; RSA1_5 callers turn
/// every failure into a random CEK (RFC 7516 §11.5), so the error text is never an oracle.
pub(super) fn decrypt(
    key: &RsaKey,
    pad: RsaPad,
    wrapped: &[u8],
) -> Result<Zeroizing<Vec<u8>>, String> {
    let RsaKey::Private(private) = key else {
        return Err("decryption needs the private RSA key".into());
    };
    #[cfg(feature = "aws-lc")]
    {
        awslc::decrypt(private, pad, wrapped)
    }
    #[cfg(not(feature = "aws-lc"))]
    {
        let _ = (private, pad, wrapped);
        Err(NO_RSA_DECRYPTION.into())
    }
}

/// Whether this build decrypts with RSA at all: the reason when it does not (built without
/// aws-lc). It depends on the build, never on a token, so RSA1_5 reports it before the
/// uniform failure of RFC 7516 §11.5 that hides everything else.
pub(super) fn decryption_available() -> Result<(), String> {
    #[cfg(feature = "aws-lc")]
    {
        Ok(())
    }
    #[cfg(not(feature = "aws-lc"))]
    {
        Err(NO_RSA_DECRYPTION.into())
    }
}

#[cfg(not(feature = "aws-lc"))]
const NO_RSA_DECRYPTION: &str = "this build cannot decrypt with RSA: it was built without the \
                                 aws-lc feature (the only constant-time RSA decryption jot uses)";

#[cfg(feature = "aws-lc")]
mod awslc {
    //! aws-lc-rs RSA encryption and decryption, with parsed private keys cached (parsing
    //! and checking a private key costs more than the decryption itself).

    use std::collections::HashMap;
    use std::sync::{Arc, Mutex, OnceLock};

    use aws_lc_rs::rsa::{
        OaepAlgorithm, OaepPrivateDecryptingKey, OaepPublicEncryptingKey,
        Pkcs1PrivateDecryptingKey, PrivateDecryptingKey, PublicEncryptingKey, OAEP_SHA1_MGF1SHA1,
        OAEP_SHA256_MGF1SHA256,
    };
    use pkcs8::{EncodePrivateKey, EncodePublicKey};
    use rsa::traits::PublicKeyParts;
    use zeroize::Zeroizing;

    use crate::alg::RsaPad;

    const CACHE_LIMIT: usize = 64;

    enum Dec {
        Oaep(OaepPrivateDecryptingKey),
        Pkcs1(Pkcs1PrivateDecryptingKey),
    }

    type Cache = Mutex<HashMap<(bool, Vec<u8>), Arc<Dec>>>;

    fn cache() -> &'static Cache {
        static C: OnceLock<Cache> = OnceLock::new();
        C.get_or_init(|| Mutex::new(HashMap::new()))
    }

    fn oaep(pad: RsaPad) -> &'static OaepAlgorithm {
        match pad {
            RsaPad::OaepSha1 => &OAEP_SHA1_MGF1SHA1,
            _ => &OAEP_SHA256_MGF1SHA256,
        }
    }

    pub(super) fn encrypt(
        key: &rsa::RsaPublicKey,
        pad: RsaPad,
        cek: &[u8],
    ) -> Result<Vec<u8>, String> {
        let der = key
            .to_public_key_der()
            .map_err(|e| format!("cannot encode the RSA key: {e}"))?;
        let public = PublicEncryptingKey::from_der(der.as_bytes())
            .map_err(|e| format!("aws-lc refused the RSA key: {e}"))?;
        let k = OaepPublicEncryptingKey::new(public).map_err(|_| "RSA key refused".to_owned())?;
        let mut out = vec![0u8; k.ciphertext_size()];
        let n = k
            .encrypt(oaep(pad), cek, &mut out, None)
            .map_err(|_| "RSA-OAEP encryption failed".to_owned())?
            .len();
        out.truncate(n);
        Ok(out)
    }

    fn parsed(key: &rsa::RsaPrivateKey, pkcs1: bool) -> Result<Arc<Dec>, String> {
        let id = (pkcs1, key.n().to_be_bytes().to_vec());
        if let Some(k) = cache().lock().ok().and_then(|g| g.get(&id).cloned()) {
            return Ok(k);
        }
        let der = key
            .to_pkcs8_der()
            .map_err(|e| format!("cannot encode the RSA key: {e}"))?;
        let k = PrivateDecryptingKey::from_pkcs8(der.as_bytes())
            .map_err(|e| format!("aws-lc refused the RSA key: {e}"))?;
        let k = Arc::new(if pkcs1 {
            Dec::Pkcs1(Pkcs1PrivateDecryptingKey::new(k).map_err(|_| "RSA key refused")?)
        } else {
            Dec::Oaep(OaepPrivateDecryptingKey::new(k).map_err(|_| "RSA key refused")?)
        });
        if let Ok(mut g) = cache().lock() {
            if g.len() >= CACHE_LIMIT {
                g.clear();
            }
            g.insert(id, k.clone());
        }
        Ok(k)
    }

    pub(super) fn decrypt(
        key: &rsa::RsaPrivateKey,
        pad: RsaPad,
        wrapped: &[u8],
    ) -> Result<Zeroizing<Vec<u8>>, String> {
        let k = parsed(key, pad == RsaPad::Pkcs1)?;
        let size = match &*k {
            Dec::Oaep(k) => k.key_size_bytes(),
            Dec::Pkcs1(k) => k.key_size_bytes(),
        };
        if wrapped.len() != size {
            return Err(format!(
                "the encrypted key is {} bytes; this RSA key takes {size}",
                wrapped.len()
            ));
        }
        let mut out = Zeroizing::new(vec![0u8; size]);
        let n = match &*k {
            Dec::Pkcs1(k) => k.decrypt(wrapped, &mut out).map(|p| p.len()),
            Dec::Oaep(k) => k
                .decrypt(oaep(pad), wrapped, &mut out, None)
                .map(|p| p.len()),
        }
        .map_err(|_| "cannot decrypt the content key".to_owned())?;
        out.truncate(n);
        Ok(out)
    }
}
