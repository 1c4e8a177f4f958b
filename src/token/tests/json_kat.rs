//! Known answers for the JWS JSON serializations: RFC 7515 A.6 (general, RS256 + ES256),
//! A.7 (flattened ES256), RFC 7520 §4.7 (alg only in the unprotected header) and §4.8
//! (three signatures, one with alg unprotected). Each verifies as published, names the
//! signature that verified, and fails when a byte changes or a pin is missing.

use serde_json::Value;

use super::{jwk, policy, vector};
use crate::alg::Alg;
use crate::token::json_ser::{parse, Serialization};
use crate::token::verify::{verify, Policy};

/// RFC 7515 A.2/A.3 claims expire at 1300819380; this is shortly before.
const NOW: i64 = 1_300_819_000;
const NOT_CLAIMS: &str = "the payload is not a JSON claims set";

fn public(v: &Value) -> crate::keys::Jwk {
    let k = jwk(v);
    k.to_public().unwrap_or(k)
}

#[test]
fn rfc7515_a6_general_verifies_with_either_key_and_names_the_signature() {
    let v = vector("rfc7515_a6_a7.json");
    let token = v["a6_json"].as_str().unwrap();
    let (rsa, ec) = (public(&v["rsa_jwk"]), public(&v["ec_jwk"]));
    let j = parse(token).unwrap();
    assert_eq!(j.serialization, Serialization::General);
    assert_eq!(j.signatures.len(), 2);
    for (key, index, alg) in [(&rsa, 0, "RS256"), (&ec, 1, "ES256")] {
        let got = verify(token, std::slice::from_ref(key), &policy(), NOW);
        assert!(got.valid, "{alg}: {:?}", got.reasons);
        assert_eq!(got.claims.as_ref(), Some(&v["payload_json"]));
        let out = got.json.expect("json outcome");
        let s = out.signature.expect("the signature that verified");
        assert_eq!((s.index, s.alg.as_deref()), (index, Some(alg)));
        assert_eq!(s.kid, key.kid);
    }
    let both = vec![rsa.clone(), ec.clone()];
    let all = Policy {
        all_signatures: true,
        ..policy()
    };
    assert!(verify(token, &both, &all, NOW).valid);
    let one = verify(token, std::slice::from_ref(&ec), &all, NOW);
    assert!(!one.valid, "--all-signatures with one key");
    assert!(
        one.reasons[0].starts_with("signature 0 (RS256)"),
        "{:?}",
        one.reasons
    );
    // The unprotected kid selects: a key under another kid is not tried.
    let mut other = ec.clone();
    other.kid = Some("someone-else".into());
    let none = verify(token, &[other], &policy(), NOW);
    assert!(!none.valid);
    // One byte of the payload changed breaks both signatures.
    let bad = token.replacen("eyJpc3Mi", "eyJpc3Ni", 1);
    assert!(!verify(&bad, &both, &policy(), NOW).valid);
}

#[test]
fn rfc7515_a7_flattened_verifies() {
    let v = vector("rfc7515_a6_a7.json");
    let token = v["a7_json"].as_str().unwrap();
    let ec = public(&v["ec_jwk"]);
    assert_eq!(
        parse(token).unwrap().serialization,
        Serialization::Flattened
    );
    let got = verify(token, std::slice::from_ref(&ec), &policy(), NOW);
    assert!(got.valid, "{:?}", got.reasons);
    let late = verify(token, &[ec], &policy(), 1_300_819_380 + 61);
    assert!(late.reasons.iter().any(|r| r.starts_with("expired at")));
    let rsa = public(&v["rsa_jwk"]);
    assert!(!verify(token, &[rsa], &policy(), NOW).valid);
}

#[test]
fn rfc7520_4_7_alg_only_unprotected_counts_when_the_key_pins_it() {
    let v = vector("rfc7520_4_7_4_8.json");
    let hmac = jwk(&v["hmac_jwk"]);
    for name in ["s4_7_general", "s4_7_flattened"] {
        let token = v[name].as_str().unwrap();
        // The key's own alg is HS256: the unprotected alg equals the pin. The payload is
        // text, so the only reason left is that it is not a claims set.
        let got = verify(token, std::slice::from_ref(&hmac), &policy(), NOW);
        assert_eq!(got.reasons, vec![NOT_CLAIMS.to_string()], "{name}");
        assert_eq!(
            got.json.unwrap().signature.unwrap().alg.as_deref(),
            Some("HS256")
        );
        // Without a pin (the key has no alg and no --alg), the unprotected alg is refused.
        let mut unpinned = hmac.clone();
        unpinned.alg = None;
        let got = verify(token, &[unpinned.clone()], &policy(), NOW);
        assert!(
            got.reasons[0].contains("only in the unprotected header"),
            "{got:?}"
        );
        // --alg HS256 pins it again; --alg HS384 does not.
        let pin = |a: Alg| Policy {
            algs: vec![a],
            ..policy()
        };
        let ok = verify(token, &[unpinned.clone()], &pin(Alg::HS256), NOW);
        assert_eq!(ok.reasons, vec![NOT_CLAIMS.to_string()]);
        assert!(
            !verify(token, &[unpinned], &pin(Alg::HS384), NOW)
                .json
                .unwrap()
                .signatures[0]
                .valid
        );
    }
}

#[test]
fn rfc7520_4_8_three_signatures_each_verify_with_their_key() {
    let v = vector("rfc7520_4_7_4_8.json");
    let token = v["s4_8_general"].as_str().unwrap();
    let (rsa, ec, hmac) = (
        public(&v["rsa_jwk"]),
        public(&v["ec_jwk"]),
        jwk(&v["hmac_jwk"]),
    );
    let pins = Policy {
        algs: vec![Alg::RS256, Alg::ES512, Alg::HS256],
        ..policy()
    };
    for (key, index) in [(&rsa, 0), (&ec, 1), (&hmac, 2)] {
        let got = verify(token, std::slice::from_ref(key), &pins, NOW);
        assert_eq!(
            got.reasons,
            vec![NOT_CLAIMS.to_string()],
            "signature {index}"
        );
        assert_eq!(got.json.unwrap().signature.unwrap().index, index);
    }
    let all = Policy {
        all_signatures: true,
        ..pins.clone()
    };
    let keys = vec![rsa, ec.clone(), hmac];
    let got = verify(token, &keys, &all, NOW);
    assert_eq!(got.reasons, vec![NOT_CLAIMS.to_string()]);
    assert!(got.json.unwrap().signatures.iter().all(|s| s.valid));
    // ES512 is only in the unprotected header: without --alg ES512 it does not count.
    let got = verify(token, &[ec], &policy(), NOW);
    assert!(!got.json.as_ref().unwrap().signatures[1].valid);
    assert!(
        got.reasons[1].contains("only in the unprotected header"),
        "{got:?}"
    );
}
