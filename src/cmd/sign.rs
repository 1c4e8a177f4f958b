//! `jot sign`: claims plus safe defaults (typ JWT, iat now, exp now + 15m, alg and kid from
//! the key) into a JWS on stdout: compact, or a JSON serialization with one signature per key.

use serde_json::{Map, Value};

use crate::alg::Alg;
use crate::cli::SignArgs;
use crate::clock::{parse_time, Clock};
use crate::cmd::output::{emit, warn, warned};
use crate::files::{read_input, MAX_INPUT};
use crate::keys::source::{read_one_key, resolve, Net, Resolver};
use crate::keys::Jwk;
use crate::token::claims::{check_registered, parse_kv};
use crate::token::json_ser::Serialization;
use crate::token::options::add_default_times;
use crate::token::sign;
use crate::{Error, ExitCode, Result};

fn base_claims(arg: Option<&str>) -> Result<Map<String, Value>> {
    let Some(a) = arg else { return Ok(Map::new()) };
    let text = if a == "-" || a.starts_with('@') {
        let path = if a == "-" { "-" } else { &a[1..] };
        String::from_utf8(read_input(path, MAX_INPUT)?)
            .map_err(|_| Error::input(format!("{path}: claims are not UTF-8")))?
    } else {
        a.to_owned()
    };
    match crate::token::parse_strict(text.as_bytes()) {
        Ok(Value::Object(m)) => Ok(m),
        Ok(_) => Err(Error::input("--claims must be a JSON object")),
        Err(e) => Err(Error::input(format!("--claims is not valid JSON: {e}"))
            .with_hint("pass a JSON object, @FILE or - for stdin")),
    }
}

/// The signing keys (several only for a JSON serialization), each with whether it is a
/// raw secret (which gets no thumbprint kid).
fn load_keys(a: &SignArgs, now: i64) -> Result<Vec<(Jwk, bool)>> {
    if let Some(dir) = &a.keyset {
        return Ok(vec![(crate::keyset::active_key(dir)?, false)]);
    }
    let r = a.key.resolver(now);
    let read = || -> Result<Vec<_>> { a.key.sources().iter().map(|s| resolve(s, &r)).collect() };
    if a.key.key.len() > 1 {
        if a.serialization != "json" {
            return Err(Error::usage("several --key need --serialization json")
                .with_hint("a compact or flattened JWS has one signature"));
        }
        if a.kid.is_some() {
            return Err(Error::usage("--kid names one key; with several --key each key's own kid (or thumbprint) is used"));
        }
        return read()?
            .into_iter()
            .map(|l| Ok((warned(l.one(None)?), false)))
            .collect();
    }
    // clap's ArgGroup requires exactly one key source; --keyset was handled above.
    let loaded = read()?.into_iter().next().ok_or_else(|| {
        Error::usage("no key given")
            .with_hint("pass --key PATH, --secret-file PATH or --keyset DIR")
    })?;
    let raw = loaded.raw_secret;
    Ok(vec![(warned(loaded.one(a.kid.as_deref())?), raw)])
}

/// With SD-JWT flags, turn `claims` into an SD-JWT payload (RFC 9901) and return the
/// disclosures; salts and decoys come from the OS CSPRNG.
fn sd_payload(
    a: &SignArgs,
    claims: &mut Map<String, Value>,
) -> Result<Option<Vec<crate::sdjwt::Disclosure>>> {
    if !a.sd.wanted() {
        return Ok(None);
    }
    if a.encrypt_to.is_some() {
        return Err(Error::usage(
            "--encrypt-to cannot wrap an SD-JWT (RFC 9901 has no nesting)",
        ));
    }
    let holder = match &a.sd.holder_key {
        Some(p) => {
            let k = warned(read_one_key(p, None, false, false, None)?);
            Some(k.to_public()?.to_json(false))
        }
        None => None,
    };
    let o = crate::sdjwt::IssueOptions {
        paths: a.sd.sd.clone(),
        all: a.sd.sd_all,
        decoys: a.sd.decoys,
        hash: crate::sdjwt::hash_from_name(&a.sd.sd_alg).unwrap_or(crate::sdjwt::DEFAULT_HASH),
        holder,
    };
    let mut rng = |buf: &mut [u8]| {
        getrandom::fill(buf).map_err(|e| Error::input(format!("no randomness: {e}")))
    };
    crate::sdjwt::issue(claims, &o, &mut rng).map(Some)
}

/// A signer: the key, the algorithm it signs with, and the kid for its header.
fn signer(a: &SignArgs, key: Jwk, raw_secret: bool) -> Result<(Jwk, Alg, Option<String>)> {
    if !key.is_private() {
        return Err(
            Error::usage("signing needs a private key, and this one is public")
                .with_hint("pass the private key file (PKCS#8 PEM or a JWK with \"d\")"),
        );
    }
    let alg = match &a.alg {
        Some(alg) => *alg,
        None => key.default_alg(),
    };
    key.check_alg(alg)?;
    if let Some(w) = sign::check_hmac_length(&key, alg, a.insecure_short_key)? {
        warn(&w);
    }
    // A raw secret's thumbprint would be a hash of the secret: no default kid for it.
    let kid = a.kid.clone().or_else(|| {
        if raw_secret {
            key.kid.clone()
        } else {
            Some(key.kid_or_thumbprint())
        }
    });
    Ok((key, alg, kid))
}

