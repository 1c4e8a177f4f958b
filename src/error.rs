//! The library's error type and the one `ExitCode` type that owns jot's exit statuses.
//!
//! Every failure that is the caller's input or usage maps to exit 2; a negative verdict
//! (invalid token, findings, secret not found) is not an error but a value that maps to 1.

use std::fmt;
use std::path::{Path, PathBuf};

/// jot's exit statuses: the contract scripts depend on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExitCode {
    /// Success, valid token, no findings at or above the threshold.
    Success,
    /// A negative verdict: invalid token, findings, secret not found.
    Negative,
    /// A usage or input error.
    Error,
    /// Stopped by Ctrl-C (SIGINT): 128 + 2, as shells report it.
    Interrupted,
}

impl ExitCode {
    /// The numeric status passed to the operating system.
    pub fn code(self) -> u8 {
        match self {
            ExitCode::Success => 0,
            ExitCode::Negative => 1,
            ExitCode::Error => 2,
            ExitCode::Interrupted => 130,
        }
    }

    /// Negative when `bad` is true, else success.
    pub(crate) fn verdict(ok: bool) -> Self {
        if ok {
            ExitCode::Success
        } else {
            ExitCode::Negative
        }
    }
}

/// An error from jot's library: always exit 2, always with a message and, where one
/// exists, a next step for the user.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input (a key, token, file or response) is not what was expected.
    #[error("{msg}")]
    Input { msg: String, hint: Option<String> },
    /// Flags or arguments that cannot work together.
    #[error("{msg}")]
    Usage { msg: String, hint: Option<String> },
    /// A file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A network fetch failed.
    #[error("{0}")]
    Network(String),
}

impl Error {
    /// Bad input with no hint.
    pub(crate) fn input(msg: impl fmt::Display) -> Self {
        Error::Input {
            msg: msg.to_string(),
            hint: None,
        }
    }

    /// Bad usage with no hint.
    pub(crate) fn usage(msg: impl fmt::Display) -> Self {
        Error::Usage {
            msg: msg.to_string(),
            hint: None,
        }
    }

    /// An I/O error on `path`.
    pub(crate) fn io(path: &Path, source: std::io::Error) -> Self {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    /// Attach a next step for the user.
    pub(crate) fn with_hint(self, h: impl fmt::Display) -> Self {
        match self {
            Error::Input { msg, .. } => Error::Input {
                msg,
                hint: Some(h.to_string()),
            },
            Error::Usage { msg, .. } => Error::Usage {
                msg,
                hint: Some(h.to_string()),
            },
            other => other,
        }
    }

    /// Prefix the message with where it happened (a file name, a segment).
    pub(crate) fn context(self, what: impl fmt::Display) -> Self {
        match self {
            Error::Input { msg, hint } => Error::Input {
                msg: format!("{what}: {msg}"),
                hint,
            },
            Error::Usage { msg, hint } => Error::Usage {
                msg: format!("{what}: {msg}"),
                hint,
            },
            // Io keeps its source (a closed pipe is still recognised); the name gains the
            // context, so a missing file says which flag named it.
            Error::Io { path, source } => Error::Io {
                path: PathBuf::from(format!("{what}: {}", path.display())),
                source,
            },
            other => other,
        }
    }

    /// The next step for the user, if any.
    pub(crate) fn hint(&self) -> Option<&str> {
        match self {
            Error::Input { hint, .. } | Error::Usage { hint, .. } => hint.as_deref(),
            _ => None,
        }
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
