//! `--engine hashcat`: run the local hashcat (mode 16500) on a job in a private temporary
//! directory (hash file, outfile, session), with hashcat's potfile and restore file off so
//! nothing is left behind, then read the recovered secret from the outfile (as hex, so it
//! is byte-exact) and map hashcat's exit status onto jot's outcomes.
//!
//! hashcat's machine-readable status lines (`--status-json`) feed the progress counter and
//! tell, after a cancel, the restore point to resume from.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use zeroize::Zeroizing;

use super::hashcat::{attack_args, bounds_args, skip_limit};
use super::job::{Attack, Job};
use super::{check, Outcome, Progress, Transform};
use crate::{Error, Result};

/// What a hashcat run did, with the bounds it was given.
pub(crate) struct HashcatRun {
    pub(crate) outcome: Outcome,
    pub(crate) skip: u64,
    pub(crate) limit: Option<u64>,
}

/// hashcat's exit statuses (hashcat 6: `types.h`, `enum hc_status_rc`).
const HC_CRACKED: i32 = 0;
const HC_EXHAUSTED: i32 = 1;
const HC_ABORTED: i32 = 2;

fn not_installed(program: &Path) -> Error {
    Error::input(format!(
        "{} was not found: --engine hashcat runs the local hashcat",
        program.display()
    ))
    .with_hint(
        "install hashcat (Debian/Ubuntu: apt-get install hashcat, plus pocl-opencl-icd to run on the CPU), \
         name it with --hashcat PATH (or JOT_HASHCAT), or leave out --engine to use jot's engine",
    )
}

fn command(program: &Path, extra: &[String]) -> Command {
    let mut c = Command::new(program);
    c.args(["-m", "16500"]).args(extra);
    c
}

/// Spawn, turning "no such program" into the install hint.
fn spawn(c: &mut Command, program: &Path) -> Result<Child> {
    c.spawn().map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound | std::io::ErrorKind::PermissionDenied => {
            not_installed(program)
        }
        _ => Error::input(format!("cannot run {}: {e}", program.display())),
    })
}

/// The last lines of hashcat's output, for an error message.
fn tail(text: &str) -> String {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    lines[lines.len().saturating_sub(4)..].join(" | ")
}

/// hashcat's count of the base keyspace of an attack (`--keyspace`): the units of its -s/-l.
fn keyspace(program: &Path, extra: &[String], attack: &Attack) -> Result<u64> {
    let mut c = command(program, extra);
    c.arg("--keyspace")
        .args(
            attack_args(attack, "jwt.txt")?
                .into_iter()
                .filter(|a| a != "jwt.txt"),
        )
        // Captured: the count is read from hashcat's stdout (an inherited stdout went to
        // the terminal, and the count was never seen).
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let out = spawn(&mut c, program)?
        .wait_with_output()
        .map_err(|e| Error::input(format!("cannot run {}: {e}", program.display())))?;
    let text = String::from_utf8_lossy(&out.stdout);
    text.lines()
        .rev()
        .find_map(|l| l.trim().parse().ok())
        .ok_or_else(|| {
            Error::input(format!(
                "hashcat --keyspace gave no count: {}",
                tail(&(text.into_owned() + &String::from_utf8_lossy(&out.stderr)))
            ))
        })
}

/// The newest machine-readable status: candidates done (from the start of the keyspace)
/// and hashcat's restore point.
#[derive(Default)]
struct Status {
    done: Option<u64>,
    restore_point: Option<u64>,
}

fn absolute(p: &str) -> Result<String> {
    std::path::absolute(p)
        .map(|p| p.to_string_lossy().into_owned())
        .map_err(|e| Error::io(Path::new(p), e))
}

