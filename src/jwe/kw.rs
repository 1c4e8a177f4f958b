//! AES Key Wrap (RFC 3394, used by `A*KW`, `ECDH-ES+A*KW` and `PBES2-*`), written on the
//! AES block cipher: the default IV check is a constant-time compare, and an unwrapped key
//! is zeroized on drop.

use aes::cipher::{Block, BlockCipherDecrypt, BlockCipherEncrypt, KeyInit};
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

/// The default initial value of RFC 3394 §2.2.3.1.
const IV: [u8; 8] = [0xA6; 8];

/// Why a wrap or unwrap failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum KwError {
    /// A KEK of a size AES does not take, or a key not a multiple of 64 bits.
    Length(String),
    /// The integrity check failed: wrong KEK or a changed wrapped key.
    Integrity,
}

macro_rules! with_aes {
    ($kek:expr, |$c:ident| $body:expr) => {
        match $kek.len() {
            16 => {
                let $c = aes::Aes128::new_from_slice($kek).map_err(|_| KwError::Integrity)?;
                $body
            }
            24 => {
                let $c = aes::Aes192::new_from_slice($kek).map_err(|_| KwError::Integrity)?;
                $body
            }
            32 => {
                let $c = aes::Aes256::new_from_slice($kek).map_err(|_| KwError::Integrity)?;
                $body
            }
            n => Err(KwError::Length(format!(
                "AES key wrap takes a 16, 24 or 32-byte key, not {n}"
            ))),
        }
    };
}

/// Wrap `key` (at least 16 bytes, a multiple of 8) under `kek`.
pub(crate) fn wrap(kek: &[u8], key: &[u8]) -> Result<Vec<u8>, KwError> {
    if key.len() < 16 || !key.len().is_multiple_of(8) {
        return Err(KwError::Length(format!(
            "a wrapped key must be a multiple of 8 bytes and at least 16, not {}",
            key.len()
        )));
    }
    with_aes!(kek, |c| Ok(wrap_with(&c, key)))
}

/// Unwrap `wrapped` under `kek`; `Integrity` when the check value does not match.
pub(crate) fn unwrap(kek: &[u8], wrapped: &[u8]) -> Result<Zeroizing<Vec<u8>>, KwError> {
    if wrapped.len() < 24 || !wrapped.len().is_multiple_of(8) {
        return Err(KwError::Length(format!(
            "a wrapped key must be a multiple of 8 bytes and at least 24, not {}",
            wrapped.len()
        )));
    }
    with_aes!(kek, |c| unwrap_with(&c, wrapped))
}

fn wrap_with<C: BlockCipherEncrypt>(c: &C, key: &[u8]) -> Vec<u8> {
    let n = key.len() / 8;
    let mut a = IV;
    let mut r = Zeroizing::new(key.to_vec());
    let mut b = Block::<C>::default();
    for j in 0..6 {
        for i in 0..n {
            b[..8].copy_from_slice(&a);
            b[8..].copy_from_slice(&r[i * 8..i * 8 + 8]);
            c.encrypt_block(&mut b);
            let t = ((n * j + i + 1) as u64).to_be_bytes();
            for k in 0..8 {
                a[k] = b[k] ^ t[k];
            }
            r[i * 8..i * 8 + 8].copy_from_slice(&b[8..]);
        }
    }
    zeroize::Zeroize::zeroize(b.as_mut_slice());
    let mut out = a.to_vec();
    out.extend_from_slice(&r);
    out
}

fn unwrap_with<C: BlockCipherDecrypt>(
    c: &C,
    wrapped: &[u8],
) -> Result<Zeroizing<Vec<u8>>, KwError> {
    let n = wrapped.len() / 8 - 1;
    let mut a = [0u8; 8];
    a.copy_from_slice(&wrapped[..8]);
    let mut r = Zeroizing::new(wrapped[8..].to_vec());
    let mut b = Block::<C>::default();
    for j in (0..6).rev() {
        for i in (0..n).rev() {
            let t = ((n * j + i + 1) as u64).to_be_bytes();
            for k in 0..8 {
                b[k] = a[k] ^ t[k];
            }
            b[8..].copy_from_slice(&r[i * 8..i * 8 + 8]);
            c.decrypt_block(&mut b);
            a.copy_from_slice(&b[..8]);
            r[i * 8..i * 8 + 8].copy_from_slice(&b[8..]);
        }
    }
    zeroize::Zeroize::zeroize(b.as_mut_slice());
    if bool::from(a.ct_eq(&IV)) {
        Ok(r)
    } else {
        Err(KwError::Integrity)
    }
}
