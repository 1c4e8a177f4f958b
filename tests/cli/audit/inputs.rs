//! Where `jot audit` reads from and what it does with it: unreadable input (exit 2), token
//! files and stdin with line numbers, several kinds of input in one run, lines of any
//! UTF-8, `--extract` over HAR files and logs, and signature checks with `--key`/`--jwks`.

use serde_json::json;

use crate::audit_common::*;

#[test]
fn unreadable_input_is_exit_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    let token = sign_with_secret(STRONG, &[]);
    let d = dir.path().to_string_lossy().into_owned();
    let missing = dir
        .path()
        .join("missing.txt")
        .to_string_lossy()
        .into_owned();
    for args in [
        vec!["audit", "/no/such/dir/tokens.txt"],
        vec!["audit", "tokens.txt"],
        vec!["audit", missing.as_str()],
        vec!["audit", d.as_str()],
        vec!["audit", "--wordlist", missing.as_str(), token.as_str()],
        vec!["audit", "--key", missing.as_str(), token.as_str()],
        vec!["audit", "--jwks", missing.as_str(), token.as_str()],
        vec!["audit", "--format", "yaml", token.as_str()],
    ] {
        let r = run_in(Some(dir.path()), &args, None);
        assert_eq!(r.code, 2, "{args:?}: {}{}", r.stdout, r.stderr);
        assert!(r.stderr.contains("error"), "{args:?}: {}", r.stderr);
    }
}

#[test]
fn token_files_and_stdin_report_line_numbers() {
    let weak = sign_with_secret("secret", &[]);
    let strong = sign_with_secret(STRONG, &[]);
    let text = format!("{strong}\n\n  {weak}  \r\n");
    let dir = tempfile::tempdir().expect("tempdir");
    let file = write(dir.path(), "tokens.txt", &text);
    let (code, report) = audit_json(&[&file]);
    assert_eq!(code, 1);
    assert_eq!(report["inputs"], 2, "the blank line is skipped");
    let cracked = finding(&report, "JOT002").expect("JOT002");
    assert_eq!(
        cracked["line"], 3,
        "lines are counted in the file, blank ones included"
    );
    assert_eq!(cracked["location"], file.as_str());
    assert!(rule_ids(&report, Some(1)).contains("JOT003"));
    assert!(!rule_ids(&report, Some(1)).contains("JOT002"));

    for args in [&["-"][..], &[]] {
        let (code, report) = audit_json_in(None, args, Some(text.as_bytes()));
        assert_eq!(code, 1, "{args:?}");
        let cracked = finding(&report, "JOT002").expect("JOT002 from stdin");
        assert_eq!(cracked["location"], "stdin");
        assert_eq!(cracked["line"], 3);
    }
}

#[test]
fn several_inputs_of_different_kinds_in_one_run() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = write(
        dir.path(),
        "t.txt",
        format!("{}\n", sign_with_secret("secret", &[])),
    );
    let key = write(
        dir.path(),
        "k.jwk",
        json!({"kty": "oct", "k": b64(b"changeme")}).to_string(),
    );
    let bare = unsigned(&json!({"alg": "none"}), &good_claims());
    let (code, report) = audit_json(&[&file, &key, &bare]);
    assert_eq!(code, 1);
    assert_eq!(report["inputs"], 3);
    let at = |id: &str| finding(&report, id).expect(id)["location"].clone();
    assert_eq!(at("JOT002"), file.as_str());
    assert_eq!(at("JOT108"), key.as_str());
    assert_eq!(at("JOT001"), "argument");
    // Sorted by severity (critical first), then rule id.
    let order: Vec<&str> = findings(&report)
        .iter()
        .map(|f| f["severity"].as_str().unwrap_or(""))
        .collect();
    let rank = |s: &str| {
        ["critical", "high", "medium", "low", "info"]
            .iter()
            .position(|x| *x == s)
    };
    assert!(
        order.windows(2).all(|w| rank(w[0]) <= rank(w[1])),
        "{order:?}"
    );
}

#[test]
fn a_line_of_any_utf8_does_not_crash_the_audit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let line = format!("{}{}.x.y\n", "a".repeat(11), "é".repeat(30));
    let file = write(dir.path(), "odd.txt", line);
    let (code, report) = audit_json(&[&file]);
    assert_eq!(code, 0);
    let f = finding(&report, "JOT020").expect("JOT020");
    assert!(f["subject"].as_str().unwrap_or("").contains('…'));
}

