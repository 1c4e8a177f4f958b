//! The key set on disk: the lock, reading and checking the manifest and key files, the
//! survey of what an interrupted run left behind, and the individual durable writes. Every
//! write goes through `files::write_atomic`; every delete or rename is followed by an fsync
//! of its directory.

use std::collections::HashMap;
use std::fs::{self, File, OpenOptions};
use std::path::{Path, PathBuf};
use std::time::Duration;

use zeroize::Zeroizing;

use super::manifest::{Entry, Manifest, State};
use crate::files::{sync_dir, write_atomic, WriteOptions};
use crate::keys::{self, Jwk, KeyInput, ReadOptions};
use crate::{Error, Result};

pub(crate) const MANIFEST: &str = "manifest.json";
pub(crate) const JWKS: &str = "jwks.json";
pub(crate) const LOCK: &str = ".lock";
pub(crate) const ARCHIVE: &str = "archive";
/// Prefix of the temp files `write_atomic` makes; a kill -9 can leave one behind.
use crate::files::TEMP_PREFIX;

/// Key files and manifests are small; anything larger is not ours.
const MAX_KEY_FILE: u64 = 1024 * 1024;
const MAX_MANIFEST: u64 = 8 * 1024 * 1024;

/// A rotation takes well under a second; a lock held this long (1200 × 50 ms = 60 s) means
/// a stuck process, and a cron job should fail rather than pile up behind it.
const LOCK_TRIES: u32 = 1200;
const LOCK_POLL: Duration = Duration::from_millis(50);
const LOCK_FIRST_POLLS: u32 = 50;
const LOCK_FIRST_POLL: Duration = Duration::from_millis(2);

