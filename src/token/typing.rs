//! Explicit typing (RFC 8725 §3.11, RFC 7515 §4.1.9) and verification profiles: RFC 9068
//! access tokens (`at+jwt`) and OpenID Connect ID tokens. `typ` is compared as media types
//! are: case-insensitively, with an `application/` prefix removed from either side, so
//! `application/at+jwt` is `at+jwt` and `foo/at+jwt` is not.

use serde_json::{Map, Value};

use crate::{Error, Result};

/// A media type as RFC 7515 §4.1.9 compares it: lower case, `application/` dropped.
fn normalise(t: &str) -> String {
    let lower = t.trim().to_ascii_lowercase();
    match lower.strip_prefix("application/") {
        Some(rest) => rest.to_owned(),
        None => lower,
    }
}

/// Whether a header `typ` names the type `want`.
pub(crate) fn typ_matches(typ: &str, want: &str) -> bool {
    normalise(typ) == normalise(want)
}

/// The reason a protected header fails `--typ want`, if it does.
pub(crate) fn check_typ(header: &Map<String, Value>, want: &str) -> Option<String> {
    match header.get("typ") {
        Some(Value::String(t)) if typ_matches(t, want) => None,
        Some(Value::String(t)) => Some(format!("typ is {t:?}, expected {want:?} (RFC 8725 §3.11)")),
        Some(other) => Some(format!("typ is {other}, not a string")),
        None => Some(format!(
            "no typ in the protected header, expected {want:?} (RFC 8725 §3.11)"
        )),
    }
}

/// A verification profile: defaults for typ and the required claims.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Profile {
    /// RFC 9068 §2.2 and §4: typ `at+jwt`; iss, exp, aud, sub, client_id, iat, jti.
    AccessToken,
    /// OpenID Connect Core 1.0 §2 and §3.1.3.7: iss, sub, aud, exp, iat; azp when aud has
    /// several values; nonce when the caller gives one.
    IdToken,
}

impl Profile {
    /// `at+jwt` or `id-token`.
    pub(crate) fn from_name(s: &str) -> Result<Profile> {
        match s {
            "at+jwt" => Ok(Profile::AccessToken),
            "id-token" => Ok(Profile::IdToken),
            _ => Err(Error::usage(format!("unknown profile {s:?}"))
                .with_hint("expected at+jwt (RFC 9068) or id-token (OpenID Connect)")),
        }
    }

    /// The typ the profile requires, if any.
    pub(crate) fn typ(self) -> Option<&'static str> {
        match self {
            Profile::AccessToken => Some("at+jwt"),
            Profile::IdToken => None,
        }
    }

    /// The claims the profile requires.
    pub(crate) fn required(self) -> &'static [&'static str] {
        match self {
            Profile::AccessToken => &["iss", "exp", "aud", "sub", "client_id", "iat", "jti"],
            Profile::IdToken => &["iss", "sub", "aud", "exp", "iat"],
        }
    }
}

/// OpenID Connect Core §3.1.3.7 (8): an ID token with several audiences must name its
/// authorized party.
pub(crate) fn check_azp(c: &Map<String, Value>) -> Option<String> {
    let several = c
        .get("aud")
        .and_then(Value::as_array)
        .is_some_and(|a| a.len() > 1);
    (several && !c.get("azp").is_some_and(Value::is_string)).then(|| {
        "aud has several values and there is no azp claim (OpenID Connect Core §3.1.3.7)".into()
    })
}

/// Whether claims look like an access token (a client_id or a scope) whose header does not
/// say so with typ `at+jwt`: what RFC 8725 §3.11's explicit typing is for.
pub(crate) fn untyped_access_token(header: &Map<String, Value>, c: &Map<String, Value>) -> bool {
    let shaped = ["client_id", "scope", "scp"]
        .iter()
        .any(|k| c.contains_key(*k));
    let typed = header
        .get("typ")
        .and_then(Value::as_str)
        .is_some_and(|t| typ_matches(t, "at+jwt"));
    shaped && !typed
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn typ_compares_case_insensitively_without_the_application_prefix() {
        assert!(typ_matches("at+jwt", "at+jwt"));
        assert!(typ_matches("AT+JWT", "at+jwt"));
        assert!(typ_matches("application/at+jwt", "at+jwt"));
        assert!(typ_matches("at+jwt", "Application/AT+JWT"));
        assert!(!typ_matches("foo/at+jwt", "at+jwt"));
        assert!(!typ_matches("at+jwt", "foo/at+jwt"));
        assert!(!typ_matches("JWT", "at+jwt"));
        assert!(!typ_matches("application/", "at+jwt"));
    }

    #[test]
    fn typ_must_be_a_string_in_the_header() {
        let h = |v: Value| v.as_object().unwrap().clone();
        assert!(check_typ(&h(json!({"typ": "at+JWT"})), "at+jwt").is_none());
        assert!(check_typ(&h(json!({})), "at+jwt")
            .unwrap()
            .contains("no typ"));
        assert!(check_typ(&h(json!({"typ": 1})), "at+jwt")
            .unwrap()
            .contains("not a string"));
    }

    #[test]
    fn azp_is_required_only_with_several_audiences() {
        let c = |v: Value| v.as_object().unwrap().clone();
        assert!(check_azp(&c(json!({"aud": "a"}))).is_none());
        assert!(check_azp(&c(json!({"aud": ["a"]}))).is_none());
        assert!(check_azp(&c(json!({"aud": ["a", "b"]}))).is_some());
        assert!(check_azp(&c(json!({"aud": ["a", "b"], "azp": "a"}))).is_none());
    }

    #[test]
    fn access_token_shape_needs_explicit_typing() {
        let m = |v: Value| v.as_object().unwrap().clone();
        let claims = m(json!({"client_id": "c", "sub": "s"}));
        assert!(untyped_access_token(&m(json!({"typ": "JWT"})), &claims));
        assert!(!untyped_access_token(
            &m(json!({"typ": "application/at+jwt"})),
            &claims
        ));
        assert!(!untyped_access_token(
            &m(json!({})),
            &m(json!({"sub": "s"}))
        ));
    }
}
