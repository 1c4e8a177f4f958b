//! A crack job as the user asked for it, decided once: the target, where the candidates come
//! from ([`Attack`]), which slice of the keyspace ([`Range`], with `--shard I/N`), which engine
//! runs it (jot's own or the local hashcat), and [`Job::run`], which tries the built-in
//! weak-secret list first and then the attack, and says what happened as a [`Report`].

use std::path::PathBuf;

use super::calibrate::{self, KernelChoice};
use super::lanes::Kernel;
use super::mask::Mask;
use super::prep::Prepared;
use super::wordfile::{count_lines, Wordlist};
use super::{engine, seq, try_words, Options, Outcome, Progress, Source, Target};
use crate::{Error, Result};

/// Where the candidates come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Attack {
    /// Only the built-in weak-secret list (no wordlist, mask or lengths given).
    Builtin,
    /// Wordlist paths read in order (`-` for stdin).
    Wordlists(Vec<String>),
    /// A hashcat-style mask and its custom sets `(1..=4, definition)`.
    Mask {
        /// The mask in hashcat notation.
        pattern: String,
        /// Custom sets `?1`..`?4`.
        custom: Vec<(u8, String)>,
    },
    /// Every string over `charset` of length `min_len..=max_len`, shortest first.
    Brute {
        /// The bytes to combine.
        charset: Vec<u8>,
        /// The shortest length.
        min_len: usize,
        /// The longest length.
        max_len: usize,
    },
}

/// The `index`-th (1-based) of `count` equal slices of a keyspace.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shard {
    /// Which slice, from 1.
    pub index: u64,
    /// How many slices.
    pub count: u64,
}

impl Shard {
    /// Parse `I/N` with 1 <= I <= N.
    pub(crate) fn parse(s: &str) -> Result<Shard> {
        let bad = || {
            Error::usage(format!("--shard {s:?}: expected I/N with 1 <= I <= N"))
                .with_hint("e.g. --shard 2/8 for the second of eight machines")
        };
        let (i, n) = s.split_once('/').ok_or_else(bad)?;
        let index: u64 = i.trim().parse().map_err(|_| bad())?;
        let count: u64 = n.trim().parse().map_err(|_| bad())?;
        if index == 0 || index > count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }

    /// This slice of `0..total` as `(skip, limit)`: slice I is
    /// `floor(total*(I-1)/N) .. floor(total*I/N)`, so the N slices tile `0..total` exactly
    /// and differ in size by at most one.
    pub(crate) fn bounds(self, total: u64) -> (u64, u64) {
        let at = |i: u64| (u128::from(total) * u128::from(i) / u128::from(self.count)) as u64;
        let (lo, hi) = (at(self.index - 1), at(self.index));
        (lo, hi - lo)
    }
}

/// Which candidate indices to try.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Range {
    /// `--skip`/`--limit` (both optional: `Window { skip: 0, limit: None }` is everything).
    Window {
        /// The first index.
        skip: u64,
        /// How many from there; `None` for the rest.
        limit: Option<u64>,
    },
    /// One of N equal slices.
    Shard(Shard),
}

impl Range {
    /// Everything.
    pub const ALL: Range = Range::Window {
        skip: 0,
        limit: None,
    };
}

/// The program that searches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Engine {
    /// jot's own kernels on every core.
    Jot {
        /// The hashing kernel ([`Kernel::Auto`] picks the fastest this CPU has).
        kernel: Kernel,
    },
    /// The local hashcat (mode 16500), on its GPUs or OpenCL CPU devices.
    Hashcat {
        /// The hashcat program (a name looked up on PATH, or a path).
        program: PathBuf,
        /// Extra arguments for hashcat (`-D 1`, `--force`, `-w 3`…).
        args: Vec<String>,
    },
}

/// A whole `jot crack` request.
#[derive(Clone, Debug)]
pub struct Job {
    /// The compact token, as hashcat's mode 16500 takes it.
    pub token: String,
    /// The parsed target.
    pub target: Target,
    /// The candidates.
    pub attack: Attack,
    /// The slice of the attack's keyspace.
    pub range: Range,
    /// Try the built-in weak-secret list first (only on a whole keyspace, not a slice).
    pub builtin: bool,
    /// Also try candidates base64- and hex-decoded (jot's engine only).
    pub transforms: bool,
    /// Worker threads (0: one per core).
    pub threads: usize,
    /// Who searches.
    pub engine: Engine,
}

