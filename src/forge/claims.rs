//! The `claims-*` attacks: tokens whose signature is good but whose registered claims are
//! wrong (expired, not yet valid, issued in the future, another audience or issuer, no
//! exp). With the server's HMAC secret each is the original's claims re-signed with one
//! claim broken; without it, the reviewer's own expired token tests `exp` as issued.
//! Times come from the run's clock (`--now`), never the machine's.

use serde_json::{Map, Value};

use super::{hmac_token, seg, Base, Inputs};

/// The audience and issuer no real service uses (`.invalid` is reserved, RFC 2606).
pub(super) const FOREIGN: &str = "https://jot-probe.invalid/";

/// Far beyond any leeway a verifier allows (minutes, at most).
const DAY: i64 = 86_400;

/// The original claims with valid times: exp an hour ahead, iat and nbf (when present) a
/// minute ago, so only the claim an attack breaks is wrong.
fn fresh(b: &Base, now: i64) -> Option<Map<String, Value>> {
    let mut c: Map<String, Value> = serde_json::from_slice(&b.payload_raw).ok()?;
    c.insert("exp".into(), Value::from(now + 3600));
    for t in ["iat", "nbf"] {
        if c.contains_key(t) {
            c.insert(t.into(), Value::from(now - 60));
        }
    }
    Some(c)
}

/// The variants of claims attack `name`, each with its claims: the one broken claim.
fn variants(name: &str, mut c: Map<String, Value>, now: i64) -> Vec<(String, Map<String, Value>)> {
    let variant = match name {
        "claims-exp" => {
            let exp = now - DAY;
            c.insert("iat".into(), Value::from(exp - 3600));
            if c.contains_key("nbf") {
                c.insert("nbf".into(), Value::from(exp - 3600));
            }
            c.insert("exp".into(), Value::from(exp));
            "exp a day in the past, signed with the secret".to_string()
        }
        "claims-nbf" => {
            c.insert("nbf".into(), Value::from(now + DAY));
            "nbf a day in the future, signed with the secret".into()
        }
        "claims-iat" => {
            c.insert("iat".into(), Value::from(now + DAY));
            "iat a day in the future, signed with the secret".into()
        }
        "claims-aud" => {
            c.insert("aud".into(), Value::from(FOREIGN));
            format!("aud {FOREIGN}, signed with the secret")
        }
        "claims-iss" => {
            c.insert("iss".into(), Value::from(FOREIGN));
            format!("iss {FOREIGN}, signed with the secret")
        }
        "claims-no-exp" => {
            c.remove("exp");
            "exp removed, signed with the secret".into()
        }
        _ => return Vec::new(),
    };
    vec![(variant, c)]
}

/// Forge claims attack `name`: re-signed with the secret when there is one, and for
/// `claims-exp` the reviewer's expired token as issued.
pub(super) fn forge(name: &str, b: &Base, inputs: &Inputs, push: &mut impl FnMut(String, String)) {
    if let (Some(secret), Some(c)) = (&inputs.secret, fresh(b, inputs.now)) {
        let hash = b.hmac_hash();
        let header = b.header_with_alg(hash.hmac_alg().name());
        for (variant, claims) in variants(name, c, inputs.now) {
            push(
                variant,
                hmac_token(&header, &seg(&claims), hash, secret.expose()),
            );
        }
    }
    if name == "claims-exp" {
        if let Some(t) = &inputs.expired_token {
            push("the --expired-token as issued".into(), t.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forge::{attack, forge as forge_all};
    use crate::keys::Secret;
    use crate::token::{parse, Parsed};

    const NOW: i64 = 1_800_000_000;

    fn claims_of(token: &str) -> Map<String, Value> {
        match parse(token).unwrap() {
            Parsed::Jws(j) => j.claims().cloned().unwrap(),
            _ => panic!("a JWS"),
        }
    }

    fn forged(name: &str, inputs: &Inputs) -> Vec<crate::forge::Forged> {
        let input = format!(
            "{}.{}",
            crate::b64::encode(br#"{"alg":"HS256","kid":"k"}"#),
            crate::b64::encode(br#"{"sub":"alice","iat":1799990000,"exp":1799999000,"aud":"api"}"#)
        );
        let mac = crate::alg::Hash::Sha256.hmac(b"s3cret", input.as_bytes());
        let t = format!("{input}.{}", crate::b64::encode(&mac));
        let jws = match parse(&t).unwrap() {
            Parsed::Jws(j) => j,
            _ => panic!(),
        };
        forge_all(&jws, &[attack(name).unwrap()], inputs)
            .unwrap()
            .tokens
    }

    fn with_secret() -> Inputs {
        Inputs {
            secret: Some(Secret::new(b"s3cret".to_vec())),
            now: NOW,
            ..Inputs::default()
        }
    }

    #[test]
    fn each_claims_attack_breaks_one_claim_from_the_injected_clock() {
        let i = with_secret();
        let one = |n: &str| claims_of(&forged(n, &i)[0].token);
        let exp = one("claims-exp");
        assert!(exp["exp"].as_i64().unwrap() <= NOW - DAY);
        assert!(exp["iat"].as_i64().unwrap() < exp["exp"].as_i64().unwrap());
        assert_eq!(one("claims-nbf")["nbf"], NOW + DAY);
        assert_eq!(one("claims-iat")["iat"], NOW + DAY);
        assert_eq!(one("claims-aud")["aud"], FOREIGN);
        assert_eq!(one("claims-iss")["iss"], FOREIGN);
        assert!(!one("claims-no-exp").contains_key("exp"));
        // Everything else is valid now: exp ahead, the subject kept.
        let nbf = one("claims-nbf");
        assert_eq!(nbf["exp"], NOW + 3600);
        assert_eq!(nbf["sub"], "alice");
    }

    #[test]
    fn claims_tokens_verify_with_the_secret() {
        let i = with_secret();
        for n in ["claims-exp", "claims-aud", "claims-no-exp"] {
            let t = &forged(n, &i)[0].token;
            let (input, sig) = t.rsplit_once('.').unwrap();
            let mac = crate::alg::Hash::Sha256.hmac(b"s3cret", input.as_bytes());
            assert_eq!(crate::b64::encode(&mac), sig, "{n}");
        }
    }

    #[test]
    fn without_a_secret_only_the_reviewers_expired_token_is_sent() {
        let i = Inputs {
            expired_token: Some("e.x.p".into()),
            now: NOW,
            ..Inputs::default()
        };
        let f = forged("claims-exp", &i);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].token, "e.x.p");
    }
}
