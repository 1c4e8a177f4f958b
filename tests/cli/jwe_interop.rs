//! JWE interop both ways, for every alg × enc pair jot makes: tokens from `jot encrypt`
//! decrypt in jwcrypto (PyPI) and node `jose` (npm), and theirs decrypt in `jot decrypt`.
//! RSA1_5 goes one way only (jot never makes it): jwcrypto's decrypt in jot with
//! --allow-rsa1-5. Nested tokens (sign, then encrypt) go both ways with jwcrypto. Each
//! implementation runs once per test, on a batch of jobs.

use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use crate::common::{have_jwcrypto, interop_script, jot, tmp, write};

const PASSPHRASE: &str = "interop passphrase";

struct Case {
    alg: &'static str,
    enc: &'static str,
    key: &'static str,
}

const ENCS: &[&str] = &[
    "A128CBC-HS256",
    "A192CBC-HS384",
    "A256CBC-HS512",
    "A128GCM",
    "A192GCM",
    "A256GCM",
];

/// Every pair, with the key it needs (oct keys by size; ECDH-ES on every curve, the full
/// enc range on P-256 and X25519 and two encs on the others to bound the run time).
fn cases(rsa: bool) -> Vec<Case> {
    let mut v = Vec::new();
    for &enc in ENCS {
        let cek = match enc {
            "A128GCM" => "oct16",
            "A192GCM" => "oct24",
            "A256GCM" | "A128CBC-HS256" => "oct32",
            "A192CBC-HS384" => "oct48",
            _ => "oct64",
        };
        let mut add = |alg, key| v.push(Case { alg, enc, key });
        if rsa {
            add("RSA-OAEP", "rsa");
            add("RSA-OAEP-256", "rsa");
        }
        add("dir", cek);
        for (alg, key) in [
            ("A128KW", "oct16"),
            ("A192KW", "oct24"),
            ("A256KW", "oct32"),
            ("A128GCMKW", "oct16"),
            ("A192GCMKW", "oct24"),
            ("A256GCMKW", "oct32"),
            ("PBES2-HS256+A128KW", "pass"),
            ("PBES2-HS384+A192KW", "pass"),
            ("PBES2-HS512+A256KW", "pass"),
        ] {
            add(alg, key);
        }
        for alg in [
            "ECDH-ES",
            "ECDH-ES+A128KW",
            "ECDH-ES+A192KW",
            "ECDH-ES+A256KW",
        ] {
            add(alg, "p256");
            add(alg, "x25519");
            if matches!(enc, "A128GCM" | "A256CBC-HS512") {
                add(alg, "p384");
                add(alg, "p521");
            }
        }
    }
    v
}

/// Private and public JWKs for every key name, written to `dir`.
fn keys(dir: &Path) -> Vec<(&'static str, Value, Value)> {
    use jot::alg::Alg;
    use jot::keys::{generate, Jwk, Key};
    let rsa: Value = serde_json::from_str(include_str!("../../src/keys/vectors/rfc7515_a2.json"))
        .expect("vector");
    let mut out = vec![("rsa", rsa["jwk"].clone())];
    for (name, alg) in [
        ("p256", Alg::ES256),
        ("p384", Alg::ES384),
        ("p521", Alg::ES512),
    ] {
        let mut k = generate(alg, None, None).expect("keygen");
        k.alg = None;
        k.use_ = None;
        out.push((name, k.to_json(true)));
    }
    let x = Jwk::new(Key::X25519(jot::keys::x25519_generate().expect("x25519")));
    out.push(("x25519", x.to_json(true)));
    for (name, n) in [
        ("oct16", 16u8),
        ("oct24", 24),
        ("oct32", 32),
        ("oct48", 48),
        ("oct64", 64),
    ] {
        let k: Vec<u8> = (0..n).map(|i| i.wrapping_mul(37) ^ n).collect();
        out.push((name, json!({"kty": "oct", "k": b64(&k)})));
    }
    out.push((
        "pass",
        json!({"kty": "oct", "k": b64(PASSPHRASE.as_bytes())}),
    ));
    write(dir, "pass.txt", PASSPHRASE);
    out.into_iter()
        .map(|(n, private)| {
            let mut public = private.clone();
            if private["kty"] != "oct" {
                for m in crate::common::PRIVATE_MEMBERS {
                    public.as_object_mut().expect("object").remove(*m);
                }
            }
            write(dir, &format!("{n}.jwk"), private.to_string());
            write(dir, &format!("{n}.pub.jwk"), public.to_string());
            (n, private, public)
        })
        .collect()
}

