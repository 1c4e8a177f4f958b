//! Where keys come from: one [`KeySource`] for every key flag of the CLI and every key
//! field of the ui (a key file, pasted key text, a secret, a secret file, a JWKS file or
//! URL, an OpenID issuer), and one [`resolve`] that reads it, with the fetcher, the cache
//! policy and the clock injected through a [`Resolver`]. So a rule on keys (an empty
//! secret refused, a JWKS entry skipped with a note, a cached set fetched again when it
//! lacks the token's kid) holds for every command. Values only: warnings come back in
//! [`Resolved::warnings`] for the caller to print.

use std::path::Path;

use serde::Serialize;

use crate::files::{read_input, MAX_INPUT};
use crate::keys::{self, read_jwks_lenient, Jwk, Key, KeyInput, ReadOptions, Secret};
use crate::net::{self, FetchOptions, Fetched};
use crate::{Error, Result};

/// One place keys come from.
#[derive(Clone, Debug)]
pub(crate) enum KeySource {
    /// A key file (PEM, DER, JWK or JWKS, detected from the content), or `-` for stdin.
    File(String),
    /// Key text pasted into the ui (PEM, JWK or JWKS), detected as for a file.
    Text(Secret),
    /// An HMAC secret given as text.
    Secret(Secret),
    /// An HMAC (or JWE symmetric) secret: the file's exact bytes (`-` for stdin).
    SecretFile(String),
    /// A JWKS file (`-` for stdin).
    JwksFile(String),
    /// A JWKS at an http(s) URL.
    JwksUrl(String),
    /// An OpenID issuer: its discovery document names the JWKS.
    Oidc(String),
    // Trust anchors (x5c chains validated to a CA) are the next source; verify reads
    // them through keys::x5c_path until they join here.
}

impl KeySource {
    /// `--jwks`'s value: a URL when it is one (`net::is_http_url`), else a file.
    pub(crate) fn jwks(arg: &str) -> KeySource {
        if net::is_http_url(arg) {
            KeySource::JwksUrl(arg.to_owned())
        } else {
            KeySource::JwksFile(arg.to_owned())
        }
    }
}

/// How a URL becomes bytes: the network through `net` for the CLI, a memo for the ui.
pub(crate) trait Fetcher {
    /// The key set at `url`; `lacks` says a cached set lacks what the caller needs.
    fn key_set(
        &self,
        url: &str,
        opts: &FetchOptions,
        lacks: &dyn Fn(&[u8]) -> bool,
    ) -> Result<Fetched>;

    /// The `jwks_uri` an OpenID issuer's discovery document names.
    fn jwks_uri(&self, issuer: &str, opts: &FetchOptions) -> Result<String> {
        net::oidc_jwks_uri(issuer, opts)
    }
}

/// The network, through `net` and its on-disk cache.
pub(crate) struct Net;

impl Fetcher for Net {
    fn key_set(
        &self,
        url: &str,
        opts: &FetchOptions,
        lacks: &dyn Fn(&[u8]) -> bool,
    ) -> Result<Fetched> {
        net::fetch_key_set(url, opts, lacks)
    }
}

/// What reading a source needs besides the source: the fetcher, the clock, the cache
/// policy, and the options of key files.
pub(crate) struct Resolver<'a> {
    pub fetcher: &'a dyn Fetcher,
    /// Unix seconds, from the caller's clock (cache freshness, the age of cached keys).
    pub now: i64,
    /// Use and fill the on-disk cache (`--no-cache` turns it off; the ui never has one).
    pub cache: bool,
    /// Passphrase of an encrypted PKCS#8 key file.
    pub passphrase_file: Option<&'a Path>,
    /// Accept weak RSA keys (analysis only).
    pub allow_weak: bool,
    /// The kid the token asks for: a cached key set that lacks it is fetched again.
    pub want_kid: Option<&'a str>,
}

impl<'a> Resolver<'a> {
    /// Defaults: the cache on, strict key checks, no passphrase, no kid wanted.
    pub(crate) fn new(fetcher: &'a dyn Fetcher, now: i64) -> Self {
        Resolver {
            fetcher,
            now,
            cache: true,
            passphrase_file: None,
            allow_weak: false,
            want_kid: None,
        }
    }

    fn fetch_options(&self) -> FetchOptions {
        let mut o = FetchOptions::new(self.now);
        if self.cache {
            o.cache_dir = FetchOptions::default_cache_dir();
        }
        o
    }
}

/// Where keys came from the on-disk cache: the (redacted) URL, fetch time and age.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct FromCache {
    pub url: String,
    pub fetched_at: i64,
    pub age_s: i64,
}

