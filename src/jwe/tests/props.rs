//! Encrypt→decrypt round trips: every alg × enc pair with every key type it takes, and
//! random payloads (proptest) through a sample of pairs.

use proptest::prelude::*;

use super::*;

fn policy_for(alg: KeyAlg) -> Policy {
    Policy {
        allow_rsa1_5: alg == KeyAlg::Rsa1_5,
        ..Policy::default()
    }
}

#[test]
fn every_alg_enc_pair_round_trips() {
    for alg in KeyAlg::all().filter(|a| *a != KeyAlg::Rsa1_5) {
        if cfg!(not(feature = "aws-lc")) && matches!(alg.family(), KeyAlgFamily::Rsa(_)) {
            continue;
        }
        for enc in Enc::all() {
            for key in keys_for(alg, enc) {
                let pt = format!("{alg} with {enc}");
                let t = seal(&key, alg, enc, pt.as_bytes());
                let back =
                    open(&t, &key, &policy_for(alg)).unwrap_or_else(|e| panic!("{alg} {enc}: {e}"));
                assert_eq!(back, pt.as_bytes(), "{alg} {enc}");
            }
        }
    }
}

#[test]
fn rsa1_5_is_never_made() {
    let e = encrypt(&rsa_key(), &opts(KeyAlg::Rsa1_5, Enc::A128Gcm), b"x").unwrap_err();
    assert!(e.to_string().contains("RSA1_5 is refused"), "{e}");
}

#[test]
fn zip_round_trips_and_shrinks() {
    let key = oct(32);
    let pt = b"{\"claim\":\"repeat repeat repeat repeat repeat repeat\"}".repeat(20);
    let o = EncryptOptions {
        zip: true,
        ..opts(KeyAlg::Dir, Enc::A256Gcm)
    };
    let t = encrypt(&key, &o, &pt).unwrap();
    assert!(t.len() < pt.len(), "compressed");
    assert_eq!(open(&t, &key, &Policy::default()).unwrap(), pt);
}

#[test]
fn defaults_follow_the_key() {
    let cases: Vec<(JweKey, &str)> = vec![
        (rsa_key(), "RSA-OAEP-256"),
        (ec_key(Curve::P256), "ECDH-ES+A256KW"),
        (oct(32), "dir"),
        (oct(16), "A128KW"),
        (pass(), "PBES2-HS512+A256KW"),
    ];
    for (key, want) in cases {
        let o = EncryptOptions {
            p2c: 1000,
            ..EncryptOptions::default()
        };
        let t = encrypt(&key, &o, b"x").unwrap();
        let h = crate::jwe::protected_header(&t).unwrap();
        assert_eq!(h["alg"], want);
        assert_eq!(h["enc"], "A256GCM");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn random_payloads_round_trip(
        pt in proptest::collection::vec(any::<u8>(), 0..600),
        enc_i in 0usize..6,
        alg_i in 0usize..5,
        zip in any::<bool>(),
    ) {
        let enc = Enc::all().nth(enc_i).unwrap();
        let alg = [KeyAlg::Dir, KeyAlg::A128Kw, KeyAlg::A256GcmKw, KeyAlg::EcdhEs,
                   KeyAlg::EcdhEsA192Kw][alg_i];
        let key = keys_for(alg, enc).remove(0);
        let o = EncryptOptions { zip, ..opts(alg, enc) };
        let t = encrypt(&key, &o, &pt).unwrap();
        prop_assert_eq!(open(&t, &key, &Policy::default()).unwrap(), pt);
    }

    #[test]
    fn parser_never_panics(s in "[A-Za-z0-9_.-]{0,300}") {
        let _ = decrypt(&s, &[oct(32)], &Policy::default());
    }
}
