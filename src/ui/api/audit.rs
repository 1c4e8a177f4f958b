//! `POST /api/audit`: `jot audit` for one token, through audit's per-token rules
//! (`audit::token`) with the built-in weak-secret list tried on HMAC tokens, and the
//! signature checked when a key or secret is given (JOT019).

use serde::Deserialize;
use serde_json::{json, Value};

use super::{clock, given, pasted_keys, secret_key, strip_token, Pasted};
use crate::audit::{self, report};
use crate::clock::parse_duration;
use crate::{Error, Result};

/// `jot audit`'s default `--max-lifetime`.
const DEFAULT_MAX_LIFETIME: &str = "24h";

/// The request.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(super) struct AuditRequest {
    pub token: String,
    /// Key text to check the signature with (PEM, JWK, JWKS).
    pub key: Option<Pasted>,
    /// Or an HMAC secret.
    pub secret: Option<Pasted>,
    pub max_lifetime: Option<String>,
    pub now: Option<String>,
}

/// Audit one token.
pub(super) fn audit(r: &AuditRequest) -> Result<Value> {
    let now = clock(r.now.as_deref())?;
    let (token, stripped) = strip_token(&r.token);
    if token.is_empty() {
        return Err(Error::input("no token given"));
    }
    let keys = match (Pasted::given(&r.key), Pasted::given(&r.secret)) {
        (Some(_), Some(_)) => return Err(Error::usage("give a key or a secret, not both")),
        (Some(k), None) => Some(pasted_keys(k)?),
        (None, Some(s)) => Some(vec![secret_key(s)?]),
        (None, None) => None,
    };
    let max_lifetime = parse_duration(given(&r.max_lifetime).unwrap_or(DEFAULT_MAX_LIFETIME))?;
    let findings = audit::token(&token, "page", keys.as_deref(), max_lifetime, now)?.findings;
    let list: Vec<Value> = findings
        .iter()
        .map(|f| {
            json!({
                "rule": f.rule,
                "severity": f.severity,
                "title": f.title,
                "message": f.message,
                "remediation": f.remediation,
            })
        })
        .collect();
    Ok(json!({
        "findings": list,
        "summary": report::summary(&findings),
        "stripped": stripped,
        "now": now,
    }))
}
