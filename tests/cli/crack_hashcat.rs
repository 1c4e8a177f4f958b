//! `jot crack --engine hashcat` against the local hashcat (on the CPU through PoCL when
//! there is no GPU): found and exhausted map to exit 0 and 1, the secret prints like jot's
//! engine prints it, wordlist shards hand hashcat jot's line bounds, and a missing hashcat
//! is exit 2 with the install hint. Without hashcat these tests skip, except in CI
//! (`CI=true`), where hashcat is installed by `.ci/run` and a missing one is a failure.

use crate::audit_common::*;

/// hashcat's arguments for a machine without a GPU: CPU devices, and PoCL accepted.
const CPU: [&str; 2] = ["--hashcat-arg=-D1", "--hashcat-arg=--force"];

/// Whether hashcat can be run; panics in CI when it cannot.
fn have_hashcat() -> bool {
    let ok = std::process::Command::new("hashcat")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok && std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!(
            "CI=true but hashcat is not installed: .ci/run installs hashcat and pocl-opencl-icd"
        );
    }
    if !ok {
        eprintln!("hashcat is not installed: skipping the --engine hashcat tests");
    }
    ok
}

fn crack(token: &str, args: &[&str], stdin: Option<&[u8]>) -> Run {
    let mut all = vec!["crack", token, "--engine", "hashcat"];
    all.extend_from_slice(&CPU);
    all.extend_from_slice(args);
    run_in(None, &all, stdin)
}

#[test]
fn hashcat_finds_a_wordlist_secret_and_reports_exhaustion() {
    if !have_hashcat() {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let words: String = (0..40).map(|i| format!("w{i}\n")).collect();
    let list = write(dir.path(), "w.txt", words);
    let token = sign_with_secret("w33", &[]);
    let r = crack(&token, &["--wordlist", &list], None);
    assert_eq!((r.code, r.stdout.as_str()), (0, "w33\n"), "{}", r.stderr);
    // Shards of the list: hashcat gets jot's line bounds, so exactly one shard finds it.
    let mut finders = Vec::new();
    for i in 1..=2 {
        let shard = format!("{i}/2");
        let r = crack(
            &token,
            &["--wordlist", &list, "--shard", &shard, "--no-builtin"],
            None,
        );
        match r.code {
            0 => finders.push(i),
            1 => assert!(r.stderr.contains("20 candidates tried"), "{}", r.stderr),
            c => panic!("shard {shard}: exit {c}: {}", r.stderr),
        }
    }
    assert_eq!(finders, [2], "w33 is line 34 of 40: in the second half");
    let strong = sign_with_secret(STRONG, &[]);
    let r = crack(&strong, &["--wordlist", &list], None);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stdout.is_empty());
}

#[test]
fn hashcat_runs_masks_with_custom_charsets_and_prints_like_jot() {
    if !have_hashcat() {
        return;
    }
    let token = sign_with_secret("c3a1", &[]);
    let args = [
        "--mask",
        "?1?1?1?1",
        "--charset",
        "1=abc123",
        "--format",
        "json",
    ];
    let r = crack(&token, &args, None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("JSON");
    assert_eq!(
        (v["secret"].as_str(), v["engine"].as_str()),
        (Some("c3a1"), Some("hashcat"))
    );
    let jot = run(&[
        "crack",
        &token,
        "--mask",
        "?1?1?1?1",
        "--charset",
        "1=abc123",
        "--format",
        "json",
    ]);
    let w: serde_json::Value = serde_json::from_str(&jot.stdout).expect("JSON");
    assert_eq!(v["secret_hex"], w["secret_hex"]);
}

#[test]
fn a_missing_hashcat_is_exit_2_with_the_install_hint() {
    let token = sign_with_secret(STRONG, &[]);
    let r = run(&[
        "crack",
        &token,
        "--mask",
        "?d",
        "--engine",
        "hashcat",
        "--hashcat",
        "/nonexistent/hashcat",
    ]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("apt-get install hashcat"), "{}", r.stderr);
}
