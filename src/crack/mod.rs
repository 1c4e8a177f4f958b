//! The HMAC secret cracker behind `jot crack` (and the weak-secret rule of `jot audit`):
//! given an HS256/HS384/HS512 token, try candidate secrets from wordlists, hashcat-style
//! masks or an incremental brute force, on every core, as fast as the hardware allows.
//!
//! # Keyspace and candidate indices
//!
//! Every candidate has a 0-based index in a fixed order, and `skip`/`limit` select the
//! indices `skip <= i < skip + limit`, so shards `--skip 0 --limit N`, `--skip N --limit N`,
//! … cover the keyspace exactly once.
//!
//! - Wordlists: one candidate per line, in line order, over the concatenation of all the
//!   wordlists in the order given. A trailing `\r` is stripped. An empty line is a
//!   candidate too (the empty secret, which HMAC accepts and some misconfigured services
//!   use); a final newline does not start another line. gzip files are recognised by their
//!   magic bytes. The keyspace size is not known up front.
//! - Masks: mixed-radix order with the *last* position varying fastest (an odometer):
//!   `?d?d` gives `00`, `01`, …, `09`, `10`, ….
//! - Brute force: lengths ascending, each length in the mask order above.
//!
//! # Transforms
//!
//! Unless disabled, each candidate is also tried decoded, because many frameworks decode
//! their configured secret: as base64 (standard or URL-safe alphabet, padding optional,
//! canonical encodings only — the ones an encoder produces) and as hex (either case).
//! Decoded variants belong to the same index as their candidate.
//!
//! # Speed
//!
//! The signing input is fixed and only the key changes, so the message's padded blocks and
//! their message schedule are prepared once; per candidate, HMAC costs two key-block
//! compressions, the message blocks (rounds only) and one outer block. On x86-64 several
//! candidates are hashed at once ([`Kernel`]): four interleaved with the SHA extensions for
//! HS256, eight side by side in AVX-512 registers for HS384/HS512 (sixteen for HS256 where
//! there is AVX-512 but no SHA extensions), and half those widths in AVX2 registers on CPUs
//! without AVX-512 (four for HS384/HS512; eight for HS256 without SHA-NI); elsewhere `sha2`'s block functions (which use
//! the ARMv8 SHA-2 instructions on aarch64). Which is fastest depends on the CPU, so
//! before a long search [`Kernel::Auto`] times each one for a few milliseconds and keeps
//! the fastest (`calibrate`). Wordlists are read in 2 MiB chunks by one
//! thread and split into lines by the workers without copying; nothing is allocated per
//! candidate.
//!
//! A hit is the first found, not necessarily the lowest index when several candidates (or a
//! candidate and its decoded form) sign the token; every hit is confirmed with the `hmac`
//! crate before it is reported.

#[cfg(target_arch = "x86_64")]
mod avx2;
#[cfg(target_arch = "x86_64")]
mod avx2_256;
#[cfg(target_arch = "x86_64")]
mod avx512;
#[cfg(target_arch = "x86_64")]
mod avx512_256;
mod calibrate;
mod engine;
mod hashcat;
mod hashcat_run;
mod job;
#[cfg(test)]
mod kernel_tests;
mod lanes;
mod mask;
mod prep;
mod seq;
#[cfg(target_arch = "x86_64")]
mod sha2_lanes;
#[cfg(target_arch = "x86_64")]
mod shani;
mod target;
#[cfg(test)]
mod tests;
mod transform;
mod wordfile;
mod wordlist;

use std::fmt;
use std::sync::atomic::{AtomicBool, AtomicU64};

use zeroize::Zeroizing;

pub(crate) use calibrate::KernelChoice;
pub(crate) use hashcat::{hashcat_export, HASHCAT_HASH_FILE};
pub use job::{Attack, Engine, Extent, Job, Origin, Range, Report, Shard};
pub use lanes::Kernel;
pub use mask::{Mask, MAX_BRUTE_LEN};
pub use target::{check, target_for_secret, HashAlg, Target};
pub use wordfile::Wordlist;

use crate::Result;

/// How a candidate was turned into the key that was tried.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Transform {
    /// The candidate's bytes as they are.
    Plain,
    /// The candidate base64-decoded (either alphabet, padding optional).
    Base64,
    /// The candidate hex-decoded.
    Hex,
}

impl Transform {
    /// A lowercase name for messages and JSON: `plain`, `base64`, `hex`.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Transform::Plain => "plain",
            Transform::Base64 => "base64",
            Transform::Hex => "hex",
        }
    }
}

impl fmt::Display for Transform {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Where the candidates come from.
pub enum Source {
    /// Wordlists read in order (files, gzip files, stdin: any reader), one candidate a line.
    Wordlists(Vec<Wordlist>),
    /// A hashcat-style mask.
    Mask(Mask),
    /// Every string over `charset` (a set of bytes; duplicates ignored) of length
    /// `min_len..=max_len`, shortest first. `max_len` is at most [`MAX_BRUTE_LEN`].
    Brute {
        /// The bytes to combine.
        charset: Vec<u8>,
        /// The shortest length tried (0 includes the empty secret).
        min_len: usize,
        /// The longest length tried.
        max_len: usize,
    },
}

impl fmt::Debug for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Wordlists(w) => {
                let names: Vec<&str> = w.iter().map(Wordlist::name).collect();
                write!(f, "Wordlists({names:?})")
            }
            Source::Mask(m) => write!(f, "Mask({:?})", m.pattern()),
            Source::Brute {
                charset,
                min_len,
                max_len,
            } => write!(
                f,
                "Brute {{ charset: {:?}, min_len: {min_len}, max_len: {max_len} }}",
                String::from_utf8_lossy(charset)
            ),
        }
    }
}

