//! Names the kind of a token that is not a JWS before decode, audit or crack fail on it:
//! JWE, PASETO, Fernet, Flask/itsdangerous cookies, macaroons, opaque handles, bare JSON.
//! JOSE shapes are decided by the one token parser ([`super::parse`]); the other formats
//! are recognised by their own layouts.

use base64ct::{Base64, Base64Url, Base64UrlUnpadded, Encoding};
use serde_json::Value;

use super::Parsed;
use crate::b64::decode_lenient as b64url;

const JWE: &str =
    "a JWE (encrypted JWT): its payload cannot be read or cracked without the decryption key";
const FERNET: &str = "a Fernet token (AES-CBC encrypted and HMAC-signed, not a JWT): only the Fernet key can read it";
const FLASK: &str = "a Flask/itsdangerous signed cookie (payload.timestamp.signature), not a JWT: its HMAC covers a different format";
const MACAROON: &str = "a macaroon (a bearer credential with caveats), not a JWT";
const OPAQUE: &str =
    "an opaque token (a reference handle, not a JWT): only the issuer can look it up";
const JSON_DOC: &str = "a JSON document, not a compact token";

/// What kind of token `s` is, when it is recognisably *not* a JWS; `None` for anything that
/// looks like a JWS (three segments whose first decodes to a JSON object) or that is not
/// recognised at all, so the caller goes on to parse it and report its own error.
pub(crate) fn identify(s: &str) -> Option<&'static str> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if s.starts_with('{') || s.starts_with('[') {
        return serde_json::from_str::<Value>(s).is_ok().then_some(JSON_DOC);
    }
    if let Some(kind) = paseto(s) {
        return Some(kind);
    }
    let parts: Vec<&str> = s.split('.').collect();
    match parts.as_slice() {
        // Five segments only: `parse` asks this function about other counts.
        [_, _, _, _, _] => match super::parse(s) {
            Ok(Parsed::Jwe { header }) if header.contains_key("enc") => Some(JWE),
            _ => None,
        },
        [payload, stamp, sig] if is_itsdangerous(payload, stamp, sig) => Some(FLASK),
        ["", payload, stamp, sig] if is_zlib(payload) && is_timestamp(stamp) && is_mac(sig) => {
            Some(FLASK)
        }
        [_, _, _] => None,
        [single] => no_dots(single),
        _ => None,
    }
}

fn paseto(s: &str) -> Option<&'static str> {
    const KINDS: [(&str, &str); 8] = [
        ("v1.local.", "a PASETO token (v1.local), not a JWT"),
        ("v1.public.", "a PASETO token (v1.public), not a JWT"),
        ("v2.local.", "a PASETO token (v2.local), not a JWT"),
        ("v2.public.", "a PASETO token (v2.public), not a JWT"),
        ("v3.local.", "a PASETO token (v3.local), not a JWT"),
        ("v3.public.", "a PASETO token (v3.public), not a JWT"),
        ("v4.local.", "a PASETO token (v4.local), not a JWT"),
        ("v4.public.", "a PASETO token (v4.public), not a JWT"),
    ];
    KINDS
        .iter()
        .find(|(prefix, _)| s.starts_with(prefix))
        .map(|(_, kind)| *kind)
}

/// itsdangerous `TimestampSigner` output: `base64(json).base64(int).base64(hmac)`. A JWS
/// header always has `alg`; a signed session payload does not.
fn is_itsdangerous(payload: &str, stamp: &str, sig: &str) -> bool {
    if !is_timestamp(stamp) || !is_mac(sig) || payload.len() > 64 * 1024 {
        return false;
    }
    match b64url(payload).and_then(|b| serde_json::from_slice::<Value>(&b).ok()) {
        Some(Value::Object(map)) => !map.contains_key("alg"),
        Some(_) => true,
        None => false,
    }
}

/// itsdangerous encodes the signing time as a minimal big-endian integer: 4 bytes today.
fn is_timestamp(stamp: &str) -> bool {
    (4..=8).contains(&stamp.len())
        && b64url(stamp).is_some_and(|b| (3..=6).contains(&b.len()) && b[0] != 0)
}

/// An HMAC tag: SHA-1 (Flask's default) is 20 bytes, SHA-512 is 64.
fn is_mac(sig: &str) -> bool {
    sig.len() <= 128 && b64url(sig).is_some_and(|b| (16..=64).contains(&b.len()))
}

