//! `jot verify`: keys from a file, a secret, a JWKS (file or URL) or an OpenID issuer; one
//! verdict per token; many tokens on stdin are verified on every core, results in order.

use std::collections::HashSet;
use std::io::{IsTerminal, Write};

use crate::bulk::out::Pieces;
use crate::bulk::pool::{ordered, Next};
use crate::bulk::stream::{stdin_lines, Batch};
use crate::cli::VerifyArgs;
use crate::clock::Clock;
use crate::cmd::keyin::key_sources;
use crate::cmd::output::{json_line, pasted, show_json, warn};
use crate::files::read_input;
use crate::keys::{read_jwks_lenient, Jwk};
use crate::net::{self, FetchOptions};
use crate::term::{sanitize, style};
use crate::token::fast::Fast;
use crate::token::options::VerifyOptions;
use crate::token::paste;
use crate::token::verify::{verify, Policy, Verdict};
use crate::token::verify_keys::check_keys;
use crate::{Error, ExitCode, Result};

fn fetch_opts(a: &VerifyArgs, now: i64) -> FetchOptions {
    let mut o = FetchOptions::new(now);
    if !a.no_cache {
        o.cache_dir = FetchOptions::default_cache_dir();
    }
    o
}

fn jwks_keys(data: &[u8], allow_weak: bool) -> Result<Vec<Jwk>> {
    let (keys, skipped) = read_jwks_lenient(data, allow_weak)?;
    for s in skipped {
        warn(&s);
    }
    if keys.is_empty() {
        return Err(Error::input("the JWKS holds no key jot can use"));
    }
    Ok(keys)
}

/// The kid the one token given asks for (`--kid`, else its header's), if any.
fn wanted_kid(a: &VerifyArgs) -> Option<String> {
    if a.kid.is_some() || a.token == "-" {
        return a.kid.clone();
    }
    match crate::token::parse(paste(&a.token).token) {
        Ok(crate::token::Parsed::Jws(j)) => j.kid().map(str::to_owned),
        _ => None,
    }
}

/// A key set from a URL through the cache; fetched again past a fresh cache entry when it
/// lacks the token's kid (`net::fetch_key_set`). Says when the keys came from the cache.
fn url_keys(url: &str, a: &VerifyArgs, now: i64) -> Result<(Vec<u8>, Option<serde_json::Value>)> {
    let kid = wanted_kid(a);
    let lacks = |body: &[u8]| {
        kid.as_deref().is_some_and(|kid| {
            read_jwks_lenient(body, a.key.allow_weak).map_or(true, |(keys, _)| {
                !keys.iter().any(|k| k.kid.as_deref() == Some(kid))
            })
        })
    };
    let got = net::fetch_key_set(url, &fetch_opts(a, now), lacks)?;
    let cached = got.cached_at.map(
        |at| serde_json::json!({"url": net::redact_url(url), "fetched_at": at, "age_s": now - at}),
    );
    Ok((got.body, cached))
}

/// The caller's keys, from the one source clap's ArgGroup allows (a PEM file with several
/// keys is a key set here), the issuer for --oidc, and where keys came from the cache.
fn load_keys(a: &VerifyArgs, now: i64) -> Result<(Vec<Jwk>, Option<String>, Cached)> {
    let loaded = key_sources(&a.key)?;
    if !a.trust_anchor.is_empty() {
        // The keys come from each token's x5c, once its chain validates (Policy).
        return Ok((Vec::new(), None, None));
    }
    if !loaded.is_empty() {
        return Ok((
            loaded.into_iter().flat_map(|l| l.all()).collect(),
            None,
            None,
        ));
    }
    if let Some(src) = &a.jwks {
        let (data, cached) = if net::is_http_url(src) {
            url_keys(src, a, now)?
        } else {
            let data = read_input(src, crate::files::MAX_INPUT).map_err(|e| e.context("--jwks"))?;
            (data, None)
        };
        let keys =
            jwks_keys(&data, a.key.allow_weak).map_err(|e| e.context(net::redact_url(src)))?;
        return Ok((keys, None, cached));
    }
    let Some(issuer) = a.oidc.as_deref() else {
        return Err(Error::usage("no key given")
            .with_hint("pass one of --key, --secret-file, --secret, --jwks or --oidc"));
    };
    let uri = net::oidc_jwks_uri(issuer, &fetch_opts(a, now))?;
    let (data, cached) = url_keys(&uri, a, now)?;
    Ok((
        jwks_keys(&data, a.key.allow_weak).map_err(|e| e.context(net::redact_url(&uri)))?,
        Some(issuer.to_owned()),
        cached,
    ))
}

