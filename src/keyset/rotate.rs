//! One rotation run, in the order that keeps every crash point safe:
//!
//! 1. under the exclusive lock, load and check the manifest and key files (a bad set is an
//!    error before anything changes), then repair what an interrupted run left: delete temp
//!    files and orphan key files, finish removals, regenerate jwks.json from the manifest;
//! 2. write the new private key files;
//! 3. write jwks.json with the old and the new public keys;
//! 4. write the manifest: the commit point;
//! 5. clean up: rewrite jwks.json without dropped keys, delete or archive their files, and
//!    write the manifest once more without them.
//!
//! Before 4 the old manifest is in force and jwks.json holds at least its keys; after 4 the
//! new one is, and jwks.json holds at least its keys. Either way every key that can have
//! signed a still-valid token is published, and the next run finishes the work.

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use super::manifest::{publishing_order, Manifest, State};
use super::plan::{self, Action, Plan};
use super::store::{self, Survey};
use crate::alg::Alg;
use crate::keys::{self, Jwk};
use crate::{Error, Result};

/// How to rotate.
#[derive(Clone, Debug)]
pub(crate) struct RotateOptions {
    /// Algorithm of new keys; `None` keeps the set's (the next key's), or ES256 for a new set.
    pub alg: Option<Alg>,
    /// Seconds a retired key stays published; at least the longest token lifetime.
    pub grace: i64,
    /// The current time, unix seconds.
    pub now: i64,
    /// Report the plan and change nothing.
    pub dry_run: bool,
    /// Move dropped private keys to `DIR/archive/` instead of deleting them.
    pub archive: bool,
    /// Tighten group/other-accessible key files and directories instead of refusing.
    pub fix_permissions: bool,
}

/// What a run did, or in a dry run would do.
#[derive(Clone, Debug)]
pub(crate) struct Outcome {
    pub dry_run: bool,
    pub actions: Vec<Action>,
    /// The manifest on disk afterwards (in a dry run: as it is now; empty for a new set).
    pub manifest: Manifest,
}

/// Rotate the key set in `dir`, creating it on the first run.
pub(crate) fn rotate(dir: &Path, o: &RotateOptions) -> Result<Outcome> {
    plan::check_options(o.alg, o.grace)?;
    let exists = precheck(dir)?;
    if o.dry_run {
        return dry_run(dir, exists, o);
    }
    if !exists {
        store::create_dir(dir)?;
    }
    let _lock = store::lock_exclusive(dir)?;
    let mut actions = Vec::new();
    // Re-read under the lock: another run may have created or rotated the set meanwhile.
    let m = match store::read_manifest(dir)? {
        Some(m) => m,
        None if store::is_fresh(dir)? => {
            store::chmod(dir, 0o700)?;
            // An empty manifest first, so a crash before the real one is recognisably an
            // interrupted creation rather than a set whose manifest was lost.
            let m = Manifest::empty();
            store::write_manifest(dir, &m)?;
            actions.push(Action::Create);
            m
        }
        None => return Err(not_a_set(dir)),
    };
    let mut keys = store::read_keys(dir, &m)?;
    let survey = store::survey(dir, &m, &keys)?;
    check_modes(&survey, o.fix_permissions)?;
    actions.extend(repair(dir, &survey, &m, &keys, false)?);

    let plan = plan::plan(&m, o.alg, o.grace, o.now)?;
    let fresh = (0..plan.keys_needed())
        .map(|_| keys::generate(plan.alg, None, None))
        .collect::<Result<Vec<Jwk>>>()?;
    let kids: Vec<String> = fresh.iter().map(Jwk::kid_or_thumbprint).collect();
    let next = plan::apply(&m, &plan, &kids, o.now, o.archive);
    next.check()
        .map_err(|e| e.context("internal error: the planned manifest is invalid"))?;
    actions.extend(plan_actions(&plan, &kids, o.archive));

    for k in &fresh {
        store::write_key(dir, k)?;
    }
    for (kid, k) in kids.iter().zip(fresh) {
        keys.insert(kid.clone(), k);
    }
    let union = store::jwks_bytes(&publishing_order(next.keys.iter().collect()), &keys)?;
    store::write_jwks(dir, &union)?;
    store::write_manifest(dir, &next)?;

    let published = store::jwks_bytes(&next.published(), &keys)?;
    if published != union {
        store::write_jwks(dir, &published)?;
    }
    let dropped: Vec<_> = next
        .keys
        .iter()
        .filter(|e| e.state == State::Removed)
        .collect();
    for e in &dropped {
        store::dispose(dir, e, e.archive)?;
    }
    let mut done = next.clone();
    done.keys.retain(|e| e.state != State::Removed);
    if !dropped.is_empty() {
        store::write_manifest(dir, &done)?;
    }
    Ok(Outcome {
        dry_run: false,
        actions,
        manifest: done,
    })
}

