//! The aws-lc fast path must agree with the RustCrypto verifiers on every verdict: valid
//! signatures, tampered ones, zero (r = s = 0, CVE-2022-21449) and out-of-range scalars,
//! high-S ECDSA and wrong lengths.

use crate::alg::Alg;
use crate::keys::{crypto, generate, Key};

fn both(key: &Key, alg: Alg, msg: &[u8], sig: &[u8]) -> bool {
    let fast = crypto::verify(key, alg, msg, sig).unwrap();
    let reference = crypto::verify_rustcrypto(key, alg, msg, sig).unwrap();
    assert_eq!(
        fast, reference,
        "{alg}: fast path and RustCrypto disagree on {sig:02x?}"
    );
    fast
}

#[test]
fn fast_path_agrees_with_rustcrypto() {
    for alg in [
        Alg::RS256,
        Alg::RS384,
        Alg::PS256,
        Alg::PS512,
        Alg::ES256,
        Alg::ES384,
        Alg::ES512,
    ] {
        let jwk = generate(alg, None, None).unwrap();
        let public = jwk.to_public().unwrap();
        for msg in [&b""[..], b"header.payload", &[7u8; 300]] {
            let sig = jwk.sign(alg, msg).unwrap();
            assert!(both(&public.key, alg, msg, &sig), "{alg} valid");
            assert!(
                both(&jwk.key, alg, msg, &sig),
                "{alg} valid with the private key"
            );
            let mut bad = sig.clone();
            bad[sig.len() / 2] ^= 1;
            assert!(!both(&public.key, alg, msg, &bad), "{alg} tampered");
            assert!(
                !both(&public.key, alg, b"other", &sig),
                "{alg} other message"
            );
            assert!(!both(&public.key, alg, msg, &sig[1..]), "{alg} short");
            assert!(
                !both(&public.key, alg, msg, &vec![0u8; sig.len()]),
                "{alg} zeros"
            );
            assert!(
                !both(&public.key, alg, msg, &vec![0xffu8; sig.len()]),
                "{alg} all ones"
            );
        }
    }
}

#[test]
fn high_s_ecdsa_verdicts_agree() {
    // s and n - s both satisfy the ECDSA equation; both backends must give one answer.
    let jwk = generate(Alg::ES256, None, None).unwrap();
    let sig = jwk.sign(Alg::ES256, b"m").unwrap();
    let s = p256::ecdsa::Signature::from_slice(&sig).unwrap();
    let (r, s_bytes) = s.split_bytes();
    let n_minus_s = {
        use elliptic_curve::ops::Reduce;
        let s_scalar = <p256::Scalar as Reduce<p256::FieldBytes>>::reduce(&s_bytes);
        (-s_scalar).to_bytes()
    };
    let mut flipped = r.to_vec();
    flipped.extend_from_slice(&n_minus_s);
    both(&jwk.key, Alg::ES256, b"m", &flipped);
}
