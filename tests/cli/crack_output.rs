//! `jot crack` output and control: the secret byte-exact (text, `hex:…`, `--format json`),
//! the built-in weak-secret list tried first, `--shard I/N` covering a keyspace exactly once,
//! wordlist errors naming the file, `--verbose` naming the kernel, and Ctrl-C exiting 130.

use std::time::Duration;

use serde_json::{json, Value};

use crate::audit_common::*;
use crate::common::jot_path;

fn crack(token: &str, args: &[&str], stdin: Option<&[u8]>) -> Run {
    let mut all = vec!["crack", token];
    all.extend_from_slice(args);
    run_in(None, &all, stdin)
}

fn hs256_with(secret: &[u8]) -> String {
    hs256(
        &json!({"alg": "HS256", "typ": "JWT"}),
        &good_claims(),
        secret,
    )
}

#[test]
fn a_secret_that_is_not_printable_utf8_prints_as_hex_and_json_gives_both() {
    // The secret is the hex-decoding of the candidate "ff00": two bytes, not UTF-8.
    let token = hs256_with(b"\xff\x00");
    let r = crack(&token, &["--wordlist", "-"], Some(b"nope\nff00\n"));
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (0, "hex:ff00\n"),
        "{}",
        r.stderr
    );
    let r = crack(
        &token,
        &["--wordlist", "-", "--format", "json"],
        Some(b"ff00\n"),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: Value = serde_json::from_str(&r.stdout).expect("JSON");
    assert_eq!(v["secret"], Value::Null);
    assert_eq!(v["secret_hex"], "ff00");
    assert_eq!(v["transform"], "hex");
    assert_eq!(
        (v["source"].as_str(), v["index"].as_u64()),
        (Some("wordlist"), Some(0))
    );

    let token = hs256_with(b"abc12");
    let r = crack(&token, &["--mask", "?l?l?l?d?d", "--format", "json"], None);
    let v: Value = serde_json::from_str(&r.stdout).expect("JSON");
    assert_eq!(
        (v["secret"].as_str(), v["secret_hex"].as_str()),
        (Some("abc12"), Some("6162633132"))
    );
    // A printable secret that itself starts with "hex:" is shown as hex, so it reads back.
    let token = hs256_with(b"hex:41");
    let r = crack(&token, &["--wordlist", "-"], Some(b"hex:41\n"));
    assert_eq!(r.stdout, "hex:6865783a3431\n");
    // A control character (here ESC) never reaches the terminal raw.
    let token = hs256_with(b"a\x1bb");
    let r = crack(
        &token,
        &["--wordlist", "-", "--no-transforms"],
        Some(b"a\x1bb\n"),
    );
    assert_eq!(r.stdout, "hex:611b62\n");
}

#[test]
fn the_builtin_list_is_tried_first_unless_no_builtin_or_a_slice() {
    let token = sign_with_secret("your-256-bit-secret", &[]);
    let r = crack(&token, &["--mask", "?d"], None);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (0, "your-256-bit-secret\n"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("built-in"), "{}", r.stderr);
    let r = crack(&token, &["--mask", "?d", "--format", "json"], None);
    let v: Value = serde_json::from_str(&r.stdout).expect("JSON");
    assert_eq!(v["source"], "builtin");
    for args in [
        &["--mask", "?d", "--no-builtin"][..],
        &["--mask", "?d", "--skip", "1"],
        &["--mask", "?d", "--shard", "1/2"],
    ] {
        let r = crack(&token, args, None);
        assert_eq!(r.code, 1, "{args:?}: {}", r.stderr);
    }
    let r = crack(&sign_with_secret(STRONG, &[]), &["--mask", "?d"], None);
    assert!(
        r.stderr.contains("10 candidates tried (after the "),
        "{}",
        r.stderr
    );
}

#[test]
fn shards_i_of_n_cover_the_keyspace_exactly_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let words: String = (0..100).map(|i| format!("w{i}\n")).collect();
    let list = write(dir.path(), "w.txt", words);
    for (attack, secret, total) in [
        (vec!["--mask", "?d?d?d"], "427", 1000u64),
        (vec!["--wordlist", list.as_str()], "w63", 100),
    ] {
        let token = sign_with_secret(secret, &[]);
        for n in [1u64, 3, 7] {
            let (mut tried, mut finders) = (0, 0);
            for i in 1..=n {
                let shard = format!("{i}/{n}");
                let mut args = attack.clone();
                args.extend(["--shard", shard.as_str(), "--format", "json"]);
                let r = crack(&token, &args, None);
                let v: Value = serde_json::from_str(&r.stdout).expect("JSON");
                match r.code {
                    0 => finders += 1,
                    1 => tried += v["tried"].as_u64().expect("tried"),
                    c => panic!("{args:?}: exit {c}: {}", r.stderr),
                }
            }
            assert_eq!(finders, 1, "{attack:?} in {n} shards: exactly one finds it");
            // The finder's slice is size total/n or one more; the rest add up to the rest.
            let finder = total - tried;
            assert!(
                finder == total / n || finder == total / n + 1,
                "{attack:?} {n}: {tried}"
            );
        }
    }
    let token = sign_with_secret("x", &[]);
    for bad in ["0/3", "4/3", "x"] {
        assert_eq!(
            crack(&token, &["--mask", "?d", "--shard", bad], None).code,
            2
        );
    }
    let r = crack(&token, &["--wordlist", "-", "--shard", "1/2"], Some(b"a\n"));
    assert_eq!(r.code, 2, "stdin cannot be counted: {}", r.stderr);
}

#[test]
fn a_wordlist_read_error_names_the_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let first = write(dir.path(), "first.txt", "a\n");
    let sub = dir.path().join("a-directory");
    std::fs::create_dir(&sub).expect("mkdir");
    let sub = sub.to_string_lossy().into_owned();
    let token = sign_with_secret(STRONG, &[]);
    let r = crack(&token, &["--wordlist", &first, "--wordlist", &sub], None);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("a-directory"), "{}", r.stderr);
}

#[test]
fn verbose_names_the_kernel_and_unknown_kernels_are_refused() {
    let token = sign_with_secret("abc12", &[]);
    let r = crack(&token, &["--mask", "?l?l?l?d?d", "--verbose"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("kernel ") && r.stderr.contains("portable"),
        "{}",
        r.stderr
    );
    let r = crack(
        &token,
        &["--mask", "?l?l?l?d?d", "-v", "--kernel", "portable"],
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("kernel portable"), "{}", r.stderr);
    let r = crack(&token, &["--mask", "?d", "--kernel", "gpu"], None);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("hint:"), "{}", r.stderr);
}

#[test]
fn ctrl_c_stops_the_search_with_exit_130_and_a_resume_point() {
    let token = sign_with_secret(STRONG, &[]);
    let child = std::process::Command::new(jot_path())
        .args([
            "crack",
            &token,
            "--mask",
            "?a?a?a?a?a?a?a?a?a",
            "--threads",
            "1",
        ])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn jot");
    std::thread::sleep(Duration::from_millis(1500));
    let killed = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(killed.success());
    let out = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{stderr}");
    assert!(stderr.contains("resume with --skip "), "{stderr}");
}
