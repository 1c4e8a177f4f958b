//! What a published key set may hold: [`public_jwks`] rewrites a set from its parsed public
//! keys and refuses one holding private material, naming the key and member, never a
//! value. `jot serve` checks every read with it, and `keyset` every set it writes.

use super::{KeyInput, ReadOptions};
use crate::{Error, Result};

/// The document to publish for the set in `bytes`: read by `keys::read` (the one place
/// that knows key formats) and written back from the parsed public keys, so nothing but
/// public members can ever go out. A set holding a private key is refused, naming the key
/// and member, never a value.
pub(crate) fn public_jwks(bytes: &[u8]) -> Result<Vec<u8>> {
    let keys = match crate::keys::read(bytes, &ReadOptions::default())? {
        KeyInput::Set(keys) => keys,
        _ => {
            return Err(Error::input(
                "expected a JWK set: a JSON object with a \"keys\" array",
            ))
        }
    };
    for (i, k) in keys.iter().enumerate() {
        if k.is_private() {
            let which = match k.kid.as_deref() {
                None | Some("") => format!("key {i}"),
                Some(kid) => format!("key {i} (kid {kid:?})"),
            };
            let m = match k.kty() {
                "oct" => "k",
                "AKP" => "priv",
                _ => "d",
            };
            return Err(Error::input(format!(
                "{which} has the private member \"{m}\"; refusing to publish private key material"
            ))
            .with_hint("publish only public keys (e.g. the output of a public-key export)"));
        }
    }
    // Pretty, with a newline: byte for byte what `jot rotate` writes to jwks.json.
    let mut out = serde_json::to_vec_pretty(&crate::keys::to_jwks(&keys, false))
        .map_err(|e| Error::input(format!("cannot serialise the JWKS: {e}")))?;
    out.push(b'\n');
    Ok(out)
}

/// Check `bytes` is a JWK set jot can publish (see [`public_jwks`]).
pub(crate) fn check_public_jwks(bytes: &[u8]) -> Result<()> {
    public_jwks(bytes).map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn key(alg: crate::alg::Alg) -> crate::keys::Jwk {
        crate::keys::generate(alg, None, Some("k1".into())).expect("generate")
    }

    #[test]
    fn public_sets_pass_the_check() {
        check_public_jwks(br#"{"keys":[]}"#).expect("empty set");
        let k = key(crate::alg::Alg::ES256).to_public().unwrap();
        let set = crate::keys::to_jwks(&[k], false).to_string();
        check_public_jwks(set.as_bytes()).expect("public EC key");
    }

    #[test]
    fn every_private_key_is_refused_without_echoing_its_value() {
        use crate::alg::Alg;
        for (alg, m) in [
            (Alg::RS256, "d"),
            (Alg::ES256, "d"),
            (Alg::EdDSA, "d"),
            (Alg::Ed448, "d"),
            (Alg::ML_DSA_44, "priv"),
            (Alg::HS256, "k"),
        ] {
            let k = key(alg);
            let secret = k.to_json(true)[m].as_str().unwrap().to_owned();
            let set = crate::keys::to_jwks(&[k], true).to_string();
            let msg = check_public_jwks(set.as_bytes()).expect_err(m).to_string();
            assert!(msg.contains(&format!("\"{m}\"")), "{msg}");
            assert!(!msg.contains(&secret), "{msg}");
        }
    }

    #[test]
    fn private_members_on_a_public_key_are_never_published() {
        // "p" without "d" reads as a public key; what goes out is written from the parsed
        // key, so the stray member cannot leak.
        let mut v = key(crate::alg::Alg::RS256)
            .to_public()
            .unwrap()
            .to_json(false);
        v["p"] = "STRAYPRIME".into();
        let set = serde_json::json!({"keys": [v]}).to_string();
        let out = String::from_utf8(public_jwks(set.as_bytes()).unwrap()).unwrap();
        assert!(
            !out.contains("STRAYPRIME") && !out.contains("\"p\""),
            "{out}"
        );
    }

    #[test]
    fn malformed_sets_are_refused() {
        for bad in [
            &b""[..],
            b"[]",
            b"{}",
            br#"{"keys":{}}"#,
            br#"{"keys":[1]}"#,
            b"{\"keys\":[",
        ] {
            assert!(
                check_public_jwks(bad).is_err(),
                "{}",
                String::from_utf8_lossy(bad)
            );
        }
    }

    proptest! {
        #[test]
        fn check_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            let _ = check_public_jwks(&bytes);
        }

        #[test]
        fn check_never_panics_on_jsonish_text(s in r#"[{}\[\]":,a-z0-9 ]{0,80}"#) {
            let _ = check_public_jwks(s.as_bytes());
        }
    }
}
