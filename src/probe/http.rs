//! The probe's HTTP client: one request per token to the one URL the user named, the
//! token placed in a header template or a cookie, redirects never followed, a timeout on
//! every request and response bodies read only up to a bound.

use crate::net::{redact_text, redact_url};
use std::io::Read;
use std::time::{Duration, Instant};

use crate::{Error, Result};

/// The value sent where a token goes, to see what a rejection looks like.
pub(crate) const GARBAGE: &str = "jot-probe-not-a-jwt";

/// Where the token goes in the request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Placement {
    /// A header `NAME: VALUE` whose value has `{token}` in it.
    Header { name: String, template: String },
    /// A cookie of this name.
    Cookie(String),
    /// Every header line the original token was given in (`Cookie: a=b; s={token}`,
    /// `Authorization: Bearer {token}`), replayed whole with the token replaced.
    Lines(Vec<(String, String)>),
}

impl Placement {
    /// Parse `--header 'NAME: VALUE with {token}'`.
    pub(crate) fn header(spec: &str) -> Result<Placement> {
        let bad = |why: &str| {
            Error::usage(format!("--header {spec:?}: {why}"))
                .with_hint("write it as 'NAME: VALUE' with {token} where the token goes, e.g. 'Authorization: Bearer {token}'")
        };
        let (name, value) = spec.split_once(':').ok_or_else(|| bad("no ':'"))?;
        let name = name.trim();
        if name.is_empty()
            || !name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_".contains(&b))
        {
            return Err(bad("not a header name"));
        }
        if !value.contains("{token}") {
            return Err(bad("no {token} in the value"));
        }
        Ok(Placement::Header {
            name: name.into(),
            template: value.trim().into(),
        })
    }

    /// A DPoP-bound token: `Authorization: DPoP {token}` (RFC 9449 §7.1).
    pub(crate) fn dpop() -> Placement {
        Placement::Header {
            name: "Authorization".into(),
            template: "DPoP {token}".into(),
        }
    }

    /// The default: `Authorization: Bearer {token}`.
    pub(crate) fn bearer() -> Placement {
        Placement::Header {
            name: "Authorization".into(),
            template: "Bearer {token}".into(),
        }
    }

    /// The header name and value carrying `token`.
    pub(crate) fn render(&self, token: &str) -> (String, String) {
        match self {
            Placement::Header { name, template } => {
                (name.clone(), template.replace("{token}", token))
            }
            Placement::Cookie(c) => ("Cookie".into(), format!("{c}={token}")),
            Placement::Lines(lines) => lines
                .first()
                .map(|(n, t)| (n.clone(), t.replace("{token}", token)))
                .unwrap_or_default(),
        }
    }

    /// Every header carrying `token` (one, except for [`Placement::Lines`]).
    pub(crate) fn render_all(&self, token: &str) -> Vec<(String, String)> {
        match self {
            Placement::Lines(lines) => lines
                .iter()
                .map(|(n, t)| (n.clone(), t.replace("{token}", token)))
                .collect(),
            _ => vec![self.render(token)],
        }
    }
}

/// How to reach the endpoint.
#[derive(Clone, Debug)]
pub(crate) struct Target {
    pub url: String,
    pub method: String,
    pub placement: Placement,
    /// Request body; `{token}` in it is replaced too.
    pub data: Option<String>,
    pub timeout: Duration,
    /// Bytes of a response body read at most; the rest is never read.
    pub max_body: u64,
    pub insecure: bool,
    /// A DPoP client key: each request without a forged proof gets a fresh one.
    pub dpop: Option<DpopClient>,
}

/// The DPoP client the probe acts as: its key, and the run's clock for the proofs' iat.
#[derive(Clone, Debug)]
pub(crate) struct DpopClient {
    pub key: crate::keys::Jwk,
    pub now: i64,
}

