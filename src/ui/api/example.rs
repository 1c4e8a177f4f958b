//! `POST /api/example`: the page's first screen, so that every panel shows something before
//! anything is pasted, as jwt.io's does. An OpenID-shaped token signed at the request's
//! `now` with a fixed example RSA key, that key (for Sign) and its public half (for
//! Verify), the same token encrypted as a nested JWT (ECDH-ES, A256GCM) and the example
//! decryption key (for Decrypt), with the issuer and audience Verify expects. The keys ship
//! in the binary, so they are public knowledge: the page marks every place they appear as
//! an example.

use serde::Deserialize;
use serde_json::{json, Map, Value};

use super::{clock, pasted_keys};
use crate::alg::{Alg, Enc, KeyAlg};
use crate::jwe::{self, EncryptOptions, JweKey};
use crate::token::sign as jws;
use crate::{Error, Result};

const SIGNING_KEY: &str = include_str!("example/signing.pem");
const SIGNING_PUBLIC: &str = include_str!("example/signing.pub.pem");
const ENCRYPTION_KEY: &str = include_str!("example/encryption.jwk");
const SIGNING_KID: &str = "example-signing-key";
const ISSUER: &str = "https://id.example.com/";
const AUDIENCE: &str = "example-api";
/// The example token's lifetime: an hour, as identity providers' ID tokens often have.
const LIFETIME: i64 = 3600;

/// The request.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(super) struct ExampleRequest {
    pub now: Option<String>,
}

/// The claims of the example: registered, OpenID and a role, all about a made-up person.
fn claims(now: i64) -> Map<String, Value> {
    let v = json!({
        "iss": ISSUER,
        "sub": "248289761001",
        "aud": AUDIENCE,
        "azp": "example-web-app",
        "iat": now,
        "nbf": now,
        "exp": now + LIFETIME,
        "auth_time": now - 60,
        "jti": "4f1b2c9e-example",
        "name": "Jane Doe",
        "email": "jane.doe@example.com",
        "email_verified": true,
        "scope": "openid profile email",
        "roles": ["reader"],
    });
    match v {
        Value::Object(m) => m,
        _ => unreachable!("a literal object"),
    }
}

/// The example token, key, JWE and decryption key at the request's clock.
pub(super) fn example(r: &ExampleRequest) -> Result<Value> {
    let now = clock(r.now.as_deref())?;
    let mut key = pasted_keys(SIGNING_KEY)?
        .into_iter()
        .next()
        .ok_or_else(|| Error::input("the example signing key is missing"))?;
    key.kid = Some(SIGNING_KID.into());
    let header = jws::header(Alg::RS256, Some(SIGNING_KID), Map::new())?;
    let token = jws::sign(&key, Alg::RS256, &header, &claims(now))?;
    let enc_key = pasted_keys(ENCRYPTION_KEY)?
        .into_iter()
        .next()
        .ok_or_else(|| Error::input("the example encryption key is missing"))?;
    let recipient = JweKey::Jwk(enc_key.to_public()?);
    let opts = EncryptOptions {
        alg: Some(KeyAlg::EcdhEs),
        enc: Enc::A256Gcm,
        kid: enc_key.kid.clone(),
        cty: Some("JWT".into()),
        ..EncryptOptions::default()
    };
    let jwe = jwe::encrypt(&recipient, &opts, token.as_bytes())?;
    Ok(json!({
        "token": token,
        "key": SIGNING_PUBLIC.trim_end(),
        // For Sign: an example whose private key is public knowledge signs nothing real.
        "signing_key": SIGNING_KEY.trim_end(),
        "jwe": jwe,
        "jwe_key": ENCRYPTION_KEY.trim_end(),
        // What Verify is filled with, so the first screen's verdict is `valid`.
        "iss": ISSUER,
        "aud": AUDIENCE,
        "now": now,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::options::VerifyOptions;

    #[test]
    fn the_example_verifies_with_its_public_key_and_decrypts_to_itself() {
        let e = example(&ExampleRequest {
            now: Some("1767225600".into()),
        })
        .expect("example");
        let token = e["token"].as_str().unwrap();
        let public = pasted_keys(e["key"].as_str().unwrap()).unwrap();
        let policy = VerifyOptions {
            aud: vec!["example-api".into()],
            ..VerifyOptions::default()
        }
        .policy()
        .unwrap();
        let v = crate::token::verify::verify(token, &public, &policy, 1_767_225_660);
        assert!(v.valid, "{:?}", v.reasons);
        let keys: Vec<JweKey> = pasted_keys(e["jwe_key"].as_str().unwrap())
            .unwrap()
            .into_iter()
            .map(JweKey::Jwk)
            .collect();
        let d = jwe::decrypt(e["jwe"].as_str().unwrap(), &keys, &jwe::Policy::default())
            .expect("decrypts");
        assert!(d.is_nested());
        assert_eq!(d.plaintext.as_slice(), token.as_bytes());
    }

    #[test]
    fn the_example_is_the_same_token_at_the_same_clock() {
        let at = |now: &str| {
            example(&ExampleRequest {
                now: Some(now.into()),
            })
            .unwrap()["token"]
                .clone()
        };
        // RS256 signatures are deterministic: a fixed clock gives a fixed screenshot.
        assert_eq!(at("1767225600"), at("1767225600"));
        assert_ne!(at("1767225600"), at("1767225601"));
    }
}
