//! `jot audit` reads a FIFO and process substitution (`<(…)`) as `verify` does, and
//! `--extract` from a HAR file says where each token was: the entry index, the request URL
//! (credentials redacted, the token abbreviated) and the header, cookie, body or URL query
//! parameter that carried it, in text, JSON and SARIF (issue 22).

use serde_json::json;

use crate::audit_common::{audit_json_in, run_in, sign_with_secret, write, NOW, STRONG};
use crate::common::tmp;

fn token(sub: &str) -> String {
    sign_with_secret(
        STRONG,
        &["--sub", sub, "--iss", "https://id.example", "--aud", "api"],
    )
}

/// A HAR file with a token in each place a capture holds one.
fn har(t: &[String]) -> String {
    json!({"log": {"version": "1.2", "entries": [
        {"request": {"method": "GET", "url": "https://alice:hunter2@api.example/me",
            "headers": [{"name": "Authorization", "value": format!("Bearer {}", t[0])}]},
         "response": {"status": 200, "headers": [], "content": {"text": "{}"}}},
        {"request": {"method": "GET", "url": format!("https://api.example/cb?state=x&id_token={}", t[1]),
            "headers": [{"name": "Cookie", "value": format!("theme=dark; session={}", t[2])}]},
         "response": {"status": 200, "headers": []}},
        {"request": {"method": "POST", "url": "https://api.example/token", "headers": [],
            "postData": {"mimeType": "application/json", "text": format!("{{\"assertion\":\"{}\"}}", t[3])}},
         "response": {"status": 200, "headers": [], "content": {"text": format!("{{\"access_token\":\"{}\"}}", t[4])}}}
    ]}})
    .to_string()
}

#[test]
fn audit_extract_locates_each_har_token_by_entry_url_and_where() {
    let d = tmp();
    let t: Vec<String> = ["a", "b", "c", "d", "e"].iter().map(|s| token(s)).collect();
    write(d.path(), "capture.har", har(&t));
    let now = NOW.to_string();
    let (_, report) = audit_json_in(Some(d.path()), &["--extract", "capture.har"], None);
    let mut found: Vec<(String, String)> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["found"]["entry"].to_string(),
                f["found"]["where"].to_string(),
            )
        })
        .collect();
    found.dedup();
    let want = [
        ("0", "request header Authorization"),
        ("1", "URL query id_token"),
        ("1", "cookie session"),
        ("2", "request body"),
        ("2", "response body"),
    ];
    for (entry, place) in want {
        assert!(
            found.contains(&(entry.to_owned(), format!("{place:?}"))),
            "{entry} {place} missing from {found:?}"
        );
    }
    let r = run_in(
        Some(d.path()),
        &["audit", "--extract", "--now", &now, "capture.har"],
        None,
    );
    assert!(!r.stdout.contains("hunter2"), "{}", r.stdout);
    for tok in &t {
        assert!(!r.stdout.contains(tok.as_str()), "a whole token is printed");
    }
    insta::assert_snapshot!("audit_extract_har_text", r.stdout);
    let r = run_in(
        Some(d.path()),
        &[
            "audit",
            "--extract",
            "--format",
            "sarif",
            "--now",
            &now,
            "capture.har",
        ],
        None,
    );
    assert!(
        r.stdout.contains("[in log.entries[1] GET https://api.example/cb?state=x&id_token=***: URL query id_token]"),
        "{}",
        r.stdout
    );
}

#[test]
fn audit_reads_a_fifo_and_process_substitution_as_verify_does() {
    let d = tmp();
    let t = token("fifo");
    let now = NOW.to_string();
    let script = format!(
        "set -e; mkfifo p; (printf '%s\\n' '{t}' > p &); \
         jot audit --format json --now {now} p > fifo.json; \
         jot audit --format json --now {now} <(printf '%s\\n' '{t}') > procsub.json"
    );
    let bin = crate::common::jot_path().parent().unwrap().to_owned();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = std::process::Command::new("timeout")
        .args(["30", "bash", "-c", &script])
        .current_dir(d.path())
        .env("PATH", path)
        .output()
        .expect("run bash");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for f in ["fifo.json", "procsub.json"] {
        let report: serde_json::Value =
            serde_json::from_slice(&std::fs::read(d.path().join(f)).unwrap()).unwrap();
        assert_eq!(report["inputs"], 1, "{f}: {report}");
        assert_eq!(report["findings"][0]["line"], 1, "{f}: {report}");
    }
}
