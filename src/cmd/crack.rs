//! `jot crack`: glue over the cracking engine — the flags become one [`crack::Job`], which is
//! exported (`--export-hashcat`) or run with a progress line on a terminal and Ctrl-C or
//! SIGTERM that says where to resume; the secret goes to stdout byte-exact (text or `hex:…`, or JSON).

use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::json;

use crate::cli::{CrackArgs, CrackEngine, CrackFormat};
use crate::cmd::output::{emit, json_text, note, pasted};
use crate::crack::{
    self, Attack, Engine, Extent, Job, Kernel, KernelChoice, Origin, Outcome, Progress, Range,
    Report, Shard, Target,
};
use crate::files::read_input;
use crate::term::progress::{thousands, Meter, Reading};
use crate::term::{self, style};
use crate::{Error, ExitCode, Result};

/// The default brute-force alphabet: hashcat's ?a (printable ASCII).
const PRINTABLE: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

/// Mask sets (1–4) and the brute-force set, from `--charset NAME=CHARS` flags.
type Charsets = (Vec<(u8, String)>, Option<Vec<u8>>);

fn charsets(a: &CrackArgs) -> Result<Charsets> {
    let mut custom = Vec::new();
    let mut all = None;
    for c in &a.charset {
        let (name, chars) = c
            .split_once('=')
            .ok_or_else(|| Error::usage(format!("--charset {c:?}: expected NAME=CHARS")))?;
        match name {
            "1" | "2" | "3" | "4" => custom.push((name.as_bytes()[0] - b'0', chars.to_owned())),
            "all" => all = Some(chars.as_bytes().to_vec()),
            _ => {
                return Err(Error::usage(format!(
                    "--charset name {name:?}: expected 1, 2, 3, 4 or all"
                )))
            }
        }
    }
    Ok((custom, all))
}

/// The token from the argument or stdin, with a pasted `Bearer `/`Authorization:` wrapper
/// stripped (and said so on stderr).
fn read_token(arg: &str) -> Result<String> {
    if arg != "-" {
        return Ok(pasted(arg, None).into_owned());
    }
    let data = read_input("-", crate::token::MAX_TOKEN as u64)?;
    Ok(pasted(&String::from_utf8_lossy(&data), None).into_owned())
}

/// The attack the flags ask for, decided once.
fn attack(a: &CrackArgs) -> Result<Attack> {
    let (custom, all) = charsets(a)?;
    if let Some(pattern) = &a.mask {
        return Ok(Attack::Mask {
            pattern: pattern.clone(),
            custom,
        });
    }
    match (a.min_len, a.max_len) {
        (min, Some(max_len)) => Ok(Attack::Brute {
            charset: all.unwrap_or_else(|| PRINTABLE.to_vec()),
            min_len: min.unwrap_or(1),
            max_len,
        }),
        (Some(_), None) => Err(Error::usage("--min-len needs --max-len")),
        (None, None) if !a.wordlist.is_empty() => Ok(Attack::Wordlists(a.wordlist.clone())),
        // The built-in weak-secret list alone is the job (docs/crack.md).
        (None, None) if !a.no_builtin => Ok(Attack::Builtin),
        (None, None) => Err(
            Error::usage("nothing to try: --no-builtin leaves no candidates")
                .with_hint("pass --wordlist PATH, --mask PATTERN or --min-len/--max-len"),
        ),
    }
}

/// Parse the flags into a job.
fn job(a: &CrackArgs) -> Result<Job> {
    let token = read_token(&a.token)?;
    let target =
        Target::from_token(&token).map_err(|e| match crate::token::identify_other(&token) {
            Some(what) => Error::input(format!("not a JWT: this is {what}")),
            None => e,
        })?;
    let range = match &a.shard {
        Some(s) => Range::Shard(Shard::parse(s)?),
        None => Range::Window {
            skip: a.skip,
            limit: a.limit,
        },
    };
    let engine = match a.engine {
        CrackEngine::Jot => Engine::Jot {
            kernel: a.kernel.parse::<Kernel>()?,
        },
        CrackEngine::Hashcat => Engine::Hashcat {
            program: a.hashcat.clone(),
            args: a.hashcat_arg.clone(),
        },
    };
    Ok(Job {
        token,
        target,
        attack: attack(a)?,
        range,
        builtin: !a.no_builtin,
        transforms: !a.no_transforms,
        threads: a.threads.unwrap_or(0),
        engine,
    })
}

