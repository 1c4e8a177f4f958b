//! The algorithms of 2026 through the real binary: RFC 9864's `Ed25519`/`Ed448` names,
//! Ed448 keys, and ML-DSA (RFC 9964) keygen, convert, thumbprint, sign, verify (single and
//! bulk), decode, audit, and key sets mixing ML-DSA with classic keys; then interop both
//! ways with pyca/cryptography (tests/interop/pqc_interop.py).

use std::path::Path;
use std::sync::OnceLock;

use serde_json::{json, Value};

use crate::common::{
    assert_input_error, interop_script, jot, jot_ok, json, thumbprint, tmp, write,
};

const ML_DSA: [&str; 3] = ["ML-DSA-44", "ML-DSA-65", "ML-DSA-87"];

fn keygen(dir: &Path, alg: &str, extra: &[&str]) -> (String, String) {
    let (private, public) = (
        dir.join(format!("{alg}.key")),
        dir.join(format!("{alg}.pub")),
    );
    let mut args = vec!["keygen", alg, "--out"];
    args.push(private.to_str().unwrap());
    args.extend(["--public-out", public.to_str().unwrap()]);
    args.extend_from_slice(extra);
    jot_ok(&args);
    (
        private.to_string_lossy().into_owned(),
        public.to_string_lossy().into_owned(),
    )
}

fn sign(key: &str, extra: &[&str]) -> String {
    let mut args = vec!["sign", "--key", key, "--claims", r#"{"sub":"s"}"#];
    args.extend_from_slice(extra);
    jot_ok(&args).trim().to_owned()
}

fn header(token: &str) -> Value {
    let h = token.split('.').next().unwrap();
    json(&String::from_utf8(base64url(h)).unwrap())
}

fn base64url(s: &str) -> Vec<u8> {
    // A tiny decoder: the header is ASCII JSON, so a table lookup is enough.
    let val = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'-' => 62,
        _ => 63,
    };
    let bits: Vec<u8> = s.bytes().map(val).collect();
    bits.chunks(4)
        .flat_map(|c| {
            let n = c.iter().fold(0u32, |a, v| a << 6 | u32::from(*v)) << (6 * (4 - c.len()));
            let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
            bytes[..c.len() - 1].to_vec()
        })
        .collect()
}

fn verify_code(key: &str, token: &str, extra: &[&str]) -> i32 {
    let mut args = vec!["verify", "--key", key, token];
    args.extend_from_slice(extra);
    jot().args(&args).output().unwrap().status.code().unwrap()
}

#[test]
fn ml_dsa_keygen_sign_verify_convert_thumbprint_for_every_parameter_set() {
    let dir = tmp();
    for alg in ML_DSA {
        let (private, public) = keygen(dir.path(), alg, &[]);
        let token = sign(&private, &[]);
        assert_eq!(header(&token)["alg"], alg);
        assert_eq!(verify_code(&public, &token, &[]), 0, "{alg}");
        assert_eq!(verify_code(&public, &token, &["--alg", alg]), 0);
        let other = ML_DSA.iter().find(|a| **a != alg).unwrap();
        assert_eq!(verify_code(&public, &token, &["--alg", other]), 1);
        let mut tampered = token.clone();
        tampered.insert_str(token.rfind('.').unwrap() + 1, "AAAA");
        assert_eq!(verify_code(&public, &tampered, &[]), 1);
        let jwk = json(&jot_ok(["convert", private.as_str(), "--to", "jwk"]));
        assert_eq!(
            (jwk["kty"].as_str(), jwk["alg"].as_str()),
            (Some("AKP"), Some(alg))
        );
        assert!(jwk["priv"].is_string());
        let jwk_path = write(dir.path(), &format!("{alg}.jwk"), jwk.to_string());
        let pem = jot_ok(["convert", jwk_path.to_str().unwrap(), "--to", "pem"]);
        assert_eq!(pem, std::fs::read_to_string(&private).unwrap());
        assert_eq!(
            thumbprint(Path::new(&public), &[]),
            thumbprint(&jwk_path, &[])
        );
        let decoded = jot_ok(["decode", "--json", token.as_str()]);
        assert!(decoded.contains(alg), "{decoded}");
    }
}

