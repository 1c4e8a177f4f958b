//! HMAC-SHA-256 for several keys at once with the x86 SHA extensions (SHA-NI).
//!
//! One `sha256rnds2` depends on the previous one, so a single hash stream leaves the unit
//! idle most of each instruction's latency; interleaving `LANES` independent candidates
//! instruction by instruction fills those gaps. The message blocks' schedule comes
//! precomputed ([`Wk`]), so those blocks cost only the round instructions.
//!
//! State lives in the two registers the instructions use: `abef` holds words (a, b, e, f)
//! in elements 3..0 and `cdgh` holds (c, d, g, h).

// Lanes are parallel arrays (state, schedule, W+K) indexed together.
#![allow(clippy::needless_range_loop)]

use std::arch::x86_64::*;

use super::prep::{KeyBlock, Wk, IV256, K256};

/// Candidates hashed together by one call of [`hmac256`].
pub(crate) const LANES: usize = 4;

/// Whether this CPU has the instructions the kernel uses.
pub(crate) fn detected() -> bool {
    is_x86_feature_detected!("sha")
        && is_x86_feature_detected!("sse2")
        && is_x86_feature_detected!("ssse3")
        && is_x86_feature_detected!("sse4.1")
}

type State<const N: usize> = ([__m128i; N], [__m128i; N]);

/// Four rounds on every lane; `wk[l]` holds W+K for lane `l`.
#[inline]
#[target_feature(enable = "sha,sse2,ssse3,sse4.1")]
fn rounds4<const N: usize>(s: &mut State<N>, wk: &[__m128i; N]) {
    for l in 0..N {
        s.1[l] = _mm_sha256rnds2_epu32(s.1[l], s.0[l], wk[l]);
    }
    for l in 0..N {
        s.0[l] = _mm_sha256rnds2_epu32(s.0[l], s.1[l], _mm_shuffle_epi32::<0x0E>(wk[l]));
    }
}

/// Four rounds on every lane with the same W+K (a precomputed message block).
#[inline]
#[target_feature(enable = "sha,sse2,ssse3,sse4.1")]
fn rounds4_shared<const N: usize>(s: &mut State<N>, wk: __m128i) {
    let hi = _mm_shuffle_epi32::<0x0E>(wk);
    for l in 0..N {
        s.1[l] = _mm_sha256rnds2_epu32(s.1[l], s.0[l], wk);
    }
    for l in 0..N {
        s.0[l] = _mm_sha256rnds2_epu32(s.0[l], s.1[l], hi);
    }
}

#[inline]
#[target_feature(enable = "sse2")]
fn load_u32x4(v: &[u32; 4]) -> __m128i {
    // SAFETY: `v` is 16 readable bytes; loadu has no alignment requirement.
    unsafe { _mm_loadu_si128(v.as_ptr().cast()) }
}

#[inline]
#[target_feature(enable = "sse2")]
fn k(group: usize) -> __m128i {
    let mut v = [0u32; 4];
    v.copy_from_slice(&K256[4 * group..4 * group + 4]);
    load_u32x4(&v)
}

/// Rounds 4G..4G+3 of every lane, computing the schedule words they need (from G = 4 on)
/// in place in `w[l][G % 4]`. G is a constant so every index is too, and `w` stays in
/// registers once inlined.
#[inline]
#[target_feature(enable = "sha,sse2,ssse3,sse4.1")]
fn group<const N: usize, const G: usize>(s: &mut State<N>, w: &mut [[__m128i; 4]; N]) {
    let kk = k(G);
    let mut wk = [_mm_setzero_si128(); N];
    for l in 0..N {
        let w = &mut w[l];
        if G >= 4 {
            let t = _mm_add_epi32(
                _mm_sha256msg1_epu32(w[G % 4], w[(G + 1) % 4]),
                _mm_alignr_epi8::<4>(w[(G + 3) % 4], w[(G + 2) % 4]),
            );
            w[G % 4] = _mm_sha256msg2_epu32(t, w[(G + 3) % 4]);
        }
        wk[l] = _mm_add_epi32(w[G % 4], kk);
    }
    rounds4(s, &wk);
}

