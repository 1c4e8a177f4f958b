//! `jot encrypt`: a payload (argument, @FILE or stdin) into a compact JWE for one
//! recipient key, or a JSON-serialized one for several (one per --key).

use crate::alg::{Enc, KeyAlg};
use crate::cli::EncryptArgs;
use crate::clock::Clock;
use crate::cmd::output::{emit, warned};
use crate::files::{read_input, MAX_INPUT};
use crate::jwe::recipient::{header_kid, load, pick, seal, JweKeySpec};
use crate::jwe::{self, EncryptOptions, JweKey};
use crate::keys::source::Resolver;
use crate::token::claims::parse_kv;
use crate::token::json_ser::Serialization;
use crate::{Error, ExitCode, Result};

fn payload(arg: Option<&str>) -> Result<Vec<u8>> {
    match arg {
        None | Some("-") => read_input("-", MAX_INPUT),
        Some(a) if a.starts_with('@') => read_input(&a[1..], MAX_INPUT),
        Some(a) => Ok(a.as_bytes().to_vec()),
    }
}

/// The one key `spec` names for encryption (warnings printed), and whether it is raw.
fn recipient(spec: &JweKeySpec, r: &Resolver) -> Result<(JweKey, bool)> {
    let got = load(spec, r)?;
    let raw = got.raw;
    Ok((pick(warned((got.keys, got.warnings)))?, raw))
}

/// Every recipient of a JSON-serialized JWE: one per --key (each file names one), with
/// the kid for its header.
fn recipients(a: &EncryptArgs, now: i64) -> Result<Vec<(JweKey, Option<String>)>> {
    let r = a.key.resolver(now);
    let spec = a.key.spec();
    let specs = if a.key.key.len() < 2 {
        vec![spec]
    } else {
        spec.each_file()
    };
    specs
        .iter()
        .map(|s| {
            let (key, raw) = recipient(s, &r)?;
            let kid = header_kid(&key, raw);
            Ok((key, kid))
        })
        .collect()
}

/// Run `jot encrypt`.
pub(crate) fn run(a: &EncryptArgs) -> anyhow::Result<ExitCode> {
    // No --now: the clock only judges the freshness of a cached JWKS.
    let now = Clock::from_flag(None)?.now();
    if a.serialization != "compact" {
        return run_json(a, now);
    }
    if a.key.key.len() > 1 || a.aad.is_some() {
        return Err(
            Error::usage("several --key and --aad need --serialization json or flattened")
                .with_hint("a compact JWE has one recipient and no AAD of its own")
                .into(),
        );
    }
    let (key, raw) = recipient(&a.key.spec(), &a.key.resolver(now))?;
    let o = options(a)?;
    let data = zeroize::Zeroizing::new(payload(a.payload.as_deref())?);
    let token = seal(&key, raw, o, &data)?;
    emit(None, format!("{token}\n").as_bytes(), false, false)?;
    Ok(ExitCode::Success)
}

/// `jot encrypt --serialization json|flattened`.
fn run_json(a: &EncryptArgs, now: i64) -> anyhow::Result<ExitCode> {
    let ser = if a.serialization == "flattened" {
        Serialization::Flattened
    } else {
        Serialization::General
    };
    let to = recipients(a, now)?;
    let aad = a.aad.as_deref().map(|s| payload(Some(s))).transpose()?;
    let data = zeroize::Zeroizing::new(payload(a.payload.as_deref())?);
    let token = jwe::json_ser::encrypt(ser, &to, &options(a)?, &data, aad.as_deref())?;
    emit(None, format!("{token}\n").as_bytes(), false, false)?;
    Ok(ExitCode::Success)
}

fn options(a: &EncryptArgs) -> Result<EncryptOptions> {
    let mut extra = serde_json::Map::new();
    for kv in &a.header {
        let (k, v) = parse_kv(kv)?;
        extra.insert(k, v);
    }
    Ok(EncryptOptions {
        alg: a.alg.as_deref().map(KeyAlg::parse).transpose()?,
        enc: Enc::parse(&a.enc)?,
        kid: None,
        cty: a.cty.clone(),
        zip: a.zip,
        extra,
        p2c: a.p2c,
    })
}
