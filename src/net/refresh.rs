//! Key sets from the cache, and when to look past it: a key set served with
//! `Cache-Control: max-age=3600` would hide a key the issuer added for an hour, so a set
//! that lacks what the caller needs (a token's kid) is fetched again, at most once per URL
//! per [`REFETCH_FLOOR`] seconds, as JWKS clients do, so unknown kids cannot turn every
//! verification into a request to the issuer.

use super::{cache, fetch_and_store, require_http_url, FetchOptions};
use crate::Result;

/// The shortest time between two fetches of one URL: a cached set younger than this is
/// as new as a refetch would be.
pub(crate) const REFETCH_FLOOR: i64 = 30;

/// A fetched body, and when it came from the cache, when that was fetched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Fetched {
    pub body: Vec<u8>,
    /// Unix seconds of the network fetch the cached body came from; `None` when it was
    /// fetched just now.
    pub cached_at: Option<i64>,
}

/// The key set at `url`, from the cache when a fresh entry exists, unless `lacks` says
/// the cached set lacks what the caller needs and it was fetched [`REFETCH_FLOOR`] or
/// more seconds ago (by `opts.now`): then it is fetched again and the cache updated.
pub(crate) fn fetch_key_set(
    url: &str,
    opts: &FetchOptions,
    lacks: impl Fn(&[u8]) -> bool,
) -> Result<Fetched> {
    require_http_url(url)?;
    if let Some(dir) = &opts.cache_dir {
        if let Some(entry) = cache::load_fresh(dir, url, opts.now, opts.max_bytes) {
            let recent = opts.now.saturating_sub(entry.fetched_at) < REFETCH_FLOOR;
            if recent || !lacks(&entry.body) {
                return Ok(Fetched {
                    body: entry.body,
                    cached_at: Some(entry.fetched_at),
                });
            }
        }
    }
    Ok(Fetched {
        body: fetch_and_store(url, opts)?,
        cached_at: None,
    })
}
