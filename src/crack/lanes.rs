//! The per-thread hashing front end: candidates go in one at a time (each expanded into its
//! plain, base64 and hex keys), are gathered into lanes, and hashed a batch at a time by the
//! chosen kernel. Buffers are reused, so the hot loop never allocates.

use sha2::{Digest, Sha256, Sha384, Sha512};
use zeroize::Zeroize;

use super::prep::{self, KeyBlock, Prepared};
use super::target::HashAlg;
use super::{transform, Transform};

/// The most keys hashed per batch (the widest kernel's width).
pub(crate) const MAX_LANES: usize = 16;

// Every kernel's batch fits the lanes (so taking the first chunk of them cannot fail).
#[cfg(target_arch = "x86_64")]
const _: () = assert!(
    MAX_LANES >= super::shani::LANES
        && MAX_LANES >= super::avx512::LANES
        && MAX_LANES >= super::avx512_256::LANES
        && MAX_LANES >= super::avx2::LANES
        && MAX_LANES >= super::avx2_256::LANES
);

/// A hashing kernel for the HMAC computations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kernel {
    /// The fastest kernel this CPU has for the token's hash.
    Auto,
    /// `sha2`'s block functions, one key at a time (any CPU, any hash).
    Portable,
    /// Four keys interleaved with the x86 SHA extensions (SHA-256 only).
    ShaNi,
    /// Keys side by side in AVX-512 registers: sixteen for SHA-256, eight for SHA-384/512.
    Avx512,
    /// Keys side by side in AVX2 registers: eight for SHA-256, four for SHA-384/512.
    Avx2,
}

impl Kernel {
    /// Every kernel, `Auto` first.
    pub(crate) const ALL: [Kernel; 5] = [
        Kernel::Auto,
        Kernel::Portable,
        Kernel::ShaNi,
        Kernel::Avx2,
        Kernel::Avx512,
    ];

    /// The name `--kernel` takes and `--verbose` prints.
    pub fn name(self) -> &'static str {
        match self {
            Kernel::Auto => "auto",
            Kernel::Portable => "portable",
            Kernel::ShaNi => "sha-ni",
            Kernel::Avx512 => "avx512",
            Kernel::Avx2 => "avx2",
        }
    }

    /// Whether this CPU can run the kernel.
    pub(crate) fn is_available(self) -> bool {
        match self {
            Kernel::Auto | Kernel::Portable => true,
            #[cfg(target_arch = "x86_64")]
            Kernel::ShaNi => super::shani::detected(),
            #[cfg(target_arch = "x86_64")]
            Kernel::Avx512 => super::avx512::detected(),
            #[cfg(target_arch = "x86_64")]
            Kernel::Avx2 => super::avx2::detected(),
            #[cfg(not(target_arch = "x86_64"))]
            Kernel::ShaNi | Kernel::Avx512 | Kernel::Avx2 => false,
        }
    }

    /// The kernel that runs when `self` is asked for on `hash` without measuring: `Auto`
    /// takes a fixed preference (a long search measures instead: `calibrate`), and a kernel
    /// this CPU or this hash cannot use falls back to `Portable`.
    pub fn resolve(self, hash: HashAlg) -> Kernel {
        // The order differs between CPUs (SHA-NI won on one Zen 4 measurement, AVX-512 on an
        // Intel Xeon: issue 17), which is why long searches measure; for short ones any
        // SIMD kernel will do. SHA-512 has no SHA-NI; AVX2 (half the width, no rotates) is
        // the fallback for CPUs without AVX-512.
        let preference: &[Kernel] = match (self, hash) {
            (Kernel::Auto, HashAlg::Sha256) => &[Kernel::ShaNi, Kernel::Avx512, Kernel::Avx2],
            (Kernel::Auto, _) => &[Kernel::Avx512, Kernel::Avx2],
            (Kernel::ShaNi, HashAlg::Sha256) => &[Kernel::ShaNi],
            (Kernel::Avx512, _) => &[Kernel::Avx512],
            (Kernel::Avx2, _) => &[Kernel::Avx2],
            _ => &[],
        };
        preference
            .iter()
            .copied()
            .find(|k| k.is_available())
            .unwrap_or(Kernel::Portable)
    }

    fn width(self, hash: HashAlg) -> usize {
        match (self, hash) {
            #[cfg(target_arch = "x86_64")]
            (Kernel::ShaNi, _) => super::shani::LANES,
            #[cfg(target_arch = "x86_64")]
            (Kernel::Avx512, HashAlg::Sha256) => super::avx512_256::LANES,
            #[cfg(target_arch = "x86_64")]
            (Kernel::Avx512, _) => super::avx512::LANES,
            #[cfg(target_arch = "x86_64")]
            (Kernel::Avx2, HashAlg::Sha256) => super::avx2_256::LANES,
            #[cfg(target_arch = "x86_64")]
            (Kernel::Avx2, _) => super::avx2::LANES,
            _ => 1,
        }
    }
}