/// An flock on `DIR/.lock`, released when dropped (or when the process dies).
pub(super) struct Lock(#[allow(dead_code)] File);

/// Take the exclusive lock, creating `DIR/.lock` (0600) if needed.
pub(super) fn lock_exclusive(dir: &Path) -> Result<Lock> {
    let path = dir.join(LOCK);
    let mut opts = OpenOptions::new();
    opts.read(true).write(true).create(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    let f = opts.open(&path).map_err(|e| Error::io(&path, e))?;
    acquire(&path, f, |f| f.try_lock())
}

/// Take a shared lock when the set has a lock file, so a reader never sees a rotation
/// half-way through its clean-up; nothing is created.
pub(super) fn lock_shared(dir: &Path) -> Result<Option<Lock>> {
    let path = dir.join(LOCK);
    match File::open(&path) {
        Ok(f) => acquire(&path, f, |f| f.try_lock_shared()).map(Some),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::io(&path, e)),
    }
}

fn acquire(
    path: &Path,
    f: File,
    try_lock: impl Fn(&File) -> std::result::Result<(), fs::TryLockError>,
) -> Result<Lock> {
    // Short polls first (rotations are quick), then longer ones; counted, not timed.
    for i in 0..LOCK_FIRST_POLLS + LOCK_TRIES {
        match try_lock(&f) {
            Ok(()) => return Ok(Lock(f)),
            Err(fs::TryLockError::WouldBlock) => {}
            Err(fs::TryLockError::Error(e)) => return Err(Error::io(path, e)),
        }
        std::thread::sleep(if i < LOCK_FIRST_POLLS {
            LOCK_FIRST_POLL
        } else {
            LOCK_POLL
        });
    }
    Err(Error::input(format!(
        "{}: another jot process has held the key set's lock for over a minute",
        path.display()
    ))
    .with_hint("is a rotation stuck? the lock is released when that process ends"))
}

/// Read a file of the set, refusing more than `limit` bytes (paths need not be UTF-8).
fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>> {
    crate::files::read_path(path, limit)
        .map_err(|e| e.with_hint("the key set's files are small; this is not one jot wrote"))
}

/// The manifest, `None` when the file does not exist. Errors name the file.
pub(super) fn read_manifest(dir: &Path) -> Result<Option<Manifest>> {
    let path = dir.join(MANIFEST);
    if !path.try_exists().map_err(|e| Error::io(&path, e))? {
        return Ok(None);
    }
    let bytes = read_limited(&path, MAX_MANIFEST)?;
    Manifest::parse(&bytes)
        .map(Some)
        .map_err(|e| e.context(path.display()))
}

/// The manifest of an existing set, or a clear error when there is none.
pub(super) fn require_manifest(dir: &Path) -> Result<Manifest> {
    read_manifest(dir)?.ok_or_else(|| {
        Error::input(format!(
            "{}: no such file; {} is not a key set",
            dir.join(MANIFEST).display(),
            dir.display()
        ))
        .with_hint(format!(
            "create one with: jot rotate --dir {}",
            dir.display()
        ))
    })
}

/// Read and check the private key file of `e`: present, private, same kid, fitting alg.
pub(super) fn read_key(dir: &Path, e: &Entry) -> Result<Jwk> {
    let path = dir.join(e.file_name());
    let name = path.display();
    if !path.try_exists().map_err(|err| Error::io(&path, err))? {
        return Err(Error::input(format!(
            "{}: lists {} key {} but its key file {name} is missing",
            dir.join(MANIFEST).display(),
            e.state,
            e.kid
        ))
        .with_hint("restore the key file from a backup; nothing was changed"));
    }
    let bytes = Zeroizing::new(read_limited(&path, MAX_KEY_FILE)?);
    let mut jwk = match keys::read(&bytes, &ReadOptions::default()) {
        Ok(KeyInput::Single(j)) => j,
        Ok(KeyInput::Set(_) | KeyInput::Bundle(_)) => {
            return Err(Error::input(format!(
                "{name}: holds a key set, expected one private JWK"
            )))
        }
        Err(err) => return Err(err.context(name)),
    };
    if !jwk.is_private() {
        return Err(Error::input(format!(
            "{name}: holds a public key, expected the private key"
        )));
    }
    if jwk.kid.as_deref().is_some_and(|k| k != e.kid) {
        return Err(Error::input(format!(
            "{name}: its kid {:?} differs from the manifest's {:?}",
            jwk.kid.as_deref().unwrap_or_default(),
            e.kid
        )));
    }
    let alg = e.algorithm().map_err(|err| err.context(name.to_string()))?;
    if jwk.alg.as_deref().is_some_and(|a| a != alg.name()) {
        return Err(Error::input(format!(
            "{name}: its alg {:?} differs from the manifest's {alg}",
            jwk.alg.as_deref().unwrap_or_default()
        )));
    }
    jwk.check_alg_family(alg)
        .map_err(|err| Error::input(format!("{name}: {err}")))?;
    jwk.kid = Some(e.kid.clone());
    jwk.alg = Some(alg.name().into());
    Ok(jwk)
}

/// Read every published key; fails on the first bad file. (`removed` keys are not read:
/// their files only wait to be deleted or archived.)
pub(super) fn read_keys(dir: &Path, m: &Manifest) -> Result<HashMap<String, Jwk>> {
    let mut out = HashMap::new();
    for e in &m.keys {
        if e.state.is_published() {
            out.insert(e.kid.clone(), read_key(dir, e)?);
        }
    }
    Ok(out)
}

/// The public JWKS of `entries` (in publishing order), as canonical bytes.
pub(super) fn jwks_bytes(entries: &[&Entry], keys: &HashMap<String, Jwk>) -> Result<Vec<u8>> {
    let mut public = Vec::with_capacity(entries.len());
    for e in entries {
        let k = keys
            .get(&e.kid)
            .ok_or_else(|| Error::input(format!("key {} is listed but was not loaded", e.kid)))?;
        let mut p = k.to_public()?;
        p.kid = Some(e.kid.clone());
        p.alg = Some(e.alg.clone());
        p.use_ = Some("sig".into());
        public.push(p);
    }
    let mut v = serde_json::to_vec_pretty(&keys::to_jwks(&public, false))
        .map_err(|e| Error::input(format!("cannot serialise jwks.json: {e}")))?;
    v.push(b'\n');
    // Belt and braces: the document is public, so check it as `jot serve` would.
    crate::keys::check_public_jwks(&v)?;
    Ok(v)
}

/// What an interrupted run (or a careless chmod) left behind. Gathering it changes nothing.
#[derive(Debug, Default)]
pub(super) struct Survey {
    /// `.jot-tmp-*` files.
    pub temp_files: Vec<String>,
    /// `<thumbprint>.jwk` files with no manifest entry: keys generated by a run that never
    /// committed.
    pub orphans: Vec<String>,
    /// `removed` entries whose file still exists.
    pub pending: Vec<Entry>,
    /// Files or directories readable or writable by group or others, with their mode.
    pub bad_modes: Vec<(PathBuf, u32)>,
    /// jwks.json is missing or differs from what the manifest says (never for a set with
    /// no keys yet).
    pub jwks_stale: bool,
}

/// Look at the directory against the manifest. `keys` are the loaded published keys.
pub(super) fn survey(dir: &Path, m: &Manifest, keys: &HashMap<String, Jwk>) -> Result<Survey> {
    let mut s = Survey::default();
    let listed: HashMap<String, &Entry> = m.keys.iter().map(|e| (e.file_name(), e)).collect();
    for name in file_names(dir)? {
        if name.starts_with(TEMP_PREFIX) {
            s.temp_files.push(name);
        } else if let Some(e) = listed.get(&name) {
            if e.state == State::Removed {
                s.pending.push((*e).clone());
            }
        } else if is_generated_key_file(&name) {
            s.orphans.push(name);
        }
    }
    s.temp_files.sort();
    s.orphans.sort();
    let mut private_files = vec![dir.to_path_buf()];
    private_files.extend(m.published().iter().map(|e| dir.join(e.file_name())));
    let archive = dir.join(ARCHIVE);
    if archive.is_dir() {
        private_files.push(archive.clone());
        private_files.extend(file_names(&archive)?.iter().map(|n| archive.join(n)));
    }
    for p in private_files {
        if let Some(mode) = crate::files::exposed_mode(&p) {
            s.bad_modes.push((p, mode));
        }
    }
    // A set with no keys yet (an interrupted first run) gets its jwks.json from this run.
    if !m.keys.is_empty() {
        let want = jwks_bytes(&m.published(), keys)?;
        let have = read_limited(&dir.join(JWKS), MAX_MANIFEST).ok();
        s.jwks_stale = have.as_deref() != Some(want.as_slice());
    }
    Ok(s)
}

/// Whether `name` is `<kid>.jwk` for a kid jot generates (a 43-character base64url SHA-256
/// thumbprint). Only such files are deleted as orphans: any other file a user put in the
/// directory is left alone.
fn is_generated_key_file(name: &str) -> bool {
    name.strip_suffix(".jwk").is_some_and(|stem| {
        stem.len() == 43
            && stem
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    })
}

/// The names of the regular files in `dir` (not subdirectories), unsorted.
pub(super) fn file_names(dir: &Path) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let is_dir = entry.file_type().map(|t| t.is_dir()).unwrap_or(false);
        if !is_dir {
            out.push(entry.file_name().to_string_lossy().into_owned());
        }
    }
    Ok(out)
}

