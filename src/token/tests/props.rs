//! Property tests: random claims sets round-trip through sign and verify for HS256, ES256
//! and EdDSA; the parser and the verifier never panic on arbitrary text or on mutations of
//! a valid token, and no mutation of a valid token still verifies (no malleability).

use proptest::prelude::*;
use serde_json::{json, Map, Value};

use super::{jot_sign, key_for, obj, policy};
use crate::alg::Alg;
use crate::token::parse;
use crate::token::verify::{verify, Policy};

const NOW: i64 = 1_700_000_000;

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        ".{0,12}".prop_map(Value::String),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(".{0,6}", inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Claims whose names cannot collide with the registered time claims the verifier checks.
fn claims() -> impl Strategy<Value = Map<String, Value>> {
    prop::collection::btree_map("c_.{0,8}", value(), 0..8).prop_map(|m| m.into_iter().collect())
}

fn lenient() -> Policy {
    Policy {
        require_exp: false,
        ..policy()
    }
}

/// A valid token to mutate.
fn valid_token() -> String {
    let claims = obj(json!({"sub": "alice", "iat": NOW, "exp": NOW + 900, "aud": ["a", "b"]}));
    jot_sign(key_for(Alg::HS256), Alg::HS256, &claims)
}

/// Bytes a mutation writes: the base64url alphabet, separators, padding, whitespace, and
/// anything at all.
fn mutation_byte() -> impl Strategy<Value = u8> {
    prop_oneof![
        prop::sample::select(b"AZaz09-_.=+/ \t\n".to_vec()),
        any::<u8>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn sign_then_verify_round_trips_claims(c in claims(), which in 0usize..3) {
        let alg = [Alg::HS256, Alg::ES256, Alg::EdDSA][which];
        let key = key_for(alg);
        let token = jot_sign(key, alg, &c);
        let public = key.to_public().unwrap_or_else(|_| key.clone());
        let v = verify(&token, &[public], &lenient(), NOW);
        prop_assert!(v.valid, "{}: {:?}", alg, v.reasons);
        prop_assert_eq!(v.claims, Some(Value::Object(c)));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn parse_never_panics_on_arbitrary_text(s in any::<String>()) {
        let _ = parse(&s);
        let v = verify(&s, &[key_for(Alg::HS256).clone()], &policy(), NOW);
        prop_assert!(!v.valid);
    }

    #[test]
    fn parse_never_panics_on_token_shaped_text(s in "[A-Za-z0-9_=.+/-]{0,300}") {
        let _ = parse(&s);
        prop_assert!(!verify(&s, &[key_for(Alg::HS256).clone()], &policy(), NOW).valid);
    }

    #[test]
    fn no_mutation_of_a_valid_token_verifies(
        edits in prop::collection::vec((any::<prop::sample::Index>(), mutation_byte()), 1..6)
    ) {
        let original = valid_token();
        let mut bytes = original.clone().into_bytes();
        for (i, b) in &edits {
            let at = i.index(bytes.len());
            bytes[at] = *b;
        }
        let mutated = String::from_utf8_lossy(&bytes).into_owned();
        let _ = parse(&mutated);
        let key = key_for(Alg::HS256).clone();
        let p = Policy { aud: vec!["a".into()], ..policy() };
        let v = verify(&mutated, &[key], &p, NOW);
        prop_assert_eq!(v.valid, mutated == original, "{:?}", v.reasons);
    }

    #[test]
    fn truncations_and_extensions_never_verify(cut in any::<prop::sample::Index>(), tail in ".{0,8}") {
        let original = valid_token();
        let at = cut.index(original.len());
        let mutated = format!("{}{tail}", &original[..at]);
        let v = verify(&mutated, &[key_for(Alg::HS256).clone()], &policy(), NOW);
        // Whitespace around a token is ignored by design; anything else must fail.
        prop_assert_eq!(v.valid, mutated.trim() == original);
    }
}
