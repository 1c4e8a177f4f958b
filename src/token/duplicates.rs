//! Compact tokens whose header or claims repeat a member name. Verification refuses them
//! (strict JSON, RFC 7515 §5.2), but a reviewer must still see them, and audit rates them:
//! two parsers that keep different duplicates read different claims from the same signed
//! bytes (a parser-differential attack, e.g. `"sub":"alice","sub":"admin"`).

use serde_json::Value;

use super::json::parse_strict;
use super::Jws;
use crate::b64;

/// The token read with duplicate members allowed (the last of each name wins, as most JSON
/// libraries do), and one note per segment that repeats a member. `None` when the token has
/// no duplicate member, or is malformed in some other way.
pub(crate) fn parse_with_duplicates(token: &str) -> Option<(Jws, Vec<String>)> {
    let parts: Vec<&str> = token.trim().split('.').collect();
    let [h, p, s] = parts.as_slice() else {
        return None;
    };
    let mut notes = Vec::new();
    let header_raw = b64::decode(h).ok()?;
    let header = match lenient(&header_raw, "header", &mut notes)? {
        Value::Object(m) if m.contains_key("alg") => m,
        _ => return None,
    };
    let payload_raw = b64::decode(p).ok()?;
    let payload = lenient(&payload_raw, "claims", &mut notes);
    if notes.is_empty() {
        return None;
    }
    let jws = Jws {
        header,
        payload,
        payload_raw,
        signature: b64::decode(s).ok()?,
        signing_input: format!("{h}.{p}"),
    };
    Some((jws, notes))
}

/// Parse leniently; a duplicate that strict parsing found becomes a note.
fn lenient(raw: &[u8], what: &str, notes: &mut Vec<String>) -> Option<Value> {
    if let Err(why) = parse_strict(raw) {
        if why.starts_with("duplicate member") {
            notes.push(format!(
                "the {what} repeat a member ({why}): parsers disagree on which one counts"
            ));
        }
    }
    serde_json::from_slice::<Value>(raw).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(header: &str, payload: &str) -> String {
        format!(
            "{}.{}.c2ln",
            b64::encode(header.as_bytes()),
            b64::encode(payload.as_bytes())
        )
    }

    #[test]
    fn duplicate_claims_are_read_with_the_last_and_noted() {
        let t = token(r#"{"alg":"HS256"}"#, r#"{"sub":"alice","sub":"admin"}"#);
        let (jws, notes) = parse_with_duplicates(&t).expect("read");
        assert_eq!(jws.claims().unwrap()["sub"], "admin");
        assert_eq!(notes.len(), 1);
        assert!(notes[0].contains("duplicate member \"sub\""), "{notes:?}");
    }

    #[test]
    fn duplicate_header_members_are_noted_too() {
        let t = token(r#"{"alg":"HS256","alg":"none"}"#, r#"{"sub":"a"}"#);
        let (jws, notes) = parse_with_duplicates(&t).expect("read");
        assert_eq!(jws.header["alg"], "none");
        assert!(notes[0].starts_with("the header repeat"), "{notes:?}");
    }

    #[test]
    fn a_token_without_duplicates_or_otherwise_malformed_is_none() {
        assert!(parse_with_duplicates(&token(r#"{"alg":"HS256"}"#, r#"{"sub":"a"}"#)).is_none());
        assert!(parse_with_duplicates("a.b").is_none());
        assert!(parse_with_duplicates(&token(r#"{"x":1,"x":2}"#, "{}")).is_none());
    }
}