/// The claims the flags make: --claims, each --claim, the registered ones and the
/// default times, type-checked.
fn claims(a: &SignArgs, now: i64) -> Result<Map<String, Value>> {
    let mut claims = base_claims(a.claims.as_deref())?;
    for kv in &a.claim {
        let (k, v) = parse_kv(kv)?;
        claims.insert(k, v);
    }
    if let Some(s) = &a.iss {
        claims.insert("iss".into(), s.clone().into());
    }
    if let Some(s) = &a.sub {
        claims.insert("sub".into(), s.clone().into());
    }
    match a.aud.len() {
        0 => {}
        1 => drop(claims.insert("aud".into(), a.aud[0].clone().into())),
        _ => drop(claims.insert(
            "aud".into(),
            a.aud.iter().cloned().map(Value::String).collect(),
        )),
    }
    // iat before exp, as tokens have always been laid out.
    add_default_times(&mut claims, now, !a.no_iat, false)?;
    if let Some(e) = &a.exp {
        claims.insert("exp".into(), parse_time(e, Some(now))?.into());
    } else if a.no_exp {
        claims.remove("exp");
        warn("the token has no exp: it never expires and cannot be revoked by time");
    }
    add_default_times(&mut claims, now, false, !a.no_exp)?;
    if let Some(n) = &a.nbf {
        claims.insert("nbf".into(), parse_time(n, Some(now))?.into());
    }
    check_registered(&mut claims, now)?;
    if let Some(exp) = claims
        .get("exp")
        .and_then(Value::as_i64)
        .filter(|&e| e <= now)
    {
        // A deliberate --exp in the past makes a test token; a slip (a date in the wrong
        // year, a negative duration) would make one no verifier accepts.
        warn(&format!(
            "the token is already expired: exp {exp} is {}s before now",
            now - exp
        ));
    }
    if a.jti {
        claims.insert("jti".into(), sign::random_jti()?.into());
    }
    Ok(claims)
}

/// The JWS of `claims`: compact with the one signer, or a JSON serialization with each.
fn signed(
    a: &SignArgs,
    signers: &[(Jwk, Alg, Option<String>)],
    claims: &Map<String, Value>,
) -> Result<String> {
    let mut extra = Map::new();
    if let Some(t) = &a.sd.typ {
        extra.insert("typ".into(), t.clone().into());
    }
    for kv in &a.header {
        let (k, v) = parse_kv(kv)?;
        extra.insert(k, v);
    }
    match a.serialization.as_str() {
        "compact" => {
            let (key, alg, kid) = &signers[0];
            let header = sign::header(*alg, kid.as_deref(), extra)?;
            sign::sign(key, *alg, &header, claims)
        }
        form => {
            if a.encrypt_to.is_some() {
                return Err(Error::usage("--encrypt-to makes a compact nested token")
                    .with_hint("drop --serialization, or encrypt the JSON with `jot encrypt`"));
            }
            let with_headers = signers
                .iter()
                .map(|(k, alg, kid)| {
                    Ok((k, *alg, sign::header(*alg, kid.as_deref(), extra.clone())?))
                })
                .collect::<Result<Vec<_>>>()?;
            let ser = if form == "flattened" {
                Serialization::Flattened
            } else {
                Serialization::General
            };
            sign::sign_json(ser, &with_headers, claims)
        }
    }
}

/// Run `jot sign`.
pub(crate) fn run(a: &SignArgs) -> anyhow::Result<ExitCode> {
    let now = Clock::from_flag(a.now.as_deref())?.now();
    let signers = load_keys(a, now)?
        .into_iter()
        .map(|(k, raw)| signer(a, k, raw))
        .collect::<Result<Vec<_>>>()?;
    let mut claims = claims(a, now)?;
    let fingerprint = if a.fingerprint {
        let (value, digest) = sign::fingerprint()?;
        claims.insert("fgp".into(), digest.into());
        Some(value)
    } else {
        None
    };
    let disclosures = sd_payload(a, &mut claims)?;
    if disclosures.is_some() && a.serialization != "compact" {
        return Err(Error::usage("an SD-JWT is compact (<JWT>~<disclosure>~…)")
            .with_hint("drop --serialization, or drop --sd/--sd-all")
            .into());
    }
    let token = signed(a, &signers, &claims)?;
    let token = match disclosures {
        Some(disclosures) => crate::sdjwt::SdJwt {
            jwt: token,
            disclosures,
            kb_jwt: None,
        }
        .serialize(),
        None => token,
    };
    let token = match &a.encrypt_to {
        Some(to) => crate::jwe::nested::nest(
            to,
            a.encrypt_alg.as_deref(),
            a.encrypt_enc.as_deref(),
            &token,
            &Resolver::new(&Net, now),
        )?,
        None => token,
    };
    emit(None, format!("{token}\n").as_bytes(), false, false)?;
    if let Some(value) = fingerprint {
        match &a.fingerprint_out {
            Some(p) => emit(Some(p), format!("{value}\n").as_bytes(), true, false)?,
            None => crate::cmd::output::note(crate::term::style::BOLD, "fingerprint:", &value),
        }
    }
    Ok(ExitCode::Success)
}
