//! Content encryption (RFC 7518 §5): AES-GCM and AES-CBC with HMAC-SHA-2. Decryption
//! releases no plaintext before its tag is checked: GCM checks inside the AEAD, CBC-HMAC
//! compares the MAC in constant time before a single block is decrypted.

use aes::cipher::{block_padding::Pkcs7, BlockModeDecrypt, BlockModeEncrypt, KeyIvInit};
use aes_gcm::aead::{AeadInOut, KeyInit};
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use crate::alg::{Enc, Hash};

/// Why content decryption failed. Deliberately coarse: no oracle on padding or MAC.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum ContentError {
    /// The CEK, IV or tag has the wrong length for `enc`.
    Length(String),
    /// The tag does not match (a changed byte, a wrong key).
    Tag,
}

macro_rules! cbc_encrypt {
    ($c:ty, $key:expr, $iv:expr, $pt:expr) => {
        cbc::Encryptor::<$c>::new_from_slices($key, $iv)
            .map(|e| e.encrypt_padded_vec::<Pkcs7>($pt))
            .map_err(|_| ContentError::Length("bad AES-CBC key or IV length".into()))
    };
}

macro_rules! cbc_decrypt {
    ($c:ty, $key:expr, $iv:expr, $ct:expr) => {
        cbc::Decryptor::<$c>::new_from_slices($key, $iv)
            .map_err(|_| ContentError::Length("bad AES-CBC key or IV length".into()))?
            .decrypt_padded_vec::<Pkcs7>($ct)
            .map(Zeroizing::new)
            .map_err(|_| ContentError::Tag)
    };
}

/// Encrypt `plaintext` under `cek` with `enc`: `(ciphertext, tag)`. `aad` is the ASCII of
/// the protected header's base64url (RFC 7516 §5.1 step 14).
pub(super) fn encrypt(
    enc: Enc,
    cek: &[u8],
    iv: &[u8],
    aad: &[u8],
    plaintext: &[u8],
) -> Result<(Vec<u8>, Vec<u8>), ContentError> {
    check_lengths(enc, cek, iv, None)?;
    match enc.cbc_hash() {
        None => {
            let mut buf = plaintext.to_vec();
            let tag = gcm_seal(cek, iv, aad, &mut buf)?;
            Ok((buf, tag))
        }
        Some(hash) => {
            let (mac_key, enc_key) = cek.split_at(cek.len() / 2);
            let ct = match enc_key.len() {
                16 => cbc_encrypt!(aes::Aes128, enc_key, iv, plaintext),
                24 => cbc_encrypt!(aes::Aes192, enc_key, iv, plaintext),
                _ => cbc_encrypt!(aes::Aes256, enc_key, iv, plaintext),
            }?;
            let tag = cbc_tag(hash, mac_key, aad, iv, &ct);
            Ok((ct, tag))
        }
    }
}

/// Decrypt: the plaintext only when the tag matches.
pub(super) fn decrypt(
    enc: Enc,
    cek: &[u8],
    iv: &[u8],
    aad: &[u8],
    ciphertext: &[u8],
    tag: &[u8],
) -> Result<Zeroizing<Vec<u8>>, ContentError> {
    check_lengths(enc, cek, iv, Some(tag))?;
    match enc.cbc_hash() {
        None => {
            let mut buf = Zeroizing::new(ciphertext.to_vec());
            gcm_open(cek, iv, aad, &mut buf, tag)?;
            Ok(buf)
        }
        Some(hash) => {
            let (mac_key, enc_key) = cek.split_at(cek.len() / 2);
            let want = Zeroizing::new(cbc_tag(hash, mac_key, aad, iv, ciphertext));
            if !bool::from(want.as_slice().ct_eq(tag)) {
                return Err(ContentError::Tag);
            }
            // Authentic from here on: a padding error now is the sender's bug, not an oracle.
            match enc_key.len() {
                16 => cbc_decrypt!(aes::Aes128, enc_key, iv, ciphertext),
                24 => cbc_decrypt!(aes::Aes192, enc_key, iv, ciphertext),
                _ => cbc_decrypt!(aes::Aes256, enc_key, iv, ciphertext),
            }
        }
    }
}

