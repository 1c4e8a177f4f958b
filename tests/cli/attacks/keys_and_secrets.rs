//! Keys and secrets an attacker (or a slip) makes weak: an empty or short HMAC secret, a
//! secret file with a stray newline, the high-S twin of an ECDSA signature, a denylist
//! dodged by re-encoding the signature, a kid that is not a string, and a clock near the
//! end of time.

use jot::alg::Curve;

use crate::token_common::{
    b64, forge_hs256, good_claims, keys, run, run_in, sign, unb64, verify, T0,
};

/// `ss` of an ECDSA r||s signature replaced by n - s: the twin that verifies just the same.
fn twin(token: &str, n_hex: &str) -> String {
    let (input, sig) = token.rsplit_once('.').expect("jws");
    let mut sig = unb64(sig);
    let half = sig.len() / 2;
    let n: Vec<u8> = (0..n_hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&n_hex[i..i + 2], 16).expect("hex"))
        .collect();
    let mut borrow = 0i16;
    for i in (0..half).rev() {
        let d = n[i] as i16 - sig[half + i] as i16 - borrow;
        borrow = i16::from(d < 0);
        sig[half + i] = d.rem_euclid(256) as u8;
    }
    format!("{input}.{}", b64(&sig))
}

const P256_N: &str = "FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551";
const K256_N: &str = "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141";

fn sig_of(token: &str) -> Vec<u8> {
    unb64(token.rsplit('.').next().expect("sig"))
}

