//! `jot probe`: forge the attacks (as `jot forge` would), send them to the endpoint with
//! the baselines, print the report in the chosen format, exit 1 when any is accepted.

use std::sync::atomic::{AtomicBool, Ordering};

use crate::cli::{ProbeArgs, ProbeFormat};
use crate::cmd::attack_inputs::{inputs, read_token, write_hosted};
use crate::cmd::output::{json_text, note, pasted, warn};
use crate::files::{read_input, MAX_INPUT};
use crate::forge;
use crate::probe::baseline::Markers;
use crate::probe::discover;
use crate::probe::http::{parse_rate, parse_timeout, Client, DpopClient, Placement, Target};
use crate::probe::report::{self, Show};
use crate::probe::{self, coverage, origin, Failure, Limits};
use crate::term::{sanitize, style};
use crate::{Error, ExitCode};

/// Response bodies are read up to this many bytes; the rest is never read.
const MAX_BODY: u64 = 1024 * 1024;

/// Set by the Ctrl-C handler: the probe stops and the report so far is printed.
static STOP: AtomicBool = AtomicBool::new(false);

/// Where the token goes: --header, --cookie, else every header line the token was given
/// in, else `Authorization: DPoP` with --dpop-key or `Authorization: Bearer`.
fn placement(a: &ProbeArgs, found: Option<Placement>) -> crate::Result<Placement> {
    Ok(match (&a.header, &a.cookie) {
        (None, None) if found.is_some() => found.unwrap_or_else(Placement::bearer),
        (Some(h), _) => Placement::header(h)?,
        (None, Some(c)) if !c.is_empty() && !c.contains(['=', ';', ' ']) => {
            Placement::Cookie(c.clone())
        }
        (None, Some(c)) => {
            return Err(Error::usage(format!("--cookie {c:?} is not a cookie name")))
        }
        (None, None) if a.inputs.dpop_key.is_some() => Placement::dpop(),
        (None, None) => Placement::bearer(),
    })
}

/// The server's public key from `--discover` and/or a second `--token` (sign2n), when
/// neither `--public-key` nor anything else gave one; why not, as warnings.
fn discovered(
    a: &ProbeArgs,
    jws: &crate::token::Jws,
    now: i64,
) -> crate::Result<Option<discover::Found>> {
    if a.discover {
        let opts = crate::net::FetchOptions {
            timeout: parse_timeout(&a.timeout)?,
            ..crate::net::FetchOptions::new(now)
        };
        match discover::from_server(&a.url, jws, &opts) {
            Ok(found) => return Ok(Some(found)),
            Err(tried) => {
                for t in tried {
                    warn(&format!("--discover: {}", sanitize(&t)));
                }
            }
        }
    }
    if let Some(second) = a.token.get(1) {
        let (_, other) = read_token(second)?;
        // e = 65537 runs a gcd of numbers over 100 million bits (GMP): minutes, not seconds.
        note(
            style::DIM,
            "sign2n:",
            "recovering the RSA key from the two tokens (a minute or more for e = 65537)",
        );
        match discover::from_tokens(jws, &other) {
            Ok(found) => return Ok(Some(found)),
            Err(why) => warn(&format!("no public key from the two tokens: {why}")),
        }
    }
    Ok(None)
}

/// Run `jot probe`.
pub(crate) fn run(a: &ProbeArgs) -> anyhow::Result<ExitCode> {
    let (original, jws, found) = original_token(&a.token[0])?;
    let placement = placement(a, found)?;
    let limits = limits(a)?;
    let method = a.method.to_ascii_uppercase();
    let (mut inputs, mut attacks) = inputs(&a.inputs, &jws, &original, Some((&method, &a.url)))?;
    if inputs.public_key.is_none() {
        if let Some(found) = discovered(a, &jws, inputs.now)? {
            note(
                crate::term::style::DIM,
                "discovered",
                &sanitize(&found.source),
            );
            inputs.public_key = Some(found.key);
            if a.inputs.attacks.is_empty() {
                attacks = forge::applicable(&jws, &inputs);
            }
        }
    }
    let dpop = inputs.dpop.as_ref().map(|d| DpopClient {
        key: d.key.clone(),
        now: inputs.now,
    });
    let client = client(a, method, placement, dpop)?;
    let forgery = forge::forge(&jws, &attacks, &inputs)?;
    let explicit = !a.inputs.attacks.is_empty();
    let mut coverage = coverage::plan(&jws, &inputs, &attacks, explicit, &forgery.tokens);
    let markers = Markers {
        accepted_text: a.accepted_text.clone(),
        rejected_text: a.rejected_text.clone(),
        accepted_status: a.accepted_status.clone(),
    };
    write_hosted(&a.inputs, &forgery)?;
    let mut report = send(&client, &original, forgery.tokens, limits, markers)?;
    coverage::count_sent(&mut coverage, &report.outcomes);
    report.coverage = coverage;
    let out = render(a, &report)?;
    crate::cmd::output::emit(None, out.as_bytes(), false, false)?;
    // Nothing accepted means nothing when the server stopped accepting even the original.
    if let Some(drift) = report.recheck.as_ref().and_then(|c| c.drift()) {
        if !report.any_accepted() {
            return Err(Error::input(format!("nothing to conclude: {drift}"))
                .with_hint(
                    "the server (or a proxy) may rate-limit or block: lower --rate and probe again",
                )
                .into());
        }
    }
    Ok(ExitCode::verdict(!report.any_accepted()))
}

