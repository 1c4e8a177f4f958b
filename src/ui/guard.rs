//! The checks every `jot ui` request passes before it is served, as pure functions: the
//! capability token (random, compared in constant time), the `Host` (DNS rebinding), the
//! `Origin` and `Sec-Fetch-Site` (CSRF from another tab), and the headers every response
//! carries (strict CSP, nosniff, no referrer, no caching, and never any CORS header).

use std::net::{IpAddr, SocketAddr};

use crate::{Error, Result};

/// The header the page sends the capability token in.
pub(crate) const TOKEN_HEADER: &str = "X-Jot-Token";

/// Headers on every response. `default-src 'self'` forbids inline script and style, so the
/// page is plain files; the rest keep the page out of frames, caches and referrers.
pub(crate) const SECURITY_HEADERS: &[(&str, &str)] = &[
    (
        "Content-Security-Policy",
        "default-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    ),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "no-referrer"),
    ("Cache-Control", "no-store"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Cross-Origin-Resource-Policy", "same-origin"),
];

/// A fresh capability token: 256 random bits, hex.
pub(crate) fn new_token() -> Result<String> {
    let mut raw = [0u8; 32];
    getrandom::fill(&mut raw).map_err(|e| Error::input(format!("no randomness: {e}")))?;
    Ok(crate::hex::encode(&raw))
}

/// Equality whose time does not depend on where the inputs differ (the length is public).
pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let diff = a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y));
    std::hint::black_box(diff) == 0
}

/// The `token` parameter of a query string, if any.
pub(crate) fn query_token(url: &str) -> Option<&str> {
    let query = url.split_once('?')?.1;
    let query = query.split('#').next().unwrap_or(query);
    query.split('&').find_map(|kv| kv.strip_prefix("token="))
}

/// Whether a `Host` header names the server itself: an IP literal equal to the bound one
/// (any IP literal when bound to an unspecified address with `--allow-remote`), or
/// `localhost` when bound to loopback, with the bound port. DNS names are refused: a page
/// from `evil.example` rebound to 127.0.0.1 still says `Host: evil.example`.
pub(crate) fn host_allowed(host: &str, bound: SocketAddr) -> bool {
    let (name, port) = match host.rsplit_once(':') {
        Some((n, p)) if !n.is_empty() && (!n.contains(':') || n.ends_with(']')) => {
            match p.parse::<u16>() {
                Ok(p) => (n, p),
                Err(_) => return false,
            }
        }
        _ => (host, 80),
    };
    if port != bound.port() {
        return false;
    }
    if name.eq_ignore_ascii_case("localhost") {
        return bound.ip().is_loopback();
    }
    let literal = name
        .strip_prefix('[')
        .and_then(|n| n.strip_suffix(']'))
        .unwrap_or(name);
    match literal.parse::<IpAddr>() {
        // A bracketless IPv6 literal cannot carry a port: refuse it rather than guess.
        Ok(IpAddr::V6(_)) if !name.starts_with('[') => false,
        Ok(ip) if bound.ip().is_unspecified() => !ip.is_unspecified(),
        Ok(ip) => ip == bound.ip(),
        Err(_) => false,
    }
}

/// Whether an `Origin` header (when the browser sent one) is the page's own origin,
/// `http://HOST` for the request's already-checked `Host`. `null` is refused.
pub(crate) fn origin_allowed(origin: Option<&str>, host: &str) -> bool {
    match origin {
        None => true,
        Some(o) => o.eq_ignore_ascii_case(&format!("http://{host}")),
    }
}

