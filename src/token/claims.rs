//! What registered claims must be (RFC 7519 §4.1): the one NumericDate reader that verify,
//! decode and audit use, and the one type check of registered claims that `sign` applies
//! before it signs anything; and the `key=value` reader of the claim and header flags.

use serde_json::{Map, Value};

use crate::{Error, Result};

/// Registered claims that are NumericDates.
pub(crate) const TIME_CLAIMS: &[&str] = &["exp", "nbf", "iat"];

/// Why a claim is not a NumericDate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NotNumericDate {
    /// Not a JSON number at all (a string, an object…).
    NotANumber,
    /// A number no i64 of seconds can hold.
    OutOfRange,
}

impl std::fmt::Display for NotNumericDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            NotNumericDate::NotANumber => "is not a number",
            NotNumericDate::OutOfRange => "is out of range",
        })
    }
}

/// Parse a `k=v` flag (`--claim`, `--header`); the value is JSON when it parses as JSON, else a string.
pub(crate) fn parse_kv(s: &str) -> Result<(String, Value)> {
    let (k, v) = s
        .split_once('=')
        .ok_or_else(|| Error::usage(format!("{s:?} is not of the form key=value")))?;
    if k.is_empty() {
        return Err(Error::usage(format!("{s:?} has an empty key")));
    }
    let v = serde_json::from_str(v).unwrap_or_else(|_| Value::String(v.to_owned()));
    Ok((k.to_owned(), v))
}

/// Read a NumericDate (RFC 7519 §2): a JSON number of seconds; fractions are floored, so
/// every command rounds the same way.
pub(crate) fn numeric_date(v: &Value) -> std::result::Result<i64, NotNumericDate> {
    let Value::Number(n) = v else {
        return Err(NotNumericDate::NotANumber);
    };
    if let Some(i) = n.as_i64() {
        return Ok(i);
    }
    match n.as_f64() {
        // Bounds strictly inside i64, so the cast cannot saturate silently.
        Some(f) if f.is_finite() && f.abs() < 9.0e18 => Ok(f.floor() as i64),
        _ => Err(NotNumericDate::OutOfRange),
    }
}

/// Check (and, for time claims, normalise) the registered claims of a claims set about to
/// be signed: `exp`/`nbf`/`iat` must be NumericDates, and a string is read as the time
/// flags read it (`15m` from `now`, RFC 3339, unix seconds); `iss` and `sub` must be
/// strings; `aud` a string or an array of strings.
pub(crate) fn check_registered(claims: &mut Map<String, Value>, now: i64) -> Result<()> {
    for name in TIME_CLAIMS {
        let Some(v) = claims.get_mut(*name) else {
            continue;
        };
        if let Value::String(s) = &*v {
            let t = crate::clock::parse_time(s, Some(now))
                .map_err(|e| e.context(format!("claim {name:?} must be a NumericDate")))?;
            *v = t.into();
        } else {
            numeric_date(v).map_err(|why| {
                Error::usage(format!("claim {name:?} {why}: it must be a NumericDate"))
                    .with_hint("give unix seconds, RFC 3339 or a duration like 15m")
            })?;
        }
    }
    for name in ["iss", "sub"] {
        match claims.get(name) {
            None | Some(Value::String(_)) => {}
            Some(other) => {
                return Err(Error::usage(format!(
                    "claim {name:?} must be a string, not {other}"
                )))
            }
        }
    }
    match claims.get("aud") {
        None | Some(Value::String(_)) => {}
        Some(Value::Array(a)) if a.iter().all(Value::is_string) => {}
        Some(other) => {
            return Err(Error::usage(format!(
                "claim \"aud\" must be a string or an array of strings, not {other}"
            )))
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn one_numeric_date_reader_floors_fractions_and_bounds_the_range() {
        assert_eq!(numeric_date(&json!(1700000000)), Ok(1_700_000_000));
        assert_eq!(numeric_date(&json!(1.9)), Ok(1));
        assert_eq!(numeric_date(&json!(-1.5)), Ok(-2));
        assert_eq!(numeric_date(&json!(1e300)), Err(NotNumericDate::OutOfRange));
        assert_eq!(
            numeric_date(&json!(u64::MAX)),
            Err(NotNumericDate::OutOfRange)
        );
        assert_eq!(numeric_date(&json!("1")), Err(NotNumericDate::NotANumber));
    }

    #[test]
    fn registered_claim_types_are_checked_and_time_strings_normalised() {
        let now = 1000;
        let mut c = json!({"exp": "15m", "nbf": "1970-01-01T00:00:10Z", "iat": 5, "aud": ["a"]});
        check_registered(c.as_object_mut().unwrap(), now).unwrap();
        assert_eq!(c, json!({"exp": 1900, "nbf": 10, "iat": 5, "aud": ["a"]}));
        for bad in [
            json!({"exp": "tomorrow"}),
            json!({"exp": "soon"}),
            json!({"nbf": true}),
            json!({"iat": {"t": 1}}),
            json!({"iss": 1}),
            json!({"sub": ["x"]}),
            json!({"aud": 5}),
            json!({"aud": ["a", 1]}),
        ] {
            let mut m = bad.as_object().unwrap().clone();
            assert!(check_registered(&mut m, now).is_err(), "{bad}");
        }
    }
}