/// One compression of a block whose schedule is computed here: `w[l]` holds lane `l`'s
/// 16 message words, four per register, W\[0\] in element 0.
#[inline]
#[target_feature(enable = "sha,sse2,ssse3,sse4.1")]
fn compress<const N: usize>(s: &mut State<N>, w: &mut [[__m128i; 4]; N]) {
    let saved = *s;
    group::<N, 0>(s, w);
    group::<N, 1>(s, w);
    group::<N, 2>(s, w);
    group::<N, 3>(s, w);
    group::<N, 4>(s, w);
    group::<N, 5>(s, w);
    group::<N, 6>(s, w);
    group::<N, 7>(s, w);
    group::<N, 8>(s, w);
    group::<N, 9>(s, w);
    group::<N, 10>(s, w);
    group::<N, 11>(s, w);
    group::<N, 12>(s, w);
    group::<N, 13>(s, w);
    group::<N, 14>(s, w);
    group::<N, 15>(s, w);
    for l in 0..N {
        s.0[l] = _mm_add_epi32(s.0[l], saved.0[l]);
        s.1[l] = _mm_add_epi32(s.1[l], saved.1[l]);
    }
}

/// Compressions of blocks whose schedule was prepared once for all candidates.
#[inline]
#[target_feature(enable = "sha,sse2,ssse3,sse4.1")]
fn compress_prepared<const N: usize>(s: &mut State<N>, blocks: &[Wk]) {
    for block in blocks {
        let saved = *s;
        for wk in block {
            rounds4_shared(s, load_u32x4(wk));
        }
        for l in 0..N {
            s.0[l] = _mm_add_epi32(s.0[l], saved.0[l]);
            s.1[l] = _mm_add_epi32(s.1[l], saved.1[l]);
        }
    }
}

/// The state as words (a..d, e..h), each register with its first word in element 0 —
/// the digest order, and the message-word order of a block that holds the digest.
#[inline]
#[target_feature(enable = "sse2,ssse3,sse4.1")]
fn to_words(abef: __m128i, cdgh: __m128i) -> [__m128i; 2] {
    let feba = _mm_shuffle_epi32::<0x1B>(abef);
    let dchg = _mm_shuffle_epi32::<0xB1>(cdgh);
    [
        _mm_blend_epi16::<0xF0>(feba, dchg),
        _mm_alignr_epi8::<8>(dchg, feba),
    ]
}

/// The key block XOR `pad`, as big-endian message words.
#[inline]
#[target_feature(enable = "sse2,ssse3")]
fn key_words(key: &KeyBlock, pad: i8) -> [__m128i; 4] {
    let swap = _mm_set_epi64x(0x0C0D_0E0F_0809_0A0B, 0x0405_0607_0001_0203);
    let p = _mm_set1_epi8(pad);
    core::array::from_fn(|i| {
        // SAFETY: bytes 16i..16i+16 of the 128-byte key block are in bounds.
        let raw = unsafe { _mm_loadu_si128(key.as_ptr().add(16 * i).cast()) };
        _mm_shuffle_epi8(_mm_xor_si128(raw, p), swap)
    })
}

/// HMAC-SHA-256 of the prepared message (`blocks`) under each of `LANES` padded keys
/// (first 64 bytes of each block): the final states, as `prep::hmac256` returns them.
#[target_feature(enable = "sha,sse2,ssse3,sse4.1")]
pub(crate) fn hmac256(blocks: &[Wk], keys: &[KeyBlock; LANES]) -> [[u32; 8]; LANES] {
    let [a, b, c, d, e, f, g, h] = IV256.map(|x| x as i32);
    let iv = (_mm_set_epi32(a, b, e, f), _mm_set_epi32(c, d, g, h));

    // The ipad key blocks, then the opad ones: LANES independent streams each.
    let mut inner: State<LANES> = ([iv.0; LANES], [iv.1; LANES]);
    let mut w: [[__m128i; 4]; LANES] = core::array::from_fn(|l| key_words(&keys[l], 0x36));
    compress(&mut inner, &mut w);
    let mut outer: State<LANES> = ([iv.0; LANES], [iv.1; LANES]);
    let mut w: [[__m128i; 4]; LANES] = core::array::from_fn(|l| key_words(&keys[l], 0x5c));
    compress(&mut outer, &mut w);
    compress_prepared(&mut inner, blocks);

    // The outer block: the 32-byte inner digest, 0x80, zeros, length 768 bits.
    let mut w: [[__m128i; 4]; LANES] = core::array::from_fn(|l| {
        let [lo, hi] = to_words(inner.0[l], inner.1[l]);
        [
            lo,
            hi,
            _mm_set_epi32(0, 0, 0, 0x8000_0000u32 as i32),
            _mm_set_epi32(768, 0, 0, 0),
        ]
    });
    compress(&mut outer, &mut w);

    core::array::from_fn(|l| {
        let mut out = [0u32; 8];
        let [lo, hi] = to_words(outer.0[l], outer.1[l]);
        // SAFETY: `out` is 32 writable bytes; storeu has no alignment requirement.
        unsafe {
            _mm_storeu_si128(out.as_mut_ptr().cast(), lo);
            _mm_storeu_si128(out.as_mut_ptr().add(4).cast(), hi);
        }
        out
    })
}
