//! base64url decoding 32 characters at a time with AVX2, for bulk verification (a token's
//! payload is most of its bytes, and the scalar table walk was a tenth of an HS256
//! verification). Same strict alphabet as the scalar decoder; the caller decodes the tail
//! and checks the trailing bits. Only public data (JWS segments) comes through here.
//!
//! Per 32 characters: range compares classify each byte (A-Z, a-z, 0-9, '-', '_'; bytes
//! of 0x80 and above are negative as i8 and match no range), one add maps it to its 6-bit
//! value, two multiply-adds pack four values into 24 bits, and a shuffle and a permute
//! lay the 24 bytes out in order.

use std::arch::x86_64::*;

/// Whether this CPU has AVX2.
pub(super) fn detected() -> bool {
    is_x86_feature_detected!("avx2")
}

/// Decode the whole 32-character chunks of `s` into `out` (24 bytes each), returning the
/// characters consumed, or `None` if any of them is outside the alphabet.
///
/// # Safety
/// The CPU must have AVX2 ([`detected`]).
#[target_feature(enable = "avx2")]
pub(super) unsafe fn decode_chunks(s: &[u8], out: &mut [u8]) -> Option<usize> {
    let (chunks, _) = s.as_chunks::<32>();
    for (c, o) in chunks.iter().zip(out.as_chunks_mut::<24>().0) {
        *o = chunk(c)?;
    }
    Some(chunks.len() * 32)
}

#[inline]
#[target_feature(enable = "avx2")]
fn chunk(c: &[u8; 32]) -> Option<[u8; 24]> {
    // SAFETY: `c` is 32 readable bytes; loadu has no alignment requirement.
    let v = unsafe { _mm256_loadu_si256(c.as_ptr().cast()) };
    let set = |b: u8| _mm256_set1_epi8(b as i8);
    // v in lo..=hi, as signed bytes (all bounds are below 0x80).
    let within = |lo: u8, hi: u8| {
        _mm256_and_si256(
            _mm256_cmpgt_epi8(v, set(lo - 1)),
            _mm256_cmpgt_epi8(set(hi + 1), v),
        )
    };
    let upper = within(b'A', b'Z');
    let lower = within(b'a', b'z');
    let digit = within(b'0', b'9');
    let dash = _mm256_cmpeq_epi8(v, set(b'-'));
    let under = _mm256_cmpeq_epi8(v, set(b'_'));
    let valid = _mm256_or_si256(
        _mm256_or_si256(upper, lower),
        _mm256_or_si256(digit, _mm256_or_si256(dash, under)),
    );
    if _mm256_movemask_epi8(valid) != -1 {
        return None;
    }
    // What to add to each character to get its value (wrapping bytes).
    let offset = _mm256_or_si256(
        _mm256_or_si256(
            _mm256_and_si256(upper, set(0u8.wrapping_sub(b'A'))),
            _mm256_and_si256(lower, set(26u8.wrapping_sub(b'a'))),
        ),
        _mm256_or_si256(
            _mm256_and_si256(digit, set(52u8.wrapping_sub(b'0'))),
            _mm256_or_si256(
                _mm256_and_si256(dash, set(62u8.wrapping_sub(b'-'))),
                _mm256_and_si256(under, set(63u8.wrapping_sub(b'_'))),
            ),
        ),
    );
    let vals = _mm256_add_epi8(v, offset);
    // Pairs of 6-bit values into 12 bits (a·64 + b), then pairs of those into 24 bits.
    let pairs = _mm256_maddubs_epi16(vals, _mm256_set1_epi32(0x0140_0140));
    let words = _mm256_madd_epi16(pairs, _mm256_set1_epi32(0x0001_1000));
    // Each 32-bit word holds 3 output bytes, most significant first in the output.
    let order = _mm256_setr_epi8(
        2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1, //
        2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1,
    );
    let bytes = _mm256_shuffle_epi8(words, order);
    let packed = _mm256_permutevar8x32_epi32(bytes, _mm256_setr_epi32(0, 1, 2, 4, 5, 6, 7, 7));
    let mut all = [0u8; 32];
    // SAFETY: `all` is 32 writable bytes; storeu has no alignment requirement.
    unsafe { _mm256_storeu_si256(all.as_mut_ptr().cast(), packed) };
    let mut o = [0u8; 24];
    o.copy_from_slice(&all[..24]);
    Some(o)
}
