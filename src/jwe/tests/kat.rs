//! Known answers: RFC 7516 A.1-A.3, RFC 7518 Appendix B and C, RFC 3394 §4, RFC 7748 §6.1
//! (RFC 7520 §5 and the complete A.1/A.2 tokens with their RSA keys are in `rfc7520.rs`).
//! Each value was typed from the RFC and cross-checked against pyca/cryptography and
//! jwcrypto (see vectors/SOURCES.md).

use super::*;
use crate::b64;
use crate::jwe::{content, ecdh, kw};

fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex"))
        .collect()
}

#[test]
fn rfc7516_a3_a128kw_a128cbc_hs256_decrypts() {
    let v = &kat()["rfc7516_a3"];
    let key = JweKey::Jwk(jwk(&v["jwk"]));
    let pt = open(v["jwe"].as_str().unwrap(), &key, &Policy::default()).unwrap();
    assert_eq!(pt, v["plaintext"].as_str().unwrap().as_bytes());
}

/// A.1 (RSA-OAEP + A256GCM) and A.2 (RSA1_5 + A128CBC-HS256): the content layer, with the
/// CEK the RFC gives (the RSA keys are not reproduced here).
#[test]
fn rfc7516_a1_a2_content_layer_decrypts_with_the_given_cek() {
    for name in ["rfc7516_a1_content", "rfc7516_a2_content"] {
        let v = &kat()[name];
        let cek: Vec<u8> = serde_json::from_value(v["cek"].clone()).unwrap();
        let jwe = crate::jwe::parse(v["jwe"].as_str().unwrap(), usize::MAX).unwrap();
        let enc = Enc::from_name(jwe.header_str("enc").unwrap()).unwrap();
        let pt = content::decrypt(
            enc,
            &cek,
            &jwe.iv,
            jwe.protected.as_bytes(),
            &jwe.ciphertext,
            &jwe.tag,
        )
        .unwrap();
        assert_eq!(
            pt.as_slice(),
            v["plaintext"].as_str().unwrap().as_bytes(),
            "{name}"
        );
        // And it re-encrypts to the same ciphertext and tag.
        let (ct, tag) =
            content::encrypt(enc, &cek, &jwe.iv, jwe.protected.as_bytes(), &pt).unwrap();
        assert_eq!(
            (ct, tag),
            (jwe.ciphertext.clone(), jwe.tag.clone()),
            "{name}"
        );
    }
}

#[test]
fn rfc7518_appendix_b_cbc_hmac_tags() {
    let b = &kat()["rfc7518_b"];
    let (pt, aad, iv) = (
        hex(b["plaintext_hex"].as_str().unwrap()),
        hex(b["aad_hex"].as_str().unwrap()),
        hex(b["iv_hex"].as_str().unwrap()),
    );
    for c in b["cases"].as_array().unwrap() {
        let enc = Enc::from_name(c["enc"].as_str().unwrap()).unwrap();
        let key = hex(c["key_hex"].as_str().unwrap());
        let (ct, tag) = content::encrypt(enc, &key, &iv, &aad, &pt).unwrap();
        assert_eq!(
            crate::hex::encode(&tag),
            c["tag_hex"].as_str().unwrap(),
            "{enc}"
        );
        let back = content::decrypt(enc, &key, &iv, &aad, &ct, &tag).unwrap();
        assert_eq!(back.as_slice(), &pt[..]);
    }
}

#[test]
fn rfc3394_key_wrap_vectors() {
    for c in kat()["rfc3394"]["cases"].as_array().unwrap() {
        let (kek, key, wrapped) = (
            hex(c["kek"].as_str().unwrap()),
            hex(c["key"].as_str().unwrap()),
            hex(c["wrapped"].as_str().unwrap()),
        );
        assert_eq!(kw::wrap(&kek, &key).unwrap(), wrapped);
        assert_eq!(kw::unwrap(&kek, &wrapped).unwrap().as_slice(), &key[..]);
        let mut bad = wrapped.clone();
        bad[5] ^= 1;
        assert_eq!(kw::unwrap(&kek, &bad).unwrap_err(), kw::KwError::Integrity);
    }
}

#[test]
fn rfc7518_appendix_c_ecdh_es_derived_key() {
    let c = &kat()["rfc7518_c"];
    let bob = jwk(&c["bob"]);
    let Key::Ec(k) = &bob.key else { panic!("EC") };
    let party = ecdh::Party::Nist {
        curve: k.curve,
        point: &k.point,
        d: k.d.as_ref().map(|d| d.expose()),
    };
    let epk = c["alice_epk"].as_object().unwrap().clone();
    let z = ecdh::agree(party, &epk).unwrap();
    let dk = ecdh::concat_kdf(
        &z,
        "A128GCM",
        &b64::decode(c["apu"].as_str().unwrap()).unwrap(),
        &b64::decode(c["apv"].as_str().unwrap()).unwrap(),
        16,
    );
    assert_eq!(b64::encode(&dk), c["derived_key"].as_str().unwrap());
}

#[test]
fn rfc7748_x25519_vector() {
    let d: [u8; 32] = hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a")
        .try_into()
        .unwrap();
    let bob: [u8; 32] = hex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f")
        .try_into()
        .unwrap();
    assert_eq!(
        crate::hex::encode(&crate::keys::x25519_public(&d)),
        "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"
    );
    assert_eq!(
        crate::hex::encode(&ecdh::x25519(&bob, &d).unwrap()),
        "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742"
    );
}
