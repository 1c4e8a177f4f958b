//! Several `jot rotate` processes on one set at once: the lock serialises them, so no key is
//! lost or duplicated and no file is left half-written.

use std::fs;
use std::process::Command;

use jot::keyset::State;

use super::{bin, jwks_kids, manifest, T0};

const PROCESSES: usize = 4;
const ROUNDS: usize = 5;

#[test]
fn concurrent_rotations_neither_lose_nor_duplicate_keys() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("keys");
    std::thread::scope(|s| {
        for p in 0..PROCESSES {
            let dir = &dir;
            s.spawn(move || {
                for r in 0..ROUNDS {
                    let now = T0 + (r * PROCESSES + p) as i64;
                    let out = Command::new(bin())
                        .args([
                            "rotate",
                            "--alg",
                            "EdDSA",
                            "--now",
                            &now.to_string(),
                            "--dir",
                        ])
                        .arg(dir)
                        .output()
                        .expect("spawn");
                    assert!(
                        out.status.success(),
                        "{}",
                        String::from_utf8_lossy(&out.stderr)
                    );
                }
            });
        }
    });
    let m = manifest(&dir);
    let runs = PROCESSES * ROUNDS;
    // One run created the set (two keys); every other run added one.
    assert_eq!(m.keys.len(), runs + 1);
    let count = |s| m.keys.iter().filter(|e| e.state == s).count();
    assert_eq!((count(State::Active), count(State::Next)), (1, 1));
    assert_eq!(count(State::Retiring), runs - 1);
    let mut files: Vec<String> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let mut want: Vec<String> = m.keys.iter().map(|e| format!("{}.jwk", e.kid)).collect();
    want.extend([".lock", "jwks.json", "manifest.json"].map(String::from));
    want.sort();
    assert_eq!(files, want, "no orphan, temp or missing file");
    let mut published = jwks_kids(&dir);
    published.sort();
    published.dedup();
    assert_eq!(published.len(), m.keys.len());
    // Every key file is whole and matches its entry.
    let listed = jot::keyset::list(&dir).expect("the set checks out");
    assert_eq!(listed, m);
    let publish = jot::keyset::public_jwks(&dir).unwrap();
    assert_eq!(publish, fs::read(dir.join("jwks.json")).unwrap());
}
