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

/// hashcat's own listing of the candidates of `-s skip -l limit` of a mask (`--stdout`):
/// the ground truth a shard's range is checked against.
fn hashcat_candidates(mask_args: &[&str], skip: u64, limit: u64) -> Vec<String> {
    let out = std::process::Command::new("hashcat")
        .args(["--stdout", "--markov-disable", "-a", "3"])
        .args(["-s", &skip.to_string(), "-l", &limit.to_string()])
        .args(mask_args)
        .output()
        .expect("hashcat --stdout");
    assert!(out.status.success(), "{out:?}");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_owned)
        .collect()
}

/// The range a `--verbose` run says it searched: `searched hashcat's keyspace units S to E`.
fn searched(stderr: &str) -> (u64, u64) {
    let rest = stderr
        .split("searched hashcat's keyspace units ")
        .nth(1)
        .unwrap_or_else(|| panic!("no searched range in {stderr:?}"));
    let line = rest.lines().next().unwrap_or_default();
    let (s, e) = line.split_once(" to ").expect("S to E");
    (s.parse().expect("S"), e.trim().parse().expect("E"))
}

/// Issue 17: `--engine hashcat --mask M --shard I/N` failed on every machine (`hashcat
/// --keyspace gave no count`: the count went to the inherited stdout, never captured).
/// The N shards must tile hashcat's keyspace exactly once: the ranges they search (said by
/// `--verbose`) are the documented slices of `hashcat --keyspace`, contiguous from 0 to it;
/// hashcat's own listing of those ranges holds every candidate of the mask once; and a
/// secret taken from each shard's listing is found by that shard and not by the next one
/// (2N hashcat runs rather than N*N: each run spends seconds starting hashcat).
#[test]
fn hashcat_mask_shards_tile_the_keyspace_exactly_once() {
    if !have_hashcat() {
        return;
    }
    const N: u64 = 3;
    // 7^3 = 343 candidates; hashcat counts 49 base units (one position runs on the device),
    // which 3 shards split 16/16/17.
    let mask_args = ["-1", "abcdefg", "?1?1?1"];
    let keyspace: u64 = {
        let out = std::process::Command::new("hashcat")
            .args(["-m", "16500", "--keyspace", "--markov-disable", "-a", "3"])
            .args(mask_args)
            .output()
            .expect("hashcat --keyspace");
        let text = String::from_utf8_lossy(&out.stdout);
        text.lines()
            .rev()
            .find_map(|l| l.trim().parse().ok())
            .unwrap_or_else(|| panic!("no count: {out:?}"))
    };
    // Slice I of N is floor(K(I-1)/N) .. floor(KI/N) (docs/crack.md).
    let ranges: Vec<(u64, u64)> = (1..=N)
        .map(|i| (keyspace * (i - 1) / N, keyspace * i / N))
        .collect();
    assert_eq!(ranges.last().map(|r| r.1), Some(keyspace));
    // hashcat's listing of the slices: every candidate of the mask, each once.
    let listed: Vec<Vec<String>> = ranges
        .iter()
        .map(|&(s, e)| hashcat_candidates(&mask_args, s, e - s))
        .collect();
    let mut all: Vec<&String> = listed.iter().flatten().collect();
    all.sort();
    let before = all.len();
    all.dedup();
    assert_eq!((before, all.len()), (343, 343), "each candidate once");
    let secrets: Vec<&String> = listed.iter().map(|l| &l[l.len() / 2]).collect();
    for i in 1..=N {
        let shard = format!("{i}/{N}");
        let args = [
            "--mask",
            "?1?1?1",
            "--charset",
            "1=abcdefg",
            "--hashcat-arg=--markov-disable",
            "--shard",
            &shard,
            "--verbose",
        ];
        let own = secrets[(i - 1) as usize];
        let next = secrets[(i % N) as usize];
        for (secret, want) in [(own, 0), (next, 1)] {
            let r = crack(&sign_with_secret(secret, &[]), &args, None);
            assert_eq!(r.code, want, "{secret:?} on shard {shard}: {}", r.stderr);
            if want == 0 {
                assert_eq!(r.stdout, format!("{secret}\n"));
            }
            assert_eq!(
                searched(&r.stderr),
                ranges[(i - 1) as usize],
                "{}",
                r.stderr
            );
        }
    }
}
