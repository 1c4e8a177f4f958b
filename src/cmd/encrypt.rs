//! `jot encrypt`: a payload (argument, @FILE or stdin) into a compact JWE for one
//! recipient key. Also the key loading every JWE-aware command shares (decrypt, and the
//! nested-token flags of sign, verify and decode).

use crate::alg::{Enc, KeyAlg};
use crate::cli::{EncryptArgs, JweKeyArgs};
use crate::cmd::keyin::{passphrase, read_key_file, secret};
use crate::cmd::output::emit;
use crate::files::{read_input, MAX_INPUT};
use crate::jwe::{self, EncryptOptions, JweKey};
use crate::keys::{read_jwks_lenient, Jwk, Key};
use crate::token::json_ser::Serialization;
use crate::{Error, ExitCode, Result};

/// Parse a JWE `alg` name, pointing JWS names at sign/verify.
pub fn parse_key_alg(s: &str) -> Result<KeyAlg> {
    KeyAlg::from_name(s).ok_or_else(|| {
        let names: Vec<&str> = KeyAlg::all().map(|a| a.name()).collect();
        Error::usage(format!("unknown JWE alg {s:?}"))
            .with_hint(format!("expected one of: {}", names.join(", ")))
    })
}

/// Parse a JWE `enc` name.
pub fn parse_enc(s: &str) -> Result<Enc> {
    Enc::from_name(s).ok_or_else(|| {
        let names: Vec<&str> = Enc::all().map(|a| a.name()).collect();
        Error::usage(format!("unknown JWE enc {s:?}"))
            .with_hint(format!("expected one of: {}", names.join(", ")))
    })
}

/// Every key the flags name (a JWKS gives several), with a flag saying whether it came
/// from a raw secret (which gets no thumbprint kid: that would be a hash of the secret).
pub fn load_keys(k: &JweKeyArgs) -> Result<(Vec<JweKey>, bool)> {
    let given = [
        !k.key.is_empty(),
        k.jwks.is_some(),
        k.secret_file.is_some(),
        k.passphrase_file.is_some(),
    ];
    match given.iter().filter(|g| **g).count() {
        1 => {}
        0 => {
            return Err(Error::usage("no key given").with_hint(
                "pass --key PATH, --jwks PATH|URL, --secret-file PATH or --passphrase-file PATH",
            ))
        }
        _ => {
            return Err(Error::usage(
                "give one of --key, --jwks, --secret-file, --passphrase-file",
            ))
        }
    }
    if let Some(p) = &k.passphrase_file {
        let pass = passphrase(Some(p))?.unwrap_or_else(|| crate::keys::Secret::new(Vec::new()));
        if pass.expose().is_empty() {
            return Err(Error::input(format!(
                "{}: the passphrase is empty",
                p.display()
            )));
        }
        return Ok((vec![JweKey::Passphrase(pass)], true));
    }
    if let Some(s) = secret(None, k.secret_file.as_deref())? {
        return Ok((vec![JweKey::Jwk(s)], true));
    }
    let keys = if !k.key.is_empty() {
        let mut all = Vec::new();
        for path in &k.key {
            all.extend(
                read_key_file(path, k.key_passphrase_file.as_deref(), k.allow_weak, false)?
                    .into_keys(),
            );
        }
        all
    } else {
        let src = k.jwks.as_deref().unwrap_or_default();
        let data = if src.starts_with("http://") || src.starts_with("https://") {
            let now = crate::clock::Clock::from_flag(None)?.now();
            let mut o = crate::net::FetchOptions::new(now);
            o.cache_dir = crate::net::FetchOptions::default_cache_dir();
            crate::net::fetch(src, &o)?
        } else {
            read_input(src, MAX_INPUT)?
        };
        let (keys, skipped) = read_jwks_lenient(&data, k.allow_weak)
            .map_err(|e| e.context(crate::net::redact_url(src)))?;
        for s in skipped {
            crate::cmd::output::warn(&s);
        }
        keys
    };
    let keys: Vec<Jwk> = match &k.kid {
        Some(kid) => {
            let found: Vec<Jwk> = keys
                .into_iter()
                .filter(|j| j.kid.as_deref() == Some(kid))
                .collect();
            if found.is_empty() {
                return Err(Error::input(format!("no key with kid {kid:?}")));
            }
            found
        }
        None => keys,
    };
    if keys.is_empty() {
        return Err(Error::input("no key jot can use"));
    }
    Ok((keys.into_iter().map(JweKey::Jwk).collect(), false))
}

/// The one recipient key for encryption: a set must name one (or hold one `enc` key).
pub fn recipient(k: &JweKeyArgs) -> Result<(JweKey, bool)> {
    let (mut keys, raw) = load_keys(k)?;
    if keys.len() > 1 {
        keys.retain(|key| match key {
            JweKey::Jwk(j) => j.use_.as_deref().is_none_or(|u| u == "enc"),
            JweKey::Passphrase(_) => true,
        });
    }
    match keys.len() {
        1 => Ok((keys.remove(0), raw)),
        0 => Err(Error::input("the set holds no encryption key (use: enc)")),
        n => {
            let kids: Vec<&str> = keys.iter().map(|k| k.kid().unwrap_or("(no kid)")).collect();
            Err(
                Error::usage(format!("the set holds {n} encryption keys")).with_hint(format!(
                    "choose one with --kid; the set holds: {}",
                    kids.join(", ")
                )),
            )
        }
    }
}

/// Encrypt `plaintext` for the key flags, as `encrypt` and `sign --encrypt-to` do.
pub fn seal(key: &JweKey, raw: bool, mut o: EncryptOptions, plaintext: &[u8]) -> Result<String> {
    if o.kid.is_none() && !raw {
        if let JweKey::Jwk(j) = key {
            o.kid = Some(j.kid_or_thumbprint());
        }
    }
    jwe::encrypt(key, &o, plaintext)
}

