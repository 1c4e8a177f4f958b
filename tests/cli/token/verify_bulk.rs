//! Bulk `jot verify -`: the result lines scripts parse, pinned as snapshots in both text
//! and `--json` form, over a fixed set of valid and invalid tokens (fixed secret, fixed
//! clock), so a faster verifier cannot change what any line says. Every line must also
//! agree with verifying the same token on its own.

use serde_json::Value;

use crate::common::write;
use crate::token_common::{forge, forge_hs256, run_in, T0};

const SECRET: &[u8] = b"a fixed secret for snapshot tests, 32+";
const OTHER: &[u8] = b"not the secret that verifies these tokens";
const H: &str = r#"{"alg":"HS256","typ":"JWT","kid":"k1"}"#;

/// Claims valid at T0 + 10 for `--aud api --iss https://issuer.example`, with `extra`
/// members spliced in at the front.
fn claims(extra: &str) -> String {
    format!(
        r#"{{{extra}"iss":"https://issuer.example","sub":"user-1","aud":"api","iat":{T0},"exp":{},"scope":"read write"}}"#,
        T0 + 3600
    )
}

/// One token per line: the valid shapes first, then one per reason to refuse.
fn tokens() -> Vec<String> {
    let ok = |h: &str, c: &str| forge_hs256(h, c, SECRET);
    let exp = T0 + 3600;
    vec![
        ok(H, &claims("")),
        ok(
            r#"{"alg":"HS256"}"#,
            &claims(r#""nested":{"a":[1,2,{"b":null}],"c":1.5},"#),
        ),
        ok(
            H,
            &format!(
                r#"{{"iss":"https://issuer.example","aud":["x","api"],"nbf":{T0},"exp":{exp}}}"#
            ),
        ),
        ok(H, &claims(r#""s\u0063ope2":"esc\u00e9","#)),
        // Refused:
        ok(
            H,
            &format!(
                r#"{{"iss":"https://issuer.example","aud":"api","exp":{}}}"#,
                T0 - 60
            ),
        ),
        ok(H, &claims(&format!(r#""nbf":{},"#, T0 + 9000))),
        ok(
            H,
            &format!(
                r#"{{"iss":"https://issuer.example","aud":"api","iat":{},"exp":{exp}}}"#,
                T0 + 9000
            ),
        ),
        ok(
            H,
            &format!(r#"{{"iss":"https://issuer.example","aud":"web","exp":{exp}}}"#),
        ),
        ok(
            H,
            &format!(r#"{{"iss":"https://evil.example","aud":"api","exp":{exp}}}"#),
        ),
        ok(H, r#"{"iss":"https://issuer.example","aud":"api"}"#),
        ok(
            H,
            &format!(r#"{{"iss":"https://issuer.example","aud":"api","exp":"{exp}"}}"#),
        ),
        ok(
            H,
            &format!(r#"{{"iss":"https://issuer.example","aud":"api","exp":{exp}.5}}"#),
        ),
        ok(H, &claims(r#""exp":1,"#)),
        ok(
            H,
            &format!(
                r#"{{"a":{{"b":1,"b":2}},"iss":"https://issuer.example","aud":"api","exp":{exp}}}"#
            ),
        ),
        ok(
            H,
            &claims(r#""name":"abc\u202egnp.exe\u001b[2J","iss":"x","#),
        ),
        forge_hs256(H, &claims(""), OTHER),
        forge(r#"{"alg":"none"}"#, &claims(""), b""),
        ok(
            r#"{"alg":"HS256","jku":"https://evil.example/jwks"}"#,
            &claims(""),
        ),
        ok(r#"{"alg":"HS256","crit":["exp"],"exp":1}"#, &claims("")),
        ok(r#"{"alg":"RS256"}"#, &claims("")),
        ok(r#"{"alg":"HS256","kid":7}"#, &claims("")),
        ok(r#"{"alg":"HS256","alg":"none"}"#, &claims("")),
        ok(H, "[1,2]"),
        ok(H, &"[".repeat(200)),
        format!("{}x", ok(H, &claims(""))),
        "not.a.token".into(),
        "eyJhbGciOiJIUzI1NiJ9".into(),
        "a.b.c.d.e".into(),
    ]
}

fn bulk(extra: &[&str]) -> (i32, String, String) {
    let dir = crate::common::tmp();
    let secret = write(dir.path(), "secret", SECRET);
    let now = (T0 + 10).to_string();
    let mut args = vec!["--color", "never", "verify", "-", "--secret-file"];
    let secret = secret.to_string_lossy().into_owned();
    args.extend([secret.as_str(), "--now", &now, "--aud", "api"]);
    args.extend(["--iss", "https://issuer.example"]);
    args.extend_from_slice(extra);
    // Blank lines are skipped but still counted, so line numbers name the input line.
    let input = tokens().join("\n\n") + "\n";
    let r = run_in(&args, input.as_bytes()).code(1);
    (r.code, r.stdout, r.stderr)
}

#[test]
fn bulk_verify_text_lines_are_pinned() {
    let (_, stdout, stderr) = bulk(&[]);
    assert_eq!(stdout.lines().count(), tokens().len());
    assert_eq!(stdout.matches(": valid\n").count(), 6, "{stdout}");
    insta::assert_snapshot!("verify_bulk_text", stdout);
    insta::assert_snapshot!("verify_bulk_text_stderr", stderr);
}

#[test]
fn bulk_verify_json_lines_are_pinned() {
    let (_, stdout, stderr) = bulk(&["--json"]);
    let lines: Vec<Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    assert_eq!(lines.len(), tokens().len());
    assert_eq!(lines.iter().filter(|v| v["valid"] == true).count(), 6);
    insta::assert_snapshot!("verify_bulk_json", stdout);
    insta::assert_snapshot!("verify_bulk_json_stderr", stderr);
}

#[test]
fn bulk_verify_agrees_with_verifying_each_token_alone() {
    let (_, stdout, _) = bulk(&["--json"]);
    let dir = crate::common::tmp();
    let secret = write(dir.path(), "secret", SECRET);
    let now = (T0 + 10).to_string();
    for (line, token) in stdout.lines().zip(tokens()) {
        let mut bulk: Value = serde_json::from_str(line).expect("JSON line");
        bulk.as_object_mut().expect("object").remove("line");
        let args = [
            "verify",
            token.as_str(),
            "--secret-file",
            &secret.to_string_lossy(),
            "--now",
            &now,
            "--aud",
            "api",
            "--iss",
            "https://issuer.example",
            "--json",
        ];
        let one = run_in(&args, b"").sane();
        assert!(one.code == 0 || one.code == 1, "{one:#?}");
        let one: Value = serde_json::from_str(one.stdout.trim()).expect("JSON");
        assert_eq!(bulk, one, "{token}");
    }
}

/// Issue 12 regression guard for the block reader and the worker pool: thousands of lines
/// (many batches, several jobs in flight on every core) give the same lines, in input
/// order, whether stdin is a pipe (read on a thread) or a regular file (read on the
/// verifying thread), with pasted `Bearer` lines, blank lines and invalid tokens mixed in.
#[test]
fn bulk_verify_gives_the_same_lines_from_a_file_and_from_a_pipe() {
    let dir = crate::common::tmp();
    let secret = write(dir.path(), "secret", SECRET);
    let now = (T0 + 10).to_string();
    let mut input = String::new();
    for round in 0..400 {
        for (i, t) in tokens().iter().enumerate() {
            match (round + i) % 7 {
                0 => input.push_str(&format!("Bearer {t}\n")),
                1 => input.push_str(&format!("  {t}  \n\n")),
                _ => input.push_str(&format!("{t}\n")),
            }
        }
    }
    let file = write(dir.path(), "tokens.txt", input.as_bytes());
    let secret = secret.to_string_lossy().into_owned();
    let args = [
        "verify",
        "-",
        "--secret-file",
        &secret,
        "--now",
        &now,
        "--aud",
        "api",
        "--iss",
        "https://issuer.example",
    ];
    let piped = crate::common::jot()
        .args(args)
        .write_stdin(input.clone())
        .output()
        .expect("run jot");
    // std's Command, for a real file as stdin (assert_cmd pipes it); bounded by a guard.
    let child = std::process::Command::new(crate::common::jot_path())
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        .stdin(std::fs::File::open(&file).expect("open"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run jot");
    let pid = child.id();
    let guard = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_secs(120));
        // A hang guard, not a timing assertion.
        let _ = std::process::Command::new("kill")
            .arg(pid.to_string())
            .status();
    });
    let from_file = child.wait_with_output().expect("wait for jot");
    drop(guard);
    for out in [&piped, &from_file] {
        assert_eq!(out.status.code(), Some(1), "{out:?}");
    }
    let text = String::from_utf8(piped.stdout).expect("UTF-8");
    assert_eq!(text, String::from_utf8(from_file.stdout).expect("UTF-8"));
    assert_eq!(piped.stderr, from_file.stderr);
    let numbers: Vec<usize> = text
        .lines()
        .map(|l| {
            l["line ".len()..l.find(':').expect("colon")]
                .parse()
                .expect("number")
        })
        .collect();
    assert_eq!(numbers.len(), 400 * tokens().len());
    assert!(
        numbers.windows(2).all(|w| w[0] < w[1]),
        "lines out of order"
    );
    assert_eq!(text.matches(": valid\n").count(), 400 * 6);
}

/// One token in text: the verdict line first (`valid`, as bulk lines and the ui say it),
/// then the verified claims; an invalid token gets only its `invalid: …` line. --json is
/// unchanged (one verdict object). Issue 22.
#[test]
fn one_token_verify_prints_the_verdict_line_then_the_claims() {
    let dir = crate::common::tmp();
    let secret = write(dir.path(), "secret", SECRET);
    let secret = secret.to_string_lossy().into_owned();
    let now = (T0 + 10).to_string();
    let one = |token: &str, extra: &[&str]| {
        let mut args = vec!["--color", "never", "verify", token, "--secret-file"];
        args.extend([secret.as_str(), "--now", &now, "--aud", "api"]);
        args.extend(["--iss", "https://issuer.example"]);
        args.extend_from_slice(extra);
        run_in(&args, b"")
    };
    let good = forge_hs256(H, &claims(""), SECRET);
    let r = one(&good, &[]).code(0);
    assert!(r.stdout.starts_with("valid\n{"), "{}", r.stdout);
    insta::assert_snapshot!("verify_one_valid_text", r.stdout);
    let bad = forge_hs256(H, &claims(""), OTHER);
    let r = one(&bad, &[]).code(1);
    assert_eq!(r.stdout, "invalid: signature does not verify\n");
    let r = one(&good, &["--json"]).code(0);
    let v: Value = serde_json::from_str(r.stdout.trim()).expect("one JSON verdict");
    assert_eq!(
        (v["valid"].as_bool(), v["claims"]["sub"].as_str()),
        (Some(true), Some("user-1"))
    );
}
