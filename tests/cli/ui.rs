//! `jot ui`'s server, in process on 127.0.0.1:0: the capability token on every request,
//! the Host (DNS rebinding) and Origin (CSRF) checks, the body limit, the security headers
//! and the absence of CORS headers. The endpoints themselves are in `ui_api`.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use jot::ui::{RunLimits, Server, MAX_BODY};

/// One raw answer: status, headers (lowercased names), body.
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == &name.to_ascii_lowercase())
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
}

/// A running server and what a client needs to reach it.
pub struct Ui {
    pub addr: SocketAddr,
    pub token: String,
}

/// Run `body` against a fresh server, then stop it and check `run` ended cleanly.
pub fn with_ui(body: impl FnOnce(&Ui)) {
    let server = Server::bind("127.0.0.1:0", false).expect("bind");
    let url = server.url();
    let token = url.split("token=").nth(1).expect("token in URL").to_owned();
    let stop = AtomicBool::new(false);
    std::thread::scope(|scope| {
        let runner = scope.spawn(|| server.run(&stop, RunLimits::default()));
        let ui = Ui {
            addr: server.local_addr(),
            token,
        };
        // A failing body must still stop the server, or the scope would wait forever.
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| body(&ui)));
        stop.store(true, Ordering::SeqCst);
        let ended = runner.join().expect("thread");
        if let Err(panic) = outcome {
            std::panic::resume_unwind(panic);
        }
        ended.expect("run ends cleanly");
    });
}

/// Send a raw request; `Host` is the server's unless `headers` names one.
pub fn send(addr: SocketAddr, head: &str, headers: &[(&str, &str)], body: &[u8]) -> Answer {
    let mut req = format!("{head} HTTP/1.1\r\nConnection: close\r\n");
    if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
        req.push_str(&format!("Host: {addr}\r\n"));
    }
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    if !headers
        .iter()
        .any(|(k, _)| k.eq_ignore_ascii_case("content-length"))
    {
        req.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    req.push_str("\r\n");
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(20)))
        .expect("timeout");
    s.write_all(req.as_bytes()).expect("write head");
    // The server may answer (413) and close before the whole body is sent.
    let _ = s.write_all(body);
    let mut raw = Vec::new();
    let _ = s.take(8 * 1024 * 1024).read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|c| c.parse().ok())
        .unwrap_or_else(|| panic!("no status line in {text:?}"));
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    Answer {
        status,
        headers,
        body: body.to_owned(),
    }
}

impl Ui {
    /// `POST /api/NAME` with the token header and a JSON body, as the page sends it.
    pub fn api(&self, name: &str, body: &serde_json::Value) -> Answer {
        self.api_with(name, body.to_string().as_bytes(), &[])
    }

    pub fn api_with(&self, name: &str, body: &[u8], extra: &[(&str, &str)]) -> Answer {
        let mut h = vec![
            ("Content-Type", "application/json"),
            ("X-Jot-Token", self.token.as_str()),
        ];
        h.extend_from_slice(extra);
        send(self.addr, &format!("POST /api/{name}"), &h, body)
    }

    pub fn get(&self, path: &str, extra: &[(&str, &str)]) -> Answer {
        send(self.addr, &format!("GET {path}"), extra, b"")
    }
}

const DECODE: &str = r#"{"token":"eyJhbGciOiJub25lIn0.eyJzdWIiOiJhIn0."}"#;

#[test]
fn the_page_and_its_assets_need_the_capability_token() {
    with_ui(|ui| {
        let t = &ui.token;
        assert_eq!(ui.get("/", &[]).status, 403);
        assert_eq!(ui.get("/?token=0000", &[]).status, 403);
        let wrong = format!("/?token={}", "0".repeat(t.len()));
        assert_eq!(ui.get(&wrong, &[]).status, 403);
        let page = ui.get(&format!("/?token={t}"), &[]);
        assert_eq!(page.status, 200);
        assert_eq!(
            page.header("content-type"),
            Some("text/html; charset=utf-8")
        );
        assert!(page.body.contains(&format!("app.js?token={t}")));
        for (path, kind) in [
            ("/app.js", "text/javascript; charset=utf-8"),
            ("/render.js", "text/javascript; charset=utf-8"),
            ("/style.css", "text/css; charset=utf-8"),
            ("/favicon.svg", "image/svg+xml"),
        ] {
            assert_eq!(ui.get(path, &[]).status, 403, "{path} without token");
            let a = ui.get(&format!("{path}?token={t}"), &[]);
            assert_eq!(
                (a.status, a.header("content-type")),
                (200, Some(kind)),
                "{path}"
            );
        }
        assert_eq!(ui.get(&format!("/nope?token={t}"), &[]).status, 404);
        let post = send(ui.addr, &format!("POST /?token={t}"), &[], b"");
        assert_eq!(post.status, 405);
    });
}