/// Where the keys came from the on-disk cache: URL, fetch time and age, for the verdict.
type Cached = Option<serde_json::Value>;

/// Say on stderr that the keys came from the cache (text output; JSON has a member).
fn note_cached(c: &serde_json::Value) {
    crate::cmd::output::note(
        style::DIM,
        "note:",
        &format!(
            "keys from the cache of {}, fetched {} s ago (--no-cache fetches them now)",
            c["url"].as_str().unwrap_or_default(),
            c["age_s"]
        ),
    );
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
    let mut p = VerifyOptions {
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
        insecure_short_key: a.insecure_short_key,
        all_signatures: a.all_signatures,
        typ: a.typ.clone(),
        profile: a.profile.clone(),
        nonce: a.nonce.clone(),
    }
    .policy()?;
    p.trust_anchors = crate::keys::x5c_path::anchor_files(&a.trust_anchor)?;
    Ok(p)
}

/// What a bulk round needs, prepared once per run.
struct Bulk<'a> {
    a: &'a VerifyArgs,
    keys: &'a [Jwk],
    p: &'a Policy,
    now: i64,
    nested: Option<&'a [crate::jwe::JweKey]>,
    /// Key binding asked of SD-JWT presentations.
    kb: &'a crate::sdjwt::KbPolicy,
    /// Plain valid tokens take the fast path (token::fast) in text mode; everything else
    /// gets verify's full verdict.
    fast: Option<Fast<'a>>,
    /// Styles are stripped from stdout: write none.
    plain: bool,
    /// Set when the keys came from the cache: JSON verdicts say so.
    cached: Option<&'a serde_json::Value>,
}

