//! Guards from the round-1 review of `audit` (issue 9): checked time arithmetic, the HMAC
//! key-length rule per algorithm, wordlist errors, rule titles in JSON, human durations and
//! the one severity type behind `--fail-on`.

use serde_json::{json, Value};

use crate::audit_common::*;

/// Bytes on no list: `len` of them, distinct enough that no wordlist here holds them.
fn random_key(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i * 37 + 11) as u8).collect()
}

#[test]
fn time_arithmetic_near_the_end_of_time_neither_wraps_nor_panics() {
    let token = hs256(
        &header_with(json!({})),
        &claims_with(json!({"nbf": NOW - 60})),
        STRONG.as_bytes(),
    );
    for now in [i64::MAX, i64::MAX - 30, i64::MIN, i64::MIN + 1] {
        let flag = format!("--now={now}");
        let r = run(&["audit", "--format", "json", &flag, &token]);
        assert!(
            r.code == 0 || r.code == 1,
            "--now {now}: exit {} {}",
            r.code,
            r.stderr
        );
        assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
        let report: Value = serde_json::from_str(&r.stdout).expect("a JSON report");
        if now > 0 {
            // Claims far in the past are not "in the future" because `now + 60` wrapped.
            assert!(
                !rule_ids(&report, None).contains("JOT007"),
                "--now {now}: {report}"
            );
            assert!(rule_ids(&report, None).contains("JOT006"), "expired");
        }
    }
}

#[test]
fn hmac_keys_under_the_hash_size_of_their_alg_are_weak() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (alg, len, weak) in [
        ("HS256", 32, false),
        ("HS384", 40, true),
        ("HS384", 48, false),
        ("HS512", 48, true),
        ("HS512", 63, true),
        ("HS512", 64, false),
    ] {
        let jwk = json!({"kty": "oct", "k": b64(&random_key(len)), "alg": alg});
        let f = write(dir.path(), "k.jwk", jwk.to_string());
        let (_, report) = audit_json(&[&f]);
        let found = finding(&report, "JOT108");
        assert_eq!(found.is_some(), weak, "{alg} with {len} bytes: {report}");
        if let Some(f) = found {
            let min = alg[2..].parse::<usize>().expect("bits") / 8;
            let msg = f["message"].as_str().unwrap_or("");
            assert!(
                msg.contains(&format!("only {len} bytes"))
                    && msg.contains(&format!("{min} for {alg}")),
                "{msg}"
            );
        }
    }
}

#[test]
fn unreadable_or_corrupt_wordlists_are_errors_naming_the_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let token = sign_with_secret(STRONG, &[]);
    let missing = dir.path().join("missing-words.txt");
    let corrupt = write(
        dir.path(),
        "corrupt.txt.gz",
        [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1],
    );
    let folder = dir.path().join("a-directory");
    std::fs::create_dir(&folder).expect("mkdir");
    for w in [
        missing.to_string_lossy().into_owned(),
        corrupt,
        folder.to_string_lossy().into_owned(),
    ] {
        let r = run(&["audit", "--no-builtin", "--wordlist", &w, &token]);
        assert_eq!(r.code, 2, "--wordlist {w}: {}", r.stdout);
        assert!(r.stderr.contains(&w), "names {w}: {}", r.stderr);
        assert!(
            r.stdout.is_empty(),
            "no report on a failed run: {}",
            r.stdout
        );
    }
}

#[test]
fn json_findings_carry_the_rule_title_as_sarif_does() {
    let token = unsigned(
        &json!({"alg": "none", "jku": "https://evil.example/jwks"}),
        &json!({"email": "a@example.com"}),
    );
    let now = NOW.to_string();
    let (_, report) = audit_json(&[&token]);
    let sarif = run(&["audit", "--format", "sarif", "--now", &now, &token]);
    let sarif: Value = serde_json::from_str(&sarif.stdout).expect("SARIF");
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules");
    assert!(findings(&report).len() > 3);
    for f in findings(&report) {
        let r = rules
            .iter()
            .find(|r| r["id"] == f["rule"])
            .expect("the rule is in the table");
        assert_eq!(f["title"], r["shortDescription"]["text"], "{f}");
    }
}

#[test]
fn lifetimes_read_as_people_write_them() {
    let long = hs256(
        &header_with(json!({})),
        &claims_with(json!({"iat": NOW, "exp": NOW + 30 * 86_400})),
        STRONG.as_bytes(),
    );
    let (_, report) = audit_json(&[&long]);
    assert_eq!(
        finding(&report, "JOT005").expect("JOT005")["message"],
        "lifetime is 30d, over the maximum of 24h"
    );
    let hour = hs256(
        &header_with(json!({})),
        &claims_with(json!({"iat": NOW, "exp": NOW + 7200})),
        STRONG.as_bytes(),
    );
    let (_, report) = audit_json(&["--max-lifetime", "90m", &hour]);
    assert_eq!(
        finding(&report, "JOT005").expect("JOT005")["message"],
        "lifetime is 2h, over the maximum of 1h30m"
    );
}

#[test]
fn fail_on_takes_the_names_of_the_audit_severities() {
    let token = sign_with_secret(STRONG, &["--iss", "i", "--aud", "a", "--jti"]);
    for level in ["info", "low", "medium", "high", "critical"] {
        let (code, _) = audit_json(&["--fail-on", level, &token]);
        assert_eq!(code, i32::from(level == "info"), "--fail-on {level}");
    }
    let r = run(&["audit", "--fail-on", "severe", &token]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("info, low, medium, high, critical"),
        "{}",
        r.stderr
    );
}

/// Issue 9: audit reads a token pasted with `Bearer ` or a whole `Authorization:` line,
/// as decode and verify do, and says on stderr what it stripped.
#[test]
fn audit_accepts_a_pasted_bearer_token_and_says_what_it_stripped() {
    let token = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhIn0.";
    for pasted in [
        format!("Bearer {token}"),
        format!("Authorization: bearer {token}"),
    ] {
        let out = crate::common::jot()
            .args(["audit", "--format", "json", "--now", "1700000000", &pasted])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("stripped") && stderr.contains("Bearer"),
            "{stderr}"
        );
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            stdout.contains("JOT001"),
            "alg none must still be found: {stdout}"
        );
    }
}
