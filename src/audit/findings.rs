//! Findings and the token rules: what an attacker would notice in a captured token.

use serde::Serialize;
use serde_json::{Map, Value};

use super::rules::{rule, Severity};
use super::secrets::Secrets;
use crate::alg::{Alg, Family};
use crate::crack::Target;
use crate::keys::Jwk;
use crate::token::{self, Jws, Parsed};
use crate::Result;

/// One finding: a rule that fired on a subject.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct Finding {
    pub rule: &'static str,
    /// The rule's title, so that a script needs no lookup table.
    pub title: &'static str,
    pub severity: Severity,
    /// The token (abbreviated) or file it concerns.
    pub subject: String,
    /// Where it was found: a file name (or "argument", "stdin").
    pub location: String,
    /// 1-based line in `location`, when known.
    pub line: Option<usize>,
    pub message: String,
    pub remediation: &'static str,
    /// With --extract from a HAR file: the request that carried the token.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub found: Option<super::har::Place>,
}

impl Finding {
    /// A finding of rule `id` with its table severity.
    pub(crate) fn new(id: &'static str, subject: &Subject, message: impl Into<String>) -> Finding {
        let r = rule(id);
        Finding {
            rule: r.id,
            title: r.title,
            severity: r.severity,
            subject: subject.name.clone(),
            location: subject.location.clone(),
            line: subject.line,
            message: message.into(),
            remediation: r.remediation,
            found: None,
        }
    }
}

/// What a finding is about and where it came from.
#[derive(Clone, Debug)]
pub(crate) struct Subject {
    pub name: String,
    pub location: String,
    pub line: Option<usize>,
}

/// Abbreviate a token for reports: its first 12 and last 8 characters. Counted in
/// characters, not bytes: an input line may be any UTF-8, and slicing inside a character
/// would panic.
pub(crate) fn abbreviate(token: &str) -> String {
    let t = token.trim();
    let n = t.chars().count();
    if n <= 24 {
        return t.to_owned();
    }
    let head: String = t.chars().take(12).collect();
    let tail: String = t.chars().skip(n - 8).collect();
    format!("{head}…{tail}")
}

/// Settings of a token audit.
pub(crate) struct TokenAudit<'a> {
    pub now: i64,
    pub max_lifetime: i64,
    /// Keys to check the signature with (`--key`/`--jwks`).
    pub keys: Option<&'a [Jwk]>,
    /// The candidate secrets tried on HS* tokens.
    pub secrets: &'a Secrets,
}

/// The cracking target of an HS* token, from its parsed form and the algorithm table.
fn hmac_target(jws: &Jws, alg: Alg) -> Option<Target> {
    let hash = alg.hash();
    (alg.family() == Family::Hmac && jws.signature.len() == hash.output_len()).then(|| Target {
        hash,
        signing_input: jws.signing_input.as_bytes().to_vec(),
        signature: jws.signature.clone(),
    })
}

/// Tokens over this size get a finding (4 KB is the common cookie limit).
const OVERSIZED: usize = 4096;

fn kid_injection(kid: &str) -> Option<&'static str> {
    if kid.contains("..") || kid.contains('/') || kid.contains('\\') || kid.contains('\0') {
        Some("path traversal")
    } else if kid.contains('\'')
        || kid.contains('"')
        || kid.contains("--")
        || kid.to_ascii_lowercase().contains(" union ")
        || kid.contains(';')
    {
        Some("SQL metacharacters")
    } else if kid.chars().any(|c| "|&$`<>".contains(c)) {
        Some("shell metacharacters")
    } else {
        None
    }
}