pub(crate) fn run(
    job: &Job,
    program: &Path,
    extra: &[String],
    progress: &Progress,
) -> Result<HashcatRun> {
    let (skip, limit) = bounds_args(job, || keyspace(program, extra, &job.attack))?;
    let (attack, stdin_list) = resolve_attack(&job.attack)?;
    let dir = tempfile::Builder::new()
        .prefix("jot-hashcat-")
        .tempdir()
        .map_err(|e| Error::input(format!("cannot create a temporary directory: {e}")))?;
    let hash_file = dir.path().join("jwt.txt");
    let out_file = dir.path().join("found.txt");
    std::fs::write(&hash_file, format!("{}\n", job.token.trim()))
        .map_err(|e| Error::io(&hash_file, e))?;
    let session = format!("jot-{}-{}", std::process::id(), dir_tag(dir.path()));
    let mut c = command(program, extra);
    c.current_dir(dir.path())
        .args(["--potfile-disable", "--restore-disable", "--quiet"])
        .args(["--session", &session])
        .args(["--status", "--status-json", "--status-timer", "1"])
        .args(["--outfile-format", "3", "-o"])
        .arg(&out_file)
        .args(skip_limit(skip, limit))
        .args(attack_args(&attack, &hash_file.to_string_lossy())?)
        .stdin(if stdin_list {
            Stdio::inherit()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = spawn(&mut c, program)?;
    let mut output = Output::read(&mut child);
    let exit = wait(&mut child, &output.status, progress, skip)?;
    let (done, restore) = output.finish();
    let outcome = match exit.code() {
        Some(HC_CRACKED) => found(job, &out_file)?,
        Some(HC_EXHAUSTED) => Outcome::Exhausted {
            tried: done.map_or(limit.unwrap_or(0), |d| d.saturating_sub(skip)),
        },
        code if code.is_none_or(|c| c == HC_ABORTED) || progress.cancel.load(Ordering::Relaxed) => {
            Outcome::Cancelled {
                resume_skip: restore.unwrap_or(skip).max(skip),
            }
        }
        code => {
            let code = code.unwrap_or(-1);
            let log = output.log.lock().map(|l| tail(&l)).unwrap_or_default();
            return Err(Error::input(format!("hashcat failed (exit {code}): {log}"))
                .with_hint("on a machine without a GPU, install pocl-opencl-icd; pass hashcat options with --hashcat-arg (e.g. --hashcat-arg=--force)"));
        }
    };
    Ok(HashcatRun {
        outcome,
        skip,
        limit,
    })
}

/// The attack as hashcat is given it, and whether its wordlist is jot's stdin: relative
/// wordlists are resolved before hashcat starts in the private directory.
fn resolve_attack(attack: &Attack) -> Result<(Attack, bool)> {
    match attack {
        Attack::Wordlists(paths) => {
            let stdin_list = paths.iter().any(|p| p == "-");
            if stdin_list && paths.len() > 1 {
                return Err(Error::usage(
                    "hashcat reads stdin or wordlist files, not both",
                ));
            }
            let paths = paths
                .iter()
                .map(|p| if p == "-" { Ok(p.clone()) } else { absolute(p) })
                .collect::<Result<_>>()?;
            Ok((Attack::Wordlists(paths), stdin_list))
        }
        other => Ok((other.clone(), false)),
    }
}

/// hashcat's stdout and stderr, each read by its own thread into the shared status and log.
struct Output {
    status: Arc<Mutex<Status>>,
    log: Arc<Mutex<String>>,
    readers: Vec<std::thread::JoinHandle<()>>,
}

impl Output {
    fn read(child: &mut Child) -> Output {
        let status = Arc::new(Mutex::new(Status::default()));
        let log = Arc::new(Mutex::new(String::new()));
        let readers = [
            child
                .stdout
                .take()
                .map(|o| Box::new(o) as Box<dyn Read + Send>),
            child
                .stderr
                .take()
                .map(|e| Box::new(e) as Box<dyn Read + Send>),
        ]
        .into_iter()
        .flatten()
        .map(|r| {
            let (status, log) = (Arc::clone(&status), Arc::clone(&log));
            std::thread::spawn(move || read_output(r, &status, &log))
        })
        .collect();
        Output {
            status,
            log,
            readers,
        }
    }

    /// Wait for the readers (hashcat has exited, so its pipes close): the last status's
    /// candidates done and restore point.
    fn finish(&mut self) -> (Option<u64>, Option<u64>) {
        for r in self.readers.drain(..) {
            let _ = r.join();
        }
        self.status
            .lock()
            .map(|s| (s.done, s.restore_point))
            .unwrap_or_default()
    }
}

/// Wait for hashcat to exit, passing its progress on and killing it on a cancel.
fn wait(
    child: &mut Child,
    status: &Mutex<Status>,
    progress: &Progress,
    skip: u64,
) -> Result<std::process::ExitStatus> {
    loop {
        if progress.cancel.load(Ordering::Relaxed) {
            // A terminal's Ctrl-C reached hashcat too; this covers a cancel from elsewhere.
            let _ = child.kill();
        }
        match child.try_wait() {
            Ok(Some(exit)) => return Ok(exit),
            Ok(None) => {}
            Err(e) => return Err(Error::input(format!("waiting for hashcat: {e}"))),
        }
        if let Some(done) = status.lock().ok().and_then(|s| s.done) {
            progress
                .done
                .store(done.saturating_sub(skip), Ordering::Relaxed);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A short tag from the temporary directory's random name, so parallel runs of one process
/// get different hashcat sessions.
fn dir_tag(dir: &Path) -> String {
    dir.file_name()
        .map(|n| n.to_string_lossy().replace("jot-hashcat-", ""))
        .unwrap_or_default()
}

/// Collect hashcat's output: status JSON lines update `status`, the rest is kept for errors.
fn read_output(r: Box<dyn Read + Send>, status: &Mutex<Status>, log: &Mutex<String>) {
    for line in BufReader::new(r).lines().map_while(|l| l.ok()) {
        let json = line
            .find('{')
            .and_then(|i| serde_json::from_str::<serde_json::Value>(&line[i..]).ok());
        match json {
            Some(v) if v.get("progress").is_some() => {
                if let Ok(mut s) = status.lock() {
                    s.done = v["progress"][0].as_u64().or(s.done);
                    s.restore_point = v["restore_point"].as_u64().or(s.restore_point);
                }
            }
            _ => {
                if let Ok(mut l) = log.lock() {
                    if l.len() < 64 * 1024 {
                        l.push_str(&line);
                        l.push('\n');
                    }
                }
            }
        }
    }
}

/// The secret from the outfile (`--outfile-format 3`: the plain as hex), confirmed.
fn found(job: &Job, out_file: &PathBuf) -> Result<Outcome> {
    let text =
        Zeroizing::new(std::fs::read_to_string(out_file).map_err(|e| {
            Error::input(format!("hashcat reported a crack but wrote no result: {e}"))
        })?);
    for line in text.lines() {
        let Some(secret) = unhex(line.trim()) else {
            continue;
        };
        if check(&job.target, &secret) {
            return Ok(Outcome::Found {
                candidate: secret.clone(),
                secret,
                transform: Transform::Plain,
                index: 0,
            });
        }
    }
    Err(Error::input(
        "hashcat reported a crack, but no secret in its outfile signs the token",
    ))
}

fn unhex(s: &str) -> Option<Zeroizing<Vec<u8>>> {
    let mut out = Zeroizing::new(Vec::new());
    crate::hex::decode_into(s.as_bytes(), &mut out).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unhex_reads_hashcat_hex_plains() {
        assert_eq!(unhex("616200ff").unwrap().as_slice(), b"ab\0\xff");
        assert_eq!(unhex("").unwrap().as_slice(), b"");
        assert!(unhex("abc").is_none());
        assert!(unhex("zz").is_none());
    }

    #[test]
    fn tail_keeps_the_last_non_empty_lines() {
        assert_eq!(tail("a\n\nb\nc\nd\ne\n"), "b | c | d | e");
    }
}
