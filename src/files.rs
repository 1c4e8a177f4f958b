//! Reading inputs (a path or `-` for stdin, with a size limit) and writing files atomically:
//! temp file in the same directory, fsync, rename, fsync of the directory, so a crash never
//! leaves a half-written key or key set; private files are created 0600.

use std::fs;
use std::io::{Read, Write};
use std::path::Path;

use crate::{Error, Result};

/// Prefix of the temporary files `write_atomic` makes (cleaned up as orphans by key sets).
pub(crate) const TEMP_PREFIX: &str = ".jot-tmp-";

/// Inputs larger than this are refused before they are parsed (keys, tokens, JWKS).
pub(crate) const MAX_INPUT: u64 = 8 * 1024 * 1024;

/// Read a file, or stdin for `-`, refusing more than `limit` bytes.
pub(crate) fn read_input(arg: &str, limit: u64) -> Result<Vec<u8>> {
    if arg != "-" {
        return read_path(Path::new(arg), limit);
    }
    let mut buf = Vec::new();
    std::io::stdin()
        .lock()
        .take(limit + 1)
        .read_to_end(&mut buf)
        .map_err(|e| Error::io(Path::new("<stdin>"), e))?;
    check_limit(buf, "<stdin>", limit)
}

/// Read a file (any path, UTF-8 or not), refusing more than `limit` bytes.
pub(crate) fn read_path(path: &Path, limit: u64) -> Result<Vec<u8>> {
    let mut buf = Vec::new();
    let f = fs::File::open(path).map_err(|e| Error::io(path, e))?;
    if f.metadata().map(|m| m.is_dir()).unwrap_or(false) {
        return Err(Error::input(format!(
            "{}: is a directory, expected a file",
            path.display()
        )));
    }
    f.take(limit + 1)
        .read_to_end(&mut buf)
        .map_err(|e| Error::io(path, e))?;
    check_limit(buf, &path.display().to_string(), limit)
}

fn check_limit(buf: Vec<u8>, name: &str, limit: u64) -> Result<Vec<u8>> {
    if buf.len() as u64 > limit {
        return Err(Error::input(format!("{name}: larger than {limit} bytes"))
            .with_hint("is this the right file? keys and tokens are far smaller"));
    }
    Ok(buf)
}

/// How `write_atomic` treats an existing file and what mode it gives a new one.
#[derive(Clone, Copy, Debug)]
pub(crate) struct WriteOptions {
    /// Replace an existing file (`--force`); otherwise an existing file is an error.
    pub overwrite: bool,
    /// Unix mode for the file (0o600 for anything holding a private key).
    pub mode: u32,
}

impl WriteOptions {
    /// A private file (0600), never silently overwritten.
    pub(crate) const PRIVATE: WriteOptions = WriteOptions {
        overwrite: false,
        mode: 0o600,
    };
    /// A public file (0644) that replaces what was there, like a published JWKS.
    pub(crate) const PUBLIC_REPLACE: WriteOptions = WriteOptions {
        overwrite: true,
        mode: 0o644,
    };
}

/// Write `data` to `path` atomically with the given mode.
/// tempfile's errors name the temporary file (`… at path "dir/.jot-tmp-…"`), but the user
/// named the target: keep the OS error alone, so the message names only the target.
fn without_temp_path(e: std::io::Error) -> std::io::Error {
    if e.raw_os_error().is_some() {
        return e;
    }
    // tempfile's wrapper shows as "<os error> at path <temp>"; its source() skips the os
    // error, so the text is cut where the temporary path starts.
    let text = e.to_string();
    let os_error = text
        .split(" at path ")
        .next()
        .unwrap_or_default()
        .to_owned();
    std::io::Error::new(e.kind(), os_error)
}