#[test]
fn ed448_keygen_sign_verify_convert_thumbprint() {
    let dir = tmp();
    let (private, public) = keygen(dir.path(), "Ed448", &[]);
    let token = sign(&private, &[]);
    assert_eq!(header(&token)["alg"], "Ed448");
    assert_eq!(verify_code(&public, &token, &[]), 0);
    let jwk = json(&jot_ok(["convert", public.as_str(), "--to", "jwk"]));
    assert_eq!(
        (jwk["kty"].as_str(), jwk["crv"].as_str()),
        (Some("OKP"), Some("Ed448"))
    );
    let jwk_path = write(dir.path(), "ed448.jwk", jwk.to_string());
    assert_eq!(
        thumbprint(Path::new(&public), &[]),
        thumbprint(&jwk_path, &[])
    );
    // EdDSA is accepted for an Ed448 key too.
    let eddsa = sign(&private, &["--alg", "EdDSA"]);
    assert_eq!(header(&eddsa)["alg"], "EdDSA");
    assert_eq!(verify_code(&public, &eddsa, &[]), 0);
}

/// RFC 9864 names: a key without `alg` signs `EdDSA` (old verifiers still exist), `--alg
/// Ed25519` or a key whose `alg` is `Ed25519` signs `Ed25519`; both verify; an Ed25519 key
/// never verifies an Ed448 token nor the reverse.
#[test]
fn ed25519_sign_emits_eddsa_unless_asked_or_the_key_says_ed25519() {
    let dir = tmp();
    let (pem, public) = keygen(dir.path(), "Ed25519", &[]);
    let plain = sign(&pem, &[]);
    assert_eq!(header(&plain)["alg"], "EdDSA");
    let named = sign(&pem, &["--alg", "Ed25519"]);
    assert_eq!(header(&named)["alg"], "Ed25519");
    let jwk = dir.path().join("ed25519.jwk");
    jot_ok([
        "keygen",
        "Ed25519",
        "--format",
        "jwk",
        "--out",
        jwk.to_str().unwrap(),
    ]);
    let jwk = jwk.to_string_lossy().into_owned();
    assert_eq!(header(&sign(&jwk, &[]))["alg"], "Ed25519");
    for t in [&plain, &named] {
        assert_eq!(verify_code(&public, t, &[]), 0);
    }
    assert_eq!(verify_code(&jwk, &sign(&jwk, &["--alg", "EdDSA"]), &[]), 0);
    let (ed448, ed448_public) = keygen(dir.path(), "Ed448", &[]);
    assert_eq!(verify_code(&ed448_public, &named, &[]), 1);
    assert_eq!(verify_code(&public, &sign(&ed448, &[]), &[]), 1);
    let out = jot()
        .args(["sign", "--key", &pem, "--alg", "Ed448", "--claims", "{}"])
        .output()
        .unwrap();
    assert_input_error(&out);
}

#[test]
fn audit_flags_eddsa_as_deprecated_by_rfc_9864_and_not_ed25519() {
    let dir = tmp();
    let (pem, _) = keygen(dir.path(), "Ed25519", &[]);
    let report = |t: &str| jot().args(["audit", t]).output().unwrap().stdout;
    let old = String::from_utf8(report(&sign(&pem, &[]))).unwrap();
    assert!(old.contains("JOT032"), "{old}");
    let new = String::from_utf8(report(&sign(&pem, &["--alg", "Ed25519"]))).unwrap();
    assert!(!new.contains("JOT032"), "{new}");
}

