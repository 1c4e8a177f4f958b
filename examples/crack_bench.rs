//! Benchmark of `jot::crack` (run by `benches/crack.sh`, not a test): candidates per second
//! on one thread and on all, for HS256 (each kernel), HS384 and HS512, over a wordlist (held
//! in memory, so the disk is not measured) and over a mask.
//!
//! Usage: `crack_bench WORDLIST TOKEN...` — the tokens' secrets should not be in the list,
//! so every candidate is tried. Prints one `RESULT key=value ...` line per run.

use std::io::Cursor;
use std::time::Instant;

use jot::crack::{crack_with_kernel, Kernel, Mask, Options, Outcome, Progress, Source, Target};

fn run(target: &Target, source: Source, opts: &Options, kernel: Kernel) -> (u64, f64) {
    let start = Instant::now();
    let outcome = crack_with_kernel(target, source, opts, &Progress::new(), kernel);
    let secs = start.elapsed().as_secs_f64();
    match outcome {
        Ok(Outcome::Exhausted { tried }) => (tried, secs),
        other => {
            eprintln!("unexpected outcome: {other:?}");
            std::process::exit(2);
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
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
    for token in &args[1..] {
        let target = Target::from_token(token).unwrap_or_else(|e| {
            eprintln!("{e}");
            std::process::exit(2);
        });
        let alg = target.hash.jose_name();
        println!(
            "TOKEN alg={alg} signing_input_len={}",
            target.signing_input.len()
        );
        let kernels: &[Kernel] = match (alg, Kernel::ShaNi.is_available()) {
            ("HS256", true) => &[Kernel::ShaNi, Kernel::Portable],
            _ => &[Kernel::Portable],
        };
        for &kernel in kernels {
            for threads in [1, all] {
                for transforms in [false, true] {
                    let opts = Options {
                        threads,
                        transforms,
                        ..Options::default()
                    };
                    // Best of three: the machine is shared, and the first run warms caches.
                    let mut best = f64::MAX;
                    let mut tried = 0;
                    for _ in 0..3 {
                        let src = Source::Wordlists(vec![Box::new(Cursor::new(words.clone()))]);
                        let (n, secs) = run(&target, src, &opts, kernel);
                        tried = n;
                        best = best.min(secs);
                    }
                    println!(
                        "RESULT alg={alg} source=wordlist kernel={kernel:?} threads={threads} transforms={} candidates={tried} seconds={best:.4} rate={:.0}",
                        if transforms { "on" } else { "off" },
                        tried as f64 / best
                    );
                }
                let opts = Options {
                    threads,
                    transforms: false,
                    limit: Some(mask_limit),
                    ..Options::default()
                };
                let mut best = f64::MAX;
                let mut tried = 0;
                for _ in 0..3 {
                    let mask = Mask::parse("?l?l?l?l?l?l", &[]).unwrap_or_else(|e| {
                        eprintln!("{e}");
                        std::process::exit(2);
                    });
                    let (n, secs) = run(&target, Source::Mask(mask), &opts, kernel);
                    tried = n;
                    best = best.min(secs);
                }
                println!(
                    "RESULT alg={alg} source=mask kernel={kernel:?} threads={threads} transforms=off candidates={tried} seconds={best:.4} rate={:.0}",
                    tried as f64 / best
                );
            }
        }
    }
}
