//! `jot crack` as issue 17 fixed it: the token alone runs the built-in weak-secret list
//! (exit 0 found, 1 not on it), and `--kernel auto` measures every kernel this CPU has
//! before a long search and runs the fastest, saying the rates with `--verbose`.

use crate::audit_common::*;

/// `jot crack TOKEN ARGS...` with `stdin`.
fn crack(token: &str, args: &[&str], stdin: Option<&[u8]>) -> Run {
    let mut all = vec!["crack", token];
    all.extend_from_slice(args);
    run_in(None, &all, stdin)
}

/// Issue 17: `jot crack TOKEN` alone said `nothing to try`; docs/crack.md says the built-in
/// weak-secret list is tried first, so with no wordlist, mask or lengths that list is the
/// job: exit 0 with the secret when it is on the list, 1 when none of it signs the token.
#[test]
fn crack_with_no_attack_runs_the_builtin_list_exit_0_found_1_exhausted() {
    let weak = sign_with_secret("secret", &[]);
    let r = crack(&weak, &[], None);
    assert_eq!((r.code, r.stdout.as_str()), (0, "secret\n"), "{}", r.stderr);
    assert!(r.stderr.contains("built-in list"), "{}", r.stderr);
    let strong = sign_with_secret(STRONG, &[]);
    let r = crack(&strong, &[], None);
    assert_eq!((r.code, r.stdout.as_str()), (1, ""), "{}", r.stderr);
    assert!(
        r.stderr.contains("built-in weak secrets signs the token"),
        "{}",
        r.stderr
    );
    let r = crack(&strong, &["--format", "json"], None);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("JSON");
    assert_eq!(v["found"], false);
    assert!(v["builtin_tried"].as_u64().unwrap() > 1000, "{v}");
    // With the list turned off, or a slice asked of it, there is nothing to try.
    for args in [&["--no-builtin"][..], &["--shard", "1/2"]] {
        let r = crack(&strong, args, None);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains("nothing to try"), "{}", r.stderr);
    }
}

/// The rates a `--verbose` kernel line lists: `measured here: sha-ni 1.23 M/s, avx512 …;`.
fn verbose_rates(line: &str) -> Vec<(String, f64)> {
    let list = line
        .split("measured here: ")
        .nth(1)
        .and_then(|s| s.split(';').next())
        .unwrap_or_default();
    list.split(", ")
        .filter_map(|item| {
            let mut words = item.split(' ');
            let name = words.next()?.to_owned();
            Some((name, words.next()?.parse().ok()?))
        })
        .collect()
}

/// Issue 17: auto picked SHA-NI where AVX-512 was faster. Before a long search every kernel
/// this CPU has is measured, `--verbose` says the rates, and the kernel that runs is the
/// one with the highest rate it printed; a short search is not measured.
#[test]
fn crack_verbose_says_the_measured_rates_and_runs_the_fastest_kernel() {
    // 95^4 = 81 M candidates (a long search), but the secret is the second one tried.
    let token = sign_with_secret("aaab", &[]);
    let r = crack(&token, &["--mask", "?a?a?a?a", "--verbose"], None);
    assert_eq!((r.code, r.stdout.as_str()), (0, "aaab\n"), "{}", r.stderr);
    if !cfg!(target_arch = "x86_64") {
        return; // one kernel (portable) elsewhere: nothing to measure
    }
    assert!(
        r.stderr.contains("auto: the fastest measured here: "),
        "{}",
        r.stderr
    );
    let line = r
        .stderr
        .lines()
        .find(|l| l.contains("kernel "))
        .expect("the kernel line");
    let chosen = line
        .split("kernel ")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .expect("a kernel name");
    let measured = verbose_rates(line);
    let names: Vec<&str> = measured.iter().map(|(k, _)| k.as_str()).collect();
    assert!(names.contains(&"portable"), "{line}");
    assert!(names.len() >= 2, "every kernel this CPU has: {line}");
    let best = measured.iter().fold(0.0f64, |m, (_, r)| m.max(*r));
    let chosen_rate = measured
        .iter()
        .find(|(k, _)| k == chosen)
        .map(|(_, r)| *r)
        .expect("the chosen kernel was measured");
    assert_eq!(chosen_rate, best, "{line}");
    // A short search keeps the fixed preference, unmeasured.
    let r = crack(
        &token,
        &["--mask", "?a?a?a?a", "--limit", "1000", "--verbose"],
        None,
    );
    assert!(
        r.stderr.contains("a short search, not measured"),
        "{}",
        r.stderr
    );
}
