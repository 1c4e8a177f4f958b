//! An access token and the DPoP proof sent with it, judged in one verdict (RFC 9449 §7.1):
//! the token's own verdict, its `cnf.jkt` (required: without it nothing binds the token to
//! a key), and the proof's checks with `ath` over the token and `jkt` from it. Each reason
//! names the layer that failed.

use serde_json::Value;

use super::check::{check, Expect};
use crate::token::verify::Verdict;
use crate::Result;

/// The request the proof came with, and the proof's window.
#[derive(Clone, Debug, Default)]
pub(crate) struct Binding<'a> {
    /// The `DPoP` header value.
    pub proof: &'a str,
    pub htm: &'a str,
    pub htu: &'a str,
    pub nonce: Option<&'a str>,
    pub max_age: i64,
    pub leeway: i64,
    pub now: i64,
}

/// The `cnf.jkt` of verified claims, when there is one (a string).
pub(crate) fn cnf_jkt(claims: Option<&Value>) -> Option<&str> {
    claims?.get("cnf")?.get("jkt")?.as_str()
}

/// Fold the proof's checks into `v`, the access token's verdict. `Err` only when the
/// proof is no token at all.
pub(crate) fn bind(v: &mut Verdict, access_token: &str, b: &Binding) -> Result<()> {
    let jkt = cnf_jkt(v.claims.as_ref()).map(str::to_owned);
    let report = check(
        b.proof,
        &Expect {
            htm: b.htm,
            htu: b.htu,
            access_token: Some(access_token),
            nonce: b.nonce,
            jkt: jkt.as_deref(),
            jkt_from_token: false,
            max_age: b.max_age,
            leeway: b.leeway,
            now: b.now,
        },
    )?;
    let mut reasons: Vec<String> = v
        .reasons
        .drain(..)
        .map(|r| format!("access token: {r}"))
        .collect();
    if jkt.is_none() {
        reasons.push(
            "binding: the access token has no cnf.jkt, so nothing binds it to the proof's key"
                .into(),
        );
    }
    reasons.extend(
        report
            .reasons()
            .into_iter()
            .map(|r| format!("DPoP proof: {r}")),
    );
    v.reasons = reasons;
    v.valid = v.reasons.is_empty();
    Ok(())
}
