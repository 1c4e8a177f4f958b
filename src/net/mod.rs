//! Fetching JWK sets and OpenID Connect discovery documents over HTTP(S), with a
//! bounded body, a timeout, and an on-disk cache that honours `Cache-Control: max-age`.
//!
//! This module owns every outbound request jot makes; `verify --jwks` and
//! `verify --oidc` call [`fetch`] and [`oidc_jwks_uri`].

mod cache;
mod redact;
mod refresh;
#[cfg(test)]
mod tests;

use std::ffi::OsString;
use std::path::PathBuf;
use std::time::Duration;

use crate::{Error, Result};

pub(crate) use redact::{redact_text, redact_url};
pub(crate) use refresh::{fetch_key_set, Fetched};

/// How [`fetch`] behaves: limits, where the cache lives, and what time it is.
#[derive(Clone, Debug)]
pub struct FetchOptions {
    /// Total time for one fetch, redirects and body included.
    pub timeout: Duration,
    /// The largest response body accepted (after decompression).
    pub max_bytes: u64,
    /// Where cached responses live; `None` disables the cache.
    pub cache_dir: Option<PathBuf>,
    /// The current time in unix seconds, used for cache freshness.
    pub now: i64,
}

impl FetchOptions {
    /// Defaults (10 s timeout, 1 MiB limit, no cache) at time `now`.
    pub fn new(now: i64) -> Self {
        FetchOptions {
            timeout: Duration::from_secs(10),
            max_bytes: 1024 * 1024,
            cache_dir: None,
            now,
        }
    }

    /// `$JOT_CACHE_DIR`, else `$XDG_CACHE_HOME/jot`, else `$HOME/.cache/jot`.
    pub(crate) fn default_cache_dir() -> Option<PathBuf> {
        cache_dir_from(|name| std::env::var_os(name))
    }
}

/// [`FetchOptions::default_cache_dir`] over an injected environment.
fn cache_dir_from(var: impl Fn(&str) -> Option<OsString>) -> Option<PathBuf> {
    let non_empty = |name: &str| var(name).filter(|v| !v.is_empty()).map(PathBuf::from);
    if let Some(dir) = non_empty("JOT_CACHE_DIR") {
        return Some(dir);
    }
    // The XDG spec says relative values are invalid and must be ignored.
    if let Some(xdg) = non_empty("XDG_CACHE_HOME").filter(|p| p.is_absolute()) {
        return Some(xdg.join("jot"));
    }
    non_empty("HOME").map(|home| home.join(".cache").join("jot"))
}

/// Redirects followed before giving up: enough for http→https plus a CDN hop.
const MAX_REDIRECTS: u32 = 5;

/// Fetch `url` (http or https only) and return its body, from the cache when a fresh
/// entry exists at `opts.now`.
///
/// Errors: [`Error::Usage`] for a URL jot cannot fetch, [`Error::Network`] for
/// connection failures, timeouts, non-2xx statuses and bodies over `opts.max_bytes`.
pub fn fetch(url: &str, opts: &FetchOptions) -> Result<Vec<u8>> {
    require_http_url(url)?;
    if let Some(dir) = &opts.cache_dir {
        if let Some(entry) = cache::load_fresh(dir, url, opts.now, opts.max_bytes) {
            return Ok(entry.body);
        }
    }
    fetch_and_store(url, opts)
}

/// One GET past the cache, its response stored in the cache when it may be cached (and
/// the old entry dropped when it may not).
fn fetch_and_store(url: &str, opts: &FetchOptions) -> Result<Vec<u8>> {
    let (body, lifetime) = get(url, opts)?;
    let Some(dir) = &opts.cache_dir else {
        return Ok(body);
    };
    let Some(max_age) = lifetime else {
        cache::remove(dir, url);
        return Ok(body);
    };
    let entry = cache::Entry {
        fetched_at: opts.now,
        max_age,
        body,
    };
    // A failed cache write costs one extra request next time; the fetch succeeded.
    let _ = cache::store(dir, url, &entry);
    Ok(entry.body)
}

