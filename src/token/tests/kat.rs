//! Known answers: the signed examples of RFC 7515 App. A, RFC 7520 §4 and RFC 8037 App. A
//! verify as published (over the segments as given, never a re-serialisation), the
//! deterministic ones are reproduced byte for byte, and one changed byte breaks each.

use serde_json::Value;

use super::{jwk, policy, vector, with_segment};
use crate::alg::Alg;
use crate::b64;
use crate::keys::Jwk;
use crate::token::verify::verify;

/// RFC 7515 A.1–A.3 expire at 1300819380; this is shortly before.
const NOW: i64 = 1_300_819_000;
const EXP: i64 = 1_300_819_380;
const NOT_CLAIMS: &str = "the payload is not a JSON claims set";
const BAD_SIG: &str = "signature does not verify";

fn segments(token: &str) -> (String, Vec<u8>) {
    let (input, sig) = token.rsplit_once('.').expect("three segments");
    (
        input.to_owned(),
        b64::decode(sig).expect("signature base64url"),
    )
}

/// The token with bit 0 of signature byte `i` flipped.
fn flip_sig(token: &str, i: usize) -> String {
    let (_, mut sig) = segments(token);
    sig[i] ^= 1;
    with_segment(token, 2, &b64::encode(&sig))
}

/// The token with the first character of its payload segment changed (still base64url).
fn flip_payload(token: &str) -> String {
    let seg = token.split('.').nth(1).expect("payload segment");
    let first = if seg.starts_with('e') { "f" } else { "e" };
    with_segment(token, 1, &format!("{first}{}", &seg[1..]))
}

/// A.1–A.3: JWT claims sets, verified end to end by `verify` at a time they are valid.
fn claims_vector(file: &str, alg: Alg) {
    let v = vector(file);
    let token = v["jws"].as_str().expect("jws");
    let key = jwk(&v["jwk"]);
    let mut keys = vec![key.clone()];
    if let Ok(public) = key.to_public() {
        keys = vec![public];
    }
    let ok = verify(token, &keys, &policy(), NOW);
    assert!(ok.valid, "{file}: {:?}", ok.reasons);
    assert_eq!(ok.alg.as_deref(), Some(alg.name()));
    assert_eq!(ok.claims.as_ref(), Some(&v["payload_json"]), "{file}");

    let late = verify(token, &keys, &policy(), EXP + 60);
    assert!(
        late.reasons.iter().any(|r| r.starts_with("expired at")),
        "{file}: {late:?}"
    );
    assert!(
        verify(token, &keys, &policy(), EXP + 59).valid,
        "{file}: leeway"
    );

    let (_, sig) = segments(token);
    for i in [0, sig.len() / 2, sig.len() - 1] {
        let bad = verify(&flip_sig(token, i), &keys, &policy(), NOW);
        assert_eq!(
            bad.reasons,
            vec![BAD_SIG.to_string()],
            "{file}: sig byte {i}"
        );
    }
    // The payload segment of these vectors contains the claims: alter one claim's bytes.
    let raw = b64::decode(token.split('.').nth(1).expect("payload")).expect("b64");
    let altered = String::from_utf8(raw).expect("utf8").replace("joe", "jof");
    let bad = verify(
        &with_segment(token, 1, &b64::encode(altered.as_bytes())),
        &keys,
        &policy(),
        NOW,
    );
    assert_eq!(bad.reasons, vec![BAD_SIG.to_string()], "{file}: payload");
}

/// Signatures over payloads that are not claims sets: checked with `Jwk::verify`, and
/// `verify` must object to the payload only, never to the signature.
fn raw_vector(name: &str, token: &str, key: &Jwk, alg: Alg) {
    let (input, sig) = segments(token);
    assert!(
        key.verify(alg, input.as_bytes(), &sig).expect("usable key"),
        "{name}"
    );
    let v = verify(token, std::slice::from_ref(key), &policy(), NOW);
    assert_eq!(v.reasons, vec![NOT_CLAIMS.to_string()], "{name}");
    assert_eq!(v.kid, key.kid, "{name}: the verifying key is reported");

    for i in [0, sig.len() / 2, sig.len() - 1] {
        let mut bad = sig.clone();
        bad[i] ^= 0x80;
        assert!(
            !key.verify(alg, input.as_bytes(), &bad).expect("usable key"),
            "{name} {i}"
        );
        let v = verify(
            &flip_sig(token, i),
            std::slice::from_ref(key),
            &policy(),
            NOW,
        );
        assert!(
            v.reasons.contains(&BAD_SIG.to_string()),
            "{name}: {:?}",
            v.reasons
        );
    }
    let mut input_bad = input.clone().into_bytes();
    let last = input_bad.len() - 1;
    input_bad[last] ^= 1;
    assert!(
        !key.verify(alg, &input_bad, &sig).expect("usable key"),
        "{name}: input"
    );
    let v = verify(
        &flip_payload(token),
        std::slice::from_ref(key),
        &policy(),
        NOW,
    );
    assert!(
        v.reasons.contains(&BAD_SIG.to_string()),
        "{name}: {:?}",
        v.reasons
    );
}

