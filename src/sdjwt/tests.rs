//! Known answers from RFC 9901 (vectors/: the §5.1 issuance, the Appendix A.3 presentation
//! with its KB-JWT, the Appendix A.5 issuer key), and round trips of issue → present →
//! verify, with the refusals of §7.1 each made to happen once.

use serde_json::{json, Map, Value};

use super::check::{KbPolicy, DEFAULT_KB_MAX_AGE};
use super::present::{select, Binding};
use super::*;
use crate::keys::{self, Jwk, ReadOptions};
use crate::token::verify::Policy;

const S51: &str = include_str!("vectors/rfc9901-5.1-issued.txt");
const A3: &str = include_str!("vectors/rfc9901-A.3-presented-kb.txt");
const ISSUER: &str = include_str!("vectors/rfc9901-A.5-issuer.jwk");
/// The examples are valid from iat 1683000000 to exp 1883000000; A.3's KB-JWT has iat
/// 1748454271.
const A3_NOW: i64 = 1_748_454_300;

fn key(text: &str) -> Jwk {
    keys::read(text.as_bytes(), &ReadOptions::default())
        .unwrap()
        .into_keys()
        .remove(0)
}

fn policy() -> Policy {
    Policy {
        require_exp: true,
        leeway: 60,
        ..Policy::default()
    }
}

fn rng() -> impl FnMut(&mut [u8]) -> crate::Result<()> {
    let mut n = 0u8;
    move |buf: &mut [u8]| {
        for b in buf.iter_mut() {
            n = n.wrapping_add(1);
            *b = n;
        }
        Ok(())
    }
}

#[test]
fn rfc9901_4_2_3_digest_of_the_printed_disclosure() {
    let d = Disclosure::parse(
        0,
        "WyJfMjZiYzRMVC1hYzZxMktJNmNCVzVlcyIsICJmYW1pbHlfbmFtZSIsICJNw7ZiaXVzIl0",
    )
    .unwrap();
    assert_eq!(d.salt, "_26bc4LT-ac6q2KI6cBW5es");
    assert_eq!(d.name.as_deref(), Some("family_name"));
    assert_eq!(d.value, json!("Möbius"));
    assert_eq!(
        d.digest(crate::alg::Hash::Sha256),
        "X9yH0Ajrdm1Oij4tWso9UzzKJvPoDxwmuEcO3XAdRC0"
    );
}

#[test]
fn rfc9901_5_1_digests_and_rebuilt_claims() {
    let sd = parse(S51).unwrap();
    assert_eq!(sd.disclosures.len(), 10);
    assert!(sd.kb_jwt.is_none());
    let Ok(crate::token::Parsed::Jws(jws)) = crate::token::parse(&sd.jwt) else {
        panic!("issuer JWT")
    };
    let payload = jws.claims().unwrap();
    // The array element "US" (§5.1) has the digest printed in nationalities[0].
    assert_eq!(
        sd.disclosures[8].digest(crate::alg::Hash::Sha256),
        payload["nationalities"][0]["..."]
    );
    let r = rebuild(payload, &sd.disclosures).unwrap();
    let want: Map<String, Value> = serde_json::from_value(json!({
        "iss": "https://issuer.example.com", "iat": 1683000000, "exp": 1883000000,
        "sub": "user_42", "nationalities": ["US", "DE"],
        "cnf": {"jwk": {"kty": "EC", "crv": "P-256",
            "x": "TCAER19Zvu3OHF4j4W4vfSVoHIP1ILilDls7vCeGemc",
            "y": "ZxjiWWbZMQGHVWKVQ4hbSIirsVfuecCE6t4jT9F2HZQ"}},
        "given_name": "John", "family_name": "Doe", "email": "johndoe@example.com",
        "phone_number": "+1-202-555-0101", "phone_number_verified": true,
        "address": {"street_address": "123 Main St", "locality": "Anytown",
            "region": "Anystate", "country": "US"},
        "birthdate": "1940-01-01", "updated_at": 1570000000
    }))
    .unwrap();
    let mut got: Vec<_> = r.claims.iter().collect();
    let mut exp: Vec<_> = want.iter().collect();
    got.sort_by_key(|(k, _)| k.as_str());
    exp.sort_by_key(|(k, _)| k.as_str());
    assert_eq!(got, exp);
    // Eight top-level digests, eight claims disclosed: nothing undisclosed.
    assert!(r.undisclosed.is_empty(), "{:?}", r.undisclosed);
}

