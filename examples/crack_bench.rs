//! Benchmark of `jot::crack` (run by `scripts/bench-crack`, not a test): candidates per second
//! on one thread and on all, for HS256 (each kernel), HS384 and HS512, over a wordlist (held
//! in memory, so the disk is not measured) and over a mask.
//!
//! Usage: `crack_bench [--reference] WORDLIST TOKEN...` — the tokens' secrets should not be in the list,
//! so every candidate is tried. Prints one `RESULT key=value ...` line per configuration:
//! `rate` is candidates per wall-clock second (best run), `cpu_rate` candidates per second
//! of this process's CPU time (all runs; from /proc/self/stat, Linux only, else 0). On a
//! machine shared with other work the CPU-time figure is the stable one, and it is what
//! `openssl speed` reports too (user CPU time unless `-elapsed`).
//!
//! `--reference` measures only what the whole `jot crack` process is compared with: the
//! fastest kernel, all threads, wordlist, transforms off.

use std::io::Cursor;
use std::time::Instant;

use jot::crack::{
    crack_with_kernel, Attack, Engine, Job, Kernel, Mask, Options, Outcome, Progress, Range,
    Source, Target, Wordlist,
};

/// User + system CPU time of this process (all threads, exited ones included), in seconds.
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // The fields after the parenthesised command name; utime and stime are fields 14 and 15.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<f64> = rest
        .split_whitespace()
        .map(|x| x.parse().unwrap_or(0.0))
        .collect();
    // Clock ticks are 1/100 s on Linux (CLK_TCK).
    f.get(11)
        .zip(f.get(12))
        .map_or(0.0, |(u, s)| (u + s) / 100.0)
}

fn run(target: &Target, source: Source, opts: &Options, kernel: Kernel) -> u64 {
    match crack_with_kernel(target, source, opts, &Progress::new(), kernel) {
        Ok(Outcome::Exhausted { tried }) => tried,
        other => {
            eprintln!("unexpected outcome: {other:?}");
            std::process::exit(2);
        }
    }
}

/// Build a source with `make` and search it with `search`, timing only the search, until
/// enough time has passed to measure: at least two runs and two CPU seconds (or ten wall
/// seconds). Returns (candidates per run, best wall rate, CPU rate over all runs).
fn measure(
    mut make: impl FnMut() -> Source,
    mut search: impl FnMut(Source) -> u64,
) -> (u64, f64, f64) {
    let wall0 = Instant::now();
    let (mut runs, mut total, mut best, mut cpu, mut per_run) = (0, 0u64, f64::MAX, 0.0, 0);
    while runs < 2 || (cpu < 2.0 && wall0.elapsed().as_secs_f64() < 10.0) {
        let source = make();
        let (c, t) = (cpu_seconds(), Instant::now());
        per_run = search(source);
        best = best.min(t.elapsed().as_secs_f64());
        cpu += cpu_seconds() - c;
        total += per_run;
        runs += 1;
    }
    let cpu_rate = if cpu > 0.0 { total as f64 / cpu } else { 0.0 };
    (per_run, per_run as f64 / best, cpu_rate)
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let reference = args.first().is_some_and(|a| a == "--reference");
    if reference {
        args.remove(0);
    }
    if args.len() < 2 {
        eprintln!("usage: crack_bench WORDLIST TOKEN...");
        std::process::exit(2);
    }
    let words = std::fs::read(&args[0]).unwrap_or_else(|e| {
        eprintln!("{}: {e}", args[0]);
        std::process::exit(2);
    });
    let all = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mask_limit = 2_000_000;
    let mask = Mask::parse("?l?l?l?l?l?l", &[]).unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(2);
    });
    for token in &args[1..] {
        let target = Target::from_token(token).unwrap_or_else(|e| {
            eprintln!("{e}");
            std::process::exit(2);
        });
        let alg = target.hash.hmac_alg().name();
        println!(
            "TOKEN alg={alg} signing_input_len={}",
            target.signing_input.len()
        );
        // What `jot crack --kernel auto` measures and picks here before a long search.
        let job = Job {
            token: token.clone(),
            target: target.clone(),
            attack: Attack::Mask {
                pattern: "?a?a?a?a?a?a".into(),
                custom: Vec::new(),
            },
            range: Range::ALL,
            builtin: false,
            transforms: false,
            threads: 0,
            engine: Engine::Jot {
                kernel: Kernel::Auto,
            },
        };
        if let Ok(Some(choice)) = job.choose_kernel() {
            let rates: Vec<String> = choice
                .rates
                .iter()
                .map(|r| format!("{}={:.0}", r.kernel.name(), r.rate))
                .collect();
            println!(
                "AUTO alg={alg} kernel={} calibration={}",
                choice.kernel.name(),
                rates.join(",")
            );
        }
        // The fastest kernel for this hash here, then the portable one for comparison.
        let mut kernels = vec![Kernel::Auto.resolve(target.hash)];
        for k in [
            Kernel::ShaNi,
            Kernel::Avx512,
            Kernel::Avx2,
            Kernel::Portable,
        ] {
            if k.resolve(target.hash) == k && !kernels.contains(&k) {
                kernels.push(k);
            }
        }
        if reference {
            kernels.truncate(1);
        }
        let thread_counts: &[usize] = if reference { &[all] } else { &[1, all] };
        let sources: &[(&str, bool)] = if reference {
            &[("wordlist", false)]
        } else {
            &[("wordlist", false), ("wordlist", true), ("mask", false)]
        };
        for kernel in kernels {
            for &threads in thread_counts {
                for &(source, transforms) in sources {
                    let opts = Options {
                        threads,
                        transforms,
                        limit: (source == "mask").then_some(mask_limit),
                        ..Options::default()
                    };
                    let make = || {
                        if source == "mask" {
                            Source::Mask(mask.clone())
                        } else {
                            Source::Wordlists(vec![Wordlist::new(
                                "words",
                                Box::new(Cursor::new(words.clone())),
                            )])
                        }
                    };
                    let (tried, rate, cpu_rate) =
                        measure(make, |src| run(&target, src, &opts, kernel));
                    println!(
                        "RESULT alg={alg} source={source} kernel={kernel:?} threads={threads} transforms={} candidates={tried} rate={rate:.0} cpu_rate={cpu_rate:.0}",
                        if transforms { "on" } else { "off" },
                    );
                }
            }
        }
    }
}
