//! The checked-in generated files, `completions/jot.*` and `docs/man/*.1`, must equal what
//! the current CLI definition generates; `UPDATE_GENERATED=1` rewrites them instead.

use std::path::{Path, PathBuf};

use clap_complete::Shell;

const HOW_TO_UPDATE: &str = "run `UPDATE_GENERATED=1 cargo test --test cli generated`";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn updating() -> bool {
    std::env::var_os("UPDATE_GENERATED").is_some_and(|v| v == "1")
}

/// Compare each expected file with the one on disk (or write it when updating); also flag
/// files in `dir` with `ext` that nothing generates any more. Returns the problems found.
fn check(dir: &Path, ext: &str, expected: &[(PathBuf, Vec<u8>)]) -> Vec<String> {
    let mut problems = Vec::new();
    if updating() {
        std::fs::create_dir_all(dir).expect("create the generated-files directory");
    }
    for (path, want) in expected {
        let have = std::fs::read(path).ok();
        if have.as_deref() == Some(want.as_slice()) {
            continue;
        }
        if updating() {
            std::fs::write(path, want).expect("write a generated file");
        } else {
            let what = if have.is_some() {
                "is stale"
            } else {
                "is missing"
            };
            problems.push(format!("{} {what}", path.display()));
        }
    }
    let stray = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .filter(|p| !expected.iter().any(|(q, _)| q == p));
    for p in stray {
        if updating() {
            std::fs::remove_file(&p).expect("remove a stray generated file");
        } else {
            problems.push(format!("{} is no longer generated", p.display()));
        }
    }
    problems
}

fn assert_clean(problems: Vec<String>) {
    assert!(
        problems.is_empty(),
        "generated files differ from the CLI definition:\n  {}\n{HOW_TO_UPDATE}",
        problems.join("\n  ")
    );
}

#[test]
fn generated_completions_match_the_cli() {
    let dir = root().join("completions");
    let shells = [
        (Shell::Bash, "bash"),
        (Shell::Zsh, "zsh"),
        (Shell::Fish, "fish"),
        (Shell::PowerShell, "ps1"),
        (Shell::Elvish, "elv"),
    ];
    let expected: Vec<_> = shells
        .iter()
        .map(|(shell, ext)| {
            (
                dir.join(format!("jot.{ext}")),
                jot::completion_script(*shell),
            )
        })
        .collect();
    for (path, body) in &expected {
        assert!(!body.is_empty(), "{} generated empty", path.display());
    }
    let mut problems = Vec::new();
    for (_, ext) in shells {
        let one: Vec<_> = expected
            .iter()
            .filter(|(p, _)| p.extension().is_some_and(|e| e == ext))
            .cloned()
            .collect();
        problems.extend(check(&dir, ext, &one));
    }
    assert_clean(problems);
}

#[test]
fn generated_man_pages_match_the_cli() {
    let dir = root().join("docs/man");
    let expected: Vec<_> = jot::man_pages()
        .into_iter()
        .map(|(name, roff)| (dir.join(name), roff))
        .collect();
    assert!(
        expected.iter().any(|(p, _)| p.ends_with("jot.1")),
        "no top-level jot.1 page generated"
    );
    assert_clean(check(&dir, "1", &expected));
}

/// Man pages show examples as written: every indented example line of a checked-in page
/// sits between `.nf` and `.fi` (filled, they ran together into one justified paragraph).
#[test]
fn man_page_examples_render_unjustified() {
    let dir = root().join("docs/man");
    let mut examples = 0;
    for entry in std::fs::read_dir(&dir).expect("docs/man").flatten() {
        let text = std::fs::read_to_string(entry.path()).expect("read a man page");
        let mut fill = true;
        for line in text.lines() {
            match line {
                ".nf" => fill = false,
                ".fi" => fill = true,
                l if l.starts_with("  jot ") => {
                    examples += 1;
                    assert!(!fill, "{}: {l:?} is filled", entry.path().display());
                }
                _ => {}
            }
        }
    }
    assert!(examples > 20, "only {examples} example lines found");
}
