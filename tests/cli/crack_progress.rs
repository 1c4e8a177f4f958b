//! `jot crack`'s long-work feedback (issue 22): the progress line on a terminal (bar,
//! percent, count and rate with thousands separators, ETA; wordlists by bytes read; stdin
//! with no percent), nothing of it when stderr is piped, and SIGTERM stopping the search
//! with the `--skip N` resume point, which finds the secret when resumed. The terminal is
//! util-linux `script`'s pseudo-terminal; the searches stay small (debug build).

use std::process::{Command, Stdio};
use std::time::Duration;

use crate::audit_common::*;
use crate::common::{jot_path, shown_on_a_terminal, tmp};

/// A search the debug build needs a few seconds for (the first line is drawn after 250 ms,
/// so a search over in less never shows one): 200,000 masks that all miss.
fn slow_search(token: &str) -> String {
    format!(
        "{} crack {token} --mask '?l?l?l?l' --limit 200000 --no-builtin",
        jot_path().display()
    )
}

#[test]
fn crack_draws_a_progress_line_on_a_terminal_and_nothing_when_piped() {
    let token = sign_with_secret("Zz9-not-in-the-mask", &[]);
    let Some(shown) = shown_on_a_terminal(&slow_search(&token)) else {
        return;
    };
    // Redrawn in place: \r, then the bar, percent, count, rate and time left.
    assert!(shown.contains("\r["), "{shown:?}");
    assert!(shown.contains("%  "), "{shown:?}");
    assert!(shown.contains(" H/s  ETA "), "{shown:?}");
    // The closing count and the verdict, with thousands separators.
    assert!(shown.contains("crack: 200,000 candidates in "), "{shown:?}");
    assert!(shown.contains("200,000 candidates tried"), "{shown:?}");
    // A terminal that cannot erase a line gets the verdict only.
    let dumb = shown_on_a_terminal(&format!("TERM=dumb {}", slow_search(&token)));
    let dumb = dumb.expect("script ran before");
    assert!(
        !dumb.contains("H/s") && dumb.contains("200,000 candidates tried"),
        "{dumb:?}"
    );
    let piped = Command::new("sh")
        .args(["-c", &slow_search(&token)])
        .output()
        .expect("run jot");
    let err = String::from_utf8_lossy(&piped.stderr);
    assert_eq!(piped.status.code(), Some(1), "{err}");
    assert!(!err.contains('\r') && !err.contains("H/s"), "{err:?}");
    assert!(err.contains("200,000 candidates tried"), "{err}");
}

#[test]
fn crack_measures_a_wordlist_by_bytes_read_and_stdin_by_count_alone() {
    let dir = tmp();
    let words: String = (0..400_000).map(|i| format!("word{i}\n")).collect();
    let list = write(dir.path(), "words.txt", &words);
    let token = sign_with_secret("Zz9-not-in-the-list", &[]);
    let jot = jot_path().display().to_string();
    let file = format!("{jot} crack {token} --wordlist {list} --no-builtin --no-transforms");
    let Some(shown) = shown_on_a_terminal(&file) else {
        return;
    };
    assert!(shown.contains("%  ") && shown.contains(" H/s"), "{shown:?}");
    assert!(shown.contains("400,000 candidates tried"), "{shown:?}");
    let stdin = format!("{jot} crack {token} --wordlist - --no-builtin --no-transforms < {list}");
    let shown = shown_on_a_terminal(&stdin).expect("script ran before");
    assert!(
        shown.contains(" tried  ") && shown.contains(" H/s"),
        "{shown:?}"
    );
    assert!(!shown.contains('%') && !shown.contains("ETA"), "{shown:?}");
}

/// The `N` of `resume with --skip N`.
fn resume_point(stderr: &str) -> String {
    let (_, tail) = stderr
        .split_once("resume with --skip ")
        .unwrap_or_else(|| panic!("no resume point in {stderr:?}"));
    tail.split_whitespace().next().expect("a number").to_owned()
}

#[test]
fn sigterm_stops_crack_with_a_resume_point_that_finds_the_secret() {
    // Index 60,000 of ?d^6: far beyond what one debug thread tries before the signal.
    let token = sign_with_secret("060000", &[]);
    let args = ["crack", &token, "--mask", "?d?d?d?d?d?d", "--no-builtin"];
    let child = Command::new(jot_path())
        .args(args)
        .args(["--threads", "1"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn jot");
    std::thread::sleep(Duration::from_millis(300));
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(killed.success());
    let out = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{stderr}");
    let skip = resume_point(&stderr);
    assert!(skip.parse::<u64>().is_ok_and(|n| n < 60_000), "{skip}");
    let resumed = run(&[&args[..], &["--skip", &skip]].concat());
    assert_eq!(
        (resumed.code, resumed.stdout.as_str()),
        (0, "060000\n"),
        "{}",
        resumed.stderr
    );
}

#[test]
fn sigterm_stops_crack_on_a_stalled_stdin_wordlist() {
    let token = sign_with_secret("Zz9-not-in-the-list", &[]);
    let mut child = Command::new(jot_path())
        .args(["crack", &token, "--wordlist", "-", "--no-builtin"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn jot");
    // A few lines, then stdin stays open with nothing more: the producer stalled.
    let mut stdin = child.stdin.take().expect("stdin");
    std::io::Write::write_all(&mut stdin, b"one\ntwo\n").expect("write");
    std::thread::sleep(Duration::from_millis(500));
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(killed.success());
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if started.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            panic!("crack hung on SIGTERM while stdin stalled");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    drop(stdin);
    let mut err = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
    assert_eq!(status.code(), Some(130), "{err}");
    assert_eq!(resume_point(&err), "0", "{err}");
}
