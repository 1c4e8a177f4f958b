//! JWE rules (issue 10): what an encrypted token's protected header and an encryption key
//! set reveal without any key. Tokens: RSA1_5 (JOT021), zip (JOT022), a low PBES2 p2c
//! (JOT023), no cty (JOT024). Key sets: symmetric encryption keys published (JOT112),
//! `use: enc` keys that also sign (JOT113).

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::findings::Finding;
use crate::alg::{Alg, KeyAlg, KeyAlgFamily};
use crate::keys::{Jwk, Key, ThumbprintHash};

/// PBES2 iteration counts under this are flagged (OWASP's PBKDF2-HMAC-SHA256 figure is
/// 600,000; anything under 100,000 is cheap to brute-force offline).
pub(super) const LOW_P2C: u64 = 100_000;

/// Findings for a JWE's protected header.
pub(super) fn token_findings(
    header: &Map<String, Value>,
    f: &dyn Fn(&'static str, String) -> Finding,
    out: &mut Vec<Finding>,
) {
    let alg = header.get("alg").and_then(Value::as_str).unwrap_or("");
    if alg == "RSA1_5" {
        out.push(f("JOT021", "alg is RSA1_5".into()));
    }
    if let Some(z) = header.get("zip") {
        out.push(f("JOT022", format!("zip is {z}")));
    }
    if matches!(
        KeyAlg::from_name(alg).map(KeyAlg::family),
        Some(KeyAlgFamily::Pbes2(..))
    ) {
        match header.get("p2c").and_then(Value::as_u64) {
            Some(n) if n >= LOW_P2C => {}
            Some(n) => out.push(f("JOT023", format!("p2c is {n} (under {LOW_P2C})"))),
            None => out.push(f("JOT023", "p2c is missing or not a number".into())),
        }
    }
    if !header.contains_key("cty") {
        out.push(f(
            "JOT024",
            "the JWE has no cty: a receiver cannot tell a nested JWT from other content".into(),
        ));
    }
}

fn is_symmetric_enc(k: &Jwk) -> bool {
    let jwe_sym = k
        .alg
        .as_deref()
        .and_then(KeyAlg::from_name)
        .is_some_and(|a| {
            matches!(
                a.family(),
                KeyAlgFamily::Dir | KeyAlgFamily::AesKw(_) | KeyAlgFamily::AesGcmKw(_)
            )
        });
    matches!(k.key, Key::Oct(_)) && (jwe_sym || k.use_.as_deref() == Some("enc"))
}

fn signs(k: &Jwk) -> bool {
    k.use_.as_deref() == Some("sig")
        || k.alg.as_deref().and_then(Alg::from_name).is_some()
        || k.key_ops
            .as_ref()
            .is_some_and(|o| o.iter().any(|x| x == "sign" || x == "verify"))
}

fn encrypts(k: &Jwk) -> bool {
    k.use_.as_deref() == Some("enc")
        || k.alg.as_deref().and_then(KeyAlg::from_name).is_some()
        || k.key_ops.as_ref().is_some_and(|o| {
            o.iter()
                .any(|x| matches!(x.as_str(), "encrypt" | "decrypt" | "wrapKey" | "unwrapKey"))
        })
}

/// Findings for the keys of a JWKS (`in_set`) or a single key file.
pub(super) fn key_findings(
    keys: &[Jwk],
    in_set: bool,
    f: &dyn Fn(&'static str, String) -> Finding,
    out: &mut Vec<Finding>,
) {
    let mut by_thumb: HashMap<String, (bool, bool)> = HashMap::new();
    for (i, k) in keys.iter().enumerate() {
        let name = k.kid.clone().unwrap_or_else(|| format!("key {i}"));
        if in_set && is_symmetric_enc(k) {
            let alg = k.alg.as_deref().unwrap_or("use enc");
            out.push(f(
                "JOT112",
                format!("{name} is a symmetric encryption key ({alg})"),
            ));
        }
        if encrypts(k) && signs(k) {
            out.push(f(
                "JOT113",
                format!("{name} is marked for both encryption and signing"),
            ));
        }
        if !matches!(k.key, Key::Oct(_)) {
            let e = by_thumb
                .entry(k.thumbprint(ThumbprintHash::Sha256))
                .or_default();
            e.0 |= encrypts(k) && !signs(k);
            e.1 |= signs(k) && !encrypts(k);
        }
    }
    for (thumb, (enc, sig)) in by_thumb {
        if enc && sig {
            out.push(f(
                "JOT113",
                format!(
                    "the key with thumbprint {thumb} is published for encryption and for signing"
                ),
            ));
        }
    }
}
