//! `jot ui`'s JSON API, endpoint by endpoint, against the CLI: decode, verify (pasted key,
//! secret, JWKS URL and OpenID issuer served by a local `jot::serve::Server`), audit,
//! sign, defaults and keygen. The verdict line must be the one `jot verify` prints.

use std::sync::atomic::{AtomicBool, Ordering};

use serde_json::{json, Value};

use super::common::{jot, tmp};
use super::ui::with_ui;
use jot::alg::Alg;
use jot::keys::{generate, to_jwks};

const NOW: &str = "2026-01-01T00:00:00Z";

fn es256() -> (String, String, jot::keys::Jwk) {
    let k = generate(Alg::from_name("ES256").unwrap(), None, Some("k1".into())).unwrap();
    let private = k.to_pem(true).unwrap().to_string();
    let public = k.to_public().unwrap().to_pem(false).unwrap().to_string();
    (private, public, k)
}

fn ok(a: &super::ui::Answer) -> Value {
    assert_eq!(a.status, 200, "{}", a.body);
    a.json()
}

#[test]
fn decode_shows_header_claims_times_and_warnings() {
    with_ui(|ui| {
        // alg none, a jku header, no exp: every warning of `jot decode`.
        let t = "eyJhbGciOiJub25lIiwiamt1IjoiaHR0cDovL3gifQ.eyJzdWIiOiI8aW1nIHNyYz14PiIsImlhdCI6MTc2NzIyNTYwMH0.";
        let d = ok(&ui.api(
            "decode",
            &json!({"token": format!("Bearer {t}"), "now": NOW}),
        ));
        assert_eq!(d["kind"], "jws");
        assert_eq!(d["stripped"], "a Bearer prefix");
        assert_eq!(d["header"]["jku"], "http://x");
        assert_eq!(d["payload"]["sub"], "<img src=x>");
        assert_eq!(d["times"][0]["claim"], "iat");
        assert_eq!(d["times"][0]["utc"], "2026-01-01T00:00:00Z");
        let w = d["warnings"].to_string();
        assert!(
            w.contains("unsigned") && w.contains("jku") && w.contains("no exp"),
            "{w}"
        );
        let jwe = "eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a.b.c.d";
        let j = ok(&ui.api("decode", &json!({"token": jwe})));
        assert_eq!(
            (j["kind"].as_str(), j["header"]["enc"].as_str()),
            (Some("jwe"), Some("A256GCM"))
        );
        let bad = ui.api("decode", &json!({"token": "not a token"}));
        assert_eq!(bad.status, 400);
        assert!(bad.json()["error"].is_string());
        assert_eq!(
            ui.api("decode", &json!({"token": "a.b.c", "now": "soon"}))
                .status,
            400
        );
    });
}

#[test]
fn verify_gives_the_verdict_line_of_jot_verify() {
    let dir = tmp();
    let (private, public, _) = es256();
    std::fs::write(dir.path().join("k.pem"), &private).unwrap();
    std::fs::write(dir.path().join("k.pub.pem"), &public).unwrap();
    let signed = |extra: &[&str]| {
        let out = jot()
            .current_dir(dir.path())
            .args([
                "sign", "--key", "k.pem", "--sub", "alice", "--now", NOW, "--exp", "1h",
            ])
            .args(extra)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap().trim().to_owned()
    };
    let token = signed(&["--iss", "https://id.example"]);
    let cli = |now: &str, extra: &[&str]| {
        let out = jot()
            .current_dir(dir.path())
            .args(["verify", &token, "--key", "k.pub.pem", "--now", now])
            .args(extra)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap().trim().to_owned()
    };
    with_ui(|ui| {
        let v = ok(&ui.api(
            "verify",
            &json!({"token": token, "key": public, "now": NOW, "iss": "https://id.example"}),
        ));
        assert_eq!(
            (v["valid"].as_bool(), v["verdict"].as_str()),
            (Some(true), Some("valid"))
        );
        assert_eq!(v["claims"]["sub"], "alice");
        let later = "2026-01-03T00:00:00Z";
        let e = ok(&ui.api(
            "verify",
            &json!({"token": token, "key": public, "now": later, "iss": "https://id.example"}),
        ));
        assert_eq!(e["valid"], false);
        assert!(e["verdict"]
            .as_str()
            .unwrap()
            .starts_with("invalid: expired at"));
        assert_eq!(e["verdict"], cli(later, &["--iss", "https://id.example"]));
        let wrong_iss = ok(&ui.api(
            "verify",
            &json!({"token": token, "key": public, "now": NOW, "iss": "x", "aud": ["api"]}),
        ));
        assert_eq!(
            wrong_iss["verdict"],
            cli(NOW, &["--iss", "x", "--aud", "api"])
        );
        let leeway = ok(&ui.api("verify", &json!({"token": token, "key": public, "now": "2026-01-01T01:00:30Z", "iss": "https://id.example", "leeway": "1m"})));
        assert_eq!(leeway["verdict"], "valid");
        let none = ui.api("verify", &json!({"token": token}));
        assert_eq!(none.status, 400);
        assert_eq!(none.json()["error"], "no key given");
        let two = ui.api(
            "verify",
            &json!({"token": token, "key": public, "secret": "s"}),
        );
        assert_eq!(two.json()["error"], "give exactly one key source");
        let bad_key = ui.api("verify", &json!({"token": token, "key": "not a key"}));
        assert_eq!(bad_key.status, 400);
        // RS256→HS256 confusion: the public key text as an HMAC secret never verifies it.
        let hs = ok(&ui.api(
            "verify",
            &json!({"token": token, "secret": public, "now": NOW}),
        ));
        assert_eq!(hs["valid"], false);
    });
}

