//! HMAC-SHA-384/512 for four keys at once with AVX2, for CPUs without AVX-512: each 256-bit
//! register holds one state word (or message word) of four independent candidates. AVX2
//! has no 64-bit rotate and no three-input logic, so a rotate is two shifts and an OR and a
//! round is about forty instructions for four candidates, still well under four scalar
//! rounds. The message blocks' schedule comes precomputed ([`Wk512`]).

// Lanes are parallel arrays indexed together.
#![allow(clippy::needless_range_loop)]

use std::arch::x86_64::*;

use super::prep::{KeyBlock, Wk512, IV384, IV512, K512};

/// Candidates hashed together by one call of [`hmac512`].
pub(crate) const LANES: usize = 4;

/// Whether this CPU has the instructions the kernel uses.
pub(crate) fn detected() -> bool {
    is_x86_feature_detected!("avx2")
}

type V = __m256i;

/// Rotate each 64-bit lane right by a constant.
macro_rules! ror {
    ($x:expr, $n:literal) => {
        _mm256_or_si256(
            _mm256_srli_epi64::<$n>($x),
            _mm256_slli_epi64::<{ 64 - $n }>($x),
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
fn splat(x: u64) -> V {
    _mm256_set1_epi64x(x as i64)
}

#[inline]
#[target_feature(enable = "avx2")]
fn lanes(x: &[u64; LANES]) -> V {
    // SAFETY: `x` is 32 readable bytes; loadu has no alignment requirement.
    unsafe { _mm256_loadu_si256(x.as_ptr().cast()) }
}

#[inline]
#[target_feature(enable = "avx2")]
fn add(a: V, b: V) -> V {
    _mm256_add_epi64(a, b)
}

#[inline]
#[target_feature(enable = "avx2")]
fn round(s: &mut [V; 8], wk: V) {
    let [a, b, c, d, e, f, g, h] = *s;
    let big_sigma1 = xor3(ror!(e, 14), ror!(e, 18), ror!(e, 41));
    let big_sigma0 = xor3(ror!(a, 28), ror!(a, 34), ror!(a, 39));
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

/// Round T of a block whose schedule is computed here, in the 16-word window `w`. T is a
/// constant so the window indices are too, and `w` stays in registers once inlined.
#[inline]
#[target_feature(enable = "avx2")]
fn step<const J: usize>(s: &mut [V; 8], w: &mut [V; 16], t: usize) {
    if t + J >= 16 {
        let w15 = w[(J + 1) % 16];
        let w2 = w[(J + 14) % 16];
        let sigma0 = xor3(ror!(w15, 1), ror!(w15, 8), _mm256_srli_epi64::<7>(w15));
        let sigma1 = xor3(ror!(w2, 19), ror!(w2, 61), _mm256_srli_epi64::<6>(w2));
        w[J] = add(add(w[J], sigma0), add(w[(J + 9) % 16], sigma1));
    }
    round(s, add(w[J], splat(K512[t + J])));
}

/// One compression of a block given as sixteen message-word vectors.
#[inline]
#[target_feature(enable = "avx2")]
fn compress(s: &mut [V; 8], w: &mut [V; 16]) {
    let saved = *s;
    for t in (0..80).step_by(16) {
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

/// The key blocks XOR `pad` as big-endian message words, one lane per key.
#[inline]
#[target_feature(enable = "avx2")]
fn key_words(keys: &[KeyBlock; LANES], pad: u8) -> [V; 16] {
    core::array::from_fn(|t| {
        let words: [u64; LANES] = core::array::from_fn(|l| {
            let mut b = [0u8; 8];
            b.copy_from_slice(&keys[l][8 * t..8 * t + 8]);
            u64::from_be_bytes(b) ^ u64::from_ne_bytes([pad; 8])
        });
        lanes(&words)
    })
}

/// HMAC-SHA-384 (`sha384`) or HMAC-SHA-512 of the prepared message (`blocks`) under each
/// of `LANES` padded keys: the final states, as `prep::hmac512` returns them.
#[target_feature(enable = "avx2")]
pub(crate) fn hmac512(
    sha384: bool,
    blocks: &[Wk512],
    keys: &[KeyBlock; LANES],
) -> [[u64; 8]; LANES] {
    let iv = if sha384 { IV384 } else { IV512 };
    let iv: [V; 8] = core::array::from_fn(|i| splat(iv[i]));

    let mut inner = iv;
    compress(&mut inner, &mut key_words(keys, 0x36));
    for block in blocks {
        let saved = inner;
        for wk in block {
            round(&mut inner, splat(*wk));
        }
        for i in 0..8 {
            inner[i] = add(inner[i], saved[i]);
        }
    }

    let mut outer = iv;
    compress(&mut outer, &mut key_words(keys, 0x5c));
    // The outer block: the inner digest (6 or 8 words), 0x80, zeros, the length in bits.
    let digest_words = if sha384 { 6 } else { 8 };
    let mut w: [V; 16] = core::array::from_fn(|i| match i {
        i if i < digest_words => inner[i],
        i if i == digest_words => splat(1 << 63),
        15 => splat(((128 + 8 * digest_words) * 8) as u64),
        _ => _mm256_setzero_si256(),
    });
    compress(&mut outer, &mut w);

    let mut words = [[0u64; LANES]; 8];
    for (dst, v) in words.iter_mut().zip(outer) {
        // SAFETY: `dst` is 32 writable bytes; storeu has no alignment requirement.
        unsafe { _mm256_storeu_si256(dst.as_mut_ptr().cast(), v) };
    }
    core::array::from_fn(|l| core::array::from_fn(|i| words[i][l]))
}
