//! Keys a verifier must refuse (issue 17): HMAC secrets shorter than the hash (Wycheproof's
//! json_web_key_test groups of 31, 47 and 63 bytes), RSA keys with the ROCA fingerprint
//! (CVE-2017-15361), and ambiguous key sets (two keys of one kid and kty; a secret beside
//! public keys). Each is refused in one-token and bulk mode with exit 2; audit reports each
//! as a rule of its own (JOT108, JOT114, JOT115, JOT116).

use serde_json::{json, Value};

use crate::common::{tmp, write};
use crate::token_common::*;

/// Wycheproof's `jws_rsa_roca_key` (json_web_key_test.json, C2SP/wycheproof, Apache-2.0):
/// an RSA key from an affected Infineon chip, private members included.
const ROCA_JWK: &str = r#"{"alg":"RS256","use":"sig","n":"AanFpofbj7KjD4Lf-N2hVMKR7yewSyXhhbirIMTGpfYEhZ_lnt5UoK98DnKIgArXGTu3MaW_HhFw16HGaTDUHqPrId7fe4r11CqRw09yBFuW79V8sYIwHdzCaWflUI6auImYbVfoN9_nD5n8N8SY9DwXw7mwZM9wREPXoDPgOoIWl6q_MPsp7n0zs3Z5ZaiQWOOzl1S9OhwAfSiiOwz6efnXEaxuTEtPd7BjSx7NaFka8Dx9U7YqXy2RFj1O9PjyaDGuRh7YXsX3iMUSP_wSyHQg_c_qHRtKUsNSGCT7OZg0hzm2KphtjnayKJvC64vAbROBR4Ubg6Bxg9IQVZ-QYyE","e":"AQAB","d":"NGpEqgz5j8BLNI1mEcK-sIVOr9AgMDWnRKisjAz4eWTtHlYiTLSWY4QeMzNir_LzBEr1LbZteTAvG5dVc9FpRDy6Grngd6bzy5nONYWPy8a1F88V-zT5OCgm2cd9N1EMzsOZEm1gE4xae1Z1dxptVsiGK-HvRypG_SMacch063aSDM46Asvao8PjqWGy-ZGwnaprx5ME4ZWRMKtov8BVMvkrs1KeM7TtjMg27hvreTueu8fbgNc9U93S2sWjw_4YvS72idsM95e-MCNwhKkrfufNhc5-8-pxD6cbiu8BnG4gR0vuQUNJFx16BsskC7JgOwEUhUg1Q0pYYj3DA54OwQ","p":"ARXNC8pC9mwATep-hd8UJIPF-zxRT3SLSo-oqcfvsfxh31YwlKtfIx7TZgXY1Zqva9zzxJZYxR1XrJp3M0Ny5yRSz04EE7tOjSC3-vR2oIGtkWPFUUF4VpEwrDzqPrZa7JKY-ZJ0qchxLYwzKj7LgEA2HY8l1GBQzHYqqbblMNyF","q":"AYhb2gXYokQugcoSDcl9jeeqwpccV-1Fv93RTtaFMoDJ5kJipWpmTIuT06ZLVc0-2FNl9U3HaiNnHgT07Sjnllj2XGBH5tFT-2u8UUby7QEX8I5QRrdCs6FEtoIxY-eGZWD5MbF8bwrdE1xuhk7dvxlGcEzsAqWMU1ORoRdCZgzt","dp":"b2E6rOmUK1Ej7DS2L-6_hSXHyTNAjBWc22RgTg1Ia0xCYygvM1Z9mkpfyVBatB5JPNlvpGgK_-y7A2NvZkeXbPTWsQzpbFveMZQSRhmZ2ORiOoJORdWdv7CoHfQ9GJfz6gLzbUjhGcBm5qNM-MhWr2gDCfW85LEAiRAp426Y3JE","dq":"43ITjgYJ8qpfFKuokGAXLe_AQ-brVaF0Wvrlz9eA8kWYFG2o5GgPAW6dZ64OPB-tOZNGQ2NRNNqm_UqaXHb7ofCWlj24ISqk-cw99XoHR_X_vg_tHnktNlRl1E0bU_CFvlRWqUOv_0Uu3ws3EmrbR6ScnwrFcgBJoY0vLBOSovU","qi":"azvnD35JmJmI6VoGG4J_koriDC-VENRIzJy9P9paHUtk7vVVPWfC2GzsvHXTF1ZrvqYmG-NtYxRkps6AQ8QKio9XbQ7tTnYmbCH9rSXj7yim3A9Rry92_LsplWRW2H_EIviYk4XdQY3SpSXCbd30fpVcJRhzF_SJ2ifEIPWd3NA","kid":"kid-rsa-roca-sign","kty":"RSA"}"#;

