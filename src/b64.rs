//! base64url: strict (RFC 4648 §5, no padding) as JWS and JWK require (RFC 7515 §2), a
//! lenient reader for recognising captured formats, and the crate's one fast strict decoder
//! ([`decode_into`], with AVX-512 VBMI or AVX2) and fast encoder ([`encode_public`]) for public data: JWS
//! and JWE segments. Key material goes through the data-independent [`encode`]/[`decode`].

use base64ct::{Base64UrlUnpadded, Encoding};

#[cfg(target_arch = "x86_64")]
#[path = "b64_avx2.rs"]
mod avx2;
#[cfg(target_arch = "x86_64")]
#[path = "b64_avx512.rs"]
mod avx512;

/// Encode bytes as unpadded base64url.
pub fn encode(data: &[u8]) -> String {
    Base64UrlUnpadded::encode_string(data)
}

/// Decode unpadded base64url; padding, other alphabets, whitespace and non-canonical
/// trailing bits are rejected with a reason, because a lenient decoder lets two different
/// strings carry one signature.
pub fn decode(s: &str) -> Result<Vec<u8>, String> {
    if s.ends_with('=') {
        return Err("padding '=' is not allowed in base64url".into());
    }
    if let Some(c) = s
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
    {
        return Err(format!("character {c:?} is not base64url"));
    }
    if s.len() % 4 == 1 {
        return Err("truncated base64url (length is 1 mod 4)".into());
    }
    Base64UrlUnpadded::decode_vec(s).map_err(|_| "non-canonical base64url".to_string())
}

/// Decode base64url leniently, tolerating the `=` padding some producers leave on: for
/// recognising formats and reading captured traffic, never for checking a signature.
pub fn decode_lenient(s: &str) -> Option<Vec<u8>> {
    Base64UrlUnpadded::decode_vec(s.trim_end_matches('=')).ok()
}

/// The base64url alphabet, in value order.
const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// [`encode`] by table lookups, for public data only (JWE ciphertext, IV, tag): the same
/// text, about twice base64ct's speed (its data-independent encoder was a large part of
/// encrypting 16 KiB), and as fast as the `base64` crate's encoder it replaces.
pub fn encode_public(data: &[u8]) -> String {
    let (triples, tail) = data.as_chunks::<3>();
    let whole = triples.len() * 4;
    let mut out = vec![0u8; whole + if tail.is_empty() { 0 } else { tail.len() + 1 }];
    let (body, rest) = out.split_at_mut(whole);
    let char = |v: u32, shift: u32| ALPHABET[(v >> shift) as usize & 63];
    // Two characters per lookup: 6 bytes are 48 bits, four 12-bit pair indices.
    let (sixes, three) = triples.as_chunks::<2>();
    let (body8, body4) = body.split_at_mut(sixes.len() * 8);
    for ([[a, b, c], [d, e, f]], o) in sixes.iter().zip(body8.as_chunks_mut::<8>().0) {
        let v = u64::from_be_bytes([0, 0, *a, *b, *c, *d, *e, *f]);
        let [p, q, r, s] = [36, 24, 12, 0].map(|k| PAIRS[(v >> k) as usize & 0xfff]);
        *o = [p[0], p[1], q[0], q[1], r[0], r[1], s[0], s[1]];
    }
    for (&[a, b, c], o) in three.iter().zip(body4.as_chunks_mut::<4>().0) {
        let v = u32::from_be_bytes([0, a, b, c]);
        *o = [char(v, 18), char(v, 12), char(v, 6), char(v, 0)];
    }
    match (tail, rest) {
        (&[a], [x, y]) => {
            let v = u32::from(a) << 16;
            [*x, *y] = [char(v, 18), char(v, 12)];
        }
        (&[a, b], [x, y, z]) => {
            let v = u32::from_be_bytes([0, a, b, 0]);
            [*x, *y, *z] = [char(v, 18), char(v, 12), char(v, 6)];
        }
        _ => {}
    }
    String::from_utf8(out).expect("the alphabet is ASCII")
}

/// The two characters of each 12-bit value.
static PAIRS: [[u8; 2]; 4096] = {
    let mut t = [[0u8; 2]; 4096];
    let mut i = 0;
    while i < 4096 {
        t[i] = [ALPHABET[i >> 6], ALPHABET[i & 63]];
        i += 1;
    }
    t
};

/// base64url alphabet value of each byte, 0xff for bytes outside it.
const DECODE: [u8; 256] = {
    let mut t = [0xffu8; 256];
    let mut i = 0;
    while i < 64 {
        let c = ALPHABET[i];
        t[c as usize] = i as u8;
        i += 1;
    }
    t
};

/// [`decode`] into a reused buffer, for bulk verification: the same strict rules (it
/// accepts exactly what `decode` accepts, with the same bytes), `false` instead of a
/// reason. Table-driven rather than constant-time: what it decodes (JWS segments) is public.
pub fn decode_into(s: &[u8], out: &mut Vec<u8>) -> bool {
    out.clear();
    decode_append(s, out)
}

