//! The rotation state machine run against real directories with a fixed `now`: lifecycle,
//! grace, algorithm change, dry run, damaged sets, permissions, and interrupted runs.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use super::*;
use crate::alg::Alg;
use crate::files::mode_of;
use crate::keys::{self, KeyInput, ReadOptions};

const DAY: i64 = 86_400;
const T0: i64 = 1_700_000_000;

fn opts(now: i64) -> RotateOptions {
    RotateOptions {
        alg: None,
        grace: 3 * DAY,
        now,
        dry_run: false,
        archive: false,
        fix_permissions: false,
    }
}

fn rot(dir: &Path, now: i64) -> Outcome {
    rotate(dir, &opts(now)).expect("rotate")
}

fn states(m: &Manifest) -> Vec<(String, State)> {
    m.keys.iter().map(|e| (e.kid.clone(), e.state)).collect()
}

fn kid_of(m: &Manifest, s: State) -> String {
    m.one(s).expect("state present").kid.clone()
}

fn count(m: &Manifest, s: State) -> usize {
    m.keys.iter().filter(|e| e.state == s).count()
}

fn jwks_kids(dir: &Path) -> Vec<String> {
    let bytes = fs::read(dir.join(JWKS)).expect("jwks.json");
    match keys::read(&bytes, &ReadOptions::default()).expect("parse jwks") {
        KeyInput::Set(v) => v.into_iter().map(|k| k.kid.expect("kid")).collect(),
        KeyInput::Single(_) | KeyInput::Bundle(_) => panic!("jwks.json is not a set"),
    }
}

/// Every file under `dir` with its bytes and mode, to prove a run changed nothing.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (Vec<u8>, Option<u32>)> {
    let mut out = BTreeMap::new();
    if !dir.exists() {
        return out;
    }
    out.insert(dir.to_path_buf(), (Vec::new(), mode_of(dir)));
    for e in fs::read_dir(dir).expect("read_dir") {
        let p = e.expect("entry").path();
        if p.is_dir() {
            out.extend(snapshot(&p));
        } else {
            out.insert(p.clone(), (fs::read(&p).expect("read"), mode_of(&p)));
        }
    }
    out
}

#[test]
fn first_run_creates_an_active_and_a_next_key_privately() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("set");
    let out = rot(&dir, T0);
    assert_eq!(out.actions[0], Action::Create);
    let m = out.manifest;
    assert_eq!(count(&m, State::Active), 1);
    assert_eq!(count(&m, State::Next), 1);
    assert_eq!(m.keys.len(), 2);
    assert!(m.keys.iter().all(|e| e.alg == "ES256" && e.created == T0));
    assert_eq!(mode_of(&dir), Some(0o700));
    for e in &m.keys {
        assert_eq!(mode_of(&dir.join(e.file_name())), Some(0o600));
    }
    assert_eq!(store::read_manifest(&dir).unwrap(), Some(m.clone()));
    let published = fs::read_to_string(dir.join(JWKS)).unwrap();
    for member in keys::PRIVATE_MEMBERS {
        assert!(!published.contains(&format!("\"{member}\"")), "{member}");
    }
    assert_eq!(jwks_kids(&dir)[0], kid_of(&m, State::Active));
    let k = active_key(&dir).unwrap();
    assert_eq!(k.kid, Some(kid_of(&m, State::Active)));
    assert_eq!(k.alg.as_deref(), Some("ES256"));
    assert!(k.is_private());
}

