//! Helpers shared by the `audit` and `crack` CLI tests: running the real binary, minting
//! tokens by hand (so that headers `jot sign` refuses — `alg: none`, `jku`, `jwk`, `crit` —
//! can be audited), and reading `--format json` reports as data.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Output;

use base64ct::{Base64UrlUnpadded, Encoding};
use hmac::{Hmac, KeyInit, Mac};
use serde_json::{json, Value};
use sha2::Sha256;

/// The fixed clock every test passes as `--now` (2023-11-14T22:13:20Z).
pub const NOW: i64 = 1_700_000_000;

/// An HMAC secret on no list: 32 random-looking bytes that no wordlist in these tests has.
pub const STRONG: &str = "q7Vt2mXw9LpZ4rKc8NbE6hYs3JdF5gAu";

/// The `jot` binary, with colour off whatever the environment says.
pub use crate::common::jot;

/// What a run printed and how it exited.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(o: Output) -> Self {
        Run {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

/// Run `jot ARGS` in `dir` (when given) with `stdin` (empty when `None`).
pub fn run_in(dir: Option<&Path>, args: &[&str], stdin: Option<&[u8]>) -> Run {
    let mut cmd = jot();
    cmd.args(args)
        .write_stdin(stdin.unwrap_or_default().to_vec());
    if let Some(d) = dir {
        cmd.current_dir(d);
    }
    cmd.output().expect("jot runs").into()
}

/// Run `jot ARGS` with empty stdin.
pub fn run(args: &[&str]) -> Run {
    run_in(None, args, None)
}

/// base64url without padding, as JOSE writes it.
pub fn b64(bytes: &[u8]) -> String {
    Base64UrlUnpadded::encode_string(bytes)
}

/// A compact HS256 JWS over `header` and `claims`, signed here (not by jot) with `secret`.
pub fn hs256(header: &Value, claims: &Value, secret: &[u8]) -> String {
    let input = format!(
        "{}.{}",
        b64(header.to_string().as_bytes()),
        b64(claims.to_string().as_bytes())
    );
    let mac = Hmac::<Sha256>::new_from_slice(secret)
        .expect("HMAC takes any key length")
        .chain_update(input.as_bytes())
        .finalize()
        .into_bytes();
    format!("{input}.{}", b64(&mac))
}

/// An unsigned token: `header.payload.` (what `alg: none` looks like on the wire).
pub fn unsigned(header: &Value, claims: &Value) -> String {
    format!(
        "{}.{}.",
        b64(header.to_string().as_bytes()),
        b64(claims.to_string().as_bytes())
    )
}

/// Claims that no claim rule objects to: iss, aud, iat, a 10-minute exp, jti.
pub fn good_claims() -> Value {
    json!({
        "iss": "https://issuer.example",
        "aud": "api",
        "sub": "alice",
        "iat": NOW - 60,
        "exp": NOW + 600,
        "jti": "4f1c2b9e-7d7a-4a57-9b1e-2b8f0f3d6c11",
    })
}

/// `good_claims()` with `changes` applied: a `null` value removes the member.
pub fn claims_with(changes: Value) -> Value {
    let mut c = good_claims();
    if let (Some(map), Some(ch)) = (c.as_object_mut(), changes.as_object()) {
        for (k, v) in ch {
            if v.is_null() {
                map.remove(k);
            } else {
                map.insert(k.clone(), v.clone());
            }
        }
    }
    c
}

/// The usual HS256 header with `extra` members added.
pub fn header_with(extra: Value) -> Value {
    let mut h = json!({"alg": "HS256", "typ": "JWT"});
    if let (Some(map), Some(ex)) = (h.as_object_mut(), extra.as_object()) {
        for (k, v) in ex {
            map.insert(k.clone(), v.clone());
        }
    }
    h
}

/// `jot sign --secret SECRET --now NOW EXTRA...`: the token it prints.
pub fn sign_with_secret(secret: &str, extra: &[&str]) -> String {
    let now = NOW.to_string();
    let mut args = vec![
        "sign",
        "--secret",
        secret,
        "--insecure-short-key",
        "--now",
        &now,
    ];
    args.extend_from_slice(extra);
    let r = run(&args);
    assert_eq!(r.code, 0, "jot sign failed: {}", r.stderr);
    r.stdout.trim().to_owned()
}

/// `jot audit --format json --now NOW ARGS...` in `dir`: the exit code and the report.
pub fn audit_json_in(dir: Option<&Path>, args: &[&str], stdin: Option<&[u8]>) -> (i32, Value) {
    let now = NOW.to_string();
    let mut all = vec!["audit", "--format", "json", "--now", &now];
    all.extend_from_slice(args);
    let r = run_in(dir, &all, stdin);
    let report: Value = serde_json::from_str(&r.stdout).unwrap_or_else(|e| {
        panic!(
            "audit {args:?} (exit {}) printed no JSON report ({e}):\n{}\nstderr: {}",
            r.code, r.stdout, r.stderr
        )
    });
    (r.code, report)
}

/// `jot audit --format json --now NOW ARGS...`: the exit code and the report.
pub fn audit_json(args: &[&str]) -> (i32, Value) {
    audit_json_in(None, args, None)
}

/// The findings of a report.
pub fn findings(report: &Value) -> &[Value] {
    report["findings"]
        .as_array()
        .map(Vec::as_slice)
        .expect("the report has a findings array")
}

/// The rule ids of every finding, optionally only those on one line of the input.
pub fn rule_ids(report: &Value, line: Option<u64>) -> BTreeSet<String> {
    findings(report)
        .iter()
        .filter(|f| line.is_none() || f["line"].as_u64() == line)
        .filter_map(|f| f["rule"].as_str().map(str::to_owned))
        .collect()
}

/// The first finding of rule `id`, if any.
pub fn finding<'a>(report: &'a Value, id: &str) -> Option<&'a Value> {
    findings(report).iter().find(|f| f["rule"] == id)
}

/// Assert that `ids` has every id in `present` and none in `absent`.
pub fn assert_rules(case: &str, ids: &BTreeSet<String>, present: &[&str], absent: &[&str]) {
    for p in present {
        assert!(ids.contains(*p), "{case}: expected {p}, got {ids:?}");
    }
    for a in absent {
        assert!(!ids.contains(*a), "{case}: did not expect {a}, got {ids:?}");
    }
}

/// Write `text` to `dir/name` and return the path as a string.
pub fn write(dir: &Path, name: &str, text: impl AsRef<[u8]>) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).expect("write test file");
    p.to_string_lossy().into_owned()
}
