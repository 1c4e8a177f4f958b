//! Lowercase hex, the crate's one hex encoder: digests, denylist entries, secrets that are
//! not printable text (`hex:…`), capability tokens.

use std::fmt::Write;

/// Lowercase hex of `data`.
pub fn encode(data: &[u8]) -> String {
    data.iter()
        .fold(String::with_capacity(2 * data.len()), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

#[cfg(test)]
mod tests {
    #[test]
    fn lowercase_two_digits_per_byte() {
        assert_eq!(super::encode(&[0x00, 0x0f, 0xab, 0xff]), "000fabff");
        assert_eq!(super::encode(&[]), "");
    }
}
