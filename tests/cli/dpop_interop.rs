//! DPoP interop both ways: proofs made by npm `dpop` (panva) are checked by `jot dpop
//! check` (valid ones pass, tampered ones fail with the right check named), and jot's
//! access tokens with jot's proofs are accepted by npm `oauth4webapi`'s resource-server
//! validation (`validateJwtAccessToken` with its DPoP checks), which also refuses a jot
//! proof made for another request. Each implementation runs once per direction.

use std::path::Path;

use serde_json::{json, Value};

use crate::common::{interop_script, jot_ok, json as parse, thumbprint, tmp, write};
use crate::dpop::{dpop_check, failed_checks};

const HTU: &str = "https://rs.example/api/resource";

fn node_ready() -> bool {
    crate::common::node_packages_ready(&["dpop", "oauth4webapi"])
}

fn node(dir: &Path, jobs: &Value) -> Vec<Value> {
    let file = write(dir, "jobs.json", jobs.to_string());
    let out = std::process::Command::new("node")
        .arg(interop_script("node/dpop.mjs"))
        .arg(file)
        .output()
        .expect("run node");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    parse(&String::from_utf8_lossy(&out.stdout))
        .as_array()
        .expect("array")
        .clone()
}

/// A copy of `proof` with its claims replaced by `edit(claims)`, the signature kept.
fn tampered(proof: &str, edit: impl Fn(&mut Value)) -> String {
    let parts: Vec<&str> = proof.split('.').collect();
    let decoded = parse(&jot_ok(["decode", proof, "--json"]));
    let mut claims = decoded["payload"].clone();
    edit(&mut claims);
    format!(
        "{}.{}.{}",
        parts[0],
        jot::b64::encode(claims.to_string().as_bytes()),
        parts[2]
    )
}

#[test]
fn proofs_from_npm_dpop_check_in_jot_and_tampered_ones_fail_by_name() {
    if !node_ready() {
        return;
    }
    let d = tmp();
    let algs = ["ES256", "RS256", "PS256", "Ed25519"];
    let jobs: Vec<Value> = algs
        .iter()
        .map(|alg| json!({"op": "proof", "alg": alg, "htm": "POST", "htu": format!("{HTU}?q=1"), "nonce": "n-1", "at": "AT-1"}))
        .collect();
    let proofs = node(d.path(), &Value::Array(jobs));
    let (mut valid, mut refused) = (0, 0);
    for (alg, p) in algs.iter().zip(&proofs) {
        assert_eq!(p["ok"], true, "{alg}: {p}");
        let proof = p["proof"].as_str().unwrap();
        let jkt = p["jkt"].as_str().unwrap();
        let base = [
            "--htm",
            "POST",
            "--htu",
            HTU,
            "--nonce",
            "n-1",
            "--access-token",
            "AT-1",
            "--jkt",
            jkt,
            "--json",
        ];
        let (code, out, err) = dpop_check(proof, &base);
        assert_eq!(code, 0, "{alg}: {out}{err}");
        valid += 1;
        let args = |over: &[(&str, &str)]| {
            let mut a: Vec<&str> = base.to_vec();
            for (flag, val) in over {
                let i = a.iter().position(|x| x == flag).unwrap();
                a[i + 1] = val;
            }
            a.iter().map(|s| s.to_string()).collect::<Vec<_>>()
        };
        let cases: Vec<(String, Vec<String>, &str)> = vec![
            (proof.into(), args(&[("--htm", "GET")]), "htm"),
            (
                proof.into(),
                args(&[("--htu", "https://rs.example/other")]),
                "htu",
            ),
            (proof.into(), args(&[("--access-token", "AT-2")]), "ath"),
            (proof.into(), args(&[("--nonce", "n-2")]), "nonce"),
            (
                proof.into(),
                args(&[("--jkt", "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I")]),
                "jkt",
            ),
            (
                tampered(proof, |c| c["htm"] = "GET".into()),
                args(&[("--htm", "GET")]),
                "signature",
            ),
        ];
        for (t, a, want) in cases {
            let a: Vec<&str> = a.iter().map(String::as_str).collect();
            let (code, out, _) = dpop_check(&t, &a);
            assert_eq!(code, 1, "{alg} {want}");
            assert_eq!(failed_checks(&out), [want], "{alg}");
            refused += 1;
        }
    }
    eprintln!(
        "npm dpop -> jot: {valid} valid proofs accepted, {refused} altered ones refused by name"
    );
    assert_eq!((valid, refused), (4, 24));
}

