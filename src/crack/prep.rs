//! Work done once per target (the padded message blocks, the SHA-256 message schedule of
//! those blocks, the expected tag as words) and the portable HMAC kernels built on
//! `sha2::block_api::compress256`/`compress512` with reused buffers.
//!
//! HMAC(K, m) = H((K ^ opad) || H((K ^ ipad) || m)). The inner message is one key block
//! followed by `m`, so `m`'s blocks (with padding and the total length) never change; only
//! the state they start from does. Per candidate: two key-block compressions, the message
//! blocks, and one outer block holding the inner digest.

use sha2::block_api::{compress256, compress512};

use super::target::{HashAlg, Target};

// The kernels name the initial hash values through this module.
pub(crate) use crate::alg::{IV256, IV384, IV512};

/// The SHA-256 round constants (FIPS 180-4, 4.2.2).
pub(crate) static K256: [u32; 64] = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];

/// The SHA-512 round constants (FIPS 180-4, 4.2.3).
pub(crate) static K512: [u64; 80] = [
    0x428a2f98d728ae22,
    0x7137449123ef65cd,
    0xb5c0fbcfec4d3b2f,
    0xe9b5dba58189dbbc,
    0x3956c25bf348b538,
    0x59f111f1b605d019,
    0x923f82a4af194f9b,
    0xab1c5ed5da6d8118,
    0xd807aa98a3030242,
    0x12835b0145706fbe,
    0x243185be4ee4b28c,
    0x550c7dc3d5ffb4e2,
    0x72be5d74f27b896f,
    0x80deb1fe3b1696b1,
    0x9bdc06a725c71235,
    0xc19bf174cf692694,
    0xe49b69c19ef14ad2,
    0xefbe4786384f25e3,
    0x0fc19dc68b8cd5b5,
    0x240ca1cc77ac9c65,
    0x2de92c6f592b0275,
    0x4a7484aa6ea6e483,
    0x5cb0a9dcbd41fbd4,
    0x76f988da831153b5,
    0x983e5152ee66dfab,
    0xa831c66d2db43210,
    0xb00327c898fb213f,
    0xbf597fc7beef0ee4,
    0xc6e00bf33da88fc2,
    0xd5a79147930aa725,
    0x06ca6351e003826f,
    0x142929670a0e6e70,
    0x27b70a8546d22ffc,
    0x2e1b21385c26c926,
    0x4d2c6dfc5ac42aed,
    0x53380d139d95b3df,
    0x650a73548baf63de,
    0x766a0abb3c77b2a8,
    0x81c2c92e47edaee6,
    0x92722c851482353b,
    0xa2bfe8a14cf10364,
    0xa81a664bbc423001,
    0xc24b8b70d0f89791,
    0xc76c51a30654be30,
    0xd192e819d6ef5218,
    0xd69906245565a910,
    0xf40e35855771202a,
    0x106aa07032bbd1b8,
    0x19a4c116b8d2d0c8,
    0x1e376c085141ab53,
    0x2748774cdf8eeb99,
    0x34b0bcb5e19b48a8,
    0x391c0cb3c5c95a63,
    0x4ed8aa4ae3418acb,
    0x5b9cca4f7763e373,
    0x682e6ff3d6b2b8a3,
    0x748f82ee5defb2fc,
    0x78a5636f43172f60,
    0x84c87814a1f0ab72,
    0x8cc702081a6439ec,
    0x90befffa23631e28,
    0xa4506cebde82bde9,
    0xbef9a3f7b2c67915,
    0xc67178f2e372532b,
    0xca273eceea26619c,
    0xd186b8c721c0c207,
    0xeada7dd6cde0eb1e,
    0xf57d4f7fee6ed178,
    0x06f067aa72176fba,
    0x0a637dc5a2c898a6,
    0x113f9804bef90dae,
    0x1b710b35131c471b,
    0x28db77f523047d84,
    0x32caab7b40c72493,
    0x3c9ebe0a15c9bebc,
    0x431d67c49c100d4c,
    0x4cc5d4becb3e42b6,
    0x597f299cfc657e2a,
    0x5fcb6fab3ad6faec,
    0x6c44198c4a475817,
];

