//! The attack list of issue 10, "What bad input gets": every line is a negative verdict
//! with a reason, never a panic and never a plaintext.

use serde_json::{json, Map};

use super::*;
use crate::b64;

/// Rebuild a token with segment `i` replaced.
fn with_segment(t: &str, i: usize, new: &str) -> String {
    let mut p: Vec<String> = t.split('.').map(str::to_owned).collect();
    p[i] = new.to_owned();
    p.join(".")
}

/// Re-encode the protected header with a change (the tag then fails too, which is the point
/// for most checks; checks that come first must say their own reason).
fn with_header(t: &str, f: impl FnOnce(&mut Map<String, Value>)) -> String {
    let mut h = crate::jwe::protected_header(t).unwrap();
    f(&mut h);
    with_segment(t, 0, &b64::encode(&serde_json::to_vec(&h).unwrap()))
}

fn fails(t: &str, key: &JweKey, p: &Policy, want: &str) {
    let e = open(t, key, p).expect_err("must not decrypt");
    assert!(e.contains(want), "expected {want:?} in {e:?}");
}

#[test]
fn a_changed_byte_in_any_segment_fails() {
    for (alg, enc) in [
        (KeyAlg::A256Kw, Enc::A256Gcm),
        (KeyAlg::A128Kw, Enc::A128CbcHs256),
        (KeyAlg::EcdhEsA128Kw, Enc::A256CbcHs512),
    ] {
        let key = keys_for(alg, enc).remove(0);
        let t = seal(&key, alg, enc, b"secret payload");
        let segs: Vec<&str> = t.split('.').collect();
        for (i, s) in segs.iter().enumerate() {
            for pos in [0, s.len() / 2, s.len().saturating_sub(2)] {
                let mut b = s.as_bytes().to_vec();
                b[pos] = if b[pos] == b'A' { b'B' } else { b'A' };
                let bad = with_segment(&t, i, std::str::from_utf8(&b).unwrap());
                assert!(
                    open(&bad, &key, &Policy::default()).is_err(),
                    "{alg} seg {i} @{pos}"
                );
            }
        }
    }
}

#[test]
fn gcm_tag_must_be_exactly_16_bytes() {
    let key = oct(32);
    let t = seal(&key, KeyAlg::Dir, Enc::A256Gcm, b"x");
    let tag = b64::decode(t.split('.').nth(4).unwrap()).unwrap();
    fails(
        &with_segment(&t, 4, &b64::encode(&tag[..15])),
        &key,
        &Policy::default(),
        "16-byte tag",
    );
    let mut long = tag.clone();
    long.push(0);
    fails(
        &with_segment(&t, 4, &b64::encode(&long)),
        &key,
        &Policy::default(),
        "16-byte tag",
    );
}

#[test]
fn cbc_tag_must_be_half_the_mac() {
    let key = oct(64);
    let t = seal(&key, KeyAlg::Dir, Enc::A256CbcHs512, b"x");
    let tag = b64::decode(t.split('.').nth(4).unwrap()).unwrap();
    assert_eq!(tag.len(), 32);
    fails(
        &with_segment(&t, 4, &b64::encode(&tag[..16])),
        &key,
        &Policy::default(),
        "32-byte tag",
    );
    let mut full = tag.clone();
    full.extend_from_slice(&tag);
    fails(
        &with_segment(&t, 4, &b64::encode(&full)),
        &key,
        &Policy::default(),
        "32-byte tag",
    );
}

#[test]
fn iv_of_the_wrong_length_fails() {
    for (enc, short) in [(Enc::A128Gcm, 8usize), (Enc::A128CbcHs256, 12)] {
        let key = oct(enc.cek_len());
        let t = seal(&key, KeyAlg::Dir, enc, b"x");
        let bad = with_segment(&t, 2, &b64::encode(&vec![7u8; short]));
        fails(&bad, &key, &Policy::default(), "IV");
    }
}

#[test]
fn epk_off_the_curve_or_the_identity_or_another_curve_fails() {
    let key = ec_key(Curve::P256);
    let t = seal(&key, KeyAlg::EcdhEs, Enc::A128Gcm, b"x");
    let p = Policy::default();
    // A point not on P-256 (the invalid-curve attack): change y.
    let off = with_header(&t, |h| {
        let y = b64::decode(h["epk"]["y"].as_str().unwrap()).unwrap();
        let mut y2 = y.clone();
        y2[31] ^= 1;
        h["epk"]["y"] = b64::encode(&y2).into();
    });
    fails(&off, &key, &p, "not a point on the key's curve");
    // The identity has no affine coordinates; all zeros is not on the curve either.
    let zero = with_header(&t, |h| {
        h["epk"]["x"] = b64::encode(&[0u8; 32]).into();
        h["epk"]["y"] = b64::encode(&[0u8; 32]).into();
    });
    fails(&zero, &key, &p, "not a point on the key's curve");
    // A P-384 epk against a P-256 key.
    let other = with_header(&t, |h| {
        h["epk"] =
            json!({"kty":"EC","crv":"P-384","x":b64::encode(&[1u8;48]),"y":b64::encode(&[2u8;48])});
    });
    fails(&other, &key, &p, "the recipient's key is EC P-256");
    let missing = with_header(&t, |h| {
        h.remove("epk");
    });
    fails(&missing, &key, &p, "needs an \"epk\"");
}

