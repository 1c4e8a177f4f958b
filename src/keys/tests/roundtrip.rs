//! Round trips: every published and generated key through PEM and back, and through its
//! JWK JSON and back, is the same key; public forms never carry private members.

use serde_json::Value;

use super::{all_vector_jwks, read_jwk};
use crate::alg::Alg;
use crate::keys::{generate, read, Jwk, ReadOptions, ThumbprintHash, PRIVATE_MEMBERS};

/// The key members only (PEM carries no kid, alg, use, key_ops or certificate).
fn key_members(jwk: &Jwk, private: bool) -> Value {
    let mut v = jwk.to_json(private);
    let o = v.as_object_mut().expect("object");
    for meta in ["kid", "alg", "use", "key_ops", "x5c", "x5t#S256"] {
        o.remove(meta);
    }
    v
}

fn reread(bytes: &[u8]) -> Jwk {
    read(bytes, &ReadOptions::default())
        .and_then(|k| k.select(None))
        .unwrap_or_else(|e| panic!("cannot read back {}: {e}", String::from_utf8_lossy(bytes)))
}

/// PEM → key → PEM gives the same text, and the key members survive both directions.
fn assert_pem_round_trip(what: &str, jwk: &Jwk) {
    for private in [true, false] {
        if !private && !jwk.is_private() {
            continue;
        }
        let pem = jwk
            .to_pem(private)
            .expect("asymmetric keys have a PEM form");
        let back = reread(pem.as_bytes());
        assert_eq!(back.is_private(), private && jwk.is_private(), "{what}");
        assert_eq!(
            key_members(&back, true),
            key_members(jwk, private),
            "{what}: PEM (private={private}) round trip changed the key"
        );
        assert_eq!(
            *back.to_pem(private).expect("PEM again"),
            *pem,
            "{what}: PEM → key → PEM is not stable"
        );
    }
}

/// JWK JSON → key → JWK JSON is the identity, metadata included.
fn assert_jwk_round_trip(what: &str, jwk: &Jwk) {
    for private in [true, false] {
        let json = jwk.to_json(private);
        if !private || jwk.kty() == "oct" {
            for m in PRIVATE_MEMBERS {
                if !private {
                    assert!(json.get(*m).is_none(), "{what}: public JSON has {m:?}");
                }
            }
        }
        if !private && jwk.kty() == "oct" {
            continue; // a public oct JWK has no key at all; reading it must fail.
        }
        let back = read_jwk(&json);
        assert_eq!(
            back.to_json(private),
            json,
            "{what}: JWK round trip (private={private})"
        );
    }
}

#[test]
fn every_vector_key_round_trips_through_jwk_and_pem() {
    for (what, input) in all_vector_jwks() {
        let jwk = read_jwk(&input);
        assert_jwk_round_trip(&what, &jwk);
        if jwk.kty() == "oct" {
            assert!(
                jwk.to_pem(true).is_err(),
                "{what}: an oct key has no PEM form"
            );
            assert!(
                jwk.to_public().is_err(),
                "{what}: an oct key has no public half"
            );
        } else {
            assert_pem_round_trip(&what, &jwk);
        }
    }
}

#[test]
fn generated_keys_of_every_family_round_trip() {
    let algs = [
        "HS256", "HS384", "HS512", "RS256", "ES256", "ES384", "ES512", "ES256K", "EdDSA",
    ];
    for name in algs {
        let alg = Alg::from_name(name).expect("known alg");
        let jwk = generate(alg, None, None).expect("keygen");
        assert_eq!(jwk.alg.as_deref(), Some(name));
        assert_eq!(
            jwk.kid,
            Some(jwk.thumbprint(ThumbprintHash::Sha256)),
            "{name}: kid"
        );
        assert!(jwk.is_private());
        assert_jwk_round_trip(name, &jwk);
        if jwk.kty() != "oct" {
            assert_pem_round_trip(name, &jwk);
            let public = jwk.to_public().expect("public half");
            assert!(!public.is_private());
            assert_eq!(
                public.thumbprint(ThumbprintHash::Sha256),
                jwk.thumbprint(ThumbprintHash::Sha256),
                "{name}: the public half has another thumbprint"
            );
        }
    }
}

#[test]
fn hmac_keygen_is_as_long_as_the_hash_output() {
    for (name, bytes) in [("HS256", 32), ("HS384", 48), ("HS512", 64)] {
        let jwk = generate(Alg::from_name(name).expect("alg"), None, None).expect("keygen");
        assert_eq!(jwk.describe(), format!("oct {} bits", bytes * 8));
    }
}

#[test]
fn keygen_refuses_bits_off_the_list_and_bits_for_non_rsa() {
    let rs = Alg::from_name("RS256").expect("alg");
    assert!(generate(rs, Some(1024), None).is_err());
    assert!(generate(rs, Some(2047), None).is_err());
    assert!(generate(Alg::from_name("ES256").expect("alg"), Some(2048), None).is_err());
}

#[test]
fn keygen_uses_a_given_kid() {
    let jwk = generate(
        Alg::from_name("EdDSA").expect("alg"),
        None,
        Some("k1".into()),
    )
    .expect("keygen");
    assert_eq!(jwk.kid.as_deref(), Some("k1"));
}

#[test]
fn debug_output_of_private_keys_shows_no_secret_bytes() {
    for (what, input) in all_vector_jwks() {
        let jwk = read_jwk(&input);
        let dbg = format!("{jwk:?}");
        for m in ["d", "k"] {
            if let Some(secret) = input.get(m).and_then(Value::as_str) {
                let bytes = crate::b64::decode(secret).expect("vector members decode");
                assert!(
                    !dbg.contains(secret),
                    "{what}: Debug shows {m} in base64url"
                );
                let dec = format!("{:?}", &bytes[..8]);
                assert!(
                    !dbg.contains(&dec[1..dec.len() - 1]),
                    "{what}: Debug shows {m} bytes"
                );
            }
        }
    }
}

#[test]
fn ed25519_private_pem_is_pkcs8_v1_without_the_public_key() {
    // OpenSSL 3.0 and pyca/cryptography refuse the v2 form (RFC 5958 with [1] publicKey);
    // RFC 8410 §10.3 shows the v1 form: this prefix, then the 32-byte seed.
    let v = super::vector("rfc8037_a");
    let jwk = read_jwk(&v["private_jwk"]);
    let pem = jwk.to_pem(true).expect("PEM");
    let (label, der) = pem_rfc7468::decode_vec(pem.as_bytes()).expect("PEM decodes");
    assert_eq!(label, "PRIVATE KEY");
    let prefix = [
        0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04,
        0x20,
    ];
    assert_eq!(der[..16], prefix);
    let d = crate::b64::decode(v["private_jwk"]["d"].as_str().expect("d")).expect("d decodes");
    assert_eq!(der[16..], d[..]);
}