/// Audit one token. Errors only when a wordlist cannot be decoded.
pub(crate) fn audit_token(
    token: &str,
    subject: &Subject,
    cfg: &TokenAudit<'_>,
) -> Result<Vec<Finding>> {
    let mut out = Vec::new();
    let f = |id, msg: String| Finding::new(id, subject, msg);
    if crate::sdjwt::looks_like(token) {
        return audit_sd_jwt(token, subject, cfg);
    }
    let jws = match token::parse(token) {
        Ok(Parsed::Jws(j)) => j,
        Ok(Parsed::Jwe { header }) => {
            out.push(f(
                "JOT020",
                "a JWE (encrypted token): its claims cannot be audited without the key".into(),
            ));
            super::jwe::token_findings(&header, &f, &mut out);
            return Ok(out);
        }
        Err(e) => {
            // Repeated members are an attack to rate, not a format jot cannot read.
            if let Some((_, notes)) = token::duplicates::parse_with_duplicates(token) {
                out.extend(notes.into_iter().map(|n| f("JOT033", n)));
                return Ok(out);
            }
            let what = token::identify_other(token).map_or_else(
                || format!("not a JWT: {e}"),
                |w| format!("not a JWT: this is {w}"),
            );
            out.push(f("JOT020", what));
            return Ok(out);
        }
    };
    if token.trim().len() > OVERSIZED {
        out.push(f(
            "JOT018",
            format!("the token is {} bytes", token.trim().len()),
        ));
    }
    header_findings(&jws.header, &f, &mut out);
    if let Some(Ok(chain)) = jws.header.get("x5c").map(crate::keys::x5c::read_chain) {
        for m in crate::keys::x5c::audit(&chain, jws.header.get("x5t#S256"), cfg.now) {
            out.push(f("JOT031", m));
        }
    }
    signature_findings(&jws, cfg, &f, &mut out)?;
    match jws.claims() {
        Some(c) => claim_findings(c, cfg, &f, &mut out),
        None => out.push(f("JOT020", "the payload is not a JSON claims set".into())),
    }
    if let Some(c) = jws.claims() {
        if crate::token::typing::untyped_access_token(&jws.header, c) {
            let typ = jws
                .header
                .get("typ")
                .map_or("none".into(), |t| t.to_string());
            out.push(f(
                "JOT030",
                format!("claims of an access token (client_id or scope), typ is {typ}"),
            ));
        }
    }
    Ok(out)
}

/// An SD-JWT: the issuer JWT gets every JWS rule, then the SD-JWT rules.
fn audit_sd_jwt(token: &str, subject: &Subject, cfg: &TokenAudit<'_>) -> Result<Vec<Finding>> {
    let f = |id, msg: String| Finding::new(id, subject, msg);
    let (jwt, sd) = super::sdjwt::split(token);
    let mut out = audit_token(jwt, subject, cfg)?;
    match sd {
        Ok(sd) => {
            let payload = match token::parse(jwt) {
                Ok(Parsed::Jws(j)) => j.claims().cloned(),
                _ => None,
            };
            super::sdjwt::findings(&sd, payload.as_ref(), &f, &mut out);
        }
        Err(why) => out.push(f("JOT020", format!("a malformed SD-JWT: {why}"))),
    }
    Ok(out)
}