/// A key padded to the hash's block (the first 64 bytes only for SHA-256).
pub(crate) type KeyBlock = [u8; 128];

/// One SHA-256 message block's schedule with the round constants added: `wk[g][j]` is
/// W\[4g+j\] + K\[4g+j\], the operand of rounds 4g+j.
pub(crate) type Wk = [[u32; 4]; 16];

/// One SHA-512 message block's schedule plus the round constants: W\[t\] + K\[t\].
pub(crate) type Wk512 = [u64; 80];

/// Everything about a target that does not depend on the key.
pub(crate) struct Prepared {
    pub(crate) hash: HashAlg,
    pub(crate) blocks256: Vec<[u8; 64]>,
    pub(crate) blocks512: Vec<[u8; 128]>,
    pub(crate) wk256: Vec<Wk>,
    pub(crate) wk512: Vec<Wk512>,
    /// The signature as big-endian words (the first `tag_len / 4` are meaningful).
    pub(crate) want256: [u32; 8],
    /// The signature as big-endian words (the first `tag_len / 8` are meaningful).
    pub(crate) want512: [u64; 8],
}

/// `msg` padded as the tail of a message that starts with one `B`-byte key block.
fn pad<const B: usize>(msg: &[u8]) -> Vec<[u8; B]> {
    let len_field = B / 8; // 8 bytes for SHA-256, 16 for SHA-512
    let total_bits = ((B + msg.len()) as u128) * 8;
    let mut bytes = msg.to_vec();
    bytes.push(0x80);
    while !(bytes.len() + len_field).is_multiple_of(B) {
        bytes.push(0);
    }
    bytes.extend_from_slice(&total_bits.to_be_bytes()[16 - len_field..]);
    bytes
        .chunks_exact(B)
        .map(|c| {
            let mut b = [0u8; B];
            b.copy_from_slice(c);
            b
        })
        .collect()
}

/// The message schedule of a fixed block, plus the round constants.
pub(crate) fn schedule256(block: &[u8; 64]) -> Wk {
    let mut w = [0u32; 64];
    for (i, c) in block.chunks_exact(4).enumerate() {
        w[i] = u32::from_be_bytes([c[0], c[1], c[2], c[3]]);
    }
    for i in 16..64 {
        let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
        let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16]
            .wrapping_add(s0)
            .wrapping_add(w[i - 7])
            .wrapping_add(s1);
    }
    let mut wk = [[0u32; 4]; 16];
    for (i, v) in w.iter().enumerate() {
        wk[i / 4][i % 4] = v.wrapping_add(K256[i]);
    }
    wk
}

/// The message schedule of a fixed SHA-512 block, plus the round constants.
pub(crate) fn schedule512(block: &[u8; 128]) -> Wk512 {
    let mut w = [0u64; 80];
    for (i, c) in block.chunks_exact(8).enumerate() {
        let mut b = [0u8; 8];
        b.copy_from_slice(c);
        w[i] = u64::from_be_bytes(b);
    }
    for i in 16..80 {
        let s0 = w[i - 15].rotate_right(1) ^ w[i - 15].rotate_right(8) ^ (w[i - 15] >> 7);
        let s1 = w[i - 2].rotate_right(19) ^ w[i - 2].rotate_right(61) ^ (w[i - 2] >> 6);
        w[i] = w[i - 16]
            .wrapping_add(s0)
            .wrapping_add(w[i - 7])
            .wrapping_add(s1);
    }
    for (v, k) in w.iter_mut().zip(K512) {
        *v = v.wrapping_add(k);
    }
    w
}

impl Prepared {
    pub(crate) fn new(target: &Target) -> Prepared {
        let mut want256 = [0u32; 8];
        for (w, c) in want256.iter_mut().zip(target.signature.chunks_exact(4)) {
            *w = u32::from_be_bytes([c[0], c[1], c[2], c[3]]);
        }
        let mut want512 = [0u64; 8];
        for (w, c) in want512.iter_mut().zip(target.signature.chunks_exact(8)) {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            *w = u64::from_be_bytes(b);
        }
        let (blocks256, blocks512) = match target.hash {
            HashAlg::Sha256 => (pad::<64>(&target.signing_input), Vec::new()),
            _ => (Vec::new(), pad::<128>(&target.signing_input)),
        };
        let wk256 = blocks256.iter().map(schedule256).collect();
        let wk512 = blocks512.iter().map(schedule512).collect();
        Prepared {
            hash: target.hash,
            blocks256,
            blocks512,
            wk256,
            wk512,
            want256,
            want512,
        }
    }

