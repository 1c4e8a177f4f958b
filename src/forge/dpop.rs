//! The DPoP attacks (RFC 9449): proofs for the captured access token that a resource
//! server checking §4.3 in full refuses: made for another request (replay), carrying the
//! private key, HMAC-signed with what every proof discloses (the public JWK), without
//! `ath` or with another token's.

use serde_json::{Map, Value};

use super::{hmac_token, key_token, seg, DpopInputs};
use crate::alg::Hash;
use crate::dpop::proof::{parts, Request};
use crate::keys::thumbprint_canonical;
#[cfg(test)]
use crate::keys::ThumbprintHash;
use crate::{b64, Result};

/// Forge the variants of the DPoP attack `name`.
pub(super) fn forge(
    name: &str,
    d: &DpopInputs,
    now: i64,
    push: &mut impl FnMut(String, String),
) -> Result<()> {
    let alg = d.key.default_alg();
    let req = Request {
        htm: &d.htm,
        htu: &d.htu,
        access_token: Some(&d.access_token),
        nonce: None,
        now,
    };
    let signed =
        |h: &Map<String, Value>, c: &Map<String, Value>| key_token(&d.key, alg, h, &seg(c));
    match name {
        "dpop-replay" => {
            let other = if d.htm.eq_ignore_ascii_case("POST") {
                "GET"
            } else {
                "POST"
            };
            let (h, c) = parts(
                &d.key,
                alg,
                &Request {
                    htm: other,
                    ..req.clone()
                },
            )?;
            push(
                format!("htm {other} (a proof made for another method)"),
                signed(&h, &c)?,
            );
            let elsewhere = elsewhere(&d.htu);
            let (h, c) = parts(
                &d.key,
                alg,
                &Request {
                    htu: &elsewhere,
                    ..req.clone()
                },
            )?;
            push(
                format!("htu {elsewhere} (a proof made for another URI)"),
                signed(&h, &c)?,
            );
        }
        "dpop-private-jwk" => {
            let (mut h, c) = parts(&d.key, alg, &req)?;
            let mut jwk = crate::keys::Jwk::new(d.key.key.clone()).to_json(true);
            if let Some(o) = jwk.as_object_mut() {
                o.retain(|k, _| k != "kid" && k != "alg" && k != "use");
            }
            h.insert("jwk".into(), jwk);
            push("jwk with the private members".into(), signed(&h, &c)?);
        }
        "dpop-hmac" => hmac(d, alg, &req, push)?,
        "dpop-no-ath" => {
            let (h, mut c) = parts(&d.key, alg, &req)?;
            c.remove("ath");
            push("no ath".into(), signed(&h, &c)?);
            c.insert(
                "ath".into(),
                crate::dpop::ath("another access token").into(),
            );
            push("ath of another access token".into(), signed(&h, &c)?);
        }
        _ => {}
    }
    Ok(())
}

/// HS256 proofs keyed with what every proof discloses (the public JWK, as RFC 7638 JSON
/// and as sent), and one with an oct jwk of its own.
fn hmac(
    d: &DpopInputs,
    alg: crate::alg::Alg,
    req: &Request,
    push: &mut impl FnMut(String, String),
) -> Result<()> {
    let (mut h, c) = parts(&d.key, alg, req)?;
    h.insert("alg".into(), "HS256".into());
    let canonical = thumbprint_canonical(&d.key);
    push(
        "HS256 keyed with the jwk's RFC 7638 JSON".into(),
        hmac_token(&h, &seg(&c), Hash::Sha256, canonical.as_bytes()),
    );
    let as_sent = serde_json::to_string(&h["jwk"]).unwrap_or_default();
    if as_sent != canonical {
        push(
            "HS256 keyed with the jwk as sent".into(),
            hmac_token(&h, &seg(&c), Hash::Sha256, as_sent.as_bytes()),
        );
    }
    let mut raw = [0u8; 32];
    getrandom::fill(&mut raw).map_err(|e| crate::Error::input(format!("no randomness: {e}")))?;
    h.insert(
        "jwk".into(),
        serde_json::json!({"kty": "oct", "k": b64::encode(&raw)}),
    );
    push(
        "HS256 with an oct jwk of its own".into(),
        hmac_token(&h, &seg(&c), Hash::Sha256, &raw),
    );
    Ok(())
}

/// Another URI on the same origin: what a proof captured from another endpoint names.
fn elsewhere(htu: &str) -> String {
    let h = crate::dpop::htu::parse(htu);
    match h {
        Ok(h) => format!("{}://{}/jot-replayed-from-elsewhere", h.scheme, h.authority),
        Err(_) => "https://elsewhere.invalid/".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alg::Alg;
    use crate::dpop::{check, Expect};

    /// Every forged proof fails jot's own check, and by the check its attack targets.
    #[test]
    fn each_forged_proof_fails_the_check_it_attacks() {
        let d = DpopInputs {
            key: crate::keys::generate(Alg::ES256, None, None).unwrap(),
            htm: "GET".into(),
            htu: "https://rs.example/me".into(),
            access_token: "AT".into(),
        };
        let jkt = d.key.thumbprint(ThumbprintHash::Sha256);
        let e = Expect {
            htm: "GET",
            htu: "https://rs.example/me",
            access_token: Some("AT"),
            jkt: Some(&jkt),
            max_age: 300,
            leeway: 60,
            now: 1000,
            ..Default::default()
        };
        for (name, want) in [
            ("dpop-replay", vec![vec!["htm"], vec!["htu"]]),
            ("dpop-private-jwk", vec![vec!["jwk", "signature", "jkt"]]),
            (
                "dpop-hmac",
                vec![
                    vec!["alg", "signature"],
                    vec!["alg", "signature"],
                    vec!["alg", "jwk", "signature", "jkt"],
                ],
            ),
            ("dpop-no-ath", vec![vec!["ath"], vec!["ath"]]),
        ] {
            let mut got = Vec::new();
            forge(name, &d, 1000, &mut |_, t| got.push(t)).unwrap();
            let failed: Vec<Vec<&str>> = got
                .iter()
                .map(|t| {
                    let r = check(t, &e).unwrap();
                    r.checks
                        .iter()
                        .filter(|c| !c.pass)
                        .map(|c| c.check)
                        .collect()
                })
                .collect();
            assert_eq!(failed, want, "{name}");
        }
    }
}
