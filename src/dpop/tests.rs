//! Known answers from RFC 9449 (the §4.1 and §7.1 example proofs, the §7.1 `ath`, the
//! §6.1 thumbprint) and round trips of proofs jot makes through its own checks.

use super::bind::{bind, Binding};
use super::*;
use crate::keys::{generate, ThumbprintHash};
use crate::token::verify::Verdict;

/// RFC 9449 §4.1, Figure 3: a proof for POST https://server.example.com/token.
pub(crate) const RFC_PROOF: &str = "eyJ0eXAiOiJkcG9wK2p3dCIsImFsZyI6IkVTMjU2IiwiandrIjp7Imt0eSI6IkVDIiwieCI6Imw4dEZyaHgtMzR0VjNoUklDUkRZOXpDa0RscEJoRjQyVVFVZldWQVdCRnMiLCJ5IjoiOVZFNGpmX09rX282NHpiVFRsY3VOSmFqSG10NnY5VERWclUwQ2R2R1JEQSIsImNydiI6IlAtMjU2In19.eyJqdGkiOiItQndDM0VTYzZhY2MybFRjIiwiaHRtIjoiUE9TVCIsImh0dSI6Imh0dHBzOi8vc2VydmVyLmV4YW1wbGUuY29tL3Rva2VuIiwiaWF0IjoxNTYyMjYyNjE2fQ.2-GxA6T8lP4vfrg8v-FdWP0A0zdrj8igiMLvqRMUvwnQg4PtFLbdLXiOSsX0x7NVY-FNyJK70nfbV37xRZT3Lg";
/// RFC 9449 §7.1, Figure 13: a proof for GET https://resource.example.org/protectedresource
/// with the `ath` of [`RFC_AT`].
const RFC_RS_PROOF: &str = "eyJ0eXAiOiJkcG9wK2p3dCIsImFsZyI6IkVTMjU2IiwiandrIjp7Imt0eSI6IkVDIiwieCI6Imw4dEZyaHgtMzR0VjNoUklDUkRZOXpDa0RscEJoRjQyVVFVZldWQVdCRnMiLCJ5IjoiOVZFNGpmX09rX282NHpiVFRsY3VOSmFqSG10NnY5VERWclUwQ2R2R1JEQSIsImNydiI6IlAtMjU2In19.eyJqdGkiOiJlMWozVl9iS2ljOC1MQUVCIiwiaHRtIjoiR0VUIiwiaHR1IjoiaHR0cHM6Ly9yZXNvdXJjZS5leGFtcGxlLm9yZy9wcm90ZWN0ZWRyZXNvdXJjZSIsImlhdCI6MTU2MjI2MjYxOCwiYXRoIjoiZlVIeU8ycjJaM0RaNTNFc05yV0JiMHhXWG9hTnk1OUlpS0NBcWtzbVFFbyJ9.2oW9RP35yRqzhrtNP86L-Ey71EOptxRimPPToA1plemAgR6pxHF8y6-yqyVnmcw6Fy1dqd-jfxSYoMxhAJpLjA";
/// RFC 9449 §7.1, Figure 12: the access token, and its `ath` (Figure 13).
const RFC_AT: &str = "Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU";
const RFC_ATH: &str = "fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo";
/// RFC 9449 §6.1: the `cnf.jkt` of the example key.
const RFC_JKT: &str = "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I";

fn expect<'a>(htm: &'a str, htu: &'a str, now: i64) -> Expect<'a> {
    Expect {
        htm,
        htu,
        max_age: DEFAULT_MAX_AGE,
        leeway: 60,
        now,
        ..Default::default()
    }
}

fn failed(r: &Report) -> Vec<&'static str> {
    r.checks
        .iter()
        .filter(|c| !c.pass)
        .map(|c| c.check)
        .collect()
}

#[test]
fn rfc_9449_ath_example() {
    assert_eq!(ath(RFC_AT), RFC_ATH);
}

#[test]
fn rfc_9449_token_request_proof_checks_with_its_thumbprint() {
    let e = Expect {
        jkt: Some(RFC_JKT),
        ..expect("POST", "https://server.example.com/token", 1_562_262_616)
    };
    let r = check(RFC_PROOF, &e).unwrap();
    assert!(r.valid, "{:?}", r.reasons());
    assert_eq!(r.jkt.as_deref(), Some(RFC_JKT));
    let names: Vec<_> = r.checks.iter().map(|c| c.check).collect();
    assert_eq!(
        names,
        [
            "typ",
            "alg",
            "jwk",
            "signature",
            "jti",
            "htm",
            "htu",
            "iat",
            "jkt"
        ]
    );
}

