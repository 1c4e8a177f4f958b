//! JSON-serialized JWS and JWE interop both ways with jwcrypto (PyPI) and node `jose`
//! (npm): they sign general (ES256 + RS256 + HS256) and flattened JWS and encrypt general
//! (RSA-OAEP-256 + ECDH-ES+A256KW + A256KW, with aad) and flattened JWE, and `jot verify` /
//! `jot decrypt` accept each with each key alone; jot signs and encrypts the same shapes and
//! they verify and decrypt them with each key. Each implementation runs twice per test (one
//! batch to make, one to check).

use std::path::Path;

use serde_json::{json, Value};

use crate::common::{have_jwcrypto, interop_script, jot, tmp, write};

/// Claims valid at the fixed clock (`--now`), for every verifier.
const NOW: &str = "2026-01-01T00:00:00Z";
const CLAIMS: &str = r#"{"sub":"interop","exp":4102444800}"#;

/// (file name, JWS or JWE alg, private JWK): the signing and the encryption keys.
fn keys(dir: &Path) -> Vec<(&'static str, &'static str, Value)> {
    use jot::alg::Alg;
    let rsa: Value = serde_json::from_str(include_str!("../../src/keys/vectors/rfc7515_a2.json"))
        .expect("vector");
    let mut es = jot::keys::generate(Alg::ES256, None, None).expect("keygen");
    es.alg = None;
    es.kid = Some("es".into());
    let mut rsa_sig = rsa["jwk"].clone();
    rsa_sig["kid"] = "rs".into();
    let mut rsa_enc = rsa["jwk"].clone();
    rsa_enc["kid"] = "rsa-enc".into();
    let mut ec_enc = jot::keys::generate(Alg::ES256, None, None).expect("keygen");
    ec_enc.alg = None;
    ec_enc.use_ = None;
    ec_enc.kid = Some("ec-enc".into());
    let out = vec![
        ("es", "ES256", es.to_json(true)),
        ("rs", "RS256", rsa_sig),
        (
            "hs",
            "HS256",
            json!({"kty": "oct", "kid": "hs", "k": "aW50ZXJvcC1obWFjLWtleS1vZi0zMi1ieXRlcy1vayE"}),
        ),
        ("rsa-enc", "RSA-OAEP-256", rsa_enc),
        ("ec-enc", "ECDH-ES+A256KW", ec_enc.to_json(true)),
        (
            "oct-enc",
            "A256KW",
            json!({"kty": "oct", "kid": "oct-enc", "k": "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8"}),
        ),
    ];
    for (name, _, k) in &out {
        write(dir, &format!("{name}.jwk"), k.to_string());
    }
    out
}

fn batch(program: &str, script: &Path, dir: &Path, jobs: &[Value]) -> Vec<Value> {
    let file = write(dir, "jobs.json", Value::from(jobs.to_vec()).to_string());
    let out = std::process::Command::new(program)
        .arg(script)
        .arg(&file)
        .output()
        .expect("run interop script");
    crate::common::assert_success(&out, program);
    let v: Vec<Value> = serde_json::from_slice(&out.stdout).expect("script output is JSON");
    for (job, r) in jobs.iter().zip(&v) {
        assert_eq!(r["ok"], true, "{program}: {job}\n{r}");
    }
    v
}

fn jot_run(dir: &Path, args: &[&str]) -> String {
    let out = jot().current_dir(dir).args(args).output().expect("run jot");
    crate::common::assert_success(&out, &format!("jot {args:?}"));
    String::from_utf8(out.stdout)
        .expect("UTF-8")
        .trim()
        .to_owned()
}

