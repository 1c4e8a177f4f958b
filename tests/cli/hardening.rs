//! The built `jot` binary keeps full ASLR and read-only relocations (issue 17): on
//! Linux/glibc it is a position-independent executable (ELF type DYN) linked with full
//! RELRO (a GNU_RELRO segment, and BIND_NOW so the GOT is bound at start and then
//! sealed). Checked with binutils' `readelf`, an independent reader of the ELF file; without
//! readelf the test skips, except in CI (`CI=true`), where a missing one is a failure.

use crate::common::jot_path;

/// `readelf ARGS jot`, or `None` when readelf is not installed (a failure in CI).
fn readelf(args: &[&str]) -> Option<String> {
    match std::process::Command::new("readelf")
        .args(args)
        .arg(jot_path())
        .env("LC_ALL", "C")
        .output()
    {
        Ok(o) => {
            assert!(o.status.success(), "readelf {args:?}: {o:?}");
            Some(String::from_utf8_lossy(&o.stdout).into_owned())
        }
        Err(e) => {
            assert!(
                !std::env::var("CI").is_ok_and(|v| v == "true"),
                "CI=true but readelf cannot run ({e}): install binutils"
            );
            eprintln!("readelf is not installed ({e}): skipping the hardening check");
            None
        }
    }
}

#[test]
fn jot_binary_is_pie_with_full_relro() {
    if !cfg!(all(target_os = "linux", target_env = "gnu")) {
        return;
    }
    let Some(header) = readelf(&["-h"]) else {
        return;
    };
    let kind = header
        .lines()
        .find(|l| l.trim_start().starts_with("Type:"))
        .expect("an ELF type line");
    assert!(kind.contains("DYN"), "not position-independent: {kind}");
    let Some(dynamic) = readelf(&["-d"]) else {
        return;
    };
    let now = dynamic.lines().any(|l| {
        (l.contains("(FLAGS_1)") && l.contains(" NOW"))
            || (l.contains("(FLAGS)") && l.contains("BIND_NOW"))
            || l.contains("(BIND_NOW)")
    });
    assert!(now, "not linked with -z now:\n{dynamic}");
    assert!(
        dynamic.contains("(FLAGS_1)") && dynamic.contains("PIE"),
        "no PIE flag:\n{dynamic}"
    );
    let Some(segments) = readelf(&["-l", "-W"]) else {
        return;
    };
    assert!(
        segments.contains("GNU_RELRO"),
        "no GNU_RELRO segment:\n{segments}"
    );
}
