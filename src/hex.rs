//! Hex, the crate's one encoder and one digit reader: digests, denylist entries, secrets that
//! are not printable text (`hex:…`), capability tokens, percent-encodings.

use std::fmt::Write;

/// Lowercase hex of `data`.
pub fn encode(data: &[u8]) -> String {
    data.iter()
        .fold(String::with_capacity(2 * data.len()), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// The value of one hex digit, either case.
pub fn digit(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
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
}