#[test]
fn verify_fetches_a_jwks_url_and_an_oidc_issuer_itself() {
    let (_, public, key) = es256();
    let dir = tmp();
    let set = to_jwks(&[key.to_public().unwrap()], false);
    std::fs::write(dir.path().join("jwks.json"), set.to_string()).unwrap();
    let idp = jot::serve::Server::bind(dir.path(), "127.0.0.1:0", None).expect("bind idp");
    let stop = AtomicBool::new(false);
    let token = jot::token::sign::sign(
        &key,
        Alg::from_name("ES256").unwrap(),
        &jot::token::sign::header(
            Alg::from_name("ES256").unwrap(),
            Some("k1"),
            Default::default(),
        )
        .unwrap(),
        json!({"sub": "a", "exp": 1_767_229_200, "iss": idp.issuer()})
            .as_object()
            .unwrap(),
    )
    .unwrap();
    std::thread::scope(|s| {
        let runner = s.spawn(|| idp.run(&stop));
        with_ui(|ui| {
            let url = format!("{}/.well-known/jwks.json", idp.issuer());
            let v = ok(&ui.api(
                "verify",
                &json!({"token": token, "jwks_url": url, "now": NOW, "iss": idp.issuer()}),
            ));
            assert_eq!(v["verdict"], "valid", "{v}");
            assert_eq!(v["kid"], "k1");
            let o = ok(&ui.api(
                "verify",
                &json!({"token": token, "oidc": idp.issuer(), "now": NOW}),
            ));
            assert_eq!(o["verdict"], "valid", "{o}");
            let p = ok(&ui.api(
                "verify",
                &json!({"token": token, "key": public, "now": NOW}),
            ));
            assert!(
                p["verdict"].as_str().unwrap().contains("no --aud")
                    || p["verdict"].as_str().unwrap().starts_with("valid")
            );
            let bad = ui.api(
                "verify",
                &json!({"token": token, "jwks_url": "ftp://x", "now": NOW}),
            );
            assert_eq!(bad.status, 400);
        });
        stop.store(true, Ordering::SeqCst);
        runner.join().unwrap().unwrap();
    });
}

#[test]
fn audit_names_a_weak_secret_and_a_wrong_key() {
    with_ui(|ui| {
        let weak = ok(&ui.api(
            "sign",
            &json!({"claims": {"sub": "bob"}, "secret": "secret", "insecure_short_key": true, "now": NOW}),
        ));
        let a = ok(&ui.api("audit", &json!({"token": weak["token"], "now": NOW})));
        let f = a["findings"].as_array().unwrap();
        let cracked = f.iter().find(|x| x["rule"] == "JOT002").expect("JOT002");
        assert_eq!(cracked["severity"], "critical");
        assert_eq!(cracked["title"], "HMAC secret cracked");
        assert!(cracked["message"].as_str().unwrap().contains("\"secret\""));
        assert!(cracked["remediation"].as_str().unwrap().contains("Rotate"));
        assert!(a["summary"].as_str().unwrap().contains("critical"));
        let (_, public, _) = es256();
        let k = ok(&ui.api(
            "audit",
            &json!({"token": weak["token"], "key": public, "now": NOW}),
        ));
        assert!(
            k["findings"].to_string().contains("JOT019")
                || k["findings"].to_string().contains("JOT0")
        );
        assert_eq!(ui.api("audit", &json!({"token": ""})).status, 400);
    });
}

