//! HMAC-SHA-384/512 for four keys at once with AVX2, for CPUs without AVX-512: each 256-bit
//! register holds one state word (or message word) of four independent candidates. AVX2
//! has no 64-bit rotate and no three-input logic, so a rotate is two shifts and an OR and a
//! round is about forty instructions for four candidates, still well under four scalar
//! rounds. The message blocks' schedule comes precomputed ([`Wk512`]). The rounds are
//! [`sha2_lanes!`]'s; this file holds the AVX2 operations (the bitwise ones shared with
//! `avx2_256`).

use std::arch::x86_64::*;

use super::prep::{KeyBlock, Wk512, IV384, IV512, K512};
use super::sha2_lanes::sha2_lanes;

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

/// Shift each 64-bit lane right by a constant.
macro_rules! shr {
    ($x:expr, $n:literal) => {
        _mm256_srli_epi64::<$n>($x)
    };
}

#[inline]
#[target_feature(enable = "avx2")]
pub(super) fn xor3(a: V, b: V, c: V) -> V {
    _mm256_xor_si256(_mm256_xor_si256(a, b), c)
}

/// Ch(e, f, g) = g ^ (e & (f ^ g)).
#[inline]
#[target_feature(enable = "avx2")]
pub(super) fn choose(e: V, f: V, g: V) -> V {
    _mm256_xor_si256(g, _mm256_and_si256(e, _mm256_xor_si256(f, g)))
}

/// Maj(a, b, c) = b ^ ((a ^ b) & (b ^ c)).
#[inline]
#[target_feature(enable = "avx2")]
pub(super) fn majority(a: V, b: V, c: V) -> V {
    _mm256_xor_si256(
        b,
        _mm256_and_si256(_mm256_xor_si256(a, b), _mm256_xor_si256(b, c)),
    )
}

#[inline]
#[target_feature(enable = "avx2")]
pub(super) fn zero() -> V {
    _mm256_setzero_si256()
}

#[inline]
#[target_feature(enable = "avx2")]
fn splat(x: u64) -> V {
    _mm256_set1_epi64x(x as i64)
}

#[inline]
#[target_feature(enable = "avx2")]
fn add(a: V, b: V) -> V {
    _mm256_add_epi64(a, b)
}

#[inline]
#[target_feature(enable = "avx2")]
fn load(x: &[u64; LANES]) -> V {
    // SAFETY: `x` is 32 readable bytes; loadu has no alignment requirement.
    unsafe { _mm256_loadu_si256(x.as_ptr().cast()) }
}

#[inline]
#[target_feature(enable = "avx2")]
fn store(dst: &mut [u64; LANES], v: V) {
    // SAFETY: `dst` is 32 writable bytes; storeu has no alignment requirement.
    unsafe { _mm256_storeu_si256(dst.as_mut_ptr().cast(), v) }
}

sha2_lanes! {
    feature: "avx2",
    word: u64,
    k: K512,
    rounds: 80,
    big_sigma0: (28, 34, 39),
    big_sigma1: (14, 18, 41),
    sigma0: (1, 8, 7),
    sigma1: (19, 61, 6),
    block: Wk512,
    words: |block| block,
}

/// HMAC-SHA-384 (`sha384`) or HMAC-SHA-512 of the prepared message (`blocks`) under each
/// of `LANES` padded keys: the final states, as `prep::hmac512` returns them.
#[target_feature(enable = "avx2")]
pub(crate) fn hmac512(
    sha384: bool,
    blocks: &[Wk512],
    keys: &[KeyBlock; LANES],
) -> [[u64; 8]; LANES] {
    if sha384 {
        hmac(&IV384, 6, blocks, keys)
    } else {
        hmac(&IV512, 8, blocks, keys)
    }
}