/// A `.`-prefixed itsdangerous payload is zlib-compressed: check the zlib header only,
/// since inflating attacker-supplied data could be a decompression bomb.
fn is_zlib(payload: &str) -> bool {
    payload.get(..4).and_then(b64url).is_some_and(
        |b| matches!(b.as_slice(), [0x78, flg, ..] if (0x7800 | u16::from(*flg)) % 31 == 0),
    )
}

fn no_dots(s: &str) -> Option<&'static str> {
    if is_fernet(s) {
        Some(FERNET)
    } else if is_macaroon(s) {
        Some(MACAROON)
    } else if is_opaque(s) {
        Some(OPAQUE)
    } else {
        None
    }
}

/// Fernet: urlsafe base64 of version 0x80, timestamp (8), IV (16), ciphertext (16n), HMAC (32).
fn is_fernet(s: &str) -> bool {
    if !s.starts_with("gAAAAA") || s.len() > 1 << 20 {
        return false;
    }
    Base64Url::decode_vec(s)
        .or_else(|_| Base64UrlUnpadded::decode_vec(s.trim_end_matches('=')))
        .is_ok_and(|b| b.len() >= 73 && b[0] == 0x80 && (b.len() - 57) % 16 == 0)
}

/// Macaroons: v1 is base64 of `NNNNlocation …` / `NNNNidentifier …` packets (NNNN hex);
/// v2 is base64 of a binary format starting with version byte 2.
fn is_macaroon(s: &str) -> bool {
    let v1 = s.starts_with("MDAx");
    if !(v1 || s.starts_with("AgE") || s.starts_with("AgI")) || s.len() > 1 << 20 {
        return false;
    }
    let bytes = Base64UrlUnpadded::decode_vec(s.trim_end_matches('='))
        .ok()
        .or_else(|| Base64::decode_vec(s).ok());
    let Some(b) = bytes else { return false };
    if v1 {
        let hex = b
            .get(..4)
            .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit));
        let rest = b.get(4..).unwrap_or(&[]);
        hex && (rest.starts_with(b"location ") || rest.starts_with(b"identifier "))
    } else {
        b.len() >= 20
    }
}

