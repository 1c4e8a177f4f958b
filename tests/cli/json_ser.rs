//! The JSON serializations through the real binary: `sign --serialization json|flattened`
//! with several `--key`, `verify` of a JSON token as argument, `@FILE` and stdin (a JSON
//! document read whole; compact tokens on stdin still one per line) naming the signature
//! that verified; `--all-signatures`; `encrypt --serialization` with several recipients and
//! `--aad`, `decrypt` naming the recipient; `decode` of both; malformed documents refused
//! with one `error:` line and exit 2.

use serde_json::Value;

use crate::common::{tmp, write};
use crate::token_common::{keys, run, run_in, T0};

fn now() -> String {
    T0.to_string()
}

fn json_sign(ser: &str, key_args: &[&str]) -> String {
    let mut args = vec!["sign", "--serialization", ser, "--sub", "alice", "--now"];
    let t = now();
    args.push(&t);
    args.extend_from_slice(key_args);
    run(&args).ok().trim().to_owned()
}

#[test]
fn general_jws_verifies_with_any_one_key_and_names_the_signature() {
    let k = keys();
    let (es, rs) = (k.private("ES256"), k.private("RS256"));
    let token = json_sign("json", &["--key", &es, "--key", &rs]);
    let doc: Value = serde_json::from_str(&token).unwrap();
    assert_eq!(doc["signatures"].as_array().unwrap().len(), 2);
    let t = now();
    let out = run(&[
        "verify",
        &token,
        "--key",
        &k.public("RS256"),
        "--now",
        &t,
        "--json",
    ])
    .ok();
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["valid"], true);
    assert_eq!(v["serialization"], "general");
    assert_eq!(v["signature"]["index"], 1);
    assert_eq!(v["signature"]["alg"], "RS256");
    // Text mode: the claims on stdout, which signature on stderr.
    let r = run(&["verify", &token, "--key", &k.public("ES256"), "--now", &t]).code(0);
    assert!(r.stderr.contains("index 0 verified"), "{r:?}");
    // --all-signatures needs both keys.
    let all = [
        "verify",
        &token,
        "--key",
        &k.public("ES256"),
        "--now",
        &t,
        "--all-signatures",
    ];
    let r = run(&all).code(1);
    assert!(r.stdout.contains("signature 1 (RS256)"), "{r:?}");
    let both = [
        "verify",
        &token,
        "--key",
        &k.public("ES256"),
        "--key",
        &k.public("RS256"),
        "--now",
        &t,
        "--all-signatures",
    ];
    run(&both).code(0);
    // A key that signed nothing.
    run(&["verify", &token, "--key", &k.public("ES384"), "--now", &t]).code(1);
}

#[test]
fn json_token_from_file_and_stdin_and_compact_lines_stay_lines() {
    let k = keys();
    let dir = tmp();
    let token = json_sign("flattened", &["--key", &k.private("ES256")]);
    let file = write(dir.path(), "t.json", format!("{token}\n"));
    let t = now();
    let pubk = k.public("ES256");
    let at = format!("@{}", file.display());
    let v: Value =
        serde_json::from_str(&run(&["verify", &at, "--key", &pubk, "--now", &t, "--json"]).ok())
            .unwrap();
    assert_eq!(v["serialization"], "flattened");
    // Pretty-printed JSON on stdin spans lines: read whole, as one token.
    let pretty =
        serde_json::to_string_pretty(&serde_json::from_str::<Value>(&token).unwrap()).unwrap();
    let out = run_in(
        &["verify", "-", "--key", &pubk, "--now", &t, "--json"],
        format!("\n  {pretty}").as_bytes(),
    )
    .ok();
    assert_eq!(out.lines().count(), 1, "{out}");
    // Compact tokens on stdin: one verdict per line, as before.
    let compact = run(&[
        "sign",
        "--key",
        &k.private("ES256"),
        "--sub",
        "a",
        "--now",
        &t,
    ])
    .ok();
    let compact = compact.trim();
    let two = format!("{compact}\n{compact}");
    let out = run_in(
        &["verify", "-", "--key", &pubk, "--now", &t],
        two.as_bytes(),
    )
    .ok();
    assert_eq!(
        out.lines().collect::<Vec<_>>(),
        ["line 1: valid", "line 2: valid"]
    );
    // decode shows the serialization and both headers.
    let d: Value = serde_json::from_str(&run(&["decode", &at, "--json"]).ok()).unwrap();
    assert_eq!(d["serialization"], "flattened");
    assert_eq!(d["payload"]["sub"], "alice");
    assert_eq!(d["signatures"][0]["protected"]["alg"], "ES256");
}