pub(crate) fn write_atomic(path: &Path, data: &[u8], opts: WriteOptions) -> Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !opts.overwrite && path.exists() {
        return Err(Error::usage(format!("{}: already exists", path.display()))
            .with_hint("pass --force to replace it, or choose another --out path"));
    }
    let mut tmp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .tempfile_in(dir)
        .map_err(|e| Error::io(path, without_temp_path(e)))?;
    set_mode(tmp.as_file(), opts.mode).map_err(|e| Error::io(path, without_temp_path(e)))?;
    tmp.write_all(data).map_err(|e| Error::io(path, e))?;
    tmp.as_file().sync_all().map_err(|e| Error::io(path, e))?;
    if opts.overwrite {
        tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    } else {
        // Refuse to clobber a file that appeared since the check above.
        tmp.persist_noclobber(path)
            .map_err(|e| Error::io(path, e.error))?;
    }
    sync_dir(dir)
}

/// Create a directory (and its parents) that only its owner can enter: 0700 when new;
/// an existing directory is left as it is.
pub(crate) fn create_private_dir(dir: &Path) -> Result<()> {
    let mut b = fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
    b.create(dir).map_err(|e| Error::io(dir, e))
}

/// fsync a directory so a rename in it is durable.
pub(crate) fn sync_dir(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        let d = fs::File::open(dir).map_err(|e| Error::io(dir, e))?;
        d.sync_all().map_err(|e| Error::io(dir, e))?;
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

#[cfg(unix)]
fn set_mode(f: &fs::File, mode: u32) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    f.set_permissions(fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_mode(_f: &fs::File, _mode: u32) -> std::io::Result<()> {
    Ok(())
}

/// The one private-file permission check: the mode of a file that group or others can
/// read, write or enter (any of 0o077), or `None` when it is private or the platform has
/// no modes. Keys, key sets and secret files are held to it.
pub(crate) fn exposed_mode(path: &Path) -> Option<u32> {
    mode_of(path).filter(|m| m & 0o077 != 0)
}

/// The permission bits of a file, where the platform has them.
pub(crate) fn mode_of(path: &Path) -> Option<u32> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::metadata(path)
            .ok()
            .map(|m| m.permissions().mode() & 0o777)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_atomic_write_names_the_target_not_the_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("missing-dir").join("k.pem");
        let err = write_atomic(&target, b"x", WriteOptions::PRIVATE)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with(&format!("{}: ", target.display())), "{err}");
        assert!(!err.contains(TEMP_PREFIX), "{err}");
        assert!(err.contains("No such file or directory"), "{err}");
    }

    #[test]
    fn private_files_are_0600_and_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("k.pem");
        write_atomic(&p, b"one", WriteOptions::PRIVATE).unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"one");
        #[cfg(unix)]
        assert_eq!(mode_of(&p), Some(0o600));
        assert_eq!(exposed_mode(&p), None);
        assert!(write_atomic(&p, b"two", WriteOptions::PRIVATE).is_err());
        assert_eq!(fs::read(&p).unwrap(), b"one");
        let force = WriteOptions {
            overwrite: true,
            ..WriteOptions::PRIVATE
        };
        write_atomic(&p, b"two", force).unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
    }

    #[cfg(unix)]
    #[test]
    fn exposed_mode_flags_any_group_or_other_bit() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("k");
        fs::write(&p, b"k").unwrap();
        for (mode, exposed) in [
            (0o600, false),
            (0o400, false),
            (0o640, true),
            (0o604, true),
            (0o610, true),
        ] {
            fs::set_permissions(&p, fs::Permissions::from_mode(mode)).unwrap();
            assert_eq!(exposed_mode(&p).is_some(), exposed, "{mode:o}");
        }
    }

    #[test]
    fn input_limit_is_enforced() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("big");
        fs::write(&p, vec![b'a'; 100]).unwrap();
        assert!(read_input(p.to_str().unwrap(), 99).is_err());
        assert_eq!(read_input(p.to_str().unwrap(), 100).unwrap().len(), 100);
    }
}
