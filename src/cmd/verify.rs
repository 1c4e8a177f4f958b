//! `jot verify`: keys from a file, a secret, a JWKS (file or URL) or an OpenID issuer; one
//! verdict per token; many tokens on stdin are verified on every core, results in order.

use std::collections::HashSet;
use std::io::Write;

use crate::cli::VerifyArgs;
use crate::clock::Clock;
use crate::cmd::bulk_out::Pieces;
use crate::cmd::keyin::key_source;
use crate::cmd::output::{json_line, pasted, show_json, warn};
use crate::cmd::parallel::{ordered, Next};
use crate::cmd::stream::{stdin_lines, Batch};
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

/// What a bulk round needs, prepared once per run.
struct Bulk<'a> {
    a: &'a VerifyArgs,
    keys: &'a [Jwk],
    p: &'a Policy,
    now: i64,
    nested: Option<&'a [crate::jwe::JweKey]>,
    /// Plain valid tokens take the fast path (token::fast) in text mode; everything else
    /// gets verify's full verdict.
    fast: Option<Fast<'a>>,
    /// Styles are stripped from stdout: write none.
    plain: bool,
}

impl Bulk<'_> {
    /// The verdict for one token; without `detail` it drops header and claims, which bulk
    /// text output never prints.
    fn verdict(&self, t: &str, detail: bool) -> Verdict {
        let (keys, p, now) = (self.keys, self.p, self.now);
        let mut v = match self.nested {
            // Nested (RFC 7519 §5.2): decrypt, then every JWS check on the inner token.
            Some(dk) => {
                crate::cmd::decrypt::verify_nested(t, dk, |inner| verify(inner, keys, p, now))
            }
            None => verify(t, keys, p, now),
        };
        if !detail {
            v.header = None;
            v.claims = None;
        }
        v
    }

    /// Render the verdicts of a batch (one job of the worker pool), in order, and say
    /// whether all were valid. Fails closed: a verdict short is an error.
    fn render_batch(&self, batch: &Batch) -> Result<(Pieces<'static>, bool)> {
        let mut out = Pieces::default();
        let (mut answered, mut all_valid) = (0, true);
        for (line, t) in batch.lines() {
            let v = match t {
                Ok(raw) => {
                    let t = paste(raw);
                    if !t.stripped.is_empty() {
                        let raw = raw.to_owned();
                        out.stderr(move || {
                            pasted(&raw, Some(line));
                        });
                    }
                    let fast = self.nested.is_none()
                        && self.fast.as_ref().is_some_and(|f| f.is_valid_here(t.token));
                    if fast {
                        answered += 1;
                        valid_line(&mut out, line, self.plain);
                        continue;
                    }
                    self.verdict(t.token, self.a.json)
                }
                Err(why) => Verdict::invalid(format!("malformed token: {why}")),
            };
            answered += 1;
            all_valid &= v.valid;
            render(&mut out, self.a, self.plain, Some(line), &v)
                .map_err(|e| Error::input(format!("rendering a verdict failed: {e}")))?;
        }
        if answered != batch.len() {
            return Err(Error::input(format!(
                "{answered} verdicts for {} tokens; refusing to report a partial result",
                batch.len()
            )));
        }
        Ok((out, all_valid))
    }
}

/// `line N: valid`, written without the formatting machinery: in bulk HS256 runs this is
/// most of the lines, and `format!` cost as much as a tenth of a verification.
fn valid_line(out: &mut impl Write, line: usize, plain: bool) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut n = line;
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    let g = style::GOOD;
    let _ = out.write_all(b"line ");
    let _ = out.write_all(&digits[at..]);
    let _ = if plain {
        out.write_all(b": valid\n")
    } else {
        writeln!(out, ": {g}valid{g:#}")
    };
}

