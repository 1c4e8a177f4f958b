//! `POST /api/verify`: `jot verify` for one token. The keys come from exactly one source —
//! pasted key text (PEM, JWK, JWKS via `keys::read`), a secret, a JWKS URL or an OpenID
//! issuer (fetched by jot through `keys::source` and `net`, never by the browser, with no
//! on-disk cache) — and
//! the policy is `token::options::VerifyOptions`, the defaults of the CLI. The verdict is
//! `token::verify::verify`'s, with the line `jot verify` prints (`valid` / `invalid: …`).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde::Deserialize;
use serde_json::Value;

use super::{clock, given, strip_token, Pasted};
use crate::alg::Alg;
use crate::keys::source::{require_keys, resolve, Fetcher, KeySource, Resolver};
use crate::keys::{Jwk, Secret};
use crate::net::{self, FetchOptions, Fetched};
use crate::token::options::VerifyOptions;
use crate::token::verify_keys::check_keys;
use crate::verdict::Judge;
use crate::{Error, Result};

/// The request: one token, one key source, the policy's fields.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(super) struct VerifyRequest {
    pub token: String,
    /// Key text: PEM, JWK or JWKS.
    pub key: Option<Pasted>,
    /// An HMAC secret (its UTF-8 bytes).
    pub secret: Option<Pasted>,
    /// An http(s) URL of a JWKS.
    pub jwks_url: Option<String>,
    /// An OpenID issuer whose discovery document names the JWKS.
    pub oidc: Option<String>,
    pub iss: Option<String>,
    pub sub: Option<String>,
    /// Audiences, one of which the token's aud must contain.
    pub aud: Vec<String>,
    /// Allowed algorithms (default: what the keys imply).
    pub alg: Vec<String>,
    pub leeway: Option<String>,
    pub max_age: Option<String>,
    pub require: Vec<String>,
    pub allow_no_exp: bool,
    pub kid: Option<String>,
    pub now: Option<String>,
    /// Verify with an HMAC secret shorter than the hash (warns), as `--insecure-short-key`.
    pub insecure_short_key: bool,
}

/// Fetched key sets kept for a minute, in memory only, so typing in other fields does not
/// refetch. Only public documents are kept; the memo holds at most a few.
#[derive(Default)]
pub(super) struct FetchMemo(Mutex<HashMap<String, (Instant, Vec<u8>)>>);

const MEMO_FOR: Duration = Duration::from_secs(60);
const MEMO_MAX: usize = 16;

impl Fetcher for FetchMemo {
    fn key_set(
        &self,
        url: &str,
        opts: &FetchOptions,
        _lacks: &dyn Fn(&[u8]) -> bool,
    ) -> Result<Fetched> {
        if let Ok(m) = self.0.lock() {
            if let Some((_, body)) = m.get(url).filter(|(at, _)| at.elapsed() < MEMO_FOR) {
                return Ok(fresh(body.clone()));
            }
        }
        let body = net::fetch(url, opts)?;
        if let Ok(mut m) = self.0.lock() {
            m.retain(|_, (at, _)| at.elapsed() < MEMO_FOR);
            if m.len() < MEMO_MAX {
                m.insert(url.to_owned(), (Instant::now(), body.clone()));
            }
        }
        Ok(fresh(body))
    }
}

/// A body the page treats as fetched now: the memo is no cache the verdict reports.
fn fresh(body: Vec<u8>) -> Fetched {
    Fetched {
        body,
        cached_at: None,
    }
}

/// The one key source given (a JWKS URL is only ever fetched, never read as a file).
fn key_source(r: &VerifyRequest) -> Result<KeySource> {
    let sources = [
        Pasted::given(&r.key).map(|k| KeySource::Text(Secret::new(k.as_bytes().to_vec()))),
        Pasted::given(&r.secret).map(|s| KeySource::Secret(Secret::new(s.as_bytes().to_vec()))),
        given(&r.jwks_url).map(|u| KeySource::JwksUrl(u.trim().to_owned())),
        given(&r.oidc).map(|i| KeySource::Oidc(i.trim().to_owned())),
    ];
    let mut given: Vec<KeySource> = sources.into_iter().flatten().collect();
    match given.len() {
        1 => Ok(given.remove(0)),
        0 => Err(Error::usage("no key given")
            .with_hint("paste a key (PEM, JWK or JWKS), a secret, a JWKS URL or an issuer")),
        _ => Err(Error::usage("give exactly one key source")),
    }
}

