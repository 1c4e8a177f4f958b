//! `jot verify`: keys from a file, a secret, a JWKS (file or URL) or an OpenID issuer; one
//! verdict per token; many tokens on stdin are verified on every core, results in order.

use std::io::{IsTerminal, Write};

use crate::bulk::out::{BatchOut, Pieces};
use crate::bulk::pool::{ordered, Next};
use crate::bulk::stream::{stdin_lines, Batch};
use crate::cli::VerifyArgs;
use crate::clock::Clock;
use crate::cmd::output::{json_line, pasted, show_json, warn};
use crate::files::read_input;
use crate::jwe::nested::keys_of_file;
use crate::keys::source::{require_keys, resolve_set, FromCache, Net, Resolver};
use crate::keys::Jwk;
use crate::term::{sanitize, style};
use crate::token::fast::Fast;
use crate::token::paste;
use crate::token::verify::{Policy, Verdict};
use crate::token::verify_keys::check_keys;
use crate::verdict::Judge;
use crate::{Error, ExitCode, Result};

/// The kid the one token given asks for (`--kid`, else its header's), if any.
fn wanted_kid(a: &VerifyArgs) -> Option<String> {
    if a.kid.is_some() || a.token == "-" {
        return a.kid.clone();
    }
    match crate::token::parse(&paste(&a.token).token) {
        Ok(crate::token::Parsed::Jws(j)) => j.kid().map(str::to_owned),
        _ => None,
    }
}

/// The caller's keys, from the one source clap's ArgGroup allows (a PEM file with several
/// keys is a key set here), the issuer for --oidc, and where keys came from the cache.
fn load_keys(a: &VerifyArgs, now: i64) -> Result<(Vec<Jwk>, Option<String>, Option<FromCache>)> {
    if !a.trust_anchor.is_empty() {
        // The keys come from each token's x5c, once its chain validates (Policy).
        return Ok((Vec::new(), None, None));
    }
    let kid = wanted_kid(a);
    let set = resolve_set(&a.key_sources(), &a.resolver(now, kid.as_deref()))?;
    let Some(mut set) = set else {
        return Err(Error::usage("no key given")
            .with_hint("pass one of --key, --secret-file, --secret, --jwks or --oidc"));
    };
    for w in std::mem::take(&mut set.warnings) {
        warn(&w);
    }
    require_keys(&set)?;
    let (issuer, cached) = (set.issuer.take(), set.cached.take());
    Ok((set.all(), issuer, cached))
}

/// Say on stderr that the keys came from the cache (text output; JSON has a member).
fn note_cached(c: &FromCache) {
    crate::cmd::output::note(
        style::DIM,
        "note:",
        &format!(
            "keys from the cache of {}, fetched {} s ago (--no-cache fetches them now)",
            c.url, c.age_s
        ),
    );
}

fn policy(a: &VerifyArgs, oidc_issuer: Option<String>) -> Result<Policy> {
    let mut o = a.options();
    o.iss = o.iss.or(oidc_issuer);
    if let Some(p) = &a.denylist {
        o.denylist = String::from_utf8_lossy(&read_input(&p.to_string_lossy(), 64 * 1024 * 1024)?)
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_owned)
            .collect();
    }
    let mut p = o.policy()?;
    p.trust_anchors = crate::keys::x5c_path::anchor_files(&a.trust_anchor)?;
    Ok(p)
}

/// What a bulk round needs, prepared once per run.
struct Bulk<'a> {
    a: &'a VerifyArgs,
    /// Keys, policy and clock: the domain's verdict for one token.
    judge: Judge<'a>,
    /// Plain valid tokens take the fast path (token::fast) in text mode; everything else
    /// gets verify's full verdict.
    fast: Option<Fast<'a>>,
    /// Styles are stripped from stdout: write none.
    plain: bool,
    /// Set when the keys came from the cache: JSON verdicts say so.
    cached: Option<&'a FromCache>,
}

impl Bulk<'_> {
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
                    let fast = self.judge.nested.is_none()
                        && self
                            .fast
                            .as_ref()
                            .is_some_and(|f| f.is_valid_here(&t.token));
                    if fast {
                        answered += 1;
                        valid_line(&mut out, line, self.plain);
                        continue;
                    }
                    self.judge.verdict(&t.token, self.a.json)
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
            j["keys_from_cache"] = serde_json::to_value(c)?;
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
        _ => {
            // One valid token: the verdict line, then the claims it proved (docs/ui.md).
            let g = if plain {
                anstyle::Style::new()
            } else {
                style::GOOD
            };
            writeln!(out, "{g}valid{g:#}")?;
            show_json(out, v.claims.as_ref().unwrap_or(&serde_json::Value::Null))?
        }
    }
    Ok(())
}

/// A failed write to stdout, kept as the io error it is (a closed pipe exits 0).
fn stdout_error(e: std::io::Error) -> Error {
    Error::io(std::path::Path::new("<stdout>"), e)
}

/// One SD-JWT: the verdict on the claims rebuilt from its disclosures, and (on stderr, or
/// in the JSON) which claims were disclosed and whether a KB-JWT bound it.
fn sd_one(bulk: &Bulk<'_>, t: &str, out: &mut BatchOut) -> anyhow::Result<ExitCode> {
    let sv = bulk.judge.sd(t);
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

/// Run `jot verify`.
pub(crate) fn run(a: &VerifyArgs) -> anyhow::Result<ExitCode> {
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
        .map(|p| keys_of_file(p, "--decrypt-key", &Resolver::new(&Net, now)))
        .transpose()?;
    let kb = a.kb_policy()?;
    let judge = Judge {
        keys: &keys,
        policy: &p,
        now,
        nested: nested.as_deref(),
        kb: &kb,
    };
    // Buffered, flushed after each batch: bulk output is one line per token.
    let mut out = BatchOut::stdout();
    let plain = out.plain();
    let bulk = Bulk {
        a,
        judge,
        fast: None,
        plain,
        cached: cached.as_ref(),
    };
    if let Some(token) = crate::cmd::whole_token(&a.token)? {
        return one_token(&bulk, &token, &mut out);
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
    stream(&bulk, out)
}

/// The one token given: its verdict (an SD-JWT's in full, with --dpop-proof the proof's
/// too), rendered.
fn one_token(bulk: &Bulk, token: &str, out: &mut BatchOut) -> anyhow::Result<ExitCode> {
    let (a, judge) = (bulk.a, bulk.judge);
    let t = pasted(token, None);
    let t: &str = &t;
    if judge.is_sd(t) {
        if a.dpop_proof.is_some() {
            return Err(
                Error::usage("--dpop-proof goes with an access token, not an SD-JWT")
                    .with_hint("an SD-JWT binds its holder with a KB-JWT: --kb-aud, --kb-nonce")
                    .into(),
            );
        }
        return sd_one(bulk, t, out);
    }
    let mut v = judge.verdict(t, true);
    if let Some(b) = a.dpop_binding(judge.now)? {
        // The proof's checks and the token's cnf.jkt join the verdict, each reason
        // naming its layer.
        crate::dpop::bind::bind(&mut v, t, &b)?;
    }
    let mut one = Pieces::default();
    render(&mut one, bulk, None, &v)?;
    one.replay(out)?;
    out.flush()?;
    Ok(ExitCode::verdict(v.valid))
}

/// Tokens on stdin, one per line: verified on every core, verdicts written in order.
fn stream(bulk: &Bulk, mut out: BatchOut) -> anyhow::Result<ExitCode> {
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
