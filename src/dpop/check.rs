//! Checking a DPoP proof as RFC 9449 §4.3 lists it, one named check at a time, so a
//! verdict says which check failed: one proof, typ, an asymmetric alg, a public-only `jwk`
//! that verifies the signature, jti, htm, htu (normalised), iat in its window, and, when
//! asked, nonce, ath and the key's thumbprint.

use serde::Serialize;
use serde_json::{Map, Value};

use super::{ath, htu, resolve_alg};
use crate::alg::Family;
use crate::keys::{self, Jwk, Key, ReadOptions, ThumbprintHash, PRIVATE_MEMBERS};
use crate::token::{self, claims::numeric_date, is_alg_none, Jws, Parsed};
use crate::{Error, Result};

/// What the request the proof came with was, and what the caller requires.
#[derive(Clone, Debug, Default)]
pub struct Expect<'a> {
    /// The request's method (`htm`), compared exactly.
    pub htm: &'a str,
    /// The request's target URI (`htu`), compared after normalisation.
    pub htu: &'a str,
    /// The access token sent with the proof: `ath` must be its SHA-256.
    pub access_token: Option<&'a str>,
    /// The nonce the server handed out (`DPoP-Nonce`).
    pub nonce: Option<&'a str>,
    /// The key thumbprint the access token is bound to (`cnf.jkt`).
    pub jkt: Option<&'a str>,
    /// Without `jkt`, read it from the access token's `cnf.jkt` when the token is a JWT
    /// (unverified: the caller verifies the token itself); a JWT without one fails.
    pub jkt_from_token: bool,
    /// How old `iat` may be, seconds.
    pub max_age: i64,
    /// How far ahead `iat` may be, seconds.
    pub leeway: i64,
    /// Unix seconds.
    pub now: i64,
}

/// One check and its outcome.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Check {
    pub check: &'static str,
    pub pass: bool,
    pub detail: String,
}

/// Every check that ran on one proof.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub valid: bool,
    pub checks: Vec<Check>,
    /// The RFC 7638 SHA-256 thumbprint of the proof's key, when it has a usable one.
    pub jkt: Option<String>,
    pub header: Option<Map<String, Value>>,
    pub claims: Option<Value>,
}

impl Report {
    /// The failed checks as `name: detail`, joined: the one line an invalid verdict prints.
    pub(crate) fn reasons(&self) -> Vec<String> {
        self.checks
            .iter()
            .filter(|c| !c.pass)
            .map(|c| format!("{}: {}", c.check, c.detail))
            .collect()
    }
}

struct Checks(Vec<Check>);

impl Checks {
    fn add(&mut self, check: &'static str, r: std::result::Result<String, String>) -> bool {
        let pass = r.is_ok();
        let detail = r.unwrap_or_else(|e| e);
        self.0.push(Check {
            check,
            pass,
            detail,
        });
        pass
    }
}

/// The proof of a `DPoP` header value. Two comma-joined proofs are a failed check
/// (`Ok(None)`: RFC 9449 §4.3 allows one); text that is no JWS is an error.
fn parse_one(value: &str) -> Result<Option<Jws>> {
    let v = value.trim();
    if v.contains(',') {
        let parts = v.split(',').filter(|p| !p.trim().is_empty()).count();
        let all_tokens = v
            .split(',')
            .all(|p| matches!(token::parse(p), Ok(Parsed::Jws(_))));
        if all_tokens && parts > 1 {
            return Ok(None);
        }
    }
    match token::parse(v).map_err(|e| e.context("not a DPoP proof"))? {
        Parsed::Jws(j) => Ok(Some(j)),
        Parsed::Jwe { .. } => Err(Error::input(
            "not a DPoP proof: this is an encrypted token (JWE)",
        )
        .with_hint("a DPoP proof is a signed JWT (three segments) with typ dpop+jwt")),
    }
}

