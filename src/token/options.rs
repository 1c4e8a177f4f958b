//! jot's signing and verifying defaults as values, shared by the CLI glue and the `ui` API
//! so both take one path: the default lifetime and leeway, the claims `sign` adds, and the
//! verification [`Policy`] built from options as a user states them.

use std::collections::HashSet;

use serde_json::{Map, Value};

use super::verify::Policy;
use crate::alg::Alg;
use crate::clock::parse_duration;
use crate::{Error, Result};

/// Default token lifetime: short, so a leaked token is soon useless.
pub(crate) const DEFAULT_LIFETIME: i64 = 15 * 60;

/// Default clock skew allowed by `verify` (as the `--leeway` flag writes it).
pub(crate) const DEFAULT_LEEWAY: &str = "60s";

/// Add jot's default `iat` (now) and `exp` (now + 15m) where the claims lack them.
pub(crate) fn add_default_times(
    claims: &mut Map<String, Value>,
    now: i64,
    iat: bool,
    exp: bool,
) -> Result<()> {
    if iat && !claims.contains_key("iat") {
        claims.insert("iat".into(), now.into());
    }
    if exp && !claims.contains_key("exp") {
        let e = now
            .checked_add(DEFAULT_LIFETIME)
            .ok_or_else(|| Error::usage("the clock is out of range"))?;
        claims.insert("exp".into(), e.into());
    }
    Ok(())
}

/// What a verifier asks of a token, as a user states it (durations as text).
#[derive(Clone, Debug, Default)]
pub(crate) struct VerifyOptions {
    pub algs: Vec<Alg>,
    pub iss: Option<String>,
    pub sub: Option<String>,
    pub aud: Vec<String>,
    /// Claims that must be present (replaces the default requirement of exp).
    pub require: Vec<String>,
    pub allow_no_exp: bool,
    /// `None` is [`DEFAULT_LEEWAY`].
    pub leeway: Option<String>,
    pub max_age: Option<String>,
    pub denylist: HashSet<String>,
    pub fingerprint: Option<String>,
    pub kid: Option<String>,
    /// Refuse high-S ECDSA signatures.
    pub require_low_s: bool,
    /// Verify with HMAC keys shorter than the hash, with a warning.
    pub insecure_short_key: bool,
    /// Every signature of a JSON-serialized JWS must verify.
    pub all_signatures: bool,
    /// Required protected-header typ (overrides the profile's).
    pub typ: Option<String>,
    /// `at+jwt` or `id-token`: defaults for typ and the required claims.
    pub profile: Option<String>,
    pub nonce: Option<String>,
}

impl VerifyOptions {
    /// The policy: exp required unless allowed or replaced by `require`, durations parsed.
    pub(crate) fn policy(mut self) -> Result<Policy> {
        let profile = self
            .profile
            .as_deref()
            .map(super::typing::Profile::from_name)
            .transpose()?;
        if let Some(p) = profile {
            // Defaults only: an explicit --typ or --require wins.
            if self.typ.is_none() {
                self.typ = p.typ().map(str::to_owned);
            }
            if self.require.is_empty() {
                self.require = p.required().iter().map(|s| (*s).to_owned()).collect();
            }
        }
        let require_exp = !self.allow_no_exp
            && (self.require.is_empty() || self.require.iter().any(|r| r == "exp"));
        Ok(Policy {
            algs: self.algs,
            iss: self.iss,
            sub: self.sub,
            aud: self.aud,
            require_exp,
            require: self.require,
            leeway: parse_duration(self.leeway.as_deref().unwrap_or(DEFAULT_LEEWAY))?,
            max_age: self.max_age.as_deref().map(parse_duration).transpose()?,
            denylist: self.denylist,
            fingerprint: self.fingerprint,
            kid: self.kid,
            require_low_s: self.require_low_s,
            insecure_short_key: self.insecure_short_key,
            all_signatures: self.all_signatures,
            typ: self.typ,
            nonce: self.nonce,
            azp_with_several_aud: profile == Some(super::typing::Profile::IdToken),
            trust_anchors: Vec::new(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_require_exp_and_allow_a_minute_of_skew() {
        let p = VerifyOptions::default().policy().unwrap();
        assert!(p.require_exp);
        assert_eq!(p.leeway, 60);
        let p = VerifyOptions {
            require: vec!["sub".into()],
            ..VerifyOptions::default()
        };
        assert!(!p.policy().unwrap().require_exp);
        let bad = VerifyOptions {
            leeway: Some("soon".into()),
            ..VerifyOptions::default()
        };
        assert!(bad.policy().is_err());
    }

    #[test]
    fn default_times_are_added_only_where_missing() {
        let mut c = Map::new();
        c.insert("exp".into(), 5.into());
        add_default_times(&mut c, 100, true, true).unwrap();
        assert_eq!(c["iat"], 100);
        assert_eq!(c["exp"], 5);
        let mut c = Map::new();
        add_default_times(&mut c, 100, false, true).unwrap();
        assert_eq!(c["exp"], 100 + DEFAULT_LIFETIME);
        assert!(!c.contains_key("iat"));
        assert!(add_default_times(&mut Map::new(), i64::MAX, true, true).is_err());
    }
}
