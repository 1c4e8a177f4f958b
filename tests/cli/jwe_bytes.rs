//! Bytes `jot decrypt` passes through on purpose reach a pipe byte for byte (issue 17): a
//! plaintext holding all 256 byte values, made by `jot encrypt` and by jwcrypto (PyPI),
//! comes out exact in one-token and bulk mode and as `plaintext_b64url` in JSON. And a
//! kid that no key of a set has is a negative verdict, as `verify` judges it.

use std::path::Path;
use std::process::Command as Std;

use serde_json::{json, Value};

use crate::common::{have_jwcrypto, interop_script, jot, jot_ok, json, tmp, write};

/// Every byte value once, the escape-like ones (ESC, CSI introducers, C0) included.
fn all_bytes() -> Vec<u8> {
    (0..=255u8).collect()
}

/// An A256KW key with a kid, as a JWK file.
fn oct_jwk(dir: &Path, name: &str, kid: &str, fill: u8) -> (Value, std::path::PathBuf) {
    let jwk = json!({"kty": "oct", "kid": kid, "alg": "A256KW", "use": "enc",
                     "k": jot::b64::encode(&[fill; 32])});
    let p = write(dir, name, jwk.to_string());
    (jwk, p)
}

/// `jot decrypt` with `args`, stdin `input`: (exit code, raw stdout, stderr).
fn decrypt_raw(args: &[&str], input: &str) -> (i32, Vec<u8>, String) {
    let out = jot()
        .arg("decrypt")
        .args(args)
        .write_stdin(input)
        .output()
        .expect("run jot");
    (
        out.status.code().unwrap_or(-1),
        out.stdout,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The three ways a pipe gets the plaintext: one token, bulk (`-`), and `--json`.
fn assert_exact_on_a_pipe(token: &str, key: &Path, who: &str) {
    let k = key.to_str().unwrap();
    let want = all_bytes();
    let (code, out, err) = decrypt_raw(&[token, "--key", k], "");
    assert_eq!(code, 0, "{who}: {err}");
    assert_eq!(out, want, "{who}: one token, stdout is not byte-exact");
    let (code, out, err) = decrypt_raw(&["-", "--key", k], &format!("{token}\n"));
    assert_eq!(code, 0, "{who}: {err}");
    let mut line = b"line 1: ".to_vec();
    line.extend_from_slice(&want);
    line.push(b'\n');
    assert_eq!(out, line, "{who}: bulk mode, stdout is not byte-exact");
    let (code, out, _) = decrypt_raw(&[token, "--key", k, "--json"], "");
    assert_eq!(code, 0);
    let v = json(String::from_utf8_lossy(&out).trim());
    let b64 = v["plaintext_b64url"]
        .as_str()
        .expect("binary plaintext as base64url");
    assert_eq!(jot::b64::decode(b64).unwrap(), want, "{who}: --json");
}

#[test]
fn binary_plaintext_from_jot_encrypt_is_byte_exact_on_a_pipe() {
    let d = tmp();
    let (_, key) = oct_jwk(d.path(), "k.jwk", "k1", 7);
    let payload = write(d.path(), "all.bin", all_bytes());
    let token = jot_ok([
        "encrypt",
        "--key",
        key.to_str().unwrap(),
        &format!("@{}", payload.display()),
    ]);
    assert_exact_on_a_pipe(token.trim(), &key, "jot encrypt");
}

#[test]
fn binary_plaintext_from_jwcrypto_is_byte_exact_on_a_pipe() {
    if !have_jwcrypto() {
        return;
    }
    let d = tmp();
    let (jwk, key) = oct_jwk(d.path(), "k.jwk", "k1", 9);
    let jobs = json!([{"op": "encrypt", "key": jwk, "alg": "A256KW", "enc": "A256GCM",
                       "payload_b64": jot::b64::encode(&all_bytes())}]);
    let jobs_file = write(d.path(), "jobs.json", jobs.to_string());
    let out = Std::new("python3")
        .arg(interop_script("jwcrypto_jwe.py"))
        .arg(&jobs_file)
        .output()
        .expect("run python3");
    let r = json(String::from_utf8_lossy(&out.stdout).trim());
    let token = r[0]["token"].as_str().unwrap_or_else(|| panic!("{r}"));
    assert_exact_on_a_pipe(token, &key, "jwcrypto");
}

#[test]
fn decrypt_with_a_jwks_refuses_a_kid_that_no_key_has() {
    let d = tmp();
    let (a, key_a) = oct_jwk(d.path(), "a.jwk", "a", 1);
    let (b, _) = oct_jwk(d.path(), "b.jwk", "b", 2);
    let jwks = write(d.path(), "jwks.json", json!({"keys": [a, b]}).to_string());
    let ka = key_a.to_str().unwrap();
    let js = jwks.to_str().unwrap();
    let named = jot_ok(["encrypt", "--key", ka, "secret"]);
    let (code, out, err) = decrypt_raw(&[named.trim(), "--jwks", js], "");
    assert_eq!((code, out.as_slice()), (0, &b"secret"[..]), "{err}");
    // Encrypted to key a, but naming a kid the set does not hold: no fall-back to a.
    let unknown = jot_ok(["encrypt", "--key", ka, "--header", "kid=gone", "secret"]);
    let (code, out, err) = decrypt_raw(&[unknown.trim(), "--jwks", js], "");
    assert_eq!(code, 1, "{err}");
    let out = String::from_utf8_lossy(&out);
    assert!(out.contains("no supplied key has kid \"gone\""), "{out}");
    assert!(!out.contains("secret"), "{out}");
}