/// A JWK of `len` bytes 0, 1, 2, … for `alg`, as Wycheproof's HMAC key groups write them.
fn oct_jwk(len: usize, alg: &str, kid: &str) -> Value {
    let k: Vec<u8> = (0..len as u8).collect();
    json!({"kty": "oct", "use": "sig", "kid": kid, "alg": alg, "k": b64(&k)})
}

/// A token signed by `jwk` (written to `dir`), short or not: `--insecure-short-key`.
fn signed_by(dir: &std::path::Path, jwk: &Value, extra: &[&str]) -> String {
    let key = write(dir, "sign.jwk", jwk.to_string());
    let mut args = vec![
        "sign",
        "--key",
        key.to_str().unwrap(),
        "--insecure-short-key",
        "--now",
        "1700000000",
    ];
    args.extend_from_slice(extra);
    run(&args).ok().trim().to_owned()
}

fn verify_args<'a>(token: &'a str, key: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["verify", token, "--key", key, "--now", "1700000010"];
    args.extend_from_slice(extra);
    args
}

#[test]
fn verify_refuses_hmac_keys_shorter_than_the_hash_as_sign_does() {
    let dir = tmp();
    for (len, alg) in [(31, "HS256"), (47, "HS384"), (63, "HS512")] {
        let jwk = oct_jwk(len, alg, "short");
        let token = signed_by(dir.path(), &jwk, &[]);
        let key = write(dir.path(), "short.jwk", jwk.to_string());
        let key = key.to_str().unwrap();
        let refused = run(&verify_args(&token, key, &[])).code(2);
        let sign = run(&["sign", "--key", key]).code(2);
        // The same message; the hint names the flag with the operation's verb.
        let first = |s: &str| s.lines().next().unwrap_or_default().to_owned();
        assert_eq!(first(&refused.stderr), first(&sign.stderr), "{alg}");
        assert!(
            refused.stderr.contains(&format!("{len} bytes"))
                && refused
                    .stderr
                    .contains("--insecure-short-key verifies anyway"),
            "{refused:#?}"
        );
        assert!(refused.stdout.is_empty(), "{refused:#?}");
        let insecure = run(&verify_args(&token, key, &["--insecure-short-key"])).code(0);
        assert!(
            insecure.stderr.contains("warning") && insecure.stderr.contains("insecure"),
            "{insecure:#?}"
        );
        // Bulk mode: refused before the first token, and --insecure-short-key warns once.
        let stdin = format!("{token}\n{token}\n");
        let bulk = run_in(&verify_args("-", key, &[]), stdin.as_bytes()).code(2);
        assert!(bulk.stdout.is_empty(), "{bulk:#?}");
        let bulk = run_in(
            &verify_args("-", key, &["--insecure-short-key"]),
            stdin.as_bytes(),
        );
        assert_eq!(bulk.stdout, "line 1: valid\nline 2: valid\n", "{bulk:#?}");
    }
    // One byte more and nothing is said.
    let jwk = oct_jwk(32, "HS256", "long");
    let token = signed_by(dir.path(), &jwk, &[]);
    let key = write(dir.path(), "long.jwk", jwk.to_string());
    let ok = run(&verify_args(&token, key.to_str().unwrap(), &[])).code(0);
    assert!(!ok.stderr.contains("warning"), "{ok:#?}");
}

