//! The on-disk HTTP response cache behind [`super::fetch`]: `Cache-Control` parsing,
//! the entry file format, freshness at an injected clock, and atomic writes.
//!
//! The cache is an optimisation only: a missing, corrupt or unwritable entry never
//! turns into an error, it just means the next fetch goes to the network.

use std::path::{Path, PathBuf};

/// The longest we trust a server's `max-age`: a key set cached for days would hide a
/// rotation or a revocation from every verifier on this machine.
pub(crate) const MAX_AGE_CAP: u64 = 24 * 60 * 60;

/// First bytes of every entry, so a foreign or older-format file is simply ignored.
const MAGIC: &str = "jot-cache-v1";

/// The header line is short; anything longer than this is not one of ours.
const MAX_HEADER: usize = 128;

/// How long a response may be served from the cache, from its `Cache-Control` and
/// `Age` headers; `None` when it must not be cached at all.
///
/// `no-store` and `no-cache` (and a missing or unparsable `max-age`) mean "do not serve
/// from cache": we never revalidate, so `no-cache` is treated like `no-store`.
pub(super) fn freshness_lifetime(cache_control: &[&str], age: Option<&str>) -> Option<u64> {
    let mut max_age = None;
    for directive in cache_control.iter().flat_map(|v| v.split(',')) {
        let directive = directive.trim();
        let (name, value) = match directive.split_once('=') {
            Some((n, v)) => (n.trim(), Some(v.trim().trim_matches('"'))),
            None => (directive, None),
        };
        if name.eq_ignore_ascii_case("no-store") || name.eq_ignore_ascii_case("no-cache") {
            return None;
        }
        if name.eq_ignore_ascii_case("max-age") {
            // RFC 9111 §4.2.1: with conflicting max-age directives the response is stale.
            let parsed = value.and_then(parse_seconds)?;
            if max_age.is_some_and(|seen| seen != parsed) {
                return None;
            }
            max_age = Some(parsed);
        }
    }
    // The response may already have spent part of its lifetime in a shared cache.
    let age = age.and_then(|a| parse_seconds(a.trim())).unwrap_or(0);
    let remaining = max_age?.min(MAX_AGE_CAP).checked_sub(age)?;
    (remaining > 0).then_some(remaining)
}

/// Delta-seconds: ASCII digits only, saturating rather than failing on huge values.
fn parse_seconds(s: &str) -> Option<u64> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(s.parse::<u64>().unwrap_or(u64::MAX))
}

/// The file holding the cached response for `url` in `dir`.
pub(super) fn entry_path(dir: &Path, url: &str) -> PathBuf {
    dir.join(format!(
        "{}.http",
        crate::alg::Hash::Sha256.hex_digest(url.as_bytes())
    ))
}

/// A decoded cache entry.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Entry {
    pub fetched_at: i64,
    pub max_age: u64,
    pub body: Vec<u8>,
}

impl Entry {
    /// Fresh from `fetched_at` (inclusive) for `max_age` seconds. An entry stamped in
    /// the future is treated as stale: the clock moved back and we cannot tell its age.
    pub(super) fn is_fresh(&self, now: i64) -> bool {
        let age = match now.checked_sub(self.fetched_at) {
            Some(a) if a >= 0 => a as u64,
            _ => return false,
        };
        age < self.max_age.min(MAX_AGE_CAP)
    }

    /// `jot-cache-v1 FETCHED_AT MAX_AGE LEN\n` then exactly LEN body bytes.
    pub(super) fn encode(&self) -> Vec<u8> {
        let header = format!(
            "{MAGIC} {} {} {}\n",
            self.fetched_at,
            self.max_age,
            self.body.len()
        );
        let mut out = Vec::with_capacity(header.len() + self.body.len());
        out.extend_from_slice(header.as_bytes());
        out.extend_from_slice(&self.body);
        out
    }

    /// The inverse of [`Entry::encode`]; `None` for anything that is not exactly one
    /// well-formed entry (truncated, padded, foreign).
    pub(super) fn decode(bytes: &[u8]) -> Option<Entry> {
        let head_end = bytes.iter().take(MAX_HEADER).position(|&b| b == b'\n')?;
        let header = std::str::from_utf8(&bytes[..head_end]).ok()?;
        let body = &bytes[head_end + 1..];
        let mut fields = header.split(' ');
        if fields.next()? != MAGIC {
            return None;
        }
        let fetched_at = fields.next()?.parse::<i64>().ok()?;
        let max_age = fields.next()?.parse::<u64>().ok()?;
        let len = fields.next()?.parse::<usize>().ok()?;
        if fields.next().is_some() || len != body.len() {
            return None;
        }
        Some(Entry {
            fetched_at,
            max_age,
            body: body.to_vec(),
        })
    }
}

/// The cached entry for `url` if there is a fresh, intact one with a body no larger than
/// `max_bytes`; every failure reads as "not cached".
pub(super) fn load_fresh(dir: &Path, url: &str, now: i64, max_bytes: u64) -> Option<Entry> {
    let limit = max_bytes.saturating_add(MAX_HEADER as u64);
    let bytes = crate::files::read_path(&entry_path(dir, url), limit).ok()?;
    let entry = Entry::decode(&bytes)?;
    (entry.is_fresh(now) && entry.body.len() as u64 <= max_bytes).then_some(entry)
}