#[test]
fn rfc_9449_resource_proof_checks_with_the_access_token() {
    let e = Expect {
        access_token: Some(RFC_AT),
        jkt: Some(RFC_JKT),
        ..expect(
            "GET",
            "https://RESOURCE.example.org:443/protectedresource?x#y",
            1_562_262_618,
        )
    };
    let r = check(RFC_RS_PROOF, &e).unwrap();
    assert!(r.valid, "{:?}", r.reasons());
    // Another token, method, target or an old proof each fail their own check.
    let e2 = Expect {
        access_token: Some("another"),
        ..e.clone()
    };
    assert_eq!(failed(&check(RFC_RS_PROOF, &e2).unwrap()), ["ath"]);
    let e3 = Expect {
        htm: "POST",
        ..e.clone()
    };
    assert_eq!(failed(&check(RFC_RS_PROOF, &e3).unwrap()), ["htm"]);
    let e4 = Expect {
        htu: "https://resource.example.org/other",
        ..e.clone()
    };
    assert_eq!(failed(&check(RFC_RS_PROOF, &e4).unwrap()), ["htu"]);
    let e5 = Expect {
        now: 1_562_262_618 + 301,
        ..e.clone()
    };
    assert_eq!(failed(&check(RFC_RS_PROOF, &e5).unwrap()), ["iat"]);
    let e6 = Expect {
        now: 1_562_262_618 - 61,
        ..e.clone()
    };
    assert_eq!(failed(&check(RFC_RS_PROOF, &e6).unwrap()), ["iat"]);
    let e7 = Expect {
        nonce: Some("n"),
        ..e.clone()
    };
    assert_eq!(failed(&check(RFC_RS_PROOF, &e7).unwrap()), ["nonce"]);
    let e8 = Expect {
        jkt: Some("x"),
        ..e
    };
    assert_eq!(failed(&check(RFC_RS_PROOF, &e8).unwrap()), ["jkt"]);
}

#[test]
fn a_changed_proof_fails_its_signature() {
    let parts: Vec<&str> = RFC_PROOF.split('.').collect();
    let claims = crate::b64::encode(
        br#"{"jti":"-BwC3ESc6acc2lTc","htm":"GET","htu":"https://server.example.com/token","iat":1562262616}"#,
    );
    let t = format!("{}.{claims}.{}", parts[0], parts[2]);
    let r = check(
        &t,
        &expect("GET", "https://server.example.com/token", 1_562_262_616),
    )
    .unwrap();
    assert_eq!(failed(&r), ["signature"]);
}

#[test]
fn two_comma_joined_proofs_fail_one_check() {
    let two = format!("{RFC_PROOF}, {RFC_PROOF}");
    let r = check(
        &two,
        &expect("POST", "https://server.example.com/token", 1_562_262_616),
    )
    .unwrap();
    assert!(!r.valid);
    assert_eq!(failed(&r), ["single"]);
    assert!(check("a,b", &expect("POST", "https://a.example/", 0)).is_err());
    assert!(check("not a token", &expect("POST", "https://a.example/", 0)).is_err());
}

fn sign_parts(
    key: &crate::keys::Jwk,
    alg: Alg,
    h: &serde_json::Map<String, serde_json::Value>,
    c: &serde_json::Map<String, serde_json::Value>,
) -> String {
    crate::token::sign::sign(key, alg, h, c).unwrap()
}

#[test]
fn jot_proofs_check_and_each_flaw_is_named() {
    let key = generate(Alg::ES256, None, None).unwrap();
    let r = Request {
        htm: "POST",
        htu: "https://as.example/token?q=1#f",
        access_token: Some("AT"),
        nonce: Some("N"),
        now: 1000,
    };
    let p = make(&key, Alg::ES256, &r).unwrap();
    let mut e = expect("POST", "https://as.example/token", 1000);
    e.access_token = Some("AT");
    e.nonce = Some("N");
    let thumb = key.thumbprint(ThumbprintHash::Sha256);
    e.jkt = Some(&thumb);
    let rep = check(&p, &e).unwrap();
    assert!(rep.valid, "{:?}", rep.reasons());
    assert_eq!(
        rep.claims.as_ref().unwrap()["htu"],
        "https://as.example/token"
    );
    // Private members in the header's jwk.
    let (mut h, c) = proof::parts(&key, Alg::ES256, &r).unwrap();
    h.insert("jwk".into(), key.to_json(true));
    assert_eq!(
        failed(&check(&sign_parts(&key, Alg::ES256, &h, &c), &e).unwrap()),
        ["jwk", "signature", "jkt"]
    );
    // An HMAC-signed proof.
    let (mut h, c) = proof::parts(&key, Alg::ES256, &r).unwrap();
    h.insert("alg".into(), "HS256".into());
    let t = crate::forge::hmac_token(
        &h,
        &crate::forge::seg(&c),
        crate::alg::Hash::Sha256,
        b"secret",
    );
    let f = failed(&check(&t, &e).unwrap());
    assert!(f.contains(&"alg") && f.contains(&"signature"), "{f:?}");
    // No ath.
    let (h, mut c) = proof::parts(&key, Alg::ES256, &r).unwrap();
    c.remove("ath");
    assert_eq!(
        failed(&check(&sign_parts(&key, Alg::ES256, &h, &c), &e).unwrap()),
        ["ath"]
    );
    // Wrong typ.
    let (mut h, c) = proof::parts(&key, Alg::ES256, &r).unwrap();
    h.insert("typ".into(), "JWT".into());
    assert_eq!(
        failed(&check(&sign_parts(&key, Alg::ES256, &h, &c), &e).unwrap()),
        ["typ"]
    );
}

