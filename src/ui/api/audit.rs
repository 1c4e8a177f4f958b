//! `POST /api/audit`: `jot audit` for one token, through audit's per-token rules
//! (`audit::findings::audit_token`) with the built-in weak-secret list tried on HMAC
//! tokens, and the signature checked when a key or secret is given (JOT019).

use serde::Deserialize;
use serde_json::{json, Value};

use super::{clock, given, pasted_keys, secret_key, strip_token, Pasted};
use crate::audit::findings::{abbreviate, audit_token, Subject, TokenAudit};
use crate::audit::{report, rules, weak_secrets};
use crate::clock::parse_duration;
use crate::crack::{self, Target};
use crate::{Error, Result};

/// `jot audit`'s default `--max-lifetime`.
const DEFAULT_MAX_LIFETIME: &str = "24h";

/// The request.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AuditRequest {
    pub token: String,
    /// Key text to check the signature with (PEM, JWK, JWKS).
    pub key: Option<Pasted>,
    /// Or an HMAC secret.
    pub secret: Option<Pasted>,
    pub max_lifetime: Option<String>,
    pub now: Option<String>,
}

/// The secret of an HMAC token when it is on the built-in weak-secret list, shown as
/// `jot audit` shows it.
fn crack_builtin(target: &Target) -> Option<String> {
    let (s, t) = crack::try_words(target, weak_secrets::builtin(), true)?;
    let s = String::from_utf8_lossy(&s).into_owned();
    Some(if t == crack::Transform::Plain {
        format!("{s:?}")
    } else {
        format!("{s:?} (from its {t} form)")
    })
}

/// Audit one token.
pub fn audit(r: &AuditRequest) -> Result<Value> {
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
    let cfg = TokenAudit {
        now,
        max_lifetime: parse_duration(given(&r.max_lifetime).unwrap_or(DEFAULT_MAX_LIFETIME))?,
        keys: keys.as_deref(),
        crack: &crack_builtin,
    };
    let subject = Subject {
        name: abbreviate(&token),
        location: "page".into(),
        line: None,
    };
    let mut findings = audit_token(&token, &subject, &cfg);
    findings.sort_by(|x, y| y.severity.cmp(&x.severity).then(x.rule.cmp(y.rule)));
    let list: Vec<Value> = findings
        .iter()
        .map(|f| {
            json!({
                "rule": f.rule,
                "severity": f.severity,
                "title": rules::rule(f.rule).title,
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