/// Run `jot crack`.
pub(crate) fn run(a: &CrackArgs) -> anyhow::Result<ExitCode> {
    let mut job = job(a)?;
    if a.export_hashcat {
        let ex = crack::hashcat_export(&job)?;
        let text = format!(
            "# save the hash line to {}, then run the command\n{}\n{}\n",
            crack::HASHCAT_HASH_FILE,
            ex.hash_line,
            ex.command
        );
        emit(None, text.as_bytes(), false, false)?;
        return Ok(ExitCode::Success);
    }
    // Set before the kernels are measured, so a signal then still ends with the resume point.
    let progress = Arc::new(Progress::new());
    {
        let p = Arc::clone(&progress);
        // ctrlc's `termination` feature sends SIGTERM and SIGHUP here too, so `kill` and a
        // closed terminal stop the search as Ctrl-C does, saying where to resume.
        let _ = ctrlc::set_handler(move || p.cancel.store(true, Ordering::SeqCst));
    }
    // Decided (and, for a long search, measured) before the search, so --verbose can say it.
    let choice = job.choose_kernel()?;
    if let Some(c) = &choice {
        job.engine = Engine::Jot { kernel: c.kernel };
    }
    if a.verbose {
        verbose(&job, choice.as_ref());
    }
    let report = search(&job, &progress)?;
    if a.verbose && job.attack != Attack::Builtin && report.origin == Origin::Attack {
        let upto = report
            .limit
            .map_or("the end".to_owned(), |l| (report.skip + l).to_string());
        let units = match (&job.engine, &job.attack) {
            (Engine::Hashcat { .. }, Attack::Mask { .. }) => "hashcat's keyspace units",
            _ => "candidate indices",
        };
        note(
            style::DIM,
            "crack:",
            &format!("searched {units} {} to {upto}", report.skip),
        );
    }
    render(&job, &report, a.format)
}

fn verbose(job: &Job, choice: Option<&KernelChoice>) {
    let alg = job.target.hash.hmac_alg();
    let line = match (&job.engine, choice) {
        (Engine::Jot { .. }, Some(c)) => {
            let here: Vec<&str> = Kernel::ALL
                .iter()
                .filter(|k| **k != Kernel::Auto && k.is_available())
                .map(|k| k.name())
                .collect();
            let rates: Vec<String> = c
                .rates
                .iter()
                .map(|r| format!("{} {:.2} M/s", r.kernel.name(), r.rate / 1e6))
                .collect();
            let how = match rates.is_empty() {
                true => c.why.to_owned(),
                false => format!("{}: {}", c.why, rates.join(", ")),
            };
            format!(
                "{alg} on jot's engine: kernel {} ({how}; this CPU has: {})",
                c.kernel.name(),
                here.join(", ")
            )
        }
        (Engine::Jot { .. }, None) => format!("{alg}: the built-in weak-secret list only"),
        (Engine::Hashcat { program, .. }, _) => {
            format!("{alg} on hashcat ({}, mode 16500)", program.display())
        }
    };
    note(style::DIM, "crack:", &line);
    if job.tries_builtin() && job.attack != Attack::Builtin {
        note(
            style::DIM,
            "crack:",
            "trying the built-in weak-secret list first",
        );
    }
}

/// Run the job (its cancel flag wired to Ctrl-C and SIGTERM, so both end with the resume
/// point) with, on a terminal, a progress line and a closing count.
fn search(job: &Job, progress: &Progress) -> Result<Report> {
    let shown = term::progress::enabled() && job.attack != Attack::Builtin;
    let extent = job.extent();
    let mut meter = Meter::new(Instant::now());
    let mut drawn = false;
    let report = std::thread::scope(|s| {
        let worker = s.spawn(|| job.run(progress));
        while !worker.is_finished() {
            // The workers only bump counters; this thread reads them and draws.
            std::thread::sleep(Duration::from_millis(50));
            if !shown {
                continue;
            }
            if let Some(line) = meter.tick(Instant::now(), reading(progress, extent)) {
                term::progress::draw(&mut std::io::stderr().lock(), &line);
                drawn = true;
            }
        }
        worker
            .join()
            .unwrap_or_else(|_| Err(Error::input("the search stopped unexpectedly")))
    });
    if drawn {
        term::progress::clear(&mut std::io::stderr().lock());
        let done = progress.done.load(Ordering::Relaxed);
        note(
            style::DIM,
            "crack:",
            &meter.summary(Instant::now(), done, "candidates"),
        );
    }
    report
}

/// The counters as the progress line reads them, against what the job is measured by.
fn reading(p: &Progress, extent: Extent) -> Reading {
    let done = p.done.load(Ordering::Relaxed);
    let part = match extent {
        Extent::Candidates(total) => Some((done, total)),
        Extent::Bytes(total) => Some((p.read.load(Ordering::Relaxed), total)),
        Extent::Unknown => None,
    };
    Reading { done, part }
}

