//! forge over key sets: what confusion forges from each key of a JWKS.

use super::*;

#[test]
fn confusion_from_an_ec_jwks_names_each_key_and_skips_pkcs1() {
    let a = keys::generate(Alg::ES256, None, Some("a".into())).unwrap();
    let b = keys::generate(Alg::ES384, None, Some("b".into())).unwrap();
    let set = keys::to_jwks(&[a.to_public().unwrap(), b.to_public().unwrap()], false).to_string();
    let h = crate::token::sign::header(Alg::ES256, Some("a"), Map::new()).unwrap();
    let t = crate::token::sign::sign(&a, Alg::ES256, &h, &Map::new()).unwrap();
    let inputs = Inputs {
        public_key: Some(public_input(set.as_bytes())),
        ..inputs()
    };
    let f = run(&t, "confusion", &inputs);
    assert!(
        f.tokens.iter().any(|x| x.variant.contains("kid=b")),
        "each key of the set is tried"
    );
    assert!(
        !f.tokens.iter().any(|x| x.variant.contains("PKCS#1")),
        "PKCS#1 is RSA only"
    );
    let pem = a.to_public().unwrap().to_pem(false).unwrap();
    assert!(f.tokens.iter().any(|x| hmac_ok(&x.token, pem.as_bytes())));
    // An EC key in the inputs makes psychic apply whatever the token's alg.
    let hs = hs256(b"k");
    assert!(applicable(&jws(&hs), &inputs)
        .iter()
        .any(|x| x.name == "psychic"));
}
