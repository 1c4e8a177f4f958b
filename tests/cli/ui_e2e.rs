//! `jot ui` as a process: loopback only unless --allow-remote, the URL on stdout, the
//! hidden stop limits, `--open` failing softly, nothing written to disk or logged (a whole
//! session: ui_logs.rs); and the
//! browser tests in tests/e2e (Playwright + Debian's chromium), run from here so that
//! `cargo test` covers them. They are skipped only when node, chromium or node_modules are
//! missing and neither CI nor JOT_E2E=1 is set; under CI a missing piece is a failure.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use super::common::{assert_input_error, jot, jot_path, tmp};
use super::ui::send;

/// A `jot ui` child, killed on drop (it also stops by itself after --timeout).
pub(super) struct Running {
    pub(super) child: Child,
    pub(super) url: String,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub(super) fn start(args: &[&str], env: &[(&str, &Path)], cwd: &Path) -> Running {
    let mut c = Command::new(jot_path());
    c.arg("ui")
        .args(["--addr", "127.0.0.1:0", "--timeout", "60s"])
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        c.env(k, v);
    }
    let mut child = c.spawn().expect("spawn jot ui");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("read the URL");
    Running {
        child,
        url: line.trim().to_owned(),
    }
}

pub(super) fn addr_and_token(url: &str) -> (std::net::SocketAddr, String) {
    let rest = url.strip_prefix("http://").expect("http URL");
    let (addr, token) = rest.split_once("/?token=").expect("token");
    (addr.parse().expect("addr"), token.to_owned())
}

#[test]
fn a_non_loopback_addr_is_refused_without_allow_remote() {
    let out = jot()
        .args(["ui", "--addr", "0.0.0.0:0"])
        .output()
        .expect("run");
    let err = assert_input_error(&out);
    insta::assert_snapshot!("ui_refuses_non_loopback", err);
    let out = jot()
        .args([
            "ui",
            "--addr",
            "0.0.0.0:0",
            "--allow-remote",
            "--max-requests",
            "0",
        ])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("warning:") && err.contains("not loopback"),
        "{err}"
    );
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("http://127.0.0.1:"));
    assert_input_error(
        &jot()
            .args(["ui", "--addr", "nowhere"])
            .output()
            .expect("run"),
    );
}

#[test]
fn the_url_is_printed_and_max_requests_stops_the_server() {
    let dir = tmp();
    let mut r = start(&["--max-requests", "2"], &[], dir.path());
    let (addr, token) = addr_and_token(&r.url);
    assert!(addr.ip().is_loopback());
    assert_eq!(token.len(), 64);
    assert_eq!(
        send(addr, &format!("GET /?token={token}"), &[], b"").status,
        200
    );
    assert_eq!(send(addr, "GET /", &[], b"").status, 403);
    let status = wait(&mut r.child, Duration::from_secs(30)).expect("stopped by itself");
    assert!(status.success());
}

