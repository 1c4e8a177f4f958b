//! `jot rotate`, `jot keyset` and `jot serve` run as the real binary with `--now`: the
//! lifecycle over many rotations, listing and publishing, tokens that verify through their
//! grace period and not after, serving across a rotation, and (in submodules) rotations
//! killed at random moments and rotations racing each other.

mod concurrency;
mod crash;
mod mldsa;

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use jot::alg::Alg;
use jot::keys::{self, KeyInput, ReadOptions};
use jot::keyset::{Manifest, State};

pub const DAY: i64 = 86_400;
pub const T0: i64 = 1_700_000_000;

pub use crate::common::{jot, jot_path as bin};

/// One complete rotation at `now` with a 3-day grace.
pub fn rotate(dir: &Path, now: i64) {
    jot()
        .args(["rotate", "--grace", "3d", "--alg", "EdDSA", "--now"])
        .arg(now.to_string())
        .arg("--dir")
        .arg(dir)
        .assert()
        .success();
}

pub fn manifest(dir: &Path) -> Manifest {
    Manifest::parse(&fs::read(dir.join("manifest.json")).expect("manifest")).expect("parses")
}

/// A compact JWS signed by the set's active key, valid from `now` for `lifetime` seconds.
pub fn sign(dir: &Path, now: i64, lifetime: i64) -> (String, String) {
    let key = jot::keyset::active_key(dir).expect("active key");
    let kid = key.kid.clone().expect("kid");
    let alg = Alg::from_name(key.alg.as_deref().expect("alg")).expect("known alg");
    let header = serde_json::json!({"alg": alg.name(), "kid": kid, "typ": "JWT"});
    let claims = serde_json::json!({"sub": "test", "iat": now, "exp": now + lifetime});
    let input = format!(
        "{}.{}",
        jot::b64::encode(header.to_string().as_bytes()),
        jot::b64::encode(claims.to_string().as_bytes())
    );
    let sig = key.sign(alg, input.as_bytes()).expect("sign");
    (format!("{input}.{}", jot::b64::encode(&sig)), kid)
}

/// The keys of a JWKS document.
pub fn jwks_keys(bytes: &[u8]) -> Vec<keys::Jwk> {
    match keys::read(bytes, &ReadOptions::default()).expect("jwks parses") {
        KeyInput::Set(v) => v,
        KeyInput::Single(_) | KeyInput::Bundle(_) => panic!("not a JWKS"),
    }
}

pub fn jwks_kids(dir: &Path) -> Vec<String> {
    let bytes = fs::read(dir.join("jwks.json")).expect("jwks.json");
    jwks_keys(&bytes)
        .into_iter()
        .map(|k| k.kid.expect("kid"))
        .collect()
}

/// The kid of a token's header.
pub fn kid_of(token: &str) -> String {
    let head = token.split('.').next().expect("header");
    let header: serde_json::Value =
        serde_json::from_slice(&jot::b64::decode(head).expect("b64")).expect("header");
    header["kid"].as_str().expect("kid").to_string()
}

/// Whether `token` verifies with `key`, using the alg of its header.
pub fn verifies_with(key: &keys::Jwk, token: &str) -> bool {
    let parts: Vec<&str> = token.split('.').collect();
    let header: serde_json::Value =
        serde_json::from_slice(&jot::b64::decode(parts[0]).expect("b64")).expect("header");
    let alg = Alg::from_name(header["alg"].as_str().expect("alg")).expect("known alg");
    let sig = jot::b64::decode(parts[2]).expect("sig");
    let input = format!("{}.{}", parts[0], parts[1]);
    key.verify(alg, input.as_bytes(), &sig).expect("usable key")
}

/// Whether `token` verifies with the key of its kid in the JWKS `bytes`.
pub fn verifies(bytes: &[u8], token: &str) -> bool {
    let kid = kid_of(token);
    jwks_keys(bytes)
        .iter()
        .filter(|k| k.kid.as_deref() == Some(kid.as_str()))
        .any(|k| verifies_with(k, token))
}

#[test]
fn many_rotations_keep_tokens_verifying_exactly_through_their_grace() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("keys");
    rotate(&dir, T0);
    let mut tokens: Vec<(String, String, i64)> = Vec::new();
    for day in 1..=12 {
        let now = T0 + day * DAY;
        // Tokens live as long as the grace, the longest lifetime the set allows.
        let (token, kid) = sign(&dir, now, 3 * DAY);
        tokens.push((token, kid, now + 3 * DAY));
        rotate(&dir, now);
        let m = manifest(&dir);
        assert_eq!(
            m.keys.iter().filter(|e| e.state == State::Active).count(),
            1
        );
        assert_eq!(m.keys.iter().filter(|e| e.state == State::Next).count(), 1);
        assert_eq!(
            m.keys.iter().filter(|e| e.state == State::Retiring).count(),
            day.min(3) as usize
        );
        let jwks = fs::read(dir.join("jwks.json")).unwrap();
        let published = jwks_kids(&dir);
        for (token, kid, exp) in &tokens {
            if now < *exp {
                assert!(verifies(&jwks, token), "valid token fails on day {day}");
            } else {
                let retired = m.keys.iter().find(|e| &e.kid == kid);
                assert!(retired.is_none(), "{kid} outlived its grace on day {day}");
                assert!(!published.contains(kid));
                assert!(!verifies(&jwks, token), "expired key still verifies");
            }
        }
    }
}

