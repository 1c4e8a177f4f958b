//! base64url decoding 64 characters at a time with AVX-512 VBMI, for bulk decryption (a
//! 16 KiB JWE's ciphertext is 22,000 characters, and the AVX2 decoder was a third of bulk
//! `decrypt -`). Same strict alphabet as the scalar decoder; the caller decodes the tail
//! and checks the trailing bits. Only public data (JWS and JWE segments) comes through here.
//!
//! Per 64 characters: one two-table byte permute maps each character to its 6-bit value
//! (the scalar decoder's table, 0xff outside the alphabet), a byte with its high bit set,
//! in the input or the value, marks a bad character; two multiply-adds pack four values
//! into 24 bits and one byte permute lays the 48 bytes out in order.

use std::arch::x86_64::*;

/// Whether this CPU has what [`decode_chunks`] uses.
pub(super) fn detected() -> bool {
    is_x86_feature_detected!("avx512f")
        && is_x86_feature_detected!("avx512bw")
        && is_x86_feature_detected!("avx512vbmi")
}

/// Decode the whole 64-character chunks of `s` into `out` (48 bytes each), returning the
/// characters consumed, or `None` if any of them is outside the alphabet.
///
/// # Safety
/// The CPU must have AVX-512 F, BW and VBMI ([`detected`]).
#[target_feature(enable = "avx512f,avx512bw,avx512vbmi")]
pub(super) unsafe fn decode_chunks(s: &[u8], out: &mut [u8]) -> Option<usize> {
    let (chunks, _) = s.as_chunks::<64>();
    let table = &super::DECODE;
    // SAFETY: `table` is 256 readable bytes; loadu has no alignment requirement.
    let (lo, hi) = unsafe {
        (
            _mm512_loadu_si512(table.as_ptr().cast()),
            _mm512_loadu_si512(table[64..].as_ptr().cast()),
        )
    };
    // Output byte i is byte 2 - i % 3 of 32-bit word i / 3 (each word holds 24 bits).
    let order: [u8; 64] = std::array::from_fn(|i| {
        if i < 48 {
            (i / 3 * 4 + 2 - i % 3) as u8
        } else {
            0
        }
    });
    // SAFETY: `order` is 64 readable bytes.
    let order = unsafe { _mm512_loadu_si512(order.as_ptr().cast()) };
    let pair = _mm512_set1_epi32(0x0140_0140);
    let quad = _mm512_set1_epi32(0x0001_1000);
    for (c, o) in chunks.iter().zip(out.as_chunks_mut::<48>().0) {
        // SAFETY: `c` is 64 readable bytes.
        let v = unsafe { _mm512_loadu_si512(c.as_ptr().cast()) };
        // Indexed by the low 7 bits: a byte of 0x80 and above is caught by its own bit.
        let vals = _mm512_permutex2var_epi8(lo, v, hi);
        if _mm512_movepi8_mask(_mm512_or_si512(v, vals)) != 0 {
            return None;
        }
        let words = _mm512_madd_epi16(_mm512_maddubs_epi16(vals, pair), quad);
        let bytes = _mm512_permutexvar_epi8(order, words);
        // SAFETY: `o` is 48 writable bytes, and the mask writes only those.
        unsafe { _mm512_mask_storeu_epi8(o.as_mut_ptr().cast(), (1u64 << 48) - 1, bytes) };
    }
    Some(chunks.len() * 64)
}
