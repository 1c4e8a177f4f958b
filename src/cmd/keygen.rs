//! `jot keygen`: generate a key and write it (private 0600), plus its public half if asked.

use crate::alg::{Enc, Family, KeyAlg};
use crate::cli::{KeyFormat, KeygenAlg, KeygenArgs};
use crate::cmd::output::{emit, note};
use crate::jwe::{self, EcdhCurve};
use crate::keys::{self, Jwk, Key};
use crate::{Error, ExitCode};

/// `jot keygen` for a JWE algorithm: a JWK (use enc, alg) by default, PEM when asked.
fn run_jwe(a: &KeygenArgs, alg: KeyAlg) -> anyhow::Result<ExitCode> {
    let crv = a.crv.as_deref().map(EcdhCurve::parse).transpose()?;
    let enc = a.enc.as_deref().map(Enc::parse).transpose()?;
    refuse_existing(a)?;
    let jwk = jwe::generate_key(alg, crv, enc, a.bits, a.kid.clone())?;
    if matches!(jwk.key, Key::Oct(_)) && a.public_out.is_some() {
        return Err(Error::usage("a symmetric key has no public half for --public-out").into());
    }
    write_pair(a, &jwk, a.format.unwrap_or(KeyFormat::Jwk))?;
    if let Some(p) = &a.out {
        let kid = jwk.kid.as_deref().unwrap_or_default();
        note(
            crate::term::style::DIM,
            "wrote",
            &format!("{alg} encryption key {kid} to {} (mode 0600)", p.display()),
        );
    }
    Ok(ExitCode::Success)
}

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

/// Refuse before writing anything: a private key written next to a refused public one
/// would be a key whose public half exists nowhere, and a rerun would then refuse --out.
fn refuse_existing(a: &KeygenArgs) -> anyhow::Result<()> {
    if a.force {
        return Ok(());
    }
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
    Ok(())
}

/// The private key to `--out` (mode 0600, or stdout) and its public half to `--public-out`;
/// private JWKs go straight into a zeroizing buffer.
fn write_pair(a: &KeygenArgs, jwk: &Jwk, format: KeyFormat) -> anyhow::Result<()> {
    let private = render(jwk, format, true)?;
    emit(a.out.as_deref(), private.as_bytes(), true, a.force)?;
    if let Some(p) = &a.public_out {
        let public = render(&jwk.to_public()?, format, false)?;
        emit(Some(p), public.as_bytes(), false, a.force)?;
    }
    Ok(())
}

/// Run `jot keygen`.
pub(crate) fn run(a: &KeygenArgs) -> anyhow::Result<ExitCode> {
    let alg = match a.alg {
        KeygenAlg::Encrypt(kalg) => return run_jwe(a, kalg),
        KeygenAlg::Sign(alg) => alg,
    };
    if a.crv.is_some() || a.enc.is_some() {
        return Err(Error::usage("--crv and --enc apply to JWE encryption keys only").into());
    }
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
    refuse_existing(a)?;
    let jwk = keys::generate(alg, a.bits, a.kid.clone())?;
    write_pair(a, &jwk, format)?;
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
