//! `jot decode`: header and payload of tokens, unverified and saying so; time claims
//! annotated; warnings for dangerous headers. Everything printed is sanitised.

use std::io::Write;

use serde_json::{json, Map, Value};

use crate::cli::DecodeArgs;
use crate::clock::{format_utc, relative, Clock};
use crate::cmd::output::{json_line, pasted, report_error, show_json, warn};
use crate::cmd::tokens_in;
use crate::keys::source::{Net, Resolver};
use crate::term::{sanitize, style};
use crate::token::claims::numeric_date;
use crate::token::hazards::header_warnings;
use crate::token::{parse, Jws, Parsed};
use crate::{b64, Error, ExitCode};

const TIME_CLAIMS: &[&str] = &["iat", "nbf", "exp", "auth_time"];

pub(crate) fn show_jws(out: &mut impl Write, j: &Jws, now: i64) -> std::io::Result<()> {
    let (w, b, d) = (style::WARN, style::BOLD, style::DIM);
    writeln!(
        out,
        "{w}NOT VERIFIED{w:#} {d}(decode shows what a token says; `jot verify` checks it){d:#}"
    )?;
    writeln!(out, "{b}header{b:#}")?;
    show_json(out, &Value::Object(j.header.clone()))?;
    writeln!(out, "{b}payload{b:#}")?;
    match &j.payload {
        Some(v) => show_json(out, v)?,
        None => writeln!(out, "{} bytes, not JSON", j.payload_raw.len())?,
    }
    if let Some(c) = j.claims() {
        let times: Vec<_> = TIME_CLAIMS
            .iter()
            .filter_map(|k| c.get(*k).map(|v| (*k, v)))
            .collect();
        if !times.is_empty() {
            writeln!(out, "{b}times{b:#}")?;
        }
        for (k, v) in times {
            let note = match numeric_date(v) {
                Ok(t) => {
                    let rel = relative(t, now);
                    let phrase = match (k, t >= now) {
                        ("exp", true) => format!("expires {rel}"),
                        ("exp", false) => format!("expired {rel}"),
                        ("nbf", true) => format!("valid {rel}"),
                        _ => rel,
                    };
                    format!("{}  {phrase}", format_utc(t))
                }
                Err(_) => "not a NumericDate".into(),
            };
            writeln!(out, "  {k:<9} {}", sanitize(&note))?;
        }
    }
    let alg = sanitize(j.alg().unwrap_or("?")).into_owned();
    writeln!(out, "{b}signature{b:#} {} bytes ({alg})", j.signature.len())?;
    for warning in header_warnings(&j.header, j.claims()) {
        writeln!(out, "{w}warning:{w:#} {}", sanitize(&warning))?;
    }
    if let Some(x5c) = j.header.get("x5c") {
        show_x5c(out, x5c)?;
    }
    Ok(())
}

/// An x5c chain: each certificate's subject, issuer and validity (nothing is validated).
fn show_x5c(out: &mut impl Write, x5c: &Value) -> std::io::Result<()> {
    let b = style::BOLD;
    match crate::keys::x5c::read_chain(x5c) {
        Ok(chain) => {
            writeln!(
                out,
                "{b}x5c chain{b:#} (not validated; verify never uses it)"
            )?;
            for (i, c) in chain.iter().enumerate() {
                let line = format!(
                    "[{i}] subject {}; issuer {}; valid {} to {}",
                    c.subject,
                    c.issuer,
                    format_utc(c.not_before),
                    format_utc(c.not_after)
                );
                writeln!(out, "  {}", sanitize(&line))?;
            }
        }
        Err(e) => writeln!(
            out,
            "{b}x5c chain{b:#} cannot be read: {}",
            sanitize(&e.to_string())
        )?,
    }
    Ok(())
}

/// A JSON-serialized token: every signature's (or recipient's) headers, then the payload.
fn show_json_token(out: &mut impl Write, t: &str, json: bool, now: i64) -> anyhow::Result<()> {
    let top = crate::token::json_ser::object(t)?;
    if top.contains_key("ciphertext") {
        let d = crate::jwe::json_ser::describe(&top)?;
        if json {
            writeln!(out, "{}", json_line(&d)?)?;
        } else {
            writeln!(
                out,
                "a JWE (encrypted token, {} JSON serialization): only its headers can be read",
                d["serialization"].as_str().unwrap_or("?")
            )?;
            show_json(out, &d)?;
        }
        return Ok(());
    }
    let j = crate::token::json_ser::parse_object(&top)?;
    if json {
        writeln!(out, "{}", json_line(&j.describe())?)?;
        return Ok(());
    }
    // Signature 0 with the payload as a compact token is shown, then every signature.
    show_jws(out, &j.jws(0), now)?;
    let (b, w) = (style::BOLD, style::WARN);
    let n = j.signatures.len();
    writeln!(
        out,
        "{b}{} serialization{b:#}, {n} signature(s)",
        j.serialization.name()
    )?;
    for (i, s) in j.signatures.iter().enumerate() {
        writeln!(
            out,
            "{b}signature {i}{b:#} {} bytes; protected header:",
            s.signature.len()
        )?;
        show_json(out, &Value::Object(s.protected.clone()))?;
        if !s.header.is_empty() {
            writeln!(
                out,
                "{b}signature {i}{b:#} unprotected header (not covered by the signature):"
            )?;
            show_json(out, &Value::Object(s.header.clone()))?;
        }
        let mut merged = s.protected.clone();
        merged.extend(s.header.clone());
        for warning in header_warnings(&merged, None) {
            writeln!(out, "{w}warning:{w:#} {}", sanitize(&warning))?;
        }
    }
    Ok(())
}

