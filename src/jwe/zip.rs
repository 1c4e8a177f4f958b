//! `zip: DEF` (RFC 7516 §4.1.3): raw DEFLATE (RFC 1951) before encryption, and a bounded
//! inflater after decryption that stops at the bound, so a decompression bomb costs at
//! most the bound in memory and time.

use std::io::{Read, Write};

use zeroize::Zeroizing;

/// Compress with raw DEFLATE.
pub(super) fn deflate(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
    // Writing to a Vec cannot fail.
    let _ = e.write_all(data);
    e.finish().unwrap_or_default()
}

/// Inflate raw DEFLATE, refusing output over `max` bytes (stops reading at `max + 1`).
pub(super) fn inflate(data: &[u8], max: usize) -> Result<Zeroizing<Vec<u8>>, String> {
    let d = flate2::read::DeflateDecoder::new(data);
    let mut out = Zeroizing::new(Vec::new());
    d.take(max as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|e| format!("zip: DEF content does not inflate: {e}"))?;
    if out.len() > max {
        return Err(format!(
            "zip: DEF content inflates to more than {max} bytes (--max-plaintext); refused"
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let data = b"hello hello hello hello".repeat(50);
        assert_eq!(
            inflate(&deflate(&data), 1 << 20).unwrap().as_slice(),
            &data[..]
        );
    }

    #[test]
    fn bomb_stops_at_the_bound() {
        // 64 MiB of zeros deflates to ~64 KB; the bound is 1 MiB.
        let bomb = deflate(&vec![0u8; 64 << 20]);
        let err = inflate(&bomb, 1 << 20).unwrap_err();
        assert!(err.contains("more than 1048576 bytes"), "{err}");
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(inflate(&[0xff, 0xff, 0xff, 0x00], 1024).is_err());
    }
}
