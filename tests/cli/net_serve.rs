//! `jot::serve::Server` exercised through `jot::net::fetch`, on 127.0.0.1 only:
//! both well-known documents, rotation without restart, refusal to publish private
//! keys, 404/405, and the stop flag.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use jot::net::{fetch, oidc_jwks_uri, FetchOptions};
use jot::serve::Server;

/// A one-key public set, pretty with a newline, as `jot rotate` writes and `jot serve`
/// publishes it. Two calls with
/// kids of one length give sets of one length, as a rotation of one key for another of
/// the same type often does.
fn set(kid: &str) -> String {
    let k = jot::keys::generate(jot::alg::Alg::ES256, None, Some(kid.into()))
        .and_then(|k| k.to_public())
        .expect("key");
    serde_json::to_string_pretty(&jot::keys::to_jwks(&[k], false)).expect("json") + "\n"
}

fn opts() -> FetchOptions {
    FetchOptions {
        timeout: Duration::from_secs(5),
        ..FetchOptions::new(0)
    }
}

/// Runs `body` against a server on 127.0.0.1:0 over `dir`, then stops it and checks
/// that `run` returned cleanly.
fn with_server(dir: &Path, body: impl FnOnce(&Server)) {
    let server = Server::bind(dir, "127.0.0.1:0", None).expect("bind");
    let stop = AtomicBool::new(false);
    std::thread::scope(|scope| {
        let runner = scope.spawn(|| server.run(&stop));
        body(&server);
        stop.store(true, Ordering::SeqCst);
        runner
            .join()
            .expect("run thread")
            .expect("run ends cleanly when stopped");
    });
}

/// A raw request, to see status lines and headers that `fetch` does not expose.
fn raw(server: &Server, request: &str) -> String {
    let mut s = TcpStream::connect(server.local_addr()).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(5)))
        .expect("timeout");
    s.write_all(request.as_bytes()).expect("write");
    let mut out = String::new();
    let _ = s.take(64 * 1024).read_to_string(&mut out);
    out
}

fn get(server: &Server, path: &str) -> String {
    raw(
        server,
        &format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
    )
}

#[test]
fn serves_both_documents_and_reloads_after_rotation() {
    let dir = tempfile::tempdir().expect("tempdir");
    let jwks = dir.path().join("jwks.json");
    let (set_a, set_b) = (set("a"), set("b"));
    assert_eq!(set_a.len(), set_b.len());
    std::fs::write(&jwks, &set_a).expect("write");
    with_server(dir.path(), |server| {
        let base = format!("http://{}", server.local_addr());
        let url = format!("{base}/.well-known/jwks.json");
        assert_eq!(fetch(&url, &opts()).expect("jwks"), set_a.as_bytes());
        assert_eq!(oidc_jwks_uri(&base, &opts()).expect("discovery"), url);
        let doc = fetch(&format!("{base}/.well-known/openid-configuration"), &opts())
            .expect("discovery doc");
        let doc: serde_json::Value = serde_json::from_slice(&doc).expect("json");
        assert_eq!(doc["issuer"], base.as_str());

        std::fs::write(&jwks, &set_b).expect("rotate");
        assert_eq!(
            fetch(&url, &opts()).expect("after rotation"),
            set_b.as_bytes()
        );
    });
}

/// `jot serve --dir` on an empty folder publishes `{"keys":[]}`, so a reviewer can host the
/// folder `--out-keys` writes to before the first forge; the set appears once written
/// (issue 19). A directory that does not exist is still an error.
#[test]
fn serve_starts_on_an_empty_folder_with_an_empty_jwks() {
    let dir = tempfile::tempdir().expect("tempdir");
    with_server(dir.path(), |server| {
        let url = format!("http://{}/.well-known/jwks.json", server.local_addr());
        let empty: serde_json::Value =
            serde_json::from_slice(&fetch(&url, &opts()).expect("empty set")).expect("json");
        assert_eq!(empty, serde_json::json!({"keys": []}));
        let one = set("a");
        std::fs::write(dir.path().join("jwks.json"), &one).expect("write");
        assert_eq!(fetch(&url, &opts()).expect("the set"), one.as_bytes());
    });
    let out = crate::common::jot()
        .args(["serve", "--addr", "127.0.0.1:0", "--dir"])
        .arg(dir.path().join("missing"))
        .output()
        .expect("jot serve");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("mkdir"), "{err}");
}

#[test]
fn jwks_response_has_json_type_and_cache_control() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("jwks.json"), set("a")).expect("write");
    with_server(dir.path(), |server| {
        let resp = get(server, "/.well-known/jwks.json?x=1").to_ascii_lowercase();
        assert!(resp.starts_with("http/1.1 200"), "{resp}");
        assert!(resp.contains("content-type: application/json"), "{resp}");
        assert!(resp.contains("cache-control: public, max-age=60"), "{resp}");
        let head = raw(
            server,
            "HEAD /.well-known/jwks.json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        );
        assert!(head.starts_with("HTTP/1.1 200"), "{head}");
        assert!(!head.contains("\"keys\""), "HEAD has no body: {head}");
    });
}

#[test]
fn a_set_with_private_members_is_a_500_that_never_leaks_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let jwks = dir.path().join("jwks.json");
    std::fs::write(&jwks, set("a")).expect("write");
    with_server(dir.path(), |server| {
        let key = jot::keys::generate(jot::alg::Alg::ES256, None, None).expect("key");
        let leaky = jot::keys::to_jwks(std::slice::from_ref(&key), true).to_string();
        let secret = key.to_json(true)["d"].as_str().expect("d").to_owned();
        let secret = secret.as_str();
        std::fs::write(&jwks, leaky).expect("write leaky set");
        let resp = get(server, "/.well-known/jwks.json");
        assert!(resp.starts_with("HTTP/1.1 500"), "{resp}");
        assert!(resp.contains("\\\"d\\\""), "names the member: {resp}");
        assert!(!resp.contains(secret), "{resp}");
        let url = format!("http://{}/.well-known/jwks.json", server.local_addr());
        let err = fetch(&url, &opts()).expect_err("500");
        assert!(err.to_string().contains("HTTP 500"), "{err}");
    });
}

#[test]
fn other_paths_are_404_and_other_methods_405() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("jwks.json"), set("a")).expect("write");
    with_server(dir.path(), |server| {
        for path in [
            "/",
            "/jwks.json",
            "/.well-known/jwks.json/",
            "/../jwks.json",
        ] {
            let resp = get(server, path);
            assert!(resp.starts_with("HTTP/1.1 404"), "{path}: {resp}");
        }
        let post = raw(
            server,
            "POST /.well-known/jwks.json HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        );
        assert!(post.starts_with("HTTP/1.1 405"), "{post}");
        assert!(
            post.to_ascii_lowercase().contains("allow: get, head"),
            "{post}"
        );
    });
}

#[test]
fn stop_flag_set_before_run_returns_immediately() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("jwks.json"), set("a")).expect("write");
    let server = Server::bind(dir.path(), "127.0.0.1:0", None).expect("bind");
    let stop = AtomicBool::new(true);
    server.run(&stop).expect("run returns Ok");
}
