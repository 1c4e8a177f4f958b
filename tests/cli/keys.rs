//! `jot keygen`, `jot convert` and `jot thumbprint` on the real binary: key generation for
//! every algorithm, file modes and overwrite rules, round trips through every encoding,
//! and key-set selection. Keys made by openssl (`openssl`), the jwcrypto cross-check
//! (`interop`) and hostile inputs (`hostile`) are in the submodules.

mod der;
mod hostile;
mod interop;
mod openssl;
mod pem;

use std::path::Path;
use std::sync::OnceLock;

use serde_json::Value;

use crate::common::*;

/// Every algorithm jot generates keys for.
const ALGS: &[&str] = &[
    "HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256",
    "ES384", "ES512", "ES256K", "EdDSA",
];

/// One key per kind, as the round-trip tests use them.
const KINDS: &[&str] = &[
    "HS256", "RS256", "ES256", "ES384", "ES512", "ES256K", "EdDSA",
];

/// A private JWK made by `jot keygen ALG --format jwk`, generated once per test run.
fn fixture(alg: &str) -> &'static str {
    static KEYS: [OnceLock<String>; 14] = [const { OnceLock::new() }; 14];
    let i = ALGS
        .iter()
        .position(|a| *a == alg)
        .unwrap_or_else(|| panic!("no fixture for {alg}"));
    KEYS[i].get_or_init(|| jot_ok(["keygen", alg, "--format", "jwk"]))
}

/// The fixture written to `dir/name`.
fn fixture_file(dir: &Path, alg: &str) -> std::path::PathBuf {
    write(dir, &format!("{alg}.jwk"), fixture(alg))
}

/// A JWK's key members only: what survives PEM, which has no kid, alg or use.
fn key_members(v: &Value) -> Value {
    let mut v = v.clone();
    if let Some(o) = v.as_object_mut() {
        for m in ["kid", "alg", "use", "key_ops", "x5c", "x5t#S256"] {
            o.remove(m);
        }
    }
    v
}

fn kty_of(alg: &str) -> &'static str {
    match &alg[..2] {
        "HS" => "oct",
        "RS" | "PS" => "RSA",
        "ES" => "EC",
        _ => "OKP",
    }
}

#[test]
fn keygen_every_alg_gives_a_key_with_alg_and_its_thumbprint_as_kid() {
    let dir = tmp();
    std::thread::scope(|s| {
        for alg in ALGS {
            s.spawn(|| fixture(alg));
        }
    });
    for alg in ALGS {
        let jwk = json(fixture(alg));
        assert_eq!(jwk["kty"], kty_of(alg), "{alg}");
        assert_eq!(jwk["alg"], *alg, "{alg}");
        let path = fixture_file(dir.path(), alg);
        let thumb = thumbprint(&path, &[]);
        assert_eq!(
            jwk["kid"].as_str(),
            Some(thumb.as_str()),
            "{alg}: kid is not the thumbprint"
        );
        let private = if kty_of(alg) == "oct" { "k" } else { "d" };
        assert!(jwk.get(private).is_some(), "{alg}: no {private:?}");
    }
}

#[test]
fn keygen_writes_pem_by_default_for_asymmetric_keys() {
    for alg in ["ES256", "EdDSA"] {
        let pem = jot_ok(["keygen", alg]);
        assert!(
            pem.starts_with("-----BEGIN PRIVATE KEY-----\n"),
            "{alg}: {pem}"
        );
        let out = jot()
            .args(["thumbprint", "-"])
            .write_stdin(pem)
            .output()
            .expect("run");
        assert_success(&out, "thumbprint of keygen PEM");
    }
}

#[test]
fn keygen_rsa_3072_has_a_3072_bit_modulus() {
    let jwk = json(&jot_ok([
        "keygen", "PS256", "--bits", "3072", "--format", "jwk",
    ]));
    let n = jwk["n"].as_str().expect("n");
    // 384 octets of modulus are 512 base64url characters.
    assert_eq!(n.len(), 512, "n = {n}");
}

#[test]
fn keygen_out_is_private_and_never_replaced_without_force() {
    let dir = tmp();
    let out = dir.path().join("k.pem");
    let public = dir.path().join("k.pub.pem");
    let run = |extra: &[&str]| {
        jot()
            .args(["keygen", "ES256", "--out"])
            .arg(&out)
            .arg("--public-out")
            .arg(&public)
            .args(extra)
            .output()
            .expect("run jot")
    };
    assert_success(&run(&[]), "keygen --out");
    assert_eq!(mode(&out), 0o600);
    let first = std::fs::read(&out).expect("read key");
    let public_pem = std::fs::read_to_string(&public).expect("read public key");
    assert!(
        public_pem.starts_with("-----BEGIN PUBLIC KEY-----\n"),
        "{public_pem}"
    );

    let again = run(&[]);
    let stderr = assert_input_error(&again);
    assert!(stderr.contains("already exists"), "{stderr}");
    assert_eq!(
        std::fs::read(&out).expect("read key"),
        first,
        "file changed without --force"
    );

    assert_success(&run(&["--force"]), "keygen --force");
    assert_ne!(
        std::fs::read(&out).expect("read key"),
        first,
        "--force did not replace it"
    );
    assert_eq!(mode(&out), 0o600);
}

