//! The built-in list of weak HMAC secrets that `jot audit` and `jot crack` try on every
//! HS256/384/512 token, compiled into the binary. A module of its own: audit runs the crack
//! engine, and the engine tries this list, so neither may hold it without a cycle.
//!
//! The list lives in `weak_secrets.txt` beside this file (one secret per line, UTF-8, no
//! empty lines), ordered likeliest first: documentation and tutorial values, framework
//! defaults and placeholders, secrets found in public repositories, then common passwords.
//! `docs/weak-secrets.md` records where each part comes from and how to regenerate it.

use std::sync::LazyLock;

/// The raw list. Lines end in `\n`; a secret may contain spaces, so lines are not trimmed.
const RAW: &str = include_str!("weak_secrets.txt");

/// Indexed once so that callers can split the work (threads, progress) without re-scanning.
static LIST: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| RAW.lines().filter(|line| !line.is_empty()).collect());

/// Every built-in secret as bytes, in the order they should be tried.
pub(crate) fn builtin() -> impl Iterator<Item = &'static [u8]> {
    LIST.iter().map(|s| s.as_bytes())
}

/// The built-in secrets as strings, in the order they should be tried.
pub(crate) fn as_slice() -> &'static [&'static str] {
    LIST.as_slice()
}

#[cfg(test)]
/// How many built-in secrets there are.
fn len() -> usize {
    LIST.len()
}

#[cfg(test)]
/// Whether `secret` is on the built-in list (exact, case-sensitive match).
fn contains(secret: &[u8]) -> bool {
    builtin().any(|s| s == secret)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn list_has_no_duplicates() {
        let mut seen = HashSet::new();
        for s in as_slice() {
            assert!(seen.insert(*s), "duplicate entry {s:?}");
        }
    }

    #[test]
    fn raw_file_has_no_empty_lines_or_carriage_returns() {
        // The filter in LIST would hide an empty line, so check the file itself.
        let body = RAW
            .strip_suffix('\n')
            .expect("file must end with a newline");
        for (i, line) in body.split('\n').enumerate() {
            assert!(!line.is_empty(), "empty line {}", i + 1);
            assert!(!line.contains('\r'), "carriage return on line {}", i + 1);
        }
    }

    #[test]
    fn list_is_large_enough() {
        assert!(len() >= 3_000, "only {} entries", len());
        assert!(
            len() <= 20_000,
            "{} entries: keep the list small enough to ship",
            len()
        );
        assert_eq!(builtin().count(), len());
    }

    #[test]
    fn list_contains_the_classic_examples() {
        for s in [
            "secret",
            "your-256-bit-secret",
            "shhhhh",
            "keyboard cat",
            "secretkey",
            "my_secret",
            "changeme",
            "supersecret",
            "your_jwt_secret",
            "JWT_SECRET",
            "secret123",
            "password",
            "123456",
        ] {
            assert!(contains(s.as_bytes()), "missing {s:?}");
        }
        assert!(!contains(b"this is not on any list 8b1f0c2e"));
    }

    #[test]
    fn likeliest_secrets_come_first() {
        assert_eq!(as_slice().first(), Some(&"secret"));
        let pos = as_slice().iter().position(|s| *s == "your-256-bit-secret");
        assert!(
            pos.is_some_and(|p| p < 10),
            "jwt.io's example should be tried early"
        );
    }

    #[test]
    fn entries_are_reasonably_short() {
        for s in as_slice() {
            assert!(s.len() <= 256, "entry too long: {s:?}");
            assert!(!s.trim().is_empty(), "blank entry {s:?}");
        }
    }
}
