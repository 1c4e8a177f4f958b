//! `probe --discover` and the second `--token` (issue 19 item 6): the key confusion a
//! server falls for is found without `--public-key`, from the JWKS it publishes or from
//! two of its tokens (sign2n, e = 3).

use std::collections::BTreeSet;

use super::lab::{lab, Vuln};
use super::{accepted, agrees_with_server, probe};
use crate::common::{have_jwcrypto, jot_ok, tmp, write};

fn finds_on(server: &Vuln, token: &str, extra: &[&str], want: &[&str]) {
    let (code, report, stderr) = probe(&server.url(), token, extra);
    let want: BTreeSet<String> = want.iter().map(|s| s.to_string()).collect();
    assert_eq!(accepted(&report), want, "{stderr}\n{report:#}");
    assert_eq!(code, 1, "{stderr}");
    agrees_with_server(&report, server);
}

#[test]
fn discover_fetches_the_published_jwks_and_finds_key_confusion() {
    let server = Vuln::start("confusion", &["--publish-jwks"]);
    finds_on(&server, &lab().rs, &["--discover"], &["confusion"]);
    assert!(server
        .decisions()
        .iter()
        .any(|e| e["served"] == "jwks.json"));
}

#[test]
fn discover_with_nothing_published_warns_and_probes_without_a_key() {
    let server = Vuln::start("correct", &[]);
    let (code, report, stderr) = probe(&server.url(), &lab().rs, &["--discover"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("--discover"), "{stderr}");
    assert!(report["attacks"]
        .as_array()
        .unwrap()
        .iter()
        .all(|a| a["attack"] != "confusion"));
}

/// An e = 3 RSA key made by the `cryptography` package (an independent implementation);
/// two RS256 tokens of it are all the reviewer has, and confusion is found with the key
/// sign2n recovers from them.
#[test]
fn two_rs256_tokens_recover_the_key_and_find_key_confusion() {
    if !have_jwcrypto() {
        return;
    }
    let dir = tmp();
    let d = dir.path();
    let script = "import sys\n\
        from cryptography.hazmat.primitives.asymmetric import rsa\n\
        from cryptography.hazmat.primitives import serialization as s\n\
        k = rsa.generate_private_key(3, 2048)\n\
        open(sys.argv[1], 'wb').write(k.private_bytes(s.Encoding.PEM, s.PrivateFormat.PKCS8, s.NoEncryption()))\n\
        open(sys.argv[2], 'wb').write(k.public_key().public_bytes(s.Encoding.PEM, s.PublicFormat.SubjectPublicKeyInfo))\n";
    let (private, public) = (d.join("e3.pem"), d.join("e3.pub.pem"));
    let st = std::process::Command::new("python3")
        .args(["-c", script])
        .arg(&private)
        .arg(&public)
        .status()
        .expect("python3");
    assert!(st.success());
    let jwk = jot_ok(["convert", public.to_str().unwrap(), "--to", "jwk"]);
    let jwk = write(d, "e3.pub.jwk", jwk);
    let sign = |sub: &str| {
        jot_ok([
            "sign",
            "--key",
            private.to_str().unwrap(),
            "--alg",
            "RS256",
            "--sub",
            sub,
            "--exp",
            "2h",
        ])
        .trim()
        .to_owned()
    };
    let (t1, t2) = (sign("alice"), sign("bob"));
    let server = Vuln::start(
        "confusion",
        &[
            "--public-pem",
            public.to_str().unwrap(),
            "--public-jwk",
            jwk.to_str().unwrap(),
        ],
    );
    finds_on(&server, &t1, &["--token", &t2], &["confusion"]);
}
