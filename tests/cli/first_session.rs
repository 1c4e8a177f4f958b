//! What a new user trips over in the first minutes (issue 22), one regression test each:
//! empty input to the token readers, `#` comments in token lists, and signing a token that is
//! born expired.

use crate::common::{assert_input_error, jot, jot_ok, jot_on_a_terminal, shown_on_a_terminal, tmp};

#[test]
fn decode_of_empty_stdin_is_no_token_given_exit_2() {
    for input in ["", "\n\n  \n"] {
        let out = jot()
            .args(["decode", "-"])
            .write_stdin(input)
            .output()
            .expect("run jot");
        let err = assert_input_error(&out);
        assert!(err.contains("no token given (stdin was empty)"), "{err}");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn decode_of_an_empty_file_names_the_file() {
    let d = tmp();
    let f = d.path().join("tokens.txt");
    std::fs::write(&f, "\n").unwrap();
    let out = jot()
        .arg("decode")
        .arg(format!("@{}", f.display()))
        .output()
        .expect("run jot");
    let err = assert_input_error(&out);
    assert!(err.contains("tokens.txt was empty"), "{err}");
}

#[test]
fn sign_of_an_already_expired_token_warns() {
    let d = tmp();
    let key = d.path().join("k.jwk");
    jot_ok(["keygen", "ES256", "--out", key.to_str().unwrap()]);
    let out = jot()
        .args(["sign", "--key", key.to_str().unwrap(), "--sub", "a"])
        .args(["--now", "1700000000", "--exp", "1699999000"])
        .output()
        .expect("run jot");
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("the token is already expired: exp 1699999000 is 1000s before now"),
        "{err}"
    );
    // A token that expires later is signed without that warning.
    let out = jot()
        .args(["sign", "--key", key.to_str().unwrap(), "--sub", "a"])
        .args(["--now", "1700000000", "--exp", "15m"])
        .output()
        .expect("run jot");
    assert!(out.status.success());
    assert!(!String::from_utf8_lossy(&out.stderr).contains("already expired"));
}

#[test]
fn a_line_starting_with_hash_is_a_comment_in_bulk_input() {
    let d = tmp();
    let key = d.path().join("k.jwk");
    jot_ok(["keygen", "ES256", "--out", key.to_str().unwrap()]);
    let t = jot_ok(["sign", "--key", key.to_str().unwrap(), "--sub", "a"]);
    let out = jot()
        .args(["verify", "-", "--key", key.to_str().unwrap()])
        .write_stdin(format!("# captured 2026-12-06\n{t}  # indented\n{t}"))
        .output()
        .expect("run jot");
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "line 2: valid\nline 4: valid\n"
    );
    let out = jot()
        .args(["decode", "-"])
        .write_stdin(format!("# one token\n{t}"))
        .output()
        .expect("run jot");
    assert_eq!(out.status.code(), Some(0), "{out:?}");
}

#[test]
fn a_token_argument_that_names_a_file_suggests_reading_the_file() {
    let d = tmp();
    let key = d.path().join("k.jwk");
    jot_ok(["keygen", "ES256", "--out", key.to_str().unwrap()]);
    let t = jot_ok(["sign", "--key", key.to_str().unwrap(), "--sub", "a"]);
    let f = d.path().join("token.txt");
    std::fs::write(&f, &t).unwrap();
    let path = f.to_str().unwrap();
    for args in [
        vec!["decode", path],
        vec!["verify", path, "--key", key.to_str().unwrap()],
    ] {
        let out = jot().args(&args).output().expect("run jot");
        let err = assert_input_error(&out);
        assert!(err.contains("is a file, not a token"), "{err}");
        assert!(
            err.contains(&format!(
                "hint: read the token(s) in it with @{path}, or with - < {path}"
            )),
            "{err}"
        );
    }
    jot_ok(["decode", &format!("@{path}")]);
}

#[test]
fn a_missing_key_file_names_the_flag_that_named_it() {
    let d = tmp();
    let missing = d.path().join("nonexistent.pem");
    let m = missing.to_str().unwrap();
    for (flag, cmd) in [
        ("--key", vec!["verify", "a.b.c", "--key", m]),
        ("--jwks", vec!["verify", "a.b.c", "--jwks", m]),
        ("--secret-file", vec!["verify", "a.b.c", "--secret-file", m]),
        ("--key", vec!["sign", "--key", m, "--sub", "a"]),
    ] {
        let out = jot().args(&cmd).output().expect("run jot");
        let err = assert_input_error(&out);
        assert!(
            err.starts_with(&format!("error: {flag}: {m}: ")),
            "{cmd:?}: {err}"
        );
    }
}

