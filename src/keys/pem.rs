//! Lax PEM reading (RFC 7468 §2: "be liberal in what you accept"): any base64 line length
//! (64 as OpenSSL writes, 76 as `base64` does, or one long line), CRLF, trailing spaces and
//! tabs, and explanatory text before, between and after the blocks (`openssl x509 -text`).
//! The base64 itself must still be valid; what the blocks mean is `read`'s business.

use base64ct::{Base64, Encoding};
use zeroize::Zeroizing;

use crate::{Error, Result};

/// One `-----BEGIN LABEL-----` … `-----END LABEL-----` block, decoded.
pub(super) struct Block<'a> {
    pub label: &'a str,
    pub der: Zeroizing<Vec<u8>>,
}

/// Every PEM block in `text`, in order. An opened block that never closes, or whose body is
/// not base64, is an error that names the label.
pub(super) fn blocks(text: &str) -> Result<Vec<Block<'_>>> {
    const BEGIN: &str = "-----BEGIN ";
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(BEGIN) {
        let after = &rest[start + BEGIN.len()..];
        let label_end = after
            .find("-----")
            .filter(|i| !after[..*i].contains('\n'))
            .ok_or_else(|| Error::input("malformed PEM header line"))?;
        let label = &after[..label_end];
        let body_and_rest = &after[label_end + 5..];
        let end_marker = format!("-----END {label}-----");
        let end = body_and_rest
            .find(&end_marker)
            .ok_or_else(|| Error::input(format!("truncated PEM: no \"{end_marker}\" line")))?;
        let body = &body_and_rest[..end];
        if body.lines().any(|l| l.contains(':')) {
            // RFC 1421 headers: OpenSSL's legacy encrypted PEM (Proc-Type, DEK-Info).
            return Err(Error::input(format!(
                "PEM ({label}) has RFC 1421 headers (legacy OpenSSL encryption)"
            ))
            .with_hint("convert it: openssl pkcs8 -topk8 -in OLD.pem -out NEW.pem"));
        }
        let b64: Zeroizing<String> =
            Zeroizing::new(body.chars().filter(|c| !c.is_ascii_whitespace()).collect());
        let der = Base64::decode_vec(&b64)
            .map_err(|_| Error::input(format!("malformed PEM ({label}): invalid base64")))?;
        out.push(Block {
            label,
            der: Zeroizing::new(der),
        });
        rest = &body_and_rest[end + end_marker.len()..];
    }
    if out.is_empty() {
        return Err(Error::input("PEM holds no block"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn wrap(der: &[u8], width: usize, eol: &str) -> String {
        let b = Base64::encode_string(der);
        let mut s = format!("-----BEGIN PUBLIC KEY-----{eol}");
        for chunk in b.as_bytes().chunks(width) {
            s.push_str(std::str::from_utf8(chunk).unwrap());
            s.push_str(eol);
        }
        s + "-----END PUBLIC KEY-----" + eol
    }

    #[test]
    fn pem_with_76_character_lines_crlf_and_surrounding_text_is_read() {
        let der: Vec<u8> = (0..=255u8).collect();
        for (width, eol) in [
            (64, "\n"),
            (76, "\n"),
            (76, "\r\n"),
            (1000, "\n"),
            (5, "  \t\r\n"),
        ] {
            let text = format!(
                "Subject: CN=x\nsome text\n{}trailing text\n",
                wrap(&der, width, eol)
            );
            let b = blocks(&text).unwrap();
            assert_eq!(b.len(), 1);
            assert_eq!(b[0].label, "PUBLIC KEY");
            assert_eq!(&b[0].der[..], &der[..], "width {width} eol {eol:?}");
        }
    }

    #[test]
    fn truncated_or_bad_base64_pem_names_the_label() {
        let e = blocks("-----BEGIN PRIVATE KEY-----\nAAAA\n").err().unwrap();
        assert!(e.to_string().contains("-----END PRIVATE KEY-----"), "{e}");
        let e = blocks("-----BEGIN PRIVATE KEY-----\nA*A\n-----END PRIVATE KEY-----\n")
            .err()
            .unwrap();
        assert!(e.to_string().contains("PRIVATE KEY"), "{e}");
    }

    proptest! {
        #[test]
        fn never_panics(s in ".{0,200}") {
            let _ = blocks(&s);
            let _ = blocks(&format!("-----BEGIN {s}"));
        }
    }
}
