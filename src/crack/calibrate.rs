//! Which hashing kernel [`Kernel::Auto`] runs: on a long search, every kernel this CPU has
//! for the token's hash is timed for a few milliseconds on all the search's threads, and the
//! fastest is kept; a short search keeps the fixed preference of [`Kernel::resolve`].
//!
//! Measured, not assumed, because the order changes from CPU to CPU: on a Xeon with SHA-NI
//! and AVX-512, sixteen AVX-512 lanes beat four interleaved SHA-NI streams for HS256 (issue
//! 17: 4.6 s against 7.8 s for a 4-character `?a` mask), while other CPUs rank them the
//! other way. HS256 and HS384/512 run different kernels, so each hash size is measured on
//! its own (a search has one token, so one size).

use std::sync::Barrier;
use std::thread;
use std::time::{Duration, Instant};

use super::lanes::{Kernel, Lanes};
use super::prep::Prepared;
use super::target::HashAlg;

/// Searches with fewer candidates than this are not measured: they are over in well under
/// a second on any kernel, so the milliseconds of measuring would not pay back.
pub(crate) const CALIBRATE_FROM: u64 = 4_000_000;
/// How long each kernel runs in one round.
const SLICE: Duration = Duration::from_millis(2);
/// Rounds per kernel; a kernel's rate is its best round, so a round that lost the CPU to
/// another process does not decide.
const ROUNDS: usize = 2;
/// Candidates hashed between two looks at the clock.
const BATCH: u64 = 256;

/// A kernel's measured speed: candidates per second on all the search's threads.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct KernelRate {
    /// The kernel.
    pub kernel: Kernel,
    /// Candidates per second (plain keys, no transforms).
    pub rate: f64,
}

/// The kernel a search runs, and the measurements behind the choice.
#[derive(Clone, Debug, PartialEq)]
pub struct KernelChoice {
    /// The kernel that runs (never [`Kernel::Auto`]).
    pub kernel: Kernel,
    /// What was asked for (`--kernel`).
    pub asked: Kernel,
    /// Each measured kernel's rate (in SHA-NI, AVX-512, AVX2, portable order); empty when
    /// nothing was measured (see `why`).
    pub rates: Vec<KernelRate>,
    /// How the kernel was decided, for `--verbose`.
    pub why: &'static str,
}

/// The kernels that can hash `hash` on a CPU where `available` says which run: SHA-NI only
/// computes SHA-256; portable always runs.
pub(crate) fn candidates(hash: HashAlg, available: impl Fn(Kernel) -> bool) -> Vec<Kernel> {
    let all: &[Kernel] = match hash {
        HashAlg::Sha256 => &[
            Kernel::ShaNi,
            Kernel::Avx512,
            Kernel::Avx2,
            Kernel::Portable,
        ],
        HashAlg::Sha384 | HashAlg::Sha512 => &[Kernel::Avx512, Kernel::Avx2, Kernel::Portable],
    };
    all.iter()
        .copied()
        .filter(|&k| k == Kernel::Portable || available(k))
        .collect()
}

/// The fastest of `rates` (the first of equals; rates that are not numbers never win).
pub(crate) fn fastest(rates: &[KernelRate]) -> Option<Kernel> {
    rates
        .iter()
        .filter(|r| r.rate.is_finite())
        .fold(None::<&KernelRate>, |best, r| match best {
            Some(b) if b.rate >= r.rate => Some(b),
            _ => Some(r),
        })
        .map(|r| r.kernel)
}

