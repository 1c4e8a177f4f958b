//! From key and policy flags to the domain's values: clap's value parsers of the key flags
//! (each produces a [`KeySource`]), the sources a command's flags name, the [`Resolver`]
//! that reads them, the JWE key spec, and verify's policy, key-binding and DPoP requests.
//! Conversions only: nothing here reads a file or the network.

use super::{JweKeyArgs, KeySourceArgs, VerifyArgs};
use crate::dpop::bind::Binding;
use crate::jwe::recipient::JweKeySpec;
use crate::keys::source::{KeySource, Net, Resolver};
use crate::sdjwt::KbPolicy;
use crate::token::options::VerifyOptions;
use crate::Result;

/// clap's value parser of `--key`: a key file (or `-`).
pub(super) fn key_file(s: &str) -> std::result::Result<KeySource, std::convert::Infallible> {
    Ok(KeySource::File(s.to_owned()))
}

/// clap's value parser of `--jwks`: a URL when it is one, else a file.
pub(super) fn jwks(s: &str) -> std::result::Result<KeySource, std::convert::Infallible> {
    Ok(KeySource::jwks(s))
}

/// clap's value parser of `--oidc`: an issuer whose discovery names the JWKS.
pub(super) fn oidc(s: &str) -> std::result::Result<KeySource, std::convert::Infallible> {
    Ok(KeySource::Oidc(s.to_owned()))
}

impl KeySourceArgs {
    /// The sources the flags name, in order (clap's ArgGroup allows one kind): a secret,
    /// a secret file, or each `--key` file.
    pub(crate) fn sources(&self) -> Vec<KeySource> {
        if let Some(s) = &self.secret {
            return vec![KeySource::Secret(s.clone())];
        }
        if let Some(f) = &self.secret_file {
            return vec![KeySource::SecretFile(f.clone())];
        }
        self.key.clone()
    }

    /// How the sources are read: key files with these flags, URLs through the network.
    pub(crate) fn resolver(&self, now: i64) -> Resolver<'_> {
        Resolver {
            passphrase_file: self.passphrase_file.as_deref(),
            allow_weak: self.allow_weak,
            ..Resolver::new(&Net, now)
        }
    }
}

impl JweKeyArgs {
    /// What the flags name, for `jwe::recipient`: --key files, --jwks (a file or URL),
    /// --secret-file, --passphrase-file.
    pub(crate) fn spec(&self) -> JweKeySpec {
        let mut sources = self.key.clone();
        sources.extend(self.jwks.clone());
        sources.extend(self.secret_file.clone().map(KeySource::SecretFile));
        JweKeySpec {
            sources,
            passphrase_file: self.passphrase_file.clone(),
            kid: self.kid.clone(),
        }
    }

    /// How the key files and URLs are read: the network with its cache, at `now`.
    pub(crate) fn resolver(&self, now: i64) -> Resolver<'_> {
        Resolver {
            passphrase_file: self.key_passphrase_file.as_deref(),
            allow_weak: self.allow_weak,
            want_kid: self.kid.as_deref(),
            ..Resolver::new(&Net, now)
        }
    }
}

impl VerifyArgs {
    /// Every key source the flags name: `--key`s, a secret, `--jwks` or `--oidc` (clap's
    /// ArgGroup allows one kind; `--trust-anchor` names none: the keys come from x5c).
    pub(crate) fn key_sources(&self) -> Vec<KeySource> {
        let mut s = self.key.sources();
        s.extend(self.jwks.clone());
        s.extend(self.oidc.clone());
        s
    }

    /// How the sources are read: `--no-cache` turns the on-disk cache off, and a cached
    /// key set that lacks `want_kid` is fetched again.
    pub(crate) fn resolver<'a>(&'a self, now: i64, want_kid: Option<&'a str>) -> Resolver<'a> {
        Resolver {
            cache: !self.no_cache,
            want_kid,
            ..self.key.resolver(now)
        }
    }

    /// The policy flags (the denylist is the caller's to read).
    pub(crate) fn options(&self) -> VerifyOptions {
        VerifyOptions {
            algs: self.alg.clone(),
            iss: self.iss.clone(),
            sub: self.sub.clone(),
            aud: self.aud.clone(),
            require: self.require.clone(),
            allow_no_exp: self.allow_no_exp,
            leeway: Some(self.leeway.clone()),
            max_age: self.max_age.clone(),
            denylist: Default::default(),
            fingerprint: self.fingerprint.clone(),
            kid: self.kid.clone(),
            require_low_s: self.require_low_s,
            insecure_short_key: self.insecure_short_key,
            all_signatures: self.all_signatures,
            typ: self.typ.clone(),
            profile: self.profile.clone(),
            nonce: self.nonce.clone(),
        }
    }

    /// What SD-JWT key binding must hold.
    pub(crate) fn kb_policy(&self) -> Result<KbPolicy> {
        Ok(KbPolicy {
            aud: self.sd.kb_aud.clone(),
            nonce: self.sd.kb_nonce.clone(),
            max_age: crate::clock::parse_duration(&self.sd.kb_max_age)?,
            require: self.sd.require_kb,
        })
    }

    /// With --dpop-proof: the request the proof must match (`None` without it).
    pub(crate) fn dpop_binding(&self, now: i64) -> Result<Option<Binding<'_>>> {
        let Some(proof) = &self.dpop_proof else {
            return Ok(None);
        };
        // clap requires --htm and --htu with --dpop-proof.
        let (htm, htu) = (
            self.htm.as_deref().unwrap_or(""),
            self.htu.as_deref().unwrap_or(""),
        );
        crate::dpop::htu::normalise(htu)
            .map_err(|why| crate::Error::usage(format!("--htu {htu:?}: {why}")))?;
        Ok(Some(Binding {
            proof: proof.trim(),
            htm,
            htu,
            nonce: self.dpop_nonce.as_deref(),
            max_age: match &self.dpop_max_age {
                Some(d) => crate::clock::parse_duration(d)?,
                None => crate::dpop::DEFAULT_MAX_AGE,
            },
            leeway: crate::clock::parse_duration(&self.leeway)?,
            now,
        }))
    }
}