fn check_lengths(enc: Enc, cek: &[u8], iv: &[u8], tag: Option<&[u8]>) -> Result<(), ContentError> {
    if cek.len() != enc.cek_len() {
        return Err(ContentError::Length(format!(
            "{enc} needs a {}-byte content key, not {}",
            enc.cek_len(),
            cek.len()
        )));
    }
    if iv.len() != enc.iv_len() {
        return Err(ContentError::Length(format!(
            "{enc} needs a {}-byte IV, not {}",
            enc.iv_len(),
            iv.len()
        )));
    }
    if let Some(t) = tag {
        if t.len() != enc.tag_len() {
            return Err(ContentError::Length(format!(
                "{enc} needs a {}-byte tag, not {}",
                enc.tag_len(),
                t.len()
            )));
        }
    }
    Ok(())
}

/// HMAC over `A || IV || E || AL`, truncated to half (RFC 7518 §5.2.2.1). AL is the bit
/// length of the AAD as a 64-bit big-endian integer.
fn cbc_tag(hash: Hash, mac_key: &[u8], aad: &[u8], iv: &[u8], ct: &[u8]) -> Vec<u8> {
    let al = ((aad.len() as u64) * 8).to_be_bytes();
    let mut input = Vec::with_capacity(aad.len() + iv.len() + ct.len() + 8);
    input.extend_from_slice(aad);
    input.extend_from_slice(iv);
    input.extend_from_slice(ct);
    input.extend_from_slice(&al);
    let mut mac = hash.hmac(mac_key, &input);
    mac.truncate(hash.output_len() / 2);
    mac
}

type Aes192Gcm = aes_gcm::AesGcm<aes::Aes192, aes_gcm::aead::consts::U12>;

macro_rules! with_gcm {
    ($key:expr, |$c:ident| $body:expr) => {
        match $key.len() {
            16 => {
                let $c = aes_gcm::Aes128Gcm::new_from_slice($key).map_err(|_| ContentError::Tag)?;
                $body
            }
            24 => {
                let $c = Aes192Gcm::new_from_slice($key).map_err(|_| ContentError::Tag)?;
                $body
            }
            32 => {
                let $c = aes_gcm::Aes256Gcm::new_from_slice($key).map_err(|_| ContentError::Tag)?;
                $body
            }
            n => Err(ContentError::Length(format!(
                "no AES-GCM with a {n}-byte key"
            ))),
        }
    };
}

/// AES-GCM seal in place; returns the 16-byte tag. Also used by `A*GCMKW`. Through
/// aws-lc-rs when built with it (its AES-GCM is openssl's assembly: several times the
/// RustCrypto rate on bulk decryption, measured by scripts/bench-jwe).
pub(super) fn gcm_seal(
    key: &[u8],
    iv: &[u8],
    aad: &[u8],
    buf: &mut [u8],
) -> Result<Vec<u8>, ContentError> {
    #[cfg(feature = "aws-lc")]
    {
        awslc_gcm::seal(key, iv, aad, buf)
    }
    #[cfg(not(feature = "aws-lc"))]
    {
        gcm_seal_rustcrypto(key, iv, aad, buf)
    }
}

/// AES-GCM open in place: `buf` holds the plaintext only when `Ok`.
pub(super) fn gcm_open(
    key: &[u8],
    iv: &[u8],
    aad: &[u8],
    buf: &mut [u8],
    tag: &[u8],
) -> Result<(), ContentError> {
    #[cfg(feature = "aws-lc")]
    let r = awslc_gcm::check_tag(tag)
        .and_then(|()| GcmKey::new(key))
        .and_then(|k| k.open(iv, aad, buf, tag));
    #[cfg(not(feature = "aws-lc"))]
    let r = GcmKey::new(key).and_then(|k| k.open(iv, aad, buf, tag));
    if r.is_err() {
        zeroize::Zeroize::zeroize(buf);
    }
    r
}

