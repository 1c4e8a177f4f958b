//! The keys of a JWE command: the sources its flags name (key files, a JWKS file or URL, a
//! secret file, a passphrase file) read through `keys::source` into [`JweKey`]s, the one
//! recipient key encryption needs, and [`seal`], which encrypts to it with the key's kid.
//! Shared by encrypt, decrypt, and the nested-token flags of sign, verify and decode.

use std::path::PathBuf;

use super::{EncryptOptions, JweKey};
use crate::keys::source::{self, KeySource, Resolver};
use crate::keys::{Jwk, Secret};
use crate::{Error, Result};

/// What the key flags of a JWE command name.
#[derive(Clone, Debug, Default)]
pub(crate) struct JweKeySpec {
    /// Key files, a JWKS (file or URL), or a secret file.
    pub sources: Vec<KeySource>,
    /// A passphrase for `PBES2-*`, the file's first line.
    pub passphrase_file: Option<PathBuf>,
    /// Select the key by this kid.
    pub kid: Option<String>,
}

impl JweKeySpec {
    /// One key file (or JWKS file) named by a nested-token flag.
    pub(crate) fn file(path: &str) -> JweKeySpec {
        JweKeySpec {
            sources: vec![KeySource::File(path.to_owned())],
            ..JweKeySpec::default()
        }
    }

    /// One spec per key file, the kid kept: the recipients of a JSON-serialized JWE.
    pub(crate) fn each_file(&self) -> Vec<JweKeySpec> {
        self.sources
            .iter()
            .filter(|s| matches!(s, KeySource::File(_)))
            .map(|s| JweKeySpec {
                sources: vec![s.clone()],
                kid: self.kid.clone(),
                ..JweKeySpec::default()
            })
            .collect()
    }

    /// Which kinds of source are given: one is required.
    fn check_one_kind(&self) -> Result<()> {
        let has = |f: fn(&KeySource) -> bool| self.sources.iter().any(f);
        let given = [
            has(|s| matches!(s, KeySource::File(_))),
            has(|s| matches!(s, KeySource::JwksFile(_) | KeySource::JwksUrl(_))),
            has(|s| matches!(s, KeySource::SecretFile(_))),
            self.passphrase_file.is_some(),
        ];
        match given.iter().filter(|g| **g).count() {
            1 => Ok(()),
            0 => Err(Error::usage("no key given").with_hint(
                "pass --key PATH, --jwks PATH|URL, --secret-file PATH or --passphrase-file PATH",
            )),
            _ => Err(Error::usage(
                "give one of --key, --jwks, --secret-file, --passphrase-file",
            )),
        }
    }
}

/// The keys a spec names, with what the caller prints.
#[derive(Debug)]
pub(crate) struct Loaded {
    pub keys: Vec<JweKey>,
    /// From a raw secret or passphrase: no thumbprint kid (it would be a hash of it).
    pub raw: bool,
    /// Notes on JWKS entries skipped, a secret file ending in a newline.
    pub warnings: Vec<String>,
}

/// Every key the spec names (a JWKS gives several).
pub(crate) fn load(spec: &JweKeySpec, r: &Resolver) -> Result<Loaded> {
    spec.check_one_kind()?;
    if let Some(p) = &spec.passphrase_file {
        let pass = source::passphrase(Some(p))?.unwrap_or_else(|| Secret::new(Vec::new()));
        if pass.expose().is_empty() {
            return Err(Error::input(format!(
                "{}: the passphrase is empty",
                p.display()
            )));
        }
        let keys = vec![JweKey::Passphrase(pass)];
        return Ok(Loaded {
            keys,
            raw: true,
            warnings: Vec::new(),
        });
    }
    let (mut keys, mut warnings, mut raw) = (Vec::new(), Vec::new(), false);
    for s in &spec.sources {
        if let KeySource::File(p) = s {
            // Named by the caller's flag (--key, --decrypt-key, --encrypt-to), not here.
            keys.extend(
                source::read_key_file(p, r.passphrase_file, r.allow_weak, false)?.into_keys(),
            );
            continue;
        }
        let mut got = source::resolve(s, r)?;
        raw |= got.raw_secret;
        warnings.append(&mut got.warnings);
        keys.extend(got.all());
    }
    let keys = by_kid(keys, spec.kid.as_deref())?;
    let keys = keys.into_iter().map(JweKey::Jwk).collect();
    Ok(Loaded {
        keys,
        raw,
        warnings,
    })
}

