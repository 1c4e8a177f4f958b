//! `jot serve`: a small local HTTP server that publishes the key set in a directory as
//! `/.well-known/jwks.json` plus a matching OpenID Connect discovery document.
//!
//! `DIR/jwks.json` is re-read on every request rather than when its modification time
//! or length changes: the file is small, and a rotation often rewrites it with the
//! same length within one mtime tick (coarse on some filesystems), which a stat-based
//! check would miss. Every read is checked (`keys::public_jwks`) before it is served, so a set that has
//! gained private key material is answered with a 500, never published.
//!
//! A directory without `jwks.json` (yet) publishes the empty set `{"keys":[]}`: a reviewer
//! starts the server on the folder `jot forge --out-keys` will write to, before the first
//! forge (issue 19); the set appears as soon as the file does.

use std::io::Cursor;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crate::{Error, Result};

/// Where the key set is published.
pub(crate) const JWKS_PATH: &str = "/.well-known/jwks.json";
/// Where the discovery document is published.
pub(crate) const DISCOVERY_PATH: &str = "/.well-known/openid-configuration";

/// A published set is a handful of public keys; anything far larger is a mistake.
const MAX_JWKS_BYTES: u64 = 1024 * 1024;

/// How often [`Server::run`] looks at its stop flag.
const POLL: Duration = Duration::from_millis(200);

/// A bound JWKS server; call [`Server::run`] to answer requests.
pub struct Server {
    http: tiny_http::Server,
    jwks_file: PathBuf,
    addr: SocketAddr,
    issuer: String,
    discovery: Vec<u8>,
}

/// Listen on `addr` (`--addr`), and the address actually bound (port 0 picks a free one):
/// the one listener of `jot serve` and `jot ui`.
pub(crate) fn listen(
    addr: impl std::net::ToSocketAddrs + std::fmt::Display,
) -> Result<(tiny_http::Server, std::net::SocketAddr)> {
    let http = tiny_http::Server::http(&addr).map_err(|e| {
        Error::usage(format!("cannot listen on {addr}: {e}"))
            .with_hint("choose another --addr, e.g. 127.0.0.1:0 for any free port")
    })?;
    let bound = http
        .server_addr()
        .to_ip()
        .ok_or_else(|| Error::usage(format!("{addr} is not an IP address and port")))?;
    Ok((http, bound))
}

impl Server {
    /// Bind `addr` (e.g. `127.0.0.1:8080`, or port 0 for any free port) to serve the
    /// key set in `dir/jwks.json`. The set is checked now, so a missing or unsafe file
    /// fails here rather than on the first request. `issuer` overrides the default
    /// `http://ADDR`; when it is an http(s) URL, `jwks_uri` is based on it too.
    pub fn bind(dir: &Path, addr: &str, issuer: Option<String>) -> Result<Server> {
        let jwks_file = dir.join("jwks.json");
        let bytes = read_jwks(&jwks_file)?;
        crate::keys::check_public_jwks(&bytes).map_err(|e| e.context(jwks_file.display()))?;
        let (http, addr) = listen(addr)?;
        let own_base = format!("http://{addr}");
        let issuer = match issuer {
            Some(i) if i.is_empty() => return Err(Error::usage("the issuer must not be empty")),
            Some(i) => i,
            None => own_base.clone(),
        };
        let jwks_base = if crate::net::is_http_url(&issuer) {
            issuer.trim_end_matches('/')
        } else {
            own_base.as_str()
        };
        let doc = serde_json::json!({
            "issuer": issuer,
            "jwks_uri": format!("{jwks_base}{JWKS_PATH}"),
        });
        let discovery = doc.to_string().into_bytes();
        Ok(Server {
            http,
            jwks_file,
            addr,
            issuer,
            discovery,
        })
    }

    /// The address actually bound (useful after binding port 0).
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// The issuer named in the discovery document.
    pub fn issuer(&self) -> &str {
        &self.issuer
    }

    /// Serves until `stop` is set, noticing within about 200 ms. Requests are answered
    /// one at a time; tiny_http reads them on its own threads, so a slow client does
    /// not hold up the loop while it is still sending.
    pub fn run(&self, stop: &AtomicBool) -> Result<()> {
        while !stop.load(Ordering::SeqCst) {
            let request = match self.http.recv_timeout(POLL) {
                Ok(Some(r)) => r,
                Ok(None) => continue,
                Err(e) => return Err(Error::Network(format!("serving on {}: {e}", self.addr))),
            };
            let response = self.respond_to(request.method(), request.url());
            // A client that hung up is its own problem, not a reason to stop serving.
            let _ = request.respond(response);
        }
        Ok(())
    }

