//! `jot keygen`: generate a key and write it (private 0600), plus its public half if asked.

use crate::alg::Family;
use crate::cli::{KeyFormat, KeygenArgs};
use crate::cmd::output::{emit, note};
use crate::keys::{self, Jwk};
use crate::{Error, ExitCode};

fn render(
    jwk: &Jwk,
    format: KeyFormat,
    private: bool,
) -> crate::Result<zeroize::Zeroizing<String>> {
    match format {
        KeyFormat::Pem => jwk.to_pem(private),
        KeyFormat::Jwk => jwk.to_text(private),
    }
}

/// Run `jot keygen`.
pub fn run(a: &KeygenArgs) -> anyhow::Result<ExitCode> {
    let alg = a.alg;
    let format = match (a.format, alg.family()) {
        (Some(KeyFormat::Pem), Family::Hmac) => {
            return Err(Error::usage("an HMAC secret has no PEM form")
                .with_hint("use --format jwk (the default for HS*)")
                .into())
        }
        (Some(f), _) => f,
        (None, Family::Hmac) => KeyFormat::Jwk,
        (None, _) => KeyFormat::Pem,
    };
    if a.public_out.is_some() && alg.is_symmetric() {
        return Err(Error::usage("an HMAC key has no public half for --public-out").into());
    }
    // Refuse before writing anything: a private key written next to a refused public one
    // would be a key whose public half exists nowhere, and a rerun would then refuse --out.
    if !a.force {
        for p in [a.out.as_deref(), a.public_out.as_deref()]
            .into_iter()
            .flatten()
        {
            if p.exists() {
                return Err(Error::usage(format!("{}: already exists", p.display()))
                    .with_hint("pass --force to replace it, or choose another path")
                    .into());
            }
        }
    }
    let jwk = keys::generate(alg, a.bits, a.kid.clone())?;
    let private = render(&jwk, format, true)?;
    emit(a.out.as_deref(), private.as_bytes(), true, a.force)?;
    if let Some(p) = &a.public_out {
        let public = render(&jwk.to_public()?, format, false)?;
        emit(Some(p), public.as_bytes(), false, a.force)?;
    }
    if let Some(p) = &a.out {
        let kid = jwk.kid.as_deref().unwrap_or_default();
        note(
            crate::term::style::DIM,
            "wrote",
            &format!("{alg} key {kid} to {} (mode 0600)", p.display()),
        );
    }
    Ok(ExitCode::Success)
}