/// A random-looking base64 or hex handle: no dots, 16–128 characters, several distinct
/// characters drawn from more than one class (so ordinary words do not qualify).
fn is_opaque(s: &str) -> bool {
    if !(16..=128).contains(&s.len()) {
        return false;
    }
    let body = s.trim_end_matches('=');
    if !body
        .bytes()
        .all(|c| c.is_ascii_alphanumeric() || b"+/_-".contains(&c))
    {
        return false;
    }
    let mut seen = [false; 256];
    body.bytes().for_each(|c| seen[usize::from(c)] = true);
    let distinct = seen.iter().filter(|&&x| x).count();
    let has = |f: fn(&u8) -> bool| body.bytes().any(|c| f(&c));
    let classes = [
        has(u8::is_ascii_lowercase),
        has(u8::is_ascii_uppercase),
        has(u8::is_ascii_digit),
    ]
    .iter()
    .filter(|&&x| x)
    .count();
    let hex = body.bytes().all(|c| c.is_ascii_hexdigit() || c == b'-');
    (hex && distinct >= 6 && classes >= 2) || (distinct >= 10 && classes >= 2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn b64(bytes: &[u8]) -> String {
        Base64UrlUnpadded::encode_string(bytes)
    }

    const JWS: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.\
                       SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";

    #[test]
    fn jws_is_left_to_the_caller() {
        assert_eq!(identify(JWS), None);
    }

    #[test]
    fn jwe_is_named() {
        let header = b64(br#"{"alg":"RSA-OAEP","enc":"A256GCM"}"#);
        let jwe = format!("{header}.OKOawDo13gRp2ojaHV7LFpZcgV7T6DVZKTyKOMTYUmKoTCVJRgckCL9kiMT03JGe.48V1_ALb6US04U3b.5eym8TW_c8SuK0ltJ3rpYIzOeDQz7TALvtu6UG9oMo4vpzs9tX_EFShS8iB7j6ji.XFBoMYUZodetZdvTiFvSkQ");
        assert_eq!(identify(&jwe), Some(JWE));
        // Five segments whose header has no `enc` are not named a JWE.
        let header = b64(br#"{"alg":"HS256"}"#);
        assert_eq!(identify(&format!("{header}.a.b.c.d")), None);
    }

    #[test]
    fn paseto_names_version_and_purpose() {
        assert_eq!(
            identify("v4.public.eyJkYXRhIjoidGhpcyBpcyBhIHNpZ25lZCBtZXNzYWdlIn0"),
            Some("a PASETO token (v4.public), not a JWT")
        );
        assert_eq!(
            identify("v2.local.QAxIpVe-ECVNI1z4xQbm"),
            Some("a PASETO token (v2.local), not a JWT")
        );
        assert_eq!(identify("v5.local.abc"), None);
    }

    #[test]
    fn fernet_is_named() {
        let mut raw = vec![0x80, 0, 0, 0, 0, 0x65, 0x53, 0xf1, 0x00];
        raw.extend([7u8; 16 + 16 + 32]);
        let token = Base64Url::encode_string(&raw);
        assert!(token.starts_with("gAAAAA"));
        assert_eq!(identify(&token), Some(FERNET));
        // Wrong version byte or a ciphertext that is not whole blocks: not Fernet.
        raw[0] = 0x81;
        assert_ne!(identify(&Base64Url::encode_string(&raw)), Some(FERNET));
        raw[0] = 0x80;
        raw.push(1);
        assert_ne!(identify(&Base64Url::encode_string(&raw)), Some(FERNET));
    }

    #[test]
    fn flask_cookie_is_named() {
        let stamp = b64(&1_700_000_000u32.to_be_bytes());
        let sig = b64(&[9u8; 20]);
        let cookie = format!("{}.{stamp}.{sig}", b64(br#"{"user":"admin"}"#));
        assert_eq!(identify(&cookie), Some(FLASK));
        let compressed = format!(
            ".{}.{stamp}.{sig}",
            b64(&[0x78, 0x9c, 0xab, 0x56, 0x2a, 0x2d])
        );
        assert_eq!(identify(&compressed), Some(FLASK));
        // A JWS with a tiny payload is not mistaken for a cookie: its header has `alg`.
        let jws = format!("{}.{stamp}.{sig}", b64(br#"{"alg":"HS256"}"#));
        assert_eq!(identify(&jws), None);
    }

    #[test]
    fn macaroon_is_named() {
        let v1 = b64(b"0019location example.org\n0015identifier key1\n002fsignature abc\n");
        assert!(v1.starts_with("MDAx"));
        assert_eq!(identify(&v1), Some(MACAROON));
        let mut v2 = vec![2u8, 1, 11];
        v2.extend(b"example.org");
        v2.extend([2u8, 8]);
        v2.extend(b"identity");
        assert_eq!(identify(&b64(&v2)), Some(MACAROON));
    }

    #[test]
    fn opaque_handles_are_named() {
        for s in [
            "8f14e45fceea167a5a36dedd4bea2543",
            "f47ac10b-58cc-4372-a567-0e02b2c3d479",
            "2YotnFZFEjr1zCsicMWpAA",
            "ghp_16C7e42F292c6912E7710c838347Ae178B4a",
        ] {
            assert_eq!(identify(s), Some(OPAQUE), "{s}");
        }
        for s in [
            "password",
            "correcthorsebatterystaple",
            "aaaaaaaaaaaaaaaaaaaa",
            "short1A",
            "hello world 123456",
        ] {
            assert_eq!(identify(s), None, "{s}");
        }
    }

    #[test]
    fn json_documents_are_named() {
        assert_eq!(identify(r#"{"kty":"oct","k":"c2VjcmV0"}"#), Some(JSON_DOC));
        assert_eq!(identify(r#"  {"sub":"1"}  "#), Some(JSON_DOC));
        assert_eq!(identify("{not json"), None);
    }

    #[test]
    fn blank_and_odd_inputs_are_not_identified() {
        for s in ["", "   ", ".", "..", "a.b", "a.b.c.d.e.f"] {
            assert_eq!(identify(s), None, "{s:?}");
        }
    }

    #[test]
    fn token_does_not_depend_on_audit() {
        // `token` is below `audit`: format identification lives here so that the parser's
        // hints need nothing from the audit.
        let needle = concat!("crate::", "audit");
        let mut dirs = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src/token"
        ))];
        let mut seen = 0;
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).expect("src/token is readable") {
                let path = entry.expect("a directory entry").path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let src = std::fs::read_to_string(&path).expect("source is UTF-8");
                    assert!(
                        !src.contains(needle),
                        "{} imports the audit",
                        path.display()
                    );
                    seen += 1;
                }
            }
        }
        assert!(seen >= 5, "only {seen} files under src/token");
    }

    proptest! {
        #[test]
        fn identify_never_panics(s in any::<String>()) {
            let _ = identify(&s);
        }

        #[test]
        fn identify_never_panics_on_token_shapes(s in "[A-Za-z0-9_=.+/-]{0,200}") {
            let _ = identify(&s);
        }
    }
}