#[test]
fn sign_defaults_and_keygen_make_tokens_verify_accepts() {
    with_ui(|ui| {
        let d = ok(&ui.api("defaults", &json!({"now": NOW})));
        let (iat, exp) = (
            d["claims"]["iat"].as_i64().unwrap(),
            d["claims"]["exp"].as_i64().unwrap(),
        );
        assert_eq!((iat, exp - iat), (1_767_225_600, 15 * 60));
        for alg in ["ES256", "EdDSA", "HS256", "Ed448", "ML-DSA-44"] {
            let k = ok(&ui.api("keygen", &json!({"alg": alg})));
            let private = k["private"]["pem"]
                .as_str()
                .or(k["private"]["jwk"].as_str())
                .unwrap()
                .to_owned();
            let s = ok(&ui.api("sign", &json!({"header": {"typ": "JWT"}, "claims": {"sub": "c"}, "key": private, "now": NOW})));
            assert_eq!(s["header"]["alg"], alg);
            assert_eq!(s["claims"]["exp"], 1_767_225_600 + 900);
            let verify_key = match alg {
                "HS256" => {
                    assert!(k["public"].is_null());
                    private.clone()
                }
                _ => k["public"]["pem"].as_str().unwrap().to_owned(),
            };
            let v = ok(&ui.api(
                "verify",
                &json!({"token": s["token"], "key": verify_key, "now": NOW}),
            ));
            assert_eq!(v["verdict"], "valid", "{alg}: {v}");
        }
        let k = ok(&ui.api("keygen", &json!({"alg": "ES256"})));
        let key = k["private"]["pem"].clone();
        for (req, why) in [
            (json!({"header": {"alg": "none"}, "key": key}), "unsigned"),
            (json!({"header": {"jku": "http://x"}, "key": key}), "jku"),
            (json!({"key": k["public"]["pem"]}), "public"),
            (json!({"claims": {}}), "no key"),
            (json!({"header": {"alg": "HS256"}, "key": key}), "HS256"),
        ] {
            let a = ui.api("sign", &req);
            assert_eq!(a.status, 400, "{req}");
            assert!(a.body.contains(why), "{why}: {}", a.body);
        }
        let no_exp = ok(&ui.api(
            "sign",
            &json!({"claims": {"exp": 5}, "key": key, "no_exp": true}),
        ));
        assert!(no_exp["claims"].get("exp").is_none());
        assert!(no_exp["warnings"].to_string().contains("never expires"));
        // Issue 8: a short HMAC key is refused, as `jot sign` refuses it, unless asked.
        let refused = ui.api("sign", &json!({"secret": "short"}));
        assert_eq!(refused.status, 400);
        assert!(refused.body.contains("RFC 7518"), "{}", refused.body);
        let short = ok(&ui.api(
            "sign",
            &json!({"secret": "short", "insecure_short_key": true}),
        ));
        assert!(short["warnings"].to_string().contains("RFC 7518"));
        assert_eq!(ui.api("keygen", &json!({"alg": "none"})).status, 400);
    });
}

#[test]
fn verify_endpoint_refuses_short_secrets_and_ambiguous_sets_as_the_cli_does() {
    let alg = Alg::from_name("HS256").unwrap();
    let key = jot::keys::Jwk::new(jot::keys::Key::Oct(jot::keys::Secret::new(
        b"sixteen byte key".to_vec(),
    )));
    let header = jot::token::sign::header(alg, None, Default::default()).unwrap();
    let claims = json!({"sub": "a", "exp": 1_767_229_200});
    let token = jot::token::sign::sign(&key, alg, &header, claims.as_object().unwrap()).unwrap();
    let ec = es256().2.to_public().unwrap().to_json(false);
    let oct =
        json!({"kty": "oct", "kid": "k1", "k": "c2l4dGVlbiBieXRlIGtleXNpeHRlZW4gYnl0ZSBrZXk"});
    with_ui(|ui| {
        let short = ui.api(
            "verify",
            &json!({"token": token, "secret": "sixteen byte key", "now": NOW}),
        );
        assert_eq!(short.status, 400, "{}", short.body);
        assert_eq!(
            short.json()["error"],
            "the HMAC secret is 16 bytes; RFC 7518 §3.2 requires at least 32 for HS256"
        );
        let insecure = ok(&ui.api(
            "verify",
            &json!({"token": token, "secret": "sixteen byte key", "now": NOW, "insecure_short_key": true}),
        ));
        assert_eq!(insecure["verdict"], "valid", "{insecure}");
        assert!(insecure["warnings"][0]
            .as_str()
            .unwrap()
            .starts_with("insecure: the HMAC secret is 16 bytes"));
        let mixed = json!({"keys": [oct, ec]}).to_string();
        let refused = ui.api("verify", &json!({"token": token, "key": mixed, "now": NOW}));
        assert_eq!(refused.status, 400, "{}", refused.body);
        assert!(refused.json()["error"].as_str().unwrap().starts_with(
            "ambiguous key set: the set mixes secret (oct) keys, keys[0] (kid \"k1\")"
        ));
    });
}
