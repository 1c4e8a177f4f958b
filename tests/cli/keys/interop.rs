//! An independent implementation must see the same key: jwcrypto (Python) reads jot's PEM
//! and its JWK export and RFC 7638 thumbprint must equal jot's, for RSA, EC P-256/384/521,
//! secp256k1 and Ed25519. Skips, with a note, without python3 and jwcrypto (CI has them).

use serde_json::Value;

use super::{fixture, fixture_file, key_members};
use crate::common::*;

/// jwcrypto's view of a PEM file: (public JWK, private JWK, thumbprint), kid removed from
/// the JWKs after checking it is the thumbprint (jwcrypto sets it so).
fn jwcrypto(pem: &std::path::Path) -> (Value, Value, String) {
    let out = std::process::Command::new("python3")
        .arg(interop_script("jwcrypto_jwk.py"))
        .arg(pem)
        .output()
        .expect("run python3");
    assert_success(&out, "jwcrypto_jwk.py");
    let v = json(&String::from_utf8_lossy(&out.stdout));
    let tp = v["thumbprint"].as_str().expect("thumbprint").to_owned();
    let strip = |k: &Value| {
        if let Some(kid) = k.get("kid") {
            assert_eq!(kid.as_str(), Some(tp.as_str()), "jwcrypto kid");
        }
        key_members(k)
    };
    (strip(&v["public"]), strip(&v["private"]), tp)
}

#[test]
fn jwcrypto_reads_the_same_jwk_and_thumbprint_as_jot() {
    if !have_jwcrypto() {
        return;
    }
    let dir = tmp();
    let d = dir.path();
    for alg in ["RS256", "ES256", "ES384", "ES512", "ES256K", "EdDSA"] {
        let src = fixture_file(d, alg);
        let theirs_of = |extra: &[&str], name: &str| {
            let out = jot()
                .arg("convert")
                .arg(&src)
                .args(["--to", "pem", "--out"])
                .arg(d.join(name))
                .args(extra)
                .output()
                .expect("run jot");
            assert_success(&out, "convert --to pem");
            jwcrypto(&d.join(name))
        };
        let ours = json(fixture(alg));
        let out = jot()
            .arg("convert")
            .arg(&src)
            .args(["--to", "jwk", "--public"])
            .output()
            .expect("run jot");
        assert_success(&out, "convert --public");
        let ours_public = key_members(&json(&String::from_utf8_lossy(&out.stdout)));
        let ours_tp = ours["kid"].as_str().expect("kid").to_owned();

        let (public, private, tp) = theirs_of(&[], &format!("{alg}.pem"));
        assert_eq!(tp, ours_tp, "{alg}: thumbprints differ");
        assert_eq!(public, ours_public, "{alg}: public JWKs differ");
        assert_eq!(private, key_members(&ours), "{alg}: private JWKs differ");

        let (public, private, tp) = theirs_of(&["--public"], &format!("{alg}.pub.pem"));
        assert_eq!(tp, ours_tp, "{alg}: thumbprints of the public PEM differ");
        assert_eq!(public, ours_public, "{alg}: public PEM → JWK differs");
        assert!(
            private.is_null(),
            "{alg}: jwcrypto found private material in public PEM"
        );
    }
}
