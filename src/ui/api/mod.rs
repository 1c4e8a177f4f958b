//! The `jot ui` JSON API: `POST /api/{decode,verify,audit,decrypt,sign,defaults,keygen,
//! example}`, each a thin adapter over the same library functions the CLI calls
//! (token::parse and token::verify, audit's token rules, jwe::decrypt, token::sign,
//! keys::generate, keys::read, net).
//! Requests are JSON objects (unknown members refused); answers are JSON, errors
//! `{"error": …, "hint": …}` with a 4xx status. Keys and secrets live only in the request.

mod audit;
mod decode;
mod decrypt;
mod example;
mod sign;
mod verify;

use std::io::Cursor;

use serde::de::DeserializeOwned;
use serde_json::{json, Value};

use crate::clock::Clock;
use crate::keys::source::{KeySource, Net, Resolver};
use crate::keys::{self, Jwk, Secret};
use crate::{Error, Result};

/// One HTTP answer.
pub(crate) type Reply = tiny_http::Response<Cursor<Vec<u8>>>;

/// The API, with what it keeps between requests: fetched public key sets, in memory only.
pub(crate) struct Api {
    fetched: verify::FetchMemo,
}

impl Default for Api {
    fn default() -> Self {
        Self::new()
    }
}

impl Api {
    /// An API with an empty fetch memo.
    pub(crate) fn new() -> Api {
        Api {
            fetched: verify::FetchMemo::default(),
        }
    }

    /// Answer `POST /api/NAME` with `body`.
    pub(crate) fn handle(&self, name: &str, body: &[u8]) -> Reply {
        let result = match name {
            "decode" => parse(body).and_then(|r| decode::decode(&r)),
            "verify" => parse(body).and_then(|r| verify::verify(&r, &self.fetched)),
            "audit" => parse(body).and_then(|r| audit::audit(&r)),
            "decrypt" => parse(body).and_then(|r| decrypt::decrypt(&r)),
            "example" => parse(body).and_then(|r| example::example(&r)),
            "sign" => parse(body).and_then(|r| sign::sign(&r)),
            "defaults" => parse(body).and_then(|r| sign::defaults(&r)),
            "keygen" => parse(body).and_then(|r| sign::keygen(&r)),
            _ => return error(404, "no such API endpoint"),
        };
        match result {
            Ok(v) => json_reply(200, &v),
            Err(e) => {
                let mut v = json!({ "error": e.to_string() });
                if let Some(h) = e.hint() {
                    v["hint"] = h.into();
                }
                json_reply(400, &v)
            }
        }
    }
}

fn parse<T: DeserializeOwned>(body: &[u8]) -> Result<T> {
    serde_json::from_slice(body).map_err(|e| Error::usage(format!("bad API request: {e}")))
}

fn json_reply(status: u16, v: &Value) -> Reply {
    let body = serde_json::to_vec(v).unwrap_or_else(|_| b"{}".to_vec());
    tiny_http::Response::from_data(body)
        .with_status_code(status)
        .with_header(super::server::hdr("Content-Type", "application/json"))
}

/// An error answer with a status.
pub(crate) fn error(status: u16, msg: &str) -> Reply {
    json_reply(status, &json!({ "error": msg }))
}

/// The clock of one request: its `now` (unix seconds or RFC 3339) or the system's.
fn clock(now: Option<&str>) -> Result<i64> {
    let now = now.map(str::trim).filter(|s| !s.is_empty());
    Ok(Clock::from_flag(now)?.now())
}

/// The token as pasted, cleaned by the one stripper every command uses, with what was
/// stripped (for the page's note).
fn strip_token(raw: &str) -> (String, Option<String>) {
    let p = crate::token::paste::paste(raw);
    (p.token.clone().into_owned(), p.describe())
}

/// Keys pasted into the page (PEM, DER as base64 is not accepted, JWK or JWKS), detected by
/// `keys::source` as for a key file.
fn pasted_keys(text: &str) -> Result<Vec<Jwk>> {
    let text = KeySource::Text(Secret::new(text.as_bytes().to_vec()));
    Ok(local(&text)?.all())
}

