//! `jot audit`: flags into an audit config, run it, print the text/JSON/SARIF report, exit
//! by --fail-on.

use std::io::{IsTerminal, Write};

use crate::audit::{self, report, Config};
use crate::cli::{AuditArgs, AuditFormat};
use crate::clock::{parse_duration, Clock};
use crate::cmd::output::{json_text, note};
use crate::keys::source::{resolve, KeySource, Net, Resolver};
use crate::keys::Jwk;
use crate::{ExitCode, Result};

/// The keys that verify signatures: a key file or a JWKS file (never fetched: audit reads
/// files only), weak keys allowed for analysis, JWKS entries jot cannot use left out.
fn verification_keys(a: &AuditArgs) -> Result<Option<Vec<Jwk>>> {
    let src = match (&a.key, &a.jwks) {
        (Some(k), _) => KeySource::File(k.clone()),
        (None, Some(j)) => KeySource::JwksFile(j.clone()),
        (None, None) => return Ok(None),
    };
    // Files only: the clock, which judges cached key sets, is never read.
    let r = Resolver {
        cache: false,
        allow_weak: true,
        ..Resolver::new(&Net, 0)
    };
    Ok(Some(resolve(&src, &r)?.all()))
}

/// Run `jot audit`.
pub(crate) fn run(a: &AuditArgs) -> anyhow::Result<ExitCode> {
    let sarif = matches!(a.format, AuditFormat::Sarif);
    let (r, failed) = match config(a) {
        Ok(cfg) => audit::run_until_error(&cfg),
        Err(e) if sarif => (audit::Report::empty(), Some(e)),
        Err(e) => return Err(e.into()),
    };
    for s in &r.stripped {
        note(
            crate::term::style::DIM,
            "note:",
            &format!("{s} from the token"),
        );
    }
    let failed = match failed {
        Some(e) if !sarif => return Err(e.into()),
        other => other,
    };
    let mut out = crate::term::Out::stdout();
    match a.format {
        AuditFormat::Text => out.write_all(report::to_text(&r).as_bytes())?,
        AuditFormat::Json => out.write_all(json_text(&report::to_json(&r))?.as_bytes())?,
        AuditFormat::Sarif => {
            // Written even when an input failed: a CI job uploads the log either way.
            let mut log = report::to_sarif(&r);
            let why = failed.as_ref().map(|e| {
                let text = match e.hint() {
                    Some(h) => format!("{e} (hint: {h})"),
                    None => e.to_string(),
                };
                crate::net::redact_text(&text).into_owned()
            });
            report::sarif_invocation(&mut log, why.as_deref());
            out.write_all(json_text(&log)?.as_bytes())?;
        }
    }
    out.flush()?;
    match failed {
        Some(e) => Err(e.into()),
        None => Ok(ExitCode::verdict(!r.fails(a.fail_on))),
    }
}

/// The audit the flags describe. With no INPUT, stdin is read; a terminal there means no
/// input at all, a usage error rather than a wait.
fn config(a: &AuditArgs) -> Result<Config> {
    if a.inputs.is_empty() && std::io::stdin().is_terminal() {
        return Err(crate::Error::usage("no input: nothing to audit").with_hint(
            "pass tokens, files of tokens, key files or JWKS, or pipe tokens on stdin",
        ));
    }
    Ok(Config {
        inputs: a.inputs.clone(),
        builtin: !a.no_builtin,
        wordlists: a.wordlist.clone(),
        keys: verification_keys(a)?,
        max_lifetime: parse_duration(&a.max_lifetime)?,
        now: Clock::from_flag(a.now.as_deref())?.now(),
        extract: a.extract,
    })
}
