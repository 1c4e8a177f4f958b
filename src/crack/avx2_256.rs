//! HMAC-SHA-256 for eight keys at once with AVX2, the SHA-256 sibling of `avx2`, for CPUs
//! with neither the SHA extensions nor AVX-512 (Intel before Ice Lake, say): each 256-bit
//! register holds one state or message word of eight candidates. The message blocks'
//! schedule comes precomputed ([`Wk`]). The rounds are [`sha2_lanes!`]'s; this file holds
//! the 32-bit-lane AVX2 operations.

use std::arch::x86_64::*;

use super::avx2::{choose, majority, xor3, zero};
use super::prep::{KeyBlock, Wk, IV256, K256};
use super::sha2_lanes::sha2_lanes;

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

/// Shift each 32-bit lane right by a constant.
macro_rules! shr {
    ($x:expr, $n:literal) => {
        _mm256_srli_epi32::<$n>($x)
    };
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
fn load(x: &[u32; LANES]) -> V {
    // SAFETY: `x` is 32 readable bytes; loadu has no alignment requirement.
    unsafe { _mm256_loadu_si256(x.as_ptr().cast()) }
}

#[inline]
#[target_feature(enable = "avx2")]
fn store(dst: &mut [u32; LANES], v: V) {
    // SAFETY: `dst` is 32 writable bytes; storeu has no alignment requirement.
    unsafe { _mm256_storeu_si256(dst.as_mut_ptr().cast(), v) }
}

sha2_lanes! {
    feature: "avx2",
    word: u32,
    k: K256,
    rounds: 64,
    big_sigma0: (2, 13, 22),
    big_sigma1: (6, 11, 25),
    sigma0: (7, 18, 3),
    sigma1: (17, 19, 10),
    block: Wk,
    words: |block| block.as_flattened(),
}

/// HMAC-SHA-256 of the prepared message (`blocks`) under each of `LANES` padded keys: the
/// final states, as `prep::hmac256` returns them.
#[target_feature(enable = "avx2")]
pub(crate) fn hmac256(blocks: &[Wk], keys: &[KeyBlock; LANES]) -> [[u32; 8]; LANES] {
    hmac(&IV256, 8, blocks, keys)
}