/// [`decode_into`] appending to `out` (bulk decryption decodes a ciphertext straight into
/// the output it is decrypted in): `false`, with `out` as long as it was, on input
/// `decode` refuses.
pub fn decode_append(s: &[u8], out: &mut Vec<u8>) -> bool {
    if s.len() % 4 == 1 {
        return false;
    }
    let at = out.len();
    // Sized once and written in place: `extend_from_slice` per quad re-checked the
    // capacity every 3 bytes and kept the loop from unrolling.
    out.resize(at + s.len() / 4 * 3 + (s.len() % 4).saturating_sub(1), 0);
    let ok = decode_to(s, &mut out[at..]);
    if !ok {
        out.truncate(at);
    }
    ok
}

/// Decode `s` into `out`, exactly as long as its decoding; see [`decode_into`].
fn decode_to(s: &[u8], out: &mut [u8]) -> bool {
    let (quads, tail) = s.as_chunks::<4>();
    let whole = quads.len() * 3;
    let (body, rest) = out.split_at_mut(whole);
    let simd = simd_prefix(s, body);
    let Some(done) = simd else { return false };
    let mut bad = 0u8;
    for (q, o) in quads[done / 4..]
        .iter()
        .zip(body[done / 4 * 3..].as_chunks_mut::<3>().0)
    {
        let [a, b, c, d] = q.map(|x| DECODE[x as usize]);
        bad |= a | b | c | d;
        let v = (u32::from(a) << 18) | (u32::from(b) << 12) | (u32::from(c) << 6) | u32::from(d);
        let [_, x, y, z] = v.to_be_bytes();
        *o = [x, y, z];
    }
    match (tail, rest) {
        ([], []) => {}
        (&[a, b], [o]) => {
            let (a, b) = (DECODE[a as usize], DECODE[b as usize]);
            // Non-canonical: the bits below the last whole byte must be zero.
            bad |= a | b | if b & 0x0f != 0 { 0xff } else { 0 };
            *o = (a << 2) | (b >> 4);
        }
        (&[a, b, c], [o1, o2]) => {
            let (a, b, c) = (DECODE[a as usize], DECODE[b as usize], DECODE[c as usize]);
            bad |= a | b | c | if c & 0x03 != 0 { 0xff } else { 0 };
            *o1 = (a << 2) | (b >> 4);
            *o2 = (b << 4) | (c >> 2);
        }
        _ => return false,
    }
    // Every valid value is below 64, so any 0xff (or a set high bit) marks a bad input.
    bad & 0xc0 == 0
}