/// Deterministic algorithms reproduce the published signature exactly.
fn resign_matches(name: &str, token: &str, key: &Jwk, alg: Alg) {
    let (input, sig) = segments(token);
    assert_eq!(
        key.sign(alg, input.as_bytes()).expect("sign"),
        sig,
        "{name}"
    );
}

#[test]
fn rfc7515_a1_hs256_verifies_and_resigns() {
    claims_vector("rfc7515_a1.json", Alg::HS256);
    let v = vector("rfc7515_a1.json");
    resign_matches(
        "A.1",
        v["jws"].as_str().unwrap(),
        &jwk(&v["jwk"]),
        Alg::HS256,
    );
}

#[test]
fn rfc7515_a2_rs256_verifies_and_resigns() {
    claims_vector("rfc7515_a2.json", Alg::RS256);
    let v = vector("rfc7515_a2.json");
    resign_matches(
        "A.2",
        v["jws"].as_str().unwrap(),
        &jwk(&v["jwk"]),
        Alg::RS256,
    );
}

#[test]
fn rfc7515_a3_es256_verifies() {
    claims_vector("rfc7515_a3.json", Alg::ES256);
}

#[test]
fn rfc7515_a4_es512_signature_verifies() {
    let v = vector("rfc7515_a4.json");
    let key = jwk(&v["jwk"]).to_public().expect("public half");
    raw_vector("A.4", v["jws"].as_str().unwrap(), &key, Alg::ES512);
}

#[test]
fn rfc8037_a4_ed25519_verifies_and_resigns() {
    let v = vector("rfc8037_a.json");
    let token = v["jws"].as_str().unwrap();
    let (_, payload) = token.split_once('.').unwrap();
    let payload = b64::decode(payload.split('.').next().unwrap()).unwrap();
    assert_eq!(payload, v["payload"].as_str().unwrap().as_bytes());
    raw_vector("8037 A.4", token, &jwk(&v["public_jwk"]), Alg::EdDSA);
    resign_matches("8037 A.4", token, &jwk(&v["private_jwk"]), Alg::EdDSA);
}

#[test]
fn rfc7520_section4_examples_verify() {
    let v = vector("rfc7520_4.json");
    let examples = v["examples"].as_array().expect("examples");
    let sections: Vec<&str> = examples
        .iter()
        .filter_map(|e| e["section"].as_str())
        .collect();
    assert_eq!(sections, ["4.1", "4.2", "4.3", "4.4"]);
    for e in examples {
        let name = format!("7520 §{}", e["section"].as_str().unwrap());
        let alg = Alg::from_name(e["alg"].as_str().unwrap()).expect("known alg");
        let token = e["jws"].as_str().unwrap();
        let private = jwk(&e["jwk"]);
        let key = private.to_public().unwrap_or_else(|_| private.clone());
        let header = b64::decode(token.split('.').next().unwrap()).unwrap();
        let header: Value = serde_json::from_slice(&header).unwrap();
        assert_eq!(
            header["kid"], e["jwk"]["kid"],
            "{name}: kid selects the key"
        );
        raw_vector(&name, token, &key, alg);
        if matches!(alg, Alg::RS256 | Alg::HS256) {
            resign_matches(&name, token, &private, alg);
        }
    }
}

#[test]
fn rfc_vectors_refuse_keys_of_the_wrong_kind() {
    // The A.1 HMAC key must not verify A.2 (RS256), nor the RSA key A.1 (HS256).
    let a1 = vector("rfc7515_a1.json");
    let a2 = vector("rfc7515_a2.json");
    let hmac = jwk(&a1["jwk"]);
    let rsa = jwk(&a2["jwk"]).to_public().unwrap();
    let v = verify(a2["jws"].as_str().unwrap(), &[hmac], &policy(), NOW);
    assert!(!v.valid && v.reasons[0].contains("not allowed"), "{v:?}");
    let v = verify(a1["jws"].as_str().unwrap(), &[rsa], &policy(), NOW);
    assert!(!v.valid && v.reasons[0].contains("not allowed"), "{v:?}");
}
