//! `jot verify`: keys from a file, a secret, a JWKS (file or URL) or an OpenID issuer; one
//! verdict per token; many tokens on stdin are verified on every core, results in order.

use std::collections::HashSet;
use std::io::Write;

use crate::cli::VerifyArgs;
use crate::clock::Clock;
use crate::cmd::keyin::key_source;
use crate::cmd::output::{json_line, pasted, show_json, warn};
use crate::cmd::stream::{next_batch, stdin_lines, Line};
use crate::files::read_input;
use crate::keys::{read_jwks_lenient, Jwk};
use crate::net::{self, FetchOptions};
use crate::term::{sanitize, style};
use crate::token::fast::Fast;
use crate::token::options::VerifyOptions;
use crate::token::paste;
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
    let algs = a.alg.clone();
    let denylist = match &a.denylist {
        Some(p) => String::from_utf8_lossy(&read_input(&p.to_string_lossy(), 64 * 1024 * 1024)?)
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_owned)
            .collect(),
        None => HashSet::new(),
    };
    VerifyOptions {
        algs,
        iss: a.iss.clone().or(oidc_issuer),
        sub: a.sub.clone(),
        aud: a.aud.clone(),
        require: a.require.clone(),
        allow_no_exp: a.allow_no_exp,
        leeway: Some(a.leeway.clone()),
        max_age: a.max_age.clone(),
        denylist,
        fingerprint: a.fingerprint.clone(),
        kid: a.kid.clone(),
        require_low_s: a.require_low_s,
    }
    .policy()
}

/// Verify a batch on every core; verdicts come back in input order, exactly one per token
/// (asserted: a worker that fails is an error, never a dropped verdict). Without `detail`
/// the verdicts drop header and claims, which bulk text output never prints.
fn verify_all(
    tokens: &[Line],
    keys: &[Jwk],
    p: &Policy,
    now: i64,
    detail: bool,
    nested: Option<&[crate::jwe::JweKey]>,
) -> Result<Vec<Verdict>> {
    // Bulk text output prints only valid/invalid and reasons: plain valid tokens take the
    // fast path (token::fast), everything else gets verify's full verdict.
    let fast = (!detail).then(|| Fast::new(keys, p, now));
    let one = |(_, t): &Line| {
        let mut v = match t {
            Ok(t) => {
                let t = paste(t).token;
                match nested {
                    // Nested (RFC 7519 §5.2): decrypt, then every JWS check on the inner token.
                    Some(dk) => crate::cmd::decrypt::verify_nested(t, dk, |inner| {
                        verify(inner, keys, p, now)
                    }),
                    // The fast path knows plain signed tokens only.
                    None if fast.as_ref().is_some_and(|f| f.is_valid_here(t)) => {
                        Fast::valid_verdict()
                    }
                    None => verify(t, keys, p, now),
                }
            }
            Err(why) => Verdict::invalid(format!("malformed token: {why}")),
        };
        if !detail {
            v.header = None;
            v.claims = None;
        }
        v
    };
    // One token needs no threads; asking for the core count reads cgroup files, which
    // costs a single `jot verify` more start-up time than the verification itself.
    let threads = if tokens.len() <= 1 {
        1
    } else {
        std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(tokens.len())
    };
    crate::cmd::parallel::map_all(tokens, threads, one)
}

/// Print one verdict: JSON, a bulk line, or the claims of a lone valid token.
fn render(
    out: &mut impl Write,
    a: &VerifyArgs,
    bulk: bool,
    line: usize,
    v: &Verdict,
) -> anyhow::Result<()> {
    if a.json {
        let mut j = serde_json::to_value(v)?;
        if bulk {
            j["line"] = line.into();
        }
        writeln!(out, "{}", json_line(&j)?)?;
        return Ok(());
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
            show_json(out, v.claims.as_ref().unwrap_or(&serde_json::Value::Null))?;
        }
    } else {
        let why = sanitize(&v.reasons.join("; ")).into_owned();
        writeln!(out, "{prefix}{b}invalid{b:#}: {why}")?;
    }
    Ok(())
}

/// Run `jot verify`.
pub fn run(a: &VerifyArgs) -> anyhow::Result<ExitCode> {
    let now = Clock::from_flag(a.now.as_deref())?.now();
    let (keys, oidc_issuer) = load_keys(a, now)?;
    let p = policy(a, oidc_issuer)?;
    let nested = a
        .decrypt_key
        .as_deref()
        .map(crate::cmd::decrypt::decrypt_keys)
        .transpose()?;
    let nested = nested.as_deref();
    // Buffered, flushed after each batch: bulk output is one line per token.
    let mut out = crate::cmd::bulk_out::BatchOut::stdout();
    if a.token != "-" {
        let t: Line = (1, Ok(pasted(&a.token, None).to_owned()));
        let v = verify_all(std::slice::from_ref(&t), &keys, &p, now, true, nested)?;
        render(&mut out, a, false, 1, &v[0])?;
        out.flush()?;
        return Ok(ExitCode::verdict(v[0].valid));
    }
    let rx = stdin_lines();
    let (mut seen, mut all_valid) = (0usize, true);
    while let Some(batch) = next_batch(&rx)? {
        let verdicts = verify_all(&batch, &keys, &p, now, a.json, nested)?;
        for ((line, t), v) in batch.iter().zip(&verdicts) {
            if let Some(t) = t.as_deref().ok().filter(|t| paste(t).describe().is_some()) {
                out.flush()?;
                pasted(t, Some(*line));
            }
            render(&mut out, a, true, *line, v)?;
            all_valid &= v.valid;
        }
        seen += batch.len();
        out.flush()?;
    }
    if seen == 0 {
        return Err(Error::input("no token given (stdin was empty)").into());
    }
    Ok(ExitCode::verdict(all_valid))
}
