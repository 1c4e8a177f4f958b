//! The `jot ui` HTTP server: binds loopback (anything else only when allowed), mints the
//! capability token, and answers each request after the checks in [`super::guard`]: the
//! embedded page and its assets for GET, the JSON API for POST. Nothing is logged or
//! written anywhere; a request's body lives only while it is answered.

use std::io::Read;
use std::net::{SocketAddr, ToSocketAddrs};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use super::api::{self, Reply};
use super::guard::{self, TOKEN_HEADER};
use crate::{Error, Result};

/// The largest request body read; larger ones are a 413.
pub const MAX_BODY: usize = 1024 * 1024;

/// Requests answered at once.
pub const WORKERS: usize = 8;

/// How often [`Server::run`] looks at its stop flag and deadline.
const POLL: Duration = Duration::from_millis(200);

const INDEX: &str = include_str!("assets/index.html");
const RENDER_JS: &str = include_str!("assets/render.js");
/// The page's panels, served as one file in this order (each uses what the ones before it
/// define, and render.js). Few files: tiny_http 0.12 gives each keep-alive connection a
/// pool thread, and a burst of new connections can leave one queued behind connections the
/// browser keeps open; with six script files the page's load hung now and then.
const APP_JS: &str = concat!(
    include_str!("assets/claims.js"),
    "\n",
    include_str!("assets/app.js"),
    "\n",
    include_str!("assets/sign.js"),
    "\n",
    include_str!("assets/decrypt.js"),
    "\n",
    include_str!("assets/example.js"),
);
const STYLE: &str = include_str!("assets/style.css");
const FAVICON: &str = include_str!("assets/favicon.svg");
/// Where the page's HTML names the capability token (for its asset URLs).
const TOKEN_SLOT: &str = "{{TOKEN}}";

/// When [`Server::run`] stops by itself (tests and scripts); Ctrl-C stops it anyway.
#[derive(Clone, Copy, Debug, Default)]
pub struct RunLimits {
    /// Stop after answering this many requests.
    pub max_requests: Option<u64>,
    /// Stop at this instant.
    pub deadline: Option<Instant>,
}

/// A bound `jot ui` server.
pub struct Server {
    http: tiny_http::Server,
    addr: SocketAddr,
    token: String,
    index: Vec<u8>,
    api: api::Api,
}

impl Server {
    /// Bind `addr` (`127.0.0.1:0` picks a free port). A non-loopback address is refused
    /// unless `allow_remote`; `localhost` means 127.0.0.1.
    pub fn bind(addr: &str, allow_remote: bool) -> Result<Server> {
        let wanted = resolve(addr)?;
        if !wanted.ip().is_loopback() && !allow_remote {
            return Err(Error::usage(format!(
                "refusing to listen on {wanted}: not a loopback address"
            ))
            .with_hint(
                "jot ui holds tokens and keys: use 127.0.0.1:PORT, or pass --allow-remote \
                 if other machines must reach it",
            ));
        }
        let (http, addr) = crate::serve::listen(wanted)?;
        let token = guard::new_token()?;
        let index = INDEX.replace(TOKEN_SLOT, &token).into_bytes();
        Ok(Server {
            http,
            addr,
            token,
            index,
            api: api::Api::new(),
        })
    }

    /// The address actually bound.
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// The page's URL, capability token included: the only way in.
    pub fn url(&self) -> String {
        let host = if self.addr.ip().is_unspecified() {
            // Reachable from here as loopback; other machines use this host's address.
            SocketAddr::new(
                if self.addr.is_ipv4() {
                    [127, 0, 0, 1].into()
                } else {
                    std::net::Ipv6Addr::LOCALHOST.into()
                },
                self.addr.port(),
            )
        } else {
            self.addr
        };
        format!("http://{host}/?token={}", self.token)
    }

