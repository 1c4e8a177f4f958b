//! `jot probe` against deliberately vulnerable servers on 127.0.0.1 (tests/servers/vuln.py):
//! on each, exactly the planted weakness is reported, every variant it calls accepted was
//! really accepted (the server's decision log says so) and every one it calls rejected was
//! really rejected; nothing is reported on the correctly configured server.

mod coverage;
mod discover;
mod known;
pub mod lab;
mod real;
mod reports;
mod safety;

use std::collections::BTreeSet;

use serde_json::Value;

use crate::common::{jot, json};
use lab::{lab, Vuln};

/// Run `jot probe URL --token TOKEN --format json --show-tokens` fast, plus `extra`.
pub fn probe(url: &str, token: &str, extra: &[&str]) -> (i32, Value, String) {
    let out = jot()
        .args([
            "probe",
            url,
            "--token",
            token,
            "--format",
            "json",
            "--show-tokens",
            "--rate",
            "500",
        ])
        .args(extra)
        .output()
        .expect("run jot probe");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    let code = out.status.code().unwrap_or(-1);
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let report = if stdout.trim().is_empty() {
        Value::Null
    } else {
        json(&stdout)
    };
    (code, report, stderr)
}

/// The attacks reported accepted on their own (not explained by another).
fn accepted(report: &Value) -> BTreeSet<String> {
    report["attacks"]
        .as_array()
        .expect("attacks")
        .iter()
        .filter(|a| a["verdict"] == "accepted" && a["implied_by"].is_null())
        .map(|a| a["attack"].as_str().unwrap().to_owned())
        .collect()
}

/// Every variant's verdict agrees with what the server logged for its token.
fn agrees_with_server(report: &Value, server: &Vuln) {
    agrees(report, server, 10)
}

/// As [`agrees_with_server`], for a probe that sent more than `min` variants.
fn agrees(report: &Value, server: &Vuln, min: usize) {
    let log = server.decisions();
    let mut checked = 0;
    for a in report["attacks"].as_array().unwrap() {
        for v in a["variants"].as_array().unwrap() {
            let token = v["token"].as_str().unwrap();
            let entry = log.iter().find(|e| e["token"] == token).unwrap_or_else(|| {
                panic!(
                    "{} / {} never reached the server",
                    a["attack"], v["variant"]
                )
            });
            match v["verdict"].as_str().unwrap() {
                "accepted" => assert_eq!(
                    entry["accepted"], true,
                    "{} {}: {entry}",
                    a["attack"], v["variant"]
                ),
                "rejected" => assert_eq!(
                    entry["accepted"], false,
                    "{} {}: {entry}",
                    a["attack"], v["variant"]
                ),
                // Blind variants, and a high-S twin taken by a server that also takes the
                // original again (no denylist to pass: not a finding).
                _ => assert!(
                    a["attack"] == "kid-cmdi" || a["attack"] == "high-s",
                    "only blind variants are inconclusive here: {v}"
                ),
            }
            checked += 1;
        }
    }
    assert!(checked > min, "only {checked} variants were sent");
}

/// Probe `mode` with `token` and `extra`, and expect exactly `want` accepted.
/// The variants of `attack` a report calls accepted.
fn accepted_variants<'a>(report: &'a Value, attack: &str) -> Vec<&'a str> {
    let a = report["attacks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["attack"] == attack)
        .unwrap_or_else(|| panic!("{attack} not in the report"));
    a["variants"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|v| v["verdict"] == "accepted")
        .map(|v| v["variant"].as_str().unwrap())
        .collect()
}

fn finds(mode: &str, token: &str, extra: &[&str], want: &[&str]) -> Value {
    let server = Vuln::start(mode, &[]);
    let (code, report, stderr) = probe(&server.url(), token, extra);
    let want: BTreeSet<String> = want.iter().map(|s| s.to_string()).collect();
    assert_eq!(accepted(&report), want, "{mode}: {stderr}\n{report:#}");
    assert_eq!(code, if want.is_empty() { 0 } else { 1 }, "{stderr}");
    agrees_with_server(&report, &server);
    report
}

#[test]
fn alg_none_server_is_reported_as_none() {
    finds("none", &lab().hs, &[], &["none"]);
}

#[test]
fn stripped_signature_server_is_reported_as_strip() {
    finds("strip", &lab().hs, &[], &["strip"]);
}

