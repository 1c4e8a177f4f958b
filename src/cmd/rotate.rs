//! `jot rotate`: parse the flags, run one rotation of the key set, print what it did (or,
//! with --dry-run, would do) on stdout.

use std::io::Write;

use crate::cli::RotateArgs;
use crate::clock::{parse_duration, Clock};
use crate::keyset::{self, Manifest, RotateOptions, State};
use crate::term::sanitize;
use crate::ExitCode;

/// Run `jot rotate`.
pub(crate) fn run(a: &RotateArgs) -> anyhow::Result<ExitCode> {
    if let Some(alg) = a.alg {
        keyset::check_set_alg(alg)?;
    }
    let alg = a.alg;
    let opts = RotateOptions {
        alg,
        grace: parse_duration(&a.grace)?,
        now: Clock::from_flag(a.now.as_deref())?.now(),
        dry_run: a.dry_run,
        archive: a.archive,
        fix_permissions: a.fix_permissions,
    };
    let out = keyset::rotate(&a.dir, &opts)?;
    let dir = a.dir.display().to_string();
    let mut so = std::io::stdout().lock();
    if out.dry_run {
        writeln!(so, "dry run: nothing was changed in {}", sanitize(&dir))?;
        for action in &out.actions {
            writeln!(so, "  would {action}")?;
        }
    } else {
        writeln!(so, "rotated {}", sanitize(&dir))?;
        for action in &out.actions {
            writeln!(so, "  {action}")?;
        }
        writeln!(so, "{}", summary(&out.manifest))?;
    }
    so.flush()?;
    Ok(ExitCode::Success)
}

/// "active KID (ES256), next KID (ES256), 2 retiring".
fn summary(m: &Manifest) -> String {
    let one = |s: State| {
        m.one(s)
            .map(|e| format!("{s} {} ({})", e.kid, e.alg))
            .unwrap_or_else(|| format!("no {s} key"))
    };
    let retiring = m.keys.iter().filter(|e| e.state == State::Retiring).count();
    format!(
        "{}, {}, {retiring} retiring",
        one(State::Active),
        one(State::Next)
    )
}