    /// Whether a final SHA-256 state is the target's tag.
    #[inline]
    pub(crate) fn matches256(&self, state: &[u32; 8]) -> bool {
        // The first word rejects all but one candidate in 2^32; the rest confirms.
        state[0] == self.want256[0] && state[1..] == self.want256[1..]
    }

    /// Whether a final SHA-384/512 state is the target's tag.
    #[inline]
    pub(crate) fn matches512(&self, state: &[u64; 8]) -> bool {
        let words = self.hash.output_len() / 8;
        state[0] == self.want512[0] && state[1..words] == self.want512[1..words]
    }
}

/// HMAC-SHA-256 of the prepared message under a key already padded to its block.
pub(crate) fn hmac256(prep: &Prepared, key: &KeyBlock) -> [u32; 8] {
    let mut ipad = [0u8; 64];
    let mut opad = [0u8; 64];
    for i in 0..64 {
        ipad[i] = key[i] ^ 0x36;
        opad[i] = key[i] ^ 0x5c;
    }
    let mut inner = IV256;
    compress256(&mut inner, &[ipad]);
    compress256(&mut inner, &prep.blocks256);
    let mut outer = IV256;
    compress256(&mut outer, &[opad]);
    // The outer message is the opad block and the 32-byte inner digest: 96 bytes, 768 bits.
    let mut last = [0u8; 64];
    for (c, w) in last.chunks_exact_mut(4).zip(inner) {
        c.copy_from_slice(&w.to_be_bytes());
    }
    last[32] = 0x80;
    last[62..].copy_from_slice(&768u16.to_be_bytes());
    compress256(&mut outer, &[last]);
    outer
}

/// HMAC-SHA-384 or HMAC-SHA-512 of the prepared message under a padded key.
pub(crate) fn hmac512(prep: &Prepared, key: &KeyBlock) -> [u64; 8] {
    let iv = if prep.hash == HashAlg::Sha384 {
        IV384
    } else {
        IV512
    };
    let mut ipad = [0u8; 128];
    let mut opad = [0u8; 128];
    for i in 0..128 {
        ipad[i] = key[i] ^ 0x36;
        opad[i] = key[i] ^ 0x5c;
    }
    let mut inner = iv;
    compress512(&mut inner, &[ipad]);
    compress512(&mut inner, &prep.blocks512);
    let mut outer = iv;
    compress512(&mut outer, &[opad]);
    let digest_len = prep.hash.output_len();
    let mut last = [0u8; 128];
    for (c, w) in last[..digest_len].chunks_exact_mut(8).zip(inner) {
        c.copy_from_slice(&w.to_be_bytes());
    }
    last[digest_len] = 0x80;
    last[112..].copy_from_slice(&(((128 + digest_len) * 8) as u128).to_be_bytes());
    compress512(&mut outer, &[last]);
    outer
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pad_lays_out_length_and_block_count_like_sha2() {
        for len in [0usize, 1, 54, 55, 56, 63, 64, 119, 120, 300] {
            let msg = vec![b'x'; len];
            let p = pad::<64>(&msg);
            assert_eq!(p.len(), (len + 9).div_ceil(64), "len {len}");
            let last = p.last().unwrap();
            assert_eq!(
                u64::from_be_bytes(last[56..].try_into().unwrap()),
                ((64 + len) * 8) as u64
            );
            let p = pad::<128>(&msg);
            assert_eq!(p.len(), (len + 17).div_ceil(128), "len {len}");
        }
    }

    #[test]
    fn schedule_matches_the_first_sixteen_words_plus_constants() {
        let block = [7u8; 64];
        let wk = schedule256(&block);
        assert_eq!(wk[0][0], 0x07070707u32.wrapping_add(K256[0]));
        assert_eq!(wk[3][3], 0x07070707u32.wrapping_add(K256[15]));
    }
}
