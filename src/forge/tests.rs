//! Each forged attack has the shape it promises: the header carries what the attack puts
//! there, and the signature verifies under the attacker's key or the confused secret.

use serde_json::{json, Map, Value};

use super::*;
use crate::keys::{self, Key, KeyInput, ReadOptions};
use crate::token::{self, Parsed};

const NOW: i64 = 1_800_000_000;

fn jws(t: &str) -> Jws {
    match token::parse(t).expect("parses") {
        Parsed::Jws(j) => j,
        Parsed::Jwe { .. } => panic!("not a JWS"),
    }
}

/// An RS256 token of a fresh server key, that key, and its public PEM.
fn rs256() -> (String, Jwk, Vec<u8>) {
    let k = keys::generate(Alg::RS256, None, Some("srv".into())).unwrap();
    let h = crate::token::sign::header(Alg::RS256, Some("srv"), Map::new()).unwrap();
    let claims = json!({"sub": "alice", "iss": "https://issuer.example"});
    let t = crate::token::sign::sign(&k, Alg::RS256, &h, claims.as_object().unwrap()).unwrap();
    let pem = k
        .to_public()
        .unwrap()
        .to_pem(false)
        .unwrap()
        .as_bytes()
        .to_vec();
    (t, k, pem)
}

fn hs256(secret: &[u8]) -> String {
    let h = json!({"alg": "HS256", "typ": "JWT", "kid": "key1"});
    hmac_token(
        h.as_object().unwrap(),
        &b64::encode(br#"{"sub":"alice"}"#),
        Hash::Sha256,
        secret,
    )
}

fn public_input(pem: &[u8]) -> PublicKeyInput {
    let keys = keys::read(pem, &ReadOptions::default())
        .unwrap()
        .into_keys();
    PublicKeyInput {
        raw: pem.to_vec(),
        keys,
    }
}

fn inputs() -> Inputs {
    Inputs {
        now: NOW,
        ..Inputs::default()
    }
}

fn run(t: &str, name: &str, inputs: &Inputs) -> Forgery {
    forge(&jws(t), &[attack(name).unwrap()], inputs).unwrap()
}

/// The signature of `t` is an HMAC-`hash` under `key`.
fn hmac_ok(t: &str, key: &[u8]) -> bool {
    let j = jws(t);
    let alg = Alg::from_name(&j.alg().unwrap().to_ascii_uppercase()).unwrap();
    alg.hash().hmac(key, j.signing_input.as_bytes()) == j.signature
}

#[test]
fn none_has_four_spellings_with_and_without_the_original_signature() {
    let (t, _, _) = rs256();
    let f = run(&t, "none", &inputs());
    assert_eq!(f.tokens.len(), 8);
    let orig_sig = t.rsplit('.').next().unwrap();
    for (i, spelling) in ["none", "None", "NONE", "nOnE"].iter().enumerate() {
        let (empty, kept) = (&f.tokens[2 * i].token, &f.tokens[2 * i + 1].token);
        assert_eq!(jws(empty).alg(), Some(*spelling));
        assert!(empty.ends_with('.'));
        assert!(kept.ends_with(orig_sig));
        // The claims are the captured ones, byte for byte.
        assert_eq!(empty.split('.').nth(1), t.split('.').nth(1));
    }
}

#[test]
fn strip_keeps_header_and_claims_and_drops_the_signature() {
    let (t, _, _) = rs256();
    let f = run(&t, "strip", &inputs());
    let (head, _) = t.rsplit_once('.').unwrap();
    assert_eq!(f.tokens[0].token, format!("{head}."));
}

#[test]
fn null_key_verifies_under_the_empty_secret() {
    let (t, _, _) = rs256();
    let f = run(&t, "null-key", &inputs());
    let algs: Vec<_> = f
        .tokens
        .iter()
        .map(|x| jws(&x.token).alg().unwrap().to_owned())
        .collect();
    assert_eq!(algs, ["HS256", "HS384", "HS512"]);
    assert!(f.tokens.iter().all(|x| hmac_ok(&x.token, b"")));
}

#[test]
fn confusion_signs_with_every_serialization_of_the_public_key() {
    let (t, _, pem) = rs256();
    let inputs = Inputs {
        public_key: Some(public_input(&pem)),
        ..inputs()
    };
    let f = run(&t, "confusion", &inputs);
    let trimmed = pem.trim_ascii_end();
    let spki_der = pem_rfc7468::decode_vec(&pem).unwrap().1;
    let pkcs1 = {
        use pkcs1::EncodeRsaPublicKey;
        let KeyInput::Single(k) = keys::read(&pem, &ReadOptions::default()).unwrap() else {
            panic!()
        };
        let Key::Rsa(crate::keys::RsaKey::Public(p)) = k.key else {
            panic!()
        };
        p.to_pkcs1_pem(pkcs8::LineEnding::LF).unwrap()
    };
    for secret in [&pem[..], trimmed, &spki_der, pkcs1.as_bytes()] {
        let hits = f
            .tokens
            .iter()
            .filter(|x| hmac_ok(&x.token, secret))
            .count();
        assert_eq!(hits, 3, "one token per HS alg for each serialization");
    }
    // The kid is kept: a confused server looks the key up by it.
    assert!(f.tokens.iter().all(|x| jws(&x.token).kid() == Some("srv")));
    // SPKI PEM equals the PEM as given: sent once, not twice.
    let mut secrets: Vec<_> = f.tokens.iter().map(|x| x.token.clone()).collect();
    secrets.dedup();
    assert_eq!(secrets.len(), f.tokens.len());
}

#[test]
fn embedded_jwk_verifies_under_the_key_in_its_header() {
    let (t, _, _) = rs256();
    let f = run(&t, "embedded-jwk", &inputs());
    assert_eq!(f.tokens.len(), 2);
    for x in &f.tokens {
        let j = jws(&x.token);
        let jwk = j.header.get("jwk").expect("jwk header");
        assert!(jwk.get("d").is_none(), "no private member in the header");
        let KeyInput::Single(k) =
            keys::read(jwk.to_string().as_bytes(), &ReadOptions::default()).unwrap()
        else {
            panic!()
        };
        let alg = Alg::from_name(j.alg().unwrap()).unwrap();
        assert!(k
            .verify(alg, j.signing_input.as_bytes(), &j.signature)
            .unwrap());
        assert_eq!(j.kid(), k.kid.as_deref());
    }
}

#[test]
fn jku_points_at_the_url_and_the_hosted_jwks_verifies_it() {
    let (t, _, _) = rs256();
    let inputs = Inputs {
        jku_url: Some("http://127.0.0.1:9/jwks.json".into()),
        out_keys: true,
        ..inputs()
    };
    let f = run(&t, "jku", &inputs);
    assert_eq!(f.hosted.len(), 1);
    assert_eq!(f.hosted[0].file, "jwks.json");
    let KeyInput::Set(set) = keys::read(&f.hosted[0].contents, &ReadOptions::default()).unwrap()
    else {
        panic!("a JWKS")
    };
    assert!(set.iter().all(|k| !k.is_private()));
    for x in &f.tokens {
        let j = jws(&x.token);
        assert_eq!(j.header["jku"], "http://127.0.0.1:9/jwks.json");
        let k = set
            .iter()
            .find(|k| k.kid.as_deref() == j.kid())
            .expect("kid in the set");
        let alg = Alg::from_name(j.alg().unwrap()).unwrap();
        assert!(k
            .verify(alg, j.signing_input.as_bytes(), &j.signature)
            .unwrap());
    }
}

#[test]
fn x5u_hosts_a_certificate_that_verifies_the_token() {
    let (t, _, _) = rs256();
    let inputs = Inputs {
        x5u_url: Some("http://127.0.0.1:9/x5u.pem".into()),
        out_keys: true,
        ..inputs()
    };
    let f = run(&t, "x5u", &inputs);
    let cert = &f.hosted[0].contents;
    assert!(cert.starts_with(b"-----BEGIN CERTIFICATE-----"));
    let k = keys::read(cert, &ReadOptions::default())
        .unwrap()
        .select(None)
        .unwrap();
    let j = jws(&f.tokens[0].token);
    assert_eq!(j.header["x5u"], "http://127.0.0.1:9/x5u.pem");
    assert!(k
        .verify(Alg::RS256, j.signing_input.as_bytes(), &j.signature)
        .unwrap());
}

#[test]
fn kid_sqli_selects_the_literal_it_signs_with_and_cmdi_is_blind() {
    let f = run(&hs256(b"s3cret"), "kid-sqli", &inputs());
    assert!(f
        .tokens
        .iter()
        .all(|x| hmac_ok(&x.token, b"jot") && jws(&x.token).kid().unwrap().contains("UNION")));
    let c = run(&hs256(b"s3cret"), "kid-cmdi", &inputs());
    assert_eq!(c.tokens.len(), 4);
    assert!(c
        .tokens
        .iter()
        .all(|x| x.attack.blind && jws(&x.token).kid().unwrap().starts_with("key1")));
}

#[test]
fn psychic_is_r_s_zero_in_raw_and_der() {
    let k = keys::generate(Alg::ES384, None, None).unwrap();
    let h = crate::token::sign::header(Alg::ES384, None, Map::new()).unwrap();
    let t = crate::token::sign::sign(&k, Alg::ES384, &h, &Map::new()).unwrap();
    assert!(applicable(&jws(&t), &inputs())
        .iter()
        .any(|a| a.name == "psychic"));
    let f = run(&t, "psychic", &inputs());
    assert_eq!(f.tokens.len(), 2);
    assert_eq!(jws(&f.tokens[0].token).signature, vec![0u8; 96]);
    assert_eq!(
        jws(&f.tokens[1].token).signature,
        [0x30, 6, 2, 1, 0, 2, 1, 0]
    );
    // A correct verifier rejects both.
    for x in &f.tokens {
        let j = jws(&x.token);
        assert!(!k
            .verify(Alg::ES384, j.signing_input.as_bytes(), &j.signature)
            .unwrap());
    }
}

#[test]
fn tamper_keeps_the_signature_and_escalates_or_applies_claims() {
    let (t, _, _) = rs256();
    let f = run(&t, "tamper", &inputs());
    let j = jws(&f.tokens[0].token);
    let c = j.claims().unwrap();
    assert_eq!(
        (c["role"].clone(), c["admin"].clone(), c["exp"].clone()),
        (json!("admin"), json!(true), json!(NOW + 365 * 86_400))
    );
    assert_eq!(c["sub"], "alice");
    assert_eq!(f.tokens[0].token.rsplit('.').next(), t.rsplit('.').next());
    let mut given = inputs();
    given.claims.insert("sub".into(), json!("root"));
    let g = run(&t, "tamper", &given);
    let c = jws(&g.tokens[0].token).claims().unwrap().clone();
    assert_eq!((c["sub"].clone(), c.get("role")), (json!("root"), None));
}

#[test]
fn secret_attacks_verify_under_the_secret_and_carry_their_header() {
    let t = hs256(b"s3cret");
    let mut inp = inputs();
    inp.secret = Some(Secret::new(b"s3cret".to_vec()));
    let r = run(&t, "resign", &inp);
    assert!(hmac_ok(&r.tokens[0].token, b"s3cret"));
    assert_eq!(jws(&r.tokens[0].token).claims().unwrap()["role"], "admin");
    let typ = run(&t, "typ", &inp);
    let typs: Vec<Option<Value>> = typ
        .tokens
        .iter()
        .map(|x| jws(&x.token).header.get("typ").cloned())
        .collect();
    assert_eq!(
        typs,
        [
            None,
            Some(json!("at+jwt")),
            Some(json!("JWE")),
            Some(json!("none"))
        ]
    );
    let crit = run(&t, "crit", &inp);
    assert_eq!(
        jws(&crit.tokens[0].token).header["crit"],
        json!(["jot-unknown"])
    );
    assert!(hmac_ok(&crit.tokens[0].token, b"s3cret"));
    let b = run(&t, "b64", &inp);
    let tok = &b.tokens[0].token;
    assert_eq!(tok.split('.').nth(1), Some(r#"{"sub":"alice"}"#));
    let (input, sig) = tok.rsplit_once('.').unwrap();
    assert_eq!(
        b64::encode(&Hash::Sha256.hmac(b"s3cret", input.as_bytes())),
        sig
    );
    let case = run(&t, "alg-case", &inp);
    let algs: Vec<_> = case
        .tokens
        .iter()
        .map(|x| jws(&x.token).alg().unwrap().to_owned())
        .collect();
    assert_eq!(algs, ["hs256", "Hs256"]);
    assert!(case.tokens.iter().all(|x| hmac_ok(&x.token, b"s3cret")));
}

#[test]
fn defaults_follow_the_inputs_and_explicit_attacks_name_what_they_miss() {
    let (t, _, pem) = rs256();
    let names = |i: &Inputs| {
        applicable(&jws(&t), i)
            .iter()
            .map(|a| a.name)
            .collect::<Vec<_>>()
    };
    let bare = names(&inputs());
    for n in [
        "tamper",
        "none",
        "strip",
        "null-key",
        "embedded-jwk",
        "kid-traversal",
        "kid-sqli",
        "kid-cmdi",
        // Issue 19: psychic is also sent for RS/HS tokens (a server picking the verifier
        // by the token's alg); x5c needs nothing.
        "psychic",
        "x5c",
    ] {
        assert!(bare.contains(&n), "{n}");
    }
    for n in [
        "confusion",
        "resign",
        "jku",
        "x5u",
        "alg-case",
        "high-s",
        "jwe-confusion",
    ] {
        assert!(!bare.contains(&n), "{n}");
    }
    let with_key = names(&Inputs {
        public_key: Some(public_input(&pem)),
        ..inputs()
    });
    assert!(with_key.contains(&"confusion") && with_key.contains(&"alg-case"));
    let err = forge(&jws(&t), &[attack("jku").unwrap()], &inputs()).unwrap_err();
    assert!(err.to_string().contains("--jku-url"), "{err}");
}

mod sets;
