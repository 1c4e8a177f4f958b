//! Verifying an SD-JWT presentation (RFC 9901 §7.1, §7.3): the issuer JWT goes through
//! the same signature check as any JWS (the caller's keys, pinned algorithms), the claims
//! are rebuilt from the disclosures, the claim checks run on the rebuilt claims, and a
//! KB-JWT is checked whenever one is sent (typ, the `cnf` key, `sd_hash`, `iat`, and
//! `aud`/`nonce` when the verifier names them). Reasons accumulate in one `Verdict`.

use serde::Serialize;
use serde_json::{Map, Value};

use super::rebuild::{rebuild, Rebuilt};
use super::{digest, parse, SdJwt};
use crate::alg::Alg;
use crate::keys::Jwk;
use crate::token::verify::{check_claims, check_signature, Policy, Verdict};
use crate::token::{parse as parse_jws, Jws, Parsed};

/// What a verifier asks of key binding.
#[derive(Clone, Debug, Default)]
pub(crate) struct KbPolicy {
    /// The KB-JWT's aud must be this.
    pub aud: Option<String>,
    /// The KB-JWT's nonce must be this.
    pub nonce: Option<String>,
    /// Oldest acceptable KB-JWT iat, seconds before now (leeway added).
    pub max_age: i64,
    /// Fail a presentation without a KB-JWT.
    pub require: bool,
}

/// Default `--kb-max-age`: a KB-JWT answers one request, made moments ago.
pub(crate) const DEFAULT_KB_MAX_AGE: i64 = 300;

/// An SD-JWT verdict: the JWS verdict (claims rebuilt), and what was disclosed.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct SdVerdict {
    #[serde(flatten)]
    pub verdict: Verdict,
    /// Paths of the claims the disclosures opened, in the order sent.
    pub disclosed: Vec<String>,
    /// Digests no disclosure answered (undisclosed claims or decoys).
    pub undisclosed: usize,
    /// Whether a KB-JWT was sent and verified.
    pub key_binding: bool,
}

impl SdVerdict {
    fn invalid(reason: String) -> SdVerdict {
        SdVerdict {
            verdict: Verdict::invalid(reason),
            disclosed: vec![],
            undisclosed: 0,
            key_binding: false,
        }
    }
}

/// Verify the SD-JWT `text` with the issuer's `keys`, at `now`.
pub(crate) fn verify(
    text: &str,
    keys: &[Jwk],
    policy: &Policy,
    kb: &KbPolicy,
    now: i64,
) -> SdVerdict {
    let sd = match parse(text) {
        Ok(sd) => sd,
        Err(e) => return SdVerdict::invalid(format!("malformed SD-JWT: {e}")),
    };
    let jws = match parse_jws(&sd.jwt) {
        Ok(Parsed::Jws(j)) => j,
        Ok(Parsed::Jwe { .. }) => return SdVerdict::invalid("the issuer JWT is a JWE".into()),
        Err(e) => return SdVerdict::invalid(format!("malformed issuer JWT: {e}")),
    };
    let mut v = Verdict::invalid(String::new());
    v.reasons.clear();
    v.alg = jws.alg().map(str::to_owned);
    check_signature(&jws, keys, policy, &mut v);
    let Some(payload) = jws.claims() else {
        v.reasons
            .push("the issuer JWT's payload is not a JSON claims set".into());
        return finish(v, &jws, None, false);
    };
    let r = match rebuild(payload, &sd.disclosures) {
        Ok(r) => r,
        Err(why) => {
            v.reasons.push(why);
            return finish(v, &jws, None, false);
        }
    };
    check_claims(&r.claims, &jws, &sd.jwt, policy, now, &mut v.reasons);
    let bound = check_kb(&sd, &r, policy.leeway, kb, now, &mut v);
    finish(v, &jws, Some(r), bound)
}

fn finish(mut v: Verdict, jws: &Jws, r: Option<Rebuilt>, bound: bool) -> SdVerdict {
    v.valid = v.reasons.is_empty();
    v.header = Some(jws.header.clone());
    let (disclosed, undisclosed) = match &r {
        Some(r) => (
            r.placed.iter().map(|p| p.path.clone()).collect(),
            r.undisclosed.len(),
        ),
        None => (vec![], 0),
    };
    v.claims = r.map(|r| Value::Object(r.claims));
    SdVerdict {
        verdict: v,
        disclosed,
        undisclosed,
        key_binding: bound,
    }
}

