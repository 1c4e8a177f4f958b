//! The fast path of bulk verification. [`Fast::is_valid`] answers `true` only for a token
//! that [`verify`](super::verify::verify) would call valid with no warnings; for anything
//! else — an invalid token, a warning, JSON outside the scanner's subset, a policy it does
//! not cover — it answers `false` and the caller runs `verify`, which gives the verdict and
//! its reasons. So the fast path can make a line "valid" sooner, never different.
//!
//! Where the time went before (docs/benchmarks.md): per token, `serde_json::Value` trees
//! with an allocation per member, base64 into fresh `Vec`s, the HMAC key schedule redone,
//! and a `Verdict` with owned strings. Here keys are prepared once, segments decode into
//! reused buffers, claims are scanned in place, and a valid token allocates nothing.

use super::fast_json::{self, Val};
use super::verify::Policy;
use super::verify_keys::short_for;
use super::{is_alg_none, KEY_HEADERS, MAX_TOKEN};
use crate::alg::{Alg, Family, Hash};
use crate::keys::prepared_hmac::PreparedHmac;
use crate::keys::prepared_pk::{prepare, PreparedPublic};
use crate::keys::{Jwk, Key};

/// Header members the fast path knows `verify` ignores; any other member sends the token
/// to `verify` (which may warn about or refuse it).
const PLAIN_HEADERS: &[&str] = &["alg", "kid", "typ", "cty", "x5t", "x5t#S256"];

/// Reused per-thread buffers for the decoded segments, and the last header seen: tokens
/// in bulk mostly share one header, which is then decoded and scanned once.
#[derive(Default)]
pub(crate) struct Scratch {
    header: Vec<u8>,
    payload: Vec<u8>,
    sig: Vec<u8>,
    last_header: String,
    /// The last header's alg and the keys to try for it (indices into `Fast::keys`),
    /// worked out by the `Fast` whose id is `owner`; `None`: not for the fast path.
    last: Option<(Alg, Vec<usize>)>,
    owner: u64,
}

/// One caller key with what the fast path prepared for it.
struct Prepared<'k> {
    jwk: &'k Jwk,
    /// HS256, HS384, HS512 states for a non-empty oct key.
    macs: Option<[PreparedHmac; 3]>,
    /// Algorithms the key implies (when the policy pins none).
    implied: Vec<Alg>,
    /// Algorithms the key may verify here (`check_alg` and `allows_op("verify")`).
    usable: Vec<Alg>,
    /// The public key parsed once per usable alg, where aws-lc verifies it.
    public: Vec<(Alg, PreparedPublic)>,
}

/// The alg and kid of a header the fast path can take (see `PLAIN_HEADERS`).
fn plain_header(h: &str, buf: &mut Vec<u8>) -> Option<(Alg, Option<String>)> {
    if !crate::b64::decode_into(h.as_bytes(), buf) {
        return None;
    }
    let (mut alg, mut kid) = (None, None);
    fast_json::visit(buf, |name, v| {
        match (name, v) {
            ("alg", Val::Str(a)) => alg = Some(a),
            ("kid", Val::Str(k)) => kid = Some(k.to_owned()),
            (n, _) if PLAIN_HEADERS[2..].contains(&n) => {}
            _ => return None,
        }
        Some(())
    })?;
    debug_assert!(KEY_HEADERS.iter().all(|k| !PLAIN_HEADERS.contains(k)));
    let alg = alg.filter(|a| !is_alg_none(a))?;
    Some((Alg::from_name(alg)?, kid))
}

/// Keys and policy prepared once for a whole bulk run.
pub(crate) struct Fast<'k> {
    /// Tells this `Fast`'s entries in a (thread-local) `Scratch` from another's.
    id: u64,
    keys: Vec<Prepared<'k>>,
    any_kid: bool,
    policy: &'k Policy,
    now: i64,
    /// False when the policy asks for something only `verify` checks.
    enabled: bool,
}

fn hash_index(h: Hash) -> usize {
    match h {
        Hash::Sha256 => 0,
        Hash::Sha384 => 1,
        Hash::Sha512 => 2,
    }
}