fn both_ways(program: &str, script: &Path) {
    let dir = tmp();
    let d = dir.path();
    let keys = keys(d);
    let rsa = cfg!(feature = "aws-lc"); // RSA decryption is aws-lc only
    let signers: Vec<Value> = keys[..3]
        .iter()
        .map(|(_, alg, k)| json!({"key": k, "alg": alg}))
        .collect();
    let recipients: Vec<Value> = keys[3..]
        .iter()
        .filter(|(n, _, _)| rsa || *n != "rsa-enc")
        .map(|(_, alg, k)| json!({"key": k, "alg": alg}))
        .collect();
    // Theirs → jot.
    let made = batch(
        program,
        script,
        d,
        &[
            json!({"op": "sign", "signers": signers, "payload": CLAIMS, "flattened": false}),
            json!({"op": "sign", "signers": [signers[0]], "payload": CLAIMS, "flattened": true}),
            json!({"op": "encrypt", "recipients": recipients, "enc": "A256GCM", "payload": "hello", "aad": "ctx", "flattened": false}),
            json!({"op": "encrypt", "recipients": [recipients[recipients.len() - 1]], "enc": "A128CBC-HS256", "payload": "hi", "aad": null, "flattened": true}),
        ],
    );
    let tok = |i: usize| made[i]["token"].as_str().unwrap().to_owned();
    for (i, (name, _, _)) in keys[..3].iter().enumerate() {
        let v: Value = serde_json::from_str(&jot_run(
            d,
            &[
                "verify",
                &tok(0),
                "--key",
                &format!("{name}.jwk"),
                "--now",
                NOW,
                "--json",
            ],
        ))
        .unwrap();
        assert_eq!(
            (v["valid"].as_bool(), v["signature"]["index"].as_u64()),
            (Some(true), Some(i as u64)),
            "{program} {name}: {v}"
        );
    }
    jot_run(d, &["verify", &tok(1), "--key", "es.jwk", "--now", NOW]);
    for (name, _, _) in keys[3..].iter().filter(|(n, _, _)| rsa || *n != "rsa-enc") {
        assert_eq!(
            jot_run(d, &["decrypt", &tok(2), "--key", &format!("{name}.jwk")]),
            "hello",
            "{program} {name}"
        );
    }
    assert_eq!(
        jot_run(d, &["decrypt", &tok(3), "--key", "oct-enc.jwk"]),
        "hi"
    );
    // jot → theirs.
    let general = jot_run(
        d,
        &[
            "sign",
            "--serialization",
            "json",
            "--key",
            "es.jwk",
            "--key",
            "rs.jwk",
            "--key",
            "hs.jwk",
            "--claims",
            CLAIMS,
            "--now",
            NOW,
        ],
    );
    let flat = jot_run(
        d,
        &[
            "sign",
            "--serialization",
            "flattened",
            "--key",
            "es.jwk",
            "--claims",
            CLAIMS,
            "--now",
            NOW,
        ],
    );
    let mut enc_args = vec!["encrypt", "--serialization", "json", "--aad", "ctx"];
    let files: Vec<String> = keys[3..]
        .iter()
        .filter(|(n, _, _)| rsa || *n != "rsa-enc")
        .map(|(n, _, _)| format!("{n}.jwk"))
        .collect();
    for f in &files {
        enc_args.extend(["--key", f.as_str()]);
    }
    enc_args.push("hello");
    let jwe = jot_run(d, &enc_args);
    let flat_jwe = jot_run(
        d,
        &[
            "encrypt",
            "--serialization",
            "flattened",
            "--key",
            "ec-enc.jwk",
            "hi",
        ],
    );
    let mut jobs = Vec::new();
    for (_, alg, k) in &keys[..3] {
        jobs.push(json!({"op": "verify", "key": k, "alg": alg, "token": general}));
    }
    jobs.push(json!({"op": "verify", "key": keys[0].2, "alg": "ES256", "token": flat}));
    for (_, alg, k) in keys[3..].iter().filter(|(n, _, _)| rsa || *n != "rsa-enc") {
        jobs.push(json!({"op": "decrypt", "key": k, "alg": alg, "token": jwe}));
    }
    jobs.push(
        json!({"op": "decrypt", "key": keys[4].2, "alg": "ECDH-ES+A256KW", "token": flat_jwe}),
    );
    let got = batch(program, script, d, &jobs);
    for r in &got[..4] {
        let claims: Value = serde_json::from_str(r["payload"].as_str().unwrap()).unwrap();
        assert_eq!(claims["sub"], "interop", "{program}");
    }
    let n = got.len();
    assert!(
        got[4..n - 1].iter().all(|r| r["plaintext"] == "hello"),
        "{program}: {got:?}"
    );
    assert_eq!(got[n - 1]["plaintext"], "hi");
}

#[test]
fn jwcrypto_json_serializations_both_ways() {
    if !have_jwcrypto() {
        return;
    }
    both_ways("python3", &interop_script("jwcrypto_json.py"));
}

#[test]
fn node_jose_json_serializations_both_ways() {
    if !crate::common::node_packages_ready(&["jose"]) {
        return;
    }
    both_ways("node", &interop_script("node/jose_json.mjs"));
}
