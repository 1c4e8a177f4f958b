//! Reading keys from the command line's key flags: shared by every command that takes one.

use std::path::Path;

use crate::files::{read_input, MAX_INPUT};
use crate::keys::{self, KeyInput, ReadOptions, Secret};
use crate::{Error, Result};

/// Read a passphrase file: its first line, without the newline.
pub fn passphrase(path: Option<&Path>) -> Result<Option<Secret>> {
    let Some(p) = path else { return Ok(None) };
    let raw = zeroize::Zeroizing::new(read_input(&p.to_string_lossy(), 64 * 1024)?);
    let line = raw.split(|b| *b == b'\n').next().unwrap_or_default();
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    Ok(Some(Secret::new(line.to_vec())))
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
    let name = if arg == "-" { "<stdin>" } else { arg };
    keys::read(&data, &opts).map_err(|e| e.context(name))
}

/// An HMAC secret from `--secret` or `--secret-file` (the file's exact bytes).
pub fn secret(text: Option<&str>, file: Option<&str>) -> Result<Option<Secret>> {
    match (text, file) {
        (Some(_), Some(_)) => Err(Error::usage("give --secret or --secret-file, not both")),
        (Some(t), None) => Ok(Some(Secret::new(t.as_bytes().to_vec()))),
        (None, Some(f)) => {
            let s = Secret::new(read_input(f, 1024 * 1024)?);
            if s.expose().is_empty() {
                return Err(Error::input(format!("{f}: the secret file is empty")));
            }
            Ok(Some(s))
        }
        (None, None) => Ok(None),
    }
}