/// One GET over the network: the body and how long it may be cached. Redirects are
/// followed here, not by ureq, so that each target passes the same check as the first URL
/// (http or https only, never from https down to http): a `Location: file:///etc/passwd`
/// is refused, not fetched as a path on the same server.
fn get(url: &str, opts: &FetchOptions) -> Result<(Vec<u8>, Option<u64>)> {
    let shown = redact_url(url);
    let deadline = std::time::Instant::now() + opts.timeout;
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(opts.timeout))
        .max_redirects(0)
        .http_status_as_error(false)
        .user_agent(concat!("jot/", env!("CARGO_PKG_VERSION")))
        .accept("application/jwk-set+json, application/json;q=0.9, */*;q=0.1")
        .build()
        .into();
    let mut current = url.to_owned();
    let mut hops = 0;
    let mut resp = loop {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        let resp = agent
            .get(&current)
            .config()
            .timeout_global(Some(left))
            .build()
            .call()
            .map_err(|e| network_error(url, opts, e))?;
        if !resp.status().is_redirection() || resp.status() == 304 {
            break resp;
        }
        let location = resp
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .ok_or_else(|| {
                Error::Network(format!(
                    "GET {}: HTTP {} without a Location",
                    redact_url(&current),
                    resp.status().as_u16()
                ))
            })?;
        let next = resolve_redirect(&current, location)?;
        hops += 1;
        if hops > MAX_REDIRECTS {
            return Err(Error::Network(format!(
                "GET {shown}: more than {MAX_REDIRECTS} redirects"
            )));
        }
        current = next;
    };
    let status = resp.status();
    if !status.is_success() {
        return Err(Error::Network(
            format!(
                "GET {shown}: HTTP {} {}",
                status.as_u16(),
                status.canonical_reason().unwrap_or("")
            )
            .trim_end()
            .to_string(),
        ));
    }
    let headers = resp.headers();
    let cache_control: Vec<&str> = headers
        .get_all("cache-control")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    let age = headers.get("age").and_then(|v| v.to_str().ok());
    let lifetime = cache::freshness_lifetime(&cache_control, age);
    let body = resp
        .body_mut()
        .with_config()
        .limit(opts.max_bytes)
        .read_to_vec()
        .map_err(|e| network_error(url, opts, e))?;
    Ok((body, lifetime))
}

/// A message that names the URL and says what went wrong in the user's terms.
fn network_error(url: &str, opts: &FetchOptions, err: ureq::Error) -> Error {
    let url = redact_url(url);
    let timed_out = || {
        Error::Network(format!(
            "GET {url}: timed out after {:?} without a complete response",
            opts.timeout
        ))
    };
    match err {
        ureq::Error::Timeout(_) => timed_out(),
        ureq::Error::Io(e)
            if matches!(
                e.kind(),
                std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock
            ) =>
        {
            timed_out()
        }
        ureq::Error::BodyExceedsLimit(_) => Error::Network(format!(
            "GET {url}: the response body is larger than the limit of {} bytes",
            opts.max_bytes
        )),
        ureq::Error::BadUri(m) => Error::usage(format!(
            "not a URL jot can fetch: {url}: {}",
            redact_text(&m)
        )),
        ureq::Error::Http(e) => Error::usage(format!(
            "not a URL jot can fetch: {url}: {}",
            redact_text(&e.to_string())
        )),
        ureq::Error::HostNotFound => Error::Network(format!("GET {url}: host not found")),
        other => Error::Network(format!("GET {url}: {}", redact_text(&other.to_string()))),
    }
}

/// The one http(s) URL check: whether `s` starts with `http://` or `https://` (the scheme
/// in any case, as RFC 3986 §3.1 allows).
pub(crate) fn is_http_url(s: &str) -> bool {
    scheme_of(s).is_some()
}

/// `Some(true)` for https, `Some(false)` for http, `None` for anything else.
fn scheme_of(s: &str) -> Option<bool> {
    let lower = s.get(..8).unwrap_or(s).to_ascii_lowercase();
    if lower.starts_with("https://") {
        Some(true)
    } else if lower.starts_with("http://") {
        Some(false)
    } else {
        None
    }
}

