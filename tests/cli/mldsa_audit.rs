//! `jot audit` over ML-DSA (RFC 9964 AKP) key files and JWKS members: a private AKP where
//! keys are published is JOT101, a clean public one gives no finding, a broken ML-DSA AKP is
//! JOT110 like any broken key (an AKP for an algorithm jot lacks is JOT111), and a `priv`
//! that does not derive `pub` is a finding, never a crash. The key is RFC 9964's example.

use std::path::Path;

use serde_json::{json, Value};

use crate::common::{jot, json, tmp, write};

/// RFC 9964 App. A's ML-DSA-44 JWK (private: `priv` is the all-zero seed), with `use` added
/// so that a clean public copy draws no JOT107.
fn rfc_key() -> Value {
    let v = json(include_str!(
        "../../src/keys/vectors/rfc9964_ml_dsa_44.json"
    ));
    let mut k = v["jwk"].clone();
    k["use"] = "sig".into();
    k
}

fn public(mut k: Value) -> Value {
    k.as_object_mut().unwrap().remove("priv");
    k
}

/// The audit of one file as JSON: its exit code and the (rule, message) of each finding.
fn audit(path: &Path) -> (i32, Vec<(String, String)>) {
    let out = jot()
        .args(["audit", "--format", "json", path.to_str().unwrap()])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    let report = json(&String::from_utf8(out.stdout).unwrap());
    let findings = report["findings"]
        .as_array()
        .unwrap_or_else(|| panic!("a report: {report} {stderr}"))
        .iter()
        .map(|f| {
            let s = |m: &str| f[m].as_str().unwrap().to_owned();
            (s("rule"), s("message"))
        })
        .collect();
    (out.status.code().unwrap(), findings)
}

fn rules(findings: &[(String, String)]) -> Vec<&str> {
    findings.iter().map(|(r, _)| r.as_str()).collect()
}

#[test]
fn audit_flags_a_private_akp_jwk_in_a_pub_named_file_or_a_jwks_as_jot101() {
    let dir = tmp();
    let single = write(dir.path(), "mldsa-pub.jwk", rfc_key().to_string());
    let set = write(
        dir.path(),
        "keys.json",
        json!({"keys": [rfc_key()]}).to_string(),
    );
    for path in [single, set] {
        let (code, findings) = audit(&path);
        assert_eq!(code, 1, "{findings:?}");
        let leak = findings.iter().find(|(r, _)| r == "JOT101");
        let (_, msg) = leak.unwrap_or_else(|| panic!("JOT101 in {findings:?}"));
        assert!(msg.contains("priv"), "{msg}");
    }
}

#[test]
fn audit_gives_no_finding_for_a_public_akp_jwk_or_a_jwks_of_them() {
    let dir = tmp();
    let single = write(dir.path(), "mldsa.pub.jwk", public(rfc_key()).to_string());
    let set = write(
        dir.path(),
        "jwks.json",
        json!({"keys": [public(rfc_key())]}).to_string(),
    );
    for path in [single, set] {
        assert_eq!(audit(&path), (0, vec![]));
    }
}

#[test]
fn audit_reports_a_malformed_ml_dsa_akp_as_jot110_like_other_broken_keys() {
    let dir = tmp();
    let short_pub = json!({"kty": "AKP", "alg": "ML-DSA-44", "pub": "AAAA", "kid": "short"});
    let no_alg = json!({"kty": "AKP", "pub": public(rfc_key())["pub"], "kid": "no-alg"});
    let foreign = json!({"kty": "AKP", "alg": "SLH-DSA-SHA2-128s", "pub": "AAAA", "kid": "slh"});
    let broken_ec = json!({"kty": "EC", "crv": "P-256", "x": "AA", "y": "AA", "kid": "ec"});
    let set = json!({"keys": [public(rfc_key()), short_pub, no_alg, foreign, broken_ec]});
    let (code, findings) = audit(&write(dir.path(), "jwks.json", set.to_string()));
    assert_eq!(code, 1, "{findings:?}");
    // Sorted by severity: the three broken keys (high), then the foreign AKP (info).
    assert_eq!(
        rules(&findings),
        ["JOT110", "JOT110", "JOT110", "JOT111"],
        "{findings:?}"
    );
    assert!(findings[0].1.contains("key 1 (short)"), "{findings:?}");
    assert!(findings[1].1.contains("key 2 (no-alg)"), "{findings:?}");
    assert!(findings[3].1.contains("key 3 (slh)"), "{findings:?}");
    // A single malformed AKP file gets the same rule as a single malformed EC file.
    for bad in [&set["keys"][1], &set["keys"][4]] {
        let (_, findings) = audit(&write(dir.path(), "bad.jwk", bad.to_string()));
        assert_eq!(rules(&findings), ["JOT110"], "{findings:?}");
    }
}

#[test]
fn audit_reports_an_akp_whose_priv_does_not_derive_pub_as_a_finding_not_a_crash() {
    let dir = tmp();
    let mut mismatched = rfc_key();
    // Another seed (first byte 1 instead of 0) beside the zero seed's `pub`.
    mismatched["priv"] = "AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA".into();
    let file = write(dir.path(), "mldsa.key.jwk", mismatched.to_string());
    let (code, findings) = audit(&file);
    assert_eq!(code, 1, "{findings:?}");
    assert_eq!(rules(&findings), ["JOT110"], "{findings:?}");
    assert!(findings[0].1.contains("does not derive"), "{findings:?}");
    let set = json!({"keys": [mismatched, public(rfc_key())]});
    let (_, findings) = audit(&write(dir.path(), "jwks.json", set.to_string()));
    // Both members carry the example kid, hence JOT105 too.
    assert_eq!(
        rules(&findings),
        ["JOT101", "JOT110", "JOT105"],
        "{findings:?}"
    );
}
