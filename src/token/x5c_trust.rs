//! The verify side of `--trust-anchor`: a PROTECTED header's `x5c` adds its leaf's key to
//! the caller's keys, only after the chain validates (keys::x5c_path). Without anchors, or
//! without x5c, nothing changes; a chain that does not validate is a reason for the verdict.

use serde_json::{Map, Value};

use super::verify::{Policy, Verdict};
use crate::keys::Jwk;

/// The keys to verify with when the header's chain validates: the caller's plus the leaf's
/// (named by the header's kid, so kid selection still finds it). `None`: the caller's keys.
pub(crate) fn leaf_key(
    header: &Map<String, Value>,
    keys: &[Jwk],
    policy: &Policy,
    now: i64,
    v: &mut Verdict,
) -> Option<Vec<Jwk>> {
    if policy.trust_anchors.is_empty() {
        return None;
    }
    let x5c = header.get("x5c")?;
    let x5t = header.get("x5t#S256");
    match crate::keys::x5c_path::validate(x5c, x5t, &policy.trust_anchors, now) {
        Ok(t) => {
            let mut leaf = t.key;
            leaf.kid = header.get("kid").and_then(Value::as_str).map(str::to_owned);
            v.x5c_anchor = Some(t.anchor);
            Some(keys.iter().cloned().chain([leaf]).collect())
        }
        Err(why) => {
            v.reasons.push(why);
            None
        }
    }
}
