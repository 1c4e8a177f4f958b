//! `jot convert`: any readable key or JWKS to PEM, DER, JWK or JWKS.

use std::io::IsTerminal;

use zeroize::Zeroizing;

use crate::cli::{ConvertArgs, OutForm};
use crate::cmd::output::{emit, warned};
use crate::keys::source::{one_of, read_key_file};
use crate::keys::{self, KeyInput};
use crate::{Error, ExitCode};

/// Run `jot convert`.
pub(crate) fn run(a: &ConvertArgs) -> anyhow::Result<ExitCode> {
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
        _ => vec![warned(one_of(input, &a.input, a.kid.as_deref())?)],
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
    if matches!(a.to, OutForm::Pem | OutForm::Der) && keys[0].kty() == "oct" {
        return Err(Error::usage("an HMAC secret has no PEM or DER form")
            .with_hint("use --to jwk, or keep the raw secret in a file for --secret-file")
            .into());
    }
    if a.to == OutForm::Der && a.out.is_none() && std::io::stdout().is_terminal() {
        return Err(Error::usage("DER is binary and stdout is a terminal")
            .with_hint("pass --out FILE, or pipe it (| openssl pkey -inform DER)")
            .into());
    }
    let bytes = match a.to {
        OutForm::Pem => to_bytes(keys[0].to_pem(!a.public)?),
        OutForm::Der => keys[0].to_der(!a.public)?,
        OutForm::Jwk => to_bytes(keys[0].to_text(!a.public)?),
        OutForm::Jwks => to_bytes(keys::to_jwks_text(&keys, !a.public)?),
    };
    emit(a.out.as_deref(), &bytes, private, a.force)?;
    Ok(ExitCode::Success)
}

/// Text that may hold private key material, as bytes that are wiped when dropped.
fn to_bytes(text: Zeroizing<String>) -> Zeroizing<Vec<u8>> {
    Zeroizing::new(text.as_bytes().to_vec())
}
