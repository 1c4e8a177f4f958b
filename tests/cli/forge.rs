//! `jot forge`: the output contract (`NAME TOKEN` lines, JSON objects), the default set of
//! attacks following the inputs, --out-keys holding public keys only, clean usage errors,
//! and the forged tokens checked by independent implementations (PyJWT, jwcrypto, Python's
//! hmac) in tests/interop/forge_check.py.

use std::collections::BTreeSet;
use std::process::{Command as Std, Stdio};

use serde_json::Value;

use crate::common::{assert_input_error, have_jwcrypto, interop_script, jot, jot_ok, json, tmp};
use crate::probe::lab::lab;

fn lines(out: &str) -> Vec<(String, String)> {
    out.lines()
        .map(|l| {
            let (n, t) = l.split_once(' ').expect("NAME TOKEN");
            (n.to_owned(), t.to_owned())
        })
        .collect()
}

#[test]
fn default_output_is_name_token_lines_for_every_applicable_attack() {
    let out = jot_ok(["forge", &lab().rs]);
    let names: BTreeSet<String> = lines(&out).into_iter().map(|(n, _)| n).collect();
    let want: BTreeSet<String> = [
        "tamper",
        "none",
        "strip",
        "null-key",
        "embedded-jwk",
        "kid-traversal",
        "kid-sqli",
        "kid-cmdi",
        // Issue 19: psychic goes to RS/HS tokens too, x5c needs nothing.
        "psychic",
        "x5c",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    assert_eq!(names, want);
    for (_, t) in lines(&out) {
        assert_eq!(t.split('.').count(), 3, "{t}");
    }
}

#[test]
fn json_lines_carry_attack_token_description_and_cve() {
    let pem = lab().rsa_pub_pem.to_string_lossy().into_owned();
    let out = jot_ok([
        "forge",
        &lab().rs,
        "--json",
        "--public-key",
        &pem,
        "--attack",
        "confusion",
        "--attack",
        "none",
    ]);
    let objs: Vec<Value> = out.lines().map(json).collect();
    assert!(objs.len() > 10);
    for o in &objs {
        for k in ["attack", "variant", "token", "description", "cve"] {
            assert!(o.get(k).is_some(), "{k} missing in {o}");
        }
    }
    assert!(objs.iter().any(
        |o| o["attack"] == "confusion" && o["cve"].as_str().unwrap().contains("CVE-2016-10555")
    ));
}

#[test]
fn token_from_stdin_and_secret_attacks_with_a_secret_file() {
    let secret = lab().secret.to_string_lossy().into_owned();
    let out = jot()
        .args([
            "forge",
            "-",
            "--secret-file",
            &secret,
            "--attack",
            "resign",
            "--claim",
            "role=root",
        ])
        .write_stdin(format!("{}\n", lab().hs))
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let (name, token) = &lines(&text)[0];
    assert_eq!(name, "resign");
    let verified = jot()
        .args(["verify", token, "--secret-file", &secret, "--alg", "HS256"])
        .output()
        .unwrap();
    assert!(
        verified.status.success(),
        "{}",
        String::from_utf8_lossy(&verified.stderr)
    );
}

#[test]
fn out_keys_holds_public_keys_only() {
    let dir = tmp();
    let keys = dir.path().join("keys");
    let k = keys.to_string_lossy().into_owned();
    jot_ok([
        "forge",
        &lab().rs,
        "--attack",
        "jku",
        "--attack",
        "x5u",
        "--jku-url",
        "http://127.0.0.1:9/j",
        "--x5u-url",
        "http://127.0.0.1:9/x",
        "--out-keys",
        &k,
    ]);
    let jwks = json(&std::fs::read_to_string(keys.join("jwks.json")).unwrap());
    crate::common::assert_public_only(&jwks);
    let cert = std::fs::read_to_string(keys.join("x5u.pem")).unwrap();
    assert!(cert.starts_with("-----BEGIN CERTIFICATE-----") && !cert.contains("PRIVATE"));
}

#[test]
fn missing_inputs_and_bad_tokens_are_usage_errors() {
    for args in [
        vec!["forge", &lab().rs, "--attack", "confusion"],
        vec!["forge", &lab().rs, "--attack", "resign"],
        vec!["forge", &lab().rs, "--jku-url", "http://127.0.0.1:9/j"],
        vec!["forge", "not.a.token"],
        vec!["forge", &lab().rs, "--attack", "no-such-attack"],
    ] {
        assert_input_error(&jot().args(&args).output().unwrap());
    }
}

#[test]
fn forged_tokens_check_out_with_independent_implementations() {
    if !have_jwcrypto() {
        return;
    }
    let pem = lab().rsa_pub_pem.to_string_lossy().into_owned();
    let secret = lab().secret.to_string_lossy().into_owned();
    let mut all = jot_ok(["forge", &lab().rs, "--json", "--public-key", &pem]);
    all.push_str(&jot_ok([
        "forge",
        &lab().hs,
        "--json",
        "--secret-file",
        &secret,
    ]));
    all.push_str(&jot_ok(["forge", &lab().es, "--json"]));
    let mut child = Std::new("python3")
        .arg(interop_script("forge_check.py"))
        .args(["--public-pem", &pem, "--secret-file", &secret])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(child.stdin.as_mut().unwrap(), all.as_bytes()).unwrap();
    drop(child.stdin.take());
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for attack in [
        "none",
        "null-key",
        "confusion",
        "embedded-jwk",
        "kid-traversal",
        "kid-sqli",
        "psychic",
        "resign",
        "tamper",
        "claims-exp",
        "claims-nbf",
        "claims-iat",
        "claims-aud",
        "claims-iss",
        "claims-no-exp",
        "x5c",
    ] {
        assert!(
            stdout
                .lines()
                .any(|l| l.starts_with(&format!("ok {attack} "))),
            "{attack} not checked:\n{stdout}"
        );
    }
}

/// docs/attacks.md holds the attack table as the code generates it (`UPDATE_GENERATED=1`
/// rewrites it, like the other generated files).
#[test]
fn generated_attack_table_in_docs_matches_the_code() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/attacks.md");
    let text = std::fs::read_to_string(&path).expect("docs/attacks.md");
    let begin = text.find("<!-- BEGIN attack-table").expect("begin marker");
    let body = begin
        + text[begin..]
            .find("-->\n")
            .expect("end of the begin marker")
        + 4;
    let end = text.find("<!-- END attack-table -->").expect("end marker");
    let want = format!(
        "{}{}{}",
        &text[..body],
        jot::forge::table::markdown(),
        &text[end..]
    );
    if std::env::var_os("UPDATE_GENERATED").is_some_and(|v| v == "1") {
        std::fs::write(&path, want).expect("write docs/attacks.md");
    } else {
        assert!(
            text == want,
            "docs/attacks.md is stale: run `UPDATE_GENERATED=1 cargo test --test cli generated`"
        );
    }
}

/// A fixed HS256 token (kid key1, secret "s3cret"): the deterministic attacks forge the same
/// tokens every run, so their output is a snapshot.
const FIXED: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6ImtleTEifQ.eyJzdWIiOiJhbGljZSJ9.yaZ1c2zXCeb2oKF1Yzk8c0Uw8YS6jHSmzQZpHmLkD5Y";

#[test]
fn deterministic_attacks_snapshot() {
    let mut args = vec!["forge", FIXED, "--now", "2026-01-01T00:00:00Z"];
    for a in [
        "tamper", "none", "strip", "null-key", "kid-sqli", "kid-cmdi",
    ] {
        args.extend(["--attack", a]);
    }
    insta::assert_snapshot!("forge_deterministic", jot_ok(&args));
    args.push("--json");
    insta::assert_snapshot!("forge_deterministic_json", jot_ok(&args));
}