impl Target {
    /// A fresh proof for a request carrying `token` (`None` without a DPoP key).
    fn proof_for(&self, token: &str) -> std::result::Result<Option<String>, String> {
        let Some(d) = &self.dpop else { return Ok(None) };
        let r = crate::dpop::Request {
            htm: &self.method,
            htu: &self.url,
            access_token: Some(token),
            nonce: None,
            now: d.now,
        };
        crate::dpop::make(&d.key, d.key.default_alg(), &r)
            .map(Some)
            .map_err(|e| format!("cannot make a DPoP proof: {e}"))
    }
}

/// One response as far as it was read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Response {
    pub status: u16,
    /// The body, up to the bound.
    pub body: Vec<u8>,
    /// True when the body went on past the bound (and was not read further).
    pub truncated: bool,
    /// A redirect's `Location` (never followed).
    pub location: Option<String>,
    /// The `WWW-Authenticate` challenge, when there is one: a server asks for (other)
    /// credentials with it, a signal of rejection (RFC 6750 section 3).
    pub challenge: Option<String>,
    pub elapsed_ms: u64,
}

/// A connection to one target.
pub(crate) struct Client {
    agent: ureq::Agent,
    target: Target,
}

impl Client {
    /// Check the URL and method, and build the agent.
    pub(crate) fn new(target: Target) -> Result<Client> {
        let lower = target.url.to_ascii_lowercase();
        if !(lower.starts_with("http://") || lower.starts_with("https://")) {
            return Err(Error::usage(format!(
                "not an http:// or https:// URL: {}",
                redact_url(&target.url)
            )));
        }
        ureq::http::Uri::try_from(target.url.as_str())
            .map_err(|e| Error::usage(format!("not a URL: {}: {e}", redact_url(&target.url))))?;
        ureq::http::Method::from_bytes(target.method.as_bytes())
            .map_err(|_| Error::usage(format!("not an HTTP method: {:?}", target.method)))?;
        if target.data.is_some() && matches!(target.method.as_str(), "GET" | "HEAD") {
            return Err(Error::usage("--data needs a method with a body")
                .with_hint("add --method POST (or PUT, PATCH)"));
        }
        let tls = ureq::tls::TlsConfig::builder()
            .disable_verification(target.insecure)
            .build();
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(target.timeout))
            // A redirect is an answer to classify, never a hop to another host.
            .max_redirects(0)
            .http_status_as_error(false)
            .allow_non_standard_methods(true)
            .tls_config(tls)
            .user_agent(concat!("jot/", env!("CARGO_PKG_VERSION"), " (probe)"))
            .build()
            .into();
        Ok(Client { agent, target })
    }

    /// The target.
    pub(crate) fn target(&self) -> &Target {
        &self.target
    }

    /// Send one request with `token` in place (and a fresh DPoP proof for it when the
    /// target has a DPoP key). An error is a failed exchange (timeout, refused connection),
    /// described for the report.
    pub(crate) fn send(&self, token: &str) -> std::result::Result<Response, String> {
        self.send_with(token, None)
    }

    /// Send `token` with `proof` as its `DPoP` header (a forged proof), or a fresh one.
    pub(crate) fn send_with(
        &self,
        token: &str,
        proof: Option<&str>,
    ) -> std::result::Result<Response, String> {
        let t = &self.target;
        let headers = t.placement.render_all(token);
        let proof = match proof {
            Some(p) => Some(p.to_owned()),
            None => t.proof_for(token)?,
        };
        let started = Instant::now();
        let mut builder = ureq::http::Request::builder()
            .method(t.method.as_str())
            .uri(t.url.as_str());
        for (name, value) in &headers {
            builder = builder.header(name.as_str(), value.as_str());
        }
        if let Some(p) = &proof {
            builder = builder.header("DPoP", p.as_str());
        }
        let result = match &t.data {
            Some(d) => builder
                .body(d.replace("{token}", token))
                .map_err(|e| e.to_string())
                .and_then(|r| self.agent.run(r).map_err(|e| self.describe(e))),
            None => builder
                .body(())
                .map_err(|e| e.to_string())
                .and_then(|r| self.agent.run(r).map_err(|e| self.describe(e))),
        };
        let mut resp = result?;
        let status = resp.status().as_u16();
        let location = resp
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let challenge = resp
            .headers()
            .get("www-authenticate")
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
        let mut body = Vec::new();
        let reader = resp.body_mut().with_config().limit(u64::MAX).reader();
        let read = reader.take(t.max_body + 1).read_to_end(&mut body);
        if let Err(e) = read {
            return Err(self.describe_io(&e));
        }
        let truncated = body.len() as u64 > t.max_body;
        body.truncate(t.max_body as usize);
        // Dropping the response here closes the connection instead of reading the rest.
        Ok(Response {
            status,
            body,
            truncated,
            location,
            challenge,
            elapsed_ms: started.elapsed().as_millis() as u64,
        })
    }

    fn describe(&self, e: ureq::Error) -> String {
        match e {
            ureq::Error::Timeout(_) => format!("timed out after {:?}", self.target.timeout),
            ureq::Error::Io(io) => self.describe_io(&io),
            other => redact_text(&other.to_string()).into_owned(),
        }
    }

    fn describe_io(&self, e: &std::io::Error) -> String {
        if matches!(
            e.kind(),
            std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock
        ) {
            format!("timed out after {:?}", self.target.timeout)
        } else {
            e.to_string()
        }
    }
}