/// Decide the kernel for a search of about `work` candidates (`None`: unknown, such as
/// stdin, taken as long) on `hash`: a named kernel as [`Kernel::resolve`] resolves it; for
/// `Auto`, the fixed preference on a short search, else the fastest of the available
/// kernels as `measure` rates them.
pub(crate) fn choose(
    asked: Kernel,
    hash: HashAlg,
    work: Option<u64>,
    mut measure: impl FnMut(Kernel) -> f64,
) -> KernelChoice {
    let fixed = |why| KernelChoice {
        kernel: asked.resolve(hash),
        asked,
        rates: Vec::new(),
        why,
    };
    if asked != Kernel::Auto {
        return fixed("asked for");
    }
    if work.is_some_and(|w| w < CALIBRATE_FROM) {
        return fixed("auto: a short search, not measured");
    }
    let kernels = candidates(hash, Kernel::is_available);
    if kernels.len() < 2 {
        return fixed("auto: the only kernel for this hash here");
    }
    let rates: Vec<KernelRate> = kernels
        .into_iter()
        .map(|kernel| KernelRate {
            kernel,
            rate: measure(kernel),
        })
        .collect();
    KernelChoice {
        kernel: fastest(&rates).unwrap_or_else(|| asked.resolve(hash)),
        asked,
        rates,
        why: "auto: the fastest measured here",
    }
}

/// [`choose`] with real measurements: each candidate kernel hashes synthetic keys on
/// `threads` threads at once (so cores that share a SIMD or SHA unit between their
/// hyper-threads are measured as the search will load them).
pub(crate) fn choose_measured(
    asked: Kernel,
    prep: &Prepared,
    work: Option<u64>,
    threads: usize,
) -> KernelChoice {
    let kernels = candidates(prep.hash, Kernel::is_available);
    // Measured on the first question only (all kernels together), and only if `choose` asks.
    let mut measured: Option<Vec<f64>> = None;
    choose(asked, prep.hash, work, |k| {
        let rates = measured.get_or_insert_with(|| measure_all(prep, &kernels, threads.max(1)));
        kernels
            .iter()
            .position(|&c| c == k)
            .map_or(0.0, |i| rates[i])
    })
}

/// Rates of `kernels` (same order): the best of [`ROUNDS`] rounds, each kernel run for
/// [`SLICE`] on every thread together, the threads' rates summed.
fn measure_all(prep: &Prepared, kernels: &[Kernel], threads: usize) -> Vec<f64> {
    let barrier = Barrier::new(threads);
    let per_thread: Vec<Vec<f64>> = thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|t| {
                let barrier = &barrier;
                s.spawn(move || {
                    let mut best = vec![0.0f64; kernels.len()];
                    for _ in 0..ROUNDS {
                        for (i, &kernel) in kernels.iter().enumerate() {
                            barrier.wait();
                            best[i] = best[i].max(rate_for(prep, kernel, t as u64));
                        }
                    }
                    best
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().unwrap_or_default())
            .collect()
    });
    (0..kernels.len())
        .map(|i| per_thread.iter().filter_map(|r| r.get(i)).sum())
        .collect()
}

