//! The JOSE hazard knowledge every command shares: which `alg` values mean "unsigned", and
//! which header members name or carry a key (RFC 8725 §2.1, §3.10). verify refuses them,
//! decode and audit warn about them, sign never writes them; all ask here.

use serde_json::{Map, Value};

/// Header members that name or carry a key (`jku`, `x5u`, `jwk`, `x5c`): a verifier must
/// never use them, and a reader should be told they are there.
pub(crate) const KEY_HEADERS: &[&str] = &["jku", "x5u", "jwk", "x5c"];

/// What each key-bearing header carries, for messages.
pub(crate) fn key_header_carries(name: &str) -> &'static str {
    match name {
        "jku" => "a URL to fetch keys from",
        "x5u" => "a URL to fetch a certificate from",
        "jwk" => "an embedded key",
        "x5c" => "an embedded certificate chain",
        _ => "a key",
    }
}

/// Whether `alg` names the unsigned algorithm `none`, in any spelling: any case, with
/// whitespace around it (a lax verifier may trim or lowercase before comparing).
pub(crate) fn is_alg_none(alg: &str) -> bool {
    alg.trim().eq_ignore_ascii_case("none")
}

/// Warnings a reader of this token should see (decode, the ui): an unsigned alg, a key
/// carried in the header, no exp.
pub(crate) fn header_warnings(
    header: &Map<String, Value>,
    claims: Option<&Map<String, Value>>,
) -> Vec<String> {
    let mut w = Vec::new();
    if let Some(a) = header.get("alg").and_then(Value::as_str) {
        if is_alg_none(a) {
            w.push(format!(
                "alg {a:?}: the token is unsigned; anyone can forge it"
            ));
        }
    }
    for h in KEY_HEADERS {
        if header.contains_key(*h) {
            w.push(format!(
                "header {h} carries {}: a verifier must never trust it",
                key_header_carries(h)
            ));
        }
    }
    if claims.is_some_and(|c| !c.contains_key("exp")) {
        w.push("no exp: the token never expires".into());
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alg_none_in_every_spelling_is_none_and_real_algs_are_not() {
        for s in ["none", "None", "NONE", "nOnE", " none", "none\t"] {
            assert!(is_alg_none(s), "{s:?}");
        }
        for s in ["HS256", "non", "nonee", ""] {
            assert!(!is_alg_none(s), "{s:?}");
        }
    }
}
