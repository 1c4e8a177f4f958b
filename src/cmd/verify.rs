//! `jot verify`: keys from a file, a secret, a JWKS (file or URL) or an OpenID issuer; one
//! verdict per token; many tokens on stdin are verified on every core, results in order.

use std::collections::HashSet;
use std::io::Write;

use crate::cli::VerifyArgs;
use crate::clock::{parse_duration, Clock};
use crate::cmd::keygen::parse_alg;
use crate::cmd::keyin::key_source;
use crate::cmd::output::{json_line, show_json, warn};
use crate::cmd::tokens_in;
use crate::files::read_input;
use crate::keys::{read_jwks_lenient, Jwk};
use crate::net::{self, FetchOptions};
use crate::term::{sanitize, style};
use crate::token::fast::Fast;
use crate::token::verify::{verify, Policy, Verdict};
use crate::{Error, ExitCode, Result};

fn fetch_opts(a: &VerifyArgs, now: i64) -> FetchOptions {
    let mut o = FetchOptions::new(now);
    if !a.no_cache {
        o.cache_dir = FetchOptions::default_cache_dir();
    }
    o
}

fn jwks_keys(data: &[u8]) -> Result<Vec<Jwk>> {
    let (keys, skipped) = read_jwks_lenient(data)?;
    for s in skipped {
        warn(&s);
    }
    if keys.is_empty() {
        return Err(Error::input("the JWKS holds no key jot can use"));
    }
    Ok(keys)
}

/// The caller's keys, from the one source clap's ArgGroup allows. A PEM file with several
/// keys is a key set here.
fn load_keys(a: &VerifyArgs, now: i64) -> Result<(Vec<Jwk>, Option<String>)> {
    if let Some(loaded) = key_source(&a.key)? {
        return Ok((loaded.all(), None));
    }
    if let Some(src) = &a.jwks {
        let data = if net::is_http_url(src) {
            net::fetch(src, &fetch_opts(a, now))?
        } else {
            read_input(src, crate::files::MAX_INPUT)?
        };
        return Ok((jwks_keys(&data).map_err(|e| e.context(src))?, None));
    }
    let Some(issuer) = a.oidc.as_deref() else {
        return Err(Error::usage("no key given")
            .with_hint("pass one of --key, --secret-file, --secret, --jwks or --oidc"));
    };
    let opts = fetch_opts(a, now);
    let uri = net::oidc_jwks_uri(issuer, &opts)?;
    let data = net::fetch(&uri, &opts)?;
    Ok((
        jwks_keys(&data).map_err(|e| e.context(&uri))?,
        Some(issuer.to_owned()),
    ))
}

fn policy(a: &VerifyArgs, oidc_issuer: Option<String>) -> Result<Policy> {
    let algs = a
        .alg
        .iter()
        .map(|s| parse_alg(s))
        .collect::<Result<Vec<_>>>()?;
    let denylist = match &a.denylist {
        Some(p) => String::from_utf8_lossy(&read_input(&p.to_string_lossy(), 64 * 1024 * 1024)?)
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_owned)
            .collect(),
        None => HashSet::new(),
    };
    Ok(Policy {
        algs,
        iss: a.iss.clone().or(oidc_issuer),
        sub: a.sub.clone(),
        aud: a.aud.clone(),
        require_exp: !a.allow_no_exp
            && (a.require.is_empty() || a.require.iter().any(|r| r == "exp")),
        require: a.require.clone(),
        leeway: parse_duration(&a.leeway)?,
        max_age: a.max_age.as_deref().map(parse_duration).transpose()?,
        denylist,
        fingerprint: a.fingerprint.clone(),
        kid: a.kid.clone(),
        require_low_s: a.require_low_s,
    })
}

/// Verify all tokens on every core; verdicts come back in input order. Without `detail`
/// the verdicts drop header and claims, which bulk text output never prints, so memory
/// stays small however many tokens come in.
fn verify_all(
    tokens: &[(usize, String)],
    keys: &[Jwk],
    p: &Policy,
    now: i64,
    detail: bool,
) -> Vec<Verdict> {
    // Bulk text output prints only valid/invalid and reasons: plain valid tokens take the
    // fast path, everything else gets verify's full verdict.
    let fast = (!detail).then(|| Fast::new(keys, p, now));
    let one = |t: &str| {
        if fast.as_ref().is_some_and(|f| f.is_valid_here(t)) {
            return Fast::valid_verdict();
        }
        let mut v = verify(t, keys, p, now);
        if !detail {
            v.header = None;
            v.claims = None;
        }
        v
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(tokens.len().max(1));
    if threads <= 1 {
        return tokens.iter().map(|(_, t)| one(t)).collect();
    }
    let chunk = tokens.len().div_ceil(threads);
    std::thread::scope(|s| {
        let handles: Vec<_> = tokens
            .chunks(chunk)
            .map(|c| s.spawn(move || c.iter().map(|(_, t)| one(t)).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    })
}

/// Run `jot verify`.
pub fn run(a: &VerifyArgs) -> anyhow::Result<ExitCode> {
    let now = Clock::from_flag(a.now.as_deref())?.now();
    let (keys, oidc_issuer) = load_keys(a, now)?;
    let p = policy(a, oidc_issuer)?;
    let tokens = tokens_in(&a.token)?;
    if tokens.is_empty() {
        return Err(Error::input("no token given (stdin was empty)").into());
    }
    let bulk = tokens.len() > 1 || a.token == "-";
    let verdicts = verify_all(&tokens, &keys, &p, now, a.json || !bulk);
    // Buffered: stdout is line-buffered, and bulk output is one line per token.
    let mut out = std::io::BufWriter::new(anstream::stdout().lock());
    for ((line, _), v) in tokens.iter().zip(&verdicts) {
        if a.json {
            let mut j = serde_json::to_value(v)?;
            if bulk {
                j["line"] = (*line).into();
            }
            writeln!(out, "{}", json_line(&j)?)?;
            continue;
        }
        if !v.warnings.is_empty() {
            // Keep each warning next to its token's line on a terminal.
            out.flush()?;
        }
        for w in &v.warnings {
            warn(w);
        }
        let (g, b) = (style::GOOD, style::BAD);
        let prefix = if bulk {
            format!("line {line}: ")
        } else {
            String::new()
        };
        if v.valid {
            if bulk {
                writeln!(out, "{prefix}{g}valid{g:#}")?;
            } else {
                let claims = v.claims.clone().unwrap_or_default();
                show_json(&mut out, &claims)?;
            }
        } else {
            let why = sanitize(&v.reasons.join("; ")).into_owned();
            writeln!(out, "{prefix}{b}invalid{b:#}: {why}")?;
        }
    }
    out.flush()?;
    Ok(ExitCode::verdict(verdicts.iter().all(|v| v.valid)))
}