    /// Serve until `stop` is set or a limit is reached. Up to [`WORKERS`] requests are
    /// answered at once, so a slow JWKS fetch does not hold up decoding; beyond that a
    /// request waits for a free worker. In-flight requests finish before `run` returns.
    pub fn run(&self, stop: &AtomicBool, limits: RunLimits) -> Result<()> {
        let busy = AtomicUsize::new(0);
        std::thread::scope(|scope| {
            let mut served = 0u64;
            while !stop.load(Ordering::SeqCst) {
                if limits.max_requests.is_some_and(|m| served >= m)
                    || limits.deadline.is_some_and(|d| Instant::now() >= d)
                {
                    break;
                }
                if busy.load(Ordering::SeqCst) >= WORKERS {
                    std::thread::sleep(Duration::from_millis(5));
                    continue;
                }
                let request = match self.http.recv_timeout(POLL) {
                    Ok(Some(r)) => r,
                    Ok(None) => continue,
                    Err(e) => return Err(Error::Network(format!("serving on {}: {e}", self.addr))),
                };
                served += 1;
                busy.fetch_add(1, Ordering::SeqCst);
                let busy = &busy;
                scope.spawn(move || {
                    let mut request = request;
                    let reply = self.answer(&mut request);
                    // A client that hung up is its own problem, not a reason to stop serving.
                    let _ = request.respond(with_security_headers(reply));
                    busy.fetch_sub(1, Ordering::SeqCst);
                });
            }
            Ok(())
        })
    }

    fn answer(&self, request: &mut tiny_http::Request) -> Reply {
        let header = |name: &'static str| {
            request
                .headers()
                .iter()
                .find(|h| h.field.equiv(name))
                .map(|h| h.value.as_str().to_owned())
        };
        let host = header("Host").unwrap_or_default();
        if !guard::host_allowed(&host, self.addr) {
            return api::error(403, "forbidden: the Host header is not this server");
        }
        if !guard::origin_allowed(header("Origin").as_deref(), &host)
            || !guard::fetch_site_allowed(header("Sec-Fetch-Site").as_deref())
        {
            return api::error(403, "forbidden: the request comes from another origin");
        }
        let url = request.url().to_owned();
        let path = url.split(['?', '#']).next().unwrap_or_default().to_owned();
        let is_api = path.starts_with("/api/");
        // The page sends the token in a header; navigations and assets carry it in the URL.
        let given = if is_api {
            header(TOKEN_HEADER)
        } else {
            guard::query_token(&url).map(str::to_owned)
        };
        if !given.is_some_and(|t| guard::constant_time_eq(t.as_bytes(), self.token.as_bytes())) {
            return api::error(403, "forbidden: missing or wrong capability token");
        }
        let method = request.method().clone();
        if !is_api {
            return match method {
                tiny_http::Method::Get | tiny_http::Method::Head => self.asset(&path),
                _ => api::error(405, "method not allowed").with_header(hdr("Allow", "GET, HEAD")),
            };
        }
        if method != tiny_http::Method::Post {
            return api::error(405, "method not allowed").with_header(hdr("Allow", "POST"));
        }
        let json = header("Content-Type").is_some_and(|c| {
            c.split(';')
                .next()
                .is_some_and(|m| m.trim().eq_ignore_ascii_case("application/json"))
        });
        if !json {
            return api::error(415, "the API takes application/json");
        }
        let body = match read_body(request) {
            Ok(b) => zeroize::Zeroizing::new(b),
            Err(reply) => return reply,
        };
        self.api.handle(&path["/api/".len()..], &body)
    }

    fn asset(&self, path: &str) -> Reply {
        let (body, kind): (&[u8], &str) = match path {
            "/" | "/index.html" => (&self.index, "text/html; charset=utf-8"),
            "/app.js" => (APP_JS.as_bytes(), "text/javascript; charset=utf-8"),
            "/render.js" => (RENDER_JS.as_bytes(), "text/javascript; charset=utf-8"),
            "/style.css" => (STYLE.as_bytes(), "text/css; charset=utf-8"),
            "/favicon.svg" => (FAVICON.as_bytes(), "image/svg+xml"),
            _ => return api::error(404, "not found"),
        };
        tiny_http::Response::from_data(body.to_vec()).with_header(hdr("Content-Type", kind))
    }
}

