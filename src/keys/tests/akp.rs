//! ML-DSA (AKP) keys through jot's key entry points: JWK and PEM round trips, the seed that
//! must derive `pub`, the empty context string, thumbprint members, and hostile AKP JWKs.

use serde_json::json;

use super::*;
use crate::keys::{read, Jwk, Key, KeyInput, ReadOptions, ThumbprintHash};

fn read_one(text: &str) -> crate::Result<Jwk> {
    match read(text.as_bytes(), &ReadOptions::default())? {
        KeyInput::Single(k) => Ok(k),
        other => panic!("one key expected: {other:?}"),
    }
}

#[test]
fn akp_jwk_round_trips_for_every_parameter_set_and_signs_with_the_empty_context() {
    for set in MlDsa::all() {
        let alg = set.alg();
        let key = crate::keys::generate(alg, None, None).unwrap();
        let text = key.to_text(true).unwrap();
        let v: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            (v["kty"].as_str(), v["alg"].as_str()),
            (Some("AKP"), Some(alg.name()))
        );
        assert_eq!(b64::decode(v["priv"].as_str().unwrap()).unwrap().len(), 32);
        assert_eq!(
            b64::decode(v["pub"].as_str().unwrap()).unwrap().len(),
            set.public_len()
        );
        let back = read_one(&text).unwrap();
        let sig = back.sign(alg, b"payload").unwrap();
        assert_eq!(sig.len(), set.signature_len());
        let public = read_one(&key.to_text(false).unwrap()).unwrap();
        assert!(!public.is_private());
        assert!(public.verify(alg, b"payload", &sig).unwrap());
        assert!(!public.verify(alg, b"payloaD", &sig).unwrap());
        let Key::Akp(k) = &back.key else {
            panic!("AKP")
        };
        let seed = ml_dsa::B32::try_from(k.seed.as_ref().unwrap().expose()).unwrap();
        // A signature with another context string is not a JWS signature (RFC 9964 §3).
        let other_ctx = with_set!(set, P => {
            let sk = ml_dsa::SigningKey::<P>::from_seed(&seed);
            sk.expanded_key().sign_deterministic(b"payload", b"ctx").unwrap().encode().to_vec()
        });
        assert!(!public.verify(alg, b"payload", &other_ctx).unwrap());
        let empty_ctx = with_set!(set, P => {
            let sk = ml_dsa::SigningKey::<P>::from_seed(&seed);
            sk.expanded_key().sign_deterministic(b"payload", b"").unwrap().encode().to_vec()
        });
        assert!(public.verify(alg, b"payload", &empty_ctx).unwrap());
        // Another parameter set never verifies it.
        for other in MlDsa::all().into_iter().filter(|o| *o != set) {
            assert!(public.verify(other.alg(), b"payload", &sig).is_err());
        }
    }
}

#[test]
fn akp_private_key_whose_priv_does_not_derive_pub_is_refused() {
    let a = crate::keys::generate(Alg::ML_DSA_44, None, None)
        .unwrap()
        .to_json(true);
    let b = crate::keys::generate(Alg::ML_DSA_44, None, None)
        .unwrap()
        .to_json(true);
    let mixed = json!({"kty": "AKP", "alg": "ML-DSA-44", "pub": a["pub"], "priv": b["priv"]});
    let err = read_one(&mixed.to_string()).unwrap_err().to_string();
    assert!(err.contains("does not derive"), "{err}");
}

#[test]
fn akp_pem_round_trips_in_seed_form_with_the_ml_dsa_oids() {
    for (set, oid_tail) in [(MlDsa::L44, 0x11u8), (MlDsa::L65, 0x12), (MlDsa::L87, 0x13)] {
        let key = crate::keys::generate(set.alg(), None, None).unwrap();
        let Key::Akp(k) = &key.key else { panic!("AKP") };
        let der = k.to_pkcs8_der().unwrap();
        // 2.16.840.1.101.3.4.3.x, no parameters; the private key is the 34-byte [0] seed.
        let oid = [
            0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x03, oid_tail,
        ];
        assert!(der.windows(oid.len()).any(|w| w == oid));
        assert_eq!(der.len(), 54);
        let back = read_one(&key.to_pem(true).unwrap()).unwrap();
        assert_eq!(back.to_json(true)["priv"], key.to_json(true)["priv"]);
        let public = read_one(&key.to_pem(false).unwrap()).unwrap();
        assert_eq!(public.to_json(false)["pub"], key.to_json(false)["pub"]);
        assert_eq!(public.default_alg(), set.alg());
    }
}