pub(super) fn wait(child: &mut Child, limit: Duration) -> Option<std::process::ExitStatus> {
    let start = std::time::Instant::now();
    while start.elapsed() < limit {
        if let Ok(Some(s)) = child.try_wait() {
            return Some(s);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    None
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_the_server_cleanly() {
    let dir = tmp();
    let mut r = start(&[], &[], dir.path());
    let pid = r.child.id().to_string();
    let sent = Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .expect("kill");
    assert!(sent.success());
    let status = wait(&mut r.child, Duration::from_secs(30)).expect("stopped on SIGINT");
    assert!(status.success(), "{status:?}");
}

#[test]
fn open_without_a_browser_is_a_warning_and_it_still_serves() {
    let dir = tmp();
    // A PATH with no xdg-open or open in it.
    let mut r = start(
        &["--open", "--max-requests", "1"],
        &[("PATH", dir.path())],
        dir.path(),
    );
    let (addr, token) = addr_and_token(&r.url);
    assert_eq!(
        send(addr, &format!("GET /?token={token}"), &[], b"").status,
        200
    );
    wait(&mut r.child, Duration::from_secs(30)).expect("stopped");
    let mut err = String::new();
    r.child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert!(err.contains("warning: cannot open a browser"), "{err}");
}

#[test]
fn nothing_is_written_to_disk_or_logged() {
    let home = tmp();
    let secret = "a-secret-that-must-not-be-logged-0123456789";
    let mut r = start(
        &["--max-requests", "4"],
        &[
            ("HOME", home.path()),
            ("XDG_CACHE_HOME", home.path()),
            ("JOT_CACHE_DIR", &home.path().join("cache")),
            ("TMPDIR", home.path()),
        ],
        home.path(),
    );
    let (addr, token) = addr_and_token(&r.url);
    let post = |name: &str, body: serde_json::Value| {
        send(
            addr,
            &format!("POST /api/{name}"),
            &[
                ("Content-Type", "application/json"),
                ("X-Jot-Token", &token),
            ],
            body.to_string().as_bytes(),
        )
    };
    let s = post(
        "sign",
        serde_json::json!({"secret": secret, "claims": {"sub": "x"}}),
    )
    .json();
    let t = s["token"].as_str().expect("token").to_owned();
    assert_eq!(
        post("verify", serde_json::json!({"token": t, "secret": secret})).json()["verdict"],
        "valid"
    );
    // A JWKS URL nobody listens on: fetched (and failing) without touching the cache dir.
    let v = post(
        "verify",
        serde_json::json!({"token": t, "jwks_url": "http://127.0.0.1:9/jwks.json"}),
    );
    assert_eq!(v.status, 400);
    post("audit", serde_json::json!({"token": t}));
    wait(&mut r.child, Duration::from_secs(30)).expect("stopped");
    let mut out = String::new();
    r.child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut out)
        .unwrap();
    r.child
        .stdout
        .take()
        .map(|mut s| s.read_to_string(&mut out));
    assert!(!out.contains(secret) && !out.contains(&t), "logged: {out}");
    let left: Vec<_> = std::fs::read_dir(home.path()).unwrap().collect();
    assert!(left.is_empty(), "written: {left:?}");
}

/// What the browser tests need, or why they cannot run.
fn e2e_missing(dir: &Path) -> Vec<String> {
    let mut missing = Vec::new();
    let node = Command::new("node").arg("--version").output();
    if !node.is_ok_and(|o| o.status.success()) {
        missing.push("node".into());
    }
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !Path::new(&chromium).exists() {
        missing.push(chromium);
    }
    if !dir.join("node_modules/playwright-core").is_dir() {
        missing.push("tests/e2e/node_modules (run `npm ci` in tests/e2e)".into());
    }
    missing
}

#[test]
fn browser_end_to_end_tests_pass() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/e2e");
    let required = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
        || std::env::var("JOT_E2E").is_ok_and(|v| v == "1");
    let missing = e2e_missing(&dir);
    if !missing.is_empty() {
        assert!(
            !required,
            "the browser tests are required here but {missing:?} are missing"
        );
        eprintln!(
            "skipping the browser tests: missing {missing:?} (set JOT_E2E=1 to require them)"
        );
        return;
    }
    let out_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("e2e-output");
    let out = assert_cmd::Command::new("node")
        .args([
            "--test",
            "--test-concurrency=1",
            "--test-reporter=spec",
            "ui.test.mjs",
            "debugger.test.mjs",
        ])
        .current_dir(&dir)
        .env("JOT_BIN", jot_path())
        .env("JOT_E2E_OUT", &out_dir)
        .timeout(Duration::from_secs(300))
        .output()
        .expect("run node --test");
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "browser tests failed:\n{report}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for file_ran in [
        "no request to any other origin",
        "the debugger made no request to any other origin",
    ] {
        assert!(report.contains(file_ran), "{report}");
    }
    eprintln!("browser tests passed; screenshots in {}", out_dir.display());
}