/// An AES-GCM key made ready once, to open many messages under one key (bulk `dir`
/// decryption): aws-lc's key schedule and GHASH table are built per key, not per token.
pub(super) struct GcmKey {
    #[cfg(feature = "aws-lc")]
    key: aws_lc_rs::aead::LessSafeKey,
    #[cfg(not(feature = "aws-lc"))]
    key: Zeroizing<Vec<u8>>,
}

impl GcmKey {
    /// Prepare `key` (16, 24 or 32 bytes).
    pub(super) fn new(key: &[u8]) -> Result<GcmKey, ContentError> {
        #[cfg(feature = "aws-lc")]
        let key = awslc_gcm::key(key)?;
        #[cfg(not(feature = "aws-lc"))]
        let key = Zeroizing::new(key.to_vec());
        Ok(GcmKey { key })
    }

    /// Open `buf` in place: it holds the plaintext only when `Ok`, and is zeroed otherwise
    /// (neither implementation releases unauthenticated plaintext; cleared anyway).
    pub(super) fn open(
        &self,
        iv: &[u8],
        aad: &[u8],
        buf: &mut [u8],
        tag: &[u8],
    ) -> Result<(), ContentError> {
        #[cfg(feature = "aws-lc")]
        let r = awslc_gcm::open(&self.key, iv, aad, buf, tag);
        #[cfg(not(feature = "aws-lc"))]
        let r = gcm_open_rustcrypto(&self.key, iv, aad, buf, tag);
        if r.is_err() {
            zeroize::Zeroize::zeroize(buf);
        }
        r
    }
}

#[cfg(feature = "aws-lc")]
mod awslc_gcm {
    //! AES-GCM through aws-lc-rs.

    use aws_lc_rs::aead::{
        Aad, LessSafeKey, Nonce, UnboundKey, AES_128_GCM, AES_192_GCM, AES_256_GCM,
    };

    use super::ContentError;

    pub(super) fn key(k: &[u8]) -> Result<LessSafeKey, ContentError> {
        let alg = match k.len() {
            16 => &AES_128_GCM,
            24 => &AES_192_GCM,
            32 => &AES_256_GCM,
            n => {
                return Err(ContentError::Length(format!(
                    "no AES-GCM with a {n}-byte key"
                )))
            }
        };
        let key = UnboundKey::new(alg, k).map_err(|_| ContentError::Length("bad key".into()))?;
        Ok(LessSafeKey::new(key))
    }

    fn nonce(iv: &[u8]) -> Result<Nonce, ContentError> {
        if iv.len() != 12 {
            return Err(ContentError::Length(format!(
                "AES-GCM needs a 12-byte IV, not {}",
                iv.len()
            )));
        }
        Nonce::try_assume_unique_for_key(iv).map_err(|_| ContentError::Length("bad IV".into()))
    }

    pub(super) fn check_tag(tag: &[u8]) -> Result<(), ContentError> {
        if tag.len() != 16 {
            return Err(ContentError::Length(format!(
                "AES-GCM needs a 16-byte tag, not {}",
                tag.len()
            )));
        }
        Ok(())
    }

    pub(super) fn seal(
        k: &[u8],
        iv: &[u8],
        aad: &[u8],
        buf: &mut [u8],
    ) -> Result<Vec<u8>, ContentError> {
        let key = key(k)?;
        key.seal_in_place_separate_tag(nonce(iv)?, Aad::from(aad), buf)
            .map(|t| t.as_ref().to_vec())
            .map_err(|_| ContentError::Tag)
    }

