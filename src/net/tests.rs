//! Tests for [`super::fetch`] and [`super::oidc_jwks_uri`] against throwaway HTTP
//! servers on 127.0.0.1 (never any other address).

use std::io::Cursor;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use super::*;

type Handler = dyn Fn(&str) -> tiny_http::Response<Cursor<Vec<u8>>> + Send + Sync;

/// A tiny_http server on 127.0.0.1:0 that counts the requests it answers.
struct TestServer {
    base: String,
    hits: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl TestServer {
    fn start(handler: Box<Handler>) -> TestServer {
        let server = tiny_http::Server::http("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let addr = server.server_addr().to_ip().expect("an IP address");
        let hits = Arc::new(AtomicUsize::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let (h, s) = (hits.clone(), stop.clone());
        let thread = std::thread::spawn(move || {
            while !s.load(Ordering::SeqCst) {
                if let Ok(Some(req)) = server.recv_timeout(Duration::from_millis(50)) {
                    h.fetch_add(1, Ordering::SeqCst);
                    let resp = handler(req.url());
                    let _ = req.respond(resp);
                }
            }
        });
        TestServer {
            base: format!("http://{addr}"),
            hits,
            stop,
            thread: Some(thread),
        }
    }

    /// Answers every path with `body`, status 200 and the given Cache-Control.
    fn fixed(body: &'static str, cache_control: Option<&'static str>) -> TestServer {
        TestServer::start(Box::new(move |_| {
            let mut r = tiny_http::Response::from_string(body);
            if let Some(cc) = cache_control {
                r = r.with_header(header("Cache-Control", cc));
            }
            r
        }))
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn hits(&self) -> usize {
        self.hits.load(Ordering::SeqCst)
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn header(name: &str, value: &str) -> tiny_http::Header {
    tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header")
}

fn opts(now: i64) -> FetchOptions {
    FetchOptions {
        timeout: Duration::from_secs(5),
        ..FetchOptions::new(now)
    }
}

fn cached_opts(dir: &std::path::Path, now: i64) -> FetchOptions {
    FetchOptions {
        cache_dir: Some(dir.to_path_buf()),
        ..opts(now)
    }
}

#[test]
fn fetch_returns_the_body() {
    let srv = TestServer::fixed("{\"keys\":[]}", None);
    let body = fetch(&srv.url("/jwks.json"), &opts(0)).expect("fetch");
    assert_eq!(body, b"{\"keys\":[]}");
}

#[test]
fn fetch_reports_http_status_and_url() {
    let srv = TestServer::start(Box::new(|_| {
        tiny_http::Response::from_string("nope").with_status_code(404)
    }));
    let url = srv.url("/missing");
    let err = fetch(&url, &opts(0)).expect_err("404 must fail");
    assert!(matches!(err, Error::Network(_)), "{err:?}");
    assert_eq!(err.to_string(), format!("GET {url}: HTTP 404 Not Found"));
}

#[test]
fn fetch_rejects_a_body_over_the_limit() {
    let srv = TestServer::fixed("0123456789abcdef", None);
    let small = FetchOptions {
        max_bytes: 8,
        ..opts(0)
    };
    let err = fetch(&srv.url("/"), &small).expect_err("over the limit");
    assert!(err.to_string().contains("limit of 8 bytes"), "{err}");
    let exact = FetchOptions {
        max_bytes: 16,
        ..opts(0)
    };
    assert_eq!(
        fetch(&srv.url("/"), &exact)
            .expect("exactly at the limit")
            .len(),
        16
    );
}

#[test]
fn fetch_times_out_on_a_server_that_never_answers() {
    // A bound, listening socket that never accepts: the kernel completes the handshake,
    // the request is buffered, and no response ever comes.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}/jwks.json", listener.local_addr().expect("addr"));
    let quick = FetchOptions {
        timeout: Duration::from_secs(1),
        ..FetchOptions::new(0)
    };
    let err = fetch(&url, &quick).expect_err("must time out");
    let msg = err.to_string();
    assert!(msg.contains("timed out") && msg.contains(&url), "{msg}");
    drop(listener);
}

#[test]
fn fetch_refuses_non_http_schemes() {
    for url in ["file:///etc/passwd", "ftp://x/", "jwks.json", ""] {
        let err = fetch(url, &opts(0)).expect_err(url);
        assert!(matches!(err, Error::Usage { .. }), "{url}: {err:?}");
        assert!(err.hint().is_some());
    }
}

#[test]
fn connection_refused_is_a_network_error() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}/", listener.local_addr().expect("addr"));
    drop(listener);
    let err = fetch(&url, &opts(0)).expect_err("nothing listens");
    assert!(matches!(err, Error::Network(_)), "{err:?}");
    assert!(err.to_string().contains(&url));
}

#[test]
fn fetch_follows_a_few_redirects_but_not_a_loop() {
    let srv = TestServer::start(Box::new(|path| match path {
        "/final" => tiny_http::Response::from_string("landed"),
        "/hop" => tiny_http::Response::from_string("")
            .with_status_code(302)
            .with_header(header("Location", "/final")),
        _ => tiny_http::Response::from_string("")
            .with_status_code(302)
            .with_header(header("Location", "/loop")),
    }));
    assert_eq!(
        fetch(&srv.url("/hop"), &opts(0)).expect("one hop"),
        b"landed"
    );
    let err = fetch(&srv.url("/loop"), &opts(0)).expect_err("a loop");
    assert!(err.to_string().contains("redirects"), "{err}");
    assert_eq!(srv.hits(), 2 + 1 + MAX_REDIRECTS as usize);
}

#[test]
fn cache_serves_fresh_entries_without_a_request() {
    let dir = tempfile::tempdir().expect("tempdir");
    let srv = TestServer::fixed("{\"keys\":[1]}", Some("public, max-age=60"));
    let url = srv.url("/jwks.json");
    assert_eq!(
        fetch(&url, &cached_opts(dir.path(), 1000)).expect("1st"),
        b"{\"keys\":[1]}"
    );
    assert_eq!(
        fetch(&url, &cached_opts(dir.path(), 1030)).expect("2nd"),
        b"{\"keys\":[1]}"
    );
    assert_eq!(srv.hits(), 1, "the second fetch is served from the cache");
    fetch(&url, &cached_opts(dir.path(), 1100)).expect("3rd");
    assert_eq!(srv.hits(), 2, "a stale entry is refetched");
    fetch(&url, &opts(1100)).expect("cache off");
    assert_eq!(srv.hits(), 3, "no cache dir means no cache");
}

#[test]
fn no_store_and_missing_cache_control_always_refetch() {
    for cc in [Some("no-store"), Some("no-cache, max-age=60"), None] {
        let dir = tempfile::tempdir().expect("tempdir");
        let srv = TestServer::fixed("{}", cc);
        let url = srv.url("/");
        for now in [1000, 1001, 1002] {
            fetch(&url, &cached_opts(dir.path(), now)).expect("fetch");
        }
        assert_eq!(srv.hits(), 3, "{cc:?}");
        assert_eq!(
            std::fs::read_dir(dir.path()).expect("read_dir").count(),
            0,
            "{cc:?}"
        );
    }
}

#[test]
fn a_corrupt_cache_entry_is_refetched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let srv = TestServer::fixed("fresh", Some("max-age=60"));
    let url = srv.url("/");
    fetch(&url, &cached_opts(dir.path(), 1000)).expect("fill the cache");
    let path = cache::entry_path(dir.path(), &url);
    let mut bytes = std::fs::read(&path).expect("entry exists");
    bytes.truncate(bytes.len() - 2);
    std::fs::write(&path, &bytes).expect("corrupt it");
    assert_eq!(
        fetch(&url, &cached_opts(dir.path(), 1010)).expect("refetch"),
        b"fresh"
    );
    assert_eq!(srv.hits(), 2);
    std::fs::write(&path, b"\xff\xfe garbage").expect("corrupt it again");
    assert_eq!(
        fetch(&url, &cached_opts(dir.path(), 1020)).expect("refetch"),
        b"fresh"
    );
    assert_eq!(srv.hits(), 3);
}

#[test]
fn errors_are_not_cached() {
    let dir = tempfile::tempdir().expect("tempdir");
    let srv = TestServer::start(Box::new(|_| {
        tiny_http::Response::from_string("down")
            .with_status_code(503)
            .with_header(header("Cache-Control", "max-age=60"))
    }));
    for now in [1000, 1001] {
        assert!(fetch(&srv.url("/"), &cached_opts(dir.path(), now)).is_err());
    }
    assert_eq!(srv.hits(), 2);
}

/// Serves a discovery document whose issuer is the server's own base URL with
/// `suffix` appended, and whose jwks_uri is `jwks_uri`.
fn discovery_server(suffix: &'static str, jwks_uri: &'static str) -> TestServer {
    let own_base = Arc::new(std::sync::OnceLock::<String>::new());
    let base = own_base.clone();
    let srv = TestServer::start(Box::new(move |path| {
        if path != "/.well-known/openid-configuration" {
            return tiny_http::Response::from_string("").with_status_code(404);
        }
        let issuer = format!("{}{suffix}", base.get().map(String::as_str).unwrap_or(""));
        let doc = serde_json::json!({ "issuer": issuer, "jwks_uri": jwks_uri });
        tiny_http::Response::from_string(doc.to_string())
    }));
    let _ = own_base.set(srv.base.clone());
    srv
}

#[test]
fn oidc_returns_jwks_uri_when_the_issuer_matches() {
    let srv = discovery_server("", "https://keys.example.test/jwks.json");
    let uri = oidc_jwks_uri(&srv.base, &opts(0)).expect("matching issuer");
    assert_eq!(uri, "https://keys.example.test/jwks.json");
}

#[test]
fn oidc_trims_one_trailing_slash_but_compares_exactly() {
    let srv = discovery_server("/", "http://127.0.0.1:9/jwks");
    let with_slash = format!("{}/", srv.base);
    assert_eq!(
        oidc_jwks_uri(&with_slash, &opts(0)).expect("exact"),
        "http://127.0.0.1:9/jwks"
    );
    let err = oidc_jwks_uri(&srv.base, &opts(0)).expect_err("slash differs");
    assert_eq!(
        err.to_string(),
        format!(
            "issuer mismatch: expected {}, the document says {with_slash}",
            srv.base
        )
    );
    assert!(err.hint().is_some_and(|h| h.contains("trailing slash")));
}

#[test]
fn oidc_rejects_a_mismatched_issuer() {
    let srv = discovery_server("/other-tenant", "https://evil.example.test/jwks.json");
    let err = oidc_jwks_uri(&srv.base, &opts(0)).expect_err("issuer differs");
    let msg = err.to_string();
    assert!(
        msg.starts_with(&format!("issuer mismatch: expected {}, ", srv.base)),
        "{msg}"
    );
    assert!(msg.ends_with("/other-tenant"), "{msg}");
}

#[test]
fn oidc_rejects_malformed_documents() {
    let url = "http://127.0.0.1:1/.well-known/openid-configuration";
    let iss = "http://127.0.0.1:1";
    for doc in [
        &b"not json"[..],
        b"[]",
        b"{}",
        br#"{"issuer":"http://127.0.0.1:1"}"#,
        br#"{"issuer":"http://127.0.0.1:1","jwks_uri":"file:///etc/passwd"}"#,
        br#"{"issuer":"http://127.0.0.1:1","jwks_uri":7}"#,
    ] {
        let err = jwks_uri_from_discovery(iss, url, doc).expect_err("malformed");
        assert!(matches!(err, Error::Input { .. }), "{err:?}");
    }
}

fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<OsString> + 'a {
    move |name| {
        pairs
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| OsString::from(v))
    }
}

#[test]
fn default_cache_dir_prefers_jot_then_xdg_then_home() {
    let all = [
        ("JOT_CACHE_DIR", "/j"),
        ("XDG_CACHE_HOME", "/x"),
        ("HOME", "/h"),
    ];
    assert_eq!(cache_dir_from(env(&all)), Some(PathBuf::from("/j")));
    let no_jot = [
        ("JOT_CACHE_DIR", ""),
        ("XDG_CACHE_HOME", "/x"),
        ("HOME", "/h"),
    ];
    assert_eq!(cache_dir_from(env(&no_jot)), Some(PathBuf::from("/x/jot")));
    let relative_xdg = [("XDG_CACHE_HOME", "rel"), ("HOME", "/h")];
    assert_eq!(
        cache_dir_from(env(&relative_xdg)),
        Some(PathBuf::from("/h/.cache/jot"))
    );
    assert_eq!(cache_dir_from(env(&[])), None);
}

mod redirects;
