//! Ed448 through jot's key entry points: RFC 8032 §7.4 known answers (JWK read, sign,
//! verify), PEM round trips, and the curve separation of RFC 9864's names.

use serde_json::json;

use crate::alg::Alg;
use crate::b64;
use crate::keys::{read, Jwk, Key, KeyInput, ReadOptions};

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex"))
        .collect()
}

/// RFC 8032 §7.4, the pure Ed448 vectors without a context (the only ones JWS uses):
/// "-----blank", "-----1 octet" and "-----256 octets": (secret, public, message, signature).
const RFC8032_7_4: [(&str, &str, &str, &str); 3] = [
    (
        "6c82a562cb808d10d632be89c8513ebf6c929f34ddfa8c9f63c9960ef6e348a3528c8a3fcc2f044e39a3fc5b94492f8f032e7549a20098f95b",
        "5fd7449b59b461fd2ce787ec616ad46a1da1342485a70e1f8a0ea75d80e96778edf124769b46c7061bd6783df1e50f6cd1fa1abeafe8256180",
        "",
        "533a37f6bbe457251f023c0d88f976ae2dfb504a843e34d2074fd823d41a591f2b233f034f628281f2fd7a22ddd47d7828c59bd0a21bfd3980ff0d2028d4b18a9df63e006c5d1c2d345b925d8dc00b4104852db99ac5c7cdda8530a113a0f4dbb61149f05a7363268c71d95808ff2e652600",
    ),
    (
        "c4eab05d357007c632f3dbb48489924d552b08fe0c353a0d4a1f00acda2c463afbea67c5e8d2877c5e3bc397a659949ef8021e954e0a12274e",
        "43ba28f430cdff456ae531545f7ecd0ac834a55d9358c0372bfa0c6c6798c0866aea01eb00742802b8438ea4cb82169c235160627b4c3a9480",
        "03",
        "26b8f91727bd62897af15e41eb43c377efb9c610d48f2335cb0bd0087810f4352541b143c4b981b7e18f62de8ccdf633fc1bf037ab7cd779805e0dbcc0aae1cbcee1afb2e027df36bc04dcecbf154336c19f0af7e0a6472905e799f1953d2a0ff3348ab21aa4adafd1d234441cf807c03a00",
    ),
    (
        "2ec5fe3c17045abdb136a5e6a913e32ab75ae68b53d2fc149b77e504132d37569b7e766ba74a19bd6162343a21c8590aa9cebca9014c636df5",
        "79756f014dcfe2079f5dd9e718be4171e2ef2486a08f25186f6bff43a9936b9bfe12402b08ae65798a3d81e22e9ec80e7690862ef3d4ed3a00",
        "15777532b0bdd0d1389f636c5f6b9ba734c90af572877e2d272dd078aa1e567cfa80e12928bb542330e8409f3174504107ecd5efac61ae7504dabe2a602ede89e5cca6257a7c77e27a702b3ae39fc769fc54f2395ae6a1178cab4738e543072fc1c177fe71e92e25bf03e4ecb72f47b64d0465aaea4c7fad372536c8ba516a6039c3c2a39f0e4d832be432dfa9a706a6e5c7e19f397964ca4258002f7c0541b590316dbc5622b6b2a6fe7a4abffd96105eca76ea7b98816af0748c10df048ce012d901015a51f189f3888145c03650aa23ce894c3bd889e030d565071c59f409a9981b51878fd6fc110624dcbcde0bf7a69ccce38fabdf86f3bef6044819de11",
        "c650ddbb0601c19ca11439e1640dd931f43c518ea5bea70d3dcde5f4191fe53f00cf966546b72bcc7d58be2b9badef28743954e3a44a23f880e8d4f1cfce2d7a61452d26da05896f0a50da66a239a8a188b6d825b3305ad77b73fbac0836ecc60987fd08527c1a8e80d5823e65cafe2a3d00",
    ),
];

fn read_one(text: &str) -> Jwk {
    match read(text.as_bytes(), &ReadOptions::default()) {
        Ok(KeyInput::Single(k)) => k,
        other => panic!("one key expected: {other:?}"),
    }
}

