//! The scanner against `parse_strict`: whatever it accepts, the strict parser accepts with
//! the same members and values; what the strict parser refuses, it never accepts.

use proptest::prelude::*;
use serde_json::Value;

use super::*;
use crate::token::parse_strict;

/// What the scanner saw agrees with what the strict parser built.
fn agrees(m: &Members<'_>, v: &Value) -> bool {
    let Some(obj) = v.as_object() else {
        return false;
    };
    obj.len() == m.len
        && obj.keys().map(String::as_str).eq(m.names())
        && m.items[..m.len]
            .iter()
            .all(|(k, val)| match (*val, &obj[*k]) {
                (Val::Str(s), Value::String(t)) => s == t,
                (Val::EscStr, Value::String(_)) => true,
                (Val::Int(i), n @ Value::Number(_)) => {
                    crate::token::claims::numeric_date(n) == Ok(i)
                }
                (Val::Arr(raw), Value::Array(a)) => {
                    let mut seen = vec![];
                    elements(raw, |e| {
                        seen.push(e);
                        Some(())
                    })
                    .is_some()
                        && seen.len() == a.len()
                }
                (Val::Other, Value::Number(n)) => n.is_f64(),
                (Val::Other, Value::Object(_) | Value::Bool(_) | Value::Null) => true,
                _ => false,
            })
}

fn check(doc: &[u8]) -> Result<(), TestCaseError> {
    if let Some(m) = object(doc) {
        let v = parse_strict(doc);
        prop_assert!(
            v.is_ok(),
            "scanner accepted what parse_strict refuses: {:?} {:?}",
            String::from_utf8_lossy(doc),
            v
        );
        prop_assert!(
            agrees(&m, &v.unwrap()),
            "{:?}",
            String::from_utf8_lossy(doc)
        );
    }
    Ok(())
}

#[test]
fn plain_claims_are_scanned() {
    let doc = br#"{"iss":"https://issuer.example","sub":"u","aud":["a","b"],"exp":1700000000,"x":{"y":[1,2.5,true,null]},"e":"\u00e9\n"}"#;
    let m = object(doc).expect("in the subset");
    assert_eq!(m.get("exp"), Some(Val::Int(1_700_000_000)));
    assert_eq!(m.get("iss"), Some(Val::Str("https://issuer.example")));
    assert_eq!(m.get("e"), Some(Val::EscStr));
    assert!(matches!(m.get("aud"), Some(Val::Arr(_))));
    check(doc).unwrap();
}

#[test]
fn outside_the_subset_or_invalid_is_none() {
    for doc in [
        &br#"{"a":1,"a":2}"#[..],
        br#"{"a":{"b":1,"b":2}}"#,
        br#"{"a":[{"b":1,"b":2}]}"#,
        br#"{"\u0061":1}"#,
        br#"{"a":1e5}"#,
        br#"{"a":01}"#,
        br#"{"a":1.}"#,
        br#"{"a":"\ud800"}"#,
        br#"{"a":"\x"}"#,
        b"{\"a\":\"\x01\"}",
        b"{\"a\":\"\xff\"}",
        br#"{"a":1,}"#,
        br#"{"a":1} x"#,
        br#"[1]"#,
        br#"{"a":12345678901234567890}"#,
        br#"{"a":tru}"#,
        b"",
    ] {
        assert!(object(doc).is_none(), "{:?}", String::from_utf8_lossy(doc));
    }
    let deep = format!("{{\"a\":{}1{}}}", "[".repeat(20), "]".repeat(20));
    assert!(object(deep.as_bytes()).is_none());
}

/// JSON-ish text from pieces that hit every branch of the scanner, valid or not.
fn jsonish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("{".to_string()),
        Just("}".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just(",".to_string()),
        Just(":".to_string()),
        Just(" ".to_string()),
        Just("\"a\"".to_string()),
        Just("\"b\"".to_string()),
        Just("\"a\\n\"".to_string()),
        Just("\"\\u00e9\"".to_string()),
        Just("\"\\ud83d\\ude00\"".to_string()),
        Just("1".to_string()),
        Just("-0".to_string()),
        Just("0.5".to_string()),
        Just("1e3".to_string()),
        Just("true".to_string()),
        Just("null".to_string()),
        Just("\"é\"".to_string()),
        Just("99999999999999999999".to_string()),
        "[a-z\"\\\\ {}:,0-9.-]{1,3}",
    ];
    proptest::collection::vec(piece, 0..24).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn never_accepts_what_parse_strict_refuses(s in jsonish()) {
        check(s.as_bytes())?;
        check(format!("{{\"k\":{s}}}").as_bytes())?;
        check(format!("{{\"k\":[{s}],\"j\":1}}").as_bytes())?;
    }

    #[test]
    fn never_panics(b in proptest::collection::vec(any::<u8>(), 0..128)) {
        let _ = object(&b);
    }
}
