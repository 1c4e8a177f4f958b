//! Key sets a verifier cannot trust as given, judged in one place for `verify` (which
//! refuses them) and `audit` (which reports each as a rule): two keys with the same kid
//! and kty, where the kid no longer names one key and a verifier tries each; and a set
//! that mixes secret (`oct`) keys with public keys, as a published JWKS must never hold a
//! secret and a verifier holding both lets the token's alg choose between them.

use super::Jwk;
use crate::{Error, Result};

/// One way a set is ambiguous, naming its members by index in the set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Ambiguity {
    /// Members with the same kid and kty.
    SameKid {
        kid: String,
        kty: &'static str,
        members: Vec<usize>,
    },
    /// Secret (`oct`) members beside public-only members.
    MixedSecret {
        secret: Vec<usize>,
        public: Vec<usize>,
    },
}

/// `keys[i] (kid "…")` for each member.
fn names(keys: &[(usize, &Jwk)], members: &[usize]) -> String {
    members
        .iter()
        .map(|i| {
            let kid = keys
                .iter()
                .find(|(j, _)| j == i)
                .and_then(|(_, k)| k.kid.as_deref());
            match kid {
                Some(kid) => format!("keys[{i}] (kid {kid:?})"),
                None => format!("keys[{i}] (no kid)"),
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

impl Ambiguity {
    /// What is wrong, naming the members (index and kid) of `keys`, the set it was found in.
    pub(crate) fn message(&self, keys: &[(usize, &Jwk)]) -> String {
        match self {
            Ambiguity::SameKid { kid, kty, members } => format!(
                "{} {kty} keys share kid {kid:?}: {}",
                members.len(),
                names(keys, members)
            ),
            Ambiguity::MixedSecret { secret, public } => format!(
                "the set mixes secret (oct) keys, {}, with public keys, {}",
                names(keys, secret),
                names(keys, public)
            ),
        }
    }
}

/// The ambiguities of a set given as (index in the set, key) pairs.
pub(crate) fn ambiguities(keys: &[(usize, &Jwk)]) -> Vec<Ambiguity> {
    let mut out = Vec::new();
    let mut seen: Vec<(&str, &'static str)> = Vec::new();
    for (_, k) in keys {
        let Some(kid) = k.kid.as_deref() else {
            continue;
        };
        if seen.contains(&(kid, k.kty())) {
            continue;
        }
        seen.push((kid, k.kty()));
        let members: Vec<usize> = keys
            .iter()
            .filter(|(_, o)| o.kid.as_deref() == Some(kid) && o.kty() == k.kty())
            .map(|(i, _)| *i)
            .collect();
        if members.len() > 1 {
            out.push(Ambiguity::SameKid {
                kid: kid.to_owned(),
                kty: k.kty(),
                members,
            });
        }
    }
    let of = |secret: bool| -> Vec<usize> {
        keys.iter()
            .filter(|(_, k)| (k.kty() == "oct") == secret && (secret || !k.is_private()))
            .map(|(i, _)| *i)
            .collect()
    };
    let (secret, public) = (of(true), of(false));
    if !secret.is_empty() && !public.is_empty() {
        out.push(Ambiguity::MixedSecret { secret, public });
    }
    out
}

/// Refuse an ambiguous set of verification keys (see the module doc): the first
/// ambiguity, naming its members.
pub(crate) fn check_set(keys: &[Jwk]) -> Result<()> {
    let indexed: Vec<(usize, &Jwk)> = keys.iter().enumerate().collect();
    let Some(a) = ambiguities(&indexed).into_iter().next() else {
        return Ok(());
    };
    let hint = match a {
        Ambiguity::SameKid { .. } => {
            "give each key its own kid (its RFC 7638 thumbprint: jot thumbprint), or remove the stale one"
        }
        Ambiguity::MixedSecret { .. } => {
            "keep HMAC secrets out of public key sets: verify HS* tokens with --secret-file, the others with the public set"
        }
    };
    Err(Error::input(format!("ambiguous key set: {}", a.message(&indexed))).with_hint(hint))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::{Key, Secret};

    fn oct(kid: &str, byte: u8) -> Jwk {
        let mut k = Jwk::new(Key::Oct(Secret::new(vec![byte; 32])));
        k.kid = Some(kid.into());
        k
    }

    fn ec_public(kid: &str) -> Jwk {
        let mut k = crate::keys::generate(crate::alg::Alg::ES256, None, None)
            .expect("keygen")
            .to_public()
            .expect("public half");
        k.kid = Some(kid.into());
        k
    }

    #[test]
    fn same_kid_and_kty_is_named_by_index_and_kid() {
        let keys = [oct("a", 1), oct("b", 2), oct("a", 3)];
        let err = check_set(&keys).expect_err("ambiguous").to_string();
        assert_eq!(
            err,
            "ambiguous key set: 2 oct keys share kid \"a\": keys[0] (kid \"a\"), keys[2] (kid \"a\")"
        );
    }

    #[test]
    fn same_kid_of_different_types_is_not_ambiguous() {
        // RFC 7517 §4.5 allows one kid for keys of different types: kty settles the choice.
        let mut ed = crate::keys::generate(crate::alg::Alg::EdDSA, None, None)
            .expect("keygen")
            .to_public()
            .expect("public half");
        ed.kid = Some("a".into());
        assert!(check_set(&[ec_public("a"), ed]).is_ok());
        assert!(check_set(&[ec_public("a"), ec_public("b")]).is_ok());
        assert!(check_set(&[ec_public("a"), ec_public("a")]).is_err());
    }

    #[test]
    fn secret_beside_public_keys_is_refused() {
        let keys = [oct("h", 1), ec_public("e")];
        let err = check_set(&keys).expect_err("mixed").to_string();
        assert!(err.contains("keys[0] (kid \"h\")"), "{err}");
        assert!(err.contains("keys[1] (kid \"e\")"), "{err}");
        assert!(check_set(&[oct("h", 1), oct("i", 2)]).is_ok());
        assert!(check_set(&[ec_public("e"), ec_public("f")]).is_ok());
    }
}