#[test]
fn x25519_all_zero_shared_secret_is_refused() {
    // u = 0 and u = 1 are small-order points: the output is all zeros for any scalar.
    for u in [[0u8; 32], {
        let mut one = [0u8; 32];
        one[0] = 1;
        one
    }] {
        let e = crate::jwe::ecdh::x25519(&u, &[9u8; 32]).unwrap_err();
        assert!(e.contains("all zeros"), "{e}");
    }
}

#[test]
fn pbes2_p2c_over_the_bound_and_short_p2s_fail() {
    let key = pass();
    let t = seal(&key, KeyAlg::Pbes2Hs256A128Kw, Enc::A128Gcm, b"x");
    let p = Policy::default();
    let big = with_header(&t, |h| drop(h.insert("p2c".into(), 1_000_001.into())));
    fails(&big, &key, &p, "p2c 1000001 is outside");
    let tight = Policy {
        max_p2c: 999,
        ..Policy::default()
    };
    fails(&t, &key, &tight, "p2c 1000 is outside");
    let short = with_header(&t, |h| {
        drop(h.insert("p2s".into(), b64::encode(&[1u8; 7]).into()))
    });
    fails(&short, &key, &p, "p2s is 7 bytes");
    let zero = with_header(&t, |h| drop(h.insert("p2c".into(), 0.into())));
    fails(&zero, &key, &p, "p2c 0 is outside");
}

#[test]
fn a_decompression_bomb_stops_at_the_bound() {
    let key = oct(32);
    let o = EncryptOptions {
        zip: true,
        ..opts(KeyAlg::Dir, Enc::A256Gcm)
    };
    let t = encrypt(&key, &o, &vec![b'a'; 4 << 20]).unwrap();
    assert!(t.len() < 64 * 1024, "the bomb is small: {}", t.len());
    fails(
        &t,
        &key,
        &Policy::default(),
        "inflates to more than 1048576 bytes",
    );
    let big = Policy {
        max_plaintext: 8 << 20,
        ..Policy::default()
    };
    assert_eq!(open(&t, &key, &big).unwrap().len(), 4 << 20);
}

#[test]
fn alg_or_enc_not_allowed_fails() {
    let key = oct(16);
    let t = seal(&key, KeyAlg::A128Kw, Enc::A128Gcm, b"x");
    let p = Policy {
        algs: vec![KeyAlg::A128GcmKw],
        ..Policy::default()
    };
    fails(&t, &key, &p, "alg A128KW is not allowed");
    let p = Policy {
        encs: vec![Enc::A256Gcm],
        ..Policy::default()
    };
    fails(&t, &key, &p, "enc A128GCM is not allowed");
    // A key restricted by its own alg.
    let JweKey::Jwk(mut j) = oct(16) else {
        unreachable!()
    };
    j.alg = Some("A128GCMKW".into());
    fails(
        &t,
        &JweKey::Jwk(j),
        &Policy::default(),
        "restricted to alg \"A128GCMKW\"",
    );
}

#[test]
fn dir_with_a_key_of_the_wrong_size_fails() {
    let t = seal(&oct(32), KeyAlg::Dir, Enc::A256Gcm, b"x");
    fails(
        &t,
        &oct(16),
        &Policy::default(),
        "needs a 32-byte key, and this one is 16 bytes",
    );
}

#[test]
fn an_empty_oct_key_is_refused() {
    let t = seal(&oct(32), KeyAlg::Dir, Enc::A256Gcm, b"x");
    fails(&t, &oct(0), &Policy::default(), "the key is empty");
    assert!(encrypt(&oct(0), &EncryptOptions::default(), b"x").is_err());
}

#[test]
fn unknown_crit_fails() {
    let key = oct(32);
    let t = seal(&key, KeyAlg::Dir, Enc::A256Gcm, b"x");
    let bad = with_header(&t, |h| drop(h.insert("crit".into(), json!(["exp"]))));
    fails(&bad, &key, &Policy::default(), "crit");
}