#[test]
fn verify_without_iss_says_on_a_terminal_that_the_issuer_was_not_checked() {
    let d = tmp();
    let key = d.path().join("k.jwk");
    let k = key.to_str().unwrap();
    jot_ok(["keygen", "ES256", "--out", k]);
    let t = jot_ok([
        "sign",
        "--key",
        k,
        "--iss",
        "https://id.example",
        "--sub",
        "a",
    ]);
    let t = t.trim();
    let Some(shown) = jot_on_a_terminal(&["verify", t, "--key", k]) else {
        return;
    };
    assert!(shown.contains("the issuer was not checked"), "{shown}");
    let shown =
        jot_on_a_terminal(&["verify", t, "--key", k, "--iss", "https://id.example"]).unwrap();
    assert!(!shown.contains("issuer was not checked"), "{shown}");
    // Piped, the output is only the verdict a script asked for.
    let out = jot()
        .args(["verify", t, "--key", k])
        .output()
        .expect("run jot");
    assert!(!String::from_utf8_lossy(&out.stderr).contains("issuer was not checked"));
}

#[test]
fn bulk_verify_ends_with_a_summary_on_a_terminal_only() {
    let d = tmp();
    let key = d.path().join("k.jwk");
    let k = key.to_str().unwrap();
    jot_ok(["keygen", "ES256", "--out", k]);
    let good = jot_ok(["sign", "--key", k, "--sub", "a"]);
    let old = jot_ok(["sign", "--key", k, "--sub", "a", "--now", "1000000000"]);
    let list = d.path().join("tokens.txt");
    std::fs::write(&list, format!("{good}{old}{old}not-a-token\n")).unwrap();
    let shell = format!(
        "'{}' verify - --key '{k}' < '{}'",
        crate::common::jot_path().display(),
        list.display()
    );
    let Some(shown) = shown_on_a_terminal(&shell) else {
        return;
    };
    assert!(
        shown.contains("summary: 4 tokens: 1 valid, 3 invalid"),
        "{shown}"
    );
    assert!(
        shown.contains("2 × "),
        "the two expired tokens share a reason: {shown}"
    );
    let out = jot()
        .args(["verify", "-", "--key", k])
        .write_stdin(std::fs::read(&list).unwrap())
        .output()
        .expect("run jot");
    assert!(!String::from_utf8_lossy(&out.stderr).contains("summary:"));
}

/// `{"alg":"HS256","typ":"JWT"}` . `{"sub":"alice","sub":"admin","exp":9999999999}` . junk.
const DUPLICATE_SUB: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.\
    eyJzdWIiOiJhbGljZSIsInN1YiI6ImFkbWluIiwiZXhwIjo5OTk5OTk5OTk5fQ.c2ln";

#[test]
fn decode_shows_a_token_with_duplicate_claims_and_warns() {
    let out = jot()
        .args(["decode", DUPLICATE_SUB])
        .output()
        .expect("run jot");
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(shown.contains("\"sub\": \"admin\""), "{shown}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("duplicate member \"sub\""), "{err}");
    assert!(err.contains("shown with the last"), "{err}");
}

#[test]
fn audit_rates_duplicate_claims_high_not_as_not_a_jwt() {
    let out = jot()
        .args(["audit", DUPLICATE_SUB, "--format", "json"])
        .output()
        .expect("run jot");
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rules: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["JOT033"]);
    assert_eq!(report["findings"][0]["severity"], "high");
}

#[test]
fn convert_to_der_is_refused_on_a_terminal_with_a_hint() {
    let d = tmp();
    let key = d.path().join("k.pem");
    let k = key.to_str().unwrap();
    jot_ok(["keygen", "ES256", "--out", k]);
    let Some(shown) = jot_on_a_terminal(&["convert", k, "--to", "der"]) else {
        return;
    };
    assert!(
        shown.contains("DER is binary and stdout is a terminal"),
        "{shown}"
    );
    assert!(shown.contains("--out FILE"), "{shown}");
}
