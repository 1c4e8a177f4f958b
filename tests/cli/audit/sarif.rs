//! `jot audit --format sarif`: the document validates against the official SARIF 2.1.0
//! schema shipped in tests/data (checked by tests/interop/validate_sarif.py with Python's
//! `jsonschema`; skipped with a note where that is missing), and carries what GitHub code
//! scanning reads: rules with ids and help, results with levels and locations.

use std::path::{Path, PathBuf};
use std::process::Command as Std;

use serde_json::{json, Value};

use crate::audit_common::*;

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `python3` when it can import `jsonschema`; else a printed note and `None`.
fn python_with_jsonschema() -> Option<&'static str> {
    let ok = Std::new("python3")
        .args(["-c", "import jsonschema"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!("note: SARIF schema validation skipped: python3 with jsonschema not found (pip install jsonschema)");
        return None;
    }
    Some("python3")
}

/// Run the validator on `file`: its exit code and stderr.
fn validate(python: &str, file: &Path) -> (i32, String) {
    let out = Std::new(python)
        .arg(manifest().join("tests/interop/validate_sarif.py"))
        .arg(file)
        .output()
        .expect("run validate_sarif.py");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A SARIF report over a token file (findings with lines), a bare token, and a key file,
/// the files in a directory whose name must be percent-encoded in a URI.
fn sarif_report(dir: &Path) -> (i32, String) {
    let dir = &dir.join("my tokens");
    std::fs::create_dir(dir).expect("mkdir");
    let weak = sign_with_secret("secret", &["--sub", "alice"]);
    let strong = hs256(
        &header_with(json!({"jku": "https://x.example/k"})),
        &good_claims(),
        STRONG.as_bytes(),
    );
    let tokens = write(dir, "tokens.txt", format!("{strong}\n\n{weak}\n"));
    let key = write(
        dir,
        "k.jwk",
        json!({"kty": "oct", "k": b64(b"secret")}).to_string(),
    );
    let now = NOW.to_string();
    let bare = unsigned(&json!({"alg": "none"}), &json!({"sub": "x"}));
    let r = run(&[
        "audit", "--format", "sarif", "--now", &now, &tokens, &key, &bare,
    ]);
    (r.code, r.stdout)
}

#[test]
fn the_shipped_schema_is_the_official_sarif_2_1_0_schema() {
    let text = std::fs::read_to_string(manifest().join("tests/data/sarif-schema-2.1.0.json"))
        .expect("the schema is shipped");
    let schema: Value = serde_json::from_str(&text).expect("the schema parses as JSON");
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-04/schema#");
    assert_eq!(
        schema["id"],
        "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    );
    assert_eq!(schema["properties"]["version"]["enum"], json!(["2.1.0"]));
    assert!(schema["definitions"]["reportingDescriptor"].is_object());
}

#[test]
fn sarif_output_validates_against_the_schema() {
    let Some(python) = python_with_jsonschema() else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let (code, sarif) = sarif_report(dir.path());
    assert_eq!(
        code, 1,
        "critical findings fail the audit in SARIF form too"
    );
    let file = dir.path().join("jot.sarif");
    std::fs::write(&file, &sarif).expect("write sarif");
    let (status, errors) = validate(python, &file);
    assert_eq!(status, 0, "jot's SARIF is not valid SARIF 2.1.0:\n{errors}");

    // A report with no results is valid too.
    let now = NOW.to_string();
    let nothing = write(dir.path(), "empty.txt", "");
    let clean = run(&["audit", "--format", "sarif", "--now", &now, &nothing]);
    assert_eq!(clean.code, 0);
    let empty = dir.path().join("empty.sarif");
    std::fs::write(&empty, &clean.stdout).expect("write sarif");
    assert_eq!(validate(python, &empty).0, 0);

    // The validator is not vacuous: a result with an unknown level is rejected.
    let mut doc: Value = serde_json::from_str(&sarif).expect("SARIF is JSON");
    doc["runs"][0]["results"][0]["level"] = json!("fatal");
    let broken = dir.path().join("broken.sarif");
    std::fs::write(&broken, doc.to_string()).expect("write sarif");
    let (status, errors) = validate(python, &broken);
    assert_eq!(status, 1, "the validator must reject level \"fatal\"");
    assert!(errors.contains("fatal"), "{errors}");
}

#[test]
fn sarif_has_rules_with_help_and_results_with_levels_and_locations() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, sarif) = sarif_report(dir.path());
    let doc: Value = serde_json::from_str(&sarif).expect("SARIF is JSON");
    assert_eq!(doc["version"], "2.1.0");
    let run = &doc["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "jot");
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    // The table grows (new rules get new ids): check the known ranges, not a count.
    let ids: std::collections::BTreeSet<&str> =
        rules.iter().filter_map(|r| r["id"].as_str()).collect();
    assert_eq!(ids.len(), rules.len(), "rule ids are unique");
    for n in (1..=24).chain(101..=113) {
        let id = format!("JOT{n:03}");
        assert!(
            ids.contains(id.as_str()),
            "{id} missing from the SARIF rules"
        );
    }
    for r in rules {
        let id = r["id"].as_str().expect("rule id");
        assert!(id.starts_with("JOT"), "{id}");
        assert!(
            !r["help"]["text"].as_str().unwrap_or("").is_empty(),
            "{id} help"
        );
        assert!(
            !r["shortDescription"]["text"]
                .as_str()
                .unwrap_or("")
                .is_empty(),
            "{id}"
        );
        let score: f64 = r["properties"]["security-severity"]
            .as_str()
            .and_then(|s| s.parse().ok())
            .expect("security-severity is a number in a string");
        assert!((0.0..=10.0).contains(&score), "{id} {score}");
    }
    let results = run["results"].as_array().expect("results");
    assert!(!results.is_empty());
    for res in results {
        let id = res["ruleId"].as_str().expect("ruleId");
        let index = res["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[index]["id"], id, "ruleIndex points at the rule");
        let level = res["level"].as_str().expect("level");
        let expected = match res["properties"]["severity"].as_str().expect("severity") {
            "critical" | "high" => "error",
            "medium" => "warning",
            _ => "note",
        };
        assert_eq!(level, expected, "{id}");
        assert!(!res["message"]["text"].as_str().unwrap_or("").is_empty());
        let loc = &res["locations"][0]["physicalLocation"];
        assert!(
            loc["artifactLocation"]["uri"].is_string(),
            "{id} has a location"
        );
    }
    let by = |id: &str| results.iter().find(|r| r["ruleId"] == id).expect(id);
    let cracked = by("JOT002");
    assert_eq!(cracked["level"], "error");
    let loc = &cracked["locations"][0]["physicalLocation"];
    let uri = loc["artifactLocation"]["uri"].as_str().unwrap_or("");
    assert!(
        uri.ends_with("/my%20tokens/tokens.txt"),
        "a URI reference, not a path: {uri}"
    );
    assert_eq!(loc["region"]["startLine"], 3, "the weak token is on line 3");
    assert_eq!(
        by("JOT001")["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "argument"
    );
    assert!(by("JOT108")["message"]["text"]
        .as_str()
        .unwrap_or("")
        .contains("weak HMAC secret"));
    assert_eq!(by("JOT003")["level"], "note");
}

/// Write `text` to `dir/name` and check it with the validator (when python has jsonschema).
fn assert_valid_sarif(dir: &Path, name: &str, text: &str) {
    let Some(python) = python_with_jsonschema() else {
        return;
    };
    let file = dir.join(name);
    std::fs::write(&file, text).expect("write sarif");
    let (status, errors) = validate(python, &file);
    assert_eq!(status, 0, "not valid SARIF 2.1.0:\n{errors}\n{text}");
}

#[test]
fn sarif_log_is_valid_and_says_the_run_failed_when_an_input_cannot_be_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let weak = sign_with_secret("secret", &["--sub", "alice"]);
    let tokens = write(dir.path(), "tokens.txt", format!("{weak}\n"));
    let missing = dir.path().join("missing.txt");
    let now = NOW.to_string();
    let r = run(&[
        "audit",
        "--format",
        "sarif",
        "--now",
        &now,
        &tokens,
        missing.to_str().unwrap(),
    ]);
    assert_eq!(
        r.code, 2,
        "an unreadable input is still exit 2: {}",
        r.stderr
    );
    assert!(r.stderr.starts_with("error: ") && r.stderr.contains("missing.txt"));
    assert_valid_sarif(dir.path(), "failed.sarif", &r.stdout);
    let doc: Value = serde_json::from_str(&r.stdout).expect("a SARIF log on stdout");
    let inv = &doc["runs"][0]["invocations"][0];
    assert_eq!(inv["executionSuccessful"], false, "{inv}");
    let note = &inv["toolExecutionNotifications"][0];
    assert_eq!(note["level"], "error");
    assert!(
        note["message"]["text"]
            .as_str()
            .unwrap_or("")
            .contains("missing.txt"),
        "{note}"
    );
    // What was audited before the failure is reported.
    let results = doc["runs"][0]["results"].as_array().expect("results");
    assert!(results.iter().any(|x| x["ruleId"] == "JOT002"), "{doc}");
    // A run that succeeds says so.
    let ok = run(&["audit", "--format", "sarif", "--now", &now, &tokens]);
    let doc: Value = serde_json::from_str(&ok.stdout).expect("SARIF");
    assert_eq!(
        doc["runs"][0]["invocations"][0]["executionSuccessful"],
        true
    );
    assert_valid_sarif(dir.path(), "ok.sarif", &ok.stdout);
}

#[test]
fn audit_with_no_input_at_all_is_a_usage_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    for stdin in [&b""[..], b"\n  \n"] {
        let r = run_in(None, &["audit"], Some(stdin));
        assert_eq!(r.code, 2, "{}{}", r.stdout, r.stderr);
        assert!(r.stderr.contains("no input"), "{}", r.stderr);
        assert!(!r.stdout.contains("no findings"), "{}", r.stdout);
        let r = run_in(None, &["audit", "--format", "sarif"], Some(stdin));
        assert_eq!(r.code, 2);
        let doc: Value = serde_json::from_str(&r.stdout).expect("a SARIF log");
        assert_eq!(
            doc["runs"][0]["invocations"][0]["executionSuccessful"],
            false
        );
        assert_valid_sarif(dir.path(), "none.sarif", &r.stdout);
    }
}
