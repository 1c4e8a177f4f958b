//! Text encodings of bytes: strict base64url (RFC 4648 §5, no padding) as JWS and JWK
//! require (RFC 7515 §2), and lowercase hex for digests.

use base64ct::{Base64UrlUnpadded, Encoding};

/// Encode bytes as unpadded base64url.
pub fn encode(data: &[u8]) -> String {
    Base64UrlUnpadded::encode_string(data)
}

/// Lowercase hex.
pub fn hex(data: &[u8]) -> String {
    use std::fmt::Write;
    data.iter()
        .fold(String::with_capacity(2 * data.len()), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
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

        #[test]
        fn never_panics(s in ".{0,64}") {
            let _ = decode(&s);
        }
    }
}
