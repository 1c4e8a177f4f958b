//! Auditing JSON-serialized tokens (RFC 7515 §7.2, RFC 7516 §7.2): each signature of a JWS
//! is audited as the compact token it is equivalent to (its protected header, the payload,
//! its signature), and each recipient of a JWE by the header members that apply to it. A
//! document that does not parse is one JOT020 finding, as a malformed compact token is.

use super::findings::{audit_token, Finding, Subject, TokenAudit};
use crate::token::json_ser;
use crate::{b64, Result};

/// The compact tokens a JSON-serialized token stands for, each with a label ("signature
/// 1", "recipient 0"); `Err` with the parse error's text when it is malformed.
pub(crate) fn as_compact(text: &str) -> std::result::Result<Vec<(String, String)>, String> {
    let top = json_ser::object(text).map_err(|e| e.to_string())?;
    if top.contains_key("ciphertext") {
        let j = crate::jwe::json_ser::parse_object(&top).map_err(|e| e.to_string())?;
        return Ok((0..j.recipients.len())
            .map(|i| {
                let header = serde_json::to_vec(&j.header_for(i)).unwrap_or_default();
                // Only the header of a compact JWE is read: the other segments stay empty.
                (
                    format!("recipient {i}"),
                    format!("{}....", b64::encode(&header)),
                )
            })
            .collect());
    }
    let j = json_ser::parse_object(&top).map_err(|e| e.to_string())?;
    Ok(j.signatures
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let sig = b64::encode(&s.signature);
            let compact = format!("{}.{}.{sig}", s.protected_b64, j.payload_b64);
            (format!("signature {i}"), compact)
        })
        .collect())
}

/// Findings for one JSON-serialized token.
pub(crate) fn audit(text: &str, subject: &Subject, cfg: &TokenAudit<'_>) -> Result<Vec<Finding>> {
    let parts = match as_compact(text) {
        Ok(p) => p,
        Err(why) => {
            return Ok(vec![Finding::new(
                "JOT020",
                subject,
                format!("not a JWT: {why}"),
            )])
        }
    };
    let mut out = Vec::new();
    for (label, compact) in parts {
        let mut s = subject.clone();
        s.name = format!("{} ({label})", subject.name);
        out.extend(audit_token(&compact, &s, cfg)?);
    }
    Ok(out)
}
