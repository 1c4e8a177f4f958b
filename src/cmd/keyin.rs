//! Reading keys from the command line's key flags: the one path from `--key`, `--secret`
//! and `--secret-file` to keys, shared by every command that takes one (sign, verify,
//! audit, encrypt/decrypt), so a rule on keys holds everywhere. HMAC secrets become keys
//! only through `Key::hmac`, which refuses an empty one.

use std::path::Path;

use crate::cli::KeySourceArgs;
use crate::cmd::output::warn;
use crate::files::{read_input, MAX_INPUT};
use crate::keys::{self, Jwk, Key, KeyInput, ReadOptions, Secret};
use crate::Result;

/// Read a passphrase file: its first line, without the newline.
pub fn passphrase(path: Option<&Path>) -> Result<Option<Secret>> {
    let Some(p) = path else { return Ok(None) };
    let raw = zeroize::Zeroizing::new(
        read_input(&p.to_string_lossy(), 64 * 1024).map_err(|e| e.context("--passphrase-file"))?,
    );
    let line = raw.split(|b| *b == b'\n').next().unwrap_or_default();
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    Ok(Some(Secret::new(line.to_vec())))
}

fn display_name(arg: &str) -> &str {
    if arg == "-" {
        "<stdin>"
    } else {
        arg
    }
}

/// Read a key file (or `-`) with format detection.
pub fn read_key_file(
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

/// Keys read from one source, with its name for messages.
pub struct Loaded {
    pub input: KeyInput,
    /// A raw HMAC secret (`--secret`, `--secret-file`), not a key file.
    pub raw_secret: bool,
    pub name: String,
}

impl Loaded {
    /// One key, chosen by `kid` from a set; for a PEM file with several keys, the first,
    /// with a warning naming how many were ignored.
    pub fn one(self, kid: Option<&str>) -> Result<Jwk> {
        let ignored = self.input.ignored_by_select();
        if ignored > 0 && kid.is_none() {
            warn(&format!(
                "{}: the PEM holds {} keys; using the first, {ignored} ignored",
                self.name,
                ignored + 1
            ));
        }
        self.input.select(kid)
    }

    /// Every key: where a key set is allowed (`verify --key`, `audit --key`).
    pub fn all(self) -> Vec<Jwk> {
        self.input.into_keys()
    }
}

/// Read a key file for a command that takes one key (see [`Loaded::one`]).
pub fn read_one_key(
    arg: &str,
    passphrase_file: Option<&Path>,
    allow_weak: bool,
    raw: bool,
    kid: Option<&str>,
) -> Result<Jwk> {
    Loaded {
        input: read_key_file(arg, passphrase_file, allow_weak, raw)?,
        raw_secret: raw,
        name: display_name(arg).to_owned(),
    }
    .one(kid)
}

/// An HMAC key from `--secret` or `--secret-file` (the file's exact bytes). Empty secrets
/// are refused (by `Key::hmac`); a file that ends in a newline is used as it is, with a
/// warning, since `echo` instead of `printf` is the usual slip.
pub fn secret(text: Option<&Secret>, file: Option<&str>) -> Result<Option<Jwk>> {
    let (s, name) = match (text, file) {
        (Some(t), _) => (t.clone(), "--secret".to_owned()),
        (None, Some(f)) => (
            Secret::new(read_input(f, 1024 * 1024).map_err(|e| e.context("--secret-file"))?),
            display_name(f).to_owned(),
        ),
        (None, None) => return Ok(None),
    };
    if file.is_some() && s.expose().ends_with(b"\n") {
        warn(&format!(
            "{name}: the secret ends in a newline, which is part of the key ({} bytes, newline \
             included); if it should not be, write the file with printf, not echo",
            s.expose().len()
        ));
    }
    Ok(Some(Jwk::new(Key::hmac(s).map_err(|e| e.context(name))?)))
}

/// The keys named by `--key`, `--secret` or `--secret-file` (clap's ArgGroup allows one);
/// `None` when none of them was given.
pub fn key_source(k: &KeySourceArgs) -> Result<Option<Loaded>> {
    if let Some(jwk) = secret(k.secret.as_ref(), k.secret_file.as_deref())? {
        let name = k.secret_file.as_deref().map_or("--secret", display_name);
        return Ok(Some(Loaded {
            input: KeyInput::Single(jwk),
            raw_secret: true,
            name: name.to_owned(),
        }));
    }
    let path = match k.key.as_slice() {
        [] => return Ok(None),
        [one] => one,
        more => {
            return Err(crate::Error::usage(format!(
                "--key given {} times; this command takes one",
                more.len()
            )))
        }
    };
    Ok(Some(key_file(path, k)?))
}

fn key_file(path: &str, k: &KeySourceArgs) -> Result<Loaded> {
    Ok(Loaded {
        // The flag in the message: a missing file's error says which option named it.
        input: read_key_file(path, k.passphrase_file.as_deref(), k.allow_weak, false)
            .map_err(|e| e.context("--key"))?,
        raw_secret: false,
        name: display_name(path).to_owned(),
    })
}

/// Every source `--key` (repeated), `--secret` or `--secret-file` names, in order: for
/// commands that take several (verify's key set, a multi-signature sign).
pub fn key_sources(k: &KeySourceArgs) -> Result<Vec<Loaded>> {
    if k.key.len() < 2 {
        return Ok(key_source(k)?.into_iter().collect());
    }
    k.key.iter().map(|p| key_file(p, k)).collect()
}