#[test]
fn ed25519_proofs_check_under_both_alg_names() {
    let key = generate(Alg::EdDSA, None, None).unwrap();
    let r = Request {
        htm: "GET",
        htu: "https://rs.example/r",
        now: 5,
        ..Default::default()
    };
    let e = expect("GET", "https://rs.example/r", 5);
    assert!(
        check(&make(&key, Alg::EdDSA, &r).unwrap(), &e)
            .unwrap()
            .valid
    );
    let (mut h, c) = proof::parts(&key, Alg::EdDSA, &r).unwrap();
    h.insert("alg".into(), "Ed25519".into());
    let t = sign_parts(&key, Alg::EdDSA, &h, &c);
    // The header names Ed25519; the signature is the same EdDSA one.
    let parts: Vec<&str> = t.split('.').collect();
    let input = format!("{}.{}", parts[0], parts[1]);
    let sig = key.sign(Alg::EdDSA, input.as_bytes()).unwrap();
    let t = format!("{input}.{}", crate::b64::encode(&sig));
    assert!(check(&t, &e).unwrap().valid);
}

#[test]
fn proofs_need_a_private_asymmetric_key_and_a_uri() {
    let hs = generate(Alg::HS256, None, None).unwrap();
    let es = generate(Alg::ES256, None, None).unwrap();
    let r = Request {
        htm: "GET",
        htu: "https://rs.example/",
        ..Default::default()
    };
    assert!(make(&hs, Alg::HS256, &r).is_err());
    assert!(make(&es.to_public().unwrap(), Alg::ES256, &r).is_err());
    assert!(make(
        &es,
        Alg::ES256,
        &Request {
            htu: "rs.example/x",
            ..r.clone()
        }
    )
    .is_err());
    assert!(make(&es, Alg::ES256, &Request { htm: "", ..r }).is_err());
}

fn verdict(claims: serde_json::Value) -> Verdict {
    Verdict {
        valid: true,
        reasons: vec![],
        warnings: vec![],
        alg: None,
        kid: None,
        header: None,
        claims: Some(claims),
        json: None,
        x5c_anchor: None,
    }
}

#[test]
fn binding_names_the_layer_that_failed() {
    let b = Binding {
        proof: RFC_RS_PROOF,
        htm: "GET",
        htu: "https://resource.example.org/protectedresource",
        max_age: DEFAULT_MAX_AGE,
        leeway: 60,
        now: 1_562_262_618,
        ..Default::default()
    };
    let mut v = verdict(serde_json::json!({"cnf": {"jkt": RFC_JKT}}));
    bind(&mut v, RFC_AT, &b).unwrap();
    assert!(v.valid, "{:?}", v.reasons);
    let mut v = verdict(serde_json::json!({"sub": "x"}));
    bind(&mut v, RFC_AT, &b).unwrap();
    assert_eq!(v.reasons.len(), 1);
    assert!(v.reasons[0].starts_with("binding: "), "{:?}", v.reasons);
    let mut v = verdict(serde_json::json!({"cnf": {"jkt": RFC_JKT}}));
    v.reasons.push("expired".into());
    bind(&mut v, "other", &b).unwrap();
    assert_eq!(v.reasons[0], "access token: expired");
    assert!(
        v.reasons[1].starts_with("DPoP proof: ath: "),
        "{:?}",
        v.reasons
    );
    assert!(!v.valid);
}

proptest::proptest! {
    /// The fuzz target's property on stable: any header value gets a report or an error,
    /// and a proof whose signature is junk is never valid.
    #[test]
    fn check_never_panics_and_junk_signatures_never_pass(
        text in "\\PC{0,120}",
        alg in "(ES256|EdDSA|HS256|none|RS256)",
        typ in "(dpop\\+jwt|JWT)",
        htu in "(https://server\\.example\\.com/token|x|https://a\\.example/)",
        iat in proptest::option::of(1_562_262_000i64..1_562_263_000),
    ) {
        let e = expect("POST", "https://server.example.com/token", 1_562_262_616);
        let _ = check(&text, &e);
        let h = serde_json::json!({"typ": typ, "alg": alg, "jwk": {"kty": "EC", "crv": "P-256",
            "x": "l8tFrhx-34tV3hRICRDY9zCkDlpBhF42UQUfWVAWBFs",
            "y": "9VE4jf_Ok_o64zbTTlcuNJajHmt6v9TDVrU0CdvGRDA"}});
        let c = serde_json::json!({"jti": "j", "htm": "POST", "htu": htu, "iat": iat});
        let t = format!("{}.{}.c2ln", crate::b64::encode(h.to_string().as_bytes()),
            crate::b64::encode(c.to_string().as_bytes()));
        let r = check(&t, &e).unwrap();
        proptest::prop_assert!(!r.valid);
        proptest::prop_assert!(r.checks.iter().any(|c| c.check == "signature" && !c.pass));
    }
}
