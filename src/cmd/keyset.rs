//! `jot keyset list` and `jot keyset publish`: read-only views of a key set on disk.

use std::io::Write;

use crate::cli::{KeysetArgs, KeysetCommand};
use crate::clock::format_utc;
use crate::cmd::output::{emit, json_text, note};
use crate::keyset::{self, Entry};
use crate::ExitCode;

/// Run `jot keyset …`.
pub fn run(a: &KeysetArgs) -> anyhow::Result<ExitCode> {
    match &a.command {
        KeysetCommand::List { dir, json } => {
            let m = keyset::list(dir)?;
            let text = if *json {
                json_text(&serde_json::json!({ "keys": m.keys }))?
            } else {
                table(&m.keys)
            };
            let mut so = std::io::stdout().lock();
            so.write_all(text.as_bytes())?;
            so.flush()?;
        }
        KeysetCommand::Publish { dir, out } => {
            let bytes = keyset::public_jwks(dir)?;
            emit(out.as_deref(), &bytes, false, true)?;
            if let Some(p) = out {
                note(
                    crate::term::style::DIM,
                    "wrote",
                    &format!("the public key set of {} to {}", dir.display(), p.display()),
                );
            }
        }
    }
    Ok(ExitCode::Success)
}

/// One line per key: kid, alg, state and its dates (RFC 3339 UTC, "-" when not set).
fn table(keys: &[Entry]) -> String {
    let date = |t: Option<i64>| t.map(format_utc).unwrap_or_else(|| "-".into());
    let rows: Vec<[String; 7]> = keys
        .iter()
        .map(|e| {
            [
                crate::term::sanitize(&e.kid).into_owned(),
                e.alg.clone(),
                e.state.to_string(),
                date(Some(e.created)),
                date(e.activated),
                date(e.retired),
                date(e.expires.or(e.removed)),
            ]
        })
        .collect();
    let head = [
        "KID",
        "ALG",
        "STATE",
        "CREATED",
        "ACTIVATED",
        "RETIRED",
        "UNTIL",
    ]
    .map(String::from);
    let mut width = head.clone().map(|h| h.len());
    for r in &rows {
        for (w, c) in width.iter_mut().zip(r) {
            *w = (*w).max(c.chars().count());
        }
    }
    let mut out = String::new();
    for r in std::iter::once(&head).chain(&rows) {
        let cells: Vec<String> = r
            .iter()
            .zip(width)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out
}
