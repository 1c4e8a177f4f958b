//! HMAC-SHA-256 for sixteen keys at once with AVX-512, the SHA-256 sibling of `avx512`:
//! each 512-bit register holds one state or message word of sixteen candidates. The message
//! blocks' schedule comes precomputed ([`Wk`]).

// Lanes are parallel arrays indexed together.
#![allow(clippy::needless_range_loop)]

use std::arch::x86_64::*;

use super::prep::{KeyBlock, Wk, IV256, K256};

/// Candidates hashed together by one call of [`hmac256`].
pub(crate) const LANES: usize = 16;

type V = __m512i;
const XOR3: i32 = 0x96;
const CHOOSE: i32 = 0xCA;
const MAJORITY: i32 = 0xE8;

#[inline]
#[target_feature(enable = "avx512f")]
fn splat(x: u32) -> V {
    _mm512_set1_epi32(x as i32)
}

#[inline]
#[target_feature(enable = "avx512f")]
fn add(a: V, b: V) -> V {
    _mm512_add_epi32(a, b)
}

#[inline]
#[target_feature(enable = "avx512f")]
fn round(s: &mut [V; 8], wk: V) {
    let [a, b, c, d, e, f, g, h] = *s;
    let big_sigma1 = _mm512_ternarylogic_epi32::<XOR3>(
        _mm512_ror_epi32::<6>(e),
        _mm512_ror_epi32::<11>(e),
        _mm512_ror_epi32::<25>(e),
    );
    let big_sigma0 = _mm512_ternarylogic_epi32::<XOR3>(
        _mm512_ror_epi32::<2>(a),
        _mm512_ror_epi32::<13>(a),
        _mm512_ror_epi32::<22>(a),
    );
    let t1 = add(
        add(h, big_sigma1),
        add(_mm512_ternarylogic_epi32::<CHOOSE>(e, f, g), wk),
    );
    let t2 = add(big_sigma0, _mm512_ternarylogic_epi32::<MAJORITY>(a, b, c));
    *s = [add(t1, t2), a, b, c, add(d, t1), e, f, g];
}

/// Round t + J, extending the 16-word schedule window `w` in place from t + J = 16 on.
#[inline]
#[target_feature(enable = "avx512f")]
fn step<const J: usize>(s: &mut [V; 8], w: &mut [V; 16], t: usize) {
    if t + J >= 16 {
        let w15 = w[(J + 1) % 16];
        let w2 = w[(J + 14) % 16];
        let sigma0 = _mm512_ternarylogic_epi32::<XOR3>(
            _mm512_ror_epi32::<7>(w15),
            _mm512_ror_epi32::<18>(w15),
            _mm512_srli_epi32::<3>(w15),
        );
        let sigma1 = _mm512_ternarylogic_epi32::<XOR3>(
            _mm512_ror_epi32::<17>(w2),
            _mm512_ror_epi32::<19>(w2),
            _mm512_srli_epi32::<10>(w2),
        );
        w[J] = add(add(w[J], sigma0), add(w[(J + 9) % 16], sigma1));
    }
    round(s, add(w[J], splat(K256[t + J])));
}

#[inline]
#[target_feature(enable = "avx512f")]
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
#[target_feature(enable = "avx512f")]
fn key_words(keys: &[KeyBlock; LANES], pad: u8) -> [V; 16] {
    core::array::from_fn(|t| {
        let words: [u32; LANES] = core::array::from_fn(|l| {
            let mut b = [0u8; 4];
            b.copy_from_slice(&keys[l][4 * t..4 * t + 4]);
            u32::from_be_bytes(b) ^ u32::from_ne_bytes([pad; 4])
        });
        // SAFETY: `words` is 64 readable bytes; loadu has no alignment requirement.
        unsafe { _mm512_loadu_si512(words.as_ptr().cast()) }
    })
}

/// HMAC-SHA-256 of the prepared message (`blocks`) under each of `LANES` padded keys: the
/// final states, as `prep::hmac256` returns them.
#[target_feature(enable = "avx512f")]
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
        _ => _mm512_setzero_si512(),
    });
    compress(&mut outer, &mut w);

    let mut words = [[0u32; LANES]; 8];
    for (dst, v) in words.iter_mut().zip(outer) {
        // SAFETY: `dst` is 64 writable bytes; storeu has no alignment requirement.
        unsafe { _mm512_storeu_si512(dst.as_mut_ptr().cast(), v) };
    }
    core::array::from_fn(|l| core::array::from_fn(|i| words[i][l]))
}