/// Whether `Sec-Fetch-Site` (sent by current browsers) allows the request: a navigation
/// typed or opened from outside the browser is `none`, the page's own requests are
/// `same-origin`; `cross-site` and `same-site` come from other pages.
pub(crate) fn fetch_site_allowed(value: Option<&str>) -> bool {
    matches!(value, None | Some("none") | Some("same-origin"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn addr(s: &str) -> SocketAddr {
        s.parse().unwrap()
    }

    #[test]
    fn tokens_are_random_hex_and_compared_exactly() {
        let (a, b) = (new_token().unwrap(), new_token().unwrap());
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert!(constant_time_eq(a.as_bytes(), a.clone().as_bytes()));
        assert!(!constant_time_eq(a.as_bytes(), b.as_bytes()));
        assert!(!constant_time_eq(a.as_bytes(), &a.as_bytes()[1..]));
        assert!(!constant_time_eq(b"", b"x"));
    }

    #[test]
    fn query_token_reads_only_the_token_parameter() {
        assert_eq!(query_token("/?token=abc"), Some("abc"));
        assert_eq!(query_token("/app.js?x=1&token=abc#f"), Some("abc"));
        assert_eq!(query_token("/?xtoken=abc"), None);
        assert_eq!(query_token("/"), None);
    }

    #[test]
    fn host_must_be_the_bound_address() {
        let b = addr("127.0.0.1:4242");
        assert!(host_allowed("127.0.0.1:4242", b));
        assert!(host_allowed("localhost:4242", b));
        assert!(host_allowed("LOCALHOST:4242", b));
        for bad in [
            "evil.example:4242",
            "127.0.0.1:4243",
            "127.0.0.1",
            "127.0.0.2:4242",
            "",
            ":4242",
            "127.0.0.1:x",
            "127.0.0.1.nip.io:4242",
        ] {
            assert!(!host_allowed(bad, b), "{bad}");
        }
        let v6 = addr("[::1]:4242");
        assert!(host_allowed("[::1]:4242", v6));
        assert!(host_allowed("localhost:4242", v6));
        assert!(!host_allowed("::1", v6));
        let any = addr("0.0.0.0:4242");
        assert!(host_allowed("192.0.2.7:4242", any));
        assert!(!host_allowed("localhost:4242", any));
        assert!(!host_allowed("host.example:4242", any));
        assert!(host_allowed("127.0.0.1", addr("127.0.0.1:80")));
    }

    #[test]
    fn origin_must_be_the_pages_own() {
        assert!(origin_allowed(None, "127.0.0.1:4242"));
        assert!(origin_allowed(
            Some("http://127.0.0.1:4242"),
            "127.0.0.1:4242"
        ));
        for bad in [
            "null",
            "http://evil.example",
            "https://127.0.0.1:4242",
            "http://127.0.0.1:4243",
            "http://localhost:4242",
        ] {
            assert!(!origin_allowed(Some(bad), "127.0.0.1:4242"), "{bad}");
        }
    }

    #[test]
    fn cross_site_fetches_are_refused() {
        assert!(fetch_site_allowed(None));
        assert!(fetch_site_allowed(Some("same-origin")));
        assert!(fetch_site_allowed(Some("none")));
        assert!(!fetch_site_allowed(Some("cross-site")));
        assert!(!fetch_site_allowed(Some("same-site")));
    }

    proptest::proptest! {
        #[test]
        fn only_this_servers_own_host_and_port_are_accepted(
            name in "(127\\.0\\.0\\.1|localhost|LocalHost|evil\\.example|\\[::1\\]|127\\.0\\.0\\.2|\\PC{0,12})",
            p in 0u16..,
            port in 1u16..,
        ) {
            let b = SocketAddr::from(([127, 0, 0, 1], port));
            let own = name == "127.0.0.1" || name.eq_ignore_ascii_case("localhost");
            proptest::prop_assert_eq!(host_allowed(&format!("{name}:{p}"), b), own && p == port);
        }

        #[test]
        fn header_parsers_never_panic(text in "\\PC{0,60}") {
            let b = SocketAddr::from(([127, 0, 0, 1], 80));
            let _ = host_allowed(&text, b);
            let _ = query_token(&text);
            let _ = origin_allowed(Some(&text), &text);
        }
    }

    #[test]
    fn no_response_header_is_a_cors_header() {
        assert!(SECURITY_HEADERS
            .iter()
            .all(|(k, _)| !k.to_ascii_lowercase().starts_with("access-control")));
    }
}
