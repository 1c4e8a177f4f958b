//! `jot decrypt`: one verdict per token, plaintext only after its tag checks. On a pipe or
//! a file the plaintext is byte-exact (one token, or `line N: ` lines in bulk); on a
//! terminal JSON is pretty-printed and binary plaintext is refused (use --out or a pipe).

use std::io::{IsTerminal, Write};

use serde_json::{json, Value};

use crate::alg::{Enc, KeyAlg};
use crate::cli::DecryptArgs;
use crate::clock::Clock;
use crate::cmd::output::{emit, json_line, show_json, warned};
use crate::cmd::tokens_in;
use crate::jwe::{self, Decrypted, Failure, Policy};
use crate::term::{sanitize, style, Out};
use crate::{b64, Error, ExitCode, Result};

/// The policy the flags describe.
pub fn policy(a: &DecryptArgs) -> Result<Policy> {
    Ok(Policy {
        algs: a
            .alg
            .iter()
            .map(|s| KeyAlg::parse(s))
            .collect::<Result<_>>()?,
        encs: a.enc.iter().map(|s| Enc::parse(s)).collect::<Result<_>>()?,
        max_plaintext: a.max_plaintext,
        max_p2c: a.max_p2c,
        allow_rsa1_5: a.allow_rsa1_5,
        kid: None,
    })
}

/// The plaintext as JSON output: a JSON value, a string, or base64url for binary.
pub fn plaintext_json(d: &Decrypted) -> (&'static str, Value) {
    if let Ok(v) = serde_json::from_slice::<Value>(&d.plaintext) {
        return ("plaintext", v);
    }
    match std::str::from_utf8(&d.plaintext) {
        Ok(s) => ("plaintext", Value::String(s.to_owned())),
        Err(_) => ("plaintext_b64url", Value::String(b64::encode(&d.plaintext))),
    }
}

fn verdict_json(r: &std::result::Result<Decrypted, Failure>) -> Value {
    match r {
        Ok(d) => {
            let (k, v) = plaintext_json(d);
            let mut j = json!({"valid": true, "alg": d.alg.name(), "enc": d.enc.name(),
                               "header": Value::Object(d.header.clone())});
            j[k] = v;
            j
        }
        Err(f) => {
            let mut j = json!({"valid": false, "reason": f.reason});
            if let Some(h) = &f.hint {
                j["hint"] = h.clone().into();
            }
            j
        }
    }
}

fn is_binary(data: &[u8]) -> bool {
    match std::str::from_utf8(data) {
        Ok(s) => s
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')),
        Err(_) => true,
    }
}

/// Binary plaintext is never written to a terminal, as `age` refuses: it could drive the
/// terminal, and what shows is not the bytes.
fn refuse_binary_on_terminal(plaintext: &[u8]) -> Result<()> {
    if !is_binary(plaintext) {
        return Ok(());
    }
    Err(Error::usage(format!(
        "the plaintext is {} bytes of binary data; not writing it to a terminal",
        plaintext.len()
    ))
    .with_hint("pass --out FILE, or pipe the output (`| xxd` to look at it)"))
}

/// Print one plaintext for a person or a pipe. On a pipe or a file it is written byte for
/// byte, past the colour stream's strip pass.
fn show_plaintext(out: &mut Out, d: &Decrypted, tty: bool) -> anyhow::Result<()> {
    if !tty {
        out.raw(&d.plaintext)?;
        return Ok(());
    }
    refuse_binary_on_terminal(&d.plaintext)?;
    match serde_json::from_slice::<Value>(&d.plaintext) {
        Ok(v) => show_json(out, &v)?,
        Err(_) => {
            let text = String::from_utf8_lossy(&d.plaintext);
            for line in text.lines() {
                writeln!(out, "{}", sanitize(line))?;
            }
        }
    }
    Ok(())
}

/// One line of bulk output: `line N: ` then the plaintext, byte for byte on a pipe; on a
/// terminal sanitised text, or a note for binary data.
fn show_bulk_plaintext(out: &mut Out, prefix: &str, d: &Decrypted, tty: bool) -> Result<()> {
    let io = |e| Error::io(std::path::Path::new("<stdout>"), e);
    if !tty {
        out.write_all(prefix.as_bytes()).map_err(io)?;
        out.raw(&d.plaintext).map_err(io)?;
        return out.write_all(b"\n").map_err(io);
    }
    let shown = match plaintext_json(d) {
        _ if is_binary(&d.plaintext) => format!(
            "({} bytes of binary data; not written to a terminal: use --json, or pipe the output)",
            d.plaintext.len()
        ),
        ("plaintext", Value::String(s)) => sanitize(&s).into_owned(),
        (_, v) => json_line(&v).map_err(|e| Error::input(format!("cannot render JSON: {e}")))?,
    };
    writeln!(out, "{prefix}{shown}").map_err(io)
}

