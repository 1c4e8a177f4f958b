//! HMAC-SHA-256 for eight keys at once with AVX2, the SHA-256 sibling of `avx2`, for CPUs
//! with neither the SHA extensions nor AVX-512 (Intel before Ice Lake, say): each 256-bit
//! register holds one state or message word of eight candidates. The message blocks'
//! schedule comes precomputed ([`Wk`]).

// Lanes are parallel arrays indexed together.
#![allow(clippy::needless_range_loop)]

use std::arch::x86_64::*;

use super::prep::{KeyBlock, Wk, IV256, K256};

/// Candidates hashed together by one call of [`hmac256`].
pub(crate) const LANES: usize = 8;

type V = __m256i;

/// Rotate each 32-bit lane right by a constant.
macro_rules! ror {
    ($x:expr, $n:literal) => {
        _mm256_or_si256(
            _mm256_srli_epi32::<$n>($x),
            _mm256_slli_epi32::<{ 32 - $n }>($x),
        )
    };
}

#[inline]
#[target_feature(enable = "avx2")]
fn xor3(a: V, b: V, c: V) -> V {
    _mm256_xor_si256(_mm256_xor_si256(a, b), c)
}

#[inline]
#[target_feature(enable = "avx2")]
fn splat(x: u32) -> V {
    _mm256_set1_epi32(x as i32)
}

#[inline]
#[target_feature(enable = "avx2")]
fn add(a: V, b: V) -> V {
    _mm256_add_epi32(a, b)
}

#[inline]
#[target_feature(enable = "avx2")]
fn round(s: &mut [V; 8], wk: V) {
    let [a, b, c, d, e, f, g, h] = *s;
    let big_sigma1 = xor3(ror!(e, 6), ror!(e, 11), ror!(e, 25));
    let big_sigma0 = xor3(ror!(a, 2), ror!(a, 13), ror!(a, 22));
    // Ch(e, f, g) = g ^ (e & (f ^ g)); Maj(a, b, c) = b ^ ((a ^ b) & (b ^ c)).
    let choose = _mm256_xor_si256(g, _mm256_and_si256(e, _mm256_xor_si256(f, g)));
    let majority = _mm256_xor_si256(
        b,
        _mm256_and_si256(_mm256_xor_si256(a, b), _mm256_xor_si256(b, c)),
    );
    let t1 = add(add(h, big_sigma1), add(choose, wk));
    let t2 = add(big_sigma0, majority);
    *s = [add(t1, t2), a, b, c, add(d, t1), e, f, g];
}

/// Round t + J, extending the 16-word schedule window `w` in place from t + J = 16 on.
#[inline]
#[target_feature(enable = "avx2")]
fn step<const J: usize>(s: &mut [V; 8], w: &mut [V; 16], t: usize) {
    if t + J >= 16 {
        let w15 = w[(J + 1) % 16];
        let w2 = w[(J + 14) % 16];
        let sigma0 = xor3(ror!(w15, 7), ror!(w15, 18), _mm256_srli_epi32::<3>(w15));
        let sigma1 = xor3(ror!(w2, 17), ror!(w2, 19), _mm256_srli_epi32::<10>(w2));
        w[J] = add(add(w[J], sigma0), add(w[(J + 9) % 16], sigma1));
    }
    round(s, add(w[J], splat(K256[t + J])));
}

#[inline]
#[target_feature(enable = "avx2")]
fn compress(s: &mut [V; 8], w: &mut [V; 16]) {
    let saved = *s;
    for t in (0..64).step_by(16) {
        step::<0>(s, w, t);
        step::<1>(s, w, t);
        step::<2>(s, w, t);
        step::<3>(s, w, t);
        step::<4>(s, w, t);
        step::<5>(s, w, t);
        step::<6>(s, w, t);
        step::<7>(s, w, t);
        step::<8>(s, w, t);
        step::<9>(s, w, t);
        step::<10>(s, w, t);
        step::<11>(s, w, t);
        step::<12>(s, w, t);
        step::<13>(s, w, t);
        step::<14>(s, w, t);
        step::<15>(s, w, t);
    }
    for i in 0..8 {
        s[i] = add(s[i], saved[i]);
    }
}

#[inline]
#[target_feature(enable = "avx2")]
fn key_words(keys: &[KeyBlock; LANES], pad: u8) -> [V; 16] {
    core::array::from_fn(|t| {
        let words: [u32; LANES] = core::array::from_fn(|l| {
            let mut b = [0u8; 4];
            b.copy_from_slice(&keys[l][4 * t..4 * t + 4]);
            u32::from_be_bytes(b) ^ u32::from_ne_bytes([pad; 4])
        });
        // SAFETY: `words` is 32 readable bytes; loadu has no alignment requirement.
        unsafe { _mm256_loadu_si256(words.as_ptr().cast()) }
    })
}

/// HMAC-SHA-256 of the prepared message (`blocks`) under each of `LANES` padded keys: the
/// final states, as `prep::hmac256` returns them.
#[target_feature(enable = "avx2")]
pub(crate) fn hmac256(blocks: &[Wk], keys: &[KeyBlock; LANES]) -> [[u32; 8]; LANES] {
    let iv: [V; 8] = core::array::from_fn(|i| splat(IV256[i]));

    let mut inner = iv;
    compress(&mut inner, &mut key_words(keys, 0x36));
    for block in blocks {
        let saved = inner;
        for wk in block.iter().flatten() {
            round(&mut inner, splat(*wk));
        }
        for i in 0..8 {
            inner[i] = add(inner[i], saved[i]);
        }
    }

    let mut outer = iv;
    compress(&mut outer, &mut key_words(keys, 0x5c));
    // The outer block: the 32-byte inner digest, 0x80, zeros, length 768 bits.
    let mut w: [V; 16] = core::array::from_fn(|i| match i {
        0..=7 => inner[i],
        8 => splat(0x8000_0000),
        15 => splat(768),
        _ => _mm256_setzero_si256(),
    });
    compress(&mut outer, &mut w);

    let mut words = [[0u32; LANES]; 8];
    for (dst, v) in words.iter_mut().zip(outer) {
        // SAFETY: `dst` is 32 writable bytes; storeu has no alignment requirement.
        unsafe { _mm256_storeu_si256(dst.as_mut_ptr().cast(), v) };
    }
    core::array::from_fn(|l| core::array::from_fn(|i| words[i][l]))
}
