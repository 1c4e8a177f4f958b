//! The weak-secret check behind JOT002 (a token's HMAC secret) and JOT108 (an `oct` key):
//! the built-in list, then each `--wordlist` in order, with the engine of `jot crack`.
//! Wordlists are read once per run, keep their names for messages, and a wordlist that
//! cannot be read or decoded is an error, never a silently weaker audit.

use std::fmt;
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use zeroize::Zeroizing;

use crate::crack::{self, Options, Outcome, Progress, Source, Target, Transform};
use crate::weak_secrets;
use crate::{Error, Result};

/// Largest wordlist read (rockyou.txt is 134 MB): it is held in memory for the run.
const MAX_WORDLIST: u64 = 1 << 30;

/// One `--wordlist`: its name and its bytes (gzip or plain, as the cracker reads them).
struct Wordlist {
    name: String,
    data: Arc<[u8]>,
}

/// Where the candidates come from.
pub(crate) struct Secrets {
    builtin: bool,
    wordlists: Vec<Wordlist>,
}

/// Where a cracked secret was found.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Found {
    Builtin,
    Wordlist { name: String, line: u64 },
}

/// A cracked secret, for the report: the people who must rotate it need to see it.
pub(crate) struct Cracked {
    secret: Zeroizing<Vec<u8>>,
    transform: Transform,
    found: Found,
}

impl fmt::Display for Cracked {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match std::str::from_utf8(&self.secret) {
            Ok(s) => write!(f, "{s:?}")?,
            Err(_) => write!(f, "hex:{}", crate::hex::encode(&self.secret))?,
        }
        let form = match self.transform {
            Transform::Plain => String::new(),
            t => format!(" (its {t} form)"),
        };
        match &self.found {
            Found::Builtin => write!(f, ", found{form} in the built-in weak-secret list"),
            Found::Wordlist { name, line } => {
                write!(f, ", found{form} on line {line} of wordlist {name}")
            }
        }
    }
}

impl Secrets {
    /// The built-in list (unless `builtin` is false) and the wordlists at `paths`, each
    /// read now: an unreadable one is an error naming it.
    pub(crate) fn open(builtin: bool, paths: &[PathBuf]) -> Result<Secrets> {
        let wordlists = paths
            .iter()
            .map(|p| {
                let data = crate::files::read_path(p, MAX_WORDLIST)?;
                Ok(Wordlist {
                    name: p.display().to_string(),
                    data: data.into(),
                })
            })
            .collect::<Result<_>>()?;
        Ok(Secrets { builtin, wordlists })
    }

    /// No candidates at all (`--no-builtin` and no wordlist).
    #[cfg(test)]
    pub(super) fn none() -> Secrets {
        Secrets {
            builtin: false,
            wordlists: Vec::new(),
        }
    }

    /// The secret of `target`, if a candidate signs it.
    pub(crate) fn crack(&self, target: &Target) -> Result<Option<Cracked>> {
        if self.builtin {
            if let Some((secret, transform)) =
                crack::try_words(target, weak_secrets::builtin(), true)
            {
                return Ok(Some(Cracked {
                    secret,
                    transform,
                    found: Found::Builtin,
                }));
            }
        }
        for w in &self.wordlists {
            let src = Source::Wordlists(vec![crack::Wordlist::new(
                w.name.clone(),
                Box::new(Cursor::new(Arc::clone(&w.data))),
            )
            .with_len(w.data.len() as u64)]);
            let outcome = crack::crack(target, src, &Options::default(), &Progress::new())
                .map_err(|e| match e {
                    // The cracker numbers its inputs; this one has a name.
                    Error::Io { source, .. } => Error::io(Path::new(&w.name), source),
                    e => e.context(format!("wordlist {}", w.name)),
                })?;
            if let Outcome::Found {
                secret,
                transform,
                index,
                ..
            } = outcome
            {
                return Ok(Some(Cracked {
                    secret,
                    transform,
                    found: Found::Wordlist {
                        name: w.name.clone(),
                        line: index.saturating_add(1),
                    },
                }));
            }
        }
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, text: &[u8]) -> PathBuf {
        let p = dir.join(name);
        std::fs::write(&p, text).expect("write");
        p
    }

    #[test]
    fn a_missing_wordlist_is_an_error_naming_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let missing = dir.path().join("nope.txt");
        let err = Secrets::open(true, &[missing]).err().expect("an error");
        assert!(err.to_string().contains("nope.txt"), "{err}");
    }

    #[test]
    fn a_corrupt_gzip_wordlist_is_an_error_naming_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let bad = write(dir.path(), "bad.gz", &[0x1f, 0x8b, 8, 0, 1, 2, 3]);
        let s = Secrets::open(false, &[bad]).expect("readable");
        let err = s
            .crack(&crack::target_for_secret(b"x"))
            .err()
            .expect("a decode error");
        assert!(err.to_string().contains("bad.gz"), "{err}");
    }

    #[test]
    fn the_message_says_where_the_secret_was_found() {
        let dir = tempfile::tempdir().expect("tempdir");
        let w = write(dir.path(), "w.txt", b"alpha\nbravo\nzebra-42\n");
        let s = Secrets::open(true, std::slice::from_ref(&w)).expect("open");
        let hit = |secret: &[u8]| {
            s.crack(&crack::target_for_secret(secret))
                .expect("crack")
                .map(|c| c.to_string())
        };
        assert_eq!(
            hit(b"secret").as_deref(),
            Some("\"secret\", found in the built-in weak-secret list")
        );
        assert_eq!(
            hit(b"zebra-42"),
            Some(format!(
                "\"zebra-42\", found on line 3 of wordlist {}",
                w.display()
            ))
        );
        assert_eq!(hit(b"not on any list 8b1f0c2e"), None);
        assert!(Secrets::none()
            .crack(&crack::target_for_secret(b"secret"))
            .expect("crack")
            .is_none());
    }

    #[test]
    fn wordlists_are_read_once_and_reused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let w = write(dir.path(), "w.txt", b"zebra-42\n");
        let s = Secrets::open(false, std::slice::from_ref(&w)).expect("open");
        // Gone from disk after the open: every later crack still uses the words read once.
        std::fs::remove_file(&w).expect("remove");
        for _ in 0..3 {
            assert!(s
                .crack(&crack::target_for_secret(b"zebra-42"))
                .expect("crack")
                .is_some());
        }
    }
}