/// An HMAC secret typed into the page: its exact UTF-8 bytes (never empty: `Key::hmac`).
fn secret_key(text: &str) -> Result<Jwk> {
    let secret = KeySource::Secret(Secret::new(text.as_bytes().to_vec()));
    Ok(local(&secret)?.one(None)?.0)
}

/// A source read without the network or the cache (pasted text or a secret).
fn local(src: &KeySource) -> Result<keys::source::Resolved> {
    let r = Resolver {
        cache: false,
        ..Resolver::new(&Net, 0)
    };
    keys::source::resolve(src, &r)
}

/// Whether an optional text field was filled in.
fn given(s: &Option<String>) -> Option<&str> {
    s.as_deref().filter(|s| !s.trim().is_empty())
}

/// Text pasted into the page that may be secret (a private key, an HMAC secret): zeroized
/// when the request is dropped and redacted in `Debug`.
#[derive(Default)]
pub(crate) struct Pasted(zeroize::Zeroizing<String>);

impl Pasted {
    /// The text, when it is more than whitespace.
    fn given(p: &Option<Pasted>) -> Option<&str> {
        p.as_ref()
            .map(|p| p.0.as_str())
            .filter(|s| !s.trim().is_empty())
    }
}

impl<'de> serde::Deserialize<'de> for Pasted {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        String::deserialize(d).map(|s| Pasted(zeroize::Zeroizing::new(s)))
    }
}

impl std::fmt::Debug for Pasted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Pasted([redacted])")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pasted_tokens_lose_their_wrapping() {
        assert_eq!(strip_token(" abc.def.ghi ").0, "abc.def.ghi");
        assert_eq!(
            strip_token("Bearer abc.def.ghi"),
            ("abc.def.ghi".into(), Some("a Bearer prefix".into()))
        );
        assert_eq!(
            strip_token("authorization: BEARER abc.def.ghi\n"),
            (
                "abc.def.ghi".into(),
                Some("an Authorization header name and a Bearer prefix".into())
            )
        );
        assert_eq!(strip_token("\"abc.def.ghi\"").0, "abc.def.ghi");
        assert_eq!(strip_token("Bearer").0, "Bearer");
        assert_eq!(strip_token("bearer é").0, "é");
        assert_eq!(strip_token("bearé.x.y").0, "bearé.x.y");
        // Cookie lines and a token wrapped over lines, as every command takes them.
        const T: &str = "eyJhbGciOiJIUzI1NiJ9.e30.c2ln";
        assert_eq!(
            strip_token(&format!("Cookie: a=b; session={T}")),
            (
                T.into(),
                Some("a Cookie header name, a cookie name and the rest of the cookie line".into())
            )
        );
        assert_eq!(
            strip_token(&format!("{}\n{}", &T[..9], &T[9..])),
            (T.into(), Some("line breaks".into()))
        );
    }

    proptest::proptest! {
        #[test]
        fn stripping_never_panics_and_keeps_a_part_of_the_input(raw in "\\PC{0,60}") {
            let (t, _) = strip_token(&raw);
            let squeezed: String = raw.split_whitespace().collect();
            proptest::prop_assert!(raw.contains(&t) || squeezed.contains(&t));
        }

        #[test]
        fn no_request_body_panics_an_endpoint(body in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..64)) {
            let api = Api::new();
            for name in ["decode", "verify", "audit", "decrypt", "sign", "defaults", "keygen", "example"] {
                let _ = api.handle(name, &body);
            }
        }
    }

    #[test]
    fn pasted_secrets_are_redacted_in_debug() {
        let p: Pasted = serde_json::from_str("\"hunter2\"").unwrap();
        assert!(!format!("{p:?}").contains("hunter2"));
        assert_eq!(Pasted::given(&Some(p)), Some("hunter2"));
        assert_eq!(Pasted::given(&Some(Pasted::default())), None);
    }

    #[test]
    fn unknown_endpoints_and_bad_json_are_client_errors() {
        let api = Api::new();
        assert_eq!(api.handle("nope", b"{}").status_code().0, 404);
        assert_eq!(api.handle("decode", b"not json").status_code().0, 400);
        assert_eq!(
            api.handle("decode", br#"{"token":"a.b.c","extra":1}"#)
                .status_code()
                .0,
            400
        );
    }
}
