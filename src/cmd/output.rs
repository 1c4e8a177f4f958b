//! Writing command output: to stdout, or atomically to a file (0600 when it holds private
//! material, never replacing a file without --force); and rendering JSON so that what a
//! token carries cannot drive the terminal it is printed on.

use std::borrow::Cow;
use std::io::Write;
use std::path::Path;

use crate::files::{write_atomic, WriteOptions};
use crate::term::sanitize;
use crate::Result;

/// Write `data` to `out`, or to stdout when `out` is `None`: exactly as it is, never through
/// the colour strip pass (`data` is plaintext, a secret, key bytes or a finished report).
pub(crate) fn emit(
    out: Option<&Path>,
    data: &[u8],
    private: bool,
    force: bool,
) -> anyhow::Result<()> {
    match out {
        Some(p) => {
            let mode = if private { 0o600 } else { 0o644 };
            write_atomic(
                p,
                data,
                WriteOptions {
                    overwrite: force,
                    mode,
                },
            )?;
        }
        None => {
            let mut so = crate::term::Out::stdout();
            so.raw(data)?;
            so.flush()?;
        }
    }
    Ok(())
}

/// serde_json escapes C0 controls only; also escape what `sanitize` would (DEL, C1
/// controls, bidi overrides) as `\uXXXX`, so the JSON still means the same.
fn escape_json(text: String) -> String {
    if let Cow::Borrowed(_) = sanitize(&text) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut buf = [0u8; 4];
    for c in text.chars() {
        // Every character sanitize escapes is in the BMP, so one \uXXXX suffices. A raw
        // newline can only be pretty-printing whitespace (serde escapes it in strings).
        if c != '\n' && matches!(sanitize(c.encode_utf8(&mut buf)), Cow::Owned(_)) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Pretty JSON with a trailing newline, safe on a terminal.
pub(crate) fn json_text(v: &serde_json::Value) -> Result<String> {
    let s = serde_json::to_string_pretty(v)
        .map_err(|e| crate::Error::input(format!("cannot serialise JSON: {e}")))?;
    Ok(escape_json(s) + "\n")
}

/// One line of JSON (JSON-lines output), safe on a terminal.
pub(crate) fn json_line(v: &serde_json::Value) -> serde_json::Result<String> {
    serde_json::to_string(v).map(escape_json)
}

/// Pretty JSON for people to read: each line sanitised as any untrusted text is.
pub(crate) fn show_json(out: &mut impl Write, v: &serde_json::Value) -> std::io::Result<()> {
    let text = serde_json::to_string_pretty(v).unwrap_or_default();
    for line in text.lines() {
        writeln!(out, "{}", sanitize(line))?;
    }
    Ok(())
}

/// A note on stderr (sanitised; styled when stderr is a colour terminal).
pub(crate) fn note(style: anstyle::Style, label: &str, msg: &str) {
    let mut e = anstream::stderr();
    let msg = crate::net::redact_text(msg);
    let _ = writeln!(e, "{style}{label}{style:#} {}", crate::term::sanitize(&msg));
}

/// A warning on stderr.
pub(crate) fn warn(msg: &str) {
    note(crate::term::style::WARN, "warning:", msg);
}

/// A domain value with the warnings that came with it: print them, keep the value.
pub(crate) fn warned<T>((value, warnings): (T, Vec<String>)) -> T {
    for w in &warnings {
        warn(w);
    }
    value
}

/// The one error reporter: `error: …` with its causes (URLs redacted), then `hint: …` when
/// the error has one. `main` reports a run's error with it, and bulk commands each failed input.
pub fn report_error(err: &anyhow::Error) {
    let mut stderr = anstream::stderr();
    let mut line = format!("error: {err}");
    for cause in err.chain().skip(1) {
        // Some errors already print their source; don't say it twice.
        let cause = cause.to_string();
        if !line.contains(&cause) {
            line.push_str(&format!(": {cause}"));
        }
    }
    // Credentials in a URL never reach a message, whichever module wrote it.
    let line = crate::net::redact_text(&line);
    let _ = writeln!(stderr, "{}", sanitize(&line));
    if let Some(hint) = err
        .downcast_ref::<crate::Error>()
        .and_then(crate::Error::hint)
    {
        let _ = writeln!(stderr, "hint: {}", sanitize(hint));
    }
}

/// Strip what a pasted token carries around it (`token::paste`, also joining a token
/// wrapped over lines), saying once on stderr what was stripped.
pub(crate) fn pasted(input: &str, line: Option<usize>) -> Cow<'_, str> {
    let p = crate::token::paste(input);
    if let Some(what) = p.describe() {
        stripped(&what, line);
    }
    p.token
}

/// The note that says what was stripped from a pasted token (on `line` of a stream).
pub(crate) fn stripped(what: &str, line: Option<usize>) {
    let at = line.map(|l| format!("line {l}: ")).unwrap_or_default();
    note(
        crate::term::style::DIM,
        "note:",
        &format!("{at}stripped {what} from the token"),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    #[test]
    fn json_lines_escape_bidi_and_c1_controls_but_mean_the_same() {
        let v =
            json!({"name": "abc\u{202e}gnp.exe", "csi": "\u{9b}2J", "esc": "\u{1b}[0m", "ok": "é"});
        for text in [json_line(&v).unwrap(), json_text(&v).unwrap()] {
            assert!(!text.contains(['\u{202e}', '\u{9b}', '\u{1b}']), "{text}");
            assert!(
                text.contains("\\u202e") && text.contains("\\u009b"),
                "{text}"
            );
            assert!(text.contains('é'));
            assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), v);
        }
    }
}
