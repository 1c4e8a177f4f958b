//! `.pre-commit-hooks.yaml`: it parses as YAML (Python's yaml loader, what pre-commit
//! itself uses, where PyYAML is installed; a structural check always), declares the
//! `jot-audit` hook the way pre-commit expects (`language: rust`, `entry: jot audit`, a
//! `files` pattern for key files and JWKS), and its entry, run the way pre-commit runs it
//! (the entry's words, then the matching file names), audits them with the right exit.

use std::path::{Path, PathBuf};
use std::process::Command as Std;

use serde_json::{json, Value};

use crate::audit_common::*;

const HOOKS: &str = include_str!("../../../.pre-commit-hooks.yaml");

/// Files the hook must run on, and files it must leave alone.
const MATCHED: &[&str] = &[
    "keys/signing.pem",
    "tls.key",
    "key.DER",
    "es.jwk",
    "set.jwks",
    "jwks.json",
    "public/.well-known/jwks.json",
    "staging-jwks.json",
    "jwk.json",
];
const IGNORED: &[&str] = &[
    "src/main.rs",
    "package.json",
    "tokens.txt",
    "pem.txt",
    "docs/keys.md",
    "jwks.json.bak",
];

/// The value of `key:` in the hook's mapping (the file is one flat list item).
fn member(key: &str) -> Option<String> {
    HOOKS.lines().find_map(|l| {
        let l = l.trim_start().trim_start_matches("- ");
        let v = l.strip_prefix(key)?.strip_prefix(':')?.trim();
        Some(v.trim_matches('\'').trim_matches('"').to_owned())
    })
}