impl std::str::FromStr for Kernel {
    type Err = crate::Error;

    fn from_str(s: &str) -> crate::Result<Kernel> {
        Kernel::ALL
            .into_iter()
            .find(|k| k.name() == s)
            .ok_or_else(|| {
                let names: Vec<&str> = Kernel::ALL.iter().map(|k| k.name()).collect();
                crate::Error::usage(format!("unknown kernel {s:?}"))
                    .with_hint(format!("use one of {}", names.join(", ")))
            })
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
    width: usize,
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
    /// Lanes for `prep`, hashed by `kernel` as [`Kernel::resolve`] resolves it.
    pub(crate) fn new(prep: &'p Prepared, kernel: Kernel, transforms: bool) -> Lanes<'p> {
        let kernel = kernel.resolve(prep.hash);
        Lanes {
            prep,
            kernel,
            width: kernel.width(prep.hash),
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
        if self.filled == self.width {
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
        let (prep, keys, hits_n) = (self.prep, &self.keys, &mut hits[..n]);
        match (self.kernel, prep.hash) {
            #[cfg(target_arch = "x86_64")]
            (Kernel::ShaNi, _) => kernel_hits(
                keys,
                hits_n,
                |k| prep.matches256(k),
                |k| {
                    // SAFETY: `resolve` picks ShaNi only when the CPU has the features.
                    unsafe { super::shani::hmac256(&prep.wk256, k) }
                },
            ),
            #[cfg(target_arch = "x86_64")]
            (Kernel::Avx512, HashAlg::Sha256) => {
                kernel_hits(
                    keys,
                    hits_n,
                    |k| prep.matches256(k),
                    |k| {
                        // SAFETY: `resolve` picks Avx512 only when the CPU has the features.
                        unsafe { super::avx512_256::hmac256(&prep.wk256, k) }
                    },
                )
            }
            #[cfg(target_arch = "x86_64")]
            (Kernel::Avx512, hash) => kernel_hits(
                keys,
                hits_n,
                |k| prep.matches512(k),
                |k| {
                    // SAFETY: `resolve` picks Avx512 only when the CPU has the features.
                    unsafe { super::avx512::hmac512(hash == HashAlg::Sha384, &prep.wk512, k) }
                },
            ),
            #[cfg(target_arch = "x86_64")]
            (Kernel::Avx2, HashAlg::Sha256) => {
                kernel_hits(
                    keys,
                    hits_n,
                    |k| prep.matches256(k),
                    |k| {
                        // SAFETY: `resolve` picks Avx2 only when the CPU has the features.
                        unsafe { super::avx2_256::hmac256(&prep.wk256, k) }
                    },
                )
            }
            #[cfg(target_arch = "x86_64")]
            (Kernel::Avx2, hash) => kernel_hits(
                keys,
                hits_n,
                |k| prep.matches512(k),
                |k| {
                    // SAFETY: `resolve` picks Avx2 only when the CPU has the features.
                    unsafe { super::avx2::hmac512(hash == HashAlg::Sha384, &prep.wk512, k) }
                },
            ),
            (_, HashAlg::Sha256) => {
                for (hit, key) in hits_n.iter_mut().zip(&keys[..n]) {
                    *hit = prep.matches256(&prep::hmac256(prep, key));
                }
            }
            _ => {
                for (hit, key) in hits_n.iter_mut().zip(&keys[..n]) {
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

/// Hash the first `L` key blocks with a lane kernel (`hash`, which writes `L` lanes, of
/// which only `hits.len()` hold queued candidates) and mark which final states match.
#[cfg(target_arch = "x86_64")]
#[inline]
fn kernel_hits<const L: usize, S>(
    keys: &[KeyBlock; MAX_LANES],
    hits: &mut [bool],
    matches: impl Fn(&S) -> bool,
    hash: impl FnOnce(&[KeyBlock; L]) -> [S; L],
) {
    let (keys, _) = keys.split_first_chunk().unwrap_or_else(|| unreachable!());
    let out = hash(keys);
    for (hit, state) in hits.iter_mut().zip(&out) {
        *hit = matches(state);
    }
}
