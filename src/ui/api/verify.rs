//! `POST /api/verify`: `jot verify` for one token. The keys come from exactly one source —
//! pasted key text (PEM, JWK, JWKS via `keys::read`), a secret, a JWKS URL or an OpenID
//! issuer (fetched by jot through `net`, never by the browser, with no on-disk cache) — and
//! the policy is `token::options::VerifyOptions`, the defaults of the CLI. The verdict is
//! `token::verify::verify`'s, with the line `jot verify` prints (`valid` / `invalid: …`).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde::Deserialize;
use serde_json::Value;

use super::{clock, given, pasted_keys, secret_key, strip_token, Pasted};
use crate::alg::Alg;
use crate::keys::{read_jwks_lenient, Jwk};
use crate::net::{self, FetchOptions};
use crate::token::options::VerifyOptions;
use crate::token::verify::verify as verify_token;
use crate::token::verify_keys::check_keys;
use crate::{Error, Result};

/// The request: one token, one key source, the policy's fields.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct VerifyRequest {
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
pub struct FetchMemo(Mutex<HashMap<String, (Instant, Vec<u8>)>>);

const MEMO_FOR: Duration = Duration::from_secs(60);
const MEMO_MAX: usize = 16;

impl FetchMemo {
    fn fetch(&self, url: &str, opts: &FetchOptions) -> Result<Vec<u8>> {
        if let Ok(m) = self.0.lock() {
            if let Some((at, body)) = m.get(url).filter(|(at, _)| at.elapsed() < MEMO_FOR) {
                let _ = at;
                return Ok(body.clone());
            }
        }
        let body = net::fetch(url, opts)?;
        if let Ok(mut m) = self.0.lock() {
            m.retain(|_, (at, _)| at.elapsed() < MEMO_FOR);
            if m.len() < MEMO_MAX {
                m.insert(url.to_owned(), (Instant::now(), body.clone()));
            }
        }
        Ok(body)
    }
}

/// Keys from the one source given, with notes on JWKS entries skipped, and the issuer
/// expected when the keys came from OpenID discovery.
fn load_keys(
    r: &VerifyRequest,
    now: i64,
    memo: &FetchMemo,
) -> Result<(Vec<Jwk>, Vec<String>, Option<String>)> {
    let sources = [
        Pasted::given(&r.key).is_some(),
        Pasted::given(&r.secret).is_some(),
        given(&r.jwks_url).is_some(),
        given(&r.oidc).is_some(),
    ];
    match sources.iter().filter(|s| **s).count() {
        1 => {}
        0 => {
            return Err(Error::usage("no key given")
                .with_hint("paste a key (PEM, JWK or JWKS), a secret, a JWKS URL or an issuer"))
        }
        _ => return Err(Error::usage("give exactly one key source")),
    }
    if let Some(k) = Pasted::given(&r.key) {
        return Ok((pasted_keys(k)?, vec![], None));
    }
    if let Some(s) = Pasted::given(&r.secret) {
        return Ok((vec![secret_key(s)?], vec![], None));
    }
    // No cache directory: nothing the page does is written to disk.
    let opts = FetchOptions::new(now);
    let (url, issuer) = match (given(&r.jwks_url), given(&r.oidc)) {
        (Some(u), _) => (u.trim().to_owned(), None),
        (None, Some(i)) => {
            let i = i.trim();
            (net::oidc_jwks_uri(i, &opts)?, Some(i.to_owned()))
        }
        (None, None) => unreachable!("one source was counted"),
    };
    let body = memo.fetch(&url, &opts)?;
    let shown = net::redact_url(&url);
    let (keys, skipped) = read_jwks_lenient(&body, false).map_err(|e| e.context(&shown))?;
    if keys.is_empty() {
        return Err(Error::input("the JWKS holds no key jot can use").context(&shown));
    }
    Ok((keys, skipped, issuer))
}

fn parse_alg(s: &str) -> Result<Alg> {
    Alg::from_name(s.trim()).ok_or_else(|| {
        Error::usage(format!("unknown algorithm {s:?}"))
            .with_hint(format!("expected one of {}", crate::alg::names().join(" ")))
    })
}

/// Verify one token.
pub fn verify(r: &VerifyRequest, memo: &FetchMemo) -> Result<Value> {
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
    let mut verdict = if crate::sdjwt::looks_like(&token) {
        // An SD-JWT is verified in full as `jot verify` does: disclosures, rebuilt claims,
        // and a KB-JWT whenever one is present.
        let kb = crate::sdjwt::KbPolicy {
            max_age: crate::sdjwt::check::DEFAULT_KB_MAX_AGE,
            ..Default::default()
        };
        crate::sdjwt::verify(&token, &keys, &policy, &kb, now).verdict
    } else {
        verify_token(&token, &keys, &policy, now)
    };
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
