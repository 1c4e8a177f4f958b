//! One token's whole verdict, as `jot verify` and the ui give it: an SD-JWT in full
//! (disclosures, KB-JWT), a nested JWT through its JWE layer, else every JWS check. The
//! keys, policy and clock are the caller's, built once from its flags; nothing here
//! prints, so every path from a token to its verdict stays in the domain.

use crate::jwe::JweKey;
use crate::keys::Jwk;
use crate::sdjwt::{KbPolicy, SdVerdict};
use crate::token::verify::{verify, Policy, Verdict};

/// What judging a token needs, prepared once per run.
#[derive(Clone, Copy)]
pub(crate) struct Judge<'a> {
    pub keys: &'a [Jwk],
    pub policy: &'a Policy,
    /// Unix seconds, from the caller's clock.
    pub now: i64,
    /// Keys of the outer JWE of a nested JWT (RFC 7519 §5.2): every token is one.
    pub nested: Option<&'a [JweKey]>,
    /// Key binding asked of SD-JWT presentations.
    pub kb: &'a KbPolicy,
}

impl Judge<'_> {
    /// Whether `t` is judged as an SD-JWT (never through a JWE layer).
    pub(crate) fn is_sd(&self, t: &str) -> bool {
        self.nested.is_none() && crate::sdjwt::looks_like(t)
    }

    /// An SD-JWT's verdict with what it disclosed.
    pub(crate) fn sd(&self, t: &str) -> SdVerdict {
        crate::sdjwt::verify(t, self.keys, self.policy, self.kb, self.now)
    }

    /// The verdict for one token; without `detail` it drops header and claims (bulk text
    /// output never prints them).
    pub(crate) fn verdict(&self, t: &str, detail: bool) -> Verdict {
        let (keys, p, now) = (self.keys, self.policy, self.now);
        if self.is_sd(t) {
            // An SD-JWT is verified in full (disclosures, KB-JWT), never as its JWS alone.
            return self.sd(t).verdict;
        }
        let mut v = match self.nested {
            // Nested: decrypt, then every JWS check on the inner token.
            Some(dk) => crate::jwe::nested::verify(t, dk, |inner| verify(inner, keys, p, now)),
            None => verify(t, keys, p, now),
        };
        if !detail {
            v.header = None;
            v.claims = None;
        }
        v
    }
}