#[test]
fn extract_pulls_tokens_out_of_har_files_and_logs() {
    let weak = sign_with_secret("secret", &["--sub", "har"]);
    let other = sign_with_secret(STRONG, &["--sub", "log"]);
    let har = json!({"log": {"version": "1.2", "entries": [
        {"request": {"method": "GET", "url": "https://api.example/me",
            "headers": [{"name": "Authorization", "value": format!("Bearer {weak}")}],
            "cookies": [{"name": "session", "value": other}]},
         "response": {"status": 200, "content": {"text": format!("{{\"echo\":\"{weak}\"}}")}}}
    ]}});
    let dir = tempfile::tempdir().expect("tempdir");
    let har_text = serde_json::to_string_pretty(&har).expect("HAR");
    let har_file = write(dir.path(), "capture.har", &har_text);
    let (code, report) = audit_json(&["--extract", &har_file]);
    assert_eq!(code, 1);
    assert_eq!(report["inputs"], 2, "the repeated token is audited once");
    let weak_line = har_text
        .lines()
        .position(|l| l.contains(&weak))
        .expect("in HAR")
        + 1;
    let cracked = finding(&report, "JOT002").expect("JOT002");
    assert_eq!(
        cracked["line"], weak_line as u64,
        "first line the token appears on"
    );
    assert_eq!(cracked["location"], har_file.as_str());

    let log = format!(
        "2023-11-14T22:13:20Z GET /health 200\n\
         2023-11-14T22:13:21Z GET /api?access_token={other}&x=1 200\n\
         2023-11-14T22:13:22Z auth header=\"Bearer {weak}\"\n"
    );
    let log_file = write(dir.path(), "access.log", &log);
    let (code, report) = audit_json(&["--extract", &log_file]);
    assert_eq!(code, 1);
    assert_eq!(report["inputs"], 2);
    assert_eq!(finding(&report, "JOT002").expect("JOT002")["line"], 3);
    assert!(
        rule_ids(&report, Some(2)).contains("JOT003"),
        "the query-string token"
    );

    // Without --extract the log's lines are taken as tokens, and none of them is one.
    let (_, report) = audit_json(&[&log_file]);
    assert_eq!(rule_ids(&report, None), ["JOT020".to_owned()].into());

    // Both files at once: deduplicated across inputs and grouped by (iss, kid).
    let (_, report) = audit_json(&["--extract", &har_file, &log_file]);
    assert_eq!(
        report["inputs"], 2,
        "each distinct token once across both files"
    );
    let groups = report["groups"].as_array().expect("groups with --extract");
    let total: u64 = groups.iter().map(|g| g["tokens"].as_u64().unwrap()).sum();
    assert_eq!(total, 2);
}

#[test]
fn key_and_jwks_check_signatures() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path();
    for args in [
        &[
            "keygen",
            "ES256",
            "--out",
            "a.pem",
            "--public-out",
            "a.pub.pem",
        ][..],
        &[
            "keygen",
            "ES256",
            "--out",
            "b.pem",
            "--public-out",
            "b.pub.pem",
        ],
        &["convert", "a.pub.pem", "--to", "jwks", "--out", "a.jwks"],
        &["convert", "b.pub.pem", "--to", "jwks", "--out", "b.jwks"],
        &["keygen", "HS256", "--out", "hs.jwk"],
        &["keygen", "HS256", "--out", "hs2.jwk"],
    ] {
        let r = run_in(Some(p), args, None);
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
    }
    let now = NOW.to_string();
    let sign = |key: &str| {
        let r = run_in(
            Some(p),
            &[
                "sign", "--key", key, "--now", &now, "--iss", "i", "--aud", "a", "--jti",
            ],
            None,
        );
        assert_eq!(r.code, 0, "{}", r.stderr);
        r.stdout.trim().to_owned()
    };
    let (es, hs) = (sign("a.pem"), sign("hs.jwk"));
    // The same claims re-signed by another key: a forgery as far as key a can tell.
    let forged = format!(
        "{}.{}",
        &es[..es.rfind('.').expect("dots")],
        &sign("b.pem").rsplit('.').next().expect("sig")
    );
    for (name, token, flag, key, bad) in [
        ("ES256, right public key", &es, "--key", "a.pub.pem", false),
        ("ES256, private key", &es, "--key", "a.pem", false),
        ("ES256, other key", &es, "--key", "b.pub.pem", true),
        ("ES256, right JWKS", &es, "--jwks", "a.jwks", false),
        ("ES256, other JWKS", &es, "--jwks", "b.jwks", true),
        ("forged signature", &forged, "--key", "a.pub.pem", true),
        ("HS256, right secret", &hs, "--key", "hs.jwk", false),
        ("HS256, other secret", &hs, "--key", "hs2.jwk", true),
    ] {
        let (code, report) = audit_json_in(Some(p), &[flag, key, token.as_str()], None);
        let ids = rule_ids(&report, None);
        assert_eq!(ids.contains("JOT019"), bad, "{name}: {ids:?}");
        assert_eq!(
            code,
            i32::from(bad),
            "{name}: JOT019 is high; report: {report:#}"
        );
    }
}