fn dry_run(dir: &Path, exists: bool, o: &RotateOptions) -> Result<Outcome> {
    let _lock = if exists {
        store::lock_shared(dir)?
    } else {
        None
    };
    let current = if exists {
        store::read_manifest(dir)?
    } else {
        None
    };
    let mut actions = Vec::new();
    let m = match current {
        Some(m) => {
            let keys = store::read_keys(dir, &m)?;
            let survey = store::survey(dir, &m, &keys)?;
            check_modes(&survey, o.fix_permissions)?;
            actions.extend(repair(dir, &survey, &m, &keys, true)?);
            m
        }
        None => {
            actions.push(Action::Create);
            Manifest::empty()
        }
    };
    let plan = plan::plan(&m, o.alg, o.grace, o.now)?;
    actions.extend(plan_actions(&plan, &[], o.archive));
    Ok(Outcome {
        dry_run: true,
        actions,
        manifest: m,
    })
}

/// Refuse, before anything is created (even the lock file), a path that is not a
/// directory, a damaged manifest, or a non-empty directory without one. Returns whether
/// the directory exists.
fn precheck(dir: &Path) -> Result<bool> {
    match fs::metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(Error::io(dir, e)),
        Ok(md) if !md.is_dir() => Err(Error::input(format!(
            "{}: not a directory; --dir names the key set's directory",
            dir.display()
        ))),
        Ok(_) => {
            // Unlocked, so read the manifest again after seeing files: a run creating the
            // set meanwhile writes its manifest before any key file, so files with still no
            // manifest mean a damaged set, not a creation in progress.
            if store::read_manifest(dir)?.is_none()
                && !store::is_fresh(dir)?
                && store::read_manifest(dir)?.is_none()
            {
                return Err(not_a_set(dir));
            }
            Ok(true)
        }
    }
}

fn not_a_set(dir: &Path) -> Error {
    Error::input(format!(
        "{}: not a key set: it has files but no {}",
        dir.display(),
        store::MANIFEST
    ))
    .with_hint("restore manifest.json from a backup, or give an empty or new directory")
}

fn check_modes(s: &Survey, fix: bool) -> Result<()> {
    match s.bad_modes.first() {
        Some((p, mode)) if !fix => Err(Error::input(format!(
            "{}: accessible to group or others (mode {mode:04o}); private keys must be 0600 \
             and their directories 0700",
            p.display()
        ))
        .with_hint(
            "chmod it, or pass --fix-permissions; if others could read a key, rotate it out",
        )),
        _ => Ok(()),
    }
}

/// Undo or finish what an interrupted run left (`dry`: only report it).
fn repair(
    dir: &Path,
    s: &Survey,
    m: &Manifest,
    keys: &HashMap<String, Jwk>,
    dry: bool,
) -> Result<Vec<Action>> {
    let mut out = Vec::new();
    for (p, from) in &s.bad_modes {
        let to = if p.is_dir() { 0o700 } else { 0o600 };
        if !dry {
            store::chmod(p, to)?;
        }
        out.push(Action::FixPermissions {
            file: p.display().to_string(),
            from: *from,
            to,
        });
    }
    for file in &s.temp_files {
        if !dry {
            store::delete(dir, file)?;
        }
        out.push(Action::DeleteTemp { file: file.clone() });
    }
    for file in &s.orphans {
        if !dry {
            store::delete(dir, file)?;
        }
        out.push(Action::DeleteOrphan { file: file.clone() });
    }
    for e in &s.pending {
        if !dry {
            store::dispose(dir, e, e.archive)?;
        }
        out.push(Action::FinishRemoval {
            kid: e.kid.clone(),
            archive: e.archive,
        });
    }
    if s.jwks_stale {
        if !dry {
            store::write_jwks(dir, &store::jwks_bytes(&m.published(), keys)?)?;
        }
        out.push(Action::RegenerateJwks);
    }
    Ok(out)
}

/// The plan as report lines; `kids` are the generated keys' (empty in a dry run).
fn plan_actions(p: &Plan, kids: &[String], archive: bool) -> Vec<Action> {
    let generate = |i: usize, state| Action::Generate {
        kid: kids.get(i).cloned(),
        alg: p.alg,
        state,
    };
    if p.create {
        return vec![generate(0, State::Active), generate(1, State::Next)];
    }
    let mut out = Vec::new();
    if let Some(kid) = &p.promote {
        out.push(Action::Promote { kid: kid.clone() });
    }
    if let Some((kid, expires)) = &p.retire {
        out.push(Action::Retire {
            kid: kid.clone(),
            expires: *expires,
        });
    }
    out.push(generate(0, State::Next));
    if let Some(from) = p.alg_change {
        out.push(Action::AlgChange { from, to: p.alg });
    }
    for (kid, expired) in &p.drop {
        out.push(Action::Remove {
            kid: kid.clone(),
            expired: *expired,
            archive,
        });
    }
    out
}