/// --rate and --max-requests, checked.
fn limits(a: &ProbeArgs) -> anyhow::Result<Limits> {
    let limits = Limits {
        rate: parse_rate(&a.rate)?,
        max_requests: a.max_requests,
    };
    if limits.max_requests < 4 {
        return Err(Error::usage(
            "--max-requests must allow the two baselines, one forged token and the closing recheck (4 or more)",
        )
        .into());
    }
    Ok(limits)
}

/// The HTTP client for the target the flags describe.
fn client(
    a: &ProbeArgs,
    method: String,
    placement: Placement,
    dpop: Option<DpopClient>,
) -> anyhow::Result<Client> {
    let target = Target {
        url: a.url.clone(),
        method,
        placement,
        data: a.data.clone(),
        timeout: parse_timeout(&a.timeout)?,
        max_body: MAX_BODY,
        insecure: a.insecure,
        dpop,
    };
    let client = Client::new(target)?;
    if a.insecure {
        warn("--insecure: TLS certificates are not verified; anyone on the path can answer for the server");
    }
    Ok(client)
}

/// Send the baselines and the forged tokens, with a progress line on a terminal and Ctrl-C
/// stopping early; a probe that cannot start is an error.
fn send(
    client: &Client,
    original: &str,
    tokens: Vec<forge::Forged>,
    limits: Limits,
    markers: Markers,
) -> anyhow::Result<probe::Report> {
    ctrlc::set_handler(|| STOP.store(true, Ordering::SeqCst))
        .map_err(|e| Error::usage(format!("cannot install the Ctrl-C handler: {e}")))?;
    // The one progress line crack draws too (term::progress): terminal only, redrawn in place.
    let shown = crate::term::progress::enabled();
    let started = std::time::Instant::now();
    let mut progress = |n: usize, m: usize, name: &'static str| {
        if shown {
            let secs = started.elapsed().as_secs();
            let line = format!("attack {n} of {m}: {name}  {secs}s");
            crate::term::progress::draw(&mut std::io::stderr().lock(), &line);
        }
    };
    let run = probe::run(
        client,
        original,
        tokens,
        limits,
        markers,
        &STOP,
        &mut progress,
    );
    if shown {
        crate::term::progress::clear(&mut std::io::stderr().lock());
    }
    match run {
        Ok(r) => Ok(r),
        Err(Failure::Baseline(why)) => Err(Error::Network(why).into()),
        Err(Failure::Indistinct(why)) => {
            Err(Error::input(format!("baselines cannot tell acceptance from rejection: {why}"))
                .with_hint("check the URL, --method and where the token goes (--header, --cookie); the endpoint must answer differently to a bad token")
                .into())
        }
    }
}

/// The report in the chosen format.
fn render(a: &ProbeArgs, report: &probe::Report) -> anyhow::Result<String> {
    let show = Show {
        tokens: a.show_tokens,
    };
    Ok(match a.format {
        // Variants quote attacker-shaped text (kid values): one sanitised line at a time.
        ProbeFormat::Text => report::text(report, show)
            .lines()
            .map(|l| format!("{}\n", sanitize(l)))
            .collect(),
        ProbeFormat::Json => json_text(&report::to_json(report, show))?,
        ProbeFormat::Sarif => json_text(&report::to_sarif(report, show))?,
    })
}

/// The original token, and the header lines it came in when it was given as whole
/// `Cookie:`/`Authorization:` lines (literally, from @FILE or from stdin).
fn original_token(arg: &str) -> crate::Result<(String, crate::token::Jws, Option<Placement>)> {
    let text = match arg.strip_prefix('@') {
        Some(p) => String::from_utf8_lossy(&read_input(p, MAX_INPUT)?).into_owned(),
        None if arg == "-" => String::from_utf8_lossy(&read_input("-", MAX_INPUT)?).into_owned(),
        None => arg.to_owned(),
    };
    if let Some(f) = origin::locate(&text) {
        // Said once, as every command says what it stripped; the forged tokens go back
        // into the same lines.
        pasted(&text, None);
        let (t, jws) = read_token(&f.token)?;
        return Ok((t, jws, Some(f.placement)));
    }
    if arg != "-" {
        let (t, jws) = read_token(arg)?;
        return Ok((t, jws, None));
    }
    // Stdin is read now: a JSON-serialized token whole, else its first token (a token
    // wrapped over lines is one), as `read_token` would have.
    let first = crate::cmd::tokens_of_text(&text, "-")?.into_iter().next();
    let one = first.map(|(_, t)| t).unwrap_or_default();
    let (t, jws) = read_token(&one)?;
    Ok((t, jws, None))
}