/// True when `dir` holds nothing but what a first run writes before its first manifest
/// (the lock file and temp files), so a new set may be made there.
pub(super) fn is_fresh(dir: &Path) -> Result<bool> {
    match fs::read_dir(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(true),
        Err(e) => Err(Error::io(dir, e)),
        Ok(rd) => {
            for entry in rd {
                let name = entry.map_err(|e| Error::io(dir, e))?.file_name();
                let name = name.to_string_lossy();
                if name != LOCK && !name.starts_with(TEMP_PREFIX) {
                    return Ok(false);
                }
            }
            Ok(true)
        }
    }
}

/// Create the set's directory (and parents) with mode 0700, or tighten an existing empty one.
pub(super) fn create_dir(dir: &Path) -> Result<()> {
    crate::files::create_private_dir(dir)?;
    chmod(dir, 0o700)
}

pub(super) fn chmod(path: &Path, mode: u32) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(path, fs::Permissions::from_mode(mode))
            .map_err(|e| Error::io(path, e))?;
    }
    #[cfg(not(unix))]
    let _ = (path, mode);
    Ok(())
}

/// Write a private key file `<kid>.jwk` (0600), never replacing one.
pub(super) fn write_key(dir: &Path, jwk: &Jwk) -> Result<()> {
    let kid = jwk.kid.as_deref().unwrap_or_default();
    super::manifest::check_kid(kid)?;
    // Private members go straight into a zeroizing buffer, never through a plain Value.
    let text = jwk
        .to_text(true)
        .map_err(|e| e.context(format!("key {kid}")))?;
    write_atomic(
        &dir.join(format!("{kid}.jwk")),
        text.as_bytes(),
        WriteOptions::PRIVATE,
    )
}

pub(super) fn write_jwks(dir: &Path, bytes: &[u8]) -> Result<()> {
    write_atomic(&dir.join(JWKS), bytes, WriteOptions::PUBLIC_REPLACE)
}

/// Write the manifest: the commit point of every run.
pub(super) fn write_manifest(dir: &Path, m: &Manifest) -> Result<()> {
    write_atomic(
        &dir.join(MANIFEST),
        &m.to_bytes()?,
        WriteOptions::PUBLIC_REPLACE,
    )
}

/// Delete a file in `dir` durably; a file already gone is fine (the work was done before).
pub(super) fn delete(dir: &Path, name: &str) -> Result<()> {
    let p = dir.join(name);
    match fs::remove_file(&p) {
        Ok(()) => sync_dir(dir),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io(&p, e)),
    }
}

/// Delete a dropped key's private file, or move it to `DIR/archive/` (0700).
pub(super) fn dispose(dir: &Path, e: &Entry, archive: bool) -> Result<()> {
    let name = e.file_name();
    if !archive {
        return delete(dir, &name);
    }
    let from = dir.join(&name);
    if !from.exists() {
        return Ok(());
    }
    let to_dir = dir.join(ARCHIVE);
    create_dir(&to_dir)?;
    let to = to_dir.join(&name);
    fs::rename(&from, &to).map_err(|err| Error::io(&to, err))?;
    sync_dir(&to_dir)?;
    sync_dir(dir)
}
