//! `jot decode`: says it verifies nothing, annotates times, warns about dangerous headers,
//! recognises JWEs, names the broken segment, escapes terminal control text; `--json`
//! shape. Snapshots use HS256 with a fixed secret and a fixed clock, so they are stable.

use serde_json::{json, Value};

use crate::token_common::{b64, forge, forge_hs256, run, run_in, T0};

const SECRET: &[u8] = b"a fixed secret for snapshot tests, 32+";

fn decode(token: &str, now: i64) -> String {
    let now = now.to_string();
    run(&["--color", "never", "decode", token, "--now", &now])
        .code(0)
        .stdout
}

fn sample() -> String {
    let payload = format!(
        r#"{{"sub":"alice","aud":["api"],"iat":{T0},"nbf":{T0},"exp":{},"role":"admin"}}"#,
        T0 + 900
    );
    forge_hs256(
        r#"{"alg":"HS256","typ":"JWT","kid":"k1"}"#,
        &payload,
        SECRET,
    )
}

#[test]
fn decode_says_not_verified_and_annotates_times() {
    let out = decode(&sample(), T0 + 60);
    assert!(out.starts_with("NOT VERIFIED"), "{out}");
    assert!(out.contains("expires in 14m"), "{out}");
    assert!(out.contains("2023-11-14T22:28:20Z"), "{out}");
    assert!(out.contains("signature 32 bytes (HS256)"), "{out}");
    let later = decode(&sample(), T0 + 3 * 86_400);
    assert!(later.contains("expired 2 days ago"), "{later}");
    insta::assert_snapshot!("decode_hs256_text", out);
}

#[test]
fn decode_json_has_header_payload_signature() {
    let r = run(&["decode", &sample(), "--json"]).code(0);
    insta::assert_snapshot!("decode_hs256_json", r.stdout);
    let v: Value = serde_json::from_str(r.stdout.trim()).expect("one JSON object");
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["header", "payload", "signature"]);
    assert_eq!(v["header"]["kid"], "k1");
    assert_eq!(v["payload"]["role"], "admin");
    assert_eq!(v["signature"].as_str().map(str::len), Some(43));
}

#[test]
fn decode_json_prints_one_line_per_token_on_stdin() {
    let other = forge_hs256(r#"{"alg":"HS384"}"#, r#"{"n":1}"#, SECRET);
    let input = format!("{}\n\n{other}\n{}\n", sample(), sample());
    let r = run_in(&["decode", "-", "--json"], input.as_bytes()).code(0);
    let lines: Vec<Value> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[1]["header"]["alg"], "HS384");
}

