//! `jot convert`: any readable key or JWKS to PEM, JWK or JWKS.

use crate::cli::{ConvertArgs, OutForm};
use crate::cmd::keyin::{read_key_file, Loaded};
use crate::cmd::output::emit;
use crate::keys::{self, KeyInput};
use crate::{Error, ExitCode};

/// Run `jot convert`.
pub fn run(a: &ConvertArgs) -> anyhow::Result<ExitCode> {
    let input = read_key_file(
        &a.input,
        a.read.passphrase_file.as_deref(),
        a.read.allow_weak,
        a.read.raw,
    )?;
    // A JWKS (or a PEM file of several keys) converts to a JWKS whole; anything else is
    // one key, chosen by --kid from a set.
    let mut keys = match (&input, a.to) {
        (KeyInput::Set(_) | KeyInput::Bundle(_), OutForm::Jwks) if a.kid.is_none() => {
            input.into_keys()
        }
        _ => vec![Loaded {
            input,
            raw_secret: a.read.raw,
            name: a.input.clone(),
        }
        .one(a.kid.as_deref())?],
    };
    for k in &mut keys {
        if a.public {
            *k = k.to_public()?;
        }
        if let Some(kid) = &a.kid {
            k.kid = Some(kid.clone());
        }
        if let Some(alg) = &a.alg {
            k.check_alg_family(*alg)?;
            k.alg = Some(alg.name().into());
        }
        if let Some(u) = &a.use_ {
            k.use_ = Some(u.clone());
        }
    }
    let private = !a.public && keys.iter().any(|k| k.is_private());
    let text = match a.to {
        OutForm::Pem => keys[0].to_pem(!a.public)?,
        OutForm::Jwk => keys[0].to_text(!a.public)?,
        OutForm::Jwks => keys::to_jwks_text(&keys, !a.public)?,
    };
    if a.to == OutForm::Pem && keys[0].kty() == "oct" {
        return Err(Error::usage("an HMAC secret has no PEM form").into());
    }
    emit(a.out.as_deref(), text.as_bytes(), private, a.force)?;
    Ok(ExitCode::Success)
}