#[test]
fn a_secret_too_short_for_the_tokens_alg_only_fails_that_token_on_the_fast_path_too() {
    let dir = tmp();
    let secret = write(dir.path(), "s", [7u8; 32]);
    let secret = secret.to_str().unwrap();
    let sign = |alg: &str| {
        run(&[
            "sign",
            "--secret-file",
            secret,
            "--alg",
            alg,
            "--insecure-short-key",
            "--now",
            "1700000000",
        ])
        .ok()
        .trim()
        .to_owned()
    };
    let (hs256, hs512) = (sign("HS256"), sign("HS512"));
    let args = |t: &str, extra: &[&str]| -> Vec<String> {
        let mut a = vec!["verify", t, "--secret-file", secret, "--now", "1700000010"];
        a.extend_from_slice(extra);
        a.into_iter().map(str::to_owned).collect()
    };
    run(&args(&hs256, &[])).code(0);
    let r = run(&args(&hs512, &[])).code(1);
    assert!(
        r.stdout
            .contains("the HMAC secret is 32 bytes; RFC 7518 §3.2 requires at least 64 for HS512"),
        "{r:#?}"
    );
    // --alg HS512 pins an algorithm the secret is short for: refused before any token.
    run(&args(&hs512, &["--alg", "HS512"])).code(2);
    // Bulk: the HS256 line takes the fast path, the HS512 line is judged, not waved through.
    let stdin = format!("{hs256}\n{hs512}\n");
    let bulk = run_in(&args("-", &[]), stdin.as_bytes()).code(1);
    assert!(
        bulk.stdout
            .starts_with("line 1: valid\nline 2: invalid: the HMAC secret is 32 bytes"),
        "{bulk:#?}"
    );
    let bulk = run_in(&args("-", &["--insecure-short-key"]), stdin.as_bytes()).code(0);
    assert_eq!(bulk.stdout, "line 1: valid\nline 2: valid\n", "{bulk:#?}");
}

fn roca_files(dir: &std::path::Path) -> (String, String, String) {
    let private: Value = serde_json::from_str(ROCA_JWK).unwrap();
    let mut public = private.clone();
    for m in ["d", "p", "q", "dp", "dq", "qi"] {
        public.as_object_mut().unwrap().remove(m);
    }
    let path = |name: &str, v: &Value| {
        write(dir, name, v.to_string())
            .to_string_lossy()
            .into_owned()
    };
    (
        path("roca.jwk", &private),
        path("roca.pub.jwk", &public),
        path("roca.jwks", &json!({ "keys": [public] })),
    )
}

#[test]
fn roca_keys_are_refused_by_verify_sign_encrypt_and_convert_unless_allow_weak() {
    let dir = tmp();
    let (private, public, set) = roca_files(dir.path());
    let roca = |r: Run| {
        let r = r.code(2);
        assert!(
            r.stderr.starts_with("error:")
                && r.stderr.contains("ROCA")
                && r.stderr.contains("CVE-2017-15361")
                && r.stderr.contains("--allow-weak"),
            "{r:#?}"
        );
    };
    roca(run(&["sign", "--key", &private]));
    roca(run(&["convert", &private, "--to", "pem"]));
    roca(run(&["encrypt", "--key", &public, "--alg", "RSA-OAEP-256"]));
    let token = sign(&private, &["--allow-weak"]);
    roca(run(&verify_args(&token, &public, &[])));
    roca(run(&[
        "verify",
        &token,
        "--jwks",
        &set,
        "--now",
        "1700000010",
    ]));
    roca(run_in(&verify_args("-", &public, &[]), token.as_bytes()));
    run(&verify_args(&token, &public, &["--allow-weak"])).code(0);
    run(&[
        "verify",
        &token,
        "--jwks",
        &set,
        "--now",
        "1700000010",
        "--allow-weak",
    ])
    .code(0);
    run(&["convert", &private, "--to", "pem", "--allow-weak"]).code(0);
}

#[test]
fn a_generated_rsa_key_has_no_roca_fingerprint() {
    let k = keys();
    let token = sign(&k.private("RS256"), &[]);
    verify(&token, &k.public("RS256"), &[]).code(0);
    let audit = run(&["audit", &k.public("RS256"), "--format", "json"]);
    assert!(!audit.stdout.contains("JOT114"), "{audit:#?}");
}

#[test]
fn audit_reports_a_roca_key_as_its_own_critical_rule() {
    let dir = tmp();
    let (private, public, set) = roca_files(dir.path());
    let rules = |args: &[&str]| -> Vec<Value> {
        let mut a = vec!["audit", "--format", "json", "--now", "1700000010"];
        a.extend_from_slice(args);
        let r = run(&a);
        let report: Value = serde_json::from_str(&r.stdout).unwrap_or_else(|_| panic!("{r:#?}"));
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == "JOT114")
            .cloned()
            .collect()
    };
    for input in [&private, &public, &set] {
        let found = rules(&[input]);
        assert_eq!(found.len(), 1, "{input}: {found:#?}");
        assert_eq!(found[0]["severity"], "critical");
        assert!(found[0]["message"]
            .as_str()
            .unwrap()
            .contains("kid-rsa-roca-sign"));
    }
    // A key given to check signatures with is audited too.
    let token = sign(&private, &["--allow-weak"]);
    assert_eq!(rules(&[&token, "--key", &public]).len(), 1);
    assert_eq!(rules(&[&token, "--jwks", &set]).len(), 1);
}

