//! `jot ui`'s Decrypt panel and first screen, endpoint by endpoint, against the CLI:
//! `/api/decrypt` opens what `jot decrypt` opens and shows the nested token
//! `jot decode --decrypt-key` shows; `/api/example` is a token its own key verifies and
//! `jot decrypt` opens with the example key.

use serde_json::{json, Value};

use super::common::{jot, tmp};
use super::ui::with_ui;

const NOW: &str = "2026-01-01T00:00:00Z";

fn run(dir: &std::path::Path, args: &[&str]) -> String {
    let out = jot().current_dir(dir).args(args).output().expect("run");
    assert!(out.status.success(), "{args:?}: {out:?}");
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

#[test]
fn decrypt_endpoint_opens_what_jot_decrypt_and_decode_decrypt_key_open() {
    let d = tmp();
    let dir = d.path();
    run(
        dir,
        &[
            "keygen",
            "ECDH-ES+A256KW",
            "--format",
            "jwk",
            "--out",
            "e.jwk",
            "--public-out",
            "e.pub.jwk",
        ],
    );
    run(dir, &["keygen", "ES256", "--out", "k.pem"]);
    let key = std::fs::read_to_string(dir.join("e.jwk")).unwrap();
    let plain = run(
        dir,
        &["encrypt", "--key", "e.pub.jwk", r#"{"card":"4111"}"#],
    );
    let inner = run(
        dir,
        &[
            "sign", "--key", "k.pem", "--sub", "alice", "--now", NOW, "--exp", "1h",
        ],
    );
    let nested = run(
        dir,
        &["encrypt", "--key", "e.pub.jwk", "--cty", "JWT", &inner],
    );
    let cli_plain: Value =
        serde_json::from_str(&run(dir, &["decrypt", "--key", "e.jwk", "--json", &plain])).unwrap();
    let cli_nested: Value = serde_json::from_str(&run(
        dir,
        &["decode", "--decrypt-key", "e.jwk", "--json", &nested],
    ))
    .unwrap();
    with_ui(|ui| {
        let p = ui
            .api("decrypt", &json!({"token": plain, "key": key, "now": NOW}))
            .json();
        assert_eq!(p["decrypted"], true, "{p}");
        assert_eq!(p["plaintext"]["kind"], "json");
        assert_eq!(p["plaintext"]["value"], cli_plain["plaintext"]);
        assert_eq!(
            (&p["alg"], &p["enc"]),
            (&cli_plain["alg"], &cli_plain["enc"])
        );
        let n = ui
            .api("decrypt", &json!({"token": nested, "key": key, "now": NOW}))
            .json();
        assert_eq!(n["plaintext"]["kind"], "nested", "{n}");
        assert_eq!(n["plaintext"]["token"], inner);
        assert_eq!(
            n["plaintext"]["inner"]["header"],
            cli_nested["inner"]["header"]
        );
        assert_eq!(
            n["plaintext"]["inner"]["payload"],
            cli_nested["inner"]["payload"]
        );
        assert_eq!(n["header"], cli_nested["header"]);
        // A signed token is nothing to decrypt; a wrong key is a verdict; no key is an error.
        let s = ui
            .api("decrypt", &json!({"token": inner, "key": key}))
            .json();
        assert_eq!(
            (&s["encrypted"], &s["decrypted"]),
            (&json!(false), &json!(false))
        );
        let other = generate_other(dir);
        let w = ui
            .api("decrypt", &json!({"token": nested, "key": other}))
            .json();
        assert_eq!(w["decrypted"], false, "{w}");
        assert!(w["reason"].as_str().is_some_and(|r| !r.is_empty()));
        let none = ui.api("decrypt", &json!({"token": nested}));
        assert_eq!(none.status, 400);
        assert_eq!(none.json()["error"], "no key given");
    });
}

fn generate_other(dir: &std::path::Path) -> String {
    run(
        dir,
        &[
            "keygen",
            "ECDH-ES+A256KW",
            "--format",
            "jwk",
            "--out",
            "other.jwk",
        ],
    );
    std::fs::read_to_string(dir.join("other.jwk")).unwrap()
}

#[test]
fn the_example_verifies_with_its_key_and_decrypts_with_jot() {
    let d = tmp();
    let dir = d.path();
    with_ui(|ui| {
        let e = ui.api("example", &json!({"now": NOW})).json();
        let again = ui.api("example", &json!({"now": NOW})).json();
        assert_eq!(
            e["token"], again["token"],
            "a fixed clock, a fixed example token"
        );
        for (file, member) in [("pub.pem", "key"), ("enc.jwk", "jwe_key")] {
            std::fs::write(dir.join(file), e[member].as_str().unwrap()).unwrap();
        }
        let token = e["token"].as_str().unwrap();
        let iss = e["iss"].as_str().unwrap();
        let aud = e["aud"].as_str().unwrap();
        let verdict = run(
            dir,
            &[
                "verify", token, "--key", "pub.pem", "--iss", iss, "--aud", aud, "--now", NOW,
            ],
        );
        // Exit 0 (run checks it) is `valid`; on a pipe verify prints the claims.
        assert!(verdict.contains("Jane Doe"), "{verdict}");
        let opened = run(
            dir,
            &["decrypt", "--key", "enc.jwk", e["jwe"].as_str().unwrap()],
        );
        assert_eq!(opened, token);
        let v = ui
            .api(
                "verify",
                &json!({"token": token, "key": e["key"], "iss": iss, "aud": [aud], "now": NOW}),
            )
            .json();
        assert_eq!(v["verdict"], "valid");
    });
}