#[test]
fn malformed_json_tokens_get_one_error_line_and_exit_2() {
    let k = keys();
    let t = now();
    let sig = r#""signature":"AA""#;
    let hundred_one = format!(
        r#"{{"payload":"e30","signatures":[{}]}}"#,
        vec![format!(r#"{{"protected":"eyJhbGciOiJFUzI1NiJ9",{sig}}}"#); 101].join(",")
    );
    for bad in [
        format!(r#"{{"payload":"e30","payload":"e30","protected":"eyJhbGciOiJFUzI1NiJ9",{sig}}}"#),
        format!(r#"{{"payload":"e30","protected":"%%%",{sig}}}"#),
        hundred_one,
        "{\"payload\":".to_owned(),
    ] {
        let r = run(&["decode", &bad]).code(2);
        assert_eq!(
            r.stderr.lines().filter(|l| l.starts_with("error:")).count(),
            1,
            "{r:?}"
        );
        // verify gives an invalid verdict that names it (exit 1), never a panic.
        let r = run(&["verify", &bad, "--key", &k.public("ES256"), "--now", &t]).code(1);
        assert!(r.stdout.contains("malformed token"), "{r:?}");
    }
}

#[test]
fn sign_refuses_several_keys_without_json_serialization() {
    let k = keys();
    let r = run(&[
        "sign",
        "--key",
        &k.private("ES256"),
        "--key",
        &k.private("RS256"),
        "--sub",
        "a",
    ])
    .code(2);
    assert!(
        r.stderr.contains("several --key need --serialization json"),
        "{r:?}"
    );
    let r = run(&[
        "sign",
        "--serialization",
        "flattened",
        "--key",
        &k.private("ES256"),
        "--key",
        &k.private("RS256"),
    ])
    .code(2);
    assert!(r.stderr.starts_with("error:"), "{r:?}");
}

#[test]
fn multi_recipient_jwe_decrypts_with_each_key_and_names_the_recipient() {
    let dir = tmp();
    let d = dir.path();
    for (name, alg) in [("ec", "ECDH-ES+A256KW"), ("oct", "A256KW")] {
        let out = d.join(format!("{name}.jwk"));
        run(&["keygen", alg, "--out", out.to_str().unwrap()]).code(0);
    }
    let (ec, oct) = (d.join("ec.jwk"), d.join("oct.jwk"));
    let (ec, oct) = (ec.to_str().unwrap(), oct.to_str().unwrap());
    let token = run(&[
        "encrypt",
        "--serialization",
        "json",
        "--key",
        ec,
        "--key",
        oct,
        "--aad",
        "context",
        "secret text",
    ])
    .ok();
    for (key, index) in [(ec, 0), (oct, 1)] {
        let v: Value =
            serde_json::from_str(&run(&["decrypt", token.trim(), "--key", key, "--json"]).ok())
                .unwrap();
        assert_eq!(
            (v["recipient"].as_u64(), v["plaintext"].as_str()),
            (Some(index), Some("secret text"))
        );
        assert_eq!(v["serialization"], "general");
        let r = run_in(&["decrypt", "-", "--key", key], token.as_bytes()).code(0);
        assert!(r.stderr.contains(&format!("recipient: {index}")), "{r:?}");
    }
    let d: Value = serde_json::from_str(&run(&["decode", token.trim(), "--json"]).ok()).unwrap();
    assert_eq!(d["recipients"].as_array().unwrap().len(), 2);
    assert_eq!(d["aad"], true);
    // The AAD is authenticated: a changed one does not decrypt.
    let mut t: Value = serde_json::from_str(&token).unwrap();
    t["aad"] = "b3RoZXI".into();
    run(&["decrypt", &t.to_string(), "--key", ec]).code(1);
    // Compact with --aad or several keys is refused.
    run(&["encrypt", "--key", ec, "--key", oct, "x"]).code(2);
    run(&["encrypt", "--key", ec, "--aad", "x", "x"]).code(2);
}

#[test]
fn audit_reads_a_json_token_whole_and_audits_each_signature() {
    let k = keys();
    let t = now();
    let token = run(&[
        "sign",
        "--serialization",
        "json",
        "--key",
        &k.private("ES256"),
        "--key",
        &k.private("RS256"),
        "--no-exp",
        "--sub",
        "a",
        "--now",
        &t,
    ])
    .ok();
    let pretty =
        serde_json::to_string_pretty(&serde_json::from_str::<Value>(&token).unwrap()).unwrap();
    let r = run_in(
        &["audit", "-", "--format", "json", "--now", &t],
        pretty.as_bytes(),
    );
    let v: Value = serde_json::from_str(&r.stdout).unwrap_or_else(|_| panic!("{r:?}"));
    let no_exp: Vec<&Value> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "JOT004")
        .collect();
    assert_eq!(no_exp.len(), 2, "one per signature: {v}");
    // A malformed document is one finding, not an error.
    let r = run(&[
        "audit",
        r#"{"payload":"e30","protected":"%"}"#,
        "--format",
        "json",
    ]);
    assert!(r.stdout.contains("JOT020"), "{r:?}");
}

#[test]
fn one_json_jwe_on_stdin_is_one_token_not_a_stream() {
    let dir = tmp();
    let key = dir.path().join("k.jwk");
    run(&["keygen", "A256KW", "--out", key.to_str().unwrap()]).code(0);
    let k = key.to_str().unwrap();
    let token = run(&[
        "encrypt",
        "--serialization",
        "flattened",
        "--key",
        k,
        "plain",
    ])
    .ok();
    // Not "line 1: plain": and --out works as for one token given as the argument.
    let r = run_in(&["decrypt", "-", "--key", k], token.as_bytes()).code(0);
    assert_eq!(r.stdout, "plain", "{r:?}");
    let out = dir.path().join("pt");
    run_in(
        &["decrypt", "-", "--key", k, "--out", out.to_str().unwrap()],
        token.as_bytes(),
    )
    .code(0);
    assert_eq!(std::fs::read(&out).unwrap(), b"plain");
}