#[test]
fn rotations_promote_retire_and_drop_exactly_when_grace_ends() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("set");
    let mut m = rot(&dir, T0).manifest;
    for day in 1..=8 {
        let (old_active, old_next) = (kid_of(&m, State::Active), kid_of(&m, State::Next));
        m = rot(&dir, T0 + day * DAY).manifest;
        assert_eq!(kid_of(&m, State::Active), old_next, "day {day}");
        let retired = m.keys.iter().find(|e| e.kid == old_active).unwrap();
        assert_eq!(retired.state, State::Retiring);
        assert_eq!(retired.expires, Some(T0 + day * DAY + 3 * DAY));
        // Keys retired on days d-1, d-2 and d itself remain; the one retired on d-3 is gone.
        assert_eq!(count(&m, State::Retiring), day.min(3) as usize, "day {day}");
        assert_eq!(count(&m, State::Removed), 0);
        let mut want: Vec<String> = m.published().iter().map(|e| e.kid.clone()).collect();
        let mut got = jwks_kids(&dir);
        want.sort();
        got.sort();
        assert_eq!(got, want, "jwks.json matches the manifest on day {day}");
        let files = store::file_names(&dir).unwrap();
        assert_eq!(
            files.iter().filter(|f| f.ends_with(".jwk")).count(),
            m.keys.len()
        );
    }
    // One second before a key's grace ends it stays; at the second it ends it goes.
    let oldest = m
        .keys
        .iter()
        .filter(|e| e.state == State::Retiring)
        .min_by_key(|e| e.expires)
        .unwrap()
        .clone();
    let end = oldest.expires.unwrap();
    let m2 = rot(&dir, end - 1).manifest;
    assert!(m2.keys.iter().any(|e| e.kid == oldest.kid));
    let out = rot(&dir, end);
    assert!(out.manifest.keys.iter().all(|e| e.kid != oldest.kid));
    assert!(out.actions.iter().any(
        |a| matches!(a, Action::Remove { kid, expired, .. } if *kid == oldest.kid && *expired == end)
    ));
    assert!(!dir.join(oldest.file_name()).exists());
    assert!(!jwks_kids(&dir).contains(&oldest.kid));
}

#[test]
fn an_algorithm_change_publishes_the_new_key_before_it_signs() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("set");
    let m0 = rot(&dir, T0).manifest;
    let o = RotateOptions {
        alg: Some(Alg::EdDSA),
        ..opts(T0 + DAY)
    };
    let out = rotate(&dir, &o).unwrap();
    let m1 = &out.manifest;
    // The old next (ES256, already published) signs; the EdDSA key is published as next.
    assert_eq!(kid_of(m1, State::Active), kid_of(&m0, State::Next));
    assert_eq!(m1.one(State::Active).unwrap().alg, "ES256");
    assert_eq!(m1.one(State::Next).unwrap().alg, "EdDSA");
    assert!(out.actions.contains(&Action::AlgChange {
        from: Alg::ES256,
        to: Alg::EdDSA
    }));
    // Without --alg the set keeps rotating in its newest algorithm.
    let m2 = rot(&dir, T0 + 2 * DAY).manifest;
    assert_eq!(m2.one(State::Active).unwrap().alg, "EdDSA");
    assert_eq!(m2.one(State::Next).unwrap().alg, "EdDSA");
    assert_eq!(active_key(&dir).unwrap().alg.as_deref(), Some("EdDSA"));
}

#[test]
fn hmac_algorithms_are_refused_for_a_set() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("set");
    let o = RotateOptions {
        alg: Some(Alg::HS256),
        ..opts(T0)
    };
    let err = rotate(&dir, &o).unwrap_err().to_string();
    assert!(err.contains("public half"), "{err}");
    assert!(!dir.exists());
}

#[test]
fn a_dry_run_changes_no_byte() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("set");
    let dry = |now| RotateOptions {
        dry_run: true,
        ..opts(now)
    };
    let out = rotate(&dir, &dry(T0)).unwrap();
    assert!(out.dry_run && out.actions.contains(&Action::Create));
    assert!(!dir.exists(), "a dry run on a new set creates nothing");
    rot(&dir, T0);
    rot(&dir, T0 + DAY);
    // Leave debris of an interrupted run, and a key due for removal.
    fs::write(dir.join(format!("{}.jwk", "o".repeat(43))), "{}").unwrap();
    let before = snapshot(&dir);
    let out = rotate(&dir, &dry(T0 + 10 * DAY)).unwrap();
    assert!(out
        .actions
        .iter()
        .any(|a| matches!(a, Action::Remove { .. })));
    assert!(out
        .actions
        .iter()
        .any(|a| matches!(a, Action::DeleteOrphan { .. })));
    assert_eq!(snapshot(&dir), before);
}