fn b64(data: &[u8]) -> String {
    crate::token_common::b64(data)
}

fn key_of<'a>(keys: &'a [(&str, Value, Value)], name: &str) -> &'a (&'a str, Value, Value) {
    keys.iter().find(|k| k.0 == name).expect("key")
}

/// jot's key flags for a key name (the public key to encrypt, the private to decrypt).
fn key_flags(dir: &Path, name: &str, private: bool) -> Vec<String> {
    if name == "pass" {
        return vec![
            "--passphrase-file".into(),
            dir.join("pass.txt").display().to_string(),
        ];
    }
    let file = if private {
        format!("{name}.jwk")
    } else {
        format!("{name}.pub.jwk")
    };
    vec!["--key".into(), dir.join(file).display().to_string()]
}

fn jot_encrypt(dir: &Path, c: &Case, payload: &str) -> String {
    let out = jot()
        .arg("encrypt")
        .args(key_flags(dir, c.key, false))
        .args(["--alg", c.alg, "--enc", c.enc, "--p2c", "2000", payload])
        .output()
        .expect("run jot");
    crate::common::assert_success(&out, &format!("jot encrypt {} {}", c.alg, c.enc));
    String::from_utf8(out.stdout)
        .expect("UTF-8")
        .trim()
        .to_owned()
}