/// How to run a search.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// Worker threads; 0 means one per available core (at most 256 either way).
    pub threads: usize,
    /// The first candidate index tried.
    pub skip: u64,
    /// How many candidate indices to try from `skip`; `None` for all the rest.
    pub limit: Option<u64>,
    /// Also try each candidate base64- and hex-decoded.
    pub transforms: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            threads: 0,
            skip: 0,
            limit: None,
            transforms: true,
        }
    }
}

/// State shared with the caller while a search runs: a progress counter to read and a cancel
/// flag to set (from a Ctrl-C handler, say).
#[derive(Debug, Default)]
pub struct Progress {
    /// Candidate indices tried so far (approximate while running, updated in batches).
    pub done: AtomicU64,
    /// Set to stop the search; `crack` then returns [`Outcome::Cancelled`].
    pub cancel: AtomicBool,
    /// Bytes of the wordlists taken by the workers so far, counted as the files hold them
    /// (compressed for gzip), so that against the files' sizes it is how far the search
    /// is; updated once a chunk (2 MiB of lines), and 0 for masks and brute force.
    pub read: AtomicU64,
}

impl Progress {
    /// A fresh counter, not cancelled.
    pub fn new() -> Self {
        Self::default()
    }
}

/// The verdict of a search.
pub enum Outcome {
    /// A candidate's key reproduces the token's signature.
    Found {
        /// The key that signs the token (the candidate after its transform).
        secret: Zeroizing<Vec<u8>>,
        /// How the candidate became the key.
        transform: Transform,
        /// The candidate as the source gave it.
        candidate: Zeroizing<Vec<u8>>,
        /// The candidate's index in the keyspace.
        index: u64,
    },
    /// Every selected candidate was tried; `tried` counts candidate indices.
    Exhausted {
        /// Candidate indices tried (transforms not counted separately).
        tried: u64,
    },
    /// The cancel flag stopped the search; every index below `resume_skip` (from `skip`
    /// on) was tried, so `--skip resume_skip` resumes with nothing missed.
    Cancelled {
        /// The lowest selected index not fully tried.
        resume_skip: u64,
    },
}

impl fmt::Debug for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Outcome::Found {
                transform, index, ..
            } => f
                .debug_struct("Found")
                .field("secret", &"<redacted>")
                .field("transform", transform)
                .field("candidate", &"<redacted>")
                .field("index", index)
                .finish(),
            Outcome::Exhausted { tried } => {
                f.debug_struct("Exhausted").field("tried", tried).finish()
            }
            Outcome::Cancelled { resume_skip } => f
                .debug_struct("Cancelled")
                .field("resume_skip", resume_skip)
                .finish(),
        }
    }
}

/// The number of candidate indices in `source`: `None` for wordlists (unknown until read).
/// Errors on brute-force parameters that cannot work; saturates at `u128::MAX`.
#[cfg(test)]
pub(crate) fn keyspace(source: &Source) -> Result<Option<u128>> {
    match source {
        Source::Wordlists(_) => Ok(None),
        Source::Mask(m) => Ok(Some(m.keyspace())),
        Source::Brute {
            charset,
            min_len,
            max_len,
        } => Ok(Some(seq::Seq::brute(charset, *min_len, *max_len)?.total())),
    }
}

/// Search `source` for the secret of `target`, on `opts.threads` threads, stopping at the
/// first hit or when `progress.cancel` is set.
pub(crate) fn crack(
    target: &Target,
    source: Source,
    opts: &Options,
    progress: &Progress,
) -> Result<Outcome> {
    engine::run(target, source, opts, progress, Kernel::Auto)
}

/// `crack` with a chosen hashing kernel (benchmarks and tests compare kernels).
pub fn crack_with_kernel(
    target: &Target,
    source: Source,
    opts: &Options,
    progress: &Progress,
    kernel: Kernel,
) -> Result<Outcome> {
    engine::run(target, source, opts, progress, kernel)
}

/// Try a short list of words on one thread, for `jot audit`'s built-in weak secrets: the
/// key that signs `target` and how it was derived from its word, if any word does.
pub(crate) fn try_words<'a>(
    target: &Target,
    words: impl IntoIterator<Item = &'a [u8]>,
    transforms: bool,
) -> Option<(Zeroizing<Vec<u8>>, Transform)> {
    let prep = prep::Prepared::new(target);
    let mut lanes = lanes::Lanes::new(&prep, Kernel::Auto, transforms);
    // The lanes hold keys from at most MAX_LANES recent words; keep those words to name a hit.
    const RING: usize = 2 * lanes::MAX_LANES;
    let mut recent: [&[u8]; RING] = [&[]; RING];
    for (i, word) in words.into_iter().enumerate() {
        recent[i % RING] = word;
        if lanes.push(i as u64, word) {
            break;
        }
    }
    lanes.flush();
    let (index, transform) = lanes.hit()?;
    let word = recent[(index as usize) % RING];
    let secret = transform::apply(transform, word)?;
    check(target, &secret).then_some((secret, transform))
}