#[test]
fn key_confusion_server_is_reported_as_confusion() {
    let pem = lab().rsa_pub_pem.to_string_lossy().into_owned();
    let r = finds(
        "confusion",
        &lab().rs,
        &["--public-key", &pem],
        &["confusion"],
    );
    let c = r["attacks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["attack"] == "confusion")
        .unwrap();
    assert!(
        c["decided_by"]["variant"]
            .as_str()
            .unwrap()
            .contains("as given"),
        "{c}"
    );
}

/// A server that HMACs with its public JWK as text in RFC 7638 member order (`{"e":…,
/// "kty":…,"n":…}`) is found from the key file as jot writes it (kty first, with kid, alg
/// and use): confusion tries each likely JWK text (issue 17).
#[test]
fn key_confusion_with_the_jwk_in_rfc_7638_member_order_is_found() {
    let jwk = lab().rsa_pub_jwk.to_string_lossy().into_owned();
    let r = finds(
        "confusion-jwk",
        &lab().rs,
        &["--public-key", &jwk],
        &["confusion"],
    );
    let c = r["attacks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["attack"] == "confusion")
        .unwrap();
    let variant = c["decided_by"]["variant"].as_str().unwrap();
    assert!(
        variant.contains("RFC 7638 order, required members, compact)"),
        "{c}"
    );
}

#[test]
fn jwk_header_server_is_reported_as_embedded_jwk() {
    finds("jwk", &lab().rs, &[], &["embedded-jwk"]);
}

#[test]
fn jku_server_is_reported_as_jku_with_keys_hosted_by_jot_serve() {
    let keys = crate::common::tmp();
    // jot serve needs a set to start; probe replaces it with the forged keys before sending.
    let placeholder = std::fs::read_to_string(&lab().rsa_pub_jwk).unwrap();
    crate::common::write(
        keys.path(),
        "jwks.json",
        format!("{{\"keys\":[{placeholder}]}}"),
    );
    let (_serve, base) = lab::jot_serve(keys.path());
    let jku = format!("{base}/.well-known/jwks.json");
    let dir = keys.path().to_string_lossy().into_owned();
    finds(
        "jku",
        &lab().rs,
        &["--jku-url", &jku, "--out-keys", &dir],
        &["jku"],
    );
    let published: Value = json(&std::fs::read_to_string(keys.path().join("jwks.json")).unwrap());
    crate::common::assert_public_only(&published);
}

#[test]
fn x5u_server_is_reported_as_x5u_with_the_certificate_on_a_static_host() {
    let keys = crate::common::tmp();
    let dir = keys.path().to_string_lossy().into_owned();
    let host = Vuln::start("static", &["--keydir", &dir]);
    let x5u = format!("{}x5u.pem", host.url());
    finds(
        "x5u",
        &lab().rs,
        &["--x5u-url", &x5u, "--out-keys", &dir],
        &["x5u"],
    );
    assert!(host.decisions().iter().any(|e| e["served"] == "x5u.pem"));
}

#[test]
fn kid_path_server_is_reported_as_kid_traversal() {
    let r = finds("kid-file", &lab().hs, &[], &["kid-traversal"]);
    // /dev/null is reached absolutely and from deep enough, not from one level up.
    let hits = accepted_variants(&r, "kid-traversal");
    assert!(hits.iter().any(|v| v.contains("kid /dev/null")), "{hits:?}");
    assert!(
        !hits.iter().any(|v| v.starts_with("kid ../dev/null")),
        "{hits:?}"
    );
}

#[test]
fn kid_sql_server_is_reported_as_kid_sqli() {
    finds("kid-sql", &lab().hs, &[], &["kid-sqli"]);
}

#[test]
fn psychic_signature_server_is_reported_as_psychic() {
    finds("psychic", &lab().es, &[], &["psychic"]);
}

#[test]
fn server_that_ignores_signatures_is_reported_as_tamper_and_explains_the_rest() {
    let r = finds("nosig", &lab().hs, &[], &["tamper"]);
    let implied: Vec<&Value> = r["attacks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["implied_by"] == "tamper")
        .collect();
    assert!(implied.len() >= 5, "{r:#}");
}

#[test]
fn correctly_configured_server_gets_no_finding() {
    // The key as PEM, and as a JWK (whose every likely text confusion tries).
    for key in [&lab().rsa_pub_pem, &lab().rsa_pub_jwk] {
        let key = key.to_string_lossy().into_owned();
        let r = finds("correct", &lab().rs, &["--public-key", &key], &[]);
        assert_eq!(r["vulnerable"], false);
    }
}