/// Keys from the one source given, with notes on JWKS entries skipped, and the issuer
/// expected when the keys came from OpenID discovery. No cache directory: nothing the
/// page does is written to disk.
fn load_keys(
    r: &VerifyRequest,
    now: i64,
    memo: &FetchMemo,
) -> Result<(Vec<Jwk>, Vec<String>, Option<String>)> {
    let resolver = Resolver {
        cache: false,
        ..Resolver::new(memo, now)
    };
    let mut got = resolve(&key_source(r)?, &resolver)?;
    require_keys(&got)?;
    let (skipped, issuer) = (std::mem::take(&mut got.warnings), got.issuer.take());
    Ok((got.all(), skipped, issuer))
}

fn parse_alg(s: &str) -> Result<Alg> {
    Alg::from_name(s.trim()).ok_or_else(|| {
        Error::usage(format!("unknown algorithm {s:?}"))
            .with_hint(format!("expected one of {}", crate::alg::names().join(" ")))
    })
}

/// Verify one token.
pub(super) fn verify(r: &VerifyRequest, memo: &FetchMemo) -> Result<Value> {
    let now = clock(r.now.as_deref())?;
    let (token, stripped) = strip_token(&r.token);
    if token.is_empty() {
        return Err(Error::input("no token given"));
    }
    let (keys, skipped, oidc_issuer) = load_keys(r, now, memo)?;
    let nonempty = |v: &[String]| -> Vec<String> {
        v.iter()
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect()
    };
    let policy = VerifyOptions {
        algs: nonempty(&r.alg)
            .iter()
            .map(|a| parse_alg(a))
            .collect::<Result<_>>()?,
        iss: given(&r.iss).map(str::to_owned).or(oidc_issuer),
        sub: given(&r.sub).map(str::to_owned),
        aud: nonempty(&r.aud),
        require: nonempty(&r.require),
        allow_no_exp: r.allow_no_exp,
        leeway: given(&r.leeway).map(str::to_owned),
        max_age: given(&r.max_age).map(str::to_owned),
        kid: given(&r.kid).map(str::to_owned),
        insecure_short_key: r.insecure_short_key,
        ..VerifyOptions::default()
    }
    .policy()?;
    let vetted = check_keys(&keys, &policy)?;
    // An SD-JWT is verified in full as `jot verify` does: disclosures, rebuilt claims,
    // and a KB-JWT whenever one is present.
    let kb = crate::sdjwt::KbPolicy {
        max_age: crate::sdjwt::check::DEFAULT_KB_MAX_AGE,
        ..Default::default()
    };
    let judge = Judge {
        keys: &keys,
        policy: &policy,
        now,
        nested: None,
        kb: &kb,
    };
    let mut verdict = judge.verdict(&token, true);
    verdict.warnings.splice(0..0, vetted);
    let line = if verdict.valid {
        "valid".to_owned()
    } else {
        format!("invalid: {}", verdict.reasons.join("; "))
    };
    let mut v = serde_json::to_value(&verdict)
        .map_err(|e| Error::input(format!("cannot serialise the verdict: {e}")))?;
    v["verdict"] = line.into();
    let times = verdict.claims.as_ref().and_then(Value::as_object);
    v["times"] = times
        .map(|c| super::decode::time_notes(c, now))
        .unwrap_or_default()
        .into();
    v["keys"] = keys
        .iter()
        .map(|k| match &k.kid {
            Some(kid) => format!("{} (kid {kid})", k.describe()),
            None => k.describe(),
        })
        .collect();
    v["skipped"] = skipped.into();
    v["stripped"] = stripped.into();
    v["now"] = now.into();
    Ok(v)
}