#[test]
fn the_api_needs_the_token_in_its_header() {
    with_ui(|ui| {
        let json = ("Content-Type", "application/json");
        let none = send(ui.addr, "POST /api/decode", &[json], DECODE.as_bytes());
        assert_eq!(none.status, 403);
        assert!(none.json()["error"]
            .as_str()
            .unwrap()
            .contains("capability token"));
        let wrong = "f".repeat(ui.token.len());
        let bad = send(
            ui.addr,
            "POST /api/decode",
            &[json, ("X-Jot-Token", &wrong)],
            DECODE.as_bytes(),
        );
        assert_eq!(bad.status, 403);
        let in_query = send(
            ui.addr,
            &format!("POST /api/decode?token={}", ui.token),
            &[json],
            DECODE.as_bytes(),
        );
        assert_eq!(
            in_query.status, 403,
            "the API takes the token only in its header"
        );
        let short = send(
            ui.addr,
            "POST /api/decode",
            &[json, ("X-Jot-Token", &ui.token[..10])],
            DECODE.as_bytes(),
        );
        assert_eq!(short.status, 403);
        assert_eq!(ui.api_with("decode", DECODE.as_bytes(), &[]).status, 200);
    });
}

#[test]
fn a_host_that_is_not_the_bound_address_is_refused_dns_rebinding() {
    with_ui(|ui| {
        let port = ui.addr.port();
        for host in [
            format!("evil.example:{port}"),
            format!("127.0.0.1:{}", port.wrapping_add(1)),
            "127.0.0.1".to_owned(),
            format!("127.0.0.1.nip.io:{port}"),
        ] {
            let a = ui.api_with("decode", DECODE.as_bytes(), &[("Host", &host)]);
            assert_eq!(a.status, 403, "{host}");
            assert!(a.body.contains("Host"), "{}", a.body);
            let page = ui.get(&format!("/?token={}", ui.token), &[("Host", &host)]);
            assert_eq!(page.status, 403, "page with {host}");
        }
        let local = format!("localhost:{port}");
        assert_eq!(
            ui.api_with("decode", DECODE.as_bytes(), &[("Host", &local)])
                .status,
            200
        );
    });
}

#[test]
fn a_foreign_origin_is_refused_csrf() {
    with_ui(|ui| {
        let own = format!("http://{}", ui.addr);
        for (name, value) in [
            ("Origin", "http://evil.example"),
            ("Origin", "null"),
            ("Origin", &format!("https://{}", ui.addr)),
            ("Origin", &format!("http://localhost:{}", ui.addr.port())),
            ("Sec-Fetch-Site", "cross-site"),
            ("Sec-Fetch-Site", "same-site"),
        ] {
            let a = ui.api_with("decode", DECODE.as_bytes(), &[(name, value)]);
            assert_eq!(a.status, 403, "{name}: {value}");
            assert!(a.body.contains("another origin"), "{}", a.body);
        }
        let ok = ui.api_with(
            "decode",
            DECODE.as_bytes(),
            &[("Origin", &own), ("Sec-Fetch-Site", "same-origin")],
        );
        assert_eq!(ok.status, 200);
    });
}

