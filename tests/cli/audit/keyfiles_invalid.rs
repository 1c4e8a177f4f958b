//! Key files that look like keys but do not read (issue 8): every format (PEM of each label,
//! DER, JWK, JWKS), truncated, with wrong parameters. Each is a high finding of its own
//! (JOT110, with the reader's reason) that fails the audit, and in a JWKS one bad member
//! hides nothing about the others. Keys are built here byte by byte, so the cases do not
//! depend on any generator accepting them.

use std::path::Path;

use serde_json::{json, Value};

use super::der::*;
use crate::audit_common::*;

/// An ES256 public key as SPKI DER and as a JWK (from `jot keygen`/`jot convert`).
fn ec_public(dir: &Path) -> (Vec<u8>, Value) {
    let ok = |args: &[&str]| {
        let r = run_in(Some(dir), args, None);
        assert_eq!(r.code, 0, "jot {args:?}: {}", r.stderr);
        r.stdout
    };
    ok(&["keygen", "ES256", "--out", "ec.pem"]);
    let spki = unpem(&ok(&["convert", "ec.pem", "--to", "pem", "--public"]));
    let jwk: Value =
        serde_json::from_str(&ok(&["convert", "ec.pem", "--to", "jwk", "--public"])).expect("JWK");
    (spki, jwk)
}

fn rsa_jwk(e: &[u8]) -> Value {
    json!({"kty": "RSA", "n": b64(&modulus()), "e": b64(e), "kid": "r1", "alg": "RS256", "use": "sig"})
}

/// Audit `text` written to `dir/name`: exit code, report, and the JOT110 messages.
fn audit_file(dir: &Path, name: &str, text: impl AsRef<[u8]>) -> (i32, Value, Vec<String>) {
    write(dir, name, text);
    let (code, report) = audit_json_in(Some(dir), &[name], None);
    let invalid = findings(&report)
        .iter()
        .filter(|f| f["rule"] == "JOT110")
        .map(|f| f["message"].as_str().unwrap_or("").to_owned())
        .collect();
    (code, report, invalid)
}

/// Assert that the file is one JOT110 finding (high, exit 1) and no "not a JWT" note, and
/// that its message has `reason`.
fn assert_invalid(case: &str, (code, report, invalid): (i32, Value, Vec<String>), reason: &str) {
    assert_eq!(code, 1, "{case}: an invalid key fails the audit: {report}");
    assert_eq!(invalid.len(), 1, "{case}: one JOT110: {report}");
    assert!(
        invalid[0].contains(reason),
        "{case}: the reader's reason {reason:?} in {:?}",
        invalid[0]
    );
    let f = finding(&report, "JOT110").expect("JOT110");
    assert_eq!(f["severity"], "high", "{case}");
    assert_eq!(f["title"], "invalid key file or JWKS member", "{case}");
    assert!(
        !rule_ids(&report, None).contains("JOT020"),
        "{case}: a key file is not reported as a token: {report}"
    );
    assert_eq!(report["inputs"], 1, "{case}");
}

#[test]
fn rsa_keys_with_exponent_one_are_invalid_in_every_format() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    // The same keys with e = 65537 read: the exponent is what is wrong.
    let (code, report, invalid) =
        audit_file(d, "good.pem", pem("PUBLIC KEY", &spki_rsa(&[1, 0, 1])));
    assert!(invalid.is_empty() && code == 0, "control: {report}");
    let e1 = [1u8];
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("spki.pem", pem("PUBLIC KEY", &spki_rsa(&e1)).into_bytes()),
        (
            "pkcs1.pem",
            pem("RSA PUBLIC KEY", &pkcs1_public(&e1)).into_bytes(),
        ),
        ("spki.der", spki_rsa(&e1)),
        ("pkcs1.der", pkcs1_public(&e1)),
        ("rsa.jwk", rsa_jwk(&e1).to_string().into_bytes()),
        (
            "jwks.json",
            json!({"keys": [rsa_jwk(&e1)]}).to_string().into_bytes(),
        ),
    ];
    for (name, text) in cases {
        assert_invalid(name, audit_file(d, name, text), "RSA");
    }
}

#[test]
fn ec_points_off_the_curve_are_invalid_in_every_format() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let (spki, jwk) = ec_public(d);
    let (code, report, _) = audit_file(d, "good.pem", pem("PUBLIC KEY", &spki));
    assert_eq!(code, 0, "control: {report}");
    let y = unb64(jwk["y"].as_str().expect("y"));
    let mut bad = jwk.clone();
    bad["y"] = json!(b64(&off_curve(y)));
    for (name, text) in [
        (
            "ec.pem",
            pem("PUBLIC KEY", &off_curve(spki.clone())).into_bytes(),
        ),
        ("ec.der", off_curve(spki)),
        ("ec.jwk", bad.to_string().into_bytes()),
    ] {
        let r = audit_file(d, name, text);
        assert_eq!(r.2.len(), 1, "{name}: {}", r.1);
        assert_eq!(r.0, 1, "{name}");
    }
}