/// Forget the entry for `url` (a refetch said the response may no longer be cached).
pub(super) fn remove(dir: &Path, url: &str) {
    let _ = std::fs::remove_file(entry_path(dir, url));
}

/// Write the entry for `url` atomically: a temporary file in `dir`, fsynced, then
/// renamed over the old entry, so a concurrent reader sees the old or the new entry,
/// never half of one.
pub(super) fn store(dir: &Path, url: &str, entry: &Entry) -> crate::Result<()> {
    // The cache reveals which issuers this user talks to, so keep it owner-only.
    crate::files::create_private_dir(dir)?;
    let opts = crate::files::WriteOptions {
        overwrite: true,
        mode: 0o600,
    };
    crate::files::write_atomic(&entry_path(dir, url), &entry.encode(), opts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn max_age_is_the_lifetime() {
        assert_eq!(freshness_lifetime(&["public, max-age=60"], None), Some(60));
        assert_eq!(freshness_lifetime(&["MAX-AGE=\"30\""], None), Some(30));
    }

    #[test]
    fn no_store_no_cache_and_missing_max_age_are_not_cacheable() {
        assert_eq!(freshness_lifetime(&["no-store, max-age=60"], None), None);
        assert_eq!(freshness_lifetime(&["max-age=60", "no-cache"], None), None);
        assert_eq!(freshness_lifetime(&["public"], None), None);
        assert_eq!(freshness_lifetime(&[], None), None);
        assert_eq!(freshness_lifetime(&["max-age=0"], None), None);
        assert_eq!(freshness_lifetime(&["max-age=-5"], None), None);
        assert_eq!(freshness_lifetime(&["max-age=60, max-age=70"], None), None);
    }

    #[test]
    fn max_age_is_capped_and_reduced_by_age() {
        assert_eq!(
            freshness_lifetime(&["max-age=99999999999999999999999"], None),
            Some(MAX_AGE_CAP)
        );
        assert_eq!(freshness_lifetime(&["max-age=60"], Some("20")), Some(40));
        assert_eq!(freshness_lifetime(&["max-age=60"], Some("60")), None);
        assert_eq!(freshness_lifetime(&["max-age=60"], Some("junk")), Some(60));
    }

    #[test]
    fn freshness_window_is_half_open_and_rejects_future_stamps() {
        let e = Entry {
            fetched_at: 1000,
            max_age: 60,
            body: vec![],
        };
        assert!(e.is_fresh(1000));
        assert!(e.is_fresh(1059));
        assert!(!e.is_fresh(1060));
        assert!(!e.is_fresh(999));
        let huge = Entry {
            fetched_at: 0,
            max_age: u64::MAX,
            body: vec![],
        };
        assert!(
            !huge.is_fresh(MAX_AGE_CAP as i64),
            "max-age is capped on read too"
        );
        let old = Entry {
            fetched_at: i64::MIN,
            max_age: 60,
            body: vec![],
        };
        assert!(!old.is_fresh(i64::MAX));
    }

    #[test]
    fn entries_round_trip_and_truncation_is_rejected() {
        let e = Entry {
            fetched_at: -3,
            max_age: 60,
            body: b"{\"keys\":[]}\n".to_vec(),
        };
        let bytes = e.encode();
        assert_eq!(Entry::decode(&bytes), Some(e));
        assert_eq!(Entry::decode(&bytes[..bytes.len() - 1]), None);
        let mut padded = bytes.clone();
        padded.push(b'x');
        assert_eq!(Entry::decode(&padded), None);
        assert_eq!(Entry::decode(b"jot-cache-v2 1 2 0\n"), None);
        assert_eq!(Entry::decode(b""), None);
    }

    #[test]
    fn store_then_load_respects_freshness_and_size() {
        let dir = tempfile::tempdir().expect("tempdir");
        let cache = dir.path().join("nested");
        let entry = Entry {
            fetched_at: 1000,
            max_age: 60,
            body: b"hello".to_vec(),
        };
        store(&cache, "http://x/", &entry).expect("store");
        assert_eq!(load_fresh(&cache, "http://x/", 1030, 1024), Some(entry));
        assert_eq!(load_fresh(&cache, "http://x/", 1100, 1024), None);
        assert_eq!(load_fresh(&cache, "http://y/", 1030, 1024), None);
        assert_eq!(
            load_fresh(&cache, "http://x/", 1030, 4),
            None,
            "over the size limit"
        );
        let leftovers = std::fs::read_dir(&cache).expect("read_dir").count();
        assert_eq!(leftovers, 1, "no temporary files left behind");
    }

    #[test]
    fn entry_names_are_sha256_hex_of_the_url() {
        let p = entry_path(Path::new("/c"), "abc");
        assert_eq!(
            p,
            Path::new("/c/ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad.http")
        );
    }

    proptest! {
        #[test]
        fn decode_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
            let _ = Entry::decode(&bytes);
        }

        #[test]
        fn cache_control_parser_never_panics(cc in ".{0,80}", age in ".{0,12}") {
            if let Some(n) = freshness_lifetime(&[cc.as_str()], Some(age.as_str())) {
                prop_assert!(n > 0 && n <= MAX_AGE_CAP);
            }
        }

        #[test]
        fn encode_decode_round_trips(at in any::<i64>(), age in any::<u64>(),
                                     body in proptest::collection::vec(any::<u8>(), 0..64)) {
            let e = Entry { fetched_at: at, max_age: age, body };
            prop_assert_eq!(Entry::decode(&e.encode()), Some(e));
        }
    }
}
