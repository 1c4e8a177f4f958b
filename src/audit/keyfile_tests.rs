//! Tests of the key-file and JWKS rules (`keyfile.rs`).

use super::*;
use proptest::prelude::*;

fn subject() -> Subject {
    Subject {
        name: "k".into(),
        location: "k".into(),
        line: None,
    }
}

fn rules(data: &[u8]) -> Vec<&'static str> {
    let format = keys::detect(data).expect("a key format");
    audit_key_file(None, data, format, &subject(), &Secrets::none())
        .expect("no wordlist, no error")
        .into_iter()
        .map(|f| f.rule)
        .collect()
}

#[test]
fn a_bad_member_is_reported_beside_the_good_ones() {
    let good = r#"{"kty":"oct","k":"c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA","kid":"a"}"#;
    let bad = r#"{"kty":"EC","crv":"P-256","x":"AA","y":"AA","kid":"a"}"#;
    let set = format!(r#"{{"keys":[{good},{bad}]}}"#);
    let got = rules(set.as_bytes());
    for id in ["JOT102", "JOT110", "JOT105", "JOT107"] {
        assert!(got.contains(&id), "{id} in {got:?}");
    }
}

#[test]
fn unknown_types_are_unsupported_and_known_ones_are_broken() {
    let v = |s: &str| serde_json::from_str::<Value>(s).expect("JSON");
    assert!(unsupported(&v(
        r#"{"kty":"AKP","alg":"SLH-DSA-SHA2-128s"}"#
    )));
    assert!(!unsupported(&v(r#"{"kty":"AKP","alg":"ML-DSA-44"}"#)));
    assert!(!unsupported(&v(r#"{"kty":"AKP"}"#)));
    assert!(unsupported(&v(r#"{"kty":"OKP","crv":"X448"}"#)));
    assert!(!unsupported(&v(r#"{"kty":"OKP","crv":"Ed25519"}"#)));
    assert!(!unsupported(&v(r#"{"kty":"OKP","crv":"X25519"}"#)));
    assert!(!unsupported(&v(r#"{"kty":"EC","crv":"P-256"}"#)));
    assert!(!unsupported(&v(r#"{"kty":"RSA"}"#)));
    assert!(!unsupported(&v(r#"{"n":"AQAB"}"#)));
}

#[test]
fn key_files_are_told_from_token_files_by_content() {
    let cases: [(&[u8], Option<Format>); 9] = [
        (br#"{"keys":[]}"#, Some(Format::Jwks)),
        (br#"{"keys":[{"kty":"RSA","n":"#, Some(Format::Jwks)),
        (br#" {"kty":"oct","k":"AA"}"#, Some(Format::Jwk)),
        (b"-----BEGIN CERTIFICATE-----\nMII", Some(Format::Pem)),
        (&[0x30, 0x82, 0x01], Some(Format::Der)),
        (br#"{"log":{"entries":[]}}"#, None),
        (b"08f14e45fceea167a5a36dedd4bea2543\n", None),
        (b"eyJhbGciOiJIUzI1NiJ9.e30.sig\n", None),
        (b"", None),
    ];
    for (data, format) in cases {
        assert_eq!(
            keys::detect(data),
            format,
            "{:?}",
            String::from_utf8_lossy(data)
        );
    }
}

proptest! {
    #[test]
    fn key_file_audit_never_panics(data in proptest::collection::vec(any::<u8>(), 0..600)) {
        if let Some(format) = keys::detect(&data) {
            let _ = audit_key_file(None, &data, format, &subject(), &Secrets::none());
        }
    }

    #[test]
    fn key_file_audit_never_panics_on_jwks_shapes(
        body in r#"\{"keys":\[(\{"kty":"(RSA|EC|OKP|oct|AKP|x)"(,"(n|e|x|y|crv|k|d|p|q|dp|dq|qi|kid|alg|pub|priv)":"[A-Za-z0-9_-]{0,12}")*\},?){0,4}\]\}"#
    ) {
        let format = keys::detect(body.as_bytes());
        prop_assert!(format.is_some());
        if let Some(format) = format {
            let _ = audit_key_file(None, body.as_bytes(), format, &subject(), &Secrets::none());
        }
    }
}
