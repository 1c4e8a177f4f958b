//! Making a DPoP proof (RFC 9449 §4.2): `typ: dpop+jwt`, the public JWK in the header, a
//! fresh `jti` from the OS CSPRNG, `iat` from the caller's clock, `htm`, `htu` without
//! query and fragment, and `ath`/`nonce` when given.

use serde_json::{Map, Value};

use super::{ath, htu, TYP};
use crate::alg::Alg;
use crate::keys::{Jwk, Key};
use crate::token::sign;
use crate::{Error, Result};

/// The request a proof is made for.
#[derive(Clone, Debug, Default)]
pub(crate) struct Request<'a> {
    pub htm: &'a str,
    pub htu: &'a str,
    pub access_token: Option<&'a str>,
    pub nonce: Option<&'a str>,
    /// Unix seconds, for `iat`.
    pub now: i64,
}

/// The header's `jwk`: the public key's own members only (no kid, use or alg metadata).
pub(crate) fn public_jwk(key: &Jwk) -> Result<Value> {
    Ok(Jwk::new(key.to_public()?.key).to_json(false))
}

/// The header and claims of a proof for `r`, before signing (forge changes them).
pub(crate) fn parts(
    key: &Jwk,
    alg: Alg,
    r: &Request,
) -> Result<(Map<String, Value>, Map<String, Value>)> {
    if matches!(key.key, Key::Oct(_) | Key::X25519(_)) || alg.is_symmetric() {
        return Err(
            Error::usage("a DPoP proof is signed with an asymmetric key")
                .with_hint("use an EC, RSA or Ed25519 key (jot keygen ES256 --out dpop.jwk)"),
        );
    }
    if r.htm.is_empty() || !r.htm.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(Error::usage(format!(
            "--htm {:?} is not an HTTP method",
            r.htm
        )));
    }
    let target = htu::strip(r.htu).map_err(|why| Error::usage(format!("--htu: {why}")))?;
    let mut h = Map::new();
    h.insert("typ".into(), TYP.into());
    h.insert("alg".into(), alg.name().into());
    h.insert("jwk".into(), public_jwk(key)?);
    let mut c = Map::new();
    c.insert("jti".into(), sign::random_jti()?.into());
    c.insert("htm".into(), r.htm.into());
    c.insert("htu".into(), target.into());
    c.insert("iat".into(), r.now.into());
    if let Some(at) = r.access_token {
        c.insert("ath".into(), ath(at).into());
    }
    if let Some(n) = r.nonce {
        c.insert("nonce".into(), n.into());
    }
    Ok((h, c))
}

/// A signed proof for `r` with `key` (private) under `alg`.
pub(crate) fn make(key: &Jwk, alg: Alg, r: &Request) -> Result<String> {
    if !key.is_private() {
        return Err(Error::usage(
            "a DPoP proof is signed with the private key, and this one is public",
        )
        .with_hint("pass the private key file (the proof carries its public half)"));
    }
    key.check_alg(alg)?;
    let (h, c) = parts(key, alg, r)?;
    sign::sign(key, alg, &h, &c)
}