/// An SD-JWT as `sdjwt::inspect` decoded it: issuer JWT, disclosures, rebuilt claims,
/// digests without a disclosure, KB-JWT.
fn show_sd(out: &mut impl Write, v: &Value) -> std::io::Result<()> {
    let (w, b, d) = (style::WARN, style::BOLD, style::DIM);
    writeln!(
        out,
        "{w}NOT VERIFIED{w:#} {d}(an SD-JWT, decoded; `jot verify` checks it){d:#}"
    )?;
    writeln!(out, "{b}issuer JWT header{b:#}")?;
    show_json(out, &v["issuer_jwt"]["header"])?;
    writeln!(out, "{b}issuer JWT payload{b:#}")?;
    show_json(out, &v["issuer_jwt"]["payload"])?;
    let ds = v["disclosures"].as_array().map_or(&[][..], Vec::as_slice);
    writeln!(
        out,
        "{b}disclosures{b:#} ({}, {})",
        ds.len(),
        sanitize(v["sd_alg"].as_str().unwrap_or(""))
    )?;
    for (i, x) in ds.iter().enumerate() {
        let at = x["path"]
            .as_str()
            .or(x["name"].as_str())
            .unwrap_or("(array element)");
        let value = serde_json::to_string(&x["value"]).unwrap_or_default();
        writeln!(out, "  {}. {} = {}", i + 1, sanitize(at), sanitize(&value))?;
        let salt = x["salt"].as_str().unwrap_or("");
        let digest = x["digest"].as_str().unwrap_or("");
        writeln!(
            out,
            "     {d}salt {} digest {}{d:#}",
            sanitize(salt),
            sanitize(digest)
        )?;
    }
    match v.get("claims") {
        Some(c) => {
            writeln!(out, "{b}claims rebuilt from these disclosures{b:#}")?;
            show_json(out, c)?;
        }
        None => {
            let why = v["rebuild_error"].as_str().unwrap_or("");
            writeln!(
                out,
                "{w}warning:{w:#} the claims cannot be rebuilt: {}",
                sanitize(why)
            )?;
        }
    }
    let hidden = v["undisclosed_digests"].as_array().map_or(0, Vec::len);
    if hidden > 0 {
        writeln!(
            out,
            "{b}digests without a disclosure{b:#} (undisclosed claims or decoys): {hidden}"
        )?;
        for h in v["undisclosed_digests"].as_array().into_iter().flatten() {
            let at = h["in"].as_str().unwrap_or("");
            let dg = h["digest"].as_str().unwrap_or("");
            writeln!(out, "  {d}in {}: {}{d:#}", sanitize(at), sanitize(dg))?;
        }
    }
    match &v["kb_jwt"] {
        Value::Null => writeln!(out, "{b}KB-JWT{b:#} none")?,
        kb => {
            writeln!(out, "{b}KB-JWT{b:#}")?;
            show_json(out, &kb["header"])?;
            show_json(out, &kb["payload"])?;
        }
    }
    Ok(())
}

/// One SD-JWT's inspection (text or JSON); `line` heads the text when several tokens are
/// decoded.
fn show_sd_token(
    out: &mut impl Write,
    v: &Value,
    json: bool,
    line: Option<usize>,
) -> anyhow::Result<()> {
    if json {
        writeln!(out, "{}", json_line(v)?)?;
        return Ok(());
    }
    if let Some(line) = line {
        writeln!(out, "--- line {line}")?;
    }
    Ok(show_sd(out, v)?)
}