#[test]
fn a_damaged_set_is_refused_by_name_and_left_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("set");
    let m = rot(&dir, T0).manifest;
    let good = fs::read_to_string(dir.join(MANIFEST)).unwrap();
    let active = kid_of(&m, State::Active);
    let next = kid_of(&m, State::Next);
    let cases: Vec<(String, &str)> = vec![
        ("{\"format\": ".into(), "manifest.json"),
        (good.replace("\"next\"", "\"standby\""), "unknown variant"),
        (
            good.replace(
                "\"state\": \"next\"",
                "\"state\": \"active\", \"activated\": 5",
            ),
            "exactly one active",
        ),
        (good.replace(&next, "../../etc/passwd"), "path separator"),
        (good.replace(&next, "gone"), "gone.jwk is missing"),
        (good.replace("ES256", "HS256"), "HMAC"),
    ];
    for (text, want) in cases {
        fs::write(dir.join(MANIFEST), &text).unwrap();
        let before = snapshot(&dir);
        let err = rotate(&dir, &opts(T0 + DAY)).unwrap_err().to_string();
        assert!(err.contains(want), "{want}: {err}");
        assert!(err.contains("manifest.json"), "names the file: {err}");
        assert_eq!(snapshot(&dir), before, "{want}");
    }
    // A key file that does not hold what the manifest says.
    fs::write(dir.join(MANIFEST), &good).unwrap();
    let key_file = dir.join(format!("{active}.jwk"));
    let saved = fs::read(&key_file).unwrap();
    fs::write(&key_file, "not a key").unwrap();
    let before = snapshot(&dir);
    let err = rotate(&dir, &opts(T0 + DAY)).unwrap_err().to_string();
    assert!(err.contains(&format!("{active}.jwk")), "{err}");
    assert_eq!(snapshot(&dir), before);
    fs::write(&key_file, saved).unwrap();
    rot(&dir, T0 + DAY);
}

#[test]
fn a_directory_without_a_manifest_is_not_taken_over() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("notes.txt"), "mine").unwrap();
    let before = snapshot(tmp.path());
    let err = rotate(tmp.path(), &opts(T0)).unwrap_err().to_string();
    assert!(err.contains("not a key set"), "{err}");
    assert!(err.contains(MANIFEST), "{err}");
    assert_eq!(snapshot(tmp.path()), before);
    assert!(list(tmp.path()).is_err());
    assert!(active_key(tmp.path()).is_err());
}

#[cfg(unix)]
#[test]
fn readable_key_files_are_refused_unless_fixed() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("set");
    let m = rot(&dir, T0).manifest;
    let key_file = dir.join(m.one(State::Next).unwrap().file_name());
    store::chmod(&key_file, 0o644).unwrap();
    let before = snapshot(&dir);
    let err = rotate(&dir, &opts(T0 + DAY)).unwrap_err().to_string();
    assert!(err.contains("0644") && err.contains(".jwk"), "{err}");
    assert_eq!(snapshot(&dir), before);
    store::chmod(&dir, 0o755).unwrap();
    let o = RotateOptions {
        fix_permissions: true,
        ..opts(T0 + DAY)
    };
    let out = rotate(&dir, &o).unwrap();
    let fixes = out
        .actions
        .iter()
        .filter(|a| matches!(a, Action::FixPermissions { .. }))
        .count();
    assert_eq!(fixes, 2);
    assert_eq!(mode_of(&key_file), Some(0o600));
    assert_eq!(mode_of(&dir), Some(0o700));
    store::chmod(
        &dir.join(kid_of(&out.manifest, State::Active) + ".jwk"),
        0o640,
    )
    .unwrap();
    assert!(active_key(&dir).is_err());
}

