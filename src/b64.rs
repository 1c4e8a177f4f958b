//! base64url: strict (RFC 4648 §5, no padding) as JWS and JWK require (RFC 7515 §2), a
//! lenient reader for recognising captured formats, and a reused-buffer decoder for bulk
//! verification.

use base64ct::{Base64UrlUnpadded, Encoding};

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

/// base64url alphabet value of each byte, 0xff for bytes outside it.
const DECODE: [u8; 256] = {
    let mut t = [0xffu8; 256];
    let mut i = 0;
    while i < 64 {
        let c = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"[i];
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
    if s.len() % 4 == 1 {
        return false;
    }
    out.reserve(s.len() / 4 * 3 + 2);
    let (quads, tail) = s.as_chunks::<4>();
    let mut bad = 0u8;
    for q in quads {
        let [a, b, c, d] = q.map(|x| DECODE[x as usize]);
        bad |= a | b | c | d;
        let v = (u32::from(a) << 18) | (u32::from(b) << 12) | (u32::from(c) << 6) | u32::from(d);
        out.extend_from_slice(&v.to_be_bytes()[1..]);
    }
    match *tail {
        [] => {}
        [a, b] => {
            let (a, b) = (DECODE[a as usize], DECODE[b as usize]);
            // Non-canonical: the bits below the last whole byte must be zero.
            bad |= a | b | if b & 0x0f != 0 { 0xff } else { 0 };
            out.push((a << 2) | (b >> 4));
        }
        [a, b, c] => {
            let (a, b, c) = (DECODE[a as usize], DECODE[b as usize], DECODE[c as usize]);
            bad |= a | b | c | if c & 0x03 != 0 { 0xff } else { 0 };
            out.push((a << 2) | (b >> 4));
            out.push((b << 4) | (c >> 2));
        }
        _ => return false,
    }
    // Every valid value is below 64, so any 0xff (or a set high bit) marks a bad input.
    bad & 0xc0 == 0
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

        #[test]
        fn decode_into_round_trips(data in proptest::collection::vec(any::<u8>(), 0..200)) {
            let mut out = Vec::new();
            prop_assert!(decode_into(encode(&data).as_bytes(), &mut out));
            prop_assert_eq!(out, data);
        }

        #[test]
        fn never_panics(s in ".{0,64}") {
            let _ = decode(&s);
        }
    }
}
