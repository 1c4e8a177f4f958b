//! Key sets on disk: a directory holding a manifest, one private key file per key and the
//! public `jwks.json`, rotated through next → active → retiring → removed so that a key is
//! published before it signs and stays published while tokens it signed are valid.
//! The layout and the lifecycle are documented in `docs/keyset.md`.
//!
//! `manifest` owns the manifest format and its checks, `plan` the pure state machine,
//! `store` the files and the lock, `rotate` the order of writes of one run, and
//! `timeline` (drawn by `svg`) the history of the keys' states for `jot keyset list`. Nothing here
//! reads the clock or prints: callers pass `now` and report the returned actions.

mod manifest;
mod plan;
mod rotate;
mod store;
mod svg;
#[cfg(test)]
mod tests;
mod timeline;

use std::path::Path;

use crate::keys::Jwk;
use crate::{Error, Result};

pub(crate) use manifest::{check_set_alg, Entry};
pub use manifest::{Manifest, State};
#[cfg(test)]
pub(crate) use plan::Action;
#[cfg(test)]
pub(crate) use rotate::Outcome;
pub(crate) use rotate::{rotate, RotateOptions};
#[cfg(test)]
pub(crate) use store::ARCHIVE;
pub(crate) use store::{JWKS, MANIFEST};
pub(crate) use svg::svg;
pub(crate) use timeline::{timeline, Timeline};

/// The set's active private key, with its kid and alg set, ready to sign.
pub fn active_key(dir: &Path) -> Result<Jwk> {
    let _lock = store::lock_shared(dir)?;
    let m = store::require_manifest(dir)?;
    let e = m.one(State::Active).ok_or_else(|| {
        Error::input(format!(
            "{}: the key set has no keys yet (its first rotation was interrupted)",
            dir.join(MANIFEST).display()
        ))
        .with_hint(format!("run: jot rotate --dir {}", dir.display()))
    })?;
    let path = dir.join(e.file_name());
    if let Some(mode) = crate::files::exposed_mode(&path) {
        return Err(Error::input(format!(
            "{}: the active key is accessible to group or others (mode {mode:04o})",
            path.display()
        ))
        .with_hint(format!(
            "it may have leaked: rotate it out with jot rotate --dir {} --fix-permissions",
            dir.display()
        )));
    }
    store::read_key(dir, e)
}

/// The set's manifest, after checking it and every published key file. Changes nothing.
pub fn list(dir: &Path) -> Result<Manifest> {
    let _lock = store::lock_shared(dir)?;
    let m = store::require_manifest(dir)?;
    store::read_keys(dir, &m)?;
    Ok(m)
}

/// The set's public JWKS as `jwks.json` holds it after a complete run: made from the
/// manifest and the key files, never from a possibly stale `jwks.json`.
pub fn public_jwks(dir: &Path) -> Result<Vec<u8>> {
    let _lock = store::lock_shared(dir)?;
    let m = store::require_manifest(dir)?;
    let keys = store::read_keys(dir, &m)?;
    store::jwks_bytes(&m.published(), &keys)
}