impl<'k> Fast<'k> {
    /// Prepare `keys` under `policy` at time `now`.
    pub(crate) fn new(keys: &'k [Jwk], policy: &'k Policy, now: i64) -> Fast<'k> {
        let keys = keys
            .iter()
            .map(|jwk| {
                let usable: Vec<Alg> = Alg::all()
                    // A secret short for an alg goes to `verify`, which refuses or warns.
                    .filter(|a| {
                        jwk.check_alg(*a).is_ok() && jwk.allows_op("verify") && !short_for(jwk, *a)
                    })
                    .collect();
                let public = usable
                    .iter()
                    .filter_map(|a| Some((*a, prepare(&jwk.key, *a)?)))
                    .collect();
                (jwk, usable, public)
            })
            .map(|(jwk, usable, public)| Prepared {
                jwk,
                usable,
                public,
                macs: match &jwk.key {
                    Key::Oct(s) if !s.expose().is_empty() => Some(
                        [Hash::Sha256, Hash::Sha384, Hash::Sha512]
                            .map(|h| PreparedHmac::new(h, s.expose())),
                    ),
                    _ => None,
                },
                implied: jwk.implied_algs(),
            })
            .collect::<Vec<_>>();
        static IDS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        Fast {
            id: IDS.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            any_kid: keys.iter().any(|k| k.jwk.kid.is_some()),
            keys,
            policy,
            now,
            // The denylist (digests of the token) and fingerprints are left to `verify`.
            // typ, nonce and azp are checked only by `verify`.
            enabled: policy.denylist.is_empty()
                && policy.fingerprint.is_none()
                && policy.typ.is_none()
                && policy.nonce.is_none()
                && !policy.azp_with_several_aud,
        }
    }

    /// Whether `token` is certainly valid (see the module doc); `false` means "ask verify".
    pub(crate) fn is_valid(&self, token: &str, s: &mut Scratch) -> bool {
        self.enabled && self.check(token.trim(), s).is_some()
    }

    /// [`Fast::is_valid`] with this thread's own buffers.
    pub(crate) fn is_valid_here(&self, token: &str) -> bool {
        thread_local! {
            static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::default();
        }
        SCRATCH.with(|s| self.is_valid(token, &mut s.borrow_mut()))
    }

    fn check(&self, t: &str, s: &mut Scratch) -> Option<()> {
        if t.is_empty() || t.len() > MAX_TOKEN {
            return None;
        }
        // Byte search (SIMD): the char-pattern splits cost more than the base64 decoding.
        let b = t.as_bytes();
        let d1 = memchr::memchr(b'.', b)?;
        let d2 = d1 + 1 + memchr::memchr(b'.', &b[d1 + 1..])?;
        let sig = &b[d2 + 1..];
        if sig.is_empty() || memchr::memchr(b'.', sig).is_some() {
            return None;
        }
        let h = &t[..d1];
        if s.last_header != h || s.owner != self.id {
            s.last = plain_header(h, &mut s.header)
                .and_then(|(alg, kid)| Some((alg, self.route(alg, kid.as_deref())?)));
            s.last_header.clear();
            s.last_header.push_str(h);
            s.owner = self.id;
        }
        let (alg, route) = s.last.as_ref()?;
        let ok = crate::b64::decode_into(&b[d1 + 1..d2], &mut s.payload)
            && crate::b64::decode_into(sig, &mut s.sig);
        if !ok {
            return None;
        }
        self.check_claims(&s.payload)?;
        self.check_signature(*alg, route, &b[..d2], &s.sig)
    }

    /// The key choice of `verify::check_signature` for a header: the keys to try, in
    /// order, or `None` when the policy refuses the alg. Worked out once per header.
    fn route(&self, alg: Alg, kid: Option<&str>) -> Option<Vec<usize>> {
        let p = self.policy;
        let kid = p.kid.as_deref().or(kid);
        let candidate = |k: &&Prepared| match kid {
            Some(want) if self.any_kid => k.jwk.kid.as_deref() == Some(want),
            _ => true,
        };
        let allowed = if p.algs.is_empty() {
            self.keys
                .iter()
                .filter(candidate)
                .any(|k| k.implied.contains(&alg))
        } else {
            p.algs.contains(&alg)
        };
        if !allowed {
            return None;
        }
        let keys = self.keys.iter().enumerate();
        Some(
            keys.filter(|(_, k)| candidate(k) && k.usable.contains(&alg))
                .map(|(i, _)| i)
                .collect(),
        )
    }

    /// Whether a key on the header's route verifies the signature.
    fn check_signature(&self, alg: Alg, route: &[usize], msg: &[u8], sig: &[u8]) -> Option<()> {
        if let Family::Ecdsa(curve) = alg.family() {
            if self.policy.require_low_s && crate::keys::ecdsa_high_s(curve, sig) {
                return None;
            }
        }
        for k in route.iter().map(|i| &self.keys[*i]) {
            let ok = match (&k.macs, alg.family()) {
                (Some(macs), Family::Hmac) => macs[hash_index(alg.hash())].verify(msg, sig),
                (None, Family::Hmac) => false,
                _ => match k.public.iter().find(|(a, _)| *a == alg) {
                    Some((_, parsed)) => parsed.verify(msg, sig),
                    None => matches!(k.jwk.verify(alg, msg, sig), Ok(true)),
                },
            };
            if ok {
                return Some(());
            }
        }
        None
    }

    /// `verify::check_claims` for a token it would accept: every check either passes here
    /// or sends the token back to `verify`. `payload` is the decoded claims JSON.
    fn check_claims(&self, payload: &[u8]) -> Option<()> {
        let (p, now) = (self.policy, self.now);
        // `--require` names, found so far, as bits (more than 64 go to `verify`).
        if p.require.len() > 64 {
            return None;
        }
        let mut required = 0u64;
        // One pass over the members; a NumericDate that is not an integer (a fraction, a
        // string…) goes to `verify`, which floors it or names the problem. Registered
        // names are compared as 3-byte keys: a string `match` costs a memcmp per arm.
        let (mut exp, mut nbf, mut iat) = (None, None, None);
        let (mut iss, mut sub, mut aud) = (None, None, None);
        fast_json::visit(payload, |name, v| {
            let date = || match v {
                Val::Int(i) => Some(Some(i)),
                _ => None,
            };
            if let &[a, b, c] = name.as_bytes() {
                match [a, b, c] {
                    [b'e', b'x', b'p'] => exp = date()?,
                    [b'n', b'b', b'f'] => nbf = date()?,
                    [b'i', b'a', b't'] => iat = date()?,
                    [b'i', b's', b's'] => iss = Some(v),
                    [b's', b'u', b'b'] => sub = Some(v),
                    [b'a', b'u', b'd'] => aud = Some(v),
                    _ => {}
                }
            }
            for (i, r) in p.require.iter().enumerate() {
                if r == name {
                    required |= 1 << i;
                }
            }
            Some(())
        })?;
        if required.count_ones() as usize != p.require.len() {
            return None;
        }
        times_pass(p, now, exp, nbf, iat)?;
        identity_pass(p, iss, sub, aud)
    }
}