/// The secret as people and scripts can read it back exactly: text when it is printable
/// UTF-8 (and does not itself start with `hex:`), else `hex:` and its bytes in hex.
pub(crate) fn shown_secret(secret: &[u8]) -> String {
    match std::str::from_utf8(secret) {
        Ok(t) if !t.starts_with("hex:") && !t.chars().any(char::is_control) => {
            match crate::term::sanitize(t) {
                std::borrow::Cow::Borrowed(_) => t.to_owned(),
                std::borrow::Cow::Owned(_) => format!("hex:{}", crate::hex::encode(secret)),
            }
        }
        _ => format!("hex:{}", crate::hex::encode(secret)),
    }
}

fn source_name(job: &Job, origin: Origin) -> &'static str {
    match (origin, &job.attack) {
        (Origin::Builtin, _) | (_, Attack::Builtin) => "builtin",
        (_, Attack::Wordlists(_)) => "wordlist",
        (_, Attack::Mask { .. }) => "mask",
        (_, Attack::Brute { .. }) => "brute-force",
    }
}

fn render(job: &Job, report: &Report, format: CrackFormat) -> anyhow::Result<ExitCode> {
    let engine = match job.engine {
        Engine::Jot { .. } => "jot",
        Engine::Hashcat { .. } => "hashcat",
    };
    let alg = job.target.hash.hmac_alg().name();
    let (value, code) = match &report.outcome {
        Outcome::Found {
            secret,
            transform,
            candidate,
            index,
        } => {
            let text = std::str::from_utf8(secret).ok();
            let from = source_name(job, report.origin);
            let mut v = json!({
                "found": true, "alg": alg, "secret": text, "secret_hex": crate::hex::encode(secret),
                "transform": transform.name(), "source": from, "engine": engine,
            });
            if report.origin == Origin::Attack && matches!(job.engine, Engine::Jot { .. }) {
                v["index"] = json!(index);
            }
            if format == CrackFormat::Text {
                text_found(report, secret, *transform, candidate, *index)?;
            }
            (v, ExitCode::Success)
        }
        Outcome::Exhausted { tried } => {
            if format == CrackFormat::Text {
                text_exhausted(job, report, *tried);
            }
            let v = json!({"found": false, "alg": alg, "tried": tried,
                "builtin_tried": report.builtin_tried, "engine": engine});
            (v, ExitCode::Negative)
        }
        Outcome::Cancelled { resume_skip } => {
            note(
                style::WARN,
                "interrupted:",
                &format!("resume with --skip {resume_skip}"),
            );
            let v = json!({"found": false, "interrupted": true, "alg": alg,
                "resume_skip": resume_skip, "engine": engine});
            (v, ExitCode::Interrupted)
        }
    };
    if format == CrackFormat::Json {
        emit(None, json_text(&value)?.as_bytes(), false, false)?;
    }
    Ok(code)
}

/// The found secret on stdout, and notes on stderr about where it came from.
fn text_found(
    report: &Report,
    secret: &[u8],
    transform: crack::Transform,
    candidate: &[u8],
    index: u64,
) -> anyhow::Result<()> {
    emit(
        None,
        format!("{}\n", shown_secret(secret)).as_bytes(),
        false,
        false,
    )?;
    if report.origin == Origin::Builtin {
        note(
            style::WARN,
            "note:",
            "found on the built-in list of weak secrets",
        );
    }
    if transform != crack::Transform::Plain {
        note(
            style::DIM,
            "note:",
            &format!(
                "found as the {transform}-decoding of candidate {} (index {index})",
                shown_secret(candidate)
            ),
        );
    }
    Ok(())
}

/// What was tried without finding the secret, and where to search next.
fn text_exhausted(job: &Job, report: &Report, tried: u64) {
    if job.attack == Attack::Builtin {
        note(
            style::BAD,
            "not found:",
            &format!(
                "none of the {} built-in weak secrets signs the token",
                thousands(report.builtin_tried.into())
            ),
        );
        note(
            style::DIM,
            "hint:",
            "search further with --wordlist PATH, --mask PATTERN or --min-len/--max-len",
        );
        return;
    }
    let builtin = match report.builtin_tried {
        0 => String::new(),
        n => format!(" (after the {} built-in weak secrets)", thousands(n.into())),
    };
    note(
        style::BAD,
        "not found:",
        &format!(
            "{} candidates tried{builtin}, the search space is exhausted",
            thousands(u128::from(tried))
        ),
    );
}
