//! `jot rotate` killed with SIGKILL at random moments, hundreds of times: after every kill
//! the manifest and jwks.json parse, jwks.json holds the active key and every key a still
//! valid token was signed with, every token of a published key verifies, and the next run
//! succeeds. Interrupted states are left for the following kill about half the time, so
//! recovery runs are themselves interrupted.
//!
//! Bounded by count and time: JOT_CRASH_ITERATIONS (default 300) and JOT_CRASH_SECONDS
//! (default 40); raise them for a soak run.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use jot::keys::Jwk;
use jot::keyset::State;

use super::{bin, jwks_keys, manifest, sign, verifies_with, DAY, T0};

const GRACE: i64 = 3 * DAY;

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// xorshift64*: reproducible from the printed seed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n.max(1)
    }
}

fn rotate_cmd(dir: &Path, now: i64) -> Command {
    let mut c = Command::new(bin());
    c.args(["rotate", "--alg", "EdDSA", "--grace", "3d", "--now"])
        .arg(now.to_string())
        .arg("--dir")
        .arg(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    c
}

fn complete(dir: &Path, now: i64) {
    let out = rotate_cmd(dir, now).output().expect("spawn");
    assert!(
        out.status.success(),
        "the run after a kill failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Checks the invariants a kill must never break. Verification is deterministic in the
/// token and the public key, so each (token, key) pair is verified once and remembered:
/// debug-build signature checks would otherwise dominate the test's time.
#[derive(Default)]
struct Checker {
    verified: HashSet<(String, String)>,
}

impl Checker {
    /// `now` is the killed run's clock; returns the published kids.
    fn check(
        &mut self,
        dir: &Path,
        now: i64,
        tokens: &[(String, String, i64)],
        i: usize,
    ) -> HashSet<String> {
        let m = manifest(dir);
        let active = m.one(State::Active).expect("an active key").kid.clone();
        let jwks = fs::read(dir.join("jwks.json")).expect("jwks.json");
        let published: HashMap<String, Jwk> = jwks_keys(&jwks)
            .into_iter()
            .map(|k| (k.kid.clone().expect("kid"), k))
            .collect();
        assert!(
            published.contains_key(&active),
            "kill {i}: active key unpublished"
        );
        // jwks.json may hold more than the manifest (a run that never committed), never less.
        for e in m.published() {
            assert!(
                published.contains_key(&e.kid),
                "kill {i}: {} unpublished",
                e.kid
            );
        }
        jot::keyset::active_key(dir).expect("the active key loads");
        for (token, kid, exp) in tokens {
            if now < *exp {
                assert!(
                    published.contains_key(kid),
                    "kill {i}: key of a valid token gone"
                );
            }
            if let Some(key) = published.get(kid) {
                let pair = (token.clone(), key.to_json(false).to_string());
                if !self.verified.contains(&pair) {
                    assert!(verifies_with(key, token), "kill {i}: token of {kid} fails");
                    self.verified.insert(pair);
                }
            }
        }
        published.into_keys().collect()
    }
}

#[test]
fn rotations_killed_at_random_moments_leave_a_consistent_verifying_set() {
    let iterations = env_or("JOT_CRASH_ITERATIONS", 300) as usize;
    let budget = Duration::from_secs(env_or("JOT_CRASH_SECONDS", 40));
    let mut seed = [0u8; 8];
    getrandom::fill(&mut seed).expect("seed");
    let seed = u64::from_le_bytes(seed) | 1;
    eprintln!("crash test seed {seed:#x}");
    let mut rng = Rng(seed);

    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("keys");
    let started = Instant::now();
    complete(&dir, T0);
    // A whole run's length, to spread the kills over all of its steps.
    let t = Instant::now();
    complete(&dir, T0 + 1);
    let span = t.elapsed().as_micros() as u64 * 6 / 5;

    let mut now = T0 + 1;
    let mut tokens = Vec::new();
    let mut checker = Checker::default();
    let (mut kills, mut untouched, mut rolled_back, mut committed) = (0, 0, 0, 0);
    while kills < iterations && started.elapsed() < budget {
        now += DAY / 2;
        let (token, kid) = sign(&dir, now, GRACE);
        tokens.push((token, kid, now + GRACE));
        let before = fs::read(dir.join("manifest.json")).unwrap();
        let mut child = rotate_cmd(&dir, now).spawn().expect("spawn");
        std::thread::sleep(Duration::from_micros(rng.below(span)));
        let _ = child.kill();
        let status = child.wait().expect("wait");
        kills += 1;
        let mut published = checker.check(&dir, now, &tokens, kills);
        if status.success() || fs::read(dir.join("manifest.json")).unwrap() != before {
            committed += 1;
        } else if fs::read_dir(&dir).unwrap().count() > manifest(&dir).keys.len() + 3 {
            rolled_back += 1;
        } else {
            untouched += 1;
        }
        // Half the time, leave the debris for the next killed run to find.
        if rng.below(2) == 0 {
            complete(&dir, now);
            published = checker.check(&dir, now, &tokens, kills);
        }
        tokens.retain(|(_, kid, exp)| now < *exp || published.contains(kid));
    }
    complete(&dir, now + 1);
    checker.check(&dir, now + 1, &tokens, kills);
    eprintln!(
        "{kills} kills in {:.1?} (run span {span} µs): {committed} after the commit or \
         complete, {rolled_back} with debris before it, {untouched} before any write",
        started.elapsed()
    );
    assert!(kills >= 20, "too few kills to mean anything: {kills}");
}