#[test]
fn list_shows_every_key_and_its_state() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("keys");
    rotate(&dir, T0);
    rotate(&dir, T0 + DAY);
    let m = manifest(&dir);
    let out = jot().arg("keyset").arg("list").arg(&dir).assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(text.starts_with("KID"), "{text}");
    for e in &m.keys {
        let line = text
            .lines()
            .find(|l| l.starts_with(&e.kid))
            .expect("listed");
        assert!(
            line.contains(e.state.name()) && line.contains(&e.alg),
            "{line}"
        );
    }
    assert!(text.contains("2023-11-14T22:13:20Z"), "{text}");
    let out = jot()
        .args(["keyset", "list", "--json"])
        .arg(&dir)
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["keys"], serde_json::to_value(&m.keys).unwrap());
}

#[test]
fn publish_writes_the_public_set_to_a_path_or_stdout() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("keys");
    rotate(&dir, T0);
    let out = tmp.path().join("site").join("jwks.json");
    fs::create_dir(out.parent().unwrap()).unwrap();
    fs::write(&out, "stale").unwrap();
    jot()
        .args(["keyset", "publish"])
        .arg(&dir)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let own = fs::read(dir.join("jwks.json")).unwrap();
    assert_eq!(fs::read(&out).unwrap(), own);
    let stdout = jot()
        .args(["keyset", "publish"])
        .arg(&dir)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(stdout, own);
    let doc: serde_json::Value = serde_json::from_slice(&own).unwrap();
    for k in doc["keys"].as_array().unwrap() {
        for m in keys::PRIVATE_MEMBERS {
            assert!(k.get(m).is_none(), "{m} published");
        }
    }
}

#[test]
fn dry_run_and_bad_sets_change_nothing_and_say_why() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("keys");
    rotate(&dir, T0);
    let before = fs::read(dir.join("manifest.json")).unwrap();
    jot()
        .args(["rotate", "--dry-run", "--now", "1800000000", "--dir"])
        .arg(&dir)
        .assert()
        .success()
        .stdout(predicates::str::contains("would promote"));
    assert_eq!(fs::read(dir.join("manifest.json")).unwrap(), before);
    fs::write(
        dir.join("manifest.json"),
        "{\"format\":\"jot-keyset/1\",\"keys\":[1]}",
    )
    .unwrap();
    for args in [
        &["rotate", "--dir"][..],
        &["keyset", "list"],
        &["keyset", "publish"],
    ] {
        jot()
            .args(args)
            .arg(&dir)
            .assert()
            .code(2)
            .stderr(predicates::str::contains("manifest.json"));
    }
    jot()
        .args(["rotate", "--alg", "HS256", "--dir"])
        .arg(tmp.path().join("other"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("public half"));
}

#[test]
fn serve_publishes_the_set_and_follows_a_rotation() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("keys");
    rotate(&dir, T0);
    let mut child = Command::new(bin())
        .args(["serve", "--addr", "127.0.0.1:0", "--dir"])
        .arg(&dir)
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("spawn jot serve");
    let mut first = String::new();
    BufReader::new(child.stderr.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let base = first
        .trim_end()
        .rsplit_once(" on ")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    let result = std::panic::catch_unwind(|| {
        assert!(first.starts_with("serving "), "{first}");
        assert!(base.starts_with("http://127.0.0.1:"), "{first}");
        let opts = jot::net::FetchOptions {
            timeout: Duration::from_secs(5),
            ..jot::net::FetchOptions::new(T0)
        };
        let url = format!("{base}/.well-known/jwks.json");
        let served = jot::net::fetch(&url, &opts).expect("fetch jwks");
        assert_eq!(served, fs::read(dir.join("jwks.json")).unwrap());
        assert_eq!(
            jot::net::oidc_jwks_uri(&base, &opts).expect("discovery"),
            url
        );
        let (token, _) = sign(&dir, T0, 3 * DAY);
        // The real CLI path: `jot sign --keyset`, then `jot verify` against the served JWKS
        // URL and through OpenID discovery, before and after a rotation.
        let cli_token = jot()
            .args(["sign", "--keyset"])
            .arg(&dir)
            .args(["--iss", &base, "--exp", "3d", "--now", &T0.to_string()])
            .output()
            .unwrap();
        assert!(cli_token.status.success());
        let cli_token = String::from_utf8(cli_token.stdout)
            .unwrap()
            .trim()
            .to_string();
        let verify_cli = |now: i64| {
            for source in [["--jwks", url.as_str()], ["--oidc", base.as_str()]] {
                jot()
                    .args([
                        "verify",
                        &cli_token,
                        "--no-cache",
                        "--now",
                        &now.to_string(),
                    ])
                    .args(source)
                    .assert()
                    .success();
            }
        };
        verify_cli(T0 + 60);
        rotate(&dir, T0 + DAY);
        verify_cli(T0 + DAY + 60);
        let served = jot::net::fetch(&url, &opts).expect("fetch after rotation");
        let next = manifest(&dir).one(State::Next).unwrap().kid.clone();
        let kids: Vec<String> = jwks_keys(&served)
            .into_iter()
            .filter_map(|k| k.kid)
            .collect();
        assert!(
            kids.contains(&next),
            "the new next key is served without a restart"
        );
        assert!(
            verifies(&served, &token),
            "a token of the retired key still verifies"
        );
    });
    // Ctrl-C ends the server cleanly.
    let _ = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status();
    let status = child.wait().expect("wait");
    if let Err(e) = result {
        std::panic::resume_unwind(e);
    }
    assert!(status.success(), "jot serve exits 0 on SIGINT: {status}");
}