#[test]
fn akp_pkcs8_both_form_is_read_and_checked_and_expanded_only_is_refused() {
    let key = AkpKey::generate(MlDsa::L44).unwrap();
    let seed = key.seed.as_ref().unwrap().expose().to_vec();
    #[allow(deprecated)]
    let expanded = {
        let s = ml_dsa::B32::try_from(seed.as_slice()).unwrap();
        ml_dsa::SigningKey::<MlDsa44>::from_seed(&s)
            .expanded_key()
            .to_expanded()
            .to_vec()
    };
    assert!(from_pkcs8_private(MlDsa::L44, false, &[&[0x80, 32][..], &seed].concat()).is_ok());
    let mut wrong = expanded.clone();
    wrong[100] ^= 1;
    let mut seq = vec![0x30, 0x82];
    let body_len = 2 + 32 + 4 + expanded.len();
    seq.extend_from_slice(&(body_len as u16).to_be_bytes());
    seq.extend_from_slice(&[0x04, 32]);
    seq.extend_from_slice(&seed);
    seq.extend_from_slice(&[0x04, 0x82]);
    seq.extend_from_slice(&(expanded.len() as u16).to_be_bytes());
    let head = seq.clone();
    seq.extend_from_slice(&expanded);
    let k = from_pkcs8_private(MlDsa::L44, false, &seq).unwrap();
    assert_eq!(k.public, key.public);
    let mut bad = head;
    bad.extend_from_slice(&wrong);
    assert!(from_pkcs8_private(MlDsa::L44, false, &bad).is_err());
    assert!(from_pkcs8_private(MlDsa::L44, false, &[0x04, 0x01, 0x00]).is_err());
    assert!(from_pkcs8_private(MlDsa::L44, true, &[&[0x80, 32][..], &seed].concat()).is_err());
}

/// RFC 9964 §5: the thumbprint hashes `alg`, `kty` and `pub`, in that order, and nothing
/// else (not `priv`, `kid` or `use`).
#[test]
fn akp_thumbprint_hashes_alg_kty_pub_only() {
    let key = crate::keys::generate(Alg::ML_DSA_65, None, None).unwrap();
    let Key::Akp(k) = &key.key else { panic!("AKP") };
    let canonical = crate::keys::thumbprint::canonical(&key);
    assert_eq!(
        canonical,
        format!(
            r#"{{"alg":"ML-DSA-65","kty":"AKP","pub":"{}"}}"#,
            b64::encode(&k.public)
        )
    );
    let public = key.to_public().unwrap();
    assert_eq!(
        key.thumbprint(ThumbprintHash::Sha256),
        public.thumbprint(ThumbprintHash::Sha256)
    );
    assert_eq!(
        key.thumbprint(ThumbprintHash::Sha256),
        b64::encode(&crate::alg::Hash::Sha256.digest(canonical.as_bytes()))
    );
}

/// RFC 9964 App. A (JOSE, ML-DSA-44): the all-zero-seed example key, its thumbprint (the
/// example's `kid`) and its compact JWS, exactly as published (see vectors/SOURCES.md).
fn rfc9964_ml_dsa_44() -> Value {
    serde_json::from_str(include_str!("../vectors/rfc9964_ml_dsa_44.json")).expect("JSON")
}

#[test]
fn rfc9964_example_key_parses_derives_its_pub_and_has_the_published_thumbprint() {
    let v = rfc9964_ml_dsa_44();
    let private = read_one(&v["jwk"].to_string()).unwrap();
    assert!(private.is_private());
    // The seed is 32 zero bytes; reading it checked that it derives the example's `pub`.
    let Key::Akp(k) = &private.key else {
        panic!("AKP")
    };
    assert_eq!(k.seed.as_ref().unwrap().expose(), &[0u8; 32][..]);
    assert_eq!(b64::encode(&k.public), v["jwk"]["pub"].as_str().unwrap());
    let want = v["thumbprint_sha256"].as_str().unwrap();
    assert_eq!(private.thumbprint(ThumbprintHash::Sha256), want);
    assert_eq!(
        private
            .to_public()
            .unwrap()
            .thumbprint(ThumbprintHash::Sha256),
        want
    );
    assert_eq!(want, v["jwk"]["kid"].as_str().unwrap());
}