#[test]
fn truncated_and_garbled_key_files_are_invalid() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let (spki, jwk) = ec_public(d);
    let full = pem("PUBLIC KEY", &spki);
    let no_end = full.split("-----END").next().unwrap_or_default().to_owned();
    let bad_body = full.replacen("MF", "M!", 1);
    let half = spki[..spki.len() / 2].to_vec();
    let jwks = json!({"keys": [jwk]}).to_string();
    let cut = jwks[..jwks.len() / 2].to_owned();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("no-end.pem", no_end.into_bytes(), "PEM"),
        ("body.pem", bad_body.into_bytes(), "PEM"),
        ("half.der", half, "DER"),
        ("cut.jwks", cut.into_bytes(), "JSON"),
        (
            "cert.pem",
            pem("CERTIFICATE", &spki_rsa(&[1, 0, 1])).into_bytes(),
            "certificate",
        ),
        (
            "label.pem",
            pem("OPENSSH PRIVATE KEY", b"openssh-key-v1\0").into_bytes(),
            "PEM label",
        ),
    ];
    for (name, text, reason) in cases {
        let r = audit_file(d, name, text);
        assert_eq!(r.0, 1, "{name}: {}", r.1);
        assert_eq!(r.2.len(), 1, "{name}: {}", r.1);
        assert!(
            r.2[0].to_lowercase().contains(&reason.to_lowercase()),
            "{name}: {:?} should say {reason}",
            r.2[0]
        );
    }
}

#[test]
fn jwk_members_with_wrong_parameters_are_invalid() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let (_, jwk) = ec_public(d);
    let mut short_x = jwk.clone();
    short_x["x"] = json!(b64(&[1u8; 31]));
    let mut padded = jwk.clone();
    padded["x"] = json!(format!("{}=", jwk["x"].as_str().unwrap_or_default()));
    let cases = [
        ("short-x.jwk", short_x, "32 bytes"),
        ("padded.jwk", padded, "padding"),
        (
            "no-crv.jwk",
            json!({"kty": "EC", "x": jwk["x"], "y": jwk["y"]}),
            "crv",
        ),
        ("empty-k.jwk", json!({"kty": "oct", "k": ""}), "empty"),
        (
            "zero-n.jwk",
            json!({"kty": "RSA", "n": b64(&[0, 1, 2]), "e": "AQAB"}),
            "leading zero",
        ),
        // Found by the key-file property test: recovering the primes underflowed (a panic).
        (
            "zero-d.jwk",
            json!({"kty": "RSA", "e": "aAA0a00--0__", "n": "Aaaa0A0a_a8", "d": ""}),
            "non-zero",
        ),
        (
            "big-e.jwk",
            json!({"kty": "RSA", "e": "aAA0a00--0__", "n": "Aaaa0A0a_a8", "d": "AQ"}),
            "smaller than n",
        ),
        ("no-kty.jwks", json!({"keys": [{"n": "AQAB"}]}), "kty"),
        ("keys-object.jwks", json!({"keys": {"kty": "oct"}}), "array"),
    ];
    for (name, v, reason) in cases {
        assert_invalid(name, audit_file(d, name, v.to_string()), reason);
    }
}

#[test]
fn one_bad_member_of_a_jwks_hides_nothing_about_the_others() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let (_, good) = ec_public(d);
    let y = unb64(good["y"].as_str().expect("y"));
    let mut bad = good.clone();
    bad["y"] = json!(b64(&off_curve(y)));
    bad["kid"] = json!("bad");
    // The good members: one without a kid (JOT104), one oct key with a listed secret
    // (JOT102, JOT108), one leaking a private member (JOT101).
    let mut no_kid = good.clone();
    no_kid.as_object_mut().map(|o| o.remove("kid"));
    let oct = json!({"kty": "oct", "k": b64(b"secret"), "kid": "h", "alg": "HS256", "use": "sig"});
    let mut leaky = rsa_jwk(&[1, 0, 1]);
    leaky["kid"] = json!("r2");
    leaky["p"] = json!("AQAB");
    let set = json!({"keys": [bad, no_kid, oct, leaky, rsa_jwk(&[1])]});
    let (code, report, invalid) = audit_file(d, "jwks.json", set.to_string());
    assert_eq!(code, 1);
    assert_eq!(
        invalid.len(),
        2,
        "the off-curve and the e = 1 members: {report}"
    );
    assert!(invalid[0].contains("key 0 (bad)") || invalid[1].contains("key 0 (bad)"));
    assert_rules(
        "mixed JWKS",
        &rule_ids(&report, None),
        &["JOT110", "JOT104", "JOT102", "JOT108", "JOT101"],
        &["JOT020"],
    );
}

