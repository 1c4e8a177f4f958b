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

/// A fetcher that records what the resolver asked of it.
#[derive(Default)]
struct Recording {
    cache_dir_given: std::cell::Cell<Option<bool>>,
    lacks_kid: std::cell::Cell<Option<bool>>,
}

const SET: &[u8] = br#"{"keys":[{"kty":"oct","k":"c2VjcmV0","kid":"a"}]}"#;

impl Fetcher for Recording {
    fn key_set(
        &self,
        _: &str,
        opts: &FetchOptions,
        lacks: &dyn Fn(&[u8]) -> bool,
    ) -> Result<Fetched> {
        self.cache_dir_given.set(Some(opts.cache_dir.is_some()));
        self.lacks_kid.set(Some(lacks(SET)));
        Ok(Fetched {
            body: SET.to_vec(),
            cached_at: None,
        })
    }

    fn jwks_uri(&self, issuer: &str, _: &FetchOptions) -> Result<String> {
        Ok(format!("{issuer}/jwks"))
    }
}

#[test]
fn no_cache_reaches_the_fetcher_and_a_set_lacking_the_wanted_kid_is_said_to_lack_it() {
    let f = Recording::default();
    let r = Resolver {
        cache: false,
        want_kid: Some("b"),
        ..Resolver::new(&f, 0)
    };
    resolve(&KeySource::JwksUrl("https://id.example/j".into()), &r).unwrap();
    assert_eq!(f.cache_dir_given.get(), Some(false));
    assert_eq!(f.lacks_kid.get(), Some(true));
    let r = Resolver {
        want_kid: Some("a"),
        ..Resolver::new(&f, 0)
    };
    resolve(&KeySource::JwksUrl("https://id.example/j".into()), &r).unwrap();
    assert_eq!(f.lacks_kid.get(), Some(false));
}

#[test]
fn an_oidc_issuer_names_the_expected_iss_and_its_keys_come_from_discovery() {
    let f = Recording::default();
    let got = resolve(
        &KeySource::Oidc("https://id.example".into()),
        &Resolver::new(&f, 0),
    )
    .unwrap();
    assert_eq!(got.issuer.as_deref(), Some("https://id.example"));
    assert_eq!(got.all().len(), 1);
}

#[test]
fn several_key_files_resolve_to_one_set() {
    let dir = tempfile::tempdir().unwrap();
    let paths: Vec<KeySource> = ["a", "b"]
        .iter()
        .map(|kid| {
            let p = dir.path().join(kid);
            let jwk =
                format!(r#"{{"kty":"oct","k":"c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0","kid":"{kid}"}}"#);
            std::fs::write(&p, jwk).unwrap();
            KeySource::File(p.to_string_lossy().into_owned())
        })
        .collect();
    let f = Recording::default();
    let set = resolve_set(&paths, &Resolver::new(&f, 0)).unwrap().unwrap();
    assert_eq!(set.all().len(), 2);
    assert!(resolve_set(&[], &Resolver::new(&f, 0)).unwrap().is_none());
}
