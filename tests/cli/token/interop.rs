//! PyJWT interop, both ways, for every algorithm jot signs with: tokens PyJWT makes from
//! keys `jot keygen` wrote verify in `jot verify`, and `jot sign`'s tokens verify in PyJWT.
//! Skipped with a note when python3, PyJWT or cryptography is missing.

use std::process::Command;

use serde_json::Value;

use crate::token_common::{family_key, have_pyjwt, interop_script, keys, run};

const ALGS: [&str; 14] = [
    "HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256",
    "ES384", "ES512", "ES256K", "EdDSA",
];
const ISS: &str = "https://issuer.example";

fn python(args: &[&str]) -> (i32, String) {
    let out = Command::new("python3")
        .arg(interop_script())
        .args(args)
        .output()
        .expect("run python3");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap_or(-1), text)
}

/// (signing key args for jot, key file PyJWT signs with, verifying key args for jot, key
/// file PyJWT verifies with)
fn key_args(alg: &str) -> (Vec<String>, String, Vec<String>, String) {
    let k = keys();
    let fam = family_key(alg);
    if alg.starts_with("HS") {
        let secret = k.secret_file(fam);
        let jot = vec!["--secret-file".to_string(), secret.clone()];
        return (jot.clone(), secret.clone(), jot, secret);
    }
    (
        vec!["--key".into(), k.private(fam)],
        k.private(fam),
        vec!["--key".into(), k.public(fam)],
        k.public(fam),
    )
}

/// Claims with the real clock: PyJWT checks exp and iat against it.
fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock after 1970")
        .as_secs() as i64
}

#[test]
fn jot_tokens_verify_in_pyjwt() {
    if !have_pyjwt() {
        return;
    }
    for alg in ALGS {
        let (sign_key, _, _, verify_file) = key_args(alg);
        let mut args = vec!["sign", "--alg", alg, "--iss", ISS, "--sub", "alice"];
        args.extend(["--aud", "api", "--claim", "n=7"]);
        args.extend(sign_key.iter().map(String::as_str));
        let token = run(&args).ok();
        let (code, out) = python(&["verify", alg, &verify_file, token.trim(), "api", ISS]);
        assert_eq!(code, 0, "{alg}: PyJWT rejected jot's token: {out}");
        let claims: Value = serde_json::from_str(out.trim()).expect("claims JSON");
        assert_eq!(claims["sub"], "alice", "{alg}");
        assert_eq!(claims["n"], 7, "{alg}");
    }
}

#[test]
fn pyjwt_tokens_verify_in_jot() {
    if !have_pyjwt() {
        return;
    }
    let t = now();
    let claims = format!(
        r#"{{"iss":"{ISS}","sub":"bob","aud":["api","other"],"iat":{t},"exp":{},"n":7}}"#,
        t + 600
    );
    for alg in ALGS {
        let (_, sign_file, verify_key, _) = key_args(alg);
        let (code, token) = python(&["sign", alg, &sign_file, &claims]);
        assert_eq!(code, 0, "{alg}: PyJWT cannot sign: {token}");
        let mut args = vec![
            "verify",
            token.trim(),
            "--aud",
            "api",
            "--iss",
            ISS,
            "--json",
        ];
        args.extend(verify_key.iter().map(String::as_str));
        let r = run(&args);
        assert_eq!(r.code, 0, "{alg}: jot rejected PyJWT's token: {r:#?}");
        let v: Value = serde_json::from_str(r.stdout.trim()).expect("verdict JSON");
        assert_eq!(v["valid"], true, "{alg}");
        assert_eq!(v["alg"], alg, "{alg}");
        assert_eq!(v["claims"]["sub"], "bob", "{alg}");
    }
}

#[test]
fn pyjwt_rejects_jot_tokens_for_the_wrong_audience() {
    if !have_pyjwt() {
        return;
    }
    let (sign_key, _, _, verify_file) = key_args("ES256");
    let mut args = vec!["sign", "--iss", ISS, "--aud", "someone-else"];
    args.extend(sign_key.iter().map(String::as_str));
    let token = run(&args).ok();
    let (code, out) = python(&["verify", "ES256", &verify_file, token.trim(), "api", ISS]);
    assert_eq!(code, 1, "PyJWT must refuse: {out}");
    assert!(out.contains("Audience"), "{out}");
}