/// The keys a source holds, with its name for messages.
#[derive(Debug)]
pub(crate) struct Resolved {
    pub input: KeyInput,
    /// A raw secret (`--secret`, `--secret-file`), not a key file: it gets no thumbprint
    /// kid, which would be a hash of the secret.
    pub raw_secret: bool,
    pub name: String,
    /// The issuer whose discovery named the keys (`Oidc`): the expected `iss`.
    pub issuer: Option<String>,
    /// Set when the keys came from the on-disk cache.
    pub cached: Option<FromCache>,
    /// Notes for the user: JWKS entries skipped, a secret file ending in a newline.
    pub warnings: Vec<String>,
    /// From a JWKS (file, URL or issuer): [`require_keys`] refuses it empty.
    jwks: bool,
}

impl Resolved {
    fn new(input: KeyInput, name: &str) -> Resolved {
        Resolved {
            input,
            raw_secret: false,
            name: name.to_owned(),
            issuer: None,
            cached: None,
            warnings: Vec::new(),
            jwks: false,
        }
    }

    /// One key, chosen by `kid` from a set; for a PEM file with several keys, the first,
    /// with a warning naming how many were ignored. Returns every warning of the source.
    pub(crate) fn one(self, kid: Option<&str>) -> Result<(Jwk, Vec<String>)> {
        let mut warnings = self.warnings;
        let ignored = self.input.ignored_by_select();
        if ignored > 0 && kid.is_none() {
            warnings.push(format!(
                "{}: the PEM holds {} keys; using the first, {ignored} ignored",
                self.name,
                ignored + 1
            ));
        }
        Ok((self.input.select(kid)?, warnings))
    }

    /// Every key: where a key set is allowed (`verify --key`, `audit --key`).
    pub(crate) fn all(self) -> Vec<Jwk> {
        self.input.into_keys()
    }
}

/// Read a passphrase file: its first line, without the newline.
pub(crate) fn passphrase(path: Option<&Path>) -> Result<Option<Secret>> {
    let Some(p) = path else { return Ok(None) };
    let raw = zeroize::Zeroizing::new(
        read_input(&p.to_string_lossy(), 64 * 1024).map_err(|e| e.context("--passphrase-file"))?,
    );
    let line = raw.split(|b| *b == b'\n').next().unwrap_or_default();
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    Ok(Some(Secret::new(line.to_vec())))
}

/// The name of a file argument in messages (`-` is stdin).
pub(crate) fn display_name(arg: &str) -> &str {
    if arg == "-" {
        "<stdin>"
    } else {
        arg
    }
}

/// Read a key file (or `-`) with format detection.
pub(crate) fn read_key_file(
    arg: &str,
    passphrase_file: Option<&Path>,
    allow_weak: bool,
    raw: bool,
) -> Result<KeyInput> {
    let data = zeroize::Zeroizing::new(read_input(arg, MAX_INPUT)?);
    let opts = ReadOptions {
        passphrase: passphrase(passphrase_file)?,
        allow_weak,
        raw_secret: raw,
    };
    keys::read(&data, &opts).map_err(|e| e.context(display_name(arg)))
}

/// Read a key file for a command that takes one key (see [`Resolved::one`]), with the
/// warnings to print.
pub(crate) fn read_one_key(
    arg: &str,
    passphrase_file: Option<&Path>,
    allow_weak: bool,
    raw: bool,
    kid: Option<&str>,
) -> Result<(Jwk, Vec<String>)> {
    let input = read_key_file(arg, passphrase_file, allow_weak, raw)?;
    one_of(input, display_name(arg), kid)
}

/// One key of what a source named `name` held (see [`Resolved::one`]).
pub(crate) fn one_of(input: KeyInput, name: &str, kid: Option<&str>) -> Result<(Jwk, Vec<String>)> {
    Resolved::new(input, name).one(kid)
}

/// An HMAC key from `--secret` or `--secret-file` (the file's exact bytes), with a warning
/// when a file ends in a newline (`echo` instead of `printf` is the usual slip; the
/// newline is kept, as part of the key). Empty secrets are refused (by `Key::hmac`).
pub(crate) fn secret(
    text: Option<&Secret>,
    file: Option<&str>,
) -> Result<Option<(Jwk, Vec<String>)>> {
    let (s, name) = match (text, file) {
        (Some(t), _) => (t.clone(), "--secret".to_owned()),
        (None, Some(f)) => (
            Secret::new(read_input(f, 1024 * 1024).map_err(|e| e.context("--secret-file"))?),
            display_name(f).to_owned(),
        ),
        (None, None) => return Ok(None),
    };
    let mut warnings = Vec::new();
    if file.is_some() && s.expose().ends_with(b"\n") {
        warnings.push(format!(
            "{name}: the secret ends in a newline, which is part of the key ({} bytes, newline \
             included); if it should not be, write the file with printf, not echo",
            s.expose().len()
        ));
    }
    let jwk = Jwk::new(Key::hmac(s).map_err(|e| e.context(name))?);
    Ok(Some((jwk, warnings)))
}

