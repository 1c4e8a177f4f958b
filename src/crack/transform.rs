//! The candidate transforms: canonical base64 (either alphabet, padding optional) and hex
//! decoding, written for the hot loop (no allocation once the scratch buffer has grown).
//!
//! Only canonical base64 is accepted (unused trailing bits zero), because a secret that a
//! framework base64-decodes was produced by an encoder; lenient decoding would only add
//! work (most words of length 4k+2 or 4k+3 decode leniently to meaningless keys).

use zeroize::Zeroizing;

use super::Transform;

const INVALID: u8 = 0xFF;
const STD_ONLY: u8 = 0x40;
const URL_ONLY: u8 = 0x80;

/// Per byte: its 6-bit value, tagged with the alphabet it belongs to only, or `INVALID`.
static B64: [u8; 256] = {
    let mut t = [INVALID; 256];
    let mut i = 0;
    while i < 26 {
        t[b'A' as usize + i] = i as u8;
        t[b'a' as usize + i] = 26 + i as u8;
        i += 1;
    }
    let mut d = 0;
    while d < 10 {
        t[b'0' as usize + d] = 52 + d as u8;
        d += 1;
    }
    t[b'+' as usize] = 62 | STD_ONLY;
    t[b'/' as usize] = 63 | STD_ONLY;
    t[b'-' as usize] = 62 | URL_ONLY;
    t[b'_' as usize] = 63 | URL_ONLY;
    t
};

/// Decode canonical base64 from `s` into `out` (cleared first). False when `s` is not
/// canonical base64 of at least one byte in one alphabet.
pub(crate) fn base64(s: &[u8], out: &mut Vec<u8>) -> bool {
    out.clear();
    let pad = s.iter().rev().take_while(|&&b| b == b'=').count();
    if pad > 2 || (pad > 0 && !s.len().is_multiple_of(4)) {
        return false;
    }
    let body = &s[..s.len() - pad];
    let tail = body.len() % 4;
    if body.is_empty() || tail == 1 || (pad > 0 && tail + pad != 4) {
        return false;
    }
    let mut seen = 0u8;
    let mut value = |b: u8| -> Option<u32> {
        let v = B64[b as usize];
        if v == INVALID {
            return None;
        }
        seen |= v & (STD_ONLY | URL_ONLY);
        Some(u32::from(v & 0x3F))
    };
    let full = body.len() - tail;
    for q in body[..full].chunks_exact(4) {
        let (Some(a), Some(b), Some(c), Some(d)) =
            (value(q[0]), value(q[1]), value(q[2]), value(q[3]))
        else {
            return false;
        };
        let n = (a << 18) | (b << 12) | (c << 6) | d;
        out.extend_from_slice(&[(n >> 16) as u8, (n >> 8) as u8, n as u8]);
    }
    let rest = &body[full..];
    match rest.len() {
        2 => {
            let (Some(a), Some(b)) = (value(rest[0]), value(rest[1])) else {
                return false;
            };
            if b & 0x0F != 0 {
                return false;
            }
            out.push(((a << 2) | (b >> 4)) as u8);
        }
        3 => {
            let (Some(a), Some(b), Some(c)) = (value(rest[0]), value(rest[1]), value(rest[2]))
            else {
                return false;
            };
            if c & 0x03 != 0 {
                return false;
            }
            let n = (a << 10) | (b << 4) | (c >> 2);
            out.extend_from_slice(&[(n >> 8) as u8, n as u8]);
        }
        _ => {}
    }
    seen != STD_ONLY | URL_ONLY
}

/// Decode hex (either case, even length, at least one byte) from `s` into `out`.
pub(crate) fn hex(s: &[u8], out: &mut Vec<u8>) -> bool {
    // An empty candidate is the empty secret already: no second, decoded, try.
    !s.is_empty() && crate::hex::decode_into(s, out)
}

/// The key `transform` makes of `candidate`, if it decodes.
pub(crate) fn apply(transform: Transform, candidate: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
    let mut out = Zeroizing::new(Vec::new());
    let ok = match transform {
        Transform::Plain => {
            out.extend_from_slice(candidate);
            true
        }
        Transform::Base64 => base64(candidate, &mut out),
        Transform::Hex => hex(candidate, &mut out),
    };
    ok.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64ct::{Base64, Base64Unpadded, Base64Url, Base64UrlUnpadded, Encoding};
    use proptest::prelude::*;

    fn b64(s: &str) -> Option<Vec<u8>> {
        let mut out = Vec::new();
        base64(s.as_bytes(), &mut out).then_some(out)
    }

    #[test]
    fn base64_accepts_both_alphabets_with_or_without_padding() {
        assert_eq!(b64("c2VjcmV0").unwrap(), b"secret");
        assert_eq!(b64("c2VjcmV0MQ==").unwrap(), b"secret1");
        assert_eq!(b64("c2VjcmV0MQ").unwrap(), b"secret1");
        assert_eq!(b64("+/+/").unwrap(), [0xfb, 0xff, 0xbf]);
        assert_eq!(b64("-_-_").unwrap(), [0xfb, 0xff, 0xbf]);
    }

    #[test]
    fn base64_rejects_mixed_alphabets_bad_padding_and_non_canonical_tails() {
        for bad in [
            "",
            "=",
            "a",
            "abcde",
            "+_ab",
            "c2VjcmV0MQ=",
            "c2VjcmV0M===",
            "ab=c",
            "secret",
            "ab c",
        ] {
            assert!(b64(bad).is_none(), "{bad:?}");
        }
    }

    #[test]
    fn hex_decodes_either_case_and_rejects_odd_or_non_hex() {
        let mut out = Vec::new();
        assert!(hex(b"00ffAb", &mut out));
        assert_eq!(out, [0, 0xff, 0xab]);
        for bad in [&b""[..], b"0", b"0g", b"abc"] {
            assert!(!hex(bad, &mut out));
        }
    }

    proptest! {
        #[test]
        fn base64_decodes_what_every_base64ct_variant_encodes(data in proptest::collection::vec(any::<u8>(), 1..80)) {
            for enc in [
                Base64::encode_string(&data),
                Base64Unpadded::encode_string(&data),
                Base64Url::encode_string(&data),
                Base64UrlUnpadded::encode_string(&data),
            ] {
                prop_assert_eq!(b64(&enc), Some(data.clone()));
            }
        }

        #[test]
        fn base64_agrees_with_base64ct_on_arbitrary_strings(s in "[A-Za-z0-9+/_=-]{0,16}") {
            let ours = b64(&s);
            let theirs = [
                Base64::decode_vec(&s).ok(),
                Base64Unpadded::decode_vec(&s).ok(),
                Base64Url::decode_vec(&s).ok(),
                Base64UrlUnpadded::decode_vec(&s).ok(),
            ]
            .into_iter()
            .flatten()
            .find(|v| !v.is_empty());
            prop_assert_eq!(ours, theirs);
        }

        #[test]
        fn hex_round_trips(data in proptest::collection::vec(any::<u8>(), 1..40)) {
            let s: String = data.iter().map(|b| format!("{b:02x}")).collect();
            let mut out = Vec::new();
            prop_assert!(hex(s.as_bytes(), &mut out));
            prop_assert_eq!(out, data);
        }
    }
}