/// Check `proof` (a `DPoP` header value) against `e`. `Err` only when it is no token at
/// all; every failed check is in the report.
pub fn check(proof: &str, e: &Expect) -> Result<Report> {
    let mut c = Checks(Vec::new());
    let Some(jws) = parse_one(proof)? else {
        let n = proof.split(',').filter(|p| !p.trim().is_empty()).count();
        c.add(
            "single",
            Err(format!(
                "the DPoP value holds {n} comma-joined proofs; a request carries exactly one (RFC 9449 §4.3)"
            )),
        );
        return Ok(finish(c, None, None, None));
    };
    let (jwk, key) = header_checks(&jws, &mut c);
    // The thumbprint of a public jwk, even when the alg is refused: it names the key.
    let jkt = jwk.map(|k| k.thumbprint(ThumbprintHash::Sha256));
    if let Some((k, alg)) = &key {
        let ok = k.verify(*alg, jws.signing_input.as_bytes(), &jws.signature);
        c.add(
            "signature",
            match ok {
                Ok(true) => Ok(format!("verifies with the proof's jwk ({alg})")),
                Ok(false) => Err("does not verify with the proof's jwk".into()),
                Err(err) => Err(format!("the jwk cannot verify {alg}: {err}")),
            },
        );
    } else {
        c.add(
            "signature",
            Err("not checked: no usable alg and jwk".into()),
        );
    }
    match jws.claims() {
        Some(claims) => claim_checks(claims, e, &mut c),
        None => {
            c.add("claims", Err("the payload is not a JSON claims set".into()));
        }
    }
    let from_token = match (e.jkt, e.access_token) {
        (None, Some(at)) if e.jkt_from_token => token_jkt(at),
        _ => None,
    };
    if let Some(Err(why)) = &from_token {
        c.add("jkt", Err(why.clone()));
    }
    let want = e
        .jkt
        .or(from_token.as_ref().and_then(|r| r.as_deref().ok()));
    if let Some(want) = want {
        c.add(
            "jkt",
            match &jkt {
                Some(got) if got == want => Ok(format!("the proof key's thumbprint is {got}")),
                Some(got) => Err(format!(
                    "the proof key's thumbprint is {got}; the access token is bound to {want}"
                )),
                None => Err(format!("no usable proof key to compare with {want}")),
            },
        );
    }
    Ok(finish(c, jkt, Some(jws.header), jws.payload))
}

/// The `cnf.jkt` of an access token that is a JWT; `None` for an opaque token, whose
/// binding only its issuer knows.
fn token_jkt(at: &str) -> Option<std::result::Result<String, String>> {
    let Ok(Parsed::Jws(j)) = token::parse(at) else {
        return None;
    };
    let claims = j.claims()?;
    Some(
        super::bind::cnf_jkt(Some(&Value::Object(claims.clone())))
            .map(str::to_owned)
            .ok_or_else(|| {
                "the access token has no cnf.jkt: nothing binds it to the proof's key".to_owned()
            }),
    )
}

fn finish(
    c: Checks,
    jkt: Option<String>,
    header: Option<Map<String, Value>>,
    claims: Option<Value>,
) -> Report {
    Report {
        valid: c.0.iter().all(|x| x.pass),
        checks: c.0,
        jkt,
        header,
        claims,
    }
}

/// typ, alg, crit and jwk; the public jwk when it is one, and the key and algorithm to
/// verify with when both are usable.
fn header_checks(jws: &Jws, c: &mut Checks) -> (Option<Jwk>, Option<(Jwk, crate::alg::Alg)>) {
    let h = &jws.header;
    c.add(
        "typ",
        match h.get("typ") {
            // Media types are case-insensitive (RFC 7515 §4.1.9).
            Some(Value::String(t))
                if t.eq_ignore_ascii_case("dpop+jwt")
                    || t.eq_ignore_ascii_case("application/dpop+jwt") =>
            {
                Ok("dpop+jwt".into())
            }
            Some(t) => Err(format!("typ is {t}, expected \"dpop+jwt\"")),
            None => Err("no typ; a proof has typ \"dpop+jwt\"".into()),
        },
    );
    let alg = match h.get("alg") {
        Some(Value::String(a)) if is_alg_none(a) => {
            Err(format!("alg {a:?}: an unsigned proof is never accepted"))
        }
        Some(Value::String(a)) => match resolve_alg(a) {
            Some(alg) if alg.family() == Family::Hmac => Err(format!(
                "alg {a} is symmetric: a proof is signed with an asymmetric key (RFC 9449 §4.3)"
            )),
            Some(alg) => Ok(alg),
            None => Err(format!("unknown alg {a:?}")),
        },
        Some(a) => Err(format!("alg {a} is not a string")),
        None => Err("no alg".into()),
    };
    c.add(
        "alg",
        alg.as_ref()
            .map(|a| a.name().to_owned())
            .map_err(Clone::clone),
    );
    let alg = alg.ok();
    if let Some(crit) = h.get("crit") {
        c.add(
            "crit",
            Err(format!("unsupported critical header extension(s): {crit}")),
        );
    }
    let key = jwk_check(h.get("jwk"), alg);
    c.add(
        "jwk",
        key.as_ref().map(|(_, d)| d.clone()).map_err(Clone::clone),
    );
    let public = match &key {
        Ok((k, _)) => Some(k.clone()),
        // A jwk that only does not fit the alg still names a key.
        Err(_) => jwk_check(h.get("jwk"), None).ok().map(|(k, _)| k),
    };
    match (key, alg) {
        (Ok((k, _)), Some(a)) => (public, Some((k, a))),
        _ => (public, None),
    }
}