/// Parse `--rate`: `N` or `N/s`, a positive number of requests per second.
pub(crate) fn parse_rate(s: &str) -> Result<f64> {
    let n = s.trim().strip_suffix("/s").unwrap_or(s.trim());
    match n.parse::<f64>() {
        Ok(r) if r.is_finite() && r > 0.0 && r <= 10_000.0 => Ok(r),
        _ => Err(Error::usage(format!("invalid --rate {s:?}"))
            .with_hint("give requests per second, e.g. 10/s or 0.5")),
    }
}

/// Parse `--timeout`: `500ms`, or a jot duration (`10s`, `1m`).
pub(crate) fn parse_timeout(s: &str) -> Result<Duration> {
    let d = match s.trim().strip_suffix("ms") {
        Some(ms) => ms.parse::<u64>().ok().map(Duration::from_millis),
        None => crate::clock::parse_duration(s)
            .ok()
            .map(|v| Duration::from_secs(v as u64)),
    };
    match d {
        Some(d) if !d.is_zero() => Ok(d),
        _ => {
            Err(Error::usage(format!("invalid --timeout {s:?}"))
                .with_hint("use e.g. 500ms, 10s or 1m"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_templates_need_a_name_and_the_placeholder() {
        let p = Placement::header("X-Auth: JWT {token}").unwrap();
        assert_eq!(p.render("T"), ("X-Auth".into(), "JWT T".into()));
        assert_eq!(Placement::bearer().render("T").1, "Bearer T");
        assert_eq!(
            Placement::Cookie("s".into()).render("T"),
            ("Cookie".into(), "s=T".into())
        );
        for bad in [
            "no colon {token}",
            ": {token}",
            "X Y: {token}",
            "X-Auth: nothing",
        ] {
            assert!(Placement::header(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn rates_and_timeouts_parse_or_refuse() {
        assert_eq!(parse_rate("10/s").unwrap(), 10.0);
        assert_eq!(parse_rate("0.5").unwrap(), 0.5);
        for bad in ["0", "-1", "x", "NaN", "inf/s"] {
            assert!(parse_rate(bad).is_err(), "{bad}");
        }
        assert_eq!(parse_timeout("500ms").unwrap(), Duration::from_millis(500));
        assert_eq!(parse_timeout("1m").unwrap(), Duration::from_secs(60));
        assert!(parse_timeout("0s").is_err() && parse_timeout("soon").is_err());
    }

    proptest::proptest! {
        #[test]
        fn flag_parsers_never_panic(s in ".{0,40}") {
            let _ = Placement::header(&s);
            let _ = parse_rate(&s);
            let _ = parse_timeout(&s);
        }
    }
}
