//! Interoperability with the `jsonwebtoken` crate (RustCrypto backend), both ways, for every
//! algorithm it implements: HS*, RS*, PS*, ES256, ES384 and EdDSA. (ES512 and ES256K are
//! covered against PyJWT by the CLI tests.)

use std::str::FromStr;

use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde_json::{json, Value};

use super::{jot_sign, key_for, obj, policy};
use crate::alg::Alg;
use crate::keys::{Jwk, Key};
use crate::token::verify::{verify, Policy};

const ALGS: [Alg; 12] = [
    Alg::HS256,
    Alg::HS384,
    Alg::HS512,
    Alg::RS256,
    Alg::RS384,
    Alg::RS512,
    Alg::PS256,
    Alg::PS384,
    Alg::PS512,
    Alg::ES256,
    Alg::ES384,
    Alg::EdDSA,
];

/// jsonwebtoken checks exp against the system clock: a far-future exp passes both.
const NOW: i64 = 1_700_000_000;

fn claims() -> Value {
    json!({"iss": "https://issuer.example", "sub": "alice", "aud": "api",
           "iat": NOW, "exp": 4_000_000_000_i64, "scope": ["read", "write"], "n": 7})
}

fn their_alg(alg: Alg) -> Algorithm {
    Algorithm::from_str(alg.name()).expect("jsonwebtoken knows the alg")
}

fn member(k: &Jwk, name: &str) -> String {
    k.to_json(false)[name].as_str().expect("member").to_owned()
}

fn decoding_key(k: &Jwk) -> DecodingKey {
    match &k.key {
        Key::Oct(s) => Ok(DecodingKey::from_secret(s.expose())),
        Key::Rsa(_) => DecodingKey::from_rsa_components(&member(k, "n"), &member(k, "e")),
        Key::Ec(_) => DecodingKey::from_ec_components(&member(k, "x"), &member(k, "y")),
        Key::Okp(_) => DecodingKey::from_ed_components(&member(k, "x")),
        Key::X25519(_) | Key::Ed448(_) | Key::Akp(_) => {
            unreachable!("jsonwebtoken has no X25519, Ed448 or ML-DSA")
        }
    }
    .expect("jsonwebtoken accepts jot's public key")
}

fn encoding_key(k: &Jwk) -> EncodingKey {
    if let Key::Oct(s) = &k.key {
        return EncodingKey::from_secret(s.expose());
    }
    let pem = k.to_pem(true).expect("PKCS#8 PEM");
    match &k.key {
        Key::Rsa(_) => EncodingKey::from_rsa_pem(pem.as_bytes()),
        Key::Ec(_) => EncodingKey::from_ec_pem(pem.as_bytes()),
        _ => EncodingKey::from_ed_pem(pem.as_bytes()),
    }
    .expect("jsonwebtoken reads jot's PKCS#8 PEM")
}

fn verifier_key(k: &Jwk) -> Jwk {
    k.to_public().unwrap_or_else(|_| k.clone())
}

fn strict() -> Policy {
    Policy {
        iss: Some("https://issuer.example".into()),
        sub: Some("alice".into()),
        aud: vec!["api".into()],
        ..policy()
    }
}

#[test]
fn jot_tokens_verify_in_jsonwebtoken() {
    for alg in ALGS {
        let key = key_for(alg);
        let token = jot_sign(key, alg, &obj(claims()));
        let mut v = Validation::new(their_alg(alg));
        v.set_audience(&["api"]);
        v.set_issuer(&["https://issuer.example"]);
        let got = jsonwebtoken::decode::<Value>(&token, &decoding_key(key), &v)
            .unwrap_or_else(|e| panic!("{alg}: jsonwebtoken rejected jot's token: {e}"));
        assert_eq!(got.claims, claims(), "{alg}");
        assert_eq!(got.header.alg, their_alg(alg), "{alg}");
    }
}

#[test]
fn jsonwebtoken_tokens_verify_in_jot() {
    for alg in ALGS {
        let key = key_for(alg);
        let token =
            jsonwebtoken::encode(&Header::new(their_alg(alg)), &claims(), &encoding_key(key))
                .unwrap_or_else(|e| panic!("{alg}: jsonwebtoken cannot sign: {e}"));
        let v = verify(&token, &[verifier_key(key)], &strict(), NOW);
        assert!(v.valid, "{alg}: {:?}", v.reasons);
        assert_eq!(v.claims, Some(claims()), "{alg}");
        // Pinned to another alg of the same family, the same token is refused.
        let other = if alg == Alg::EdDSA {
            None
        } else {
            ALGS.iter()
                .find(|a| a.family() == alg.family() && **a != alg)
        };
        if let Some(o) = other {
            let p = Policy {
                algs: vec![*o],
                ..strict()
            };
            let v = verify(&token, &[verifier_key(key)], &p, NOW);
            assert!(
                v.reasons[0].contains("not allowed"),
                "{alg} pinned to {o}: {v:?}"
            );
        }
    }
}

#[test]
fn jsonwebtoken_tokens_from_another_key_fail_in_jot() {
    for alg in [Alg::HS256, Alg::ES256, Alg::EdDSA] {
        let signer = crate::keys::generate(alg, None, None).expect("generate");
        let token = jsonwebtoken::encode(
            &Header::new(their_alg(alg)),
            &claims(),
            &encoding_key(&signer),
        )
        .expect("sign");
        let v = verify(&token, &[verifier_key(key_for(alg))], &strict(), NOW);
        assert_eq!(
            v.reasons,
            vec!["signature does not verify".to_string()],
            "{alg}"
        );
    }
}