#[test]
fn an_interrupted_run_is_rolled_back_or_finished() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("set");
    rot(&dir, T0);
    // Crash after writing a new key and the union jwks.json, before the commit.
    let stray = keys::generate(Alg::ES256, None, None).unwrap();
    store::write_key(&dir, &stray).unwrap();
    let stray_kid = stray.kid.clone().unwrap();
    fs::write(dir.join(".jot-tmp-abc"), "half").unwrap();
    fs::write(dir.join(JWKS), "{\"keys\":[]}").unwrap();
    let out = rot(&dir, T0 + DAY);
    assert!(out.actions.contains(&Action::DeleteOrphan {
        file: format!("{stray_kid}.jwk")
    }));
    assert!(out.actions.contains(&Action::RegenerateJwks));
    assert!(!dir.join(format!("{stray_kid}.jwk")).exists());
    assert!(!dir.join(".jot-tmp-abc").exists());
    // Crash after the commit, before the clean-up: a removed key still has its file.
    let mut m = out.manifest;
    let retiring = m
        .keys
        .iter_mut()
        .find(|e| e.state == State::Retiring)
        .unwrap();
    retiring.state = State::Removed;
    retiring.removed = Some(T0 + DAY);
    retiring.archive = true;
    let gone = retiring.kid.clone();
    store::write_manifest(&dir, &m).unwrap();
    let out = rot(&dir, T0 + 2 * DAY);
    assert!(out.actions.contains(&Action::FinishRemoval {
        kid: gone.clone(),
        archive: true
    }));
    assert!(dir.join(ARCHIVE).join(format!("{gone}.jwk")).exists());
    assert_eq!(mode_of(&dir.join(ARCHIVE)), Some(0o700));
    assert!(out.manifest.keys.iter().all(|e| e.kid != gone));
    assert!(!jwks_kids(&dir).contains(&gone));
}

#[test]
fn files_jot_did_not_name_are_left_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("set");
    rot(&dir, T0);
    fs::write(dir.join("my-backup.jwk"), "mine").unwrap();
    fs::write(dir.join("README"), "mine").unwrap();
    rot(&dir, T0 + DAY);
    assert_eq!(fs::read(dir.join("my-backup.jwk")).unwrap(), b"mine");
    assert_eq!(fs::read(dir.join("README")).unwrap(), b"mine");
}

#[test]
fn an_interrupted_first_run_is_completed() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("set");
    store::create_dir(&dir).unwrap();
    store::write_manifest(&dir, &Manifest::empty()).unwrap();
    let stray = keys::generate(Alg::ES256, None, None).unwrap();
    store::write_key(&dir, &stray).unwrap();
    assert!(active_key(&dir)
        .unwrap_err()
        .to_string()
        .contains("no keys"));
    let m = rot(&dir, T0).manifest;
    assert_eq!(m.keys.len(), 2);
    assert!(!dir.join(format!("{}.jwk", stray.kid.unwrap())).exists());
}

#[test]
fn archive_keeps_dropped_private_keys_out_of_the_set() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("set");
    let first = kid_of(&rot(&dir, T0).manifest, State::Active);
    rot(&dir, T0 + DAY);
    let o = RotateOptions {
        archive: true,
        ..opts(T0 + 5 * DAY)
    };
    rotate(&dir, &o).unwrap();
    let archived = dir.join(ARCHIVE).join(format!("{first}.jwk"));
    assert_eq!(mode_of(&archived), Some(0o600));
    assert!(!dir.join(format!("{first}.jwk")).exists());
    assert!(!jwks_kids(&dir).contains(&first));
    assert_eq!(store::read_manifest(&dir).unwrap().unwrap().keys.len(), 3);
}

#[test]
fn states_listing_matches_the_manifest() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("set");
    let m = rot(&dir, T0).manifest;
    assert_eq!(states(&list(&dir).unwrap()), states(&m));
    let jwks = public_jwks(&dir).unwrap();
    assert_eq!(jwks, fs::read(dir.join(JWKS)).unwrap());
}
