//! The probe's bounds, counted at the server: --max-requests and --rate hold, a slow
//! server hits --timeout, a redirect is not followed, a huge body is not read past the
//! bound, and Ctrl-C prints the report so far.

use std::time::Duration;

use super::lab::{lab, Vuln};
use crate::common::jot;

#[test]
fn max_requests_caps_the_traffic_baselines_included() {
    let server = Vuln::start("correct", &[]);
    let (code, report, stderr) = super::probe(&server.url(), &lab().rs, &["--max-requests", "7"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(server.decisions().len(), 7);
    assert_eq!(report["requests"], 7);
    assert_eq!(report["recheck"]["verdict"], "accepted", "{report}");
    assert!(report["not_sent"].as_u64().unwrap() > 0);
}

#[test]
fn rate_spaces_the_requests_at_the_server() {
    let server = Vuln::start("correct", &[]);
    let out = jot()
        .args([
            "probe",
            &server.url(),
            "--token",
            &lab().rs,
            "--rate",
            "8/s",
            "--max-requests",
            "9",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let times: Vec<f64> = server
        .decisions()
        .iter()
        .map(|e| e["t"].as_f64().unwrap())
        .collect();
    assert_eq!(times.len(), 9);
    // A lower bound only: 8 gaps of at least 1/8 s (a slow machine only widens them).
    let span = times[8] - times[0];
    assert!(span >= 0.9, "9 requests at 8/s arrived within {span:.3} s");
}

#[test]
fn server_that_blocks_mid_probe_is_nothing_to_conclude() {
    let server = Vuln::start("correct", &["--block-after", "5"]);
    let out = jot()
        .args([
            "probe",
            &server.url(),
            "--token",
            &lab().rs,
            "--rate",
            "500",
        ])
        .output()
        .unwrap();
    let stderr = crate::common::assert_input_error(&out);
    assert!(stderr.contains("no longer accepted"), "{stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("warning       the original token is no longer accepted"),
        "{stdout}"
    );
}

#[test]
fn slow_server_hits_the_timeout() {
    let server = Vuln::start("slow", &["--slow", "20"]);
    let out = jot()
        .args([
            "probe",
            &server.url(),
            "--token",
            &lab().rs,
            "--timeout",
            "1s",
        ])
        .output()
        .unwrap();
    let stderr = crate::common::assert_input_error(&out);
    assert!(stderr.contains("timed out after 1s"), "{stderr}");
}

#[test]
fn redirect_is_not_followed() {
    let server = Vuln::start("redirect", &[]);
    let (code, report, stderr) = super::probe(
        &server.url(),
        &lab().rs,
        &["--attack", "none", "--attack", "strip"],
    );
    assert_eq!(code, 0, "{stderr}");
    let log = server.decisions();
    assert!(
        log.iter().all(|e| e.get("landed").is_none()),
        "a redirect was followed: {log:?}"
    );
    let none = &report["attacks"][0]["variants"][0];
    assert_eq!(none["response"]["status"], 302);
    assert!(none["response"]["location"]
        .as_str()
        .unwrap()
        .ends_with("/landed"));
}

#[test]
fn huge_body_is_not_read_past_the_bound() {
    let server = Vuln::start("huge", &["--huge-bytes", &(256u64 << 20).to_string()]);
    let (code, _, stderr) = super::probe(&server.url(), &lab().rs, &["--attack", "strip"]);
    assert_eq!(code, 0, "{stderr}");
    let sent = server.decisions()[0]["bytes_sent"]
        .as_u64()
        .expect("the server logged what it sent");
    // jot reads 1 MiB; the rest only fills socket buffers before the server's writes fail.
    assert!(
        sent < 64 << 20,
        "the server wrote {sent} bytes of a 256 MiB body"
    );
}

#[test]
fn tls_is_verified_unless_insecure_and_insecure_warns() {
    if !crate::common::have_openssl() {
        return;
    }
    let dir = crate::common::tmp();
    crate::common::openssl(
        dir.path(),
        "req -x509 -newkey rsa:2048 -nodes -keyout k.pem -out c.pem -subj /CN=127.0.0.1 -days 1 -addext subjectAltName=IP:127.0.0.1",
    );
    let (cert, key) = (dir.path().join("c.pem"), dir.path().join("k.pem"));
    let server = Vuln::start(
        "correct",
        &[
            "--tls-cert",
            cert.to_str().unwrap(),
            "--tls-key",
            key.to_str().unwrap(),
        ],
    );
    let url = format!("https://127.0.0.1:{}/", server.port);
    let out = jot()
        .args(["probe", &url, "--token", &lab().rs, "--attack", "strip"])
        .output()
        .unwrap();
    let stderr = crate::common::assert_input_error(&out);
    assert!(stderr.contains("baseline request failed"), "{stderr}");
    assert!(
        server.decisions().is_empty(),
        "no request got past the TLS handshake"
    );
    let (code, report, stderr) =
        super::probe(&url, &lab().rs, &["--attack", "strip", "--insecure"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("warning: --insecure"), "{stderr}");
    assert_eq!(report["requests"], 4);
}

#[test]
fn ctrl_c_prints_the_report_so_far() {
    let server = Vuln::start("correct", &[]);
    let child = std::process::Command::new(crate::common::jot_path())
        .args(["probe", &server.url(), "--token", &lab().rs, "--rate", "4"])
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let guard = super::lab::Guard(child);
    for _ in 0..300 {
        if server.decisions().len() >= 4 {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    // The shell's own kill: no procps needed.
    let kill = std::process::Command::new("sh")
        .args(["-c", &format!("kill -INT {}", guard.0.id())])
        .status()
        .unwrap();
    assert!(kill.success());
    let mut guard = guard;
    let mut stdout = String::new();
    std::io::Read::read_to_string(guard.0.stdout.as_mut().unwrap(), &mut stdout).unwrap();
    let status = guard.0.wait().unwrap();
    assert_eq!(status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("interrupted"), "{stdout}");
    assert!(stdout.contains("rejected"), "{stdout}");
}
