//! Key-file and JWKS rules: what CI should catch before a key set is published. The file's
//! format comes from `keys::detect` and its keys from `keys::read` (PEM, DER) or, member by
//! member, from `keys::read_members` (JWK, JWKS), so that a key that does not read is a
//! finding of its own and one bad member of a set hides nothing about the others.

use std::collections::HashMap;
use std::path::Path;

use serde_json::Value;

use super::findings::{Finding, Subject};
use super::secrets::Secrets;
use crate::alg::{Curve, MlDsa};
use crate::crack::target_for_secret;
use crate::keys::{
    self, Ambiguity, Format, Jwk, Key, ReadOptions, ThumbprintHash, PRIVATE_MEMBERS,
};
use crate::{Error, Result};

/// One key of the file: its JSON when the file is a JWK or JWKS, and the key or why it
/// does not read.
struct Member {
    json: Option<Value>,
    key: Result<Jwk>,
}

impl Member {
    /// The kid as written, read from the JSON when the key itself did not read.
    fn kid(&self) -> Option<&str> {
        match (&self.key, &self.json) {
            (Ok(k), _) => k.kid.as_deref(),
            (Err(_), Some(v)) => v.get("kid").and_then(Value::as_str),
            (Err(_), None) => None,
        }
    }
}

/// Whether a JWK that does not read is of a type jot does not implement (an unknown `kty`,
/// an X448 key) rather than a broken key: RFC 7517 §5 has readers ignore those. X25519 is
/// read by the key model (for JWE), so a bad X25519 key is broken, not unsupported. AKP
/// (RFC 9964) is generic: an ML-DSA one, or one with no `alg` at all, is jot's to judge and
/// broken when it does not read; only an AKP for another algorithm is unsupported.
fn unsupported(json: &Value) -> bool {
    let s = |k: &str| json.get(k).and_then(Value::as_str);
    match s("kty") {
        Some("RSA" | "oct") => false,
        Some("AKP") => s("alg").is_some_and(|a| MlDsa::all().iter().all(|m| m.alg().name() != a)),
        Some("EC" | "OKP") => {
            s("crv").is_some_and(|c| c != "X25519" && Curve::from_name(c).is_none())
        }
        Some(_) => true,
        None => false,
    }
}

/// Whether an HMAC secret is weak, and how: under the hash size of the algorithm it is for
/// (RFC 7518 §3.2: 32, 48 or 64 bytes), or one the candidate lists hold.
fn weak_secret(k: &Jwk, secret: &[u8], secrets: &Secrets) -> Result<Option<String>> {
    let alg = k.default_alg();
    let min = alg.hash().output_len();
    if secret.len() < min {
        return Ok(Some(format!(
            "only {} bytes (RFC 7518 §3.2 wants at least {min} for {alg})",
            secret.len()
        )));
    }
    Ok(secrets
        .crack(&target_for_secret(secret))?
        .map(|c| format!("weak: {c}")))
}

/// The JOT114 message for an RSA key with the ROCA fingerprint.
pub(crate) fn roca_message(name: &str, bits: usize) -> String {
    format!(
        "{name} (RSA {bits}) has the ROCA fingerprint (CVE-2017-15361): its modulus came from \
         Infineon's RSALib and can be factored"
    )
}