fn jot_decrypt(dir: &Path, key: &str, token: &str, extra: &[&str]) -> Result<String, String> {
    let out = jot()
        .arg("decrypt")
        .arg(token)
        .args(key_flags(dir, key, true))
        .args(extra)
        .output()
        .expect("run jot");
    if out.status.success() {
        Ok(String::from_utf8(out.stdout).expect("UTF-8"))
    } else {
        Err(format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

fn run_batch(program: &str, script: &Path, dir: &Path, jobs: &[Value]) -> Vec<Value> {
    let file = write(dir, "jobs.json", Value::from(jobs.to_vec()).to_string());
    let out = std::process::Command::new(program)
        .arg(script)
        .arg(&file)
        .output()
        .expect("run interop script");
    crate::common::assert_success(&out, program);
    serde_json::from_slice(&out.stdout).expect("script output is JSON")
}

/// The shared round: jot → them and them → jot for every case.
fn both_ways(program: &str, script: PathBuf, node_style: bool) {
    let dir = tmp();
    let rsa = cfg!(feature = "aws-lc");
    let keys = keys(dir.path());
    let cases = cases(rsa);
    let key_job = |c: &Case, private: bool| -> Value {
        let k = key_of(&keys, c.key);
        if node_style && c.key == "pass" {
            return json!({"passphrase": PASSPHRASE, "alg": c.alg});
        }
        json!({"key": if private { &k.1 } else { &k.2 }, "alg": c.alg})
    };
    let mut jobs = Vec::new();
    let mut payloads = Vec::new();
    for c in &cases {
        let payload = format!("interop {} {} via {} ✓", c.alg, c.enc, c.key);
        let token = jot_encrypt(dir.path(), c, &payload);
        let mut d = key_job(c, true);
        d["op"] = "decrypt".into();
        d["token"] = token.into();
        jobs.push(d);
        let mut e = key_job(c, false);
        e["op"] = "encrypt".into();
        e["enc"] = c.enc.into();
        e["payload"] = payload.clone().into();
        if c.alg.starts_with("PBES2") && !node_style {
            e["header"] = json!({"p2c": 2000});
        }
        jobs.push(e);
        payloads.push(payload);
    }
    let results = run_batch(program, &script, dir.path(), &jobs);
    assert_eq!(results.len(), jobs.len());
    let mut failures = Vec::new();
    for (i, c) in cases.iter().enumerate() {
        let (dec, enc) = (&results[2 * i], &results[2 * i + 1]);
        let what = format!("{} {} ({})", c.alg, c.enc, c.key);
        if dec["plaintext"] != payloads[i].as_str() {
            failures.push(format!("{program} cannot decrypt jot's {what}: {dec}"));
        }
        match enc["token"].as_str() {
            None => failures.push(format!("{program} cannot encrypt {what}: {enc}")),
            Some(t) => match jot_decrypt(dir.path(), c.key, t, &[]) {
                Ok(p) if p == payloads[i] => {}
                other => failures.push(format!("jot cannot decrypt {program}'s {what}: {other:?}")),
            },
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn jwcrypto_both_ways_for_every_pair() {
    if !have_jwcrypto() {
        return;
    }
    both_ways("python3", interop_script("jwcrypto_jwe.py"), false);
}

#[test]
fn node_jose_both_ways_for_every_pair() {
    let script = interop_script("node/jose_jwe.mjs");
    if !crate::common::node_packages_ready(&["jose"]) {
        return;
    }
    both_ways("node", script, true);
}

#[test]
fn jwcrypto_rsa1_5_decrypts_in_jot_only_with_the_flag() {
    if !have_jwcrypto() || cfg!(not(feature = "aws-lc")) {
        return;
    }
    let dir = tmp();
    let keys = keys(dir.path());
    let k = key_of(&keys, "rsa");
    let job = json!({"op": "encrypt", "key": k.2, "alg": "RSA1_5", "enc": "A128CBC-HS256",
                     "payload": "legacy"});
    let r = run_batch(
        "python3",
        &interop_script("jwcrypto_jwe.py"),
        dir.path(),
        &[job],
    );
    let token = r[0]["token"].as_str().expect("jwcrypto made RSA1_5");
    let refused = jot_decrypt(dir.path(), "rsa", token, &[]).unwrap_err();
    assert!(
        refused.contains("RSA1_5 is refused") && refused.contains("--allow-rsa1-5"),
        "{refused}"
    );
    assert_eq!(
        jot_decrypt(dir.path(), "rsa", token, &["--allow-rsa1-5"]).unwrap(),
        "legacy"
    );
}

/// Nested JWTs (sign, then encrypt with cty JWT) against jwcrypto both ways: jwcrypto's
/// token passes `jot verify --decrypt-key … --key …`, and `jot sign --encrypt-to`'s is
/// decrypted and its signature verified by jwcrypto.
#[test]
fn jwcrypto_nested_sign_then_encrypt_both_ways() {
    if !have_jwcrypto() {
        return;
    }
    let dir = tmp();
    let keys = keys(dir.path());
    let enc = key_of(&keys, "p256");
    let sig = jot::keys::generate(jot::alg::Alg::ES256, None, None).expect("keygen");
    let (sig_private, mut sig_public) = (sig.to_json(true), sig.to_json(true));
    sig_public.as_object_mut().unwrap().remove("d");
    let sig_file = write(dir.path(), "sig.jwk", sig_private.to_string());
    let sig_pub_file = write(dir.path(), "sig.pub.jwk", sig_public.to_string());
    let (now, now_s) = (1_767_225_600_i64, "2026-01-01T00:00:00Z");
    let theirs = json!({"op": "sign_encrypt", "sig_key": sig_private, "sig_alg": "ES256",
        "claims": {"sub": "frodo", "iat": now, "exp": now + 600},
        "key": enc.2, "alg": "ECDH-ES+A256KW", "enc": "A256GCM"});
    let script = interop_script("jwcrypto_jwe.py");
    let r = run_batch("python3", &script, dir.path(), &[theirs]);
    let token = r[0]["token"].as_str().unwrap_or_else(|| panic!("{}", r[0]));
    let verify = |decrypt_key: &str| {
        jot()
            .args(["verify", token, "--now", now_s, "--key"])
            .arg(&sig_pub_file)
            .arg("--decrypt-key")
            .arg(dir.path().join(decrypt_key))
            .output()
            .expect("run jot")
    };
    let out = verify("p256.jwk");
    crate::common::assert_success(&out, "jot verify jwcrypto's nested token");
    assert!(String::from_utf8_lossy(&out.stdout).contains("\"sub\": \"frodo\""));
    // The wrong decryption key is a negative verdict on the JWE layer, not a pass.
    let out = verify("p384.jwk");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("JWE layer:"));

    let out = jot()
        .args(["sign", "--key"])
        .arg(&sig_file)
        .args(["--sub", "sam", "--now", now_s, "--encrypt-to"])
        .arg(dir.path().join("p256.pub.jwk"))
        .args([
            "--encrypt-alg",
            "ECDH-ES+A256KW",
            "--encrypt-enc",
            "A256GCM",
        ])
        .output()
        .expect("run jot");
    crate::common::assert_success(&out, "jot sign --encrypt-to");
    let ours = String::from_utf8(out.stdout).expect("UTF-8");
    let job = json!({"op": "decrypt_verify", "key": enc.1, "sig_key": sig_public,
                     "token": ours.trim()});
    let r = run_batch("python3", &script, dir.path(), &[job]);
    assert_eq!(r[0]["cty"], "JWT", "{}", r[0]);
    assert_eq!(r[0]["claims"]["sub"], "sam", "{}", r[0]);
    assert_eq!(r[0]["claims"]["iat"], now, "{}", r[0]);
}
