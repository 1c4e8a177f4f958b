//! Properties of the SD-JWT parser and issuer (the proptest twin of fuzz target `sd_jwt`):
//! no input makes the parser or the rebuild panic; a disclosure reads back what was put in
//! it; issuing any subset of claims and rebuilding with every disclosure gives the claims
//! back, and with none gives the clear ones only.

use proptest::prelude::*;
use serde_json::{Map, Value};

use super::*;

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<bool>().prop_map(Value::from),
        any::<i32>().prop_map(Value::from),
        "[a-zA-Z0-9 é~.\\[\\]\"]{0,12}".prop_map(Value::from),
    ]
}

fn json_value() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::btree_map("[a-z][a-z_]{0,5}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn parse_never_panics_on_any_text(s in ".{0,200}") {
        let _ = parse(&s);
        let _ = inspect::inspect(&s);
    }

    #[test]
    fn parse_never_panics_on_tilde_joined_base64url(parts in proptest::collection::vec("[A-Za-z0-9_.-]{0,40}", 1..6)) {
        let t = format!("eyJhbGciOiJFUzI1NiJ9.e30.c2ln~{}", parts.join("~"));
        let _ = parse(&t);
        let _ = inspect::inspect(&t);
    }

    #[test]
    fn rebuild_never_panics(payload in json_value(), values in proptest::collection::vec(json_value(), 0..4)) {
        let ds: Vec<Disclosure> = values.into_iter().enumerate()
            .map(|(i, v)| Disclosure::new(format!("salt{i}"), (i % 2 == 0).then(|| format!("n{i}")), v))
            .collect();
        if let Value::Object(p) = payload {
            let _ = rebuild(&p, &ds);
        }
    }

    #[test]
    fn a_disclosure_reads_back_what_was_put_in(salt in "[A-Za-z0-9_-]{1,24}", name in proptest::option::of("[a-z]{1,8}"), value in json_value()) {
        let d = Disclosure::new(salt.clone(), name.clone(), value.clone());
        let back = Disclosure::parse(0, &d.encoded).unwrap();
        prop_assert_eq!(back, d);
    }

    #[test]
    fn issue_then_rebuild_gives_the_claims_back(
        claims in proptest::collection::btree_map("[a-z]{1,6}", json_value(), 1..6),
        pick in proptest::collection::vec(any::<bool>(), 6),
        decoys in 0usize..3,
    ) {
        let original: Map<String, Value> = claims.into_iter().collect();
        let paths: Vec<String> = original.keys().zip(&pick).filter(|(_, p)| **p).map(|(k, _)| k.clone()).collect();
        let mut payload = original.clone();
        let o = IssueOptions { paths: paths.clone(), all: false, decoys, hash: crate::alg::Hash::Sha256, holder: None };
        let mut n = 0u64;
        let mut rng = |buf: &mut [u8]| { for b in buf.iter_mut() { n += 1; *b = ((n * 2_654_435_761) >> 8) as u8; } Ok(()) };
        let ds = issue(&mut payload, &o, &mut rng).unwrap();
        prop_assert_eq!(ds.len(), paths.len());
        let all = rebuild(&payload, &ds).unwrap();
        prop_assert_eq!(&all.claims, &original);
        prop_assert_eq!(all.undisclosed.len(), decoys);
        let none = rebuild(&payload, &[]).unwrap();
        for k in original.keys() {
            prop_assert_eq!(none.claims.contains_key(k), !paths.contains(k));
        }
    }
}
