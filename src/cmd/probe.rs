//! `jot probe`: forge the attacks (as `jot forge` would), send them to the endpoint with
//! the baselines, print the report in the chosen format, exit 1 when any is accepted.

use std::sync::atomic::{AtomicBool, Ordering};

use crate::cli::{ProbeArgs, ProbeFormat};
use crate::cmd::forge::{inputs, read_token, write_hosted};
use crate::cmd::output::{json_text, note, warn};
use crate::forge;
use crate::probe::discover;
use crate::probe::http::{parse_rate, parse_timeout, Client, DpopClient, Placement, Target};
use crate::probe::report::{self, Show};
use crate::probe::{self, Failure, Limits};
use crate::term::sanitize;
use crate::{Error, ExitCode};

/// Response bodies are read up to this many bytes; the rest is never read.
const MAX_BODY: u64 = 1024 * 1024;

/// Set by the Ctrl-C handler: the probe stops and the report so far is printed.
static STOP: AtomicBool = AtomicBool::new(false);

/// Where the token goes: --header, --cookie, else `Authorization: DPoP` with --dpop-key or
/// `Authorization: Bearer`.
fn placement(a: &ProbeArgs) -> crate::Result<Placement> {
    Ok(match (&a.header, &a.cookie) {
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
        match discover::from_tokens(jws, &other) {
            Ok(found) => return Ok(Some(found)),
            Err(why) => warn(&format!("no public key from the two tokens: {why}")),
        }
    }
    Ok(None)
}

/// Run `jot probe`.
pub fn run(a: &ProbeArgs) -> anyhow::Result<ExitCode> {
    let (original, jws) = read_token(&a.token[0])?;
    let placement = placement(a)?;
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
    let forgery = forge::forge(&jws, &attacks, &inputs)?;
    write_hosted(&a.inputs, &forgery)?;
    ctrlc::set_handler(|| STOP.store(true, Ordering::SeqCst))
        .map_err(|e| Error::usage(format!("cannot install the Ctrl-C handler: {e}")))?;
    let report = match probe::run(&client, &original, forgery.tokens, limits, &STOP) {
        Ok(r) => r,
        Err(Failure::Baseline(why)) => {
            return Err(Error::Network(why).into());
        }
        Err(Failure::Indistinct(why)) => {
            return Err(Error::input(format!("baselines cannot tell acceptance from rejection: {why}"))
                .with_hint("check the URL, --method and where the token goes (--header, --cookie); the endpoint must answer differently to a bad token")
                .into());
        }
    };
    let show = Show {
        tokens: a.show_tokens,
    };
    let out = match a.format {
        // Variants quote attacker-shaped text (kid values): one sanitised line at a time.
        ProbeFormat::Text => report::text(&report, show)
            .lines()
            .map(|l| format!("{}\n", sanitize(l)))
            .collect(),
        ProbeFormat::Json => json_text(&report::to_json(&report, show))?,
        ProbeFormat::Sarif => json_text(&report::to_sarif(&report, show))?,
    };
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