#[test]
fn unsupported_key_types_are_noted_not_failed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let (_, good) = ec_public(d);
    // X25519 (RFC 8037) reads since JWE landed, so X448 stands for "a curve jot lacks".
    let x448 = json!({"kty": "OKP", "crv": "X448", "x": b64(&[7u8; 56]), "kid": "x", "use": "enc"});
    // ML-DSA AKP keys read since RFC 9964 support (a bad one is JOT110, tests/cli/mldsa_audit.rs),
    // so an AKP for an algorithm jot lacks stands for "a future type".
    let future = json!({"kty": "AKP", "alg": "SLH-DSA-SHA2-128s", "pub": "AAAA", "kid": "pq"});
    let set = json!({"keys": [good, x448, future]});
    let (code, report, invalid) = audit_file(d, "jwks.json", set.to_string());
    assert!(invalid.is_empty(), "{report}");
    assert_eq!(code, 0, "info only: {report}");
    let noted: Vec<&Value> = findings(&report)
        .iter()
        .filter(|f| f["rule"] == "JOT111")
        .collect();
    assert_eq!(noted.len(), 2, "{report}");
    assert!(noted.iter().all(|f| f["severity"] == "info"));
}

#[test]
fn an_encrypted_private_key_is_noted_not_failed() {
    if !crate::common::have_openssl() {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let pem = crate::common::openssl(
        d,
        "genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -aes-256-cbc -pass pass:hunter22",
    );
    let (code, report, invalid) = audit_file(d, "enc.pem", pem);
    assert!(invalid.is_empty(), "{report}");
    assert_eq!(code, 0, "{report}");
    assert_rules(
        "encrypted PKCS#8",
        &rule_ids(&report, None),
        &["JOT111"],
        &["JOT020"],
    );
}

#[test]
fn files_that_are_not_keys_are_still_read_as_tokens() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    // A JSON document that is no JWK (a HAR file) and a text file starting with '0'
    // (0x30, a DER SEQUENCE tag) are files of tokens, as before.
    for (name, text) in [
        ("capture.har", json!({"log": {"entries": []}}).to_string()),
        (
            "handles.txt",
            "08f14e45fceea167a5a36dedd4bea2543\n".to_owned(),
        ),
    ] {
        let (_, report, invalid) = audit_file(d, name, text);
        assert!(invalid.is_empty(), "{name}: {report}");
        assert!(
            rule_ids(&report, None).contains("JOT020"),
            "{name}: {report}"
        );
    }
}

#[test]
fn an_rsa_private_jwk_with_zero_or_oversized_members_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().expect("tempdir");
    for d in ["", "AQ"] {
        let jwk = json!({"kty": "RSA", "e": "aAA0a00--0__", "n": "Aaaa0A0a_a8", "d": d});
        let f = write(dir.path(), "k.jwk", jwk.to_string());
        let r = run(&["convert", &f, "--to", "pem"]);
        assert_eq!(r.code, 2, "d = {d:?}: {}", r.stderr);
        assert!(r.stderr.starts_with("error: "), "{}", r.stderr);
        assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    }
}

#[test]
fn an_ec_private_key_whose_written_public_key_is_not_its_own_is_invalid() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let key = |name: &str| -> (Vec<u8>, Vec<u8>) {
        let r = run_in(
            Some(d),
            &["keygen", "ES256", "--format", "jwk", "--out", name],
            None,
        );
        assert_eq!(r.code, 0, "{}", r.stderr);
        let v: Value = serde_json::from_str(&std::fs::read_to_string(d.join(name)).expect("jwk"))
            .expect("JSON");
        let m = |k: &str| unb64(v[k].as_str().expect("member"));
        let mut point = vec![4u8];
        point.extend(m("x"));
        point.extend(m("y"));
        (m("d"), point)
    };
    let (scalar, own) = key("a.jwk");
    let (_, other) = key("b.jwk");
    let mut compressed = vec![2 + (own[64] & 1)];
    compressed.extend_from_slice(&own[1..33]);
    for (point, valid) in [
        (own.clone(), true),
        (compressed, true),
        (off_curve(own), false),
        (other, false),
    ] {
        let key = sec1(&scalar, &point);
        for (name, text) in [
            ("sec1.pem", pem("EC PRIVATE KEY", &key).into_bytes()),
            (
                "pkcs8.pem",
                pem("PRIVATE KEY", &pkcs8_ec(&key)).into_bytes(),
            ),
            ("sec1.der", key.clone()),
        ] {
            let path = d.join(name);
            std::fs::write(&path, &text).expect("write");
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600))
                    .expect("chmod");
            }
            let (code, report) = audit_json_in(Some(d), &[name], None);
            if valid {
                assert_eq!(code, 0, "{name} with its own point: {report}");
            } else {
                assert_invalid(
                    name,
                    (code, report.clone(), {
                        findings(&report)
                            .iter()
                            .filter(|f| f["rule"] == "JOT110")
                            .map(|f| f["message"].as_str().unwrap_or("").to_owned())
                            .collect()
                    }),
                    if name.ends_with(".der") {
                        "DER"
                    } else {
                        "public key"
                    },
                );
            }
        }
    }
}
