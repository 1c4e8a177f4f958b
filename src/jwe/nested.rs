//! Nested JWTs (RFC 7519 §5.2): a signed token encrypted to a recipient (`cty: JWT`).
//! [`nest`] seals one, [`open`] decrypts the outer JWE to the inner compact JWS,
//! [`verify`] runs the caller's JWS checks through a closure on it (reasons naming the
//! layer that failed), and [`decode_inner`] parses it for `decode`.

use serde_json::Value;

use super::recipient::{self, JweKeySpec};
use super::{EncryptOptions, Failure, JweKey, Policy};
use crate::alg::{Enc, KeyAlg};
use crate::keys::source::Resolver;
use crate::token::verify::Verdict;
use crate::Result;

/// The keys of a nested-token flag's file (a key or a JWKS); `flag` names it in errors.
pub(crate) fn keys_of_file(path: &str, flag: &str, r: &Resolver) -> Result<Vec<JweKey>> {
    recipient::load(&JweKeySpec::file(path), r)
        .map(|l| l.keys)
        .map_err(|e| e.context(flag))
}

/// Encrypt a signed token to the key in the file `to`: a nested JWT (`cty: JWT`).
pub(crate) fn nest(
    to: &str,
    alg: Option<&str>,
    enc: Option<&str>,
    token: &str,
    r: &Resolver,
) -> Result<String> {
    // A key file: no JWKS entry is skipped, so there is no warning to hand back.
    let got = recipient::load(&JweKeySpec::file(to), r).map_err(|e| e.context("--encrypt-to"))?;
    let key = recipient::pick(got.keys).map_err(|e| e.context("--encrypt-to"))?;
    let o = EncryptOptions {
        alg: alg.map(KeyAlg::parse).transpose()?,
        enc: enc.map(Enc::parse).transpose()?.unwrap_or(Enc::A256Gcm),
        cty: Some("JWT".into()),
        ..EncryptOptions::default()
    };
    recipient::seal(&key, got.raw, o, token.as_bytes())
}

/// Decrypt the outer JWE of a nested JWT; the inner compact token, or why not.
pub(crate) fn open(token: &str, keys: &[JweKey]) -> std::result::Result<String, Failure> {
    let d = super::decrypt(token, keys, &Policy::default())?;
    let inner = std::str::from_utf8(&d.plaintext)
        .map(|s| s.trim().to_owned())
        .map_err(|_| Failure::new("the plaintext is not a token (not UTF-8)"))?;
    if inner.split('.').count() != 3 {
        return Err(Failure::new(
            "the plaintext is not a signed JWT (a nested token must be a JWS)",
        )
        .hint("use `jot decrypt` to read an encrypted payload"));
    }
    Ok(inner)
}

/// A nested JWT's verdict: decrypt, then `verify` the inner JWS; reasons name the layer.
pub(crate) fn verify(
    token: &str,
    keys: &[JweKey],
    verify: impl FnOnce(&str) -> Verdict,
) -> Verdict {
    let cty = super::protected_header(token)
        .ok()
        .and_then(|h| h.get("cty").and_then(Value::as_str).map(str::to_owned));
    match open(token, keys) {
        Ok(inner) => {
            let mut v = verify(&inner);
            for r in &mut v.reasons {
                *r = format!("JWS layer: {r}");
            }
            if !cty.is_some_and(|c| c.eq_ignore_ascii_case("JWT")) {
                v.warnings.push(
                    "the JWE has no cty \"JWT\" though it holds a JWT (RFC 7519 §5.2)".into(),
                );
            }
            v
        }
        Err(f) => Verdict::invalid(format!("JWE layer: {}", f.reason)),
    }
}

/// For `decode --decrypt-key`: the inner JWS of a nested token, or why it cannot be read.
pub(crate) fn decode_inner(
    token: &str,
    keys: &[JweKey],
) -> std::result::Result<crate::token::Jws, String> {
    let inner = open(token, keys).map_err(|f| f.reason)?;
    match crate::token::parse(&inner) {
        Ok(crate::token::Parsed::Jws(j)) => Ok(j),
        Ok(crate::token::Parsed::Jwe { .. }) => Err("the inner token is another JWE".into()),
        Err(e) => Err(format!("the inner token: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::{Jwk, Key, Secret};

    fn key(byte: u8) -> JweKey {
        JweKey::Jwk(Jwk::new(Key::Oct(Secret::new(vec![byte; 32]))))
    }

    fn sealed(plaintext: &str, cty: Option<&str>) -> String {
        let o = EncryptOptions {
            cty: cty.map(str::to_owned),
            ..EncryptOptions::default()
        };
        recipient::seal(&key(7), true, o, plaintext.as_bytes()).expect("seal")
    }

    #[test]
    fn the_inner_token_goes_through_the_closure_and_its_reasons_name_the_jws_layer() {
        let t = sealed("a.b.c", Some("JWT"));
        let v = verify(&t, &[key(7)], |inner| {
            assert_eq!(inner, "a.b.c");
            Verdict::invalid("bad signature")
        });
        assert_eq!(v.reasons, ["JWS layer: bad signature"]);
        assert!(v.warnings.is_empty(), "{:?}", v.warnings);
    }

    #[test]
    fn a_nested_token_without_cty_jwt_is_verified_with_a_warning() {
        let v = verify(&sealed("a.b.c", None), &[key(7)], |_| Verdict::invalid("x"));
        assert!(v.warnings.iter().any(|w| w.contains("cty")), "{v:?}");
    }

    #[test]
    fn a_wrong_key_fails_at_the_jwe_layer_without_calling_the_closure() {
        let v = verify(&sealed("a.b.c", Some("JWT")), &[key(8)], |_| {
            panic!("the closure must not run")
        });
        assert!(!v.valid && v.reasons[0].starts_with("JWE layer: "), "{v:?}");
    }

    #[test]
    fn a_plaintext_that_is_no_jws_is_refused_with_a_hint() {
        let f = open(&sealed("hello", None), &[key(7)]).unwrap_err();
        assert!(f.reason.contains("not a signed JWT"), "{f:?}");
        assert!(f.hint.is_some_and(|h| h.contains("jot decrypt")));
        assert!(decode_inner(&sealed("x.y", None), &[key(7)]).is_err());
    }
}
