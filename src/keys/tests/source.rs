//! `keys::source`: the resolver's own logic through an injected fetcher (no network).

use crate::keys::source::*;
use crate::net::{FetchOptions, Fetched};
use crate::Result;

/// A fetcher that serves one body and counts nothing: the resolver's own logic only.
struct Canned(&'static [u8]);

impl Fetcher for Canned {
    fn key_set(&self, _: &str, _: &FetchOptions, _: &dyn Fn(&[u8]) -> bool) -> Result<Fetched> {
        Ok(Fetched {
            body: self.0.to_vec(),
            cached_at: Some(100),
        })
    }
}

#[test]
fn jwks_argument_is_a_url_only_with_an_http_scheme() {
    assert!(matches!(
        KeySource::jwks("HTTPS://x/j"),
        KeySource::JwksUrl(_)
    ));
    assert!(matches!(
        KeySource::jwks("https.json"),
        KeySource::JwksFile(_)
    ));
}

#[test]
fn url_keys_come_through_the_injected_fetcher_with_their_cache_age() {
    let f = Canned(br#"{"keys":[{"kty":"oct","k":"c2VjcmV0","kid":"a"},{"kty":"zz"}]}"#);
    let r = Resolver::new(&f, 130);
    let got = resolve(&KeySource::JwksUrl("https://id.example/j".into()), &r).unwrap();
    assert_eq!(got.cached.as_ref().map(|c| c.age_s), Some(30));
    assert_eq!(got.warnings.len(), 1, "{:?}", got.warnings);
    assert_eq!(got.all().len(), 1);
}

#[test]
fn an_empty_key_set_is_refused_by_require_keys_with_its_name() {
    let f = Canned(br#"{"keys":[]}"#);
    let r = Resolver::new(&f, 0);
    let got = resolve(&KeySource::JwksUrl("https://id.example/j".into()), &r).unwrap();
    let e = require_keys(&got).unwrap_err().to_string();
    assert!(
        e.contains("https://id.example/j") && e.contains("no key"),
        "{e}"
    );
}