    fn respond_to(&self, method: &tiny_http::Method, url: &str) -> Reply {
        let path = url.split(['?', '#']).next().unwrap_or(url);
        let known = path == JWKS_PATH || path == DISCOVERY_PATH;
        if !known {
            return error_reply(404, "not found");
        }
        if !matches!(method, tiny_http::Method::Get | tiny_http::Method::Head) {
            return error_reply(405, "method not allowed").with_header(hdr("Allow", "GET, HEAD"));
        }
        if path == DISCOVERY_PATH {
            return json_reply(200, self.discovery.clone(), "public, max-age=60");
        }
        match read_jwks(&self.jwks_file).and_then(|b| crate::keys::public_jwks(&b)) {
            Ok(bytes) => json_reply(200, bytes, "public, max-age=60"),
            // The message names what is wrong, never the file's contents.
            Err(e) => error_reply(500, &format!("cannot publish jwks.json: {e}")),
        }
    }
}

type Reply = tiny_http::Response<Cursor<Vec<u8>>>;

fn hdr(name: &str, value: &str) -> tiny_http::Header {
    // Both are ASCII constants of ours; from_bytes only rejects non-ASCII.
    tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes())
        .unwrap_or_else(|()| unreachable!("constant header {name}"))
}

fn json_reply(status: u16, body: Vec<u8>, cache_control: &str) -> Reply {
    tiny_http::Response::from_data(body)
        .with_status_code(status)
        .with_header(hdr("Content-Type", "application/json"))
        .with_header(hdr("Cache-Control", cache_control))
}

fn error_reply(status: u16, msg: &str) -> Reply {
    let body = serde_json::json!({ "error": msg }).to_string().into_bytes();
    json_reply(status, body, "no-store")
}

/// The set published for a directory that has no `jwks.json` yet.
const EMPTY_SET: &[u8] = b"{\"keys\":[]}";

/// Read the set with a size bound (the crate's one bounded reader), so a runaway file
/// cannot exhaust memory. A missing file in an existing directory is the empty set; a
/// missing directory stays an error (a typo in --dir must not serve nothing silently).
fn read_jwks(path: &Path) -> Result<Vec<u8>> {
    match crate::files::read_path(path, MAX_JWKS_BYTES) {
        Err(Error::Io { source, .. })
            if source.kind() == std::io::ErrorKind::NotFound
                && path.parent().is_some_and(Path::is_dir) =>
        {
            Ok(EMPTY_SET.to_vec())
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn bind_fails_early_on_a_missing_directory_or_private_set() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert!(matches!(
            Server::bind(&dir.path().join("nope"), "127.0.0.1:0", None),
            Err(Error::Io { .. })
        ));
        fs::write(
            dir.path().join("jwks.json"),
            r#"{"keys":[{"kty":"oct","k":"c2VjcmV0"}]}"#,
        )
        .expect("write");
        let err = Server::bind(dir.path(), "127.0.0.1:0", None)
            .err()
            .expect("private set");
        assert!(err.to_string().contains("\"k\""), "{err}");
    }

    #[test]
    fn issuer_defaults_to_the_bound_address_and_can_be_overridden() {
        let dir = tempfile::tempdir().expect("tempdir");
        fs::write(dir.path().join("jwks.json"), r#"{"keys":[]}"#).expect("write");
        let s = Server::bind(dir.path(), "127.0.0.1:0", None).expect("bind");
        assert_eq!(s.issuer(), format!("http://{}", s.local_addr()));
        assert_ne!(s.local_addr().port(), 0);
        let o = Server::bind(
            dir.path(),
            "127.0.0.1:0",
            Some("https://id.example.test/".into()),
        )
        .expect("bind");
        assert_eq!(o.issuer(), "https://id.example.test/");
        let doc: serde_json::Value = serde_json::from_slice(&o.discovery).expect("json");
        assert_eq!(
            doc["jwks_uri"],
            "https://id.example.test/.well-known/jwks.json"
        );
        assert!(Server::bind(dir.path(), "127.0.0.1:0", Some(String::new())).is_err());
    }
}
