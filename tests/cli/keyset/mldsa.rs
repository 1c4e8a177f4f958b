//! A key set that rotates from ES256 into ML-DSA-65 (issue 20): during the grace both kinds
//! stand in one JWKS, tokens of each verify against it (one at a time and in bulk), and the
//! published set holds no private member of the ML-DSA key (`priv`).

use super::*;

fn rotate_with(dir: &Path, now: i64, alg: &str) {
    jot()
        .args(["rotate", "--grace", "3d", "--alg", alg, "--now"])
        .arg(now.to_string())
        .arg("--dir")
        .arg(dir)
        .assert()
        .success();
}

#[test]
fn a_set_rotating_from_es256_into_ml_dsa_verifies_both_during_the_grace() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("keys");
    rotate_with(&dir, T0, "ES256");
    let (classic, _) = sign(&dir, T0 + DAY, 3 * DAY);
    rotate_with(&dir, T0 + DAY, "ML-DSA-65");
    rotate_with(&dir, T0 + 2 * DAY, "ML-DSA-65");
    let active = jot::keyset::active_key(&dir).expect("active key");
    assert_eq!(active.alg.as_deref(), Some("ML-DSA-65"));
    let (pq, _) = sign(&dir, T0 + 2 * DAY, DAY);

    let jwks = fs::read(dir.join("jwks.json")).unwrap();
    assert!(
        verifies(&jwks, &classic),
        "the retiring ES256 key left too early"
    );
    assert!(
        verifies(&jwks, &pq),
        "the active ML-DSA key is not published"
    );
    let doc: serde_json::Value = serde_json::from_slice(&jwks).unwrap();
    let ktys: Vec<&str> = doc["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["kty"].as_str().unwrap())
        .collect();
    assert!(ktys.contains(&"EC") && ktys.contains(&"AKP"), "{ktys:?}");
    assert!(!String::from_utf8_lossy(&jwks).contains("\"priv\""));

    let out = jot()
        .args(["verify", "-", "--jwks"])
        .arg(dir.join("jwks.json"))
        .args(["--now", &(T0 + 2 * DAY + 60).to_string()])
        .write_stdin(format!("{classic}\n{pq}\n"))
        .output()
        .expect("run jot");
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "line 1: valid\nline 2: valid\n"
    );
}
