//! Writing command output: to stdout, or atomically to a file (0600 when it holds private
//! material, never replacing a file without --force).

use std::io::Write;
use std::path::Path;

use crate::files::{write_atomic, WriteOptions};
use crate::Result;

/// Write `data` to `out`, or to stdout when `out` is `None`.
pub fn emit(out: Option<&Path>, data: &[u8], private: bool, force: bool) -> anyhow::Result<()> {
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
            let mut so = std::io::stdout().lock();
            so.write_all(data)?;
            so.flush()?;
        }
    }
    Ok(())
}

/// Pretty JSON with a trailing newline.
pub fn json_text(v: &serde_json::Value) -> Result<String> {
    let mut s = serde_json::to_string_pretty(v)
        .map_err(|e| crate::Error::input(format!("cannot serialise JSON: {e}")))?;
    s.push('\n');
    Ok(s)
}

/// A note on stderr (sanitised; styled when stderr is a colour terminal).
pub fn note(style: anstyle::Style, label: &str, msg: &str) {
    let mut e = anstream::stderr();
    let _ = writeln!(e, "{style}{label}{style:#} {}", crate::term::sanitize(msg));
}

/// A warning on stderr.
pub fn warn(msg: &str) {
    note(crate::term::style::WARN, "warning:", msg);
}
