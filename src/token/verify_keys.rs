//! The keys a verification may use, vetted once before the first token by every verifier
//! (`jot verify`, one token or bulk, and the ui's verify endpoint): an ambiguous set is
//! refused (`keys::check_set`), and so is an HMAC key shorter than the hash of every
//! algorithm it may verify here (RFC 7518 §3.2), unless the policy's `insecure_short_key`,
//! with the message and hint `jot sign` gives. A secret long enough for some of its
//! algorithms and not others (32 bytes and no `--alg`: HS256, not HS512) is judged per
//! token, by `verify` and the fast path alike (see `short_for`).

use super::sign::hmac_length;
use super::verify::Policy;
use crate::alg::Alg;
use crate::keys::{Jwk, Key};
use crate::Result;

/// Whether `k` is an HMAC key shorter than `alg`'s hash output.
pub(crate) fn short_for(k: &Jwk, alg: Alg) -> bool {
    matches!(&k.key, Key::Oct(s) if s.expose().len() < alg.hash().output_len())
}

/// The keys of `fitting` (keys that fit `alg`) long enough for it (RFC 7518 §3.2), for a
/// secret long enough for some of its algorithms but not this one; `check_keys` refused
/// those short for all of them before any token. With `insecure` the short ones stay, with
/// the warning to give; without, `Err` with the reason when only short ones fit.
pub(crate) fn long_enough(
    fitting: Vec<&Jwk>,
    alg: Alg,
    insecure: bool,
) -> std::result::Result<(Vec<&Jwk>, Option<String>), String> {
    let Some(short) = fitting.iter().find(|k| short_for(k, alg)) else {
        return Ok((fitting, None));
    };
    let why = hmac_length(short, alg, true, "verifies")
        .ok()
        .flatten()
        .unwrap_or_default();
    if insecure {
        return Ok((fitting, Some(format!("insecure: {why}"))));
    }
    let usable: Vec<&Jwk> = fitting.into_iter().filter(|k| !short_for(k, alg)).collect();
    if usable.is_empty() {
        return Err(format!("{why} (--insecure-short-key verifies anyway)"));
    }
    Ok((usable, None))
}

/// The HMAC algorithms `k` may verify under `policy`: the pinned ones that fit it, else
/// those it implies (its own `alg`, or every HS*).
fn hmac_algs(k: &Jwk, policy: &Policy) -> Vec<Alg> {
    if policy.algs.is_empty() {
        k.implied_algs()
    } else {
        policy
            .algs
            .iter()
            .copied()
            .filter(|a| k.check_alg(*a).is_ok())
            .collect()
    }
}

/// Vet `keys` for verification under `policy` (see the module doc). The warnings to show
/// when short keys are allowed.
pub(crate) fn check_keys(keys: &[Jwk], policy: &Policy) -> Result<Vec<String>> {
    crate::keys::check_set(keys)?;
    let mut warnings = Vec::new();
    for (i, k) in keys.iter().enumerate() {
        if !matches!(k.key, Key::Oct(_)) || !k.allows_op("verify") {
            continue;
        }
        // Short for the weakest requirement means short for every algorithm it may verify.
        let weakest = hmac_algs(k, policy)
            .into_iter()
            .min_by_key(|a| a.hash().output_len());
        let Some(alg) = weakest else { continue };
        let named = |e: crate::Error| match (keys.len(), &k.kid) {
            (1, _) => e,
            (_, Some(kid)) => e.context(format!("keys[{i}] (kid {kid:?})")),
            (_, None) => e.context(format!("keys[{i}]")),
        };
        if let Some(w) =
            hmac_length(k, alg, policy.insecure_short_key, "verifies").map_err(named)?
        {
            warnings.push(format!("insecure: {w}"));
        }
    }
    Ok(warnings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::Secret;

    fn oct(len: usize, alg: Option<&str>) -> Jwk {
        let mut k = Jwk::new(Key::Oct(Secret::new(vec![7; len])));
        k.alg = alg.map(str::to_owned);
        k
    }

    #[test]
    fn a_key_short_for_its_own_alg_is_refused_unless_insecure() {
        for (len, alg) in [(31, "HS256"), (47, "HS384"), (63, "HS512")] {
            let keys = [oct(len, Some(alg))];
            let err = check_keys(&keys, &Policy::default()).expect_err(alg);
            assert!(err.to_string().contains(&format!("{len} bytes")), "{err}");
            assert!(err
                .hint()
                .is_some_and(|h| h.contains("--insecure-short-key verifies")));
            let insecure = Policy {
                insecure_short_key: true,
                ..Policy::default()
            };
            assert_eq!(check_keys(&keys, &insecure).expect(alg).len(), 1);
        }
        assert!(check_keys(&[oct(32, Some("HS256"))], &Policy::default()).is_ok());
    }

    #[test]
    fn a_raw_secret_is_judged_by_the_pinned_or_weakest_alg() {
        let p = Policy::default();
        assert!(check_keys(&[oct(31, None)], &p).is_err());
        // Long enough for HS256: HS384 and HS512 tokens are judged per token.
        assert!(check_keys(&[oct(32, None)], &p).is_ok());
        let pinned = Policy {
            algs: vec![Alg::HS512],
            ..Policy::default()
        };
        assert!(check_keys(&[oct(32, None)], &pinned).is_err());
        assert!(short_for(&oct(32, None), Alg::HS384));
        assert!(!short_for(&oct(32, None), Alg::HS256));
    }
}