#[test]
fn keygen_with_an_existing_public_out_writes_nothing() {
    let dir = tmp();
    let out = dir.path().join("k.pem");
    let public = write(dir.path(), "k.pub.pem", "keep me");
    let o = jot()
        .args(["keygen", "ES256", "--out"])
        .arg(&out)
        .arg("--public-out")
        .arg(&public)
        .output()
        .expect("run jot");
    let stderr = assert_input_error(&o);
    assert!(stderr.contains("already exists"), "{stderr}");
    assert!(
        !out.exists(),
        "the private key was written though the command failed"
    );
    assert_eq!(std::fs::read_to_string(&public).expect("read"), "keep me");
}

#[test]
fn keygen_public_out_jwk_has_no_private_members() {
    let dir = tmp();
    let out = dir.path().join("k.jwk");
    let public = dir.path().join("k.pub.jwk");
    for alg in ["EdDSA", "ES384"] {
        let o = jot()
            .args(["keygen", alg, "--format", "jwk", "--force", "--out"])
            .arg(&out)
            .arg("--public-out")
            .arg(&public)
            .output()
            .expect("run jot");
        assert_success(&o, "keygen --public-out");
        let private = json(&std::fs::read_to_string(&out).expect("key"));
        let pubk = json(&std::fs::read_to_string(&public).expect("public key"));
        assert_public_only(&pubk);
        assert_eq!(pubk["kid"], private["kid"], "{alg}");
        assert_eq!(pubk["x"], private["x"], "{alg}");
    }
}

#[test]
fn keygen_refuses_pem_and_public_out_for_hmac_and_unknown_algs() {
    let dir = tmp();
    let cases: &[&[&str]] = &[
        &["keygen", "HS256", "--format", "pem"],
        &["keygen", "HS256", "--public-out", "x"],
        &["keygen", "none"],
        &["keygen", "RS257"],
        &["keygen", "RS256", "--bits", "1024"],
        &["keygen", "ES256", "--bits", "2048"],
    ];
    for args in cases {
        let out = jot()
            .current_dir(dir.path())
            .args(*args)
            .output()
            .expect("run");
        assert_input_error(&out);
        assert!(out.stdout.is_empty(), "{args:?} wrote a key");
    }
    assert!(!dir.path().join("x").exists());
}

/// `jot convert IN --to FORM [extra…]`, also written to `dir/name`; returns the text.
fn convert(dir: &Path, input: &Path, form: &str, extra: &[&str], name: &str) -> String {
    let out = jot()
        .arg("convert")
        .arg(input)
        .args(["--to", form])
        .args(extra)
        .output()
        .expect("run jot");
    assert_success(
        &out,
        &format!("convert {} --to {form} {extra:?}", input.display()),
    );
    let text = String::from_utf8(out.stdout).expect("UTF-8 output");
    write(dir, name, &text);
    text
}

