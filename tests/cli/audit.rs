//! `jot audit` through the real binary: the proofs (weak secrets from the built-in
//! list and from wordlists), `--fail-on`, and snapshots of the JSON and text reports. Inputs
//! and signature checks, the rule tables and SARIF live in the submodules.

mod der;
mod inputs;
mod keyfiles;
mod keyfiles_invalid;
mod precommit;
mod review;
mod rules;
mod sarif;

use std::io::Write;

use serde_json::json;

use crate::audit_common::*;

/// `jot sign --secret secret --now 1700000000 --iss https://issuer.example --sub alice
/// --claim email=alice@example.com --exp 2d` (HS256 signing is deterministic).
const FIXED: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJlbWFpbCI6ImFsaWNlQGV4YW1wbGUuY29tIiwiaXNzIjoiaHR0cHM6Ly9pc3N1ZXIuZXhhbXBsZSIsInN1YiI6ImFsaWNlIiwiaWF0IjoxNzAwMDAwMDAwLCJleHAiOjE3MDAxNzI4MDB9.L9I-g18xCasnZ5TTmGdSd1yPBaBC6AyhPWc0CuB5oC8";

#[test]
fn secrets_from_the_builtin_list_are_cracked_and_shown() {
    let secrets = [
        "secret",
        "your-256-bit-secret",
        "changeme",
        "supersecret",
        "jwt_secret",
    ];
    let mut tokens: Vec<(String, &str)> = secrets
        .iter()
        .map(|s| (sign_with_secret(s, &["--sub", "alice"]), *s))
        .collect();
    tokens.push((
        sign_with_secret("password", &["--alg", "HS384"]),
        "password",
    ));
    tokens.push((
        sign_with_secret("changeme", &["--alg", "HS512"]),
        "changeme",
    ));
    let dir = tempfile::tempdir().expect("tempdir");
    let text: String = tokens.iter().map(|(t, _)| format!("{t}\n")).collect();
    let file = write(dir.path(), "weak.txt", text);
    let (code, report) = audit_json(&[&file]);
    assert_eq!(
        code, 1,
        "a cracked secret is critical: exit 1 at the default --fail-on"
    );
    for (i, (_, secret)) in tokens.iter().enumerate() {
        let line = i as u64 + 1;
        let f = findings(&report)
            .iter()
            .find(|f| f["rule"] == "JOT002" && f["line"] == line)
            .unwrap_or_else(|| panic!("no JOT002 for {secret:?} on line {line}"));
        assert_eq!(f["severity"], "critical");
        let msg = f["message"].as_str().unwrap_or("");
        assert!(
            msg.contains(&format!("{secret:?}")),
            "the secret is shown: {msg}"
        );
    }

    // One token as an argument, text report: the secret is on screen and the exit is 1.
    let now = NOW.to_string();
    let r = run(&["audit", "--now", &now, &tokens[0].0]);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout.contains("CRITICAL") && r.stdout.contains("JOT002"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains(
            "the HS256 secret is weak: \"secret\", found in the built-in weak-secret list"
        ),
        "{}",
        r.stdout
    );
}

