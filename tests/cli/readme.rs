//! README.md and docs/*.md examples work when pasted. Every shell block opened with
//! ```` ```sh runnable ```` runs, a document's blocks in order in one empty folder (as a
//! reader follows the page), with this build's `jot` first on PATH, a fixed clock (`--now`
//! added to every jot command that takes it and was not given one) and HOME in the folder;
//! no line may say `error:`, panic, or find a command or file missing. Exit 1 is a verdict
//! (crack exhausted, audit findings, an invalid token shown on purpose), not a failure.
//! Blocks that need the network, a server or a long run stay plain ```` ```sh ````; in the
//! README's tour, which shows such lines among the others, they are left out by a stated rule.

use std::path::Path;

use crate::common::{jot_path, tmp};

/// The marker after the fence that makes a block run.
const RUNNABLE: &str = "```sh runnable\n";

/// The clock the examples run at: fixed, so a doc example cannot pass today and fail later.
const NOW: &str = "2026-01-01T00:00:00Z";

/// Lines of the README's tour that need a host or never return: shown, not run.
const NEEDS_NETWORK_OR_RUNS_ON: &[&str] = &["--oidc", "jot probe", "jot serve"];

fn read(rel: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(rel))
        .unwrap_or_else(|e| panic!("read {rel}: {e}"))
}

/// The runnable blocks of a Markdown text, in order.
fn runnable_blocks(doc: &str) -> Vec<String> {
    doc.split(RUNNABLE)
        .skip(1)
        .map(|b| b.split("\n```").next().unwrap_or_default().to_owned())
        .map(|b| {
            b.lines()
                .filter(|l| !NEEDS_NETWORK_OR_RUNS_ON.iter().any(|n| l.contains(n)))
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect()
}

/// The jot subcommands (one or two words) that take `--now`, from the CLI definition.
fn takes_now() -> Vec<String> {
    fn walk(c: &clap::Command, prefix: &str, out: &mut Vec<String>) {
        for sub in c.get_subcommands() {
            let name = format!("{prefix}{}", sub.get_name());
            if sub.get_arguments().any(|a| a.get_long() == Some("now")) {
                out.push(name.clone());
            }
            walk(sub, &format!("{name} "), out);
        }
    }
    let mut out = Vec::new();
    // Derived subcommands add their arguments lazily: build them first.
    let mut cmd = jot::cli::command();
    cmd.build();
    walk(&cmd, "", &mut out);
    out
}

/// A shell function standing for `jot`: the real binary, with `--now NOW` added when the
/// subcommand takes it and the example did not give one.
fn fixed_clock_prelude() -> String {
    let cases: Vec<String> = takes_now()
        .iter()
        .map(|c| format!("\"{c}\"|\"{c} \"*"))
        .collect();
    format!(
        "jot() {{\n  case \" $* \" in *\" --now \"*|*\" --now=\"*) command jot \"$@\"; return;; esac\n  \
         case \"$*\" in {}) ;; *) command jot \"$@\"; return;; esac\n  \
         local words=1; case \"$1 $2\" in {}) words=2;; esac\n  \
         command jot \"${{@:1:$words}}\" --now {NOW} \"${{@:$((words + 1))}}\"\n}}\n",
        cases.join("|"),
        takes_now()
            .iter()
            .filter(|c| c.contains(' '))
            .map(|c| format!("\"{c}\""))
            .collect::<Vec<_>>()
            .join("|"),
    )
}

/// Run `blocks` (one document's) in order in one empty folder; the stderr problems found.
fn run_blocks(name: &str, blocks: &[String]) -> Vec<String> {
    let d = tmp();
    let bin_dir = jot_path().parent().unwrap();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let script = format!("{}\n{}", fixed_clock_prelude(), blocks.join("\n"));
    let out = std::process::Command::new("timeout")
        .args(["300", "bash", "-c", &script])
        .current_dir(d.path())
        .env("PATH", path)
        .env("NO_COLOR", "1")
        .env("HOME", d.path())
        .output()
        .expect("run bash");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let problems: Vec<String> = stderr
        .lines()
        .filter(|l| {
            l.starts_with("error:")
                || l.contains("panicked")
                || l.contains("command not found")
                || l.contains("No such file or directory")
        })
        .map(|l| format!("{name}: {l}"))
        .collect();
    assert_ne!(out.status.code(), Some(124), "{name}: timed out\n{stderr}");
    if !problems.is_empty() {
        eprintln!("{name} stderr:\n{stderr}");
    }
    problems
}

#[test]
fn readme_quickstart_runs_when_pasted() {
    let blocks = runnable_blocks(&read("README.md"));
    assert!(
        blocks.iter().any(|b| b.lines().count() > 40),
        "the Quickstart block is not marked runnable, or lost its lines"
    );
    let problems = run_blocks("README.md", &blocks);
    assert!(problems.is_empty(), "{problems:#?}");
}

/// Every runnable block of docs/*.md, each document in its own folder; the count of blocks
/// run is printed (and must not shrink below what was marked when this test was written).
#[test]
fn doc_examples_run_when_pasted() {
    let mut docs: Vec<_> = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs"))
        .expect("docs/")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    let (mut ran, mut problems) = (0, Vec::new());
    for doc in docs {
        let text = std::fs::read_to_string(&doc).expect("read a doc");
        let blocks = runnable_blocks(&text);
        if blocks.is_empty() {
            continue;
        }
        ran += blocks.len();
        let name = doc.file_name().unwrap().to_string_lossy().into_owned();
        problems.extend(run_blocks(&name, &blocks));
    }
    let readme = runnable_blocks(&read("README.md")).len();
    println!(
        "doc examples: {} runnable blocks run ({readme} in README.md)",
        ran + readme
    );
    assert!(problems.is_empty(), "{problems:#?}");
    assert!(ran >= 8, "only {ran} runnable blocks in docs/*.md");
}

#[test]
fn the_fixed_clock_reaches_every_jot_command_that_takes_now() {
    let names = takes_now();
    for want in ["sign", "verify", "decode", "dpop proof", "audit"] {
        assert!(names.iter().any(|n| n == want), "{want} not in {names:?}");
    }
    // Through the prelude, a token signed "now" carries the fixed iat.
    let blocks = vec!["jot sign --secret-file <(printf %032d 0) --sub a | jot decode - --json > d.json\n\
                       grep -q '\"iat\":1767225600' d.json || { echo 'error: clock not fixed' >&2; cat d.json >&2; }"
        .to_owned()];
    let problems = run_blocks("prelude", &blocks);
    assert!(problems.is_empty(), "{problems:#?}");
}

/// docs/ci.md's pre-commit `rev:` names a commit this repository has (no release tag exists
/// to name), as a full hash, the form pre-commit accepts as immutable.
#[test]
fn ci_doc_pre_commit_rev_is_a_commit_that_exists() {
    let doc = read("docs/ci.md");
    let rev = doc
        .lines()
        .find_map(|l| l.trim().strip_prefix("rev: "))
        .expect("a rev: line")
        .trim();
    assert!(
        rev.len() == 40 && rev.bytes().all(|b| b.is_ascii_hexdigit()),
        "{rev:?} is not a full commit hash"
    );
    let out = std::process::Command::new("git")
        .args(["cat-file", "-e", &format!("{rev}^{{commit}}")])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run git");
    assert!(
        out.status.success(),
        "{rev} is not a commit of this repository"
    );
    assert!(
        !doc.contains("--tag"),
        "docs/ci.md still installs from a tag"
    );
}
