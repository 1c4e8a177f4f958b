//! Known answers from the RFCs: RFC 7638 thumbprints, RFC 7517 example keys and sets,
//! RFC 8037 Ed25519 keys, and the keys of the RFC 7515 and RFC 7520 examples.

use serde_json::Value;

use super::{all_vector_jwks, assert_same_members, read_jwk, vector};
use crate::keys::{read, thumbprint, Key, KeyInput, ReadOptions, ThumbprintHash};

#[test]
fn rfc7638_section_3_1_thumbprint() {
    let v = vector("rfc7638_3_1");
    let jwk = read_jwk(&v["jwk"]);
    assert_eq!(
        jwk.thumbprint(ThumbprintHash::Sha256),
        v["thumbprint_sha256"].as_str().expect("thumbprint string")
    );
    assert_eq!(
        jwk.thumbprint(ThumbprintHash::Sha256),
        "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"
    );
}

#[test]
fn rfc7638_canonical_form_has_only_required_members_in_order() {
    let v = vector("rfc7638_3_1");
    let jwk = read_jwk(&v["jwk"]);
    let n = v["jwk"]["n"].as_str().expect("n");
    // RFC 7638 §3.1 shows this exact string: e, kty, n; no alg or kid; no whitespace.
    assert_eq!(
        thumbprint::canonical(&jwk),
        format!(r#"{{"e":"AQAB","kty":"RSA","n":"{n}"}}"#)
    );
}

#[test]
fn rfc7517_a1_public_set_reads_and_writes_back() {
    let v = vector("rfc7517_a1");
    let keys = match read(v.to_string().as_bytes(), &ReadOptions::default()) {
        Ok(KeyInput::Set(keys)) => keys,
        other => panic!("A.1 is a JWKS: {other:?}"),
    };
    let inputs = v["keys"].as_array().expect("keys");
    assert_eq!(keys.len(), inputs.len());
    for (jwk, input) in keys.iter().zip(inputs) {
        assert!(!jwk.is_private());
        assert_same_members("A.1", input, &jwk.to_json(true), true);
        assert_same_members("A.1", input, &jwk.to_json(false), false);
    }
    assert_eq!(keys[0].kid.as_deref(), Some("1"));
    assert_eq!(keys[0].use_.as_deref(), Some("enc"));
    assert_eq!(keys[1].alg.as_deref(), Some("RS256"));
    assert_eq!(keys[1].describe(), "RSA 2048");
}

#[test]
fn rfc7517_a2_private_set_reads_writes_back_and_its_public_half_is_a1() {
    let private = vector("rfc7517_a2");
    let public = vector("rfc7517_a1");
    let pairs = private["keys"]
        .as_array()
        .expect("keys")
        .iter()
        .zip(public["keys"].as_array().expect("keys"));
    for (priv_in, pub_in) in pairs {
        let jwk = read_jwk(priv_in);
        assert!(jwk.is_private());
        assert_same_members("A.2 private", priv_in, &jwk.to_json(true), true);
        assert_same_members("A.2 public", priv_in, &jwk.to_json(false), false);
        let half = jwk.to_public().expect("asymmetric keys have a public half");
        assert_same_members("A.2 → A.1", pub_in, &half.to_json(true), true);
        assert_eq!(
            jwk.thumbprint(ThumbprintHash::Sha256),
            read_jwk(pub_in).thumbprint(ThumbprintHash::Sha256)
        );
    }
}

#[test]
fn rfc7517_a3_symmetric_keys_read_and_write_back() {
    let v = vector("rfc7517_a3");
    for input in v["keys"].as_array().expect("keys") {
        let jwk = read_jwk(input);
        assert!(matches!(jwk.key, Key::Oct(_)));
        assert_same_members("A.3", input, &jwk.to_json(true), true);
        assert!(
            jwk.to_json(false).get("k").is_none(),
            "k leaked into public JSON"
        );
    }
}

#[test]
fn rfc7517_b_key_keeps_its_certificate_chain() {
    let v = vector("rfc7517_b");
    let jwk = read_jwk(&v);
    assert_same_members("B", &v, &jwk.to_json(true), true);
    assert_eq!(jwk.x5c.as_ref().map(Vec::len), Some(1));
    assert_eq!(jwk.use_.as_deref(), Some("sig"));
    // The certificate's own public key is the JWK's n/e (checked by the vector collector);
    // reading the certificate alone must give the same key.
    let der = {
        use base64ct::Encoding;
        let c = v["x5c"][0].as_str().expect("x5c[0]");
        base64ct::Base64::decode_vec(c).expect("x5c is standard base64")
    };
    let from_cert = read(&der, &ReadOptions::default())
        .and_then(|k| k.select(None))
        .expect("the x5c certificate reads as a key");
    assert_eq!(
        from_cert.thumbprint(ThumbprintHash::Sha256),
        jwk.thumbprint(ThumbprintHash::Sha256)
    );
    assert_eq!(from_cert.x5c, jwk.x5c);
}

#[test]
fn rfc8037_a1_private_key_gives_a2_public_key_and_a3_thumbprint() {
    let v = vector("rfc8037_a");
    let private = read_jwk(&v["private_jwk"]);
    assert_same_members("A.1", &v["private_jwk"], &private.to_json(true), true);
    let public = private.to_public().expect("OKP has a public half");
    assert_eq!(public.to_json(true), v["public_jwk"]);
    assert_eq!(private.to_json(false), v["public_jwk"]);
    let want = v["thumbprint_sha256"].as_str().expect("thumbprint");
    assert_eq!(want, "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
    assert_eq!(private.thumbprint(ThumbprintHash::Sha256), want);
    assert_eq!(
        read_jwk(&v["public_jwk"]).thumbprint(ThumbprintHash::Sha256),
        want
    );
}

#[test]
fn rfc7515_and_rfc7520_example_keys_parse_and_write_back() {
    let mut seen = Vec::new();
    for (what, input) in all_vector_jwks() {
        let jwk = read_jwk(&input);
        let has_d = input.get("d").is_some() || input.get("k").is_some();
        assert_eq!(jwk.is_private(), has_d, "{what}");
        assert_same_members(&what, &input, &jwk.to_json(true), true);
        if jwk.kty() != "oct" {
            assert_same_members(&what, &input, &jwk.to_json(false), false);
        }
        seen.push(jwk.describe());
    }
    for kind in [
        "RSA 2048",
        "EC P-256",
        "EC P-521",
        "OKP Ed25519",
        "oct 512 bits",
    ] {
        assert!(
            seen.iter().any(|s| s == kind),
            "no {kind} among the vectors: {seen:?}"
        );
    }
}

#[test]
fn rfc7520_es512_key_is_the_section_3_2_p521_key() {
    let v = vector("rfc7520_4");
    let ex: &Value = v["examples"]
        .as_array()
        .expect("examples")
        .iter()
        .find(|e| e["alg"] == "ES512")
        .expect("the §4.3 example");
    let jwk = read_jwk(&ex["jwk"]);
    assert_eq!(jwk.kid.as_deref(), Some("bilbo.baggins@hobbiton.example"));
    assert_eq!(jwk.describe(), "EC P-521");
    assert_eq!(jwk.default_alg().name(), "ES512");
}
