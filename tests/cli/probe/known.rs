//! The attacks issue 19 added or widened, each against a server of tests/servers/vuln.py
//! that falls for exactly it: found with no false positive, every verdict matching the
//! server's own decision log.

use super::{finds, lab::lab};

/// A kid path filter refusing `../` and absolute paths, which URL-decodes afterwards and
/// strips the file it reads (`Linux`, not `Linux\n`), is passed by an encoded traversal
/// signed with the stripped content.
#[test]
fn kid_traversal_behind_a_dotdot_filter_reading_a_stripped_file_is_found() {
    let r = finds("kid-file-strip", &lab().hs, &[], &["kid-traversal"]);
    let t = r["attacks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["attack"] == "kid-traversal")
        .unwrap();
    let hits: Vec<&str> = t["variants"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|v| v["verdict"] == "accepted")
        .map(|v| v["variant"].as_str().unwrap())
        .collect();
    assert!(!hits.is_empty());
    assert!(
        hits.iter()
            .all(|v| v.contains("stripped") && v.contains("%2")),
        "{hits:?}"
    );
}