fn payload(arg: Option<&str>) -> Result<Vec<u8>> {
    match arg {
        None | Some("-") => read_input("-", MAX_INPUT),
        Some(a) if a.starts_with('@') => read_input(&a[1..], MAX_INPUT),
        Some(a) => Ok(a.as_bytes().to_vec()),
    }
}

/// Every recipient of a JSON-serialized JWE: one per --key (each file names one), with
/// the kid for its header.
fn recipients(a: &EncryptArgs) -> Result<Vec<(JweKey, Option<String>)>> {
    let one = |k: &JweKeyArgs| -> Result<(JweKey, Option<String>)> {
        let (key, raw) = recipient(k)?;
        let kid = match &key {
            JweKey::Jwk(j) if !raw => Some(j.kid_or_thumbprint()),
            _ => None,
        };
        Ok((key, kid))
    };
    if a.key.key.len() < 2 {
        return Ok(vec![one(&a.key)?]);
    }
    a.key
        .key
        .iter()
        .map(|p| {
            one(&JweKeyArgs {
                key: vec![p.clone()],
                kid: a.key.kid.clone(),
                key_passphrase_file: a.key.key_passphrase_file.clone(),
                allow_weak: a.key.allow_weak,
                ..JweKeyArgs::default()
            })
        })
        .collect()
}

/// Run `jot encrypt`.
pub fn run(a: &EncryptArgs) -> anyhow::Result<ExitCode> {
    if a.serialization != "compact" {
        return run_json(a);
    }
    if a.key.key.len() > 1 || a.aad.is_some() {
        return Err(
            Error::usage("several --key and --aad need --serialization json or flattened")
                .with_hint("a compact JWE has one recipient and no AAD of its own")
                .into(),
        );
    }
    let (key, raw) = recipient(&a.key)?;
    let o = options(a)?;
    let data = zeroize::Zeroizing::new(payload(a.payload.as_deref())?);
    let token = seal(&key, raw, o, &data)?;
    emit(None, format!("{token}\n").as_bytes(), false, false)?;
    Ok(ExitCode::Success)
}

/// `jot encrypt --serialization json|flattened`.
fn run_json(a: &EncryptArgs) -> anyhow::Result<ExitCode> {
    let ser = if a.serialization == "flattened" {
        Serialization::Flattened
    } else {
        Serialization::General
    };
    let to = recipients(a)?;
    let aad = a.aad.as_deref().map(|s| payload(Some(s))).transpose()?;
    let data = zeroize::Zeroizing::new(payload(a.payload.as_deref())?);
    let token = jwe::json_ser::encrypt(ser, &to, &options(a)?, &data, aad.as_deref())?;
    emit(None, format!("{token}\n").as_bytes(), false, false)?;
    Ok(ExitCode::Success)
}

fn options(a: &EncryptArgs) -> Result<EncryptOptions> {
    let mut extra = serde_json::Map::new();
    for kv in &a.header {
        let (k, v) = crate::cmd::sign::parse_kv(kv)?;
        extra.insert(k, v);
    }
    Ok(EncryptOptions {
        alg: a.alg.as_deref().map(parse_key_alg).transpose()?,
        enc: parse_enc(&a.enc)?,
        kid: None,
        cty: a.cty.clone(),
        zip: a.zip,
        extra,
        p2c: a.p2c,
    })
}

/// Encrypt a signed token to the key in `to`: a nested JWT (`cty: JWT`, RFC 7519 §5.2).
pub fn nest(to: &str, alg: Option<&str>, enc: Option<&str>, token: &str) -> Result<String> {
    let args = JweKeyArgs {
        key: vec![to.to_owned()],
        ..JweKeyArgs::default()
    };
    let (key, raw) = recipient(&args).map_err(|e| e.context("--encrypt-to"))?;
    let o = EncryptOptions {
        alg: alg.map(parse_key_alg).transpose()?,
        enc: enc.map(parse_enc).transpose()?.unwrap_or(Enc::A256Gcm),
        cty: Some("JWT".into()),
        ..EncryptOptions::default()
    };
    seal(&key, raw, o, token.as_bytes())
}

/// `jot keygen` for a JWE algorithm: a JWK (use enc, alg) by default, PEM when asked.
pub fn keygen(a: &crate::cli::KeygenArgs, alg: KeyAlg) -> anyhow::Result<ExitCode> {
    use crate::cli::KeyFormat;
    let crv = a
        .crv
        .as_deref()
        .map(|c| {
            jwe::EcdhCurve::from_name(c).ok_or_else(|| {
                Error::usage(format!(
                    "unknown --crv {c:?}: expected P-256, P-384, P-521 or X25519"
                ))
            })
        })
        .transpose()?;
    let enc = a.enc.as_deref().map(parse_enc).transpose()?;
    crate::cmd::keygen::refuse_existing(a)?;
    let jwk = jwe::generate_key(alg, crv, enc, a.bits, a.kid.clone())?;
    let oct = matches!(jwk.key, Key::Oct(_));
    if oct && a.public_out.is_some() {
        return Err(Error::usage("a symmetric key has no public half for --public-out").into());
    }
    let format = a.format.unwrap_or(KeyFormat::Jwk);
    crate::cmd::keygen::write_pair(a, &jwk, format)?;
    if let Some(p) = &a.out {
        let kid = jwk.kid.as_deref().unwrap_or_default();
        crate::cmd::output::note(
            crate::term::style::DIM,
            "wrote",
            &format!("{alg} encryption key {kid} to {} (mode 0600)", p.display()),
        );
    }
    Ok(ExitCode::Success)
}
