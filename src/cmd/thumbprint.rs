//! `jot thumbprint`: the RFC 7638 thumbprint, and nothing else, on stdout.

use crate::cli::ThumbprintArgs;
use crate::keys::source::read_one_key;
use crate::ExitCode;

/// Run `jot thumbprint`.
pub(crate) fn run(a: &ThumbprintArgs) -> anyhow::Result<ExitCode> {
    let key = crate::cmd::output::warned(read_one_key(
        &a.input,
        a.read.passphrase_file.as_deref(),
        a.read.allow_weak,
        a.read.raw,
        a.kid.as_deref(),
    )?);
    crate::cmd::output::emit(
        None,
        format!("{}\n", key.thumbprint(a.hash)).as_bytes(),
        false,
        false,
    )?;
    Ok(ExitCode::Success)
}
