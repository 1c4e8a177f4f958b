//! What `jot decode` and bulk `jot verify -` print for ML-DSA tokens, pinned by snapshots:
//! decode states the 2420-byte ML-DSA-44 signature's size on a terminal (as for RSA) and
//! carries it whole only in `--json`; bulk verify over a JWKS mixing ML-DSA and ES256 gives
//! one JSON verdict per line. Keys and tokens are fixed files in tests/data/mldsa (signatures
//! are randomised), and the clock is `--now`, so the output is stable.

use serde_json::Value;

use crate::token_common::{run, run_in};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/mldsa");
/// One minute after the tokens were signed; they expire 15 minutes after signing.
const NOW: &str = "1700000060";

fn token(name: &str) -> String {
    std::fs::read_to_string(format!("{DATA}/{name}"))
        .unwrap()
        .trim()
        .to_owned()
}

#[test]
fn decode_of_an_ml_dsa_44_token_shows_the_signature_size_not_its_base64() {
    let t = token("mldsa44.jwt");
    let r = run(&["--color", "never", "decode", &t, "--now", NOW]).code(0);
    assert!(
        r.stdout.contains("signature 2420 bytes (ML-DSA-44)"),
        "{}",
        r.stdout
    );
    let sig = t.rsplit('.').next().unwrap();
    assert!(!r.stdout.contains(&sig[..40]), "{}", r.stdout);
    assert!(r.stdout.len() < 1000, "{}", r.stdout);
    insta::assert_snapshot!("decode_mldsa44_text", r.stdout);
}

#[test]
fn decode_json_of_an_ml_dsa_44_token_carries_the_whole_signature() {
    let t = token("mldsa44.jwt");
    let r = run(&["decode", &t, "--json", "--now", NOW]).code(0);
    let v: Value = serde_json::from_str(r.stdout.trim()).expect("one JSON object");
    assert_eq!(v["header"]["alg"], "ML-DSA-44");
    assert_eq!(v["signature"], t.rsplit('.').next().unwrap());
    insta::assert_snapshot!("decode_mldsa44_json", r.stdout);
}

#[test]
fn bulk_verify_json_over_a_jwks_mixing_ml_dsa_and_es256_is_pinned() {
    let (ml, es) = (token("mldsa44.jwt"), token("es256.jwt"));
    // One base64url character in the middle of the ML-DSA signature changed.
    let mut bad = ml.clone().into_bytes();
    let i = bad.len() - 1500;
    bad[i] = if bad[i] == b'A' { b'B' } else { b'A' };
    let bad = String::from_utf8(bad).unwrap();
    let jwks = format!("{DATA}/jwks.json");
    let args = [
        "--color",
        "never",
        "verify",
        "-",
        "--key",
        &jwks,
        "--now",
        NOW,
        "--aud",
        "api",
        "--iss",
        "https://issuer.example",
        "--json",
    ];
    let r = run_in(&args, format!("{ml}\n{es}\n{bad}\n").as_bytes()).code(1);
    let lines: Vec<Value> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    let got: Vec<(bool, &str)> = lines
        .iter()
        .map(|v| (v["valid"] == true, v["alg"].as_str().unwrap()))
        .collect();
    assert_eq!(
        got,
        [(true, "ML-DSA-44"), (true, "ES256"), (false, "ML-DSA-44")]
    );
    insta::assert_snapshot!("verify_bulk_mldsa_es256_json", r.stdout);
    insta::assert_snapshot!("verify_bulk_mldsa_es256_json_stderr", r.stderr);
}
