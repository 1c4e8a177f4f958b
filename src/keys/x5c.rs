//! `x5c` certificate chains as a token's header carries them (RFC 7515 §4.1.6): read for
//! display (`decode`) and for audit (expired, self-signed, `x5t#S256` mismatch). Nothing
//! here makes a chain trusted: `verify` never uses `x5c` (see docs/verify.md).

use der::{Decode, Encode};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::{Error, Result};

/// Longer chains are refused before any certificate is parsed.
pub(crate) const MAX_CHAIN: usize = 10;

/// What a certificate says about itself (nothing in it has been checked).
#[derive(Clone, Debug)]
pub struct CertInfo {
    pub subject: String,
    pub issuer: String,
    /// notBefore and notAfter, unix seconds.
    pub not_before: i64,
    pub not_after: i64,
    /// SHA-256 of the DER: what `x5t#S256` names (base64url).
    pub sha256: [u8; 32],
}

impl CertInfo {
    /// Subject and issuer are the same name: a self-issued (typically self-signed) certificate.
    pub(crate) fn self_issued(&self) -> bool {
        self.subject == self.issuer
    }
}

fn unix(t: x509_cert::time::Time) -> i64 {
    i64::try_from(t.to_unix_duration().as_secs()).unwrap_or(i64::MAX)
}

/// Read a header's `x5c`: an array of 1 to `MAX_CHAIN` standard-base64 DER certificates.
pub fn read_chain(x5c: &Value) -> Result<Vec<CertInfo>> {
    Ok(parse_chain(x5c)?
        .into_iter()
        .map(|(_, info)| info)
        .collect())
}

/// The certificates of a header's `x5c`, parsed once, with what each says about itself: for
/// display and audit ([`read_chain`]) and for path validation (`x5c_path`).
pub(crate) fn parse_chain(x5c: &Value) -> Result<Vec<(x509_cert::Certificate, CertInfo)>> {
    use base64ct::Encoding;
    let list = x5c
        .as_array()
        .ok_or_else(|| Error::input("x5c is not an array"))?;
    if list.is_empty() || list.len() > MAX_CHAIN {
        return Err(Error::input(format!(
            "x5c holds {} certificates; a chain has 1 to {MAX_CHAIN}",
            list.len()
        )));
    }
    list.iter()
        .enumerate()
        .map(|(i, c)| {
            let text = c
                .as_str()
                .ok_or_else(|| Error::input(format!("x5c[{i}] is not a string")))?;
            let der = base64ct::Base64::decode_vec(text)
                .map_err(|e| Error::input(format!("x5c[{i}] is not base64: {e}")))?;
            let cert = x509_cert::Certificate::from_der(&der)
                .map_err(|e| Error::input(format!("x5c[{i}] is not a certificate: {e}")))?;
            let tbs = cert.tbs_certificate();
            let canonical = cert.to_der().unwrap_or_default();
            if canonical != der {
                return Err(Error::input(format!(
                    "x5c[{i}] has bytes after the certificate"
                )));
            }
            let info = CertInfo {
                subject: tbs.subject().to_string(),
                issuer: tbs.issuer().to_string(),
                not_before: unix(tbs.validity().not_before),
                not_after: unix(tbs.validity().not_after),
                sha256: Sha256::digest(&der).into(),
            };
            Ok((cert, info))
        })
        .collect()
}

/// The chain as `decode --json` shows it.
pub(crate) fn describe(chain: &[CertInfo]) -> Value {
    chain
        .iter()
        .map(|c| {
            json!({"subject": c.subject, "issuer": c.issuer,
                   "not_before": crate::clock::format_utc(c.not_before),
                   "not_after": crate::clock::format_utc(c.not_after),
                   "sha256": crate::b64::encode(&c.sha256)})
        })
        .collect()
}

/// Whether the header's `x5t#S256` names the leaf; `None` when there is none.
pub(crate) fn x5t_matches(x5t: Option<&Value>, leaf: &CertInfo) -> Option<bool> {
    let want = x5t?.as_str().and_then(|s| crate::b64::decode(s).ok());
    Some(want.as_deref() == Some(&leaf.sha256[..]))
}

/// What audit says about a chain at time `now`: expired or not-yet-valid certificates,
/// a self-issued leaf, and an `x5t#S256` that is not the leaf's.
pub(crate) fn audit(chain: &[CertInfo], x5t: Option<&Value>, now: i64) -> Vec<String> {
    let mut out = Vec::new();
    for (i, c) in chain.iter().enumerate() {
        if c.not_after < now {
            out.push(format!(
                "x5c[{i}] ({}) expired at {}",
                c.subject,
                crate::clock::format_utc(c.not_after)
            ));
        } else if c.not_before > now {
            out.push(format!(
                "x5c[{i}] ({}) is not valid before {}",
                c.subject,
                crate::clock::format_utc(c.not_before)
            ));
        }
    }
    if chain[0].self_issued() {
        out.push(format!(
            "the x5c leaf is self-signed ({}): it proves nothing about who signed",
            chain[0].subject
        ));
    }
    if x5t_matches(x5t, &chain[0]) == Some(false) {
        out.push("x5t#S256 does not match the x5c leaf certificate".into());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn malformed_chains_are_refused_with_a_reason() {
        for (x5c, why) in [
            (json!("MII"), "not an array"),
            (json!([]), "0 certificates"),
            (json!(vec!["AA=="; 11]), "11 certificates"),
            (json!([1]), "not a string"),
            (json!(["%%%"]), "not base64"),
            (json!(["AAAA"]), "not a certificate"),
        ] {
            let e = read_chain(&x5c).unwrap_err().to_string();
            assert!(e.contains(why), "{x5c}: {e}");
        }
    }

    proptest! {
        #[test]
        fn arbitrary_chains_never_panic(items in prop::collection::vec(".{0,64}", 0..14)) {
            let _ = read_chain(&json!(items));
        }

        #[test]
        fn arbitrary_der_never_panics(der in prop::collection::vec(any::<u8>(), 0..300)) {
            use base64ct::Encoding;
            let _ = read_chain(&json!([base64ct::Base64::encode_string(&der)]));
        }
    }
}