#[test]
fn the_hooks_file_declares_jot_audit_as_pre_commit_expects() {
    let first = HOOKS
        .lines()
        .find(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .unwrap_or_default();
    assert_eq!(
        first, "- id: jot-audit",
        "a YAML list of hooks, jot-audit first"
    );
    assert_eq!(member("entry").as_deref(), Some("jot audit"));
    assert_eq!(member("language").as_deref(), Some("rust"));
    assert!(member("name").is_some() && member("description").is_some());
    let files = regex::Regex::new(&member("files").expect("a files pattern")).expect("a regex");
    for f in MATCHED {
        assert!(files.is_match(f), "the hook runs on {f}");
    }
    for f in IGNORED {
        assert!(!files.is_match(f), "the hook leaves {f} alone");
    }
}

#[test]
fn the_hooks_file_parses_with_python_yaml_and_re() {
    let ok = Std::new("python3")
        .args(["-c", "import yaml"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!("note: YAML check skipped: python3 with PyYAML not found (pip install PyYAML)");
        return;
    }
    // pre-commit loads the file with yaml and matches names with re.search.
    let script = r#"
import json, re, sys, yaml
hooks = yaml.safe_load(open(sys.argv[1]))
names = json.loads(sys.argv[2])
print(json.dumps({"hooks": hooks,
                  "matched": [n for n in names if re.search(hooks[0]["files"], n)]}))
"#;
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml");
    let names: Vec<&str> = MATCHED.iter().chain(IGNORED).copied().collect();
    let out = Std::new("python3")
        .args(["-c", script])
        .arg(&path)
        .arg(json!(names).to_string())
        .output()
        .expect("run python3");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON from python");
    let hooks = v["hooks"].as_array().expect("a list of hooks");
    assert_eq!(hooks.len(), 1);
    let h = &hooks[0];
    assert_eq!(h["id"], "jot-audit");
    assert_eq!(h["entry"], "jot audit");
    assert_eq!(h["language"], "rust");
    assert_eq!(h["types"], json!(["file"]));
    assert_eq!(v["matched"], json!(MATCHED));
}

/// Run the hook's entry as pre-commit does: its words (with `jot` the binary under test),
/// then the file names; the exit code and stdout.
fn run_entry(dir: &Path, files: &[&str]) -> (i32, String) {
    let entry = member("entry").expect("an entry");
    let mut words = entry.split_whitespace();
    assert_eq!(words.next(), Some("jot"));
    let out = Std::new(crate::common::jot_path())
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(words)
        .args(files)
        .output()
        .expect("run the entry");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn the_hook_entry_passes_clean_key_files_and_fails_dangerous_ones() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let ok = |args: &[&str]| {
        let r = run_in(Some(d), args, None);
        assert_eq!(r.code, 0, "jot {args:?}: {}", r.stderr);
        r.stdout
    };
    ok(&["keygen", "ES256", "--out", "signing.pem"]);
    ok(&["keygen", "ES256", "--format", "jwk", "--out", "es.jwk"]);
    let public = ok(&["convert", "es.jwk", "--to", "jwks", "--public"]);
    let private = ok(&["convert", "es.jwk", "--to", "jwks"]);
    write(d, "jwks.json", &public);
    let (code, report) = run_entry(d, &["signing.pem", "jwks.json"]);
    assert_eq!(
        code, 0,
        "a 0600 private key and a public JWKS pass: {report}"
    );
    assert!(report.contains("(2 audited)"), "{report}");

    write(d, "staging-jwks.json", &private);
    write(d, "broken.pem", "-----BEGIN PUBLIC KEY-----\nMFkw\n");
    let (code, report) = run_entry(d, &["jwks.json", "staging-jwks.json", "broken.pem"]);
    assert_eq!(
        code, 1,
        "a leaked private key and a broken key fail: {report}"
    );
    assert!(
        report.contains("JOT101") && report.contains("JOT110"),
        "{report}"
    );
}

/// The CI job of docs/ci.md as data (its first YAML block, loaded by Python's yaml), or
/// `None` with a note where PyYAML is missing.
fn ci_job() -> Option<Value> {
    let doc = include_str!("../../../docs/ci.md");
    let start = doc.find("```yaml\n")? + "```yaml\n".len();
    let block = &doc[start..start + doc[start..].find("```")?];
    let script = "import json, sys, yaml; print(json.dumps(yaml.safe_load(sys.argv[1])))";
    let out = Std::new("python3")
        .args(["-c", script, block])
        .output()
        .ok()?;
    if !out.status.success() {
        eprintln!("note: CI job check skipped: python3 with PyYAML not found (pip install PyYAML)");
        return None;
    }
    serde_json::from_slice(&out.stdout).ok()
}

#[test]
fn the_ci_job_in_the_docs_audits_tracked_keys_and_writes_sarif_for_code_scanning() {
    let Some(job) = ci_job() else { return };
    assert_eq!(job["permissions"]["security-events"], "write");
    let steps = job["jobs"]["audit"]["steps"].as_array().expect("steps");
    let upload = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("github/codeql-action/upload-sarif@"))
        })
        .expect("an upload-sarif step");
    assert_eq!(
        upload["if"], "always()",
        "findings are uploaded when the audit fails"
    );
    let sarif_file = upload["with"]["sarif_file"].as_str().expect("sarif_file");
    let script = steps
        .iter()
        .find(|s| s["id"] == "audit")
        .and_then(|s| s["run"].as_str())
        .expect("the audit step");
    assert!(script.contains("jot audit --format sarif"), "{script}");
    if !Std::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        eprintln!("note: CI job run skipped: git not found");
        return;
    }

    // Run the step's script as the runner would, in a repository with key files.
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let ok = |args: &[&str]| {
        let r = run_in(Some(d), args, None);
        assert_eq!(r.code, 0, "jot {args:?}: {}", r.stderr);
        r.stdout
    };
    let git = |args: &[&str]| {
        let out = Std::new("git")
            .current_dir(d)
            .args(args)
            .output()
            .expect("git");
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    let step = |expected_status: &str| -> Value {
        let output = d.join("github-output");
        let bin = crate::common::jot_path()
            .parent()
            .expect("bin dir")
            .to_owned();
        let path = std::env::join_paths(std::iter::once(bin).chain(std::env::split_paths(
            &std::env::var_os("PATH").unwrap_or_default(),
        )))
        .expect("PATH");
        let out = Std::new("bash")
            .current_dir(d)
            .args(["-e", "-c", script])
            .env("PATH", path)
            .env("GITHUB_OUTPUT", &output)
            .env("NO_COLOR", "1")
            .output()
            .expect("bash");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let outputs = std::fs::read_to_string(&output).expect("GITHUB_OUTPUT");
        assert!(
            outputs.ends_with(&format!("status={expected_status}\n")),
            "{outputs}"
        );
        std::fs::remove_file(&output).expect("reset GITHUB_OUTPUT");
        let sarif = d.join(sarif_file);
        serde_json::from_slice(&std::fs::read(sarif).expect("the SARIF file"))
            .expect("SARIF is JSON")
    };
    let results = |sarif: &Value| -> Vec<String> {
        sarif["runs"][0]["results"]
            .as_array()
            .expect("results")
            .iter()
            .filter_map(|r| r["ruleId"].as_str().map(str::to_owned))
            .collect()
    };
    git(&["init", "-q"]);
    let sarif = step("0");
    assert!(results(&sarif).is_empty(), "no key files: a clean report");

    ok(&["keygen", "ES256", "--out", "signing.pem"]);
    ok(&["keygen", "ES256", "--format", "jwk", "--out", "es.jwk"]);
    write(
        d,
        "jwks.json",
        ok(&["convert", "es.jwk", "--to", "jwks", "--public"]),
    );
    write(
        d,
        "staging-jwks.json",
        ok(&["convert", "es.jwk", "--to", "jwks"]),
    );
    write(
        d,
        "untracked.jwks",
        ok(&["convert", "es.jwk", "--to", "jwks"]),
    );
    git(&["add", "signing.pem", "jwks.json", "staging-jwks.json"]);
    let sarif = step("1");
    assert!(results(&sarif).contains(&"JOT101".to_owned()), "{sarif}");
    let uris: Vec<&str> = sarif["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .filter_map(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str())
        .collect();
    assert!(
        uris.iter().all(|u| *u == "staging-jwks.json"),
        "tracked files only: {uris:?}"
    );

    git(&["rm", "-q", "--cached", "staging-jwks.json"]);
    let sarif = step("0");
    assert!(!results(&sarif).contains(&"JOT101".to_owned()), "{sarif}");
}