/// Print one verdict: JSON, a bulk line (`line` is its number), or the claims of a lone
/// valid token. Warnings go to stderr through `out`, in order with the lines.
fn render(
    out: &mut Pieces<'_>,
    a: &VerifyArgs,
    plain: bool,
    line: Option<usize>,
    v: &Verdict,
) -> anyhow::Result<()> {
    if a.json {
        let mut j = serde_json::to_value(v)?;
        if let Some(line) = line {
            j["line"] = line.into();
        }
        writeln!(out, "{}", json_line(&j)?)?;
        return Ok(());
    }
    for w in &v.warnings {
        let w = w.clone();
        out.stderr(move || warn(&w));
    }
    let b = if plain {
        anstyle::Style::new()
    } else {
        style::BAD
    };
    match line {
        Some(line) if v.valid => valid_line(out, line, plain),
        Some(_) | None if !v.valid => {
            let why = sanitize(&v.reasons.join("; ")).into_owned();
            let prefix = line.map(|l| format!("line {l}: ")).unwrap_or_default();
            writeln!(out, "{prefix}{b}invalid{b:#}: {why}")?;
        }
        _ => show_json(out, v.claims.as_ref().unwrap_or(&serde_json::Value::Null))?,
    }
    Ok(())
}

/// A failed write to stdout, kept as the io error it is (a closed pipe exits 0).
fn stdout_error(e: std::io::Error) -> Error {
    Error::io(std::path::Path::new("<stdout>"), e)
}

/// With --dpop-proof: the proof's checks and the token's cnf.jkt join the verdict, each
/// reason naming its layer (crate::dpop::bind).
fn bind_dpop(a: &VerifyArgs, token: &str, v: &mut Verdict, now: i64) -> Result<()> {
    let Some(proof) = &a.dpop_proof else {
        return Ok(());
    };
    // clap requires --htm and --htu with --dpop-proof.
    let (htm, htu) = (
        a.htm.as_deref().unwrap_or(""),
        a.htu.as_deref().unwrap_or(""),
    );
    crate::dpop::htu::normalise(htu)
        .map_err(|why| Error::usage(format!("--htu {htu:?}: {why}")))?;
    let b = crate::dpop::bind::Binding {
        proof: proof.trim(),
        htm,
        htu,
        nonce: a.dpop_nonce.as_deref(),
        max_age: match &a.dpop_max_age {
            Some(d) => crate::clock::parse_duration(d)?,
            None => crate::dpop::DEFAULT_MAX_AGE,
        },
        leeway: crate::clock::parse_duration(&a.leeway)?,
        now,
    };
    crate::dpop::bind::bind(v, token, &b)
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
    let plain = out.plain();
    let bulk = Bulk {
        a,
        keys: &keys,
        p: &p,
        now,
        nested,
        fast: None,
        plain,
    };
    if a.token != "-" {
        let token = pasted(&a.token, None);
        let mut v = bulk.verdict(token, true);
        bind_dpop(a, token, &mut v, now)?;
        let mut one = Pieces::default();
        render(&mut one, a, plain, None, &v)?;
        one.replay(&mut out)?;
        out.flush()?;
        return Ok(ExitCode::verdict(v.valid));
    }
    if a.dpop_proof.is_some() {
        return Err(
            Error::usage("--dpop-proof checks one token, not a stream on stdin")
                .with_hint("pass the access token as the argument")
                .into(),
        );
    }
    let bulk = Bulk {
        fast: (!a.json).then(|| Fast::new(&keys, &p, now)),
        ..bulk
    };
    // Asked once: the core count reads cgroup files.
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut input = stdin_lines(cores);
    let (mut seen, mut all_valid) = (0usize, true);
    // One pool for the whole run: batches are read, verified and written at once.
    let next = |wait: bool| {
        let got = input.next(wait)?;
        if let Next::Job(b) = &got {
            seen += b.len();
        }
        Ok(got)
    };
    let sink = |(pieces, ok): (Pieces<'static>, bool), idle: bool| {
        all_valid &= ok;
        pieces.replay(&mut out).map_err(stdout_error)?;
        if idle {
            out.flush().map_err(stdout_error)?;
        }
        Ok(())
    };
    ordered(cores, cores * 4, next, |b| bulk.render_batch(&b), sink)?;
    out.flush()?;
    if seen == 0 {
        return Err(Error::input("no token given (stdin was empty)").into());
    }
    Ok(ExitCode::verdict(all_valid))
}