/// Print a failure (with its hint on stderr) as verify prints an invalid token.
pub fn show_failure(out: &mut impl Write, prefix: &str, f: &Failure) -> std::io::Result<()> {
    let b = style::BAD;
    writeln!(out, "{prefix}{b}invalid{b:#}: {}", sanitize(&f.reason))?;
    if let Some(h) = &f.hint {
        out.flush()?;
        crate::cmd::output::note(style::BOLD, "hint:", h);
    }
    Ok(())
}

/// The serialization of a JSON-serialized token (`None` for a compact one).
fn serialization(t: &str) -> Option<&'static str> {
    if !crate::token::json_ser::is_json(t) {
        return None;
    }
    let top = crate::token::json_ser::object_within(t, usize::MAX).ok()?;
    Some(if top.contains_key("recipients") {
        "general"
    } else {
        "flattened"
    })
}

/// Decrypt one token; for a JSON-serialized one, also the index of the recipient that
/// decrypted.
fn decrypt_one(
    t: &str,
    keys: &[jwe::JweKey],
    p: &Policy,
) -> (std::result::Result<Decrypted, Failure>, Option<usize>) {
    if !crate::token::json_ser::is_json(t) {
        return (jwe::decrypt(t, keys, p), None);
    }
    match jwe::json_ser::decrypt(t, keys, p) {
        Ok((i, d)) => (Ok(d), Some(i)),
        Err(f) => (Err(f), None),
    }
}

/// Run `jot decrypt`.
pub fn run(a: &DecryptArgs) -> anyhow::Result<ExitCode> {
    // No --now: the clock only judges the freshness of a cached JWKS.
    let now = Clock::from_flag(None)?.now();
    let got = crate::jwe::recipient::load(&a.key.spec(), &a.key.resolver(now))?;
    let keys = warned((got.keys, got.warnings));
    let p = policy(a)?;
    let tokens = tokens_in(&a.token)?;
    // One JSON-serialized token on stdin is one token, not a stream of lines.
    let one_json = tokens.len() == 1 && crate::token::json_ser::is_json(&tokens[0].1);
    let bulk = tokens.len() > 1 || (a.token == "-" && !one_json);
    if bulk && a.out.is_some() {
        return Err(Error::usage("--out takes one token, not a stream").into());
    }
    let mut out = Out::stdout();
    let tty = std::io::stdout().is_terminal();
    let mut all_ok = true;
    for (line, t) in &tokens {
        let t = &*crate::cmd::output::pasted(t, bulk.then_some(*line));
        let (r, recipient) = decrypt_one(t, &keys, &p);
        all_ok &= r.is_ok();
        if let (Ok(d), Some(i), false) = (&r, recipient, a.json) {
            let kid = d.header.get("kid").and_then(Value::as_str);
            let kid = kid.map(|k| format!(" (kid {k:?})")).unwrap_or_default();
            out.flush()?;
            crate::cmd::output::note(style::DIM, "recipient:", &format!("{i}{kid} decrypted"));
        }
        if a.json {
            let mut j = verdict_json(&r);
            if let Some(ser) = serialization(t) {
                j["serialization"] = ser.into();
            }
            if let Some(i) = recipient {
                j["recipient"] = i.into();
            }
            if bulk {
                j["line"] = (*line).into();
            }
            writeln!(out, "{}", json_line(&j)?)?;
            continue;
        }
        let prefix = if bulk {
            format!("line {line}: ")
        } else {
            String::new()
        };
        match &r {
            Err(f) => show_failure(&mut out, &prefix, f)?,
            Ok(d) if bulk => show_bulk_plaintext(&mut out, &prefix, d, tty)?,
            Ok(d) => match &a.out {
                Some(path) => emit(Some(path), &d.plaintext, true, a.force)?,
                None => show_plaintext(&mut out, d, tty)?,
            },
        }
    }
    out.flush()?;
    Ok(ExitCode::verdict(all_ok))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_plaintext_is_refused_on_a_terminal_with_a_hint() {
        for bin in [&b"\xff\xfe"[..], b"ok\x1b[2J", b"\0"] {
            let e = refuse_binary_on_terminal(bin).unwrap_err();
            assert!(matches!(e, Error::Usage { .. }), "{e}");
            assert!(e.hint().unwrap().contains("--out FILE"), "{e}");
        }
        for text in [
            &b"{\"a\":1}"[..],
            b"two\nlines\r\n\ttab",
            "\u{e9}".as_bytes(),
        ] {
            assert!(refuse_binary_on_terminal(text).is_ok());
        }
    }
}