/// The holder key named by the credential's `cnf.jwk` (RFC 7800 §3.2).
pub(crate) fn holder_key(claims: &Map<String, Value>) -> Result<Jwk, String> {
    let jwk = claims
        .get("cnf")
        .and_then(|c| c.get("jwk"))
        .ok_or("the credential has no cnf.jwk to verify the KB-JWT with")?;
    let bytes = serde_json::to_vec(jwk).map_err(|e| e.to_string())?;
    let keys = crate::keys::read(&bytes, &crate::keys::ReadOptions::default())
        .map_err(|e| format!("cnf.jwk is not a usable key: {e}"))?
        .into_keys();
    match keys.into_iter().next() {
        Some(k) if k.is_private() && !matches!(k.key, crate::keys::Key::Oct(_)) => {
            Err("cnf.jwk holds private key members".into())
        }
        Some(k) if matches!(k.key, crate::keys::Key::Oct(_)) => {
            Err("cnf.jwk is a symmetric key; key binding needs a public key".into())
        }
        Some(k) => Ok(k),
        None => Err("cnf.jwk holds no key".into()),
    }
}

/// Check the KB-JWT, if any; true when one was sent and every check on it held.
fn check_kb(
    sd: &SdJwt,
    r: &Rebuilt,
    leeway: i64,
    kb: &KbPolicy,
    now: i64,
    v: &mut Verdict,
) -> bool {
    let Some(text) = &sd.kb_jwt else {
        if kb.require || kb.aud.is_some() || kb.nonce.is_some() {
            v.reasons.push(
                "no KB-JWT: the presentation is not bound to the holder's key \
                 (--require-kb, --kb-aud and --kb-nonce need one)"
                    .into(),
            );
        } else if r.claims.contains_key("cnf") {
            v.warnings.push(
                "the credential is holder-bound (cnf) but no KB-JWT was sent: anyone holding \
                 this text can present it"
                    .into(),
            );
        }
        return false;
    };
    for (flag, want) in [("--kb-aud", &kb.aud), ("--kb-nonce", &kb.nonce)] {
        if want.is_none() {
            v.warnings.push(format!(
                "the KB-JWT's {} was not compared with anything (pass {flag})",
                &flag[5..]
            ));
        }
    }
    let before = v.reasons.len();
    let mut fail = |why: String| v.reasons.push(format!("KB-JWT: {why}"));
    let jws = match parse_jws(text) {
        Ok(Parsed::Jws(j)) => j,
        Ok(Parsed::Jwe { .. }) => {
            fail("a JWE, not a signed JWT".into());
            return false;
        }
        Err(e) => {
            fail(format!("malformed: {e}"));
            return false;
        }
    };
    if jws.header.get("typ").and_then(Value::as_str) != Some("kb+jwt") {
        fail("header typ is not \"kb+jwt\" (RFC 9901 §4.3)".into());
    }
    let holder = match holder_key(&r.claims) {
        Ok(k) => k,
        Err(why) => {
            fail(why);
            return false;
        }
    };
    let alg = jws.alg().and_then(Alg::from_name);
    if alg.is_some_and(Alg::is_symmetric) {
        fail("signed with an HMAC algorithm; key binding needs the holder's private key".into());
    }
    let mut sig = Verdict::invalid(String::new());
    sig.reasons.clear();
    check_signature(&jws, &[holder], &Policy::default(), &mut sig);
    for why in sig.reasons {
        fail(format!("{why} (with the cnf key)"));
    }
    let Some(c) = jws.claims() else {
        fail("the payload is not a JSON claims set".into());
        return false;
    };
    kb_claims(c, sd, r, leeway, kb, now, &mut fail);
    v.reasons.len() == before
}

fn kb_claims(
    c: &Map<String, Value>,
    sd: &SdJwt,
    r: &Rebuilt,
    leeway: i64,
    kb: &KbPolicy,
    now: i64,
    fail: &mut impl FnMut(String),
) {
    match c.get("sd_hash") {
        Some(Value::String(h)) if *h == digest(r.hash, &sd.without_kb()) => {}
        Some(Value::String(_)) => fail(
            "sd_hash does not match the presentation (disclosures were added, dropped or changed)"
                .into(),
        ),
        Some(_) => fail("sd_hash is not a string".into()),
        None => fail("no sd_hash claim (RFC 9901 §4.3)".into()),
    }
    match c.get("iat").map(crate::token::claims::numeric_date) {
        None => fail("no iat claim".into()),
        Some(Err(why)) => fail(format!("iat {why}")),
        Some(Ok(i)) if i > now.saturating_add(leeway) => fail(format!(
            "issued in the future ({})",
            crate::clock::format_utc(i)
        )),
        Some(Ok(i)) if now.saturating_sub(i) > kb.max_age.saturating_add(leeway) => fail(format!(
            "older than --kb-max-age (issued {})",
            crate::clock::relative(i, now)
        )),
        Some(Ok(_)) => {}
    }
    let exact = |name: &str, want: &Option<String>, fail: &mut dyn FnMut(String)| {
        let Some(w) = want else { return };
        match c.get(name) {
            Some(Value::String(s)) if s == w => {}
            Some(got) => fail(format!("{name} is {got}, expected {w:?}")),
            None => fail(format!("no {name} claim, expected {w:?}")),
        }
    };
    exact("aud", &kb.aud, fail);
    exact("nonce", &kb.nonce, fail);
}