/// Read the keys of one source.
pub(crate) fn resolve(src: &KeySource, r: &Resolver) -> Result<Resolved> {
    match src {
        KeySource::File(path) => {
            // The flag in the message: a missing file's error says which option named it.
            let input = read_key_file(path, r.passphrase_file, r.allow_weak, false)
                .map_err(|e| e.context("--key"))?;
            Ok(Resolved::new(input, display_name(path)))
        }
        KeySource::Text(text) => {
            let t = text.expose();
            let t = std::str::from_utf8(t).map_or(t.trim_ascii(), |s| s.trim().as_bytes());
            let data = zeroize::Zeroizing::new(t.to_vec());
            let input = keys::read(&data, &ReadOptions::default())?;
            Ok(Resolved::new(KeyInput::Set(input.into_keys()), "the key"))
        }
        KeySource::Secret(s) => raw_secret(Some(s), None),
        KeySource::SecretFile(f) => raw_secret(None, Some(f)),
        KeySource::JwksFile(path) => {
            let data = read_input(path, MAX_INPUT).map_err(|e| e.context("--jwks"))?;
            jwks(&data, path, r)
        }
        KeySource::JwksUrl(url) => url_keys(url, r),
        KeySource::Oidc(issuer) => {
            let uri = r.fetcher.jwks_uri(issuer, &r.fetch_options())?;
            let mut got = url_keys(&uri, r)?;
            got.issuer = Some(issuer.clone());
            Ok(got)
        }
    }
}

fn raw_secret(text: Option<&Secret>, file: Option<&str>) -> Result<Resolved> {
    let (jwk, warnings) = secret(text, file)?.expect("one of text and file is given");
    let name = file.map_or("--secret", display_name);
    let mut got = Resolved::new(KeyInput::Single(jwk), name);
    got.raw_secret = true;
    got.warnings = warnings;
    Ok(got)
}

/// The keys of a JWKS document; entries jot cannot use are skipped with a warning.
fn jwks(data: &[u8], src: &str, r: &Resolver) -> Result<Resolved> {
    let shown = net::redact_url(src);
    let (keys, skipped) = read_jwks_lenient(data, r.allow_weak).map_err(|e| e.context(&shown))?;
    let mut got = Resolved::new(KeyInput::Set(keys), &shown);
    got.warnings = skipped;
    got.jwks = true;
    Ok(got)
}

/// A key set from a URL through the cache; fetched again past a fresh cache entry when it
/// lacks the kid wanted (`net::fetch_key_set`). Says when the keys came from the cache.
fn url_keys(url: &str, r: &Resolver) -> Result<Resolved> {
    let lacks = |body: &[u8]| {
        r.want_kid.is_some_and(|kid| {
            read_jwks_lenient(body, r.allow_weak).map_or(true, |(keys, _)| {
                !keys.iter().any(|k| k.kid.as_deref() == Some(kid))
            })
        })
    };
    let got = r.fetcher.key_set(url, &r.fetch_options(), &lacks)?;
    let mut keys = jwks(&got.body, url, r)?;
    keys.cached = got.cached_at.map(|at| FromCache {
        url: net::redact_url(url).into_owned(),
        fetched_at: at,
        age_s: r.now - at,
    });
    Ok(keys)
}

/// The keys of every source as one set (verify's `--key`s are one set), with the issuer,
/// cache note and warnings of the sources; `None` when no source was given.
pub(crate) fn resolve_set(srcs: &[KeySource], r: &Resolver) -> Result<Option<Resolved>> {
    let mut set: Option<Resolved> = None;
    for s in srcs {
        let got = resolve(s, r)?;
        set = Some(match set {
            None => got,
            Some(mut all) => {
                let mut got = got;
                all.warnings.append(&mut got.warnings);
                let keys = std::mem::replace(&mut all.input, KeyInput::Set(Vec::new()));
                all.input = KeyInput::Set(keys.into_keys().into_iter().chain(got.all()).collect());
                all
            }
        });
    }
    Ok(set)
}

/// Fail when a JWKS held no key jot can use (after the caller printed why each entry was
/// skipped).
pub(crate) fn require_keys(got: &Resolved) -> Result<()> {
    let empty = match &got.input {
        KeyInput::Single(_) => false,
        KeyInput::Set(v) | KeyInput::Bundle(v) => v.is_empty(),
    };
    if got.jwks && empty {
        return Err(Error::input("the JWKS holds no key jot can use").context(&got.name));
    }
    Ok(())
}
