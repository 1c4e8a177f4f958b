//! `jot dpop proof` and `jot dpop check`: read the key or the proof, call `dpop`, print the
//! proof, or the verdict (claims when valid, the failed checks when not, every check with
//! --json). Exit 0 valid, 1 a check failed, 2 not a token.

use std::io::Write;

use serde_json::json;

use crate::cli::{DpopArgs, DpopCheckArgs, DpopCommand, DpopProofArgs};
use crate::clock::{parse_duration, Clock};
use crate::cmd::output::{emit, json_line, show_json, warned};
use crate::dpop::{self, htu, Expect, Request};
use crate::keys::source::read_one_key;
use crate::term::{sanitize, style};
use crate::{Error, ExitCode, Result};

/// Run `jot dpop`.
pub(crate) fn run(a: &DpopArgs) -> anyhow::Result<ExitCode> {
    match &a.command {
        DpopCommand::Proof(p) => proof(p),
        DpopCommand::Check(c) => check(c),
    }
}

fn proof(a: &DpopProofArgs) -> anyhow::Result<ExitCode> {
    let now = Clock::from_flag(a.now.as_deref())?.now();
    let key = warned(read_one_key(
        &a.key,
        a.passphrase_file.as_deref(),
        false,
        false,
        None,
    )?);
    let alg = a.alg.unwrap_or_else(|| key.default_alg());
    let ath = a
        .ath
        .as_deref()
        .map(|t| crate::cmd::output::pasted(t, None));
    let token = dpop::make(
        &key,
        alg,
        &Request {
            htm: &a.htm,
            htu: &a.htu,
            access_token: ath.as_deref(),
            nonce: a.nonce.as_deref(),
            now,
        },
    )?;
    emit(None, format!("{token}\n").as_bytes(), false, false)?;
    Ok(ExitCode::Success)
}

/// The proof argument, or the first line of stdin for `-`.
fn read_proof(arg: &str) -> Result<String> {
    crate::cmd::tokens_in(arg)?
        .into_iter()
        .next()
        .map(|(_, t)| crate::cmd::output::pasted(&t, None).into_owned())
        .ok_or_else(|| Error::input("no proof on stdin"))
}

fn check(a: &DpopCheckArgs) -> anyhow::Result<ExitCode> {
    let now = Clock::from_flag(a.now.as_deref())?.now();
    htu::normalise(&a.htu).map_err(|why| Error::usage(format!("--htu {:?}: {why}", a.htu)))?;
    let proof = read_proof(&a.proof)?;
    let access_token = a
        .access_token
        .as_deref()
        .map(|t| crate::cmd::output::pasted(t, None));
    let e = Expect {
        htm: &a.htm,
        htu: &a.htu,
        access_token: access_token.as_deref(),
        nonce: a.nonce.as_deref(),
        jkt: a.jkt.as_deref(),
        jkt_from_token: true,
        max_age: parse_duration(&a.max_age)?,
        leeway: parse_duration(&a.leeway)?,
        now,
    };
    let r = dpop::check(&proof, &e)?;
    let mut out = anstream::stdout().lock();
    if a.json {
        let v = json!({
            "valid": r.valid,
            "checks": r.checks,
            "jkt": r.jkt,
            "header": r.header,
            "claims": r.claims,
        });
        writeln!(out, "{}", json_line(&v)?)?;
    } else if r.valid {
        show_json(
            &mut out,
            r.claims.as_ref().unwrap_or(&serde_json::Value::Null),
        )?;
    } else {
        let b = style::BAD;
        let why = sanitize(&r.reasons().join("; ")).into_owned();
        writeln!(out, "{b}invalid{b:#}: {why}")?;
    }
    out.flush()?;
    Ok(ExitCode::verdict(r.valid))
}