#[test]
fn decode_warns_about_none_missing_exp_and_key_headers() {
    let none = forge(r#"{"alg":"none"}"#, r#"{"sub":"x"}"#, b"");
    let out = decode(&none, T0);
    assert!(out.contains("unsigned"), "{out}");
    assert!(out.contains("no exp"), "{out}");
    let header = r#"{"alg":"HS256","jku":"http://127.0.0.1:9/jwks","x5u":"http://127.0.0.1:9/c","jwk":{"kty":"oct","k":"AA"},"x5c":["AA=="]}"#;
    let out = decode(
        &forge_hs256(header, &format!(r#"{{"exp":{T0}}}"#), SECRET),
        T0,
    );
    for h in ["jku", "x5u", "jwk", "x5c"] {
        assert!(out.contains(&format!("header {h} carries")), "{h}: {out}");
    }
    assert!(!out.contains("no exp"), "{out}");
}

#[test]
fn decode_recognises_a_jwe() {
    let jwe = format!(
        "{}.{}.{}.{}.{}",
        b64(br#"{"alg":"RSA-OAEP","enc":"A256GCM"}"#),
        "a",
        "b",
        "c",
        "d"
    );
    let r = run(&["decode", &jwe]).code(0);
    assert!(r.stdout.contains("JWE"), "{r:#?}");
    assert!(r.stdout.contains("A256GCM"), "{r:#?}");
    let r = run(&["decode", &jwe, "--json"]).code(0);
    let v: Value = serde_json::from_str(r.stdout.trim()).expect("JSON");
    assert_eq!(
        v,
        json!({"header": {"alg": "RSA-OAEP", "enc": "A256GCM"}, "encrypted": true})
    );
}

#[test]
fn malformed_tokens_name_the_segment_and_exit_2() {
    let h = b64(br#"{"alg":"HS256"}"#);
    let p = b64(br#"{"sub":"x"}"#);
    for (token, want) in [
        (format!("{h}.{}*x.sig", &p[..4]), "segment 2 (payload)"),
        (format!("{h}.{p}=.c2ln"), "segment 2 (payload)"),
        (format!("{h}.{p}.c2ln+"), "segment 3 (signature)"),
        (
            format!("{}.{p}.c2ln", b64(b"not json")),
            "segment 1 (header)",
        ),
        (format!("{}.{p}.c2ln", b64(b"[1]")), "not a JSON object"),
        (
            format!("{}.{p}.c2ln", b64(br#"{"a":1,"a":2}"#)),
            "duplicate",
        ),
        (
            format!("{h}.{}.c2ln", b64(b"{\"unterminated")),
            "segment 2 (payload)",
        ),
        (format!("{h}.{p}"), "2 segments"),
        (format!("{h}.{p}.a.b"), "4 segments"),
    ] {
        let r = run(&["decode", &token]).code(2);
        assert!(r.stderr.starts_with("error:"), "{token}: {r:#?}");
        assert!(r.stderr.contains(want), "{token}: want {want:?} in {r:#?}");
    }
}

#[test]
fn control_characters_and_bidi_overrides_are_escaped() {
    let payload = format!(
        r#"{{"sub":"evil\u001b[2J\u001b]0;pwned\u0007","name":"abc\u202Egnp.exe","exp":{T0}}}"#
    );
    let header = "{\"alg\":\"HS256\",\"kid\":\"k\\u001b[31m\"}";
    let token = forge_hs256(header, &payload, SECRET);
    for args in [
        vec!["decode", token.as_str()],
        vec!["decode", token.as_str(), "--json"],
    ] {
        let r = run(&args).code(0);
        assert!(
            !r.stdout.contains('\u{1b}') && !r.stdout.contains('\u{7}'),
            "{r:#?}"
        );
        assert!(!r.stdout.contains('\u{202e}'), "{r:#?}");
    }
    let out = decode(&token, T0);
    assert!(out.contains("evil\\u001b[2J"), "{out}");
    assert!(out.contains("\\u{202e}"), "{out}");
    // verify prints claims too: the same escaping applies.
    let r = run(&[
        "verify",
        &token,
        "--secret",
        std::str::from_utf8(SECRET).unwrap(),
        "--now",
        "1700000000",
    ]);
    assert!(
        !r.stdout.contains('\u{1b}') && !r.stdout.contains('\u{202e}'),
        "{r:#?}"
    );
}

#[test]
fn pasted_tokens_with_bearer_authorization_and_quotes_are_cleaned_and_named() {
    let t = sample();
    let now = (T0 + 60).to_string();
    for (input, what) in [
        (format!("Bearer {t}"), "a Bearer prefix"),
        (format!("bearer   {t}"), "a Bearer prefix"),
        (
            format!("Authorization: Bearer {t}"),
            "an Authorization header name and a Bearer prefix",
        ),
        (format!("\"{t}\""), "quotes"),
        (format!("  '{t}'\n"), "quotes"),
    ] {
        let r = run(&["decode", &input, "--now", &now]).code(0);
        assert!(r.stdout.starts_with("NOT VERIFIED"), "{input}: {r:#?}");
        assert!(
            r.stderr.contains(&format!("stripped {what}")),
            "{input}: {r:#?}"
        );
        let r = run_in(
            &["decode", "-", "--json", "--now", &now],
            format!("{input}\n{t}\n").as_bytes(),
        )
        .code(0);
        assert_eq!(r.stdout.lines().count(), 2, "{r:#?}");
        assert!(r.stderr.contains("line 1: stripped"), "{r:#?}");
        let secret = String::from_utf8(SECRET.to_vec()).unwrap();
        let r = run(&[
            "verify", &input, "--secret", &secret, "--aud", "api", "--now", &now,
        ])
        .code(0);
        assert!(
            r.stderr.contains(&format!("stripped {what}")),
            "verify {input}: {r:#?}"
        );
        let r = run_in(
            &[
                "verify", "-", "--secret", &secret, "--aud", "api", "--now", &now,
            ],
            format!("{input}\n").as_bytes(),
        )
        .code(0);
        assert!(r.stderr.contains("line 1: stripped"), "verify -: {r:#?}");
    }
    // Plain whitespace is not worth a note.
    let r = run(&["decode", &format!(" {t}\n"), "--now", &now]).code(0);
    assert!(r.stderr.is_empty(), "{r:#?}");
}

#[test]
fn decode_times_at_now_say_now_not_in_0s() {
    let out = decode(&sample(), T0);
    assert!(out.contains("iat       2023-11-14T22:13:20Z  now"), "{out}");
    assert!(out.contains("valid now"), "{out}");
    assert!(!out.contains("0s"), "{out}");
}

#[test]
fn decode_bulk_errors_go_through_the_reporter_with_hints() {
    let r = run_in(
        &["decode", "-", "--now", "1700000000"],
        format!("{}\na.b\n", sample()).as_bytes(),
    )
    .code(2);
    assert!(r.stderr.contains("error: line 2: 2 segments"), "{r:#?}");
    assert!(
        r.stderr
            .contains("hint: a JWS has 3 dot-separated segments"),
        "{r:#?}"
    );
}