/// One JWKS holding ML-DSA, Ed448 and ES256 keys verifies each one's tokens, alone and in
/// bulk (stdin, one token per line).
#[test]
fn a_jwks_mixing_ml_dsa_and_classic_keys_verifies_each_alone_and_in_bulk() {
    let dir = tmp();
    let mut keys = vec![];
    let mut tokens = vec![];
    for alg in ["ML-DSA-44", "ML-DSA-87", "Ed448", "ES256"] {
        let (private, public) = keygen(dir.path(), alg, &[]);
        keys.push(json(&jot_ok(["convert", public.as_str(), "--to", "jwk"])));
        tokens.push(sign(&private, &[]));
    }
    let set = write(dir.path(), "jwks.json", json!({"keys": keys}).to_string());
    let set = set.to_str().unwrap();
    for t in &tokens {
        assert_eq!(verify_code(set, t, &[]), 0);
    }
    let mut input = tokens.join("\n");
    input.push('\n');
    let out = jot()
        .args(["verify", "--key", set, "-"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut bad = tokens[0].clone();
    bad.truncate(bad.len() - 4);
    bad.push_str("AAAA");
    let out = jot()
        .args(["verify", "--key", set, "-"])
        .write_stdin(format!("{}\n{bad}\n", tokens[1]))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn an_akp_jwk_whose_priv_does_not_derive_pub_is_refused_with_exit_2() {
    let dir = tmp();
    let (a, _) = keygen(dir.path(), "ML-DSA-44", &["--format", "jwk"]);
    let b = dir.path().join("b.jwk");
    jot_ok([
        "keygen",
        "ML-DSA-44",
        "--format",
        "jwk",
        "--out",
        b.to_str().unwrap(),
    ]);
    let (a, b) = (
        json(&std::fs::read_to_string(a).unwrap()),
        json(&std::fs::read_to_string(b).unwrap()),
    );
    let mixed = json!({"kty": "AKP", "alg": "ML-DSA-44", "pub": a["pub"], "priv": b["priv"]});
    let path = write(dir.path(), "mixed.jwk", mixed.to_string());
    let out = jot()
        .args(["sign", "--key", path.to_str().unwrap(), "--claims", "{}"])
        .output()
        .unwrap();
    let err = assert_input_error(&out);
    assert!(err.contains("does not derive"), "{err}");
    let bad = write(
        dir.path(),
        "bad.jwk",
        r#"{"kty":"AKP","alg":"ML-DSA-44","pub":"AAAA"}"#,
    );
    assert_input_error(
        &jot()
            .args(["thumbprint", bad.to_str().unwrap()])
            .output()
            .unwrap(),
    );
}

/// Whether python3 has pyca/cryptography with ML-DSA (51 or later); prints a skip note once.
fn have_pqc_python() -> bool {
    static HAVE: OnceLock<bool> = OnceLock::new();
    let have = *HAVE.get_or_init(|| {
        std::process::Command::new("python3")
            .args([
                "-c",
                "from cryptography.hazmat.primitives.asymmetric import mldsa",
            ])
            .output()
            .is_ok_and(|o| o.status.success())
    });
    if !have {
        eprintln!(
            "note: python3 with cryptography >= 51 not found; skipping the ML-DSA interop checks"
        );
    }
    have
}

fn py(args: &[&str]) -> (i32, String) {
    let out = std::process::Command::new("python3")
        .arg(interop_script("pqc_interop.py"))
        .args(args)
        .output()
        .expect("run python3");
    let code = out.status.code().unwrap_or(-1);
    assert!(
        code == 0 || code == 1,
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        code,
        String::from_utf8(out.stdout).unwrap().trim().to_owned(),
    )
}

/// Both ways for every ML-DSA parameter set and Ed448: cryptography's PEM keys sign with
/// jot and cryptography verifies; cryptography signs and jot verifies; jot's PEM keys load
/// in cryptography with the same public key; a context-string signature fails in jot.
#[test]
fn ml_dsa_and_ed448_interop_both_ways_with_pyca_cryptography() {
    if !have_pqc_python() {
        return;
    }
    let dir = tmp();
    for alg in ML_DSA.iter().chain(&["Ed448"]) {
        let (their_priv, their_pub) = (
            dir.path().join(format!("{alg}.py.key")),
            dir.path().join(format!("{alg}.py.pub")),
        );
        let (tp, tq) = (their_priv.to_str().unwrap(), their_pub.to_str().unwrap());
        assert_eq!(py(&["keygen", alg, tp, tq]).0, 0);
        let ours = sign(tp, &[]);
        assert_eq!(header(&ours)["alg"], *alg);
        assert_eq!(
            py(&["verify", tq, &ours]).0,
            0,
            "{alg}: cryptography verifies jot"
        );
        let mut bad = ours.clone();
        bad.insert(ours.rfind('.').unwrap() + 1, 'B');
        assert_eq!(py(&["verify", tq, &bad]).0, 1);
        let (_, theirs) = py(&["sign", alg, tp, r#"{"sub":"py","exp":4000000000}"#]);
        assert_eq!(
            verify_code(tq, &theirs, &[]),
            0,
            "{alg}: jot verifies cryptography"
        );
        assert_eq!(verify_code(tp, &theirs, &[]), 0);
        let (private, public) = keygen(dir.path(), alg, &[]);
        let (_, raw) = py(&["public", &private]);
        let jwk = json(&jot_ok(["convert", public.as_str(), "--to", "jwk"]));
        let member = if alg.starts_with("ML") { "pub" } else { "x" };
        assert_eq!(
            jwk[member].as_str(),
            Some(raw.as_str()),
            "{alg}: same public key"
        );
        assert_eq!(py(&["verify", &public, &sign(&private, &[])]).0, 0);
        if alg.starts_with("ML") {
            let (_, ctx) = py(&["ctx-sign", tp, r#"{"sub":"ctx","exp":4000000000}"#]);
            assert_eq!(
                verify_code(tq, &ctx, &[]),
                1,
                "{alg}: a context signature is not JWS"
            );
        }
    }
}
