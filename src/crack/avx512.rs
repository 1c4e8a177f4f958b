//! HMAC-SHA-384/512 for eight keys at once with AVX-512: each 512-bit register holds one
//! state word (or message word) of eight independent candidates, so one instruction
//! advances all eight. AVX-512's rotates and three-input logic (`vpternlogq`) make a round
//! about sixteen instructions. The message blocks' schedule comes precomputed ([`Wk512`]).
//! The rounds are [`sha2_lanes!`]'s; this file holds the AVX-512 operations (the bitwise
//! ones shared with `avx512_256`).

use std::arch::x86_64::*;

use super::prep::{KeyBlock, Wk512, IV384, IV512, K512};
use super::sha2_lanes::sha2_lanes;

/// Candidates hashed together by one call of [`hmac512`].
pub(crate) const LANES: usize = 8;

/// Whether this CPU has the instructions the kernel uses.
pub(crate) fn detected() -> bool {
    is_x86_feature_detected!("avx512f")
}

type V = __m512i;
const XOR3: i32 = 0x96;
const CHOOSE: i32 = 0xCA;
const MAJORITY: i32 = 0xE8;

/// Rotate each 64-bit lane right by a constant.
macro_rules! ror {
    ($x:expr, $n:literal) => {
        _mm512_ror_epi64::<$n>($x)
    };
}

/// Shift each 64-bit lane right by a constant.
macro_rules! shr {
    ($x:expr, $n:literal) => {
        _mm512_srli_epi64::<$n>($x)
    };
}

#[inline]
#[target_feature(enable = "avx512f")]
pub(super) fn xor3(a: V, b: V, c: V) -> V {
    _mm512_ternarylogic_epi64::<XOR3>(a, b, c)
}

/// Ch(e, f, g), one `vpternlogq`.
#[inline]
#[target_feature(enable = "avx512f")]
pub(super) fn choose(e: V, f: V, g: V) -> V {
    _mm512_ternarylogic_epi64::<CHOOSE>(e, f, g)
}

/// Maj(a, b, c), one `vpternlogq`.
#[inline]
#[target_feature(enable = "avx512f")]
pub(super) fn majority(a: V, b: V, c: V) -> V {
    _mm512_ternarylogic_epi64::<MAJORITY>(a, b, c)
}

#[inline]
#[target_feature(enable = "avx512f")]
pub(super) fn zero() -> V {
    _mm512_setzero_si512()
}

#[inline]
#[target_feature(enable = "avx512f")]
fn splat(x: u64) -> V {
    _mm512_set1_epi64(x as i64)
}

#[inline]
#[target_feature(enable = "avx512f")]
fn add(a: V, b: V) -> V {
    _mm512_add_epi64(a, b)
}

#[inline]
#[target_feature(enable = "avx512f")]
fn load(x: &[u64; LANES]) -> V {
    // SAFETY: `x` is 64 readable bytes; loadu has no alignment requirement.
    unsafe { _mm512_loadu_si512(x.as_ptr().cast()) }
}

#[inline]
#[target_feature(enable = "avx512f")]
fn store(dst: &mut [u64; LANES], v: V) {
    // SAFETY: `dst` is 64 writable bytes; storeu has no alignment requirement.
    unsafe { _mm512_storeu_si512(dst.as_mut_ptr().cast(), v) }
}

sha2_lanes! {
    feature: "avx512f",
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
#[target_feature(enable = "avx512f")]
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