#[test]
fn the_api_takes_only_json_posts() {
    with_ui(|ui| {
        let get = send(
            ui.addr,
            "GET /api/decode",
            &[("X-Jot-Token", &ui.token)],
            b"",
        );
        assert_eq!(get.status, 405);
        assert_eq!(get.header("allow"), Some("POST"));
        // A form post (what a cross-site page could send without a preflight) is refused.
        let form = send(
            ui.addr,
            "POST /api/decode",
            &[
                ("X-Jot-Token", &ui.token),
                ("Content-Type", "application/x-www-form-urlencoded"),
            ],
            b"token=x",
        );
        assert_eq!(form.status, 415);
        assert_eq!(ui.api_with("nope", b"{}", &[]).status, 404);
    });
}

#[test]
fn request_bodies_over_one_mebibyte_are_refused() {
    with_ui(|ui| {
        let declared = (MAX_BODY + 1).to_string();
        let a = ui.api_with("decode", b"", &[("Content-Length", &declared)]);
        assert_eq!(a.status, 413);
        let big = vec![b' '; MAX_BODY + 1];
        assert_eq!(ui.api_with("decode", &big, &[]).status, 413);
        let chunked = {
            let mut b = format!("{:x}\r\n", MAX_BODY + 1).into_bytes();
            b.extend(std::iter::repeat_n(b' ', MAX_BODY + 1));
            b.extend_from_slice(b"\r\n0\r\n\r\n");
            b
        };
        let c = ui.api_with("decode", &chunked, &[("Transfer-Encoding", "chunked")]);
        assert_eq!(
            c.status, 413,
            "a chunked body without a declared length is bounded too"
        );
        // At the limit the body is read and parsed (here: whitespace, so a 400).
        let at = vec![b' '; MAX_BODY];
        assert_eq!(ui.api_with("decode", &at, &[]).status, 400);
    });
}

#[test]
fn every_response_has_the_security_headers_and_none_is_cors() {
    with_ui(|ui| {
        let t = &ui.token;
        let answers = [
            ui.get(&format!("/?token={t}"), &[]),
            ui.get(&format!("/app.js?token={t}"), &[]),
            ui.get("/", &[]),
            ui.get(
                &format!("/nope?token={t}"),
                &[("Origin", "http://evil.example")],
            ),
            ui.api("decode", &serde_json::json!({"token": "x"})),
            ui.api("decode", &serde_json::from_str(DECODE).unwrap()),
            send(
                ui.addr,
                "OPTIONS /api/decode",
                &[
                    ("Origin", "http://evil.example"),
                    ("Access-Control-Request-Method", "POST"),
                ],
                b"",
            ),
        ];
        for a in &answers {
            assert_eq!(
                a.header("content-security-policy"),
                Some("default-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
            );
            assert_eq!(a.header("x-content-type-options"), Some("nosniff"));
            assert_eq!(a.header("x-frame-options"), Some("DENY"));
            assert_eq!(a.header("referrer-policy"), Some("no-referrer"));
            assert_eq!(a.header("cache-control"), Some("no-store"));
            let cors: Vec<_> = a
                .headers
                .iter()
                .filter(|(k, _)| k.starts_with("access-control-"))
                .collect();
            assert!(cors.is_empty(), "CORS headers: {cors:?}");
        }
        assert_eq!(
            answers[6].status, 403,
            "a cross-origin preflight is refused"
        );
    });
}

#[test]
fn a_slow_jwks_fetch_does_not_hold_up_other_requests() {
    let idp = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let jwks = format!("http://{}/jwks.json", idp.local_addr().unwrap());
    let (release, held) = std::sync::mpsc::channel::<()>();
    let (accepted, fetching) = std::sync::mpsc::channel::<()>();
    with_ui(|ui| {
        std::thread::scope(|s| {
            // An identity provider that accepts and says nothing until the test is done.
            s.spawn(move || {
                let conn = idp.accept();
                let _ = accepted.send(());
                let _ = held.recv();
                drop(conn);
            });
            let slow = s.spawn(|| {
                let body = serde_json::json!({"token": "a.b.c", "jwks_url": jwks});
                ui.api("verify", &body).status
            });
            fetching.recv().expect("the fetch has started");
            let quick = ui.api("decode", &serde_json::from_str(DECODE).unwrap());
            assert_eq!(quick.status, 200, "answered while the fetch hangs");
            release.send(()).unwrap();
            assert_eq!(slow.join().unwrap(), 400);
        });
    });
}