fn by_kid(keys: Vec<Jwk>, kid: Option<&str>) -> Result<Vec<Jwk>> {
    let keys: Vec<Jwk> = match kid {
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
    Ok(keys)
}

/// The one recipient key for encryption: a set must name one (or hold one `enc` key).
pub(crate) fn pick(mut keys: Vec<JweKey>) -> Result<JweKey> {
    if keys.len() > 1 {
        keys.retain(|key| match key {
            JweKey::Jwk(j) => j.use_.as_deref().is_none_or(|u| u == "enc"),
            JweKey::Passphrase(_) => true,
        });
    }
    match keys.len() {
        1 => Ok(keys.remove(0)),
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

/// The kid a recipient's header names: the key's own or its thumbprint, none for a raw
/// secret or a passphrase.
pub(crate) fn header_kid(key: &JweKey, raw: bool) -> Option<String> {
    match key {
        JweKey::Jwk(j) if !raw => Some(j.kid_or_thumbprint()),
        _ => None,
    }
}

/// Encrypt `plaintext` to `key`, as `encrypt` and `sign --encrypt-to` do: the header
/// names the key's kid unless the options name one.
pub(crate) fn seal(
    key: &JweKey,
    raw: bool,
    mut o: EncryptOptions,
    plaintext: &[u8],
) -> Result<String> {
    if o.kid.is_none() {
        o.kid = header_kid(key, raw);
    }
    super::encrypt(key, &o, plaintext)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::Key;

    fn oct(kid: &str, use_: Option<&str>) -> JweKey {
        let mut j = Jwk::new(Key::Oct(Secret::new(vec![1; 32])));
        j.kid = Some(kid.into());
        j.use_ = use_.map(str::to_owned);
        JweKey::Jwk(j)
    }

    #[test]
    fn pick_keeps_the_one_encryption_key_of_a_set() {
        let k = pick(vec![oct("s", Some("sig")), oct("e", Some("enc"))]).unwrap();
        assert_eq!(k.kid(), Some("e"));
    }

    #[test]
    fn pick_refuses_two_encryption_keys_naming_their_kids() {
        let e = pick(vec![oct("a", None), oct("b", Some("enc"))]).unwrap_err();
        assert!(e.hint().unwrap().contains("a, b"), "{e}");
    }

    #[test]
    fn a_spec_naming_two_kinds_of_source_is_refused() {
        let spec = JweKeySpec {
            sources: vec![
                KeySource::File("k.jwk".into()),
                KeySource::SecretFile("s".into()),
            ],
            ..JweKeySpec::default()
        };
        let r = Resolver::new(&source::Net, 0);
        let e = load(&spec, &r).unwrap_err();
        assert!(e.to_string().contains("give one of"), "{e}");
        let none = load(&JweKeySpec::default(), &r).unwrap_err();
        assert!(none.to_string().contains("no key given"), "{none}");
    }

    #[test]
    fn each_file_is_one_recipient_with_the_kid_kept() {
        let spec = JweKeySpec {
            sources: vec![KeySource::File("a".into()), KeySource::File("b".into())],
            kid: Some("k".into()),
            ..JweKeySpec::default()
        };
        let each = spec.each_file();
        assert_eq!(each.len(), 2);
        assert!(each
            .iter()
            .all(|s| s.sources.len() == 1 && s.kid.as_deref() == Some("k")));
    }
}