/// Read a body of at most [`MAX_BODY`] bytes, refusing a larger declared length unread.
fn read_body(request: &mut tiny_http::Request) -> std::result::Result<Vec<u8>, Reply> {
    let too_large = || api::error(413, &format!("the request body is over {MAX_BODY} bytes"));
    if request.body_length().is_some_and(|n| n > MAX_BODY) {
        return Err(too_large());
    }
    let mut body = Vec::new();
    request
        .as_reader()
        .take(MAX_BODY as u64 + 1)
        .read_to_end(&mut body)
        .map_err(|_| api::error(400, "cannot read the request body"))?;
    if body.len() > MAX_BODY {
        return Err(too_large());
    }
    Ok(body)
}

fn with_security_headers(mut reply: Reply) -> Reply {
    for (k, v) in guard::SECURITY_HEADERS {
        reply.add_header(hdr(k, v));
    }
    reply
}

/// `HOST:PORT` to one socket address; `localhost` is 127.0.0.1, never a resolver's answer.
fn resolve(addr: &str) -> Result<SocketAddr> {
    let bad = || {
        Error::usage(format!("{addr:?} is not an address and port"))
            .with_hint("use e.g. 127.0.0.1:0 (any free port) or 127.0.0.1:8700")
    };
    if let Ok(a) = addr.parse::<SocketAddr>() {
        return Ok(a);
    }
    let (host, port) = addr.rsplit_once(':').ok_or_else(bad)?;
    let port: u16 = port.parse().map_err(|_| bad())?;
    if host.eq_ignore_ascii_case("localhost") {
        return Ok(SocketAddr::from(([127, 0, 0, 1], port)));
    }
    // A name: resolved once, and the loopback check applies to what it resolved to.
    (host, port)
        .to_socket_addrs()
        .map_err(|_| bad())?
        .next()
        .ok_or_else(bad)
}

pub(super) fn hdr(name: &str, value: &str) -> tiny_http::Header {
    // Names are our constants; values are ASCII (from_bytes only rejects non-ASCII).
    tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes())
        .unwrap_or_else(|()| unreachable!("constant header {name}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_loopback_addresses_are_refused_without_allow_remote() {
        let err = Server::bind("0.0.0.0:0", false).err().expect("refused");
        assert!(err.to_string().contains("not a loopback"), "{err}");
        assert!(err.hint().is_some_and(|h| h.contains("--allow-remote")));
        assert!(Server::bind("nonsense", false).is_err());
        let s = Server::bind("localhost:0", false).expect("localhost is loopback");
        assert!(s.local_addr().ip().is_loopback());
        assert!(s
            .url()
            .starts_with(&format!("http://{}/?token=", s.local_addr())));
    }

    #[test]
    fn the_page_names_its_token_and_no_other_origin() {
        let s = Server::bind("127.0.0.1:0", false).expect("bind");
        let page = String::from_utf8(s.index.clone()).unwrap();
        assert!(page.contains(&format!("app.js?token={}", s.token)));
        assert!(!page.contains(TOKEN_SLOT));
        // Every asset reference is relative; scripts and styles name no URL at all.
        for attr in ["src=\"", "href=\""] {
            for value in INDEX.split(attr).skip(1) {
                let value = value.split('"').next().unwrap_or_default();
                assert!(!value.contains(':') && !value.starts_with("//"), "{value}");
            }
        }
        for text in [APP_JS, RENDER_JS, STYLE] {
            assert!(!text.contains("http") && !text.contains("//cdn") && !text.contains("url("));
        }
        assert!(
            !INDEX.contains("<script>") && !INDEX.contains("style="),
            "no inline script or style"
        );
    }
}
