//! Bulk `jot verify -` fails closed: one verdict per input token, however many, and
//! verdicts stream out while stdin is still open (nothing waits for the whole input).

use crate::common::streamed_before_stdin_closes;
use crate::token_common::{keys, run_in, sign};

#[test]
fn bulk_verify_gives_exactly_one_verdict_per_token_in_a_large_stream() {
    let k = keys();
    let good = sign(&k.private("ES256"), &[]);
    let mut input = String::new();
    let n = 3000;
    for i in 0..n {
        // Valid, tampered, garbage and over-long lines, with blank lines between.
        match i % 4 {
            0 => input.push_str(&good),
            1 => input.push_str(&format!("{good}x")),
            2 => input.push_str("not a token"),
            _ => input.push_str(&"A".repeat(if i == 3 { 300_000 } else { 10 })),
        }
        input.push_str("\n\n");
    }
    let r = run_in(
        &[
            "verify",
            "-",
            "--key",
            &k.public("ES256"),
            "--now",
            "1700000010",
        ],
        input.as_bytes(),
    )
    .code(1);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), n, "one verdict per token");
    for (i, l) in lines.iter().enumerate() {
        let want = format!("line {}: ", 2 * i + 1);
        assert!(l.starts_with(&want), "{l}");
        assert_eq!(l.ends_with(": valid"), i % 4 == 0, "{l}");
    }
}

#[test]
fn bulk_verify_prints_verdicts_before_stdin_closes() {
    let k = keys();
    let good = sign(&k.private("ES256"), &[]);
    let key = k.public("ES256");
    let args = ["verify", "-", "--key", &key, "--now", "1700000010"];
    let (first, rest, ok) = streamed_before_stdin_closes(&args, &good, &good);
    assert_eq!(first, "line 1: valid");
    assert_eq!(rest, ["line 2: valid"]);
    assert!(ok);
}
