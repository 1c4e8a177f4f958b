//! The per-thread hashing front end: candidates go in one at a time (each expanded into its
//! plain, base64 and hex keys), are gathered into lanes, and hashed a batch at a time by the
//! chosen kernel. Buffers are reused, so the hot loop never allocates.

use sha2::{Digest, Sha256, Sha384, Sha512};
use zeroize::Zeroize;

use super::prep::{self, KeyBlock, Prepared};
use super::target::HashAlg;
use super::{transform, Transform};

/// Keys hashed per batch (the SHA-NI kernel's width).
pub(crate) const MAX_LANES: usize = 4;

/// A hashing kernel for the HMAC computations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kernel {
    /// `sha2`'s block functions, one key at a time (any CPU; SHA-384/512 always use it).
    Portable,
    /// Several keys interleaved with the x86 SHA extensions (SHA-256 only).
    ShaNi,
}

impl Kernel {
    /// Whether this CPU can run the kernel.
    pub fn is_available(self) -> bool {
        match self {
            Kernel::Portable => true,
            #[cfg(target_arch = "x86_64")]
            Kernel::ShaNi => super::shani::detected(),
            #[cfg(not(target_arch = "x86_64"))]
            Kernel::ShaNi => false,
        }
    }

    /// The fastest kernel this CPU can run.
    pub fn best() -> Kernel {
        if Kernel::ShaNi.is_available() {
            Kernel::ShaNi
        } else {
            Kernel::Portable
        }
    }
}

fn copy_digest(slot: &mut KeyBlock, digest: &[u8]) -> usize {
    slot[..digest.len()].copy_from_slice(digest);
    digest.len()
}

/// Put `key` in `slot` as HMAC uses it: zero-padded to the block, or hashed first when
/// longer than the block (RFC 2104).
#[inline]
pub(crate) fn load_key(slot: &mut KeyBlock, hash: HashAlg, key: &[u8]) {
    let block = hash.block_len();
    let len = if key.len() > block {
        match hash {
            HashAlg::Sha256 => copy_digest(slot, &Sha256::digest(key)),
            HashAlg::Sha384 => copy_digest(slot, &Sha384::digest(key)),
            HashAlg::Sha512 => copy_digest(slot, &Sha512::digest(key)),
        }
    } else {
        slot[..key.len()].copy_from_slice(key);
        key.len()
    };
    slot[len..block].fill(0);
}

/// Candidates waiting to be hashed, and the first hit once there is one.
pub(crate) struct Lanes<'p> {
    prep: &'p Prepared,
    kernel: Kernel,
    transforms: bool,
    keys: [KeyBlock; MAX_LANES],
    who: [(u64, Transform); MAX_LANES],
    filled: usize,
    scratch: Vec<u8>,
    hit: Option<(u64, Transform)>,
}

impl Drop for Lanes<'_> {
    fn drop(&mut self) {
        // The last batch may hold the secret.
        self.keys.zeroize();
        self.scratch.zeroize();
    }
}

impl<'p> Lanes<'p> {
    /// Lanes for `prep`; a kernel the CPU or the hash cannot use falls back to `Portable`.
    pub(crate) fn new(prep: &'p Prepared, kernel: Kernel, transforms: bool) -> Lanes<'p> {
        let kernel = if kernel.is_available() && prep.hash == HashAlg::Sha256 {
            kernel
        } else {
            Kernel::Portable
        };
        Lanes {
            prep,
            kernel,
            transforms,
            keys: [[0; 128]; MAX_LANES],
            who: [(0, Transform::Plain); MAX_LANES],
            filled: 0,
            scratch: Vec::new(),
            hit: None,
        }
    }

    /// The first hit found: the candidate's index and its transform.
    pub(crate) fn hit(&self) -> Option<(u64, Transform)> {
        self.hit
    }

    /// Queue candidate `index` (and its decoded forms); true once a hit has been found,
    /// after which the caller should stop.
    #[inline]
    pub(crate) fn push(&mut self, index: u64, candidate: &[u8]) -> bool {
        self.push_key(index, Transform::Plain, candidate);
        if self.transforms && !candidate.is_empty() {
            let mut scratch = std::mem::take(&mut self.scratch);
            if transform::base64(candidate, &mut scratch) {
                self.push_key(index, Transform::Base64, &scratch);
            }
            if transform::hex(candidate, &mut scratch) {
                self.push_key(index, Transform::Hex, &scratch);
            }
            self.scratch = scratch;
        }
        self.hit.is_some()
    }

    #[inline]
    fn push_key(&mut self, index: u64, how: Transform, key: &[u8]) {
        load_key(&mut self.keys[self.filled], self.prep.hash, key);
        self.who[self.filled] = (index, how);
        self.filled += 1;
        if self.filled == MAX_LANES {
            self.flush();
        }
    }

    /// Hash whatever is queued (a partial batch at the end of a chunk).
    pub(crate) fn flush(&mut self) {
        let n = self.filled;
        if n == 0 {
            return;
        }
        self.filled = 0;
        let mut hits = [false; MAX_LANES];
        let (prep, keys) = (self.prep, &self.keys[..n]);
        match (self.kernel, prep.hash) {
            #[cfg(target_arch = "x86_64")]
            (Kernel::ShaNi, HashAlg::Sha256) => {
                // SAFETY: `new` keeps ShaNi only when the CPU has the features.
                let out = unsafe { super::shani::hmac256(&prep.wk256, &self.keys) };
                for (hit, state) in hits.iter_mut().zip(&out[..n]) {
                    *hit = prep.matches256(state);
                }
            }
            (_, HashAlg::Sha256) => {
                for (hit, key) in hits.iter_mut().zip(keys) {
                    *hit = prep.matches256(&prep::hmac256(prep, key));
                }
            }
            _ => {
                for (hit, key) in hits.iter_mut().zip(keys) {
                    *hit = prep.matches512(&prep::hmac512(prep, key));
                }
            }
        }
        for (&hit, &who) in hits.iter().zip(&self.who[..n]) {
            if hit && self.hit.is_none_or(|(i, _)| who.0 < i) {
                self.hit = Some(who);
            }
        }
    }
}