#[test]
fn convert_round_trips_every_kind_through_pem_jwk_and_jwks() {
    let dir = tmp();
    let d = dir.path();
    for alg in KINDS {
        let src = fixture_file(d, alg);
        let original = json(fixture(alg));

        // JWK → JWKS → JWK keeps every member.
        let set = json(&convert(d, &src, "jwks", &[], &format!("{alg}.jwks")));
        assert_eq!(set["keys"].as_array().map(Vec::len), Some(1), "{alg}");
        assert_eq!(set["keys"][0], original, "{alg}: JWK → JWKS");
        let back = json(&convert(
            d,
            &d.join(format!("{alg}.jwks")),
            "jwk",
            &[],
            "x.jwk",
        ));
        assert_eq!(back, original, "{alg}: JWKS → JWK");

        // --public never carries private members, in any form.
        if kty_of(alg) == "oct" {
            for form in ["pem", "jwk"] {
                let out = jot()
                    .arg("convert")
                    .arg(&src)
                    .args(["--to", form, "--public"])
                    .output()
                    .expect("run");
                assert_input_error(&out);
            }
            let out = jot()
                .arg("convert")
                .arg(&src)
                .args(["--to", "pem"])
                .output()
                .expect("run");
            assert_input_error(&out);
            continue;
        }
        let pub_jwk = json(&convert(d, &src, "jwk", &["--public"], "p.jwk"));
        assert_public_only(&pub_jwk);
        assert_public_only(&json(&convert(d, &src, "jwks", &["--public"], "p.jwks")));
        let pub_pem = convert(d, &src, "pem", &["--public"], &format!("{alg}.pub.pem"));
        assert!(
            pub_pem.starts_with("-----BEGIN PUBLIC KEY-----\n"),
            "{alg}: {pub_pem}"
        );

        // JWK → PEM → JWK keeps the key; PEM → PEM is stable.
        let pem_path = d.join(format!("{alg}.pem"));
        let pem = convert(d, &src, "pem", &[], &format!("{alg}.pem"));
        assert!(pem.starts_with("-----BEGIN PRIVATE KEY-----\n"), "{alg}");
        let from_pem = json(&convert(d, &pem_path, "jwk", &[], "y.jwk"));
        assert_eq!(from_pem, key_members(&original), "{alg}: JWK → PEM → JWK");
        assert_eq!(
            convert(d, &pem_path, "pem", &[], "z.pem"),
            pem,
            "{alg}: PEM → PEM"
        );
        let pub_back = json(&convert(
            d,
            &d.join(format!("{alg}.pub.pem")),
            "jwk",
            &[],
            "w",
        ));
        assert_eq!(pub_back, key_members(&pub_jwk), "{alg}: public PEM → JWK");

        // One thumbprint for every form of the key.
        let want = original["kid"].as_str().expect("kid").to_owned();
        for f in [
            &src,
            &pem_path,
            &d.join(format!("{alg}.pub.pem")),
            &d.join("p.jwk"),
        ] {
            assert_eq!(thumbprint(f, &[]), want, "{alg} {f:?}");
        }
    }
}

#[test]
fn convert_from_a_two_key_set_needs_kid_and_kid_selects() {
    let dir = tmp();
    let a = json(fixture("ES256"));
    let b = json(fixture("EdDSA"));
    let set = serde_json::json!({ "keys": [a, b] });
    let path = write(dir.path(), "set.jwks", set.to_string());
    let kid_a = a["kid"].as_str().expect("kid");
    let kid_b = b["kid"].as_str().expect("kid");

    let out = jot()
        .arg("convert")
        .arg(&path)
        .args(["--to", "jwk"])
        .output()
        .expect("run");
    let stderr = assert_input_error(&out);
    assert!(
        stderr.contains(kid_a) && stderr.contains(kid_b),
        "kids not named: {stderr}"
    );

    let picked = json(&convert(
        dir.path(),
        &path,
        "jwk",
        &["--kid", kid_b],
        "b.jwk",
    ));
    assert_eq!(picked, b);

    let out = jot()
        .arg("convert")
        .arg(&path)
        .args(["--to", "jwk", "--kid", "nope"])
        .output()
        .expect("run");
    let stderr = assert_input_error(&out);
    assert!(stderr.contains("nope"), "{stderr}");

    // A set converts to a set whole when no kid is asked for.
    let whole = json(&convert(dir.path(), &path, "jwks", &[], "whole.jwks"));
    assert_eq!(whole["keys"].as_array().map(Vec::len), Some(2));
}

#[test]
fn convert_sets_kid_alg_and_use_and_checks_alg_fits() {
    let dir = tmp();
    let src = fixture_file(dir.path(), "ES256");
    let extra = ["--public", "--alg", "ES256", "--use", "sig", "--kid", "k1"];
    let out = json(&convert(dir.path(), &src, "jwk", &extra, "out.jwk"));
    assert_eq!(out["kid"], "k1");
    assert_eq!(out["alg"], "ES256");
    assert_eq!(out["use"], "sig");
    for bad in ["RS256", "ES384", "HS256"] {
        let o = jot()
            .arg("convert")
            .arg(&src)
            .args(["--to", "jwk", "--alg", bad])
            .output();
        assert_input_error(&o.expect("run"));
    }
}

/// Regression (a flaky CI run): an RFC 7638 thumbprint is base64url and starts with '-'
/// one time in 64, and `--kid -Ds5…` was read as a flag. Every `--kid` takes such a value.
#[test]
fn a_kid_that_starts_with_a_hyphen_is_a_value_not_a_flag() {
    let dir = tmp();
    let out_path = dir.path().join("k.jwk");
    let out = jot()
        .args(["keygen", "HS256", "--kid", "-Ds5kid", "--out"])
        .arg(&out_path)
        .output()
        .expect("run");
    assert!(out.status.success(), "{out:?}");
    let k = json(&std::fs::read_to_string(&out_path).expect("read the key"));
    assert_eq!(k["kid"], "-Ds5kid");
}