#[test]
fn rfc9901_5_1_verifies_with_the_a5_issuer_key() {
    let v = verify(S51, &[key(ISSUER)], &policy(), &KbPolicy::default(), A3_NOW);
    assert!(v.verdict.valid, "{:?}", v.verdict.reasons);
    assert_eq!(v.disclosed.len(), 10);
    assert!(v.verdict.warnings.iter().any(|w| w.contains("no KB-JWT")));
    let other = key(
        r#"{"kty":"EC","crv":"P-256","x":"TCAER19Zvu3OHF4j4W4vfSVoHIP1ILilDls7vCeGemc","y":"ZxjiWWbZMQGHVWKVQ4hbSIirsVfuecCE6t4jT9F2HZQ"}"#,
    );
    let v = verify(S51, &[other], &policy(), &KbPolicy::default(), A3_NOW);
    assert!(!v.verdict.valid);
}

#[test]
fn rfc9901_a3_presentation_with_kb_jwt_verifies() {
    let kb = KbPolicy {
        aud: Some("https://verifier.example.org".into()),
        nonce: Some("1234567890".into()),
        max_age: DEFAULT_KB_MAX_AGE,
        require: true,
    };
    let v = verify(A3, &[key(ISSUER)], &policy(), &kb, A3_NOW);
    assert!(v.verdict.valid, "{:?}", v.verdict.reasons);
    assert!(v.key_binding);
    let claims = v.verdict.claims.unwrap();
    assert_eq!(claims["nationalities"], json!(["DE"]));
    assert_eq!(claims["age_equal_or_over"], json!({"18": true}));
    assert_eq!(
        v.disclosed,
        ["age_equal_or_over", "age_equal_or_over.18", "nationalities"]
    );
    let wrong = KbPolicy {
        nonce: Some("other".into()),
        ..kb.clone()
    };
    let v = verify(A3, &[key(ISSUER)], &policy(), &wrong, A3_NOW);
    assert!(v.verdict.reasons.iter().any(|r| r.contains("nonce")));
    // iat is judged against the verify clock.
    let v = verify(A3, &[key(ISSUER)], &policy(), &kb, A3_NOW + 3600);
    assert!(v.verdict.reasons.iter().any(|r| r.contains("--kb-max-age")));
}

#[test]
fn a_dropped_disclosure_breaks_the_sd_hash() {
    let (head, kb) = A3.trim().rsplit_once('~').unwrap();
    let parts: Vec<&str> = head.split('~').collect();
    let dropped = format!("{}~{}~{kb}", parts[..parts.len() - 1].join("~"), "");
    let dropped = dropped.replace("~~", "~");
    let v = verify(
        &dropped,
        &[key(ISSUER)],
        &policy(),
        &KbPolicy::default(),
        A3_NOW,
    );
    assert!(
        v.verdict.reasons.iter().any(|r| r.contains("sd_hash")),
        "{:?}",
        v.verdict.reasons
    );
}

#[test]
fn malformed_disclosures_are_named() {
    let jwt = S51.split('~').next().unwrap();
    let enc = |v: Value| b64::encode(v.to_string().as_bytes());
    for (bad, why) in [
        ("!!".to_owned(), "not base64url"),
        (enc(json!({"a": 1})), "not a JSON array"),
        (enc(json!(["s"])), "1 elements"),
        (enc(json!(["s", "n", 1, 2])), "4 elements"),
        (enc(json!([1, "n", 1])), "salt is not a string"),
        (enc(json!(["s", 5, 1])), "name is not a string"),
        (enc(json!(["s", "_sd", 1])), "reserved"),
        (enc(json!(["s", "...", 1])), "reserved"),
    ] {
        let e = parse(&format!("{jwt}~{bad}~")).unwrap_err().to_string();
        assert!(e.contains(why), "{bad}: {e}");
    }
    assert!(parse(&format!("{jwt}~~x~"))
        .unwrap_err()
        .to_string()
        .contains("empty"));
    let d = enc(json!(["s", "n", 1]));
    assert!(parse(&format!("{jwt}~{d}"))
        .unwrap_err()
        .to_string()
        .contains("does not end"));
    assert!(parse(&format!("~{d}~")).is_err());
    assert!(parse(jwt).is_err());
}

fn own_issuer() -> Jwk {
    keys::generate(crate::alg::Alg::ES256, None, None).unwrap()
}

