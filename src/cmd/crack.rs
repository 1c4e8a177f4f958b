//! `jot crack`: glue over the cracking engine — candidate sources from the flags, a progress
//! bar on a terminal, Ctrl-C that says where to resume, the secret on stdout.

use std::io::{IsTerminal, Read};
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;

use crate::cli::CrackArgs;
use crate::cmd::output::{emit, note};
use crate::crack::{self, HashcatAttack, Mask, Options, Outcome, Progress, Source, Target};
use crate::files::read_input;
use crate::{Error, ExitCode, Result};

/// Open a wordlist (`-` for stdin); gzip is detected by the engine from the content.
fn open_wordlist(path: &str) -> Result<Box<dyn Read + Send>> {
    if path == "-" {
        return Ok(Box::new(std::io::stdin()));
    }
    let p = std::path::Path::new(path);
    let f = std::fs::File::open(p).map_err(|e| Error::io(p, e))?;
    Ok(Box::new(std::io::BufReader::with_capacity(1 << 20, f)))
}

/// Split `--charset NAME=CHARS` flags into mask sets (1–4) and the brute-force set (`all`).
/// Mask sets (1–4) and the brute-force set.
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

/// The default brute-force alphabet: hashcat's ?a (printable ASCII).
const PRINTABLE: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

fn read_token(arg: &str) -> Result<String> {
    if arg != "-" {
        return Ok(arg.trim().to_owned());
    }
    let data = read_input("-", crate::token::MAX_TOKEN as u64)?;
    Ok(String::from_utf8_lossy(&data).trim().to_owned())
}

/// Run `jot crack`.
pub fn run(a: &CrackArgs) -> anyhow::Result<ExitCode> {
    let token = read_token(&a.token)?;
    let target =
        Target::from_token(&token).map_err(|e| match crate::token::identify_other(&token) {
            Some(what) => Error::input(format!("not a JWT: this is {what}")),
            None => e,
        })?;
    let (custom, all) = charsets(a)?;
    let brute = match (a.min_len, a.max_len) {
        (None, None) => None,
        (min, Some(max)) => Some((min.unwrap_or(1), max)),
        (Some(_), None) => return Err(Error::usage("--min-len needs --max-len").into()),
    };
    if a.export_hashcat {
        let attack = if let Some(m) = &a.mask {
            HashcatAttack::Mask {
                pattern: m,
                custom: &custom,
            }
        } else if let Some((min_len, max_len)) = brute {
            HashcatAttack::Brute {
                charset: all.as_deref().unwrap_or(PRINTABLE),
                min_len,
                max_len,
            }
        } else {
            HashcatAttack::Wordlists(&a.wordlist)
        };
        let ex = crack::hashcat_export(&token, &attack)?;
        let text = format!(
            "# save the hash line to {}, then run the command\n{}\n{}\n",
            crack::HASHCAT_HASH_FILE,
            ex.hash_line,
            ex.command
        );
        emit(None, text.as_bytes(), false, false)?;
        return Ok(ExitCode::Success);
    }
    let source = if let Some(m) = &a.mask {
        Source::Mask(Mask::parse(m, &custom)?)
    } else if let Some((min_len, max_len)) = brute {
        Source::Brute {
            charset: all.unwrap_or_else(|| PRINTABLE.to_vec()),
            min_len,
            max_len,
        }
    } else if !a.wordlist.is_empty() {
        Source::Wordlists(
            a.wordlist
                .iter()
                .map(|w| open_wordlist(w))
                .collect::<Result<_>>()?,
        )
    } else {
        return Err(Error::usage("nothing to try")
            .with_hint("pass --wordlist PATH, --mask PATTERN or --min-len/--max-len")
            .into());
    };
    let total = crack::keyspace(&source)?;
    let opts = Options {
        threads: a.threads.unwrap_or(0),
        skip: a.skip,
        limit: a.limit,
        transforms: !a.no_transforms,
    };
    let progress = Arc::new(Progress::new());
    {
        let p = Arc::clone(&progress);
        // A second Ctrl-C while stopping falls through to the default (the handler is set once).
        let _ = ctrlc::set_handler(move || p.cancel.store(true, Ordering::SeqCst));
    }
    let bar = std::io::stderr().is_terminal().then(|| {
        let remaining = total.map(|t| {
            let left = t.saturating_sub(u128::from(a.skip));
            a.limit.map_or(left, |l| left.min(u128::from(l)))
        });
        let b = match remaining {
            Some(n) => indicatif::ProgressBar::new(u64::try_from(n).unwrap_or(u64::MAX)),
            None => indicatif::ProgressBar::new_spinner(),
        };
        b.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} {human_pos}/{human_len} candidates  {per_sec}  eta {eta}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        b
    });
    let outcome = std::thread::scope(|s| {
        let worker = s.spawn(|| crack::crack(&target, source, &opts, &progress));
        while !worker.is_finished() {
            if let Some(b) = &bar {
                b.set_position(progress.done.load(Ordering::Relaxed));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        worker
            .join()
            .unwrap_or_else(|_| Err(Error::input("the search stopped unexpectedly")))
    });
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    match outcome? {
        Outcome::Found {
            secret,
            transform,
            candidate,
            index,
        } => {
            let shown = String::from_utf8_lossy(&secret).into_owned();
            emit(
                None,
                format!("{}\n", crate::term::sanitize(&shown)).as_bytes(),
                false,
                false,
            )?;
            if transform != crack::Transform::Plain {
                let c = String::from_utf8_lossy(&candidate).into_owned();
                note(
                    crate::term::style::DIM,
                    "note:",
                    &format!(
                        "found as the {transform}-decoding of candidate {c:?} (index {index})"
                    ),
                );
            }
            Ok(ExitCode::Success)
        }
        Outcome::Exhausted { tried } => {
            note(
                crate::term::style::BAD,
                "not found:",
                &format!("{tried} candidates tried, the search space is exhausted"),
            );
            Ok(ExitCode::Negative)
        }
        Outcome::Cancelled { resume_skip } => {
            note(
                crate::term::style::WARN,
                "interrupted:",
                &format!("resume with --skip {resume_skip}"),
            );
            Ok(ExitCode::Negative)
        }
    }
}
