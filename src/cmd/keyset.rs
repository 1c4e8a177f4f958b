//! `jot keyset list` and `jot keyset publish`: read-only views of a key set on disk (a
//! table, JSON, or the timeline of its keys' states as text or SVG).

use std::io::{IsTerminal, Write};

use crate::cli::{KeysetArgs, KeysetCommand, KeysetFormat};
use crate::clock::{format_utc, Clock};
use crate::cmd::output::{emit, json_text, note};
use crate::keyset::{self, Entry, State, Timeline};
use crate::ExitCode;

/// Run `jot keyset …`.
pub(crate) fn run(a: &KeysetArgs) -> anyhow::Result<ExitCode> {
    match &a.command {
        KeysetCommand::List {
            dir,
            json,
            format,
            now,
        } => {
            let m = keyset::list(dir)?;
            let format = match (format, json) {
                (Some(f), _) => *f,
                (None, true) => KeysetFormat::Json,
                (None, false) if std::io::stdout().is_terminal() => KeysetFormat::Timeline,
                (None, false) => KeysetFormat::Table,
            };
            let now = Clock::from_flag(now.as_deref())?.now();
            let text = match format {
                KeysetFormat::Json => json_text(&serde_json::json!({ "keys": m.keys }))?,
                KeysetFormat::Table => table(&m.keys),
                KeysetFormat::Timeline => timeline_text(&keyset::timeline(&m, now)),
                KeysetFormat::Svg => keyset::svg(&keyset::timeline(&m, now)),
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

/// Cells of the text timeline's chart.
const CELLS: i64 = 40;

fn glyph(state: State, due: bool) -> char {
    match (state, due) {
        (_, true) => '·',
        (State::Next, _) => '░',
        (State::Active, _) => '█',
        (State::Retiring, _) => '▒',
        (State::Removed, _) => ' ',
    }
}

/// The chart cells of one key: a glyph for the state it was in over each cell's middle,
/// and at least one cell for any stretch too short to cover a middle.
fn cells(t: &Timeline, spans: &[(State, i64, i64, bool)]) -> String {
    let span = i128::from(t.end - t.start);
    let mid = |c: i64| t.start + ((2 * i128::from(c) + 1) * span / (2 * i128::from(CELLS))) as i64;
    let col = |at: i64| {
        (i128::from(at - t.start) * i128::from(CELLS) / span).clamp(0, i128::from(CELLS - 1))
            as usize
    };
    let mut row = vec![' '; CELLS as usize];
    for &(state, from, to, due) in spans {
        let mut any = false;
        for (c, cell) in row.iter_mut().enumerate() {
            if (from..to).contains(&mid(c as i64)) {
                *cell = glyph(state, due);
                any = true;
            }
        }
        if !any && row[col(from)] == ' ' {
            row[col(from)] = glyph(state, due);
        }
    }
    row.into_iter().collect::<String>().trim_end().to_owned()
}

/// The timeline as text: a chart of each key's states over time, then the date each key
/// entered each state.
fn timeline_text(t: &Timeline) -> String {
    let short = |kid: &str| {
        let kid = crate::term::sanitize(kid).into_owned();
        match kid.chars().count() > 11 {
            true => format!("{}…", kid.chars().take(10).collect::<String>()),
            false => kid,
        }
    };
    let date = |at: i64| format_utc(at).chars().take(10).collect::<String>();
    let mut o = format!("Key set timeline at {}\n\n", format_utc(t.now));
    let pad = CELLS as usize - 10;
    o.push_str(&format!(
        "{:<11}  {:<6} {}{:>pad$}\n",
        "KID",
        "ALG",
        date(t.start),
        date(t.end)
    ));
    for lane in &t.lanes {
        let row = cells(t, &lane.spans(t.now, t.end));
        let line = format!("{:<11}  {:<6} {row}", short(&lane.kid), lane.alg);
        o.push_str(line.trim_end());
        o.push('\n');
    }
    let at = (i128::from(t.now - t.start) * i128::from(CELLS) / i128::from(t.end - t.start))
        .clamp(0, i128::from(CELLS - 1)) as usize;
    o.push_str(&format!("{:w$}▲ now\n", "", w = 11 + 2 + 7 + at));
    o.push_str("░ next  █ active  ▒ retiring  · until removal\n");
    for lane in &t.lanes {
        o.push('\n');
        o.push_str(&format!(
            "{}  {}  {}\n",
            crate::term::sanitize(&lane.kid),
            lane.alg,
            lane.state
        ));
        for step in &lane.steps {
            let due = if step.due { "  (due)" } else { "" };
            o.push_str(&format!(
                "  {:<9} {}{due}\n",
                step.state.name(),
                format_utc(step.at)
            ));
        }
    }
    o
}