/// The header's `jwk`: a public key, asymmetric, that fits `alg`.
fn jwk_check(
    jwk: Option<&Value>,
    alg: Option<crate::alg::Alg>,
) -> std::result::Result<(Jwk, String), String> {
    let Some(Value::Object(o)) = jwk else {
        return Err(match jwk {
            None => "no jwk header: the proof must carry its public key".into(),
            Some(v) => format!("jwk is {v}, not a JSON object"),
        });
    };
    let private: Vec<&str> = PRIVATE_MEMBERS
        .iter()
        .copied()
        .filter(|m| o.contains_key(*m))
        .collect();
    if o.get("kty").and_then(Value::as_str) == Some("oct") {
        return Err("jwk is a symmetric (oct) key: a proof key is asymmetric".into());
    }
    if !private.is_empty() {
        return Err(format!(
            "jwk holds private members ({}): the header must carry the public key only",
            private.join(", ")
        ));
    }
    let text = serde_json::to_vec(o).map_err(|e| e.to_string())?;
    let k = keys::read(&text, &ReadOptions::default())
        .and_then(|k| k.select(None))
        .map_err(|e| format!("jwk is not a usable key: {e}"))?;
    if matches!(k.key, Key::X25519(_)) {
        return Err("jwk is an X25519 key, which cannot sign".into());
    }
    if let Some(a) = alg {
        k.check_alg_family(a).map_err(|e| format!("jwk: {e}"))?;
    }
    let d = format!("public {} key", k.describe());
    Ok((k, d))
}

fn claim_checks(claims: &Map<String, Value>, e: &Expect, c: &mut Checks) {
    let s = |name: &str| claims.get(name).and_then(Value::as_str);
    c.add(
        "jti",
        match claims.get("jti") {
            Some(Value::String(j)) if !j.is_empty() => Ok(format!("{} characters", j.len())),
            Some(j) => Err(format!("jti is {j}, not a non-empty string")),
            None => Err("no jti claim".into()),
        },
    );
    c.add(
        "htm",
        match s("htm") {
            Some(m) if m == e.htm => Ok(m.to_owned()),
            Some(m) => Err(format!("htm is {m:?}; the request's method is {:?}", e.htm)),
            None => Err("no htm claim (a string)".into()),
        },
    );
    c.add("htu", htu_check(s("htu"), e.htu));
    c.add("iat", iat_check(claims.get("iat"), e));
    if let Some(want) = e.nonce {
        c.add(
            "nonce",
            match claims.get("nonce") {
                Some(Value::String(n)) if n == want => Ok("matches".into()),
                Some(n) => Err(format!("nonce is {n}, expected {want:?}")),
                None => Err(format!("no nonce claim, expected {want:?}")),
            },
        );
    }
    if let Some(at) = e.access_token {
        let want = ath(at);
        c.add(
            "ath",
            match claims.get("ath") {
                Some(Value::String(a)) if *a == want => Ok("the access token's SHA-256".into()),
                Some(a) => Err(format!(
                    "ath is {a}; the access token's SHA-256 is {want:?}"
                )),
                None => Err("no ath claim: the proof is not tied to the access token".into()),
            },
        );
    }
}

fn htu_check(got: Option<&str>, want: &str) -> std::result::Result<String, String> {
    let got = got.ok_or("no htu claim (a string)")?;
    let n = htu::normalise(got).map_err(|why| format!("htu {got:?}: {why}"))?;
    let w = htu::normalise(want).map_err(|why| format!("expected htu {want:?}: {why}"))?;
    if n == w {
        Ok(n)
    } else {
        Err(format!("htu is {n:?}; the request's URI is {w:?}"))
    }
}

fn iat_check(iat: Option<&Value>, e: &Expect) -> std::result::Result<String, String> {
    let iat = iat.ok_or("no iat claim")?;
    let t = numeric_date(iat).map_err(|why| format!("iat {why}"))?;
    let when = crate::clock::relative(t, e.now);
    if t > e.now.saturating_add(e.leeway) {
        return Err(format!(
            "iat is in the future ({when}; leeway {}s)",
            e.leeway
        ));
    }
    if e.now.saturating_sub(t) > e.max_age {
        return Err(format!(
            "issued {when}: older than the allowed {}",
            crate::clock::format_duration(e.max_age)
        ));
    }
    Ok(format!("issued {when}"))
}