/// Three oauth4webapi jobs for a client key of `alg`: a jot access token bound to it with
/// jot proofs for the request (GET with a query, POST) and one for another URI.
fn validate_jobs(dir: &Path, alg: &str, jwks: &Value) -> Vec<Value> {
    let mut jobs = Vec::new();
    let (key, public) = (
        dir.join(format!("{alg}.jwk")),
        dir.join(format!("{alg}.pub.jwk")),
    );
    jot_ok([
        "keygen",
        alg,
        "--out",
        key.to_str().unwrap(),
        "--public-out",
        public.to_str().unwrap(),
    ]);
    let jkt = thumbprint(&public, &[]);
    let at = jot_ok([
        "sign",
        "--key",
        dir.join("as.jwk").to_str().unwrap(),
        "--header",
        "typ=at+jwt",
        "--iss",
        "https://as.example",
        "--aud",
        "https://rs.example",
        "--sub",
        "alice",
        "--jti",
        "--claim",
        "client_id=c1",
        "--claim",
        &format!("cnf={{\"jkt\":\"{jkt}\"}}"),
    ]);
    let at = at.trim();
    for (htm, proof_htu, why) in [
        ("GET", format!("{HTU}?page=2"), "ok"),
        ("POST", HTU.to_owned(), "ok"),
        ("GET", "https://rs.example/elsewhere".to_owned(), "htu"),
    ] {
        let proof = jot_ok([
            "dpop",
            "proof",
            "--key",
            key.to_str().unwrap(),
            "--htm",
            htm,
            "--htu",
            &proof_htu,
            "--ath",
            at,
        ]);
        jobs.push(json!({
            "op": "validate", "issuer": "https://as.example", "jwks": jwks, "aud": "https://rs.example",
            "at": at, "proof": proof.trim(), "htm": htm, "htu": format!("{HTU}?page=2"), "why": why,
        }));
    }
    jobs
}

#[test]
fn jot_tokens_and_proofs_pass_oauth4webapi_resource_server_validation() {
    if !node_ready() {
        return;
    }
    let d = tmp();
    let dir = d.path();
    jot_ok([
        "keygen",
        "ES256",
        "--out",
        dir.join("as.jwk").to_str().unwrap(),
        "--public-out",
        dir.join("as.pub.jwk").to_str().unwrap(),
    ]);
    // The token's kid is the key's thumbprint (jot sign's default): the JWKS names it so.
    let kid = thumbprint(&dir.join("as.pub.jwk"), &[]);
    let jwks = parse(&jot_ok([
        "convert",
        dir.join("as.pub.jwk").to_str().unwrap(),
        "--to",
        "jwks",
        "--kid",
        &kid,
    ]));
    let jobs: Vec<Value> = ["ES256", "ES384", "RS256", "PS256", "EdDSA"]
        .iter()
        .flat_map(|alg| validate_jobs(dir, alg, &jwks))
        .collect();
    let results = node(dir, &Value::Array(jobs.clone()));
    let (mut accepted, mut refused) = (0, 0);
    for (job, r) in jobs.iter().zip(&results) {
        if job["why"] == "ok" {
            assert_eq!(r["ok"], true, "oauth4webapi refused a jot proof: {r}");
            assert_eq!(r["sub"], "alice");
            accepted += 1;
        } else {
            assert_eq!(
                r["ok"], false,
                "oauth4webapi accepted a proof for another URI"
            );
            assert!(r["error"].as_str().unwrap().contains("htu"), "{r}");
            refused += 1;
        }
    }
    eprintln!(
        "jot -> oauth4webapi: {accepted} token+proof pairs accepted, {refused} mismatched refused"
    );
    assert_eq!((accepted, refused), (10, 5));
}