/// What a running job's progress is measured against, to say how far it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Extent {
    /// This many candidate indices are selected; [`Progress::done`] counts towards it.
    Candidates(u64),
    /// The wordlist files hold this many bytes; [`Progress::read`] counts towards it.
    Bytes(u64),
    /// Not known ahead: stdin, the built-in list, or hashcat's own units.
    Unknown,
}

/// Where a secret was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// The built-in weak-secret list.
    Builtin,
    /// The job's attack.
    Attack,
}

/// What a job did.
#[derive(Debug)]
pub struct Report {
    /// The verdict (indices in `Found`/`Cancelled` are the attack's).
    pub outcome: Outcome,
    /// Where the secret was found (meaningful for `Found`).
    pub origin: Origin,
    /// How many built-in weak secrets were tried first (0 when skipped).
    pub builtin_tried: u64,
    /// The first attack index tried and how many were selected (`None`: to the end).
    pub skip: u64,
    /// See `skip`.
    pub limit: Option<u64>,
}

impl Attack {
    /// The jot-engine source for this attack.
    pub(crate) fn source(&self) -> Result<Source> {
        Ok(match self {
            Attack::Builtin => Source::Wordlists(Vec::new()),
            Attack::Wordlists(paths) => Source::Wordlists(
                paths
                    .iter()
                    .map(|p| Wordlist::open(p))
                    .collect::<Result<_>>()?,
            ),
            Attack::Mask { pattern, custom } => Source::Mask(Mask::parse(pattern, custom)?),
            Attack::Brute {
                charset,
                min_len,
                max_len,
            } => Source::Brute {
                charset: charset.clone(),
                min_len: *min_len,
                max_len: *max_len,
            },
        })
    }

    /// The number of candidates in jot's order: counted through the files for wordlists
    /// (stdin cannot be counted, as it can be read only once).
    pub(crate) fn keyspace(&self) -> Result<u128> {
        match self {
            Attack::Builtin => Ok(0),
            Attack::Wordlists(paths) => {
                let mut total = 0u128;
                for p in paths {
                    if p == "-" {
                        return Err(Error::usage(
                            "--shard needs wordlist files: stdin cannot be counted ahead",
                        ));
                    }
                    total += u128::from(count_lines(p)?);
                }
                Ok(total)
            }
            Attack::Mask { pattern, custom } => Ok(Mask::parse(pattern, custom)?.keyspace()),
            Attack::Brute {
                charset,
                min_len,
                max_len,
            } => Ok(seq::Seq::brute(charset, *min_len, *max_len)?.total()),
        }
    }
}

/// `total` as a u64 index space.
pub(crate) fn fit(total: u128) -> Result<u64> {
    u64::try_from(total).map_err(|_| {
        Error::input(format!(
            "the keyspace ({total} candidates) exceeds 2^64: use a shorter mask or length range"
        ))
    })
}

impl Job {
    /// The selected indices in jot's order, as `(skip, limit)`.
    pub(crate) fn bounds(&self) -> Result<(u64, Option<u64>)> {
        match self.range {
            Range::Window { skip, limit } => Ok((skip, limit)),
            Range::Shard(shard) => {
                let (skip, limit) = shard.bounds(fit(self.attack.keyspace()?)?);
                Ok((skip, Some(limit)))
            }
        }
    }

    /// About how many candidates the attack selects, without reading wordlists (their
    /// sizes stand in for their line counts); `None` when unknown (stdin).
    fn work(&self) -> Result<Option<u64>> {
        let selected = match &self.attack {
            Attack::Builtin => return Ok(Some(0)),
            Attack::Wordlists(paths) => match list_bytes(paths) {
                Some(bytes) => bytes / 8,
                None => return Ok(None),
            },
            attack => fit(attack.keyspace()?)?,
        };
        Ok(Some(match self.range {
            Range::Window { skip, limit } => {
                let left = selected.saturating_sub(skip);
                limit.map_or(left, |l| left.min(l))
            }
            Range::Shard(shard) => shard.bounds(selected).1,
        }))
    }

    /// What this job's progress is measured against: the selected indices of a mask or
    /// brute force, the wordlist files' sizes, or nothing known (stdin, hashcat).
    pub(crate) fn extent(&self) -> Extent {
        match (&self.attack, &self.engine) {
            (Attack::Builtin, _) | (_, Engine::Hashcat { .. }) => Extent::Unknown,
            (Attack::Wordlists(paths), _) => {
                list_bytes(paths).map_or(Extent::Unknown, Extent::Bytes)
            }
            _ => self
                .work()
                .ok()
                .flatten()
                .map_or(Extent::Unknown, Extent::Candidates),
        }
    }

