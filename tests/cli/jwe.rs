//! `jot encrypt`, `jot decrypt`, JWE keygen and nested tokens through the real binary: the
//! flag and exit-code contract of issue 10 (0 decrypted, 1 a negative verdict with the
//! reason, 2 usage or input error) and the attack list at the command line.

use std::path::Path;

use crate::common::{assert_input_error, assert_success, jot, jot_ok, json, mode, tmp, write};

const NOW: &str = "2026-01-01T00:00:00Z";

fn keygen(dir: &Path, args: &[&str], name: &str) -> std::path::PathBuf {
    let p = dir.join(name);
    jot_ok([&["keygen"], args, &["--out", p.to_str().unwrap()]].concat());
    p
}

fn encrypt(args: &[&str]) -> String {
    jot_ok([&["encrypt"], args].concat()).trim().to_owned()
}

/// Run decrypt; (exit code, stdout, stderr).
fn decrypt(args: &[&str]) -> (i32, String, String) {
    let out = jot().arg("decrypt").args(args).output().expect("run jot");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn keygen_makes_enc_keys_that_round_trip() {
    let d = tmp();
    for (args, alg) in [
        (vec!["ECDH-ES+A256KW", "--crv", "X25519"], "ECDH-ES+A256KW"),
        (vec!["ECDH-ES", "--crv", "P-521"], "ECDH-ES"),
        (vec!["A128KW"], "A128KW"),
        (vec!["dir", "--enc", "A128CBC-HS256"], "dir"),
    ] {
        let k = keygen(d.path(), &args, &format!("{}.jwk", args.join("_")));
        assert_eq!(mode(&k), 0o600);
        let jwk = json(&std::fs::read_to_string(&k).unwrap());
        assert_eq!(jwk["use"], "enc");
        assert_eq!(jwk["alg"], alg);
        let enc = if alg == "dir" {
            "A128CBC-HS256"
        } else {
            "A256GCM"
        };
        let t = encrypt(&["--key", k.to_str().unwrap(), "--enc", enc, "{\"n\":1}"]);
        let (code, out, err) = decrypt(&[&t, "--key", k.to_str().unwrap()]);
        assert_eq!(code, 0, "{err}");
        assert_eq!(out, "{\"n\":1}");
    }
}

#[test]
fn payload_from_argument_file_and_stdin() {
    let d = tmp();
    let k = write(d.path(), "k", [7u8; 32]);
    let f = write(d.path(), "p.txt", "from a file");
    let ks = k.to_str().unwrap();
    let t1 = encrypt(&["--secret-file", ks, "literal"]);
    let t2 = encrypt(&["--secret-file", ks, &format!("@{}", f.display())]);
    let out = jot()
        .args(["encrypt", "--secret-file", ks])
        .write_stdin("from stdin")
        .output()
        .unwrap();
    assert_success(&out, "encrypt from stdin");
    let t3 = String::from_utf8(out.stdout).unwrap();
    for (t, want) in [
        (t1, "literal"),
        (t2, "from a file"),
        (t3.trim().to_owned(), "from stdin"),
    ] {
        assert_eq!(decrypt(&[&t, "--secret-file", ks]).1, want);
    }
}

#[test]
fn bulk_stdin_gives_one_line_per_token_and_exit_1_if_any_fails() {
    let d = tmp();
    let k = write(d.path(), "k", [7u8; 32]);
    let ks = k.to_str().unwrap();
    let good = encrypt(&["--secret-file", ks, "{\"a\":1}"]);
    let out = jot()
        .args(["decrypt", "-", "--secret-file", ks])
        .write_stdin(format!("{good}\n{good}x\n"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("line 1: {\"a\":1}\nline 2: invalid: "),
        "{text}"
    );
    let out = jot()
        .args(["decrypt", "-", "--secret-file", ks, "--json"])
        .write_stdin(format!("{good}\n"))
        .output()
        .unwrap();
    let v = json(String::from_utf8_lossy(&out.stdout).trim());
    assert_eq!(v["valid"], true);
    assert_eq!(v["plaintext"]["a"], 1);
    assert_eq!(v["line"], 1);
}

#[test]
fn usage_and_input_errors_exit_2() {
    let d = tmp();
    let empty = write(d.path(), "empty", "");
    let k = write(d.path(), "k", [7u8; 32]);
    let ks = k.to_str().unwrap();
    let t = encrypt(&["--secret-file", ks, "x"]);
    for args in [
        vec!["decrypt", &t, "--secret-file", empty.to_str().unwrap()],
        vec!["encrypt", "--secret-file", empty.to_str().unwrap(), "x"],
        vec!["encrypt", "--passphrase-file", empty.to_str().unwrap(), "x"],
        vec!["decrypt", &t],
        vec!["decrypt", &t, "--secret-file", ks, "--passphrase-file", ks],
        vec!["decrypt", &t, "--secret-file", ks, "--alg", "HS256"],
        vec!["encrypt", "--secret-file", ks, "--alg", "RSA1_5", "x"],
        vec![
            "encrypt",
            "--secret-file",
            ks,
            "--enc",
            "A128GCM",
            "--alg",
            "A256KW",
            "--header",
            "alg=dir",
            "x",
        ],
    ] {
        let out = jot().args(&args).output().unwrap();
        assert_input_error(&out);
    }
}

#[test]
fn bad_tokens_are_exit_1_with_the_reason() {
    let d = tmp();
    let k = write(d.path(), "k", [7u8; 32]);
    let k16 = write(d.path(), "k16", [7u8; 16]);
    let pass = write(d.path(), "pass", "a passphrase");
    let ks = k.to_str().unwrap();
    let t = encrypt(&["--secret-file", ks, "secret"]);
    let big = write(d.path(), "big", "a".repeat(3 << 20));
    let zipped = encrypt(&["--secret-file", ks, "--zip", &format!("@{}", big.display())]);
    let pb = encrypt(&[
        "--passphrase-file",
        pass.to_str().unwrap(),
        "--p2c",
        "5000",
        "x",
    ]);
    let mut tampered = t.clone().into_bytes();
    let i = tampered.len() - 30;
    tampered[i] = if tampered[i] == b'A' { b'B' } else { b'A' };
    let tampered = String::from_utf8(tampered).unwrap();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec![&tampered, "--secret-file", ks], "does not match"),
        (
            vec![&t, "--secret-file", k16.to_str().unwrap()],
            "needs a 32-byte key",
        ),
        (
            vec![&t, "--secret-file", ks, "--alg", "A256KW"],
            "alg dir is not allowed",
        ),
        (
            vec![&t, "--secret-file", ks, "--enc", "A128GCM"],
            "enc A256GCM is not allowed",
        ),
        (
            vec!["eyJhbGciOiJIUzI1NiJ9.e30.c2ln", "--secret-file", ks],
            "this is a JWS",
        ),
        (
            vec![&zipped, "--secret-file", ks],
            "inflates to more than 1048576 bytes",
        ),
        (
            vec![
                &pb,
                "--passphrase-file",
                pass.to_str().unwrap(),
                "--max-p2c",
                "4999",
            ],
            "p2c 5000 is outside",
        ),
    ];
    for (args, want) in cases {
        let (code, out, err) = decrypt(&args);
        assert_eq!(code, 1, "{args:?}: {out}{err}");
        assert!(out.contains(want), "{want:?} not in {out:?}");
        assert!(!err.contains("panicked"));
    }
    let (code, _, err) = decrypt(&["eyJhbGciOiJIUzI1NiJ9.e30.c2ln", "--secret-file", ks]);
    assert_eq!(code, 1);
    assert!(err.contains("jot verify"), "{err}");
}

