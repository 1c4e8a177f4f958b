//! Known answers: the compact JWE examples of RFC 7520 §5 (5.1-5.9) and the complete
//! RFC 7516 A.1/A.2 tokens with the appendix's RSA keys. Each token is decrypted with the
//! RFC's key and must give the RFC's plaintext; the vectors are in vectors/rfc7520.json
//! and vectors/rfc7516_rsa.json (sources in vectors/SOURCES.md).

use serde_json::Value;

use super::*;

fn vectors() -> Value {
    let mut v: Value =
        serde_json::from_str(include_str!("../vectors/rfc7520.json")).expect("vector JSON");
    let rsa: Value =
        serde_json::from_str(include_str!("../vectors/rfc7516_rsa.json")).expect("vector JSON");
    v.as_object_mut()
        .unwrap()
        .extend(rsa.as_object().unwrap().clone());
    v
}

/// Decrypt example `name` with its key (or passphrase) under `policy`; assert the plaintext.
fn known_answer(name: &str, policy: &Policy) {
    let v = &vectors()[name];
    let key = match v["passphrase"].as_str() {
        Some(p) => JweKey::Passphrase(Secret::new(p.as_bytes().to_vec())),
        None => JweKey::Jwk(jwk(&v["jwk"])),
    };
    let pt =
        open(v["jwe"].as_str().unwrap(), &key, policy).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(
        String::from_utf8(pt).unwrap(),
        v["plaintext"].as_str().unwrap(),
        "{name}"
    );
}

#[cfg(feature = "aws-lc")]
fn rsa1_5_allowed() -> Policy {
    Policy {
        allow_rsa1_5: true,
        ..Policy::default()
    }
}

#[cfg(feature = "aws-lc")] // RSA decryption is aws-lc only
#[test]
fn rfc7520_5_1_rsa1_5_a128cbc_hs256_decrypts_with_allow_rsa1_5() {
    known_answer("rfc7520_5_1", &rsa1_5_allowed());
    // Without the opt-in the same token is refused.
    let v = &vectors()["rfc7520_5_1"];
    let key = JweKey::Jwk(jwk(&v["jwk"]));
    assert!(open(v["jwe"].as_str().unwrap(), &key, &Policy::default()).is_err());
}

#[cfg(feature = "aws-lc")] // RSA decryption is aws-lc only
#[test]
fn rfc7520_5_2_rsa_oaep_a256gcm() {
    known_answer("rfc7520_5_2", &Policy::default());
}

#[test]
fn rfc7520_5_3_pbes2_hs512_a256kw_a128cbc_hs256() {
    known_answer("rfc7520_5_3", &Policy::default());
}

#[test]
fn rfc7520_5_4_ecdh_es_a128kw_a128gcm() {
    known_answer("rfc7520_5_4", &Policy::default());
}

#[test]
fn rfc7520_5_5_ecdh_es_a128cbc_hs256() {
    known_answer("rfc7520_5_5", &Policy::default());
}

#[test]
fn rfc7520_5_6_dir_a128gcm() {
    known_answer("rfc7520_5_6", &Policy::default());
}

#[test]
fn rfc7520_5_7_a256gcmkw_a128cbc_hs256() {
    known_answer("rfc7520_5_7", &Policy::default());
}

#[test]
fn rfc7520_5_8_a128kw_a128gcm() {
    known_answer("rfc7520_5_8", &Policy::default());
}

#[test]
fn rfc7520_5_9_compressed_content_zip_def() {
    known_answer("rfc7520_5_9", &Policy::default());
}

#[cfg(feature = "aws-lc")] // RSA decryption is aws-lc only
#[test]
fn rfc7516_a1_rsa_oaep_a256gcm_complete() {
    known_answer("rfc7516_a1", &Policy::default());
}

#[cfg(feature = "aws-lc")] // RSA decryption is aws-lc only
#[test]
fn rfc7516_a2_rsa1_5_a128cbc_hs256_complete() {
    known_answer("rfc7516_a2", &rsa1_5_allowed());
}

/// Every §5 example gives its CEK (§5.x.2, or the derived key of 5.5, or the key itself in
/// 5.6): under it jot's content layer opens the token and re-encrypts, with the RFC's IV,
/// to the RFC's ciphertext and tag (5.9 compares the compressed plaintext's encryption).
#[test]
fn rfc7520_5_content_layer_reproduces_ciphertext_and_tag_under_the_given_cek() {
    let all = vectors();
    let mut seen = 0;
    for (name, v) in all.as_object().unwrap() {
        let Some(cek) = v["cek"].as_str() else {
            continue;
        };
        seen += 1;
        let cek = crate::b64::decode(cek).unwrap();
        let jwe = crate::jwe::parse(v["jwe"].as_str().unwrap(), usize::MAX).unwrap();
        let enc = Enc::from_name(jwe.header_str("enc").unwrap()).unwrap();
        let aad = jwe.protected.as_bytes();
        let pt = crate::jwe::content::decrypt(enc, &cek, &jwe.iv, aad, &jwe.ciphertext, &jwe.tag)
            .unwrap_or_else(|e| panic!("{name}: {e:?}"));
        if jwe.header_str("zip").is_none() {
            assert_eq!(
                pt.as_slice(),
                v["plaintext"].as_str().unwrap().as_bytes(),
                "{name}"
            );
        }
        let (ct, tag) = crate::jwe::content::encrypt(enc, &cek, &jwe.iv, aad, &pt).unwrap();
        assert_eq!(
            (ct, tag),
            (jwe.ciphertext.clone(), jwe.tag.clone()),
            "{name}"
        );
    }
    assert_eq!(seen, 9, "5.1-5.9 each carry a CEK");
}

/// Regression for the 5.6 fix: a `dir` key whose alg names one enc opens only that enc.
#[test]
fn dir_key_named_for_one_enc_refuses_another() {
    let raw: Vec<u8> = (0..32u8).collect();
    let plain = JweKey::Jwk(Jwk::new(Key::Oct(Secret::new(raw.clone()))));
    let mut named = Jwk::new(Key::Oct(Secret::new(raw)));
    named.alg = Some("A256GCM".into());
    let named = JweKey::Jwk(named);
    let gcm = seal(&plain, KeyAlg::Dir, Enc::A256Gcm, b"gcm");
    assert_eq!(open(&gcm, &named, &Policy::default()).unwrap(), b"gcm");
    let cbc = seal(&plain, KeyAlg::Dir, Enc::A128CbcHs256, b"cbc");
    let err = open(&cbc, &named, &Policy::default()).unwrap_err();
    assert!(err.contains("restricted"), "{err}");
}
