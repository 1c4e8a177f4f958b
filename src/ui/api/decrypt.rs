//! `POST /api/decrypt`: the Decrypt panel, `jot decode --decrypt-key` for one JWE (compact
//! or JSON-serialized) through `jwe::decrypt` under the default policy. A key (PEM, JWK or
//! JWKS text), a symmetric secret or a PBES2 passphrase goes in; out comes the protected
//! header and either the nested token (decoded as `/api/decode` does) or the plaintext as
//! JSON, text or base64url. A token that does not decrypt, or is not encrypted at all, is an
//! answer (`decrypted: false` with the reason), not an error.

use serde::Deserialize;
use serde_json::{json, Value};

use super::decode::{decode, DecodeRequest};
use super::{clock, pasted_keys, secret_key, strip_token, Pasted};
use crate::jwe::{self, Decrypted, JweKey, Policy};
use crate::keys::Secret;
use crate::token::{self, Parsed};
use crate::{b64, Error, Result};

/// The request: one token and exactly one of key, secret, passphrase.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(super) struct DecryptRequest {
    pub token: String,
    /// Key text: PEM, JWK or JWKS (a private key, or an `oct` JWK).
    pub key: Option<Pasted>,
    /// A symmetric key for dir, A*KW, A*GCMKW: its UTF-8 bytes.
    pub secret: Option<Pasted>,
    /// A passphrase for PBES2-*.
    pub passphrase: Option<Pasted>,
    pub now: Option<String>,
}

fn keys(r: &DecryptRequest) -> Result<(Vec<JweKey>, Vec<String>)> {
    let given = [
        Pasted::given(&r.key),
        Pasted::given(&r.secret),
        Pasted::given(&r.passphrase),
    ];
    match given.iter().filter(|g| g.is_some()).count() {
        1 => {}
        0 => {
            return Err(Error::usage("no key given")
                .with_hint("paste the private key (PEM, JWK or JWKS), a secret or a passphrase"))
        }
        _ => {
            return Err(Error::usage(
                "give a key, a secret or a passphrase, not several",
            ))
        }
    }
    if let [Some(k), _, _] = given {
        let keys = pasted_keys(k)?;
        let shown = keys
            .iter()
            .map(|k| match &k.kid {
                Some(kid) => format!("{} (kid {kid})", k.describe()),
                None => k.describe(),
            })
            .collect();
        return Ok((keys.into_iter().map(JweKey::Jwk).collect(), shown));
    }
    if let [_, Some(s), _] = given {
        return Ok((vec![JweKey::Jwk(secret_key(s)?)], vec!["a secret".into()]));
    }
    let pass = given[2].unwrap_or_default();
    Ok((
        vec![JweKey::Passphrase(Secret::new(pass.as_bytes().to_vec()))],
        vec!["a passphrase".into()],
    ))
}

/// The decrypted plaintext as the page shows it: a nested token decoded, else JSON, text
/// or (for binary data) base64url.
fn plaintext(d: &Decrypted, now: Option<&str>) -> Result<Value> {
    let text = std::str::from_utf8(&d.plaintext).ok();
    let inner = text.map(str::trim).filter(|t| jwe::segments(t) == 3);
    if let Some(t) = inner.filter(|t| matches!(token::parse(t), Ok(Parsed::Jws(_)))) {
        let decoded = decode(&DecodeRequest {
            token: t.to_owned(),
            now: now.map(str::to_owned),
        })?;
        return Ok(json!({"kind": "nested", "token": t, "inner": decoded}));
    }
    Ok(match text {
        Some(s) => match serde_json::from_str::<Value>(s) {
            Ok(v) => json!({"kind": "json", "value": v}),
            Err(_) => json!({"kind": "text", "value": s}),
        },
        None => {
            json!({"kind": "binary", "value": b64::encode(&d.plaintext), "bytes": d.plaintext.len()})
        }
    })
}

/// Decrypt one token.
pub(super) fn decrypt(r: &DecryptRequest) -> Result<Value> {
    let now = clock(r.now.as_deref())?;
    let (t, stripped) = strip_token(&r.token);
    if t.is_empty() {
        return Err(Error::input("no token given"));
    }
    if !token::json_ser::is_json(&t) && jwe::segments(&t) != 5 {
        // An answer, not an error: the panel follows whatever token is pasted.
        return Ok(json!({
            "decrypted": false,
            "encrypted": false,
            "reason": "nothing to decrypt: the token is not a JWE (encrypted token)",
            "hint": "a signed token (three parts) is read in Decode and checked in Verify",
            "now": now,
        }));
    }
    let (keys, shown) = keys(r)?;
    let mut v = match jwe::decrypt(&t, &keys, &Policy::default()) {
        Ok(d) => json!({
            "decrypted": true,
            "encrypted": true,
            "alg": d.alg.name(),
            "enc": d.enc.name(),
            "header": d.header,
            "plaintext": plaintext(&d, r.now.as_deref())?,
        }),
        Err(f) => json!({
            "decrypted": false,
            "encrypted": true,
            "reason": f.reason,
            "hint": f.hint,
            "header": jwe::protected_header(&t).ok(),
        }),
    };
    v["keys"] = shown.into();
    v["stripped"] = stripped.into();
    v["now"] = now.into();
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(token: &str, key: &str) -> DecryptRequest {
        DecryptRequest {
            token: token.into(),
            key: serde_json::from_value(json!(key)).ok(),
            ..DecryptRequest::default()
        }
    }

    #[test]
    fn a_signed_token_is_nothing_to_decrypt_and_no_key_is_an_input_error() {
        let v = decrypt(&req("a.b.c", "x")).unwrap();
        assert_eq!(
            (&v["decrypted"], &v["encrypted"]),
            (&json!(false), &json!(false))
        );
        let e = decrypt(&DecryptRequest {
            token: "a.b.c.d.e".into(),
            ..DecryptRequest::default()
        })
        .unwrap_err();
        assert_eq!(e.to_string(), "no key given");
    }

    #[test]
    fn the_wrong_key_is_a_negative_answer_with_the_header() {
        let ex = super::super::example::example(&Default::default()).unwrap();
        let other = crate::jwe::generate_key(
            crate::alg::KeyAlg::EcdhEs,
            None,
            None,
            None,
            Some("other".into()),
        )
        .unwrap();
        let text = other.to_text(true).unwrap();
        let v = decrypt(&req(ex["jwe"].as_str().unwrap(), text.as_str())).unwrap();
        assert_eq!(v["decrypted"], false, "{v}");
        assert_eq!(v["header"]["alg"], "ECDH-ES");
        let ok = decrypt(&req(
            ex["jwe"].as_str().unwrap(),
            ex["jwe_key"].as_str().unwrap(),
        ))
        .unwrap();
        assert_eq!(ok["plaintext"]["kind"], "nested", "{ok}");
        assert_eq!(ok["plaintext"]["inner"]["payload"]["name"], "Jane Doe");
    }
}
