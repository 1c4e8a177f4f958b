//! Property tests of the JWS JSON serializations: random claims signed by several keys
//! round-trip through parse and verify (each key alone verifies its signature, no key
//! verifies another's); the parser never panics on arbitrary text or on mutations of a
//! valid document, and no mutation still verifies; duplicate members, an undecodable
//! `protected`, and over 100 signatures are refused.

use proptest::prelude::*;
use serde_json::{json, Map, Value};

use super::{key_for, obj, policy};
use crate::alg::Alg;
use crate::token::json_ser::{parse, Serialization, MAX_SIGNATURES};
use crate::token::sign::{header, sign_json};
use crate::token::verify::{verify, Policy};

const NOW: i64 = 1_700_000_000;
const ALGS: [Alg; 3] = [Alg::HS256, Alg::ES256, Alg::EdDSA];

fn lenient() -> Policy {
    Policy {
        require_exp: false,
        ..policy()
    }
}

fn signed(algs: &[Alg], ser: Serialization, claims: &Map<String, Value>) -> String {
    let signers: Vec<_> = algs
        .iter()
        .map(|a| {
            let k = key_for(*a);
            (k, *a, header(*a, k.kid.as_deref(), Map::new()).unwrap())
        })
        .collect();
    sign_json(ser, &signers, claims).expect("sign_json")
}

fn valid() -> String {
    let claims = obj(json!({"sub": "alice", "iat": NOW, "exp": NOW + 900}));
    signed(&[Alg::HS256, Alg::ES256], Serialization::General, &claims)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn several_signatures_round_trip(
        picks in prop::collection::vec(0usize..3, 1..4),
        sub in "[a-z]{1,12}",
        flat in any::<bool>(),
    ) {
        let algs: Vec<Alg> = picks.iter().map(|i| ALGS[*i]).collect();
        let ser = if flat { Serialization::Flattened } else { Serialization::General };
        let algs = if flat { algs[..1].to_vec() } else { algs };
        let claims = obj(json!({"sub": sub}));
        let token = signed(&algs, ser, &claims);
        let j = parse(&token).unwrap();
        prop_assert_eq!(j.serialization, ser);
        prop_assert_eq!(j.signatures.len(), algs.len());
        for a in &algs {
            let v = verify(&token, &[key_for(*a).clone()], &lenient(), NOW);
            prop_assert!(v.valid, "{:?}", v.reasons);
            prop_assert_eq!(v.claims.as_ref().and_then(|c| c.get("sub")), Some(&json!(sub)));
        }
        for a in ALGS.iter().filter(|a| !algs.contains(a)) {
            prop_assert!(!verify(&token, &[key_for(*a).clone()], &lenient(), NOW).valid);
        }
    }

    #[test]
    fn arbitrary_text_never_panics(s in "\\{.{0,200}") {
        let _ = parse(&s);
        let _ = verify(&s, &[key_for(Alg::HS256).clone()], &lenient(), NOW);
    }

    #[test]
    fn no_mutation_still_verifies(at in any::<prop::sample::Index>(), b in any::<u8>()) {
        let good = valid();
        let mut bytes = good.clone().into_bytes();
        let i = at.index(bytes.len());
        prop_assume!(bytes[i] != b);
        bytes[i] = b;
        let Ok(text) = String::from_utf8(bytes) else { return Ok(()) };
        let keys = [key_for(Alg::HS256).clone(), key_for(Alg::ES256).clone()];
        let v = verify(&text, &keys, &lenient(), NOW);
        // Another signature may still verify, or the byte may be whitespace: then the
        // payload and the signature that verified are the original's, byte for byte.
        if v.valid {
            let (a, b) = (parse(&text).unwrap(), parse(&good).unwrap());
            prop_assert_eq!(&a.payload_raw, &b.payload_raw);
            let i = v.json.unwrap().signature.unwrap().index;
            prop_assert_eq!(&a.signatures[i].signature, &b.signatures[i].signature);
            prop_assert_eq!(&a.signatures[i].protected_b64, &b.signatures[i].protected_b64);
        }
    }
}

