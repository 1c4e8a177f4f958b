//! `jot forge`: read the captured token and the attack inputs (cmd/attack_inputs.rs, shared
//! with `jot probe`), forge, write the keys to host (jku/x5u) to --out-keys, print
//! `NAME TOKEN` lines or JSON objects.

use std::io::Write;

use serde_json::json;

use crate::cli::ForgeArgs;
use crate::cmd::attack_inputs::{inputs, read_token, write_hosted};
use crate::cmd::output::note;
use crate::forge;
use crate::ExitCode;

/// Run `jot forge`.
pub(crate) fn run(a: &ForgeArgs) -> anyhow::Result<ExitCode> {
    let (original, jws) = read_token(&a.token)?;
    let request = a.htm.as_deref().zip(a.htu.as_deref());
    let (inputs, attacks) = inputs(&a.inputs, &jws, &original, request)?;
    let f = forge::forge(&jws, &attacks, &inputs)?;
    write_hosted(&a.inputs, &f)?;
    for n in &f.notes {
        note(crate::term::style::DIM, "note:", n);
    }
    let mut out = std::io::stdout().lock();
    for t in &f.tokens {
        if a.json {
            let v = json!({
                "attack": t.attack.name,
                "variant": t.variant,
                "token": t.token,
                "description": t.attack.description,
                "cve": t.attack.cve,
            });
            // A kid or claim value is attacker-chosen text: keep the JSON terminal-safe.
            let line = crate::cmd::output::json_line(&v)?;
            writeln!(out, "{line}")?;
        } else {
            writeln!(out, "{} {}", t.attack.name, crate::term::sanitize(&t.token))?;
        }
    }
    out.flush()?;
    Ok(ExitCode::Success)
}