#[test]
fn rfc8032_7_4_known_answers_sign_and_verify_through_jwk() {
    for (d, x, m, sig) in RFC8032_7_4 {
        let (msg, sig) = (unhex(m), unhex(sig));
        let jwk = json!({"kty": "OKP", "crv": "Ed448", "x": b64::encode(&unhex(x)),
                         "d": b64::encode(&unhex(d))});
        let private = read_one(&jwk.to_string());
        assert!(matches!(private.key, Key::Ed448(_)));
        assert_eq!(private.default_alg(), Alg::Ed448);
        assert_eq!(
            private.sign(Alg::Ed448, &msg).unwrap(),
            sig,
            "signature of {m:?}"
        );
        assert_eq!(private.sign(Alg::EdDSA, &msg).unwrap(), sig);
        let public = private.to_public().unwrap();
        assert!(public.verify(Alg::Ed448, &msg, &sig).unwrap());
        assert!(public.verify(Alg::EdDSA, &msg, &sig).unwrap());
        let mut bad = sig.clone();
        bad[10] ^= 1;
        assert!(!public.verify(Alg::Ed448, &msg, &bad).unwrap());
        assert!(!public.verify(Alg::Ed448, &msg, &sig[1..]).unwrap());
    }
}

/// RFC 8032 §7.4 "-----1 octet (with context)": a signature made with context "foo" does
/// not verify as JWS Ed448, which signs with the empty context.
#[test]
fn a_signature_with_a_context_does_not_verify_as_jws_ed448() {
    let (_, x, m, _) = RFC8032_7_4[1];
    let ctx_sig = unhex("d4f8f6131770dd46f40867d6fd5d5055de43541f8c5e35abbcd001b32a89f7d2151f7647f11d8ca2ae279fb842d607217fce6e042f6815ea000c85741de5c8da1144a6a1aba7f96de42505d7a7298524fda538fccbbb754f578c1cad10d54d0d5428407e85dcbc98a49155c13764e66c3c00");
    let public =
        read_one(&json!({"kty": "OKP", "crv": "Ed448", "x": b64::encode(&unhex(x))}).to_string());
    assert!(!public.verify(Alg::Ed448, &unhex(m), &ctx_sig).unwrap());
}

#[test]
fn ed448_private_key_whose_d_is_another_keys_is_refused() {
    let (d, _, _, _) = RFC8032_7_4[0];
    let (_, x, _, _) = RFC8032_7_4[1];
    let jwk = json!({"kty": "OKP", "crv": "Ed448", "x": b64::encode(&unhex(x)),
                     "d": b64::encode(&unhex(d))});
    let err = read(jwk.to_string().as_bytes(), &ReadOptions::default()).unwrap_err();
    assert!(err.to_string().contains("does not match"), "{err}");
}

#[test]
fn ed448_keys_round_trip_through_pkcs8_and_spki_pem() {
    let key = crate::keys::generate(Alg::Ed448, None, None).unwrap();
    let pem = key.to_pem(true).unwrap();
    assert!(pem.starts_with("-----BEGIN PRIVATE KEY-----"));
    let back = read_one(&pem);
    assert_eq!(back.to_json(true)["d"], key.to_json(true)["d"]);
    let spki = key.to_pem(false).unwrap();
    assert!(spki.starts_with("-----BEGIN PUBLIC KEY-----"));
    let public = read_one(&spki);
    assert!(!public.is_private());
    let sig = key.sign(Alg::Ed448, b"m").unwrap();
    assert!(public.verify(Alg::Ed448, b"m", &sig).unwrap());
}

/// RFC 9864: a key whose alg is Ed25519 never verifies an Ed448 token, nor the reverse;
/// `EdDSA` stays accepted for either curve.
#[test]
fn ed25519_and_ed448_names_never_cross_curves() {
    let ed448 = crate::keys::generate(Alg::Ed448, None, None).unwrap();
    let ed25519 = crate::keys::generate(Alg::Ed25519, None, None).unwrap();
    assert_eq!(ed448.alg.as_deref(), Some("Ed448"));
    assert_eq!(ed25519.alg.as_deref(), Some("Ed25519"));
    let s448 = ed448.sign(Alg::Ed448, b"m").unwrap();
    let s25519 = ed25519.sign(Alg::Ed25519, b"m").unwrap();
    assert!(ed448.verify(Alg::Ed25519, b"m", &s448).is_err());
    assert!(ed25519.verify(Alg::Ed448, b"m", &s25519).is_err());
    assert!(ed448.sign(Alg::Ed25519, b"m").is_err());
    assert!(ed25519.sign(Alg::Ed448, b"m").is_err());
    // The same key without an alg member: the curve still decides.
    let mut bare = ed25519.clone();
    bare.alg = None;
    assert!(bare.check_alg(Alg::Ed448).is_err());
    assert_eq!(bare.default_alg(), Alg::EdDSA);
    assert!(ed448.verify(Alg::EdDSA, b"m", &s448).unwrap());
    assert!(ed25519.verify(Alg::EdDSA, b"m", &s25519).unwrap());
}
