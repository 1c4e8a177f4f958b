//! PBES2 key derivation (RFC 7518 §4.8): PBKDF2 with HMAC-SHA-2 over the salt
//! `UTF8(alg) || 0x00 || p2s`, then AES key wrap with the derived key. The iteration count
//! comes from the token, so decryption bounds it (`--max-p2c`) before deriving anything.

use zeroize::Zeroizing;

use crate::alg::{Hash, KeyAlg};

/// The shortest `p2s` accepted (RFC 7518 §4.8.1.1: at least 8 octets).
pub(super) const MIN_SALT: usize = 8;

/// Derive the `len`-byte key-wrapping key for `alg`.
pub(super) fn derive(
    alg: KeyAlg,
    hash: Hash,
    len: usize,
    passphrase: &[u8],
    p2s: &[u8],
    p2c: u32,
) -> Zeroizing<Vec<u8>> {
    let mut salt = alg.name().as_bytes().to_vec();
    salt.push(0);
    salt.extend_from_slice(p2s);
    let mut out = Zeroizing::new(vec![0u8; len]);
    match hash {
        Hash::Sha256 => pbkdf2::pbkdf2_hmac::<sha2::Sha256>(passphrase, &salt, p2c, &mut out),
        Hash::Sha384 => pbkdf2::pbkdf2_hmac::<sha2::Sha384>(passphrase, &salt, p2c, &mut out),
        Hash::Sha512 => pbkdf2::pbkdf2_hmac::<sha2::Sha512>(passphrase, &salt, p2c, &mut out),
    }
    out
}