impl Bulk<'_> {
    /// The verdict for one token; without `detail` it drops header and claims, which bulk
    /// text output never prints.
    fn verdict(&self, t: &str, detail: bool) -> Verdict {
        let (keys, p, now) = (self.keys, self.p, self.now);
        if self.nested.is_none() && crate::sdjwt::looks_like(t) {
            // An SD-JWT is verified in full (disclosures, KB-JWT), never as its JWS alone.
            return crate::sdjwt::verify(t, keys, p, self.kb, now).verdict;
        }
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
    fn render_batch(&self, batch: &Batch) -> Result<(Pieces<'static>, Vec<String>)> {
        let mut out = Pieces::default();
        // The first reason of each invalid token, for the summary on a terminal.
        let (mut answered, mut invalid) = (0, Vec::new());
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
            if !v.valid {
                invalid.push(v.reasons.first().cloned().unwrap_or_default());
            }
            render(&mut out, self, Some(line), &v)
                .map_err(|e| Error::input(format!("rendering a verdict failed: {e}")))?;
        }
        if answered != batch.len() {
            return Err(Error::input(format!(
                "{answered} verdicts for {} tokens; refusing to report a partial result",
                batch.len()
            )));
        }
        Ok((out, invalid))
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
    ctx: &Bulk,
    line: Option<usize>,
    v: &Verdict,
) -> anyhow::Result<()> {
    let (a, plain) = (ctx.a, ctx.plain);
    if a.json {
        let mut j = serde_json::to_value(v)?;
        if let Some(line) = line {
            j["line"] = line.into();
        }
        if let Some(c) = ctx.cached {
            j["keys_from_cache"] = c.clone();
        }
        writeln!(out, "{}", json_line(&j)?)?;
        return Ok(());
    }
    for w in &v.warnings {
        let w = w.clone();
        out.stderr(move || warn(&w));
    }
    if let Some(anchor) = &v.x5c_anchor {
        let note = format!("chain validated to trust anchor {}", sanitize(anchor));
        out.stderr(move || crate::cmd::output::note(style::DIM, "x5c:", &note));
    }
    if let Some(note) = v.json.as_ref().and_then(|j| j.note()) {
        out.stderr(move || crate::cmd::output::note(style::DIM, "signature:", &note));
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

fn kb_policy(a: &VerifyArgs) -> Result<crate::sdjwt::KbPolicy> {
    Ok(crate::sdjwt::KbPolicy {
        aud: a.sd.kb_aud.clone(),
        nonce: a.sd.kb_nonce.clone(),
        max_age: crate::clock::parse_duration(&a.sd.kb_max_age)?,
        require: a.sd.require_kb,
    })
}

/// One SD-JWT: the verdict on the claims rebuilt from its disclosures, and (on stderr, or
/// in the JSON) which claims were disclosed and whether a KB-JWT bound it.
fn sd_one(
    bulk: &Bulk<'_>,
    t: &str,
    out: &mut crate::bulk::out::BatchOut,
) -> anyhow::Result<ExitCode> {
    let sv = crate::sdjwt::verify(t, bulk.keys, bulk.p, bulk.kb, bulk.now);
    let mut one = Pieces::default();
    if bulk.a.json {
        writeln!(one, "{}", json_line(&serde_json::to_value(&sv)?)?)?;
    } else {
        render(&mut one, bulk, None, &sv.verdict)?;
        if sv.verdict.valid {
            let mut said = match sv.disclosed.len() {
                0 => "nothing".to_owned(),
                _ => sv.disclosed.join(", "),
            };
            if sv.key_binding {
                said.push_str(" (bound to the holder by a verified KB-JWT)");
            }
            one.stderr(move || crate::cmd::output::note(style::DIM, "disclosed:", &said));
        }
    }
    one.replay(out)?;
    out.flush()?;
    Ok(ExitCode::verdict(sv.verdict.valid))
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
    let (keys, oidc_issuer, cached) = load_keys(a, now)?;
    if let Some(c) = cached.as_ref().filter(|_| !a.json) {
        note_cached(c);
    }
    let p = policy(a, oidc_issuer)?;
    for w in check_keys(&keys, &p)? {
        warn(&w);
    }
    if p.iss.is_none() && !a.json && std::io::stderr().is_terminal() {
        // Only for a person: a script asked for exactly the checks it passed.
        crate::cmd::output::note(
            style::DIM,
            "note:",
            "the issuer was not checked: a token from any issuer holding these keys passes \
             (--iss ISSUER, or --oidc ISSUER, checks it)",
        );
    }
    let nested = a
        .decrypt_key
        .as_deref()
        .map(crate::cmd::decrypt::decrypt_keys)
        .transpose()?;
    let nested = nested.as_deref();
    let kb = kb_policy(a)?;
    // Buffered, flushed after each batch: bulk output is one line per token.
    let mut out = crate::bulk::out::BatchOut::stdout();
    let plain = out.plain();
    let bulk = Bulk {
        a,
        keys: &keys,
        p: &p,
        now,
        nested,
        kb: &kb,
        fast: None,
        plain,
        cached: cached.as_ref(),
    };
    if let Some(token) = crate::cmd::whole_token(&a.token)? {
        let t = pasted(&token, None);
        if nested.is_none() && crate::sdjwt::looks_like(t) {
            if a.dpop_proof.is_some() {
                return Err(
                    Error::usage("--dpop-proof goes with an access token, not an SD-JWT")
                        .with_hint("an SD-JWT binds its holder with a KB-JWT: --kb-aud, --kb-nonce")
                        .into(),
                );
            }
            return sd_one(&bulk, t, &mut out);
        }
        let mut v = bulk.verdict(t, true);
        bind_dpop(a, t, &mut v, now)?;
        let mut one = Pieces::default();
        render(&mut one, &bulk, None, &v)?;
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
        // The fast path never reads x5c: anchors take the path that validates chains.
        fast: (!a.json && a.trust_anchor.is_empty()).then(|| Fast::new(&keys, &p, now)),
        ..bulk
    };
    // Asked once: the core count reads cgroup files.
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut input = stdin_lines(cores);
    let (mut seen, mut summary) = (0usize, crate::token::summary::Summary::default());
    // One pool for the whole run: batches are read, verified and written at once.
    let next = |wait: bool| {
        let got = input.next(wait)?;
        if let Next::Job(b) = &got {
            seen += b.len();
        }
        Ok(got)
    };
    let sink = |(pieces, invalid): (Pieces<'static>, Vec<String>), idle: bool| {
        summary.add_invalid(invalid);
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
    if std::io::stderr().is_terminal() {
        // For a person at a terminal only: piped, stderr stays free of it.
        for (i, line) in summary.lines(seen).iter().enumerate() {
            let label = if i == 0 { "summary:" } else { "        " };
            crate::cmd::output::note(style::BOLD, label, line);
        }
    }
    Ok(ExitCode::verdict(summary.invalid == 0))
}
