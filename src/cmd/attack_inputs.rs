//! Glue `jot forge` and `jot probe` share (not a subcommand's file): the captured token read
//! and parsed, the attack flags turned into `forge::Inputs` and the attacks to run, and the
//! keys to host written to `--out-keys`.

use serde_json::Map;

use crate::cli::AttackInputArgs;
use crate::clock::Clock;
use crate::cmd::output::{note, warned};
use crate::files::{create_private_dir, read_input, write_atomic, WriteOptions, MAX_INPUT};
use crate::forge::{self, Attack, DpopInputs, Forgery, Inputs, PublicKeyInput};
use crate::keys::source::secret;
use crate::keys::{self, Key, ReadOptions};
use crate::token::claims::parse_kv;
use crate::token::{self, Jws, Parsed};
use crate::{Error, Result};

/// The token of a `TOKEN|-` argument (the first line of stdin for `-`), parsed, with what
/// was pasted around it stripped (a Bearer prefix, a cookie line, line breaks).
pub(crate) fn read_token(arg: &str) -> Result<(String, Jws)> {
    let t = crate::cmd::tokens_in(arg)?
        .into_iter()
        .next()
        .map(|(_, t)| t)
        .ok_or_else(|| Error::input("no token on stdin"))?;
    let t = crate::cmd::output::pasted(&t, None).into_owned();
    match token::parse(&t)? {
        Parsed::Jws(j) => Ok((t, j)),
        Parsed::Jwe { .. } => Err(Error::input("this is an encrypted token (JWE)")
            .with_hint("the attacks forge signed tokens (JWS); capture one the server signs")),
    }
}

/// The forge inputs from the flags, and the attacks to run (the named ones, or every one
/// that applies). `request` is the method and URI DPoP proofs are made for; `original`
/// the captured token (their `ath`).
pub(crate) fn inputs(
    a: &AttackInputArgs,
    jws: &Jws,
    original: &str,
    request: Option<(&str, &str)>,
) -> Result<(Inputs, Vec<&'static Attack>)> {
    let now = Clock::from_flag(a.now.as_deref())?.now();
    let public_key = match &a.public_key {
        Some(p) => {
            let raw = read_input(p, MAX_INPUT)?;
            let keys = keys::read(
                &raw,
                &ReadOptions {
                    allow_weak: true,
                    ..Default::default()
                },
            )
            .map_err(|e| e.context(p))?
            .into_keys();
            if keys.iter().any(|k| k.is_private()) {
                note(
                    crate::term::style::WARN,
                    "warning:",
                    &format!("{p} holds private key material; only its public half is used"),
                );
            }
            Some(PublicKeyInput { raw, keys })
        }
        None => None,
    };
    let mut claims = Map::new();
    for c in &a.claims {
        let (k, v) = parse_kv(c)?;
        claims.insert(k, v);
    }
    for (flag, url) in [("--jku-url", &a.jku_url), ("--x5u-url", &a.x5u_url)] {
        if url.is_some() && a.out_keys.is_none() {
            return Err(Error::usage(format!("{flag} needs --out-keys DIR"))
                .with_hint("the forged key is written there for you to host at the URL"));
        }
    }
    let inputs = Inputs {
        public_key,
        secret: secret(None, a.secret_file.as_deref())?
            .map(warned)
            .and_then(|k| match k.key {
                Key::Oct(s) => Some(s),
                _ => None,
            }),
        claims,
        jku_url: a.jku_url.clone(),
        x5u_url: a.x5u_url.clone(),
        out_keys: a.out_keys.is_some(),
        now,
        dpop: dpop_inputs(a, original, request)?,
        expired_token: expired_token(a.expired_token.as_deref(), now)?,
    };
    let attacks = if a.attacks.is_empty() {
        forge::applicable(jws, &inputs)
    } else {
        // clap checked the names against the table.
        a.attacks.iter().filter_map(|n| forge::attack(n)).collect()
    };
    Ok((inputs, attacks))
}

/// `--expired-token`, checked to be a signed token whose exp has passed.
fn expired_token(arg: Option<&str>, now: i64) -> Result<Option<String>> {
    let Some(arg) = arg else { return Ok(None) };
    let (t, jws) = read_token(arg).map_err(|e| e.context("--expired-token"))?;
    match jws
        .claims()
        .and_then(|c| c.get("exp"))
        .and_then(|e| e.as_f64())
    {
        Some(exp) if exp < now as f64 => Ok(Some(t)),
        Some(_) => Err(
            Error::usage("--expired-token has not expired (its exp is after now)").with_hint(
                "give a token the server issued whose exp has passed, or set the clock with --now",
            ),
        ),
        None => Err(Error::usage("--expired-token has no exp claim")),
    }
}

/// `--dpop-key` read (a private asymmetric key) with the request its proofs are for.
fn dpop_inputs(
    a: &AttackInputArgs,
    original: &str,
    request: Option<(&str, &str)>,
) -> Result<Option<DpopInputs>> {
    let Some(path) = &a.dpop_key else {
        return Ok(None);
    };
    let Some((htm, htu)) = request else {
        return Err(
            Error::usage("--dpop-key needs the request the proofs are for")
                .with_hint("add --htm METHOD --htu URL"),
        );
    };
    let key = warned(crate::keys::source::read_one_key(
        path, None, false, false, None,
    )?);
    if !key.is_private() || key.default_alg().is_symmetric() {
        return Err(Error::usage(format!(
            "--dpop-key {path}: a DPoP client key is a private EC, RSA or Ed25519 key"
        )));
    }
    crate::dpop::htu::normalise(htu).map_err(|why| Error::usage(format!("{htu:?}: {why}")))?;
    Ok(Some(DpopInputs {
        key,
        htm: htm.to_owned(),
        htu: htu.to_owned(),
        access_token: original.to_owned(),
    }))
}

/// Write the files to host into --out-keys (public keys only; replaced on each run).
pub(crate) fn write_hosted(a: &AttackInputArgs, f: &Forgery) -> Result<()> {
    let Some(dir) = &a.out_keys else {
        return Ok(());
    };
    if f.hosted.is_empty() {
        return Ok(());
    }
    create_private_dir(dir)?;
    for h in &f.hosted {
        let path = dir.join(h.file);
        write_atomic(&path, &h.contents, WriteOptions::PUBLIC_REPLACE)?;
        note(
            crate::term::style::DIM,
            "wrote",
            &format!("{} (host it at the URL in the token)", path.display()),
        );
    }
    Ok(())
}
