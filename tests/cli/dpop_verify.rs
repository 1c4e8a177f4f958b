//! `jot verify --dpop-proof`: an access token and its DPoP proof in one verdict whose
//! reasons name the layer that failed (access token, binding, DPoP proof); a token without
//! cnf.jkt fails even with a good proof.

use std::path::Path;

use crate::common::{assert_input_error, jot, jot_ok, json, thumbprint, tmp};
use crate::dpop::{keygen, unbound_token_and_proof};

/// An access token bound to `c.pub.jwk` (cnf.jkt), signed by `as.jwk`.
fn bound_token(dir: &Path) -> String {
    let jkt = thumbprint(&dir.join("c.pub.jwk"), &[]);
    jot_ok([
        "sign",
        "--key",
        dir.join("as.jwk").to_str().unwrap(),
        "--sub",
        "alice",
        "--claim",
        &format!("cnf={{\"jkt\":\"{jkt}\"}}"),
    ])
    .trim()
    .to_owned()
}

fn verify_bound(dir: &Path, at: &str, proof: &str, htm: &str) -> (i32, String) {
    let out = jot()
        .args(["verify", at, "--key"])
        .arg(dir.join("as.pub.jwk"))
        .args([
            "--dpop-proof",
            proof,
            "--htm",
            htm,
            "--htu",
            "https://rs.example/r",
        ])
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn verify_with_a_dpop_proof_checks_both_layers_and_names_the_one_that_failed() {
    let d = tmp();
    keygen(d.path(), "ES256", "c");
    keygen(d.path(), "ES256", "as");
    let at = bound_token(d.path());
    let proof = jot_ok([
        "dpop",
        "proof",
        "--key",
        d.path().join("c.jwk").to_str().unwrap(),
        "--htm",
        "GET",
        "--htu",
        "https://rs.example/r",
        "--ath",
        &at,
    ]);
    let (code, out) = verify_bound(d.path(), &at, proof.trim(), "GET");
    assert_eq!(code, 0, "{out}");
    let (verdict, claims) = out.split_once('\n').unwrap_or_default();
    assert_eq!(verdict, "valid", "{out}");
    assert_eq!(json(claims)["sub"], "alice");
    let (code, out) = verify_bound(d.path(), &at, proof.trim(), "DELETE");
    assert_eq!(code, 1);
    assert!(out.starts_with("invalid: DPoP proof: htm: "), "{out}");
    // A token signed by another issuer fails at the access-token layer.
    keygen(d.path(), "ES256", "evil");
    let forged = jot_ok([
        "sign",
        "--key",
        d.path().join("evil.jwk").to_str().unwrap(),
        "--sub",
        "alice",
    ]);
    let (code, out) = verify_bound(d.path(), forged.trim(), proof.trim(), "GET");
    assert_eq!(code, 1);
    assert!(out.starts_with("invalid: access token: "), "{out}");
    assert!(
        out.contains("binding: the access token has no cnf.jkt"),
        "{out}"
    );
}

#[test]
fn verify_refuses_a_token_without_cnf_jkt_even_with_a_good_proof() {
    let d = tmp();
    let (at, proof) = unbound_token_and_proof(d.path());
    let at = at.as_str();
    let (code, out) = verify_bound(d.path(), at, proof.trim(), "GET");
    assert_eq!(code, 1);
    assert_eq!(
        out.trim(),
        "invalid: binding: the access token has no cnf.jkt, so nothing binds it to the proof's key"
    );
    // A proof that is no token is an input error (exit 2), not a verdict.
    let out = jot()
        .args(["verify", at, "--key"])
        .arg(d.path().join("as.pub.jwk"))
        .args([
            "--dpop-proof",
            "garbage",
            "--htm",
            "GET",
            "--htu",
            "https://rs.example/r",
        ])
        .output()
        .unwrap();
    assert_input_error(&out);
}
