//! `jot decrypt`: one verdict per token, plaintext only after its tag checks. On a pipe or
//! a file the plaintext is byte-exact (one token, or `line N: ` lines in bulk); on a
//! terminal JSON is pretty-printed and binary plaintext is refused (use --out or a pipe).

use std::io::{IsTerminal, Write};

use serde_json::{json, Value};

use crate::alg::{Enc, KeyAlg};
use crate::bulk::decrypt::{decrypt_one, open_batch, Done, Opened, Prefix};
use crate::cli::DecryptArgs;
use crate::clock::Clock;
use crate::cmd::output::{emit, json_line, show_json, warned};
use crate::cmd::tokens_in;
use crate::jwe::{self, Decrypted, Failure, Policy};
use crate::term::{sanitize, style, Out};
use crate::{b64, Error, ExitCode, Result};

/// The policy the flags describe.
pub(crate) fn policy(a: &DecryptArgs) -> Result<Policy> {
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
pub(crate) fn plaintext_json(plaintext: &[u8]) -> (&'static str, Value) {
    if let Ok(v) = serde_json::from_slice::<Value>(plaintext) {
        return ("plaintext", v);
    }
    match std::str::from_utf8(plaintext) {
        Ok(s) => ("plaintext", Value::String(s.to_owned())),
        Err(_) => ("plaintext_b64url", Value::String(b64::encode(plaintext))),
    }
}

fn verdict_json(r: &std::result::Result<Decrypted, Failure>) -> Value {
    match r {
        Ok(d) => {
            let (k, v) = plaintext_json(&d.plaintext);
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
fn show_bulk_plaintext(out: &mut Out, prefix: &str, plaintext: &[u8], tty: bool) -> Result<()> {
    let io = stdout_error;
    if !tty {
        out.write_all(prefix.as_bytes()).map_err(io)?;
        out.raw(plaintext).map_err(io)?;
        return out.write_all(b"\n").map_err(io);
    }
    let shown = match plaintext_json(plaintext) {
        _ if is_binary(plaintext) => format!(
            "({} bytes of binary data; not written to a terminal: use --json, or pipe the output)",
            plaintext.len()
        ),
        ("plaintext", Value::String(s)) => sanitize(&s).into_owned(),
        (_, v) => json_line(&v).map_err(|e| Error::input(format!("cannot render JSON: {e}")))?,
    };
    writeln!(out, "{prefix}{shown}").map_err(io)
}

/// Print a failure (with its hint on stderr) as verify prints an invalid token.
pub(crate) fn show_failure(out: &mut impl Write, prefix: &str, f: &Failure) -> std::io::Result<()> {
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

/// Run `jot decrypt`.
pub(crate) fn run(a: &DecryptArgs) -> anyhow::Result<ExitCode> {
    // No --now: the clock only judges the freshness of a cached JWKS.
    let now = Clock::from_flag(None)?.now();
    let got = crate::jwe::recipient::load(&a.key.spec(), &a.key.resolver(now))?;
    let keys = warned((got.keys, got.warnings));
    let p = policy(a)?;
    if a.token == "-" && a.out.is_none() && !crate::bulk::stream::stdin_holds_one_token()? {
        return Ok(run_stream(a, &keys, &p)?);
    }
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
        let line = bulk.then_some(*line);
        match &r {
            Ok(d) if !bulk && !a.json => {
                note_recipient(&mut out, d, recipient)?;
                match &a.out {
                    Some(path) => emit(Some(path), &d.plaintext, true, a.force)?,
                    None => show_plaintext(&mut out, d, tty)?,
                }
            }
            _ => show_verdict(&mut out, a, line, Some(t), &r, recipient, tty)?,
        }
    }
    out.flush()?;
    Ok(ExitCode::verdict(all_ok))
}

/// Say on stderr which recipient of a JSON-serialized token decrypted it.
fn note_recipient(out: &mut Out, d: &Decrypted, recipient: Option<usize>) -> Result<()> {
    let Some(i) = recipient else { return Ok(()) };
    let kid = d.header.get("kid").and_then(Value::as_str);
    let kid = kid.map(|k| format!(" (kid {k:?})")).unwrap_or_default();
    out.flush().map_err(stdout_error)?;
    crate::cmd::output::note(style::DIM, "recipient:", &format!("{i}{kid} decrypted"));
    Ok(())
}

/// A failed write to stdout, kept as the io error it is (a closed pipe exits 0).
fn stdout_error(e: std::io::Error) -> Error {
    Error::io(std::path::Path::new("<stdout>"), e)
}

/// Print one verdict other than a lone token's plaintext: a JSON line, a failure, or (in
/// bulk, `line` given) `line N: ` and the plaintext.
fn show_verdict(
    out: &mut Out,
    a: &DecryptArgs,
    line: Option<usize>,
    t: Option<&str>,
    r: &std::result::Result<Decrypted, Failure>,
    recipient: Option<usize>,
    tty: bool,
) -> Result<()> {
    if let (Ok(d), false) = (r, a.json) {
        note_recipient(out, d, recipient)?;
    }
    if a.json {
        let mut j = verdict_json(r);
        if let Some(ser) = t.and_then(serialization) {
            j["serialization"] = ser.into();
        }
        if let Some(i) = recipient {
            j["recipient"] = i.into();
        }
        if let Some(n) = line {
            j["line"] = n.into();
        }
        let text = json_line(&j).map_err(|e| Error::input(format!("cannot render JSON: {e}")))?;
        return writeln!(out, "{text}").map_err(stdout_error);
    }
    let prefix = line.map(|n| format!("line {n}: ")).unwrap_or_default();
    match r {
        Err(f) => show_failure(out, &prefix, f).map_err(stdout_error),
        Ok(d) => show_bulk_plaintext(out, &prefix, &d.plaintext, tty),
    }
}

/// `jot decrypt -` on compact tokens, one per line: read as a stream in bounded memory,
/// decrypted on every core, written in input order as each batch is done (src/bulk).
fn run_stream(a: &DecryptArgs, keys: &[jwe::JweKey], p: &Policy) -> Result<ExitCode> {
    let mut out = Out::stdout();
    let tty = std::io::stdout().is_terminal();
    // The opener's plaintext is written byte for byte: a pipe, without --json, takes it.
    let fast = !a.json && !tty;
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    // A line may be as long as the longest token the policy allows.
    let input = crate::bulk::stream::stdin_lines_within(cores, jwe::max_len(p) + 1024);
    let mut all_ok = true;
    let sink = |done: Done, idle: bool| {
        done.each(|o| match o {
            // Rendered in the batch's buffer: handed to stdout as it is, after what came
            // before it.
            Opened::Written(lines) => {
                out.flush().map_err(stdout_error)?;
                std::io::stdout()
                    .lock()
                    .write_all(lines)
                    .map_err(stdout_error)
            }
            Opened::Full(n, t, r, i, stripped) => {
                all_ok &= r.is_ok();
                if let Some(what) = stripped {
                    out.flush().map_err(stdout_error)?;
                    crate::cmd::output::stripped(what, Some(n));
                }
                show_verdict(&mut out, a, Some(n), t, r, i, tty)
            }
        })?;
        if idle {
            out.flush().map_err(stdout_error)?;
        }
        Ok(())
    };
    let render: Option<Prefix> = fast.then_some(line_prefix);
    let work = |b| Ok(open_batch(b, keys, p, render));
    let seen = crate::bulk::each_batch(cores, input, work, sink)?;
    out.flush().map_err(stdout_error)?;
    if seen == 0 {
        return Err(Error::input("no token given (stdin was empty)")
            .with_hint("pass the token as an argument, as @FILE, or on stdin with -"));
    }
    Ok(ExitCode::verdict(all_ok))
}

/// `line N: `, before a plaintext written byte for byte to a pipe.
fn line_prefix(n: usize, out: &mut Vec<u8>) {
    // Writing to a Vec cannot fail.
    let _ = write!(out, "line {n}: ");
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