#[test]
fn empty_hmac_secret_is_refused_from_every_source() {
    let dir = tempfile::tempdir().expect("tempdir");
    let token = forge_hs256(r#"{"alg":"HS256"}"#, &good_claims(), b"");
    let empty = dir.path().join("empty");
    std::fs::write(&empty, b"").expect("write");
    let jwk = dir.path().join("k.jwk");
    std::fs::write(&jwk, r#"{"kty":"oct","k":""}"#).expect("write");
    let jwks = dir.path().join("set.json");
    std::fs::write(
        &jwks,
        r#"{"keys":[{"kty":"oct","k":"","kid":"e"},{"kty":"oct","k":"c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0","kid":"g"}]}"#,
    )
    .expect("write");
    let (e, j, s) = (
        empty.to_str().unwrap(),
        jwk.to_str().unwrap(),
        jwks.to_str().unwrap(),
    );
    let now = ["--now", "1700000010"];
    for (source, stdin) in [
        (vec!["--secret", ""], &b""[..]),
        (vec!["--secret-file", e], b""),
        (vec!["--secret-file", "-"], b""),
        (vec!["--key", j], b""),
        (vec!["--key", "-"], br#"{"kty":"oct","k":""}"#),
        (vec!["--jwks", s], b""),
    ] {
        let mut args = vec!["verify", token.as_str()];
        args.extend(&source);
        args.extend(now);
        let r = run_in(&args, stdin).code(2);
        assert!(r.stderr.contains("empty"), "verify {source:?}: {r:#?}");
        let mut args = vec!["sign", "--insecure-short-key"];
        args.extend(&source);
        if !source.contains(&"--jwks") {
            let r = run_in(&args, stdin).code(2);
            assert!(r.stderr.contains("empty"), "sign {source:?}: {r:#?}");
        }
    }
    let r = run(&["audit", &token, "--key", j]).code(2);
    assert!(r.stderr.contains("empty"), "audit --key: {r:#?}");
}

#[test]
fn secret_file_ending_in_a_newline_warns_with_the_byte_count() {
    let dir = tempfile::tempdir().expect("tempdir");
    let secret = b"0123456789abcdef0123456789abcdef\n";
    let p = dir.path().join("s");
    std::fs::write(&p, secret).expect("write");
    let token = forge_hs256(r#"{"alg":"HS256"}"#, &good_claims(), secret);
    let r = run(&[
        "verify",
        &token,
        "--secret-file",
        p.to_str().unwrap(),
        "--now",
        "1700000010",
    ])
    .code(0);
    assert!(
        r.stderr.contains("newline") && r.stderr.contains("33 bytes"),
        "{r:#?}"
    );
    let r = run_in(
        &[
            "verify",
            &token,
            "--secret-file",
            "-",
            "--now",
            "1700000010",
        ],
        secret,
    )
    .code(0);
    assert!(r.stderr.contains("33 bytes"), "{r:#?}");
}

#[test]
fn high_s_ecdsa_twin_is_refused_with_require_low_s() {
    let k = keys();
    for (alg, n) in [("ES256K", K256_N), ("ES256", P256_N)] {
        let t = sign(&k.private(alg), &[]);
        let twin_t = twin(&t, n);
        // Accepted by default: OpenSSL, PyJWT and RFC 7515 A.3 make high-S signatures.
        verify(&twin_t, &k.public(alg), &[]).code(0);
        let r = verify(&twin_t, &k.public(alg), &["--require-low-s"]).code(1);
        assert!(r.stdout.contains("high S"), "{alg}: {r:#?}");
        verify(&t, &k.public(alg), &["--require-low-s"]).code(0);
    }
}

#[test]
fn jot_sign_always_makes_low_s_ecdsa_signatures() {
    let k = keys();
    for _ in 0..16 {
        let t = sign(&k.private("ES256"), &[]);
        assert!(!jot::keys::ecdsa_high_s(Curve::P256, &sig_of(&t)), "{t}");
    }
}

#[test]
fn denylist_keyed_on_the_signing_input_catches_the_ecdsa_twin() {
    use sha2::Digest;
    let k = keys();
    let dir = tempfile::tempdir().expect("tempdir");
    let t = sign(&k.private("ES256"), &[]);
    let input = t.rsplit_once('.').expect("jws").0;
    let hex = |b: &[u8]| {
        sha2::Sha256::digest(b)
            .iter()
            .map(|x| format!("{x:02x}"))
            .collect::<String>()
    };
    let list = dir.path().join("deny");
    std::fs::write(&list, format!("# revoked\n{}\n", hex(input.as_bytes()))).expect("write");
    let l = list.to_str().unwrap();
    for token in [t.clone(), twin(&t, P256_N)] {
        let r = verify(&token, &k.public("ES256"), &["--denylist", l]).code(1);
        assert!(r.stdout.contains("revoked"), "{r:#?}");
    }
    // A list written the old way (hash of the whole token) still revokes that token.
    std::fs::write(&list, hex(t.as_bytes())).expect("write");
    verify(&t, &k.public("ES256"), &["--denylist", l]).code(1);
}

#[test]
fn non_string_kid_is_rejected_not_ignored() {
    let secret = b"0123456789abcdef0123456789abcdef";
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("s");
    std::fs::write(&p, secret).expect("write");
    for kid in ["5", r#"{"a":1}"#, "null", r#"["k"]"#] {
        let h = format!(r#"{{"alg":"HS256","kid":{kid}}}"#);
        let token = forge_hs256(&h, &good_claims(), secret);
        let r = run(&[
            "verify",
            &token,
            "--secret-file",
            p.to_str().unwrap(),
            "--now",
            "1700000010",
        ])
        .code(1);
        assert!(r.stdout.contains("kid is not a string"), "{kid}: {r:#?}");
    }
}

#[test]
fn sign_with_now_near_the_end_of_time_errors_instead_of_wrapping() {
    let k = keys().private("ES256");
    for now in [i64::MAX.to_string(), (i64::MAX - 10).to_string()] {
        let r = run(&["sign", "--key", &k, "--now", &now]).code(2);
        assert!(r.stderr.starts_with("error:"), "{r:#?}");
        run(&["sign", "--key", &k, "--now", &now, "--exp", "1h"]).code(2);
    }
    let ok = run(&["sign", "--key", &k, "--now", &T0.to_string(), "--no-exp"]);
    ok.code(0);
}