    pub(super) fn open(
        key: &LessSafeKey,
        iv: &[u8],
        aad: &[u8],
        buf: &mut [u8],
        tag: &[u8],
    ) -> Result<(), ContentError> {
        check_tag(tag)?;
        key.open_in_place_separate_tag(nonce(iv)?, Aad::from(aad), tag, buf)
            .map(|_| ())
            .map_err(|_| ContentError::Tag)
    }
}

/// AES-GCM seal with RustCrypto (the build without aws-lc, and the differential reference).
#[cfg_attr(feature = "aws-lc", allow(dead_code))]
fn gcm_seal_rustcrypto(
    key: &[u8],
    iv: &[u8],
    aad: &[u8],
    buf: &mut [u8],
) -> Result<Vec<u8>, ContentError> {
    if iv.len() != 12 {
        return Err(ContentError::Length(format!(
            "AES-GCM needs a 12-byte IV, not {}",
            iv.len()
        )));
    }
    let nonce = aes_gcm::Nonce::<aes_gcm::aead::consts::U12>::try_from(iv)
        .map_err(|_| ContentError::Length("bad IV".into()))?;
    with_gcm!(key, |c| c
        .encrypt_inout_detached(&nonce, aad, buf.into())
        .map(|t| t.to_vec())
        .map_err(|_| ContentError::Tag))
}

/// AES-GCM open with RustCrypto.
#[cfg_attr(feature = "aws-lc", allow(dead_code))]
fn gcm_open_rustcrypto(
    key: &[u8],
    iv: &[u8],
    aad: &[u8],
    buf: &mut [u8],
    tag: &[u8],
) -> Result<(), ContentError> {
    if iv.len() != 12 {
        return Err(ContentError::Length(format!(
            "AES-GCM needs a 12-byte IV, not {}",
            iv.len()
        )));
    }
    if tag.len() != 16 {
        return Err(ContentError::Length(format!(
            "AES-GCM needs a 16-byte tag, not {}",
            tag.len()
        )));
    }
    let nonce = aes_gcm::Nonce::<aes_gcm::aead::consts::U12>::try_from(iv)
        .map_err(|_| ContentError::Length("bad IV".into()))?;
    let tag = aes_gcm::Tag::<aes_gcm::aead::consts::U16>::try_from(tag)
        .map_err(|_| ContentError::Length("bad tag".into()))?;
    with_gcm!(key, |c| c
        .decrypt_inout_detached(&nonce, aad, buf.into(), &tag)
        .map_err(|_| ContentError::Tag))
}

#[cfg(all(test, feature = "aws-lc"))]
mod tests {
    use super::*;

    #[test]
    fn aws_lc_and_rustcrypto_gcm_agree() {
        for (n, len) in [(16usize, 0usize), (24, 1), (32, 100), (32, 4096)] {
            let key: Vec<u8> = (0..n as u8).collect();
            let iv = [3u8; 12];
            let pt: Vec<u8> = (0..len).map(|i| (i * 7) as u8).collect();
            let (mut a, mut b) = (pt.clone(), pt.clone());
            let ta = awslc_gcm::seal(&key, &iv, b"aad", &mut a).unwrap();
            let tb = gcm_seal_rustcrypto(&key, &iv, b"aad", &mut b).unwrap();
            assert_eq!((&a, &ta), (&b, &tb), "{n} {len}");
            gcm_open_rustcrypto(&key, &iv, b"aad", &mut a, &ta).unwrap();
            assert_eq!(a, pt);
            // A changed byte (of the ciphertext, or of the tag when there is none).
            let (mut bad, mut tag) = (b.clone(), tb.clone());
            match bad.first_mut() {
                Some(x) => *x ^= 1,
                None => tag[0] ^= 1,
            }
            let k = GcmKey::new(&key).unwrap();
            assert!(k.open(&iv, b"aad", &mut bad.clone(), &tag).is_err());
            assert!(gcm_open_rustcrypto(&key, &iv, b"aad", &mut bad, &tag).is_err());
        }
    }
}