#[test]
fn use_or_key_ops_that_forbid_decryption_fail() {
    let t = seal(&oct(16), KeyAlg::A128Kw, Enc::A128Gcm, b"x");
    let JweKey::Jwk(mut j) = oct(16) else {
        unreachable!()
    };
    j.use_ = Some("sig".into());
    fails(
        &t,
        &JweKey::Jwk(j.clone()),
        &Policy::default(),
        "use is \"sig\"",
    );
    j.use_ = None;
    j.key_ops = Some(vec!["encrypt".into(), "wrapKey".into()]);
    fails(&t, &JweKey::Jwk(j), &Policy::default(), "forbid decryption");
}

#[test]
fn a_jws_given_to_decrypt_says_what_to_run() {
    let f = decrypt(
        "eyJhbGciOiJIUzI1NiJ9.e30.c2ln",
        &[oct(32)],
        &Policy::default(),
    )
    .unwrap_err();
    assert!(f.reason.contains("this is a JWS"), "{f}");
    assert!(f.hint.unwrap().contains("jot verify"));
    let jws_alg = "eyJhbGciOiJIUzI1NiIsImVuYyI6IkEyNTZHQ00ifQ.AA.AA.AA.AA";
    let f = decrypt(jws_alg, &[oct(32)], &Policy::default()).unwrap_err();
    assert!(f.reason.contains("is a JWS algorithm"), "{f}");
}

#[test]
fn rsa1_5_needs_the_flag_and_gives_no_padding_oracle() {
    if cfg!(not(feature = "aws-lc")) {
        return;
    }
    let key = rsa_key();
    let t = seal(&key, KeyAlg::RsaOaep, Enc::A128CbcHs256, b"x");
    // Claim RSA1_5 over an OAEP-encrypted key: the padding is wrong for PKCS#1 v1.5.
    let bad = with_header(&t, |h| drop(h.insert("alg".into(), "RSA1_5".into())));
    fails(&bad, &key, &Policy::default(), "RSA1_5 is refused");
    let allow = Policy {
        allow_rsa1_5: true,
        ..Policy::default()
    };
    // Bad padding → a random CEK → the same tag failure as any changed byte.
    fails(&bad, &key, &allow, "authentication tag does not match");
    let garbage = with_segment(&bad, 1, &b64::encode(&[0x42u8; 256]));
    fails(&garbage, &key, &allow, "authentication tag does not match");
}

/// Without aws-lc jot decrypts no RSA. RSA1_5 turns every RSA failure into a random CEK
/// (RFC 7516 §11.5), which hid that as "the authentication tag does not match" on valid
/// tokens (Wycheproof json_web_encryption tcId 100-105, 112, 128); the build's limit is
/// no oracle and is named. With aws-lc the token decrypts.
#[test]
fn rsa1_5_in_a_build_without_rsa_decryption_names_the_build_not_the_tag() {
    let v: serde_json::Value =
        serde_json::from_str(include_str!("../vectors/rfc7516_rsa.json")).expect("vector JSON");
    let v = &v["rfc7516_a2"];
    let key = JweKey::Jwk(jwk(&v["jwk"]));
    let allow = Policy {
        allow_rsa1_5: true,
        ..Policy::default()
    };
    let out = open(v["jwe"].as_str().unwrap(), &key, &allow);
    if cfg!(feature = "aws-lc") {
        assert_eq!(out.unwrap(), v["plaintext"].as_str().unwrap().as_bytes());
    } else {
        let e = out.unwrap_err();
        assert!(e.contains("without the aws-lc feature"), "{e}");
        assert!(!e.contains("tag"), "{e}");
    }
}

#[test]
fn truncated_and_garbage_tokens_fail_cleanly() {
    let key = oct(32);
    for t in [
        "",
        ".",
        "....",
        "a.b.c.d.e",
        "eyJ9.AA.AA.AA.AA",
        "e30.AA.AA.AA.AA",
    ] {
        assert!(open(t, &key, &Policy::default()).is_err(), "{t:?}");
    }
}

#[test]
fn segments_are_strict_base64url_like_the_rest_of_jot() {
    for s in ["YQ==", "a+b/", "Y", "YR", "Y Q", "YQ\n"] {
        assert!(crate::jwe::segment(s).is_err(), "{s:?}");
        assert!(b64::decode(s).is_err(), "{s:?}");
    }
    assert_eq!(crate::jwe::segment("YQ").unwrap(), b"a");
}

proptest::proptest! {
    #[test]
    fn segment_decoder_agrees_with_the_strict_decoder(s in "[A-Za-z0-9_=+/-]{0,40}") {
        proptest::prop_assert_eq!(crate::jwe::segment(&s).ok(), b64::decode(&s).ok());
    }
}
