//! Key sets from URLs (issue 17): an unknown kid makes `jot verify` fetch a cached JWKS
//! again (at most once per URL per 30 s by the injected clock) so a rotated-in key is not
//! hidden for max-age; the verdict says when keys came from the cache. And credentials in
//! URLs (`user:pass@`, `api_key=`, `token=` …) never appear in a message, a report or a
//! cache file name. The JWKS server is tiny_http on 127.0.0.1, bounded, stopped on drop.

use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::common::{jot, jot_ok, json, tmp};
use crate::probe::lab::{lab, Vuln};

const T0: i64 = 1_767_225_600; // 2026-01-01T00:00:00Z
const SECRET: &str = "SEKRET123";

/// Serves `/jwks.json` (whatever `set` holds now) with `Cache-Control: max-age=3600`, and
/// 404 for every other path; counts the JWKS requests.
struct JwksServer {
    port: u16,
    set: Arc<Mutex<String>>,
    hits: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl JwksServer {
    fn start(first: String) -> JwksServer {
        let server = tiny_http::Server::http("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let port = server.server_addr().to_ip().expect("an IP address").port();
        let set = Arc::new(Mutex::new(first));
        let hits = Arc::new(AtomicUsize::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let (s, h, st) = (set.clone(), hits.clone(), stop.clone());
        let thread = std::thread::spawn(move || {
            // Bounded: stops when dropped, or after a minute whatever happens.
            let until = Instant::now() + Duration::from_secs(60);
            while !st.load(Ordering::SeqCst) && Instant::now() < until {
                let Ok(Some(req)) = server.recv_timeout(Duration::from_millis(50)) else {
                    continue;
                };
                let resp = if req.url().starts_with("/jwks.json") {
                    h.fetch_add(1, Ordering::SeqCst);
                    let cc = tiny_http::Header::from_bytes("Cache-Control", "max-age=3600");
                    tiny_http::Response::from_string(s.lock().unwrap().clone())
                        .with_header(cc.unwrap())
                } else {
                    tiny_http::Response::from_string("not here").with_status_code(404)
                };
                let _ = req.respond(resp);
            }
        });
        JwksServer {
            port,
            set,
            hits,
            stop,
            thread: Some(thread),
        }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    fn hits(&self) -> usize {
        self.hits.load(Ordering::SeqCst)
    }
}

impl Drop for JwksServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// An ES256 key pair with `kid`: (private key path, public JWK).
fn key(dir: &Path, kid: &str) -> (String, serde_json::Value) {
    let private = dir.join(format!("{kid}.jwk"));
    let public = dir.join(format!("{kid}.pub.jwk"));
    jot_ok([
        "keygen",
        "ES256",
        "--kid",
        kid,
        "--format",
        "jwk",
        "--out",
        private.to_str().unwrap(),
        "--public-out",
        public.to_str().unwrap(),
    ]);
    let jwk = json(&std::fs::read_to_string(public).unwrap());
    (private.to_str().unwrap().to_owned(), jwk)
}

fn sign(private: &str) -> String {
    jot_ok([
        "sign",
        "--key",
        private,
        "--sub",
        "alice",
        "--now",
        &T0.to_string(),
    ])
    .trim()
    .to_owned()
}

/// `jot verify TOKEN --jwks URL --now T0+dt` with the cache in `cache`: (code, out, err).
fn verify(cache: &Path, url: &str, token: &str, dt: i64, extra: &[&str]) -> (i32, String, String) {
    let now = (T0 + dt).to_string();
    let out = jot()
        .env("JOT_CACHE_DIR", cache)
        .args(["verify", token, "--jwks", url, "--now", &now])
        .args(extra)
        .output()
        .expect("run jot");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn an_unknown_kid_refetches_a_cached_jwks_at_most_every_30_seconds() {
    let d = tmp();
    let cache = d.path().join("cache");
    let (a_key, a_pub) = key(d.path(), "a");
    let (b_key, b_pub) = key(d.path(), "b");
    let (ta, tb) = (sign(&a_key), sign(&b_key));
    let server = JwksServer::start(serde_json::json!({"keys": [a_pub]}).to_string());
    let url = server.url(&format!("/jwks.json?api_key={SECRET}"));
    let (code, _, err) = verify(&cache, &url, &ta, 0, &[]);
    assert_eq!((code, server.hits()), (0, 1), "{err}");
    assert!(!err.contains("cache"), "fetched, not cached: {err}");
    // The issuer adds key b; the cache still holds the old set for an hour.
    *server.set.lock().unwrap() = serde_json::json!({"keys": [a_pub, b_pub]}).to_string();
    let (code, _, err) = verify(&cache, &url, &ta, 5, &[]);
    assert_eq!((code, server.hits()), (0, 1), "{err}");
    assert!(
        err.contains("keys from the cache of http://127.0.0.1"),
        "{err}"
    );
    // Unknown kid, but the cached set is 10 s old: no refetch yet, and the verdict says
    // the keys came from the cache.
    let (code, out, err) = verify(&cache, &url, &tb, 10, &[]);
    assert_eq!((code, server.hits()), (1, 1), "{out}{err}");
    assert!(out.contains("no supplied key has kid \"b\""), "{out}");
    assert!(err.contains("fetched 10 s ago"), "{err}");
    // 40 s after the fetch: the unknown kid fetches the set again, and b is found.
    let (code, out, err) = verify(&cache, &url, &tb, 40, &["--json"]);
    assert_eq!((code, server.hits()), (0, 2), "{out}{err}");
    assert!(json(out.trim()).get("keys_from_cache").is_none(), "{out}");
    // The refetched set is what the cache serves now.
    let (code, out, _) = verify(&cache, &url, &tb, 50, &["--json"]);
    assert_eq!((code, server.hits()), (0, 2));
    let cached = json(out.trim())["keys_from_cache"].clone();
    assert_eq!(cached["fetched_at"], T0 + 40, "{out}");
    assert_eq!(cached["age_s"], 10, "{out}");
    for text in [&out, &err] {
        assert!(!text.contains(SECRET), "{text}");
    }
    assert!(out.contains("api_key=***"), "{out}");
    for entry in std::fs::read_dir(&cache).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            !name.contains(SECRET) && !name.contains("api_key"),
            "{name}"
        );
    }
}

#[test]
fn credentials_in_urls_never_appear_in_messages() {
    let d = tmp();
    let server = JwksServer::start(String::new());
    let url = server.url(&format!("/missing?token={SECRET}&page=1"));
    let (code, _, err) = verify(d.path(), &url, &lab().hs, 0, &[]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("HTTP 404"), "{err}");
    assert!(err.contains("?token=***&page=1"), "{err}");
    let port = server.port;
    for url in [
        format!("http://alice:{SECRET}@127.0.0.1:{port}/missing"),
        format!("ftp://127.0.0.1/?password={SECRET}"),
    ] {
        let (code, _, err) = verify(d.path(), &url, &lab().hs, 0, &["--no-cache"]);
        assert_eq!(code, 2, "{err}");
        assert!(!err.contains(SECRET) && err.contains("***"), "{err}");
    }
}

#[test]
fn credentials_in_urls_never_appear_in_probe_reports() {
    let server = Vuln::start("none", &[]);
    let url = format!("{}?api_key={SECRET}", server.url());
    for format in ["text", "json", "sarif"] {
        let out = jot()
            .args(["probe", &url, "--token", &lab().hs, "--rate", "500"])
            .args(["--format", format])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{format}: {text}");
        assert!(!text.contains(SECRET), "{format}: {text}");
        assert!(text.contains("api_key=***"), "{format}: {text}");
    }
}