#[test]
fn a_secret_only_in_a_wordlist_needs_the_wordlist() {
    let secret = "zebra-pancake-42";
    let token = sign_with_secret(secret, &["--iss", "i", "--aud", "a"]);
    let (code, report) = audit_json(&[&token]);
    assert!(
        !rule_ids(&report, None).contains("JOT002"),
        "not on the built-in list"
    );
    assert_eq!(code, 0, "nothing high or critical without the wordlist");

    let dir = tempfile::tempdir().expect("tempdir");
    let words = write(
        dir.path(),
        "words.txt",
        format!("alpha\nbravo\n{secret}\ncharlie\n"),
    );
    let (code, report) = audit_json(&["--wordlist", &words, &token]);
    assert_eq!(code, 1);
    let f = finding(&report, "JOT002").expect("cracked with the wordlist");
    assert_eq!(f["title"], "HMAC secret cracked");
    assert_eq!(
        f["message"].as_str().unwrap_or(""),
        format!("the HS256 secret is weak: {secret:?}, found on line 3 of wordlist {words}")
    );

    // A gzip wordlist works too, and so does a second --wordlist after a useless first one.
    let gz = dir.path().join("words.txt.gz");
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(format!("x\n{secret}\n").as_bytes())
        .expect("gzip");
    std::fs::write(&gz, enc.finish().expect("gzip")).expect("write gz");
    let empty = write(dir.path(), "empty.txt", "");
    let gz = gz.to_string_lossy().into_owned();
    let (code, report) = audit_json(&[
        "--no-builtin",
        "--wordlist",
        &empty,
        "--wordlist",
        &gz,
        &token,
    ]);
    assert_eq!(code, 1);
    assert!(
        rule_ids(&report, None).contains("JOT002"),
        "found in the gzip wordlist"
    );
}

#[test]
fn no_builtin_turns_the_builtin_list_off() {
    let token = sign_with_secret("secret", &[]);
    let (_, report) = audit_json(&["--no-builtin", &token]);
    assert!(
        !rule_ids(&report, None).contains("JOT002"),
        "built-in list is off"
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let words = write(dir.path(), "w.txt", "secret\n");
    let (code, report) = audit_json(&["--no-builtin", "--wordlist", &words, &token]);
    assert!(
        rule_ids(&report, None).contains("JOT002"),
        "wordlists still apply"
    );
    assert_eq!(code, 1);
}

#[test]
fn a_strong_secret_is_not_cracked() {
    let token = sign_with_secret(STRONG, &["--iss", "i", "--aud", "a", "--jti"]);
    let (code, report) = audit_json(&[&token]);
    assert_eq!(
        rule_ids(&report, None),
        ["JOT003".to_owned()].into(),
        "only the info note"
    );
    assert_eq!(code, 0);
}

#[test]
fn fail_on_sets_the_exit_threshold() {
    // Worst finding: medium (an email in the payload); also low (no aud) and info.
    let token = hs256(
        &header_with(json!({})),
        &claims_with(json!({"aud": null, "email": "carol@example.com"})),
        STRONG.as_bytes(),
    );
    let (code, report) = audit_json(&[&token]);
    assert_eq!(code, 0, "default --fail-on high: {report}");
    for (level, expected) in [
        ("info", 1),
        ("low", 1),
        ("medium", 1),
        ("high", 0),
        ("critical", 0),
    ] {
        let (code, _) = audit_json(&["--fail-on", level, &token]);
        assert_eq!(code, expected, "--fail-on {level}");
    }
    let weak = sign_with_secret("secret", &[]);
    let (code, _) = audit_json(&["--fail-on", "critical", &weak]);
    assert_eq!(code, 1, "critical is at or above critical");
}

#[test]
fn the_fixed_token_is_what_jot_sign_makes() {
    let t = sign_with_secret(
        "secret",
        &[
            "--iss",
            "https://issuer.example",
            "--sub",
            "alice",
            "--claim",
            "email=alice@example.com",
            "--exp",
            "2d",
        ],
    );
    assert_eq!(t, FIXED);
}

#[test]
fn json_report_is_stable() {
    let now = NOW.to_string();
    let r = run(&[
        "audit", "--format", "json", "--now", &now, "--color", "never", FIXED,
    ]);
    assert_eq!(r.code, 1);
    insta::assert_snapshot!(
        "audit_json",
        r.stdout.replace(env!("CARGO_PKG_VERSION"), "[version]")
    );
}

#[test]
fn text_report_is_stable() {
    let now = NOW.to_string();
    let r = run(&["audit", "--now", &now, "--color", "never", FIXED]);
    assert_eq!(r.code, 1);
    insta::assert_snapshot!("audit_text", r.stdout);
}