/// The strength of one key: RSA under 2048 bits (JOT103) or with the ROCA fingerprint
/// (JOT114), a weak HMAC secret (JOT108).
fn strength_findings(
    k: &Jwk,
    name: &str,
    secrets: &Secrets,
    f: &dyn Fn(&'static str, String) -> Finding,
    out: &mut Vec<Finding>,
) -> Result<()> {
    match &k.key {
        Key::Rsa(r) => {
            if r.bits() < 2048 {
                out.push(f("JOT103", format!("{name} is RSA {} bits", r.bits())));
            }
            if r.has_roca_fingerprint() {
                out.push(f("JOT114", roca_message(name, r.bits())));
            }
        }
        Key::Oct(s) => {
            if let Some(how) = weak_secret(k, s.expose(), secrets)? {
                out.push(f("JOT108", format!("{name}: the secret is {how}")));
            }
        }
        _ => {}
    }
    Ok(())
}

/// JOT115 and JOT116: the ambiguities of the set, by `keys::ambiguities` (the rule verify
/// refuses sets by), over the members that read.
fn ambiguity_findings(
    members: &[Member],
    f: &dyn Fn(&'static str, String) -> Finding,
    out: &mut Vec<Finding>,
) {
    let indexed: Vec<(usize, &Jwk)> = members
        .iter()
        .enumerate()
        .filter_map(|(i, m)| Some((i, m.key.as_ref().ok()?)))
        .collect();
    for a in keys::ambiguities(&indexed) {
        let id = match &a {
            Ambiguity::SameKid { .. } => "JOT115",
            Ambiguity::MixedSecret { .. } => "JOT116",
        };
        out.push(f(id, a.message(&indexed)));
    }
}

/// Findings on the keys an audit checks signatures with (`--key`, `--jwks`): a ROCA key
/// (JOT114) and an ambiguous set (JOT115, JOT116), as for a key file.
pub(crate) fn verification_key_findings(keys: &[Jwk], subject: &Subject) -> Vec<Finding> {
    let f = |id, msg: String| Finding::new(id, subject, msg);
    let mut out = Vec::new();
    for (i, k) in keys.iter().enumerate() {
        if let Key::Rsa(r) = &k.key {
            if r.has_roca_fingerprint() {
                let name = k.kid.clone().unwrap_or_else(|| format!("key {i}"));
                out.push(f("JOT114", roca_message(&name, r.bits())));
            }
        }
    }
    let members: Vec<Member> = keys
        .iter()
        .map(|k| Member {
            json: None,
            key: Ok(k.clone()),
        })
        .collect();
    ambiguity_findings(&members, &f, &mut out);
    out
}

/// The keys of the file, one [`Member`] each; `Err` with the finding when the file as a
/// whole does not read.
fn members(
    data: &[u8],
    format: Format,
) -> std::result::Result<Vec<Member>, (&'static str, String)> {
    let opts = ReadOptions {
        allow_weak: true,
        ..ReadOptions::default()
    };
    let what = match format {
        Format::Jwk => "the JWK",
        Format::Jwks => "the JWKS",
        Format::Pem => "the PEM key file",
        Format::Der => "the DER key file",
    };
    match format {
        Format::Jwk | Format::Jwks => match keys::read_members(data, &opts) {
            Ok(m) => Ok(m
                .into_iter()
                .map(|(json, key)| Member {
                    json: Some(json),
                    key,
                })
                .collect()),
            Err(e) => Err(("JOT110", format!("{what} does not read: {e}"))),
        },
        Format::Pem | Format::Der => match keys::read(data, &opts) {
            Ok(input) => Ok(input
                .into_keys()
                .into_iter()
                .map(|k| Member {
                    json: None,
                    key: Ok(k),
                })
                .collect()),
            // The one usage error of a reader: an encrypted key and no passphrase.
            Err(e @ Error::Usage { .. }) => Err(("JOT111", format!("{what}: {e}"))),
            Err(e) => Err(("JOT110", format!("{what} does not read: {e}"))),
        },
    }
}

/// Audit a key file or JWKS: `data` as read, `format` as `keys::detect` named it.
pub(crate) fn audit_key_file(
    path: Option<&Path>,
    data: &[u8],
    format: Format,
    subject: &Subject,
    secrets: &Secrets,
) -> Result<Vec<Finding>> {
    let mut out = Vec::new();
    let f = |id, msg: String| Finding::new(id, subject, msg);
    let members = match members(data, format) {
        Ok(m) => m,
        Err((id, msg)) => return Ok(vec![f(id, msg)]),
    };
    let is_set = format == Format::Jwks;
    let is_json = matches!(format, Format::Jwk | Format::Jwks);
    // The JWE rules (JOT112, JOT113) judge the set as a whole, over the members that read.
    let readable: Vec<Jwk> = members
        .iter()
        .filter_map(|m| m.key.as_ref().ok().cloned())
        .collect();
    super::jwe::key_findings(&readable, is_set, &f, &mut out);
    let mut kids: HashMap<&str, usize> = HashMap::new();
    for (i, m) in members.iter().enumerate() {
        let shown = m.kid().unwrap_or("no kid");
        let name = m.kid().map_or_else(|| format!("key {i}"), str::to_owned);
        if let Some(kid) = m.kid() {
            *kids.entry(kid).or_default() += 1;
        }
        // Private members are checked on the JSON: a member that does not read may leak too.
        if let Some(v) = &m.json {
            let public = is_set || path.is_some_and(named_public);
            json_findings(v, (i, shown), is_set, public, &f, &mut out);
        }
        let k = match &m.key {
            Ok(k) => k,
            Err(e) => {
                let (id, what) = match &m.json {
                    Some(v) if unsupported(v) => ("JOT111", "is of a type jot cannot read"),
                    _ => ("JOT110", "does not read"),
                };
                out.push(f(id, format!("key {i} ({shown}) {what}: {e}")));
                continue;
            }
        };
        strength_findings(k, &name, secrets, &f, &mut out)?;
        if is_json {
            kid_findings(k, i, &name, &f, &mut out);
        }
    }
    ambiguity_findings(&members, &f, &mut out);
    let mut dups: Vec<(&str, usize)> = kids.into_iter().filter(|(_, n)| *n > 1).collect();
    dups.sort_unstable();
    for (kid, n) in dups {
        out.push(f("JOT105", format!("kid {kid:?} is used by {n} keys")));
    }
    if let Some(p) = path {
        let private = members
            .iter()
            .any(|m| m.key.as_ref().is_ok_and(Jwk::is_private));
        if let Some(mode) = crate::files::exposed_mode(p).filter(|_| private) {
            out.push(f("JOT109", format!("mode is {mode:o}")));
        }
    }
    Ok(out)
}

/// Whether the file's name says it is for publishing (`pub`, `jwks`).
fn named_public(p: &Path) -> bool {
    let n = p
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    n.contains("pub") || n.contains("jwks")
}

/// The rules on member `i`'s JSON (shown as `shown`): private members where the keys are
/// to be public (JOT101), an oct key in a set (JOT102).
fn json_findings(
    v: &Value,
    (i, shown): (usize, &str),
    is_set: bool,
    public: bool,
    f: &dyn Fn(&'static str, String) -> Finding,
    out: &mut Vec<Finding>,
) {
    let private: Vec<&str> = PRIVATE_MEMBERS
        .iter()
        .copied()
        .filter(|p| v.get(*p).is_some())
        .collect();
    let oct = v.get("kty").and_then(Value::as_str) == Some("oct");
    if public && !private.is_empty() && !oct {
        out.push(f(
            "JOT101",
            format!(
                "key {i} ({shown}) has private member(s) {}",
                private.join(", ")
            ),
        ));
    }
    if is_set && oct {
        out.push(f(
            "JOT102",
            format!("key {i} ({shown}) is an oct (HMAC) key"),
        ));
    }
}

/// The rules on a JWK's kid, alg and use: no kid (JOT104), a kid that is not the
/// thumbprint (JOT106), no alg or use (JOT107).
fn kid_findings(
    k: &Jwk,
    i: usize,
    name: &str,
    f: &dyn Fn(&'static str, String) -> Finding,
    out: &mut Vec<Finding>,
) {
    match k.kid.as_deref() {
        None => out.push(f("JOT104", format!("key {i} has no kid"))),
        Some(kid) => {
            if k.kty() != "oct" && kid != k.thumbprint(ThumbprintHash::Sha256) {
                out.push(f(
                    "JOT106",
                    format!("kid {kid:?} is not the key's thumbprint"),
                ));
            }
        }
    }
    if k.alg.is_none() || k.use_.is_none() && k.key_ops.is_none() {
        out.push(f(
            "JOT107",
            format!(
                "{name} has no {}",
                if k.alg.is_none() { "alg" } else { "use" }
            ),
        ));
    }
}

#[cfg(test)]
#[path = "keyfile_tests.rs"]
mod tests;