/// A nested JWT for `--decrypt-key`: the outer header and the inner token, or why it
/// does not decrypt. Says whether it decrypted.
fn show_nested(
    out: &mut impl Write,
    t: &str,
    header: &Map<String, Value>,
    keys: &[crate::jwe::JweKey],
    json: bool,
    now: i64,
) -> anyhow::Result<bool> {
    let inner = crate::jwe::nested::decode_inner(t, keys);
    let ok = inner.is_ok();
    match (inner, json) {
        (Ok(j), true) => {
            let v = json!({"header": header, "encrypted": true, "inner": {
                "header": j.header, "payload": j.payload,
                "signature": b64::encode(&j.signature)}});
            writeln!(out, "{}", json_line(&v)?)?;
        }
        (Ok(j), false) => {
            writeln!(
                out,
                "a JWE (encrypted token), decrypted; its protected header:"
            )?;
            show_json(out, &Value::Object(header.clone()))?;
            writeln!(out, "inner token:")?;
            show_jws(out, &j, now)?;
        }
        (Err(why), true) => {
            let v = json!({"header": header, "encrypted": true, "decrypt_error": why});
            writeln!(out, "{}", json_line(&v)?)?;
        }
        (Err(why), false) => {
            writeln!(out, "a JWE (encrypted token); its protected header:")?;
            show_json(out, &Value::Object(header.clone()))?;
            writeln!(out, "cannot decrypt: {}", sanitize(&why))?;
        }
    }
    Ok(ok)
}

/// Parse one compact token; one with repeated members is shown with the last (a reviewer
/// must see it; verify refuses it). `None` when it was reported as an error (in bulk).
fn parse_or_report(
    out: &mut impl Write,
    t: &str,
    line: usize,
    several: bool,
) -> anyhow::Result<Option<Parsed>> {
    let e = match parse(t) {
        Ok(p) => return Ok(Some(p)),
        Err(e) => e,
    };
    if let Some((j, notes)) = crate::token::duplicates::parse_with_duplicates(t) {
        out.flush()?;
        notes
            .iter()
            .for_each(|n| warn(&format!("{n}; shown with the last")));
        return Ok(Some(Parsed::Jws(j)));
    }
    let e = match crate::token::identify_other(t) {
        Some(what) => Error::input(format!("not a JWT: this is {what}")),
        None => e,
    };
    if !several {
        return Err(e.into());
    }
    out.flush()?;
    report_error(&e.context(format!("line {line}")).into());
    Ok(None)
}

/// Run `jot decode`.
pub(crate) fn run(a: &DecodeArgs) -> anyhow::Result<ExitCode> {
    let now = Clock::from_flag(a.now.as_deref())?.now();
    let tokens = tokens_in(&a.token)?;
    let dkeys = a
        .decrypt_key
        .as_deref()
        .map(|p| crate::jwe::nested::keys_of_file(p, "--decrypt-key", &Resolver::new(&Net, now)))
        .transpose()?;
    let mut out = anstream::stdout().lock();
    let mut failed = None;
    for (line, t) in &tokens {
        let t = pasted(t, (tokens.len() > 1).then_some(*line));
        let t: &str = &t;
        if crate::token::json_ser::is_json(t) {
            show_json_token(&mut out, t, a.json, now)?;
            continue;
        }
        if crate::sdjwt::looks_like(t) {
            let (several, line) = (tokens.len() > 1, *line);
            match crate::sdjwt::inspect::inspect(t) {
                Ok(v) => show_sd_token(&mut out, &v, a.json, several.then_some(line))?,
                Err(e) if !several => return Err(e.into()),
                Err(e) => {
                    out.flush()?;
                    report_error(&e.context(format!("line {line}")).into());
                    failed = Some(ExitCode::Error);
                }
            }
            continue;
        }
        let Some(parsed) = parse_or_report(&mut out, t, *line, tokens.len() > 1)? else {
            failed = Some(ExitCode::Error);
            continue;
        };
        match (&parsed, a.json) {
            (Parsed::Jwe { header }, json) if dkeys.is_some() => {
                let keys = dkeys.as_deref().unwrap_or_default();
                if !show_nested(&mut out, t, header, keys, json, now)? {
                    failed = failed.or(Some(ExitCode::Negative));
                }
            }
            (Parsed::Jws(j), true) => {
                let mut v = json!({"header": j.header, "payload": j.payload.clone().unwrap_or_else(|| Value::String(b64::encode(&j.payload_raw))), "signature": b64::encode(&j.signature)});
                // Only a chain that reads is shown: a malformed x5c is in the header as sent.
                if let Some(Ok(c)) = j.header.get("x5c").map(crate::keys::x5c::read_chain) {
                    v["x5c_chain"] = crate::keys::x5c::describe(&c);
                }
                writeln!(out, "{}", json_line(&v)?)?;
            }
            (Parsed::Jwe { header }, true) => {
                writeln!(
                    out,
                    "{}",
                    json_line(&json!({"header": header, "encrypted": true}))?
                )?;
            }
            (Parsed::Jws(j), false) => {
                if tokens.len() > 1 {
                    writeln!(out, "--- line {line}")?;
                }
                show_jws(&mut out, j, now)?;
            }
            (Parsed::Jwe { header }, false) => {
                writeln!(
                    out,
                    "a JWE (encrypted token): only its protected header can be read"
                )?;
                show_json(&mut out, &Value::Object(header.clone()))?;
            }
        }
    }
    Ok(failed.unwrap_or(ExitCode::Success))
}
