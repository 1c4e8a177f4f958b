//! `jot ui` never logs a token, key or claim: a whole session, every endpoint and its
//! errors, leaves only the URL on stdout and one note on stderr.

use std::io::Read;
use std::time::Duration;

use super::common::{jot, tmp};
use super::ui::send;
use super::ui_e2e::{addr_and_token, start, wait};

/// `jot ui` prints its URL and one note, and nothing of what the page sends: every
/// endpoint, errors included (a key that does not parse, a token that does not decode, a
/// wrong capability token, an unknown path), with a token, private keys and a claim that
/// each carry a marker, and nothing of them may reach stdout or stderr.
#[test]
fn a_session_logs_no_token_key_or_claim() {
    let dir = tmp();
    let run = |args: &[&str]| {
        let out = jot()
            .current_dir(dir.path())
            .args(args)
            .output()
            .expect("run");
        assert!(out.status.success(), "{args:?}: {out:?}");
        String::from_utf8(out.stdout).unwrap().trim().to_owned()
    };
    run(&[
        "keygen",
        "ES256",
        "--out",
        "k.pem",
        "--public-out",
        "k.pub.pem",
    ]);
    run(&[
        "keygen",
        "ECDH-ES",
        "--format",
        "jwk",
        "--out",
        "e.jwk",
        "--public-out",
        "e.pub.jwk",
    ]);
    let claim = "claim-marker-5b1d";
    let token = run(&[
        "sign",
        "--key",
        "k.pem",
        "--claim",
        &format!("name={claim}"),
    ]);
    let jwe = run(&["encrypt", "--key", "e.pub.jwk", "--cty", "JWT", &token]);
    let read = |f: &str| std::fs::read_to_string(dir.path().join(f)).unwrap();
    let (private, public, enc) = (read("k.pem"), read("k.pub.pem"), read("e.jwk"));
    let bad_key = "-----BEGIN PUBLIC KEY-----\nkey-marker-93ac\n-----END PUBLIC KEY-----";
    let wrong_cap = "cap-marker-0e77";
    let bodies = [
        ("decode", serde_json::json!({"token": token})),
        (
            "decode",
            serde_json::json!({"token": "token-marker-41d2.x"}),
        ),
        ("verify", serde_json::json!({"token": token, "key": public})),
        (
            "verify",
            serde_json::json!({"token": token, "key": bad_key}),
        ),
        ("audit", serde_json::json!({"token": token, "key": public})),
        ("decrypt", serde_json::json!({"token": jwe, "key": enc})),
        ("decrypt", serde_json::json!({"token": jwe, "key": bad_key})),
        (
            "sign",
            serde_json::json!({"claims": {"name": claim}, "key": private}),
        ),
        ("example", serde_json::json!({})),
    ];
    let mut r = start(
        &["--max-requests", &(bodies.len() + 2).to_string()],
        &[],
        dir.path(),
    );
    let (addr, cap) = addr_and_token(&r.url);
    for (name, body) in &bodies {
        let a = send(
            addr,
            &format!("POST /api/{name}"),
            &[("Content-Type", "application/json"), ("X-Jot-Token", &cap)],
            body.to_string().as_bytes(),
        );
        assert!(a.status == 200 || a.status == 400, "{name}: {}", a.status);
    }
    assert_eq!(
        send(addr, &format!("GET /?token={wrong_cap}"), &[], b"").status,
        403
    );
    let nowhere = format!("GET /path-marker-77aa?token={cap}&t={token}");
    assert_eq!(send(addr, &nowhere, &[], b"").status, 404);
    wait(&mut r.child, Duration::from_secs(30)).expect("stopped by itself");
    let (mut out, mut err) = (String::new(), String::new());
    r.child
        .stdout
        .take()
        .map(|mut s| s.read_to_string(&mut out));
    r.child
        .stderr
        .take()
        .map(|mut s| s.read_to_string(&mut err));
    // The URL was the first stdout line (read by start); nothing followed it.
    assert_eq!(out, "", "stdout after the URL");
    assert_eq!(err.lines().count(), 1, "one note on stderr: {err}");
    assert!(err.contains("serving the page above"), "{err}");
    let secrets = [
        token.as_str(),
        jwe.as_str(),
        claim,
        "key-marker-93ac",
        "token-marker-41d2",
        wrong_cap,
        "path-marker-77aa",
    ];
    let key_lines = [&private, &public, &enc].into_iter().flat_map(|k| {
        k.lines()
            .filter(|l| l.len() > 20 && !l.starts_with("-----"))
            .map(str::to_owned)
            .collect::<Vec<_>>()
    });
    for s in secrets.iter().map(|s| s.to_string()).chain(key_lines) {
        assert!(!err.contains(&s) && !out.contains(&s), "logged: {s}");
    }
}