    /// The kernel jot's engine runs for this job, with the rates measured to choose it
    /// (see `calibrate`); `None` when hashcat searches or there is no attack to run.
    pub fn choose_kernel(&self) -> Result<Option<KernelChoice>> {
        let Engine::Jot { kernel } = self.engine else {
            return Ok(None);
        };
        if self.attack == Attack::Builtin {
            return Ok(None);
        }
        let work = self.work()?;
        let prep = Prepared::new(&self.target);
        let threads = engine::worker_threads(self.threads);
        Ok(Some(calibrate::choose_measured(
            kernel, &prep, work, threads,
        )))
    }

    /// Whether the built-in list runs first: asked for, and the job is the whole keyspace
    /// (a slice or a resumed search keeps to its indices).
    pub(crate) fn tries_builtin(&self) -> bool {
        self.builtin && self.range == Range::ALL
    }

    /// Run the job: the built-in list, then the attack on the chosen engine.
    pub(crate) fn run(&self, progress: &Progress) -> Result<Report> {
        let mut report = Report {
            outcome: Outcome::Exhausted { tried: 0 },
            origin: Origin::Attack,
            builtin_tried: 0,
            skip: 0,
            limit: None,
        };
        if self.attack == Attack::Builtin && !self.tries_builtin() {
            return Err(Error::usage(
                "nothing to try: the built-in list runs on a whole search, without --no-builtin, --skip, --limit or --shard",
            )
            .with_hint("pass --wordlist PATH, --mask PATTERN or --min-len/--max-len"));
        }
        // Opened (files) and parsed (masks) first: a bad request fails before any search.
        let source = self.attack.source()?;
        if self.tries_builtin() {
            let words = crate::weak_secrets::as_slice();
            report.builtin_tried = words.len() as u64;
            let words = words.iter().map(|w| w.as_bytes());
            if let Some((secret, transform)) = try_words(&self.target, words, self.transforms) {
                report.origin = Origin::Builtin;
                report.outcome = Outcome::Found {
                    candidate: secret.clone(),
                    secret,
                    transform,
                    index: 0,
                };
                return Ok(report);
            }
        }
        report.outcome = match &self.engine {
            _ if self.attack == Attack::Builtin => Outcome::Exhausted { tried: 0 },
            Engine::Jot { kernel } => {
                let (skip, limit) = self.bounds()?;
                (report.skip, report.limit) = (skip, limit);
                let opts = Options {
                    threads: self.threads,
                    skip,
                    limit,
                    transforms: self.transforms,
                };
                engine::run(&self.target, source, &opts, progress, *kernel)?
            }
            Engine::Hashcat { program, args } => {
                drop(source);
                let run = super::hashcat_run::run(self, program, args, progress)?;
                (report.skip, report.limit) = (run.skip, run.limit);
                run.outcome
            }
        };
        Ok(report)
    }
}

/// The total size of the wordlist files, `None` when one is stdin or not a regular file.
fn list_bytes(paths: &[String]) -> Option<u64> {
    paths
        .iter()
        .try_fold(0u64, |bytes, p| match std::fs::metadata(p) {
            Ok(m) if p != "-" && m.is_file() => Some(bytes.saturating_add(m.len())),
            _ => None,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn shards_tile_the_keyspace_with_no_gap_or_overlap(total in 0u64..1_000_000, count in 1u64..50) {
            let mut next = 0;
            for index in 1..=count {
                let (skip, limit) = Shard { index, count }.bounds(total);
                proptest::prop_assert_eq!(skip, next);
                proptest::prop_assert!(limit <= total / count + 1);
                next = skip + limit;
            }
            proptest::prop_assert_eq!(next, total);
        }
    }

    #[test]
    fn shards_of_a_huge_keyspace_do_not_overflow() {
        let (skip, limit) = Shard { index: 3, count: 3 }.bounds(u64::MAX);
        assert_eq!(skip + limit, u64::MAX);
    }

    #[test]
    fn shard_flags_parse_i_of_n() {
        assert_eq!(Shard::parse("2/8").unwrap(), Shard { index: 2, count: 8 });
        for bad in ["0/3", "4/3", "1", "a/b", "1/0", "-1/2"] {
            assert!(Shard::parse(bad).is_err(), "{bad}");
        }
    }
}
