//! Hex, the crate's one encoder, one decoder and one digit reader: digests, denylist entries,
//! secrets that are not printable text (`hex:…`), hashcat's hex plains, crack's hex
//! transform, capability tokens, percent-encodings.

use std::fmt::Write;

/// Lowercase hex of `data`.
pub(crate) fn encode(data: &[u8]) -> String {
    data.iter()
        .fold(String::with_capacity(2 * data.len()), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// The value of one hex digit, either case.
pub(crate) fn digit(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Decode hex (either case, even length; empty is empty) into `out`, replacing its
/// contents; `false` on an odd length or a non-hex digit, with `out` then unspecified.
/// Room is reserved up front so a secret is never left behind in a reallocated buffer.
pub(crate) fn decode_into(s: &[u8], out: &mut Vec<u8>) -> bool {
    out.clear();
    if !s.len().is_multiple_of(2) {
        return false;
    }
    out.reserve(s.len() / 2);
    for pair in s.chunks_exact(2) {
        let (Some(h), Some(l)) = (digit(pair[0]), digit(pair[1])) else {
            return false;
        };
        out.push((h << 4) | l);
    }
    true
}

#[cfg(test)]
mod tests {
    #[test]
    fn lowercase_two_digits_per_byte() {
        assert_eq!(super::encode(&[0x00, 0x0f, 0xab, 0xff]), "000fabff");
        assert_eq!(super::encode(&[]), "");
    }

    #[test]
    fn digits_read_in_either_case_and_nothing_else() {
        assert_eq!(super::digit(b'7'), Some(7));
        assert_eq!(super::digit(b'b'), Some(11));
        assert_eq!(super::digit(b'F'), Some(15));
        assert_eq!(super::digit(b'g'), None);
    }

    #[test]
    fn decodes_even_hex_in_either_case_and_nothing_else() {
        let mut out = Vec::new();
        assert!(super::decode_into(b"00ffAb", &mut out));
        assert_eq!(out, [0x00, 0xff, 0xab]);
        assert!(super::decode_into(b"", &mut out));
        assert!(out.is_empty());
        for bad in [&b"abc"[..], b"zz", b"0g", b" 0"] {
            assert!(!super::decode_into(bad, &mut out), "{bad:?}");
        }
    }
}