#[test]
fn issue_present_verify_round_trip_with_nested_paths_and_decoys() {
    let issuer = own_issuer();
    let holder = own_issuer();
    let mut claims: Map<String, Value> = serde_json::from_value(json!({
        "iss": "https://issuer.example", "exp": 2_000_000_000,
        "given_name": "Ama", "address": {"street_address": "1 Rue", "country": "TG"},
        "nationalities": ["TG", "GH"], "a": [{"b": 1, "c": 2}]
    }))
    .unwrap();
    let o = IssueOptions {
        paths: vec![
            "given_name".into(),
            "address.street_address".into(),
            "nationalities[0]".into(),
            "a[0].b".into(),
            "address".into(),
        ],
        all: false,
        decoys: 3,
        hash: crate::alg::Hash::Sha384,
        holder: Some(holder.to_json(false)),
    };
    let mut r = rng();
    let ds = issue(&mut claims, &o, &mut r).unwrap();
    assert_eq!(ds.len(), 5);
    assert_eq!(claims["_sd_alg"], "sha-384");
    let top = claims["_sd"].as_array().unwrap();
    assert_eq!(top.len(), 2 + 3, "given_name, address and 3 decoys");
    assert!(
        top.windows(2).all(|w| w[0].as_str() < w[1].as_str()),
        "sorted"
    );
    let header = crate::token::sign::header(crate::alg::Alg::ES256, None, Map::new()).unwrap();
    let jwt = crate::token::sign::sign(&issuer, crate::alg::Alg::ES256, &header, &claims).unwrap();
    let sd = SdJwt {
        jwt,
        disclosures: ds,
        kb_jwt: None,
    };
    let issued = sd.serialize();
    let pubk = issuer.to_public().unwrap();
    let v = verify(
        &issued,
        std::slice::from_ref(&pubk),
        &policy(),
        &KbPolicy::default(),
        1_900_000_000,
    );
    assert!(v.verdict.valid, "{:?}", v.verdict.reasons);
    assert_eq!(v.undisclosed, 3);
    let full = v.verdict.claims.unwrap();
    assert_eq!(
        full["address"],
        json!({"country": "TG", "street_address": "1 Rue"})
    );
    assert_eq!(full["nationalities"], json!(["TG", "GH"]));
    assert_eq!(full["a"], json!([{"b": 1, "c": 2}]));

    let parsed = parse(&issued).unwrap();
    let Ok(crate::token::Parsed::Jws(j)) = crate::token::parse(&parsed.jwt) else {
        panic!()
    };
    let rb = rebuild(j.claims().unwrap(), &parsed.disclosures).unwrap();
    let keep = select(
        &rb,
        &parsed,
        &Selection::Claims(vec!["address.street_address".into()]),
    )
    .unwrap();
    assert_eq!(keep.len(), 2, "the street and the address it sits in");
    let b = Binding {
        key: &holder,
        alg: crate::alg::Alg::ES256,
        aud: "v",
        nonce: "n",
        now: 1_900_000_000,
    };
    let shown = present(&parsed, &rb, &keep, Some(&b)).unwrap();
    let kb = KbPolicy {
        aud: Some("v".into()),
        nonce: Some("n".into()),
        max_age: 300,
        require: true,
    };
    let v = verify(
        &shown,
        std::slice::from_ref(&pubk),
        &policy(),
        &kb,
        1_900_000_010,
    );
    assert!(v.verdict.valid, "{:?}", v.verdict.reasons);
    let c = v.verdict.claims.unwrap();
    assert_eq!(
        c["address"],
        json!({"country": "TG", "street_address": "1 Rue"})
    );
    assert!(c.get("given_name").is_none());
    assert_eq!(c["nationalities"], json!(["GH"]));
    // A KB-JWT signed by another key fails.
    let b2 = Binding { key: &issuer, ..b };
    let forged = present(&parsed, &rb, &keep, Some(&b2)).unwrap();
    let v = verify(&forged, &[pubk], &policy(), &kb, 1_900_000_010);
    assert!(!v.verdict.valid);
}

#[test]
fn refusals_of_rfc9901_7_1() {
    let issuer = own_issuer();
    let sign = |claims: &Map<String, Value>| {
        let h = crate::token::sign::header(crate::alg::Alg::ES256, None, Map::new()).unwrap();
        crate::token::sign::sign(&issuer, crate::alg::Alg::ES256, &h, claims).unwrap()
    };
    let d = Disclosure::new("c2FsdHNhbHRzYWx0".into(), Some("name".into()), json!("x"));
    let dig = d.digest(crate::alg::Hash::Sha256);
    let keys = [issuer.to_public().unwrap()];
    let run = |payload: Value, ds: &[&Disclosure]| {
        let m: Map<String, Value> = serde_json::from_value(payload).unwrap();
        let mut t = sign(&m) + "~";
        for d in ds {
            t += &d.encoded;
            t += "~";
        }
        let mut p = policy();
        p.require_exp = false;
        verify(&t, &keys, &p, &KbPolicy::default(), 1)
            .verdict
            .reasons
            .join("; ")
    };
    assert!(run(json!({"_sd": [dig, dig]}), &[&d]).contains("more than once"));
    assert!(run(json!({"_sd": [dig]}), &[&d, &d]).contains("sent twice"));
    assert!(run(json!({"_sd": [dig], "name": 1}), &[&d]).contains("overwrite"));
    assert!(run(json!({"_sd": []}), &[&d]).contains("answers no digest"));
    assert!(run(json!({"_sd": [dig], "_sd_alg": "md5"}), &[&d]).contains("_sd_alg"));
    assert!(run(json!({"l": [{"...": dig}]}), &[&d]).contains("array element"));
    assert_eq!(run(json!({"_sd": [dig]}), &[&d]), "");
}