/// Wycheproof's `jws_duplicate_kid` and `jws_mixedSymmetryKeyset` sets, and their token.
/// The second duplicate's `k` ends in `g`, not Wycheproof's `e`: that `e` makes it
/// non-canonical base64url, refused on its own before the set could be judged.
fn ambiguous_sets() -> (Value, Value, &'static str) {
    let a = json!({"alg": "HS256", "use": "sig", "k": "-ebuDNsVZ2iJtoZ-akfXTSCt4UO2cruLCsbWlBinggE", "kid": "kid-aes-sign", "kty": "oct"});
    let b = json!({"alg": "HS256", "use": "sig", "k": "-xxuDNsVZ2iJtos-akfXTSCt4UO2cruLCsbWlBinggg", "kid": "kid-aes-sign", "kty": "oct"});
    let ec = json!({"alg": "ES256", "use": "sig", "x": "04N0xi21hshyvBp7I167sbE_bXqyqkAPfefdklMO7wY", "y": "UI8exy-C06a7DUnjIdENkxeFtHM4-l_41LqEw9nVgmw", "crv": "P-256", "kid": "kid-ec-sign", "kty": "EC"});
    (
        json!({"keys": [a.clone(), b]}),
        json!({"keys": [a, ec]}),
        "eyJhbGciOiJIUzI1NiIsImtpZCI6ImtpZC1hZXMtc2lnbiJ9.Zm9v.TD37p4c_0jmreSrBSDmE0F3mYSPtkZ3WrSyI5wb_KTg",
    )
}

#[test]
fn verify_refuses_a_set_with_two_keys_of_one_kid_and_kty_naming_them() {
    let dir = tmp();
    let (dup, _, token) = ambiguous_sets();
    let set = write(dir.path(), "dup.jwks", dup.to_string());
    let set = set.to_str().unwrap();
    for source in ["--jwks", "--key"] {
        let r = run(&["verify", token, source, set, "--allow-no-exp"]).code(2);
        assert!(
            r.stderr.starts_with(
                "error: ambiguous key set: 2 oct keys share kid \"kid-aes-sign\": keys[0] (kid \"kid-aes-sign\"), keys[1] (kid \"kid-aes-sign\")"
            ) && r.stderr.contains("hint:"),
            "{source}: {r:#?}"
        );
        run_in(&["verify", "-", source, set], token.as_bytes()).code(2);
    }
}

#[test]
fn verify_refuses_a_set_mixing_secret_and_public_keys_naming_them() {
    let dir = tmp();
    let (_, mixed, token) = ambiguous_sets();
    let set = write(dir.path(), "mixed.jwks", mixed.to_string());
    let r = run(&["verify", token, "--jwks", set.to_str().unwrap()]).code(2);
    assert!(
        r.stderr.contains("mixes secret (oct) keys, keys[0] (kid \"kid-aes-sign\"), with public keys, keys[1] (kid \"kid-ec-sign\")"),
        "{r:#?}"
    );
}

#[test]
fn audit_reports_ambiguous_sets_as_rules_of_their_own() {
    let dir = tmp();
    let (dup, mixed, _) = ambiguous_sets();
    let ids = |name: &str, v: &Value| -> Vec<String> {
        let p = write(dir.path(), name, v.to_string());
        let r = run(&["audit", p.to_str().unwrap(), "--format", "json"]);
        let report: Value = serde_json::from_str(&r.stdout).unwrap_or_else(|_| panic!("{r:#?}"));
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["rule"].as_str().unwrap().to_owned())
            .collect()
    };
    let d = ids("dup.jwks", &dup);
    assert!(
        d.contains(&"JOT115".into()) && !d.contains(&"JOT116".into()),
        "{d:?}"
    );
    let m = ids("mixed.jwks", &mixed);
    assert!(
        m.contains(&"JOT116".into()) && !m.contains(&"JOT115".into()),
        "{m:?}"
    );
}