/// Decode what the vector decoder can of `s` into `out`: the characters done, or `None`
/// when it saw a byte outside the alphabet. `Some(0)` where there is no vector decoder.
fn simd_prefix(s: &[u8], out: &mut [u8]) -> Option<usize> {
    #[cfg(target_arch = "x86_64")]
    if s.len() >= 64 && avx512::detected() {
        // SAFETY: the CPU has AVX-512 F, BW and VBMI (checked just above).
        return unsafe { avx512::decode_chunks(s, out) };
    }
    #[cfg(target_arch = "x86_64")]
    if s.len() >= 32 && avx2::detected() {
        // SAFETY: the CPU has AVX2 (checked just above).
        return unsafe { avx2::decode_chunks(s, out) };
    }
    let _ = (s, out);
    Some(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn rejects_padding_and_standard_alphabet() {
        assert!(decode("YQ==").is_err());
        assert!(decode("a+b/").is_err());
        assert!(decode("YQ").is_ok());
        assert!(decode("Y").is_err());
    }

    /// Every byte value at every place of two vector chunks: accepted exactly when it is
    /// in the base64url alphabet, and decoded to the scalar decoder's bytes.
    #[test]
    fn the_vector_decoder_classifies_every_byte_like_the_table() {
        let base: Vec<u8> = encode(&(0..48u8).collect::<Vec<_>>()).into_bytes();
        assert_eq!(base.len(), 64);
        for at in 0..base.len() {
            for byte in 0..=255u8 {
                let mut t = base.clone();
                t[at] = byte;
                let mut out = Vec::new();
                let ok = decode_into(&t, &mut out);
                assert_eq!(ok, DECODE[byte as usize] != 0xff, "byte {byte:#x} at {at}");
                if ok {
                    assert_eq!(out, decode(std::str::from_utf8(&t).unwrap()).unwrap());
                }
            }
        }
    }

    /// Each vector decoder this CPU has, called directly on every byte value at every
    /// place of two of its chunks: refused exactly where the table refuses, and else the
    /// table's bytes (the test above reaches only the decoder `decode_into` picks).
    #[cfg(target_arch = "x86_64")]
    #[test]
    fn every_vector_decoder_classifies_every_byte_like_the_table() {
        type Decoder = unsafe fn(&[u8], &mut [u8]) -> Option<usize>;
        let mut decoders: Vec<(Decoder, usize)> = Vec::new();
        if avx2::detected() {
            decoders.push((avx2::decode_chunks, 32));
        }
        if avx512::detected() {
            decoders.push((avx512::decode_chunks, 64));
        }
        for (decode_chunks, chunk) in decoders {
            let base = encode(&(0..chunk as u8 * 3 / 2).collect::<Vec<_>>()).into_bytes();
            assert_eq!(base.len(), chunk * 2);
            for at in 0..base.len() {
                for byte in 0..=255u8 {
                    let mut t = base.clone();
                    t[at] = byte;
                    let mut out = vec![0; chunk * 3 / 2];
                    // SAFETY: the CPU has what this decoder needs (detected above).
                    let got = unsafe { decode_chunks(&t, &mut out) };
                    if DECODE[byte as usize] == 0xff {
                        assert_eq!(got, None, "byte {byte:#x} at {at}");
                    } else {
                        assert_eq!(got, Some(t.len()), "byte {byte:#x} at {at}");
                        assert_eq!(out, decode(std::str::from_utf8(&t).unwrap()).unwrap());
                    }
                }
            }
        }
    }

    #[test]
    fn rejects_noncanonical_trailing_bits() {
        // "YR" decodes to 'a' only if trailing bits are ignored.
        assert!(decode("YR").is_err());
    }

    #[test]
    fn lenient_decoding_tolerates_padding_only() {
        assert_eq!(decode_lenient("YQ=="), Some(b"a".to_vec()));
        assert_eq!(decode_lenient("YQ"), Some(b"a".to_vec()));
        assert_eq!(decode_lenient("a+b/"), None);
    }

    proptest! {
        #[test]
        fn round_trips(data in proptest::collection::vec(any::<u8>(), 0..200)) {
            prop_assert_eq!(decode(&encode(&data)).unwrap(), data);
        }

        /// The bulk decoder accepts exactly what `decode` accepts, with the same bytes.
        #[test]
        fn decode_into_agrees_with_decode(s in "[A-Za-z0-9_=+/. -]{0,40}") {
            let mut out = Vec::new();
            let ok = decode_into(s.as_bytes(), &mut out);
            match decode(&s) {
                Ok(v) => { prop_assert!(ok); prop_assert_eq!(out, v); }
                Err(_) => prop_assert!(!ok),
            }
        }

        /// Long inputs go through the vector decoder: one byte anywhere replaced by any
        /// value must be refused exactly when `decode` refuses it.
        #[test]
        fn decode_into_agrees_with_decode_on_long_inputs(
            data in proptest::collection::vec(any::<u8>(), 0..300),
            at in any::<proptest::sample::Index>(),
            byte in any::<u8>(),
            corrupt in any::<bool>(),
        ) {
            let mut text = encode(&data).into_bytes();
            if corrupt && !text.is_empty() {
                let i = at.index(text.len());
                text[i] = byte;
            }
            let mut out = Vec::new();
            let ok = decode_into(&text, &mut out);
            match std::str::from_utf8(&text).ok().map(decode) {
                Some(Ok(v)) => { prop_assert!(ok); prop_assert_eq!(out, v); }
                _ => prop_assert!(!ok),
            }
        }

        /// Appending decodes the same bytes after what `out` held, and leaves it as it
        /// was on input `decode` refuses.
        #[test]
        fn decode_append_agrees_with_decode(
            data in proptest::collection::vec(any::<u8>(), 0..300),
            at in any::<proptest::sample::Index>(),
            byte in any::<u8>(),
        ) {
            let mut text = encode(&data).into_bytes();
            if !text.is_empty() {
                let i = at.index(text.len());
                text[i] = byte;
            }
            let mut out = b"kept".to_vec();
            let ok = decode_append(&text, &mut out);
            match std::str::from_utf8(&text).ok().map(decode) {
                Some(Ok(v)) => { prop_assert!(ok); prop_assert_eq!(&out[..4], b"kept"); prop_assert_eq!(&out[4..], &v[..]); }
                _ => { prop_assert!(!ok); prop_assert_eq!(out, b"kept".to_vec()); }
            }
        }

        #[test]
        fn decode_into_round_trips(data in proptest::collection::vec(any::<u8>(), 0..200)) {
            let mut out = Vec::new();
            prop_assert!(decode_into(encode(&data).as_bytes(), &mut out));
            prop_assert_eq!(out, data);
        }

        #[test]
        fn encode_public_writes_what_encode_writes(data in proptest::collection::vec(any::<u8>(), 0..200)) {
            prop_assert_eq!(encode_public(&data), encode(&data));
        }

        #[test]
        fn never_panics(s in ".{0,64}") {
            let _ = decode(&s);
        }
    }
}