#[test]
fn rfc9964_example_jws_verifies_with_the_example_public_key_and_one_flipped_bit_fails() {
    let v = rfc9964_ml_dsa_44();
    let mut public_jwk = v["jwk"].clone();
    public_jwk.as_object_mut().unwrap().remove("priv");
    let public = read_one(&public_jwk.to_string()).unwrap();
    assert!(!public.is_private());
    let token = v["jws"].as_str().unwrap();
    let (input, sig_b64) = token.rsplit_once('.').unwrap();
    let sig = b64::decode(sig_b64).unwrap();
    assert_eq!(sig.len(), MlDsa::L44.signature_len());
    let payload = b64::decode(input.split('.').nth(1).unwrap()).unwrap();
    assert_eq!(payload, v["payload"].as_str().unwrap().as_bytes());
    assert!(public
        .verify(Alg::ML_DSA_44, input.as_bytes(), &sig)
        .unwrap());
    for i in [0, sig.len() / 2, sig.len() - 1] {
        let mut bad = sig.clone();
        bad[i] ^= 1;
        assert!(
            !public
                .verify(Alg::ML_DSA_44, input.as_bytes(), &bad)
                .unwrap_or(false),
            "sig byte {i}"
        );
    }
    let mut bad_input = input.as_bytes().to_vec();
    bad_input[0] ^= 1;
    assert!(!public.verify(Alg::ML_DSA_44, &bad_input, &sig).unwrap());
}

#[test]
fn hostile_akp_jwks_are_refused_with_an_error() {
    let good = crate::keys::generate(Alg::ML_DSA_44, None, None)
        .unwrap()
        .to_json(true);
    for bad in [
        json!({"kty": "AKP", "pub": good["pub"]}),
        json!({"kty": "AKP", "alg": "ML-DSA-99", "pub": good["pub"]}),
        json!({"kty": "AKP", "alg": "ES256", "pub": good["pub"]}),
        json!({"kty": "AKP", "alg": 44, "pub": good["pub"]}),
        json!({"kty": "AKP", "alg": "ML-DSA-65", "pub": good["pub"]}),
        json!({"kty": "AKP", "alg": "ML-DSA-44"}),
        json!({"kty": "AKP", "alg": "ML-DSA-44", "pub": "AAAA"}),
        json!({"kty": "AKP", "alg": "ML-DSA-44", "pub": "!!"}),
        json!({"kty": "AKP", "alg": "ML-DSA-44", "pub": good["pub"], "priv": "AAAA"}),
        json!({"kty": "AKP", "alg": "ML-DSA-44", "pub": good["pub"], "priv": 1}),
    ] {
        assert!(read_one(&bad.to_string()).is_err(), "{bad}");
    }
}

mod props {
    //! The property-test stand-in for the `akp_jwk` fuzz target: AKP JWKs with any `alg`,
    //! `pub` and `priv` (random sizes and bytes, real sizes with flipped bits) are read or
    //! refused, never a panic; and a real key with a flipped bit in `pub` is always refused.
    use proptest::prelude::*;
    use serde_json::json;

    use super::*;

    fn member() -> impl Strategy<Value = Value> {
        prop_oneof![
            proptest::collection::vec(any::<u8>(), 0..80)
                .prop_map(|b| Value::from(b64::encode(&b))),
            (0usize..3, any::<u8>()).prop_map(|(i, b)| {
                let len = [1312, 1952, 2592][i];
                Value::from(b64::encode(&vec![b; len]))
            }),
            "[ -~]{0,40}".prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            Just(Value::Null),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn akp_jwk_parser_never_panics(
            alg in prop_oneof![Just("ML-DSA-44".to_owned()), Just("ML-DSA-87".to_owned()), "[ -~]{0,12}"],
            public in member(),
            private in proptest::option::of(member()),
        ) {
            let mut o = json!({"kty": "AKP", "alg": alg, "pub": public});
            if let Some(p) = private {
                o["priv"] = p;
            }
            let _ = read(o.to_string().as_bytes(), &ReadOptions::default());
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(8))]

        #[test]
        fn a_flipped_bit_in_pub_is_always_refused_for_a_private_key(
            seed in proptest::array::uniform32(any::<u8>()),
            at in any::<prop::sample::Index>(),
            bit in 0u8..8,
        ) {
            let k = AkpKey::from_seed(MlDsa::L44, Secret::new(seed.to_vec())).unwrap();
            let mut public = k.public.clone();
            let i = at.index(public.len());
            public[i] ^= 1 << bit;
            let o = json!({"kty": "AKP", "alg": "ML-DSA-44", "pub": b64::encode(&public),
                           "priv": b64::encode(&seed)});
            prop_assert!(read_one(&o.to_string()).is_err());
        }
    }
}