#[test]
fn out_writes_the_plaintext_0600() {
    let d = tmp();
    let k = write(d.path(), "k", [7u8; 32]);
    let ks = k.to_str().unwrap();
    let t = encrypt(&["--secret-file", ks, "private"]);
    let p = d.path().join("plain.txt");
    let (code, _, err) = decrypt(&[&t, "--secret-file", ks, "--out", p.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(std::fs::read_to_string(&p).unwrap(), "private");
    assert_eq!(mode(&p), 0o600);
}

#[test]
fn nested_sign_encrypt_then_verify_decrypt_names_the_failing_layer() {
    let d = tmp();
    let sig = keygen(d.path(), &["ES256"], "sig.pem");
    let enc = keygen(d.path(), &["ECDH-ES+A256KW", "--crv", "X25519"], "enc.jwk");
    let other = keygen(
        d.path(),
        &["ECDH-ES+A256KW", "--crv", "X25519"],
        "other.jwk",
    );
    let (sig, enc, other) = (
        sig.to_str().unwrap(),
        enc.to_str().unwrap(),
        other.to_str().unwrap(),
    );
    let t = jot_ok([
        "sign",
        "--key",
        sig,
        "--sub",
        "alice",
        "--now",
        NOW,
        "--encrypt-to",
        enc,
    ]);
    let t = t.trim();
    let h = json(&jot_ok(["decode", t, "--json"]));
    assert_eq!(h["header"]["cty"], "JWT");
    assert_eq!(h["encrypted"], true);
    let both = json(&jot_ok(["decode", t, "--json", "--decrypt-key", enc]));
    assert_eq!(both["inner"]["payload"]["sub"], "alice");
    let v = |args: &[&str]| {
        let out = jot()
            .args(["verify", t, "--now", NOW])
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    let (code, out) = v(&["--key", sig, "--decrypt-key", enc]);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("\"sub\": \"alice\""));
    let (code, out) = v(&["--key", sig, "--decrypt-key", other]);
    assert_eq!(code, Some(1));
    assert!(out.contains("JWE layer:"), "{out}");
    let wrong_signer = keygen(d.path(), &["ES256"], "wrong.pem");
    let (code, out) = v(&[
        "--key",
        wrong_signer.to_str().unwrap(),
        "--decrypt-key",
        enc,
    ]);
    assert_eq!(code, Some(1));
    assert!(out.contains("JWS layer:"), "{out}");
    let (code, out) = v(&["--key", sig]);
    assert_eq!(code, Some(1));
    assert!(out.contains("--decrypt-key"), "{out}");
}

/// Rule ids in `jot audit --format json` output.
fn audit_ids(args: &[&str]) -> Vec<String> {
    let out = jot()
        .arg("audit")
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let v = json(&String::from_utf8_lossy(&out.stdout));
    let mut ids: Vec<String> = v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_owned())
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

#[test]
fn audit_reads_jwe_headers_and_encryption_key_sets() {
    let d = tmp();
    let k = write(d.path(), "k", [7u8; 32]);
    let pass = write(d.path(), "pass", "a passphrase");
    let ks = k.to_str().unwrap();
    let zipped = encrypt(&["--secret-file", ks, "--zip", "x"]);
    let pbes2 = encrypt(&[
        "--passphrase-file",
        pass.to_str().unwrap(),
        "--p2c",
        "5000",
        "x",
    ]);
    let nested = encrypt(&["--secret-file", ks, "--cty", "JWT", "x"]);
    let b64 = crate::token_common::b64;
    let rsa1_5 = format!(
        "{}.AA.AA.AA.AA",
        b64(br#"{"alg":"RSA1_5","enc":"A128CBC-HS256","cty":"JWT"}"#)
    );
    for (t, want) in [
        (&zipped, &["JOT020", "JOT022", "JOT024"][..]),
        (&pbes2, &["JOT020", "JOT023", "JOT024"]),
        (&nested, &["JOT020"]),
        (&rsa1_5, &["JOT020", "JOT021"]),
    ] {
        assert_eq!(audit_ids(&[t]), want, "{t}");
    }
    let jwks = write(
        d.path(),
        "jwks.json",
        r#"{"keys":[{"kty":"oct","k":"AAAAAAAAAAAAAAAAAAAAAA","kid":"w","alg":"A128KW","use":"enc"},
        {"kty":"EC","crv":"P-256","kid":"both","use":"enc","key_ops":["sign","deriveKey"],
         "x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}]}"#,
    );
    let ids = audit_ids(&[jwks.to_str().unwrap()]);
    for want in ["JOT102", "JOT112", "JOT113"] {
        assert!(ids.iter().any(|i| i == want), "{want} not in {ids:?}");
    }
}

#[test]
fn x25519_keys_convert_and_thumbprint_like_openssl_and_jwcrypto() {
    if !crate::common::have_openssl() || !crate::common::have_jwcrypto() {
        return;
    }
    let d = tmp();
    crate::common::openssl(d.path(), "genpkey -algorithm X25519 -out x.pem");
    let pem = d.path().join("x.pem");
    let jwk = json(&jot_ok(["convert", pem.to_str().unwrap(), "--to", "jwk"]));
    assert_eq!(
        (jwk["kty"].as_str(), jwk["crv"].as_str()),
        (Some("OKP"), Some("X25519"))
    );
    let theirs = std::process::Command::new("python3")
        .arg(crate::common::interop_script("jwcrypto_jwk.py"))
        .arg(&pem)
        .output()
        .unwrap();
    assert_success(&theirs, "jwcrypto_jwk.py");
    let theirs = json(&String::from_utf8_lossy(&theirs.stdout));
    assert_eq!(jwk["x"], theirs["public"]["x"]);
    assert_eq!(jwk["d"], theirs["private"]["d"]);
    let tp = crate::common::thumbprint(&pem, &[]);
    assert_eq!(tp, theirs["thumbprint"].as_str().unwrap());
    // jot's PEM back out reads in openssl.
    let out = jot_ok(["convert", pem.to_str().unwrap(), "--to", "pem", "--public"]);
    let p2 = write(d.path(), "x.pub.pem", out);
    let txt = crate::common::openssl(
        d.path(),
        &format!("pkey -pubin -in {} -noout -text", p2.display()),
    );
    assert!(String::from_utf8_lossy(&txt).contains("X25519"));
}