/// One thread's rate for `kernel` over [`SLICE`]: 8-byte keys, no transforms.
fn rate_for(prep: &Prepared, kernel: Kernel, seed: u64) -> f64 {
    let mut lanes = Lanes::new(prep, kernel, false);
    let start = Instant::now();
    let mut n = 0u64;
    loop {
        for _ in 0..BATCH {
            // Distinct keys per thread: the top byte is the thread.
            let key = (seed << 56 | n).to_le_bytes();
            lanes.push(n, &key);
            n += 1;
        }
        let elapsed = start.elapsed();
        if elapsed >= SLICE {
            lanes.flush();
            return n as f64 / elapsed.as_secs_f64();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rates(pairs: &[(Kernel, f64)]) -> Vec<KernelRate> {
        pairs
            .iter()
            .map(|&(kernel, rate)| KernelRate { kernel, rate })
            .collect()
    }

    #[test]
    fn auto_picks_the_kernel_with_the_highest_measured_rate() {
        // The issue-17 Xeon: AVX-512 beats SHA-NI for HS256.
        let xeon = rates(&[
            (Kernel::ShaNi, 10.4e6),
            (Kernel::Avx512, 17.6e6),
            (Kernel::Avx2, 6.0e6),
            (Kernel::Portable, 4.9e6),
        ]);
        assert_eq!(fastest(&xeon), Some(Kernel::Avx512));
        // A CPU where SHA-NI wins.
        let other = rates(&[
            (Kernel::ShaNi, 12.0e6),
            (Kernel::Avx512, 7.5e6),
            (Kernel::Portable, 4.0e6),
        ]);
        assert_eq!(fastest(&other), Some(Kernel::ShaNi));
        // The maximum wherever it stands, the first of equals, never a NaN.
        let last = rates(&[(Kernel::Avx2, 1.0), (Kernel::Portable, 2.0)]);
        assert_eq!(fastest(&last), Some(Kernel::Portable));
        let tie = rates(&[(Kernel::Avx2, 3.0), (Kernel::Avx512, 3.0)]);
        assert_eq!(fastest(&tie), Some(Kernel::Avx2));
        let nan = rates(&[(Kernel::Avx512, f64::NAN), (Kernel::Portable, 1.0)]);
        assert_eq!(fastest(&nan), Some(Kernel::Portable));
        assert_eq!(fastest(&[]), None);
    }

    #[test]
    fn each_hash_size_is_measured_on_the_kernels_that_compute_it() {
        let every = |_: Kernel| true;
        assert_eq!(
            candidates(HashAlg::Sha256, every),
            [
                Kernel::ShaNi,
                Kernel::Avx512,
                Kernel::Avx2,
                Kernel::Portable
            ]
        );
        for hash in [HashAlg::Sha384, HashAlg::Sha512] {
            assert_eq!(
                candidates(hash, every),
                [Kernel::Avx512, Kernel::Avx2, Kernel::Portable]
            );
        }
        assert_eq!(candidates(HashAlg::Sha512, |_| false), [Kernel::Portable]);
    }

    #[test]
    fn a_long_auto_search_runs_the_fastest_measured_kernel() {
        // Injected rates: the portable kernel made the fastest, so the pick cannot be the
        // fixed preference (which never prefers portable when a SIMD kernel runs).
        let injected = |k: Kernel| if k == Kernel::Portable { 9e9 } else { 1e6 };
        for hash in [HashAlg::Sha256, HashAlg::Sha384, HashAlg::Sha512] {
            let c = choose(Kernel::Auto, hash, Some(CALIBRATE_FROM), injected);
            let measured: Vec<Kernel> = c.rates.iter().map(|r| r.kernel).collect();
            assert_eq!(measured, candidates(hash, Kernel::is_available));
            if measured.len() > 1 {
                assert_eq!(c.kernel, Kernel::Portable, "{hash:?}");
            }
            let unknown = choose(Kernel::Auto, hash, None, injected);
            assert_eq!(unknown.rates.len(), c.rates.len(), "stdin is taken as long");
        }
    }

    #[test]
    fn short_searches_and_named_kernels_are_not_measured() {
        let never = |k: Kernel| -> f64 { panic!("{k:?} measured") };
        let c = choose(
            Kernel::Auto,
            HashAlg::Sha256,
            Some(CALIBRATE_FROM - 1),
            never,
        );
        assert_eq!(
            (c.kernel, c.rates.len()),
            (Kernel::Auto.resolve(HashAlg::Sha256), 0)
        );
        let c = choose(Kernel::Portable, HashAlg::Sha512, None, never);
        assert_eq!((c.kernel, c.asked), (Kernel::Portable, Kernel::Portable));
        assert!(c.rates.is_empty());
    }

    #[test]
    fn measuring_gives_every_candidate_kernel_a_positive_rate() {
        let t = super::super::target::target_for_secret(b"not a secret");
        let prep = Prepared::new(&t);
        let kernels = candidates(prep.hash, Kernel::is_available);
        let measured = measure_all(&prep, &kernels, 2);
        assert_eq!(measured.len(), kernels.len());
        assert!(measured.iter().all(|&r| r > 0.0), "{measured:?}");
        let c = choose_measured(Kernel::Auto, &prep, None, 2);
        assert!(kernels.contains(&c.kernel));
    }
}