#[test]
fn duplicate_members_are_refused_at_every_level() {
    let good: Value = serde_json::from_str(&valid()).unwrap();
    let p = good["payload"].as_str().unwrap();
    let top = format!(r#"{{"payload":"{p}","payload":"{p}","signatures":[]}}"#);
    assert!(parse(&top).unwrap_err().to_string().contains("duplicate"));
    let s = &good["signatures"][0];
    let (pr, sig) = (
        s["protected"].as_str().unwrap(),
        s["signature"].as_str().unwrap(),
    );
    let inner = format!(
        r#"{{"payload":"{p}","signatures":[{{"protected":"{pr}","signature":"{sig}","signature":"{sig}"}}]}}"#
    );
    assert!(parse(&inner).unwrap_err().to_string().contains("duplicate"));
    let dup_header = crate::b64::encode(br#"{"alg":"HS256","alg":"none"}"#);
    let hdr = format!(r#"{{"payload":"{p}","protected":"{dup_header}","signature":"{sig}"}}"#);
    assert!(parse(&hdr).unwrap_err().to_string().contains("duplicate"));
}

#[test]
fn undecodable_protected_and_mixed_forms_are_refused() {
    let cases = [
        (
            r#"{"payload":"e30","protected":"!!","signature":""}"#,
            "not base64url",
        ),
        (
            r#"{"payload":"e30","protected":"bm90IGpzb24","signature":""}"#,
            "does not decode",
        ),
        (
            r#"{"payload":"e30","protected":"WzFd","signature":""}"#,
            "not a JSON object",
        ),
        (r#"{"payload":"e30","signature":""}"#, "neither"),
        (
            r#"{"payload":"e30","header":{"alg":"HS256"},"signature":"","signatures":[]}"#,
            "both",
        ),
        (r#"{"payload":"e30","signatures":[]}"#, "0 signatures"),
        (
            r#"{"payload":"e30","protected":"eyJhbGciOiJIUzI1NiJ9","header":{"alg":"HS256"},"signature":""}"#,
            "more than one header",
        ),
        (
            r#"{"protected":"eyJhbGciOiJIUzI1NiJ9","signature":""}"#,
            "no \"payload\"",
        ),
        (r#"[1]"#, "must be a JSON object"),
    ];
    for (text, why) in cases {
        let e = parse(text).expect_err(text).to_string();
        assert!(e.contains(why), "{text}: {e}");
    }
}

#[test]
fn over_a_hundred_signatures_are_refused() {
    let s = json!({"protected": "eyJhbGciOiJIUzI1NiJ9", "signature": "AA"});
    let many = |n: usize| json!({"payload": "e30", "signatures": vec![s.clone(); n]}).to_string();
    assert_eq!(
        parse(&many(MAX_SIGNATURES)).unwrap().signatures.len(),
        MAX_SIGNATURES
    );
    let e = parse(&many(MAX_SIGNATURES + 1)).unwrap_err().to_string();
    assert!(e.contains("101 signatures"), "{e}");
}

#[test]
fn unprotected_crit_b64_are_refused_and_typ_is_ignored() {
    let key = key_for(Alg::HS256).clone();
    let claims = obj(json!({"sub": "a"}));
    let bare = obj(json!({"alg": "HS256"}));
    let token = sign_json(
        Serialization::Flattened,
        &[(&key, Alg::HS256, bare)],
        &claims,
    )
    .unwrap();
    let mut v: Value = serde_json::from_str(&token).unwrap();
    for (member, refused) in [("crit", true), ("b64", true), ("typ", false)] {
        v["header"] = json!({ member: ["x"] });
        let got = verify(&v.to_string(), std::slice::from_ref(&key), &lenient(), NOW);
        assert_eq!(!got.valid, refused, "{member}: {:?}", got.reasons);
    }
    // --typ reads only the protected header: a typ in the unprotected one does not count.
    v["header"] = json!({"typ": "at+jwt"});
    let typed = Policy {
        typ: Some("at+jwt".into()),
        ..lenient()
    };
    let got = verify(&v.to_string(), std::slice::from_ref(&key), &typed, NOW);
    assert!(
        !got.valid && got.reasons[0].contains("no typ in the protected header"),
        "{got:?}"
    );
}