/// The absolute URL a `Location` names, seen from `base`: an absolute URL, `//host/…`,
/// `/path` or a relative path (RFC 3986 §5.2, without dot-segment removal, which the
/// server does). It must pass the check the first URL passed, and never downgrade.
fn resolve_redirect(base: &str, location: &str) -> Result<String> {
    let refuse = |why: &str| {
        Error::Network(format!(
            "GET {}: redirect to {} refused: {why}",
            redact_url(base),
            redact_url(location)
        ))
    };
    let base_https = scheme_of(base).unwrap_or(false);
    let loc = location.trim();
    let has_scheme = loc.split_once(':').is_some_and(|(s, _)| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
            && s.starts_with(|c: char| c.is_ascii_alphabetic())
    });
    let next = if has_scheme {
        loc.to_owned()
    } else {
        let scheme_end = base.find("://").map_or(0, |i| i + 3);
        let authority_end = base[scheme_end..]
            .find(['/', '?', '#'])
            .map_or(base.len(), |i| scheme_end + i);
        if let Some(rest) = loc.strip_prefix("//") {
            format!("{}{rest}", &base[..scheme_end])
        } else if loc.starts_with('/') {
            format!("{}{loc}", &base[..authority_end])
        } else {
            let path_end = base[authority_end..]
                .find(['?', '#'])
                .map_or(base.len(), |i| authority_end + i);
            let dir_end = base[authority_end..path_end]
                .rfind('/')
                .map_or(authority_end, |i| authority_end + i);
            format!("{}/{loc}", &base[..dir_end])
        }
    };
    match scheme_of(&next) {
        None => Err(refuse("only http:// and https:// redirects are followed")),
        Some(false) if base_https => Err(refuse("it would downgrade https to http")),
        Some(_) => Ok(next),
    }
}

/// Only plain HTTP(S): no `file://` or other schemes that would reach past the network.
fn require_http_url(url: &str) -> Result<()> {
    if is_http_url(url) {
        Ok(())
    } else {
        Err(Error::usage(format!(
            "not an http:// or https:// URL: {}",
            redact_url(url)
        ))
        .with_hint("give the full URL, e.g. https://issuer.example.com/.well-known/jwks.json"))
    }
}

/// The `jwks_uri` from `ISSUER/.well-known/openid-configuration`, after checking the
/// document's `issuer` is exactly the one asked for (OpenID Connect Discovery §4.3),
/// so one issuer cannot hand out another's keys.
pub fn oidc_jwks_uri(issuer: &str, opts: &FetchOptions) -> Result<String> {
    require_http_url(issuer)?;
    let base = issuer.strip_suffix('/').unwrap_or(issuer);
    let url = format!("{base}/.well-known/openid-configuration");
    let body = fetch(&url, opts)?;
    jwks_uri_from_discovery(issuer, &url, &body)
}

/// The checks on a discovery document, apart from the fetch.
fn jwks_uri_from_discovery(issuer: &str, url: &str, body: &[u8]) -> Result<String> {
    let url = redact_url(url);
    let doc: serde_json::Value = serde_json::from_slice(body)
        .map_err(|e| Error::input(format!("{url}: not a JSON discovery document: {e}")))?;
    let obj = doc
        .as_object()
        .ok_or_else(|| Error::input(format!("{url}: expected a JSON object")))?;
    let said = obj
        .get("issuer")
        .and_then(|v| v.as_str())
        .ok_or_else(|| Error::input(format!("{url}: no \"issuer\" string in the document")))?;
    if said != issuer {
        let err = Error::input(format!(
            "issuer mismatch: expected {}, the document says {}",
            redact_url(issuer),
            redact_url(said)
        ));
        let hint = if said.trim_end_matches('/') == issuer.trim_end_matches('/') {
            format!("the issuer must match exactly, trailing slash included: try --oidc {said}")
        } else {
            "check the issuer URL; tokens from this provider name a different issuer".to_string()
        };
        return Err(err.with_hint(hint));
    }
    let jwks_uri = obj
        .get("jwks_uri")
        .and_then(|v| v.as_str())
        .ok_or_else(|| Error::input(format!("{url}: no \"jwks_uri\" string in the document")))?;
    require_http_url(jwks_uri).map_err(|_| {
        Error::input(format!(
            "{url}: jwks_uri is not an http(s) URL: {}",
            redact_url(jwks_uri)
        ))
    })?;
    Ok(jwks_uri.to_string())
}