/// exp, nbf, iat and --max-age as `verify::check_claims` judges them: `None` sends the
/// token back to `verify`.
#[inline]
fn times_pass(
    p: &Policy,
    now: i64,
    exp: Option<i64>,
    nbf: Option<i64>,
    iat: Option<i64>,
) -> Option<()> {
    let slack = now.saturating_add(p.leeway);
    match exp {
        Some(e) if e.saturating_add(p.leeway) <= now => return None,
        None if p.require_exp => return None,
        _ => {}
    }
    if nbf.is_some_and(|n| n > slack) || iat.is_some_and(|i| i > slack) {
        return None;
    }
    if let Some(max) = p.max_age {
        if now.saturating_sub(iat?) > max.saturating_add(p.leeway) {
            return None;
        }
    }
    Some(())
}

/// iss, sub and aud as `verify::check_claims` judges them: `None` sends the token back to
/// `verify`.
#[inline]
fn identity_pass(
    p: &Policy,
    iss: Option<Val<'_>>,
    sub: Option<Val<'_>>,
    aud: Option<Val<'_>>,
) -> Option<()> {
    for (got, want) in [(iss, &p.iss), (sub, &p.sub)] {
        if let Some(w) = want {
            match got {
                Some(Val::Str(s)) if s == w => {}
                _ => return None,
            }
        }
    }
    match aud {
        None if p.aud.is_empty() => {}
        Some(_) if p.aud.is_empty() => return None,
        Some(Val::Str(a)) if p.aud.iter().any(|w| w == a) => {}
        Some(Val::Arr(raw)) => {
            let mut hit = false;
            fast_json::elements(raw, |e| {
                match e {
                    Val::Str(a) => hit |= p.aud.iter().any(|w| w == a),
                    _ => return None,
                }
                Some(())
            })?;
            if !hit {
                return None;
            }
        }
        _ => return None,
    }
    Some(())
}

#[cfg(test)]
#[path = "fast_tests.rs"]
mod tests;
