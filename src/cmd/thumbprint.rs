//! `jot thumbprint`: the RFC 7638 thumbprint, and nothing else, on stdout.

use crate::cli::{ThumbHash, ThumbprintArgs};
use crate::cmd::keyin::read_one_key;
use crate::keys::ThumbprintHash;
use crate::ExitCode;

/// Run `jot thumbprint`.
pub fn run(a: &ThumbprintArgs) -> anyhow::Result<ExitCode> {
    let key = read_one_key(
        &a.input,
        a.read.passphrase_file.as_deref(),
        a.read.allow_weak,
        a.read.raw,
        a.kid.as_deref(),
    )?;
    let hash = match a.hash {
        ThumbHash::Sha256 => ThumbprintHash::Sha256,
        ThumbHash::Sha384 => ThumbprintHash::Sha384,
        ThumbHash::Sha512 => ThumbprintHash::Sha512,
    };
    crate::cmd::output::emit(
        None,
        format!("{}\n", key.thumbprint(hash)).as_bytes(),
        false,
        false,
    )?;
    Ok(ExitCode::Success)
}
