//! The JWE JSON serializations: RFC 7516 A.4 (general, RSA1_5 + A128KW) and A.5
//! (flattened), RFC 7520 §5.10 (aad), §5.11 (shared unprotected header), §5.12 (no
//! protected header) in both forms and §5.13 (three recipients) decrypt with the RFC's
//! keys to the RFC's plaintext (vectors/rfc_json.json, each checked with jwcrypto);
//! multi-recipient output round-trips; malformed documents are refused with a reason.

use proptest::prelude::*;
use serde_json::{json, Value};

use super::*;
use crate::jwe::json_ser::{decrypt as decrypt_json, encrypt as encrypt_json, parse_object};
use crate::token::json_ser::{object, Serialization};

fn vectors() -> Value {
    serde_json::from_str(include_str!("../vectors/rfc_json.json")).expect("vector JSON")
}

fn rsa1_5() -> Policy {
    Policy {
        allow_rsa1_5: true,
        ..Policy::default()
    }
}

/// Decrypt vector `name` with each of its keys alone; the recipient that decrypted must
/// be the one whose kid names the key.
fn known_answer(name: &str, p: &Policy) {
    let v = &vectors()[name];
    let text = v["json"].as_str().unwrap();
    let j = parse_object(&object(text).unwrap()).unwrap();
    for k in v["jwks"].as_array().unwrap() {
        let key = jwk(k);
        if cfg!(not(feature = "aws-lc")) && matches!(key.key, Key::Rsa(_)) {
            continue; // RSA decryption is aws-lc only
        }
        let kid = key.kid.clone();
        let (i, d) = decrypt_json(text, &[JweKey::Jwk(key)], p)
            .unwrap_or_else(|e| panic!("{name} {kid:?}: {e}"));
        assert_eq!(
            std::str::from_utf8(&d.plaintext).unwrap(),
            v["plaintext"].as_str().unwrap(),
            "{name}"
        );
        assert_eq!(
            j.header_for(i).get("kid").and_then(Value::as_str),
            kid.as_deref()
        );
        // The same token through the one decrypt entry point.
        let key = JweKey::Jwk(jwk(k));
        assert!(decrypt(text, &[key], p).is_ok(), "{name}");
    }
    // One changed ciphertext byte: no key decrypts it.
    let mut bad: Value = serde_json::from_str(text).unwrap();
    let ct = bad["ciphertext"].as_str().unwrap().to_owned();
    let first = if ct.starts_with('A') { "B" } else { "A" };
    bad["ciphertext"] = format!("{first}{}", &ct[1..]).into();
    let keys: Vec<JweKey> = v["jwks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| JweKey::Jwk(jwk(k)))
        .collect();
    assert!(
        decrypt(&bad.to_string(), &keys, p).is_err(),
        "{name}: tampered"
    );
}

#[test]
fn rfc7516_a4_general_two_recipients() {
    known_answer("rfc7516_a4", &rsa1_5());
}

#[test]
fn rfc7516_a5_flattened() {
    known_answer("rfc7516_a5", &Policy::default());
}

#[test]
fn rfc7520_5_10_to_5_12_both_forms() {
    for sec in ["5_10", "5_11", "5_12"] {
        for form in ["general", "flattened"] {
            known_answer(&format!("rfc7520_{sec}_{form}"), &Policy::default());
        }
    }
    // §5.10's aad is authenticated: changing it breaks the tag.
    let v = &vectors()["rfc7520_5_10_general"];
    let mut t: Value = serde_json::from_str(v["json"].as_str().unwrap()).unwrap();
    t["aad"] = "AAAA".into();
    let key = JweKey::Jwk(jwk(&v["jwks"][0]));
    assert!(decrypt(&t.to_string(), &[key], &Policy::default()).is_err());
}

#[test]
fn rfc7520_5_13_three_recipients() {
    known_answer("rfc7520_5_13", &rsa1_5());
}

#[test]
fn zip_or_crit_outside_the_protected_header_is_refused() {
    let v = &vectors()["rfc7520_5_11_general"];
    let mut t: Value = serde_json::from_str(v["json"].as_str().unwrap()).unwrap();
    t["unprotected"]["zip"] = "DEF".into();
    let e = parse_object(&object(&t.to_string()).unwrap())
        .unwrap_err()
        .to_string();
    assert!(e.contains("\"zip\" outside the protected header"), "{e}");
    let mut t: Value = serde_json::from_str(v["json"].as_str().unwrap()).unwrap();
    t["recipients"][0]["header"] = json!({"enc": "A128GCM"});
    let e = parse_object(&object(&t.to_string()).unwrap())
        .unwrap_err()
        .to_string();
    assert!(e.contains("more than one header"), "{e}");
    let many = json!({"protected": "e30", "recipients": vec![json!({}); 101], "iv": "", "ciphertext": "", "tag": ""});
    let e = parse_object(&object(&many.to_string()).unwrap())
        .unwrap_err()
        .to_string();
    assert!(e.contains("101 recipients"), "{e}");
    let dup = r#"{"protected":"e30","protected":"e30","iv":"","ciphertext":"","tag":""}"#;
    assert!(object(dup).unwrap_err().to_string().contains("duplicate"));
}

#[test]
fn direct_algs_cannot_share_a_content_key() {
    let o = EncryptOptions {
        alg: Some(KeyAlg::Dir),
        enc: Enc::A128Gcm,
        ..EncryptOptions::default()
    };
    let e = encrypt_json(
        Serialization::General,
        &[(oct(16), None), (oct(16), None)],
        &o,
        b"x",
        None,
    );
    assert!(e.unwrap_err().to_string().contains("cannot share"));
    // One recipient may use dir: everything stays protected, as compact would.
    let one = encrypt_json(Serialization::Flattened, &[(oct(16), None)], &o, b"x", None).unwrap();
    let (_, d) = decrypt_json(&one, &[oct(16)], &Policy::default()).unwrap();
    assert_eq!(&d.plaintext[..], b"x");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    #[test]
    fn several_recipients_each_decrypt(
        n in 1usize..4,
        aad in prop::option::of(prop::collection::vec(any::<u8>(), 0..20)),
        pt in prop::collection::vec(any::<u8>(), 0..200),
    ) {
        let keys: Vec<JweKey> = (0..n).map(|i| {
            let mut k = Jwk::new(Key::Oct(Secret::new(vec![i as u8 + 1; 16])));
            k.kid = Some(format!("k{i}"));
            JweKey::Jwk(k)
        }).collect();
        let to: Vec<(JweKey, Option<String>)> = keys.iter().cloned().map(|k| {
            let kid = k.kid().map(str::to_owned);
            (k, kid)
        }).collect();
        let o = EncryptOptions { alg: Some(KeyAlg::A128Kw), enc: Enc::A128CbcHs256, ..EncryptOptions::default() };
        let text = encrypt_json(Serialization::General, &to, &o, &pt, aad.as_deref()).unwrap();
        for (i, k) in keys.iter().enumerate() {
            let (got, d) = decrypt_json(&text, std::slice::from_ref(k), &Policy::default()).unwrap();
            prop_assert_eq!(got, i);
            prop_assert_eq!(&d.plaintext[..], &pt[..]);
        }
        let stranger = JweKey::Jwk(Jwk::new(Key::Oct(Secret::new(vec![99; 16]))));
        prop_assert!(decrypt_json(&text, &[stranger], &Policy::default()).is_err());
    }

    #[test]
    fn arbitrary_documents_never_panic(s in "\\{.{0,200}") {
        let _ = decrypt(&s, &[oct(16)], &Policy::default());
    }
}
