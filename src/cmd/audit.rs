//! `jot audit`: flags into an audit config, run it, print the text/JSON/SARIF report, exit
//! by --fail-on.

use std::io::Write;

use crate::audit::{self, report, Config};
use crate::cli::{AuditArgs, AuditFormat};
use crate::clock::{parse_duration, Clock};
use crate::cmd::keyin::read_key_file;
use crate::cmd::output::{json_text, note};
use crate::files::{read_input, MAX_INPUT};
use crate::keys::{self, Jwk};
use crate::{ExitCode, Result};

fn verification_keys(a: &AuditArgs) -> Result<Option<Vec<Jwk>>> {
    if let Some(k) = &a.key {
        return Ok(Some(read_key_file(k, None, true, false)?.into_keys()));
    }
    if let Some(j) = &a.jwks {
        let (keys, _) = keys::read_jwks_lenient(&read_input(j, MAX_INPUT)?, true)?;
        return Ok(Some(keys));
    }
    Ok(None)
}

/// Run `jot audit`.
pub fn run(a: &AuditArgs) -> anyhow::Result<ExitCode> {
    let cfg = Config {
        inputs: a.inputs.clone(),
        builtin: !a.no_builtin,
        wordlists: a.wordlist.clone(),
        keys: verification_keys(a)?,
        max_lifetime: parse_duration(&a.max_lifetime)?,
        now: Clock::from_flag(a.now.as_deref())?.now(),
        extract: a.extract,
    };
    let r = audit::run(&cfg)?;
    for s in &r.stripped {
        note(
            crate::term::style::DIM,
            "note:",
            &format!("{s} from the token"),
        );
    }
    let text = match a.format {
        AuditFormat::Text => report::to_text(&r),
        AuditFormat::Json => json_text(&report::to_json(&r))?,
        AuditFormat::Sarif => json_text(&report::to_sarif(&r))?,
    };
    anstream::stdout().lock().write_all(text.as_bytes())?;
    Ok(ExitCode::verdict(!r.fails(a.fail_on)))
}