/// The rules on the algorithm and signature: a symmetric algorithm (JOT003), a weak HMAC
/// secret (JOT002), no supplied key verifying (JOT019).
fn signature_findings(
    jws: &Jws,
    cfg: &TokenAudit<'_>,
    f: &dyn Fn(&'static str, String) -> Finding,
    out: &mut Vec<Finding>,
) -> Result<()> {
    let alg = jws.alg().and_then(Alg::from_name);
    if let Some(a) = alg.filter(|a| a.is_symmetric()) {
        out.push(f(
            "JOT003",
            format!("{a}: anyone who can verify this token can also mint one"),
        ));
        if let Some(target) = hmac_target(jws, a) {
            if let Some(cracked) = cfg.secrets.crack(&target)? {
                out.push(f("JOT002", format!("the {a} secret is weak: {cracked}")));
            }
        }
    }
    if let (Some(keys), Some(a)) = (cfg.keys, alg) {
        let ok = keys.iter().filter(|k| k.check_alg(a).is_ok()).any(|k| {
            matches!(
                k.verify(a, jws.signing_input.as_bytes(), &jws.signature),
                Ok(true)
            )
        });
        if !ok {
            out.push(f(
                "JOT019",
                format!("no supplied key verifies this {a} signature"),
            ));
        }
    }
    Ok(())
}

fn header_findings(
    h: &Map<String, Value>,
    f: &dyn Fn(&'static str, String) -> Finding,
    out: &mut Vec<Finding>,
) {
    if let Some(a) = h.get("alg").and_then(Value::as_str) {
        if crate::token::is_alg_none(a) {
            out.push(f("JOT001", format!("alg is {a:?}")));
        }
        if Alg::from_name(a).is_some_and(Alg::is_deprecated) {
            out.push(f(
                "JOT032",
                "alg is \"EdDSA\", which RFC 9864 deprecates for Ed25519 and Ed448".into(),
            ));
        }
    }
    for k in crate::token::KEY_HEADERS {
        let Some(v) = h.get(*k) else { continue };
        out.push(match *k {
            "jwk" => f("JOT013", "the header embeds a jwk".into()),
            "x5c" => f("JOT014", "the header carries an x5c chain".into()),
            _ => f(
                "JOT012",
                format!("{k} is {}", crate::net::redact_text(&v.to_string())),
            ),
        });
    }
    if let Some(kid) = h.get("kid").and_then(Value::as_str) {
        if let Some(why) = kid_injection(kid) {
            out.push(f("JOT015", format!("kid {kid:?} contains {why}")));
        }
    }
    if let Some(c) = h.get("crit") {
        out.push(f("JOT016", format!("crit is {c}")));
    }
}

fn claim_findings(
    c: &Map<String, Value>,
    cfg: &TokenAudit<'_>,
    f: &dyn Fn(&'static str, String) -> Finding,
    out: &mut Vec<Finding>,
) {
    let num = |k: &str| {
        c.get(k)
            .and_then(|v| crate::token::claims::numeric_date(v).ok())
    };
    let (exp, nbf, iat) = (num("exp"), num("nbf"), num("iat"));
    match exp {
        None => out.push(f("JOT004", "no exp claim".into())),
        Some(e) if e <= cfg.now => out.push(f(
            "JOT006",
            format!("expired {}", crate::clock::relative(e, cfg.now)),
        )),
        _ => {}
    }
    if let Some(e) = exp {
        let start = iat.or(nbf).unwrap_or(cfg.now);
        let life = e.saturating_sub(start);
        if life > cfg.max_lifetime {
            out.push(f(
                "JOT005",
                format!(
                    "lifetime is {}, over the maximum of {}",
                    crate::clock::format_duration(life),
                    crate::clock::format_duration(cfg.max_lifetime)
                ),
            ));
        }
    }
    for (k, v) in [("nbf", nbf), ("iat", iat)] {
        // Checked: `--now` may be near i64::MAX.
        if let Some(t) = v.filter(|t| *t > cfg.now.saturating_add(60)) {
            out.push(f(
                "JOT007",
                format!(
                    "{k} is {} ({})",
                    crate::clock::format_utc(t),
                    crate::clock::relative(t, cfg.now)
                ),
            ));
        }
    }
    for (k, id) in [
        ("iss", "JOT008"),
        ("aud", "JOT009"),
        ("iat", "JOT010"),
        ("jti", "JOT011"),
    ] {
        if !c.contains_key(k) {
            out.push(f(id, format!("no {k} claim")));
        }
    }
    for s in super::sensitive::scan(&Value::Object(c.clone())) {
        out.push(f(
            "JOT017",
            format!("{} at {}: {}", s.kind.name(), s.path, s.excerpt),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::abbreviate;

    #[test]
    fn abbreviate_keeps_short_tokens_and_cuts_long_ones() {
        assert_eq!(abbreviate(" a.b.c "), "a.b.c");
        let t = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.signature1";
        assert_eq!(abbreviate(t), "eyJhbGciOiJI…gnature1");
    }

    #[test]
    fn abbreviate_never_splits_a_character() {
        let t = format!("{}{}", "a".repeat(11), "é".repeat(30));
        assert_eq!(
            abbreviate(&t),
            format!("{}é…{}", "a".repeat(11), "é".repeat(8))
        );
    }
}
