//! `probe --discover`: the server's public keys, for key confusion, from what it publishes
//! at the probed URL's origin (`/.well-known/jwks.json`, the OpenID Connect discovery
//! document's `jwks_uri`, and the token's `iss` when it is the same origin), or else
//! recovered from two of its RS* tokens (`forge::sign2n`). Nothing off the origin is
//! fetched: probe talks to the probed host only.

use serde_json::Value;

use crate::b64;
use crate::forge::{sign2n, PublicKeyInput};
use crate::keys::{self, Jwk, Key, ReadOptions};
use crate::net::{self, FetchOptions};
use crate::token::Jws;

/// Keys found, and where.
#[derive(Debug)]
pub(crate) struct Found {
    /// The URL (or `sign2n`) they came from.
    pub source: String,
    pub key: PublicKeyInput,
}

/// `scheme://authority` of an http(s) URL.
pub(crate) fn origin(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    if !matches!(scheme.to_ascii_lowercase().as_str(), "http" | "https") {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next()?;
    (!authority.is_empty()).then(|| format!("{}://{authority}", scheme.to_ascii_lowercase()))
}

/// The URLs to try, in order: the origin's JWKS and discovery, then the token's issuer's
/// when it is on the same origin.
fn candidates(url: &str, jws: &Jws) -> Vec<(String, bool)> {
    let Some(o) = origin(url) else {
        return Vec::new();
    };
    let mut out = vec![
        (format!("{o}/.well-known/jwks.json"), false),
        (o.clone(), true),
    ];
    let iss = jws
        .claims()
        .and_then(|c| c.get("iss"))
        .and_then(Value::as_str);
    if let Some(iss) = iss.filter(|i| origin(i).as_deref() == Some(o.as_str())) {
        let base = iss.trim_end_matches('/');
        out.push((format!("{base}/.well-known/jwks.json"), false));
        out.push((iss.to_owned(), true));
    }
    out.dedup();
    out
}

/// The public keys of a fetched set that can verify `jws`: those of its kid when any
/// has it, else every asymmetric one.
fn usable(bytes: &[u8], jws: &Jws) -> Option<Vec<Jwk>> {
    let opts = ReadOptions {
        allow_weak: true,
        ..Default::default()
    };
    let keys: Vec<Jwk> = keys::read(bytes, &opts)
        .ok()?
        .into_keys()
        .into_iter()
        .filter(|k| !matches!(k.key, Key::Oct(_)))
        .filter_map(|k| k.to_public().ok())
        .collect();
    let kid = jws.kid();
    let same_kid: Vec<Jwk> = keys
        .iter()
        .filter(|k| kid.is_some() && k.kid.as_deref() == kid)
        .cloned()
        .collect();
    let chosen = if same_kid.is_empty() { keys } else { same_kid };
    (!chosen.is_empty()).then_some(chosen)
}

/// Keys as confusion wants them: `raw` is the first key's SPKI PEM (the bytes a
/// confused server most often HMACs with), every other form follows from `keys`.
fn input(keys: Vec<Jwk>) -> Option<PublicKeyInput> {
    let raw = keys.first()?.to_pem(false).ok()?.to_string().into_bytes();
    Some(PublicKeyInput { raw, keys })
}

/// Fetch the origin's keys. Errors list what was tried and why each gave nothing.
pub(crate) fn from_server(url: &str, jws: &Jws, opts: &FetchOptions) -> Result<Found, Vec<String>> {
    let mut tried = Vec::new();
    let o = origin(url);
    for (candidate, is_issuer) in candidates(url, jws) {
        let jwks_url = if is_issuer {
            match net::oidc_jwks_uri(&candidate, opts) {
                Ok(u) if origin(&u) == o => u,
                Ok(u) => {
                    tried.push(format!(
                        "{candidate}: jwks_uri {} is on another origin; not fetched",
                        net::redact_url(&u)
                    ));
                    continue;
                }
                Err(e) => {
                    tried.push(format!("{candidate} discovery: {e}"));
                    continue;
                }
            }
        } else {
            candidate
        };
        match net::fetch(&jwks_url, opts) {
            Ok(bytes) => match usable(&bytes, jws).and_then(input) {
                Some(key) => {
                    return Ok(Found {
                        source: net::redact_url(&jwks_url).into_owned(),
                        key,
                    })
                }
                None => tried.push(format!("{jwks_url}: no usable public key")),
            },
            Err(e) => tried.push(format!("{jwks_url}: {e}")),
        }
    }
    Err(tried)
}

/// Recover the key from two RS* tokens of it.
pub(crate) fn from_tokens(a: &Jws, b: &Jws) -> Result<Found, String> {
    let r = sign2n::recover(a, b, &crate::forge::sign2n_gmp::Engine::default())?;
    let jwk = serde_json::json!({
        "kty": "RSA",
        "n": b64::encode(&r.n),
        "e": b64::encode(&r.e.to_be_bytes().into_iter().skip_while(|x| *x == 0).collect::<Vec<u8>>()),
    });
    let keys = usable(jwk.to_string().as_bytes(), a).ok_or("the recovered key does not parse")?;
    let key = input(keys).ok_or("the recovered key has no PEM form")?;
    Ok(Found {
        source: format!("sign2n over two tokens (e = {})", r.e),
        key,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origin_keeps_scheme_and_authority_only() {
        assert_eq!(
            origin("http://127.0.0.1:8080/api/me?x=1").as_deref(),
            Some("http://127.0.0.1:8080")
        );
        assert_eq!(
            origin("HTTPS://h.example").as_deref(),
            Some("https://h.example")
        );
        assert_eq!(origin("ftp://h.example/x"), None);
        assert_eq!(origin("http:///x"), None);
    }
}
