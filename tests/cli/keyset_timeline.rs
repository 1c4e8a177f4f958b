//! `jot keyset list` as a timeline (issue 22): each key's states and the dates it entered
//! them, as text (the default on a terminal; `--format timeline`) and as an SVG picture
//! (`--format svg`) that is well-formed XML with no scripts and the same bytes for the same
//! set and `--now`. Kids are random thumbprints, so snapshots name them by lane.

use std::path::Path;
use std::process::Command;

use crate::common::{jot, jot_path, tmp};
use crate::keyset::{manifest, rotate, DAY, T0};

/// A set rotated three times (grace 3 days): on day 0 (first run), 1 and 2.
fn three_rotations(dir: &Path) {
    for day in [0, 1, 2] {
        rotate(dir, T0 + day * DAY);
    }
}

/// `jot keyset list DIR ARGS…` piped: stdout.
fn list(dir: &Path, args: &[&str]) -> String {
    let out = jot()
        .args(["keyset", "list"])
        .arg(dir)
        .args(args)
        .output()
        .expect("run jot");
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// The output with each kid (oldest key first) named `key-1`, `key-2`…: in full, and as
/// the chart's shortened kid (padded so the columns stay where they were).
fn named_by_lane(dir: &Path, text: &str) -> String {
    let mut keys = manifest(dir).keys;
    keys.sort_by_key(|e| (e.created, e.activated.unwrap_or(i64::MAX), e.kid.clone()));
    let mut out = text.to_owned();
    for (i, e) in keys.iter().enumerate() {
        let name = format!("key-{}", i + 1);
        let short: String = e.kid.chars().take(10).chain(['…']).collect();
        out = out.replace(&short, &format!("{name:<11}"));
        out = out.replace(&e.kid, &name);
    }
    out
}

#[test]
fn keyset_list_draws_a_timeline_of_each_keys_states() {
    let d = tmp();
    let dir = d.path().join("keys");
    three_rotations(&dir);
    let now = (T0 + 3 * DAY).to_string();
    let text = list(&dir, &["--format", "timeline", "--now", &now]);
    insta::assert_snapshot!("timeline_text", named_by_lane(&dir, &text));
}

#[test]
fn keyset_list_shows_the_timeline_on_a_terminal_and_the_table_when_piped() {
    let d = tmp();
    let dir = d.path().join("keys");
    three_rotations(&dir);
    let shell = format!("{} keyset list {}", jot_path().display(), dir.display());
    let Some(shown) = crate::common::shown_on_a_terminal(&shell) else {
        return;
    };
    assert!(shown.contains("Key set timeline at "), "{shown}");
    assert!(shown.contains("▲ now"), "{shown}");
    let piped = list(&dir, &[]);
    assert!(piped.starts_with("KID  "), "{piped}");
    assert!(!piped.contains("timeline"), "{piped}");
}

#[test]
fn keyset_list_svg_is_well_formed_self_contained_and_byte_stable() {
    let d = tmp();
    let dir = d.path().join("keys");
    three_rotations(&dir);
    let now = (T0 + 3 * DAY).to_string();
    let svg = list(&dir, &["--format", "svg", "--now", &now]);
    assert_eq!(svg, list(&dir, &["--format", "svg", "--now", &now]));
    // Self-contained and inert: no scripts, event handlers or outside references.
    for banned in ["<script", "href", "url(", "<foreignObject"] {
        assert!(!svg.contains(banned), "{banned}");
    }
    assert!(
        !svg.split_whitespace()
            .any(|w| w.starts_with("on") && w.contains('=')),
        "an event handler attribute"
    );
    // Parsed by an independent XML parser (Python's), which also counts the key bars.
    let check = "import sys, xml.etree.ElementTree as E\n\
        root = E.fromstring(sys.stdin.read())\n\
        ns = '{http://www.w3.org/2000/svg}'\n\
        assert root.tag == ns + 'svg', root.tag\n\
        print(len(root.findall(ns + 'circle')))";
    let mut py = Command::new("python3")
        .args(["-c", check])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("python3");
    use std::io::Write;
    py.stdin.take().unwrap().write_all(svg.as_bytes()).unwrap();
    let out = py.wait_with_output().unwrap();
    assert!(out.status.success(), "{svg}");
    // One circle per state entered (or due: a retiring key's removal).
    let steps: usize = manifest(&dir)
        .keys
        .iter()
        .map(|e| {
            usize::from(e.activated != Some(e.created))
                + usize::from(e.activated.is_some())
                + 2 * usize::from(e.retired.is_some())
        })
        .sum();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        steps.to_string()
    );
    insta::assert_snapshot!("timeline_svg", named_by_lane(&dir, &svg));
}
