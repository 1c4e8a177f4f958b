//! Helpers shared by every integration-test module: running the built `jot` binary, temp
//! dirs, external tools (openssl, python3 with jwcrypto) that a test skips without, and the
//! standard checks of a clean input error.

#![allow(dead_code)] // each test module uses its own subset

use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::OnceLock;
use std::time::Duration;

pub use assert_cmd::Command;
use serde_json::Value;

/// A hang guard, not a timing assertion: a command that runs this long is stuck.
const HANG_GUARD: Duration = Duration::from_secs(120);

/// The `jot` binary cargo built for this test run.
pub fn jot_path() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_jot"))
}

/// A `jot` command with the hang guard and colours off.
pub fn jot() -> Command {
    let mut c = Command::new(jot_path());
    c.timeout(HANG_GUARD)
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE");
    c
}

/// Run `jot args…`, assert exit 0, return stdout.
pub fn jot_ok<I, S>(args: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let out = jot().args(args).output().expect("run jot");
    assert_success(&out, "jot");
    String::from_utf8(out.stdout).expect("stdout is UTF-8")
}

/// `jot thumbprint PATH [extra…]`, trimmed; the command must succeed.
pub fn thumbprint(path: &Path, extra: &[&str]) -> String {
    let out = jot()
        .arg("thumbprint")
        .arg(path)
        .args(extra)
        .output()
        .expect("run jot");
    assert_success(&out, &format!("thumbprint {}", path.display()));
    String::from_utf8(out.stdout)
        .expect("UTF-8")
        .trim()
        .to_owned()
}

/// Assert a process exited 0, showing its stderr when it did not.
pub fn assert_success(out: &Output, what: &str) {
    assert!(
        out.status.success(),
        "{what} failed with {:?}\nstderr:\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Assert jot refused cleanly: exit 2, stderr starting "error:", no panic. Returns stderr.
pub fn assert_input_error(out: &Output) -> String {
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(
        out.status.code(),
        Some(2),
        "expected exit 2, stderr:\n{stderr}"
    );
    assert!(stderr.starts_with("error:"), "stderr: {stderr}");
    assert!(!stderr.contains("panicked"), "stderr: {stderr}");
    stderr
}

/// A fresh temp directory, removed when dropped.
pub fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

/// Write `data` to `dir/name` and return the path.
pub fn write(dir: &Path, name: &str, data: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, data).expect("write test file");
    p
}

/// Parse JSON text, failing the test with the text when it is not JSON.
pub fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

fn tool_works(program: &str, args: &[&str]) -> bool {
    std::process::Command::new(program)
        .args(args)
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

/// Whether openssl is on PATH; prints a skip note once when it is not.
pub fn have_openssl() -> bool {
    static HAVE: OnceLock<bool> = OnceLock::new();
    let have = *HAVE.get_or_init(|| tool_works("openssl", &["version"]));
    if !have {
        eprintln!("note: openssl not found; skipping the openssl interop checks");
    }
    have
}

/// Run openssl in `dir` with the whitespace-separated arguments of `cmdline` (no argument
/// holds a space), assert success, return stdout bytes.
pub fn openssl(dir: &Path, cmdline: &str) -> Vec<u8> {
    let out = std::process::Command::new("openssl")
        .current_dir(dir)
        .args(cmdline.split_whitespace())
        .output()
        .expect("run openssl");
    assert_success(&out, &format!("openssl {cmdline}"));
    out.stdout
}

/// Whether python3 with jwcrypto is available; prints a skip note once when not.
pub fn have_jwcrypto() -> bool {
    static HAVE: OnceLock<bool> = OnceLock::new();
    let have = *HAVE.get_or_init(|| tool_works("python3", &["-c", "import jwcrypto.jwk"]));
    if !have {
        eprintln!("note: python3 with jwcrypto not found; skipping the jwcrypto interop checks");
    }
    have
}

/// A script in tests/interop/.
pub fn interop_script(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/interop")
        .join(name)
}

/// Whether tests/interop/node has these npm packages installed. Elsewhere a missing install
/// skips with a note; under CI=true (where .ci/run runs `npm ci` there) it fails the test, so
/// an interop suite cannot silently stop running.
pub fn node_packages_ready(packages: &[&str]) -> bool {
    let missing: Vec<&str> = packages
        .iter()
        .copied()
        .filter(|p| !interop_script(&format!("node/node_modules/{p}")).exists())
        .collect();
    if missing.is_empty() {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI=true: npm packages {missing:?} missing in tests/interop/node (run npm ci there)"
    );
    eprintln!("note: tests/interop/node/node_modules missing (run npm ci there); skipping");
    false
}

/// Unix permission bits of a file.
pub fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).expect("stat").permissions().mode() & 0o777
}

/// Every JWK member that carries private material (RFC 7517/7518).
pub const PRIVATE_MEMBERS: &[&str] = &["d", "p", "q", "dp", "dq", "qi", "oth", "k", "priv"];

/// Assert a JWK (or every key of a JWKS) has no private member.
pub fn assert_public_only(v: &Value) {
    let keys = match v.get("keys").and_then(Value::as_array) {
        Some(ks) => ks.clone(),
        None => vec![v.clone()],
    };
    for k in keys {
        for m in PRIVATE_MEMBERS {
            assert!(k.get(*m).is_none(), "public output has {m:?}: {k}");
        }
    }
}

/// What a bulk command (`verify -`, `decrypt -`) answers while its stdin is still open:
/// `first` is written and one stdout line awaited (a hang guard, not a timing assertion),
/// then `second` is written and stdin closed. The first line, the rest, and success.
pub fn streamed_before_stdin_closes(
    args: &[&str],
    first: &str,
    second: &str,
) -> (String, Vec<String>, bool) {
    use std::io::{BufRead, BufReader, Write};
    use std::process::{Command, Stdio};
    let mut child = Command::new(jot_path())
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn jot");
    let mut stdin = child.stdin.take().expect("stdin");
    let stdout = child.stdout.take().expect("stdout");
    let (tx, rx) = std::sync::mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if tx.send(line.expect("line")).is_err() {
                break;
            }
        }
    });
    writeln!(stdin, "{first}").expect("write");
    stdin.flush().expect("flush");
    let got = rx
        .recv_timeout(Duration::from_secs(60))
        .expect("an answer before stdin closed");
    writeln!(stdin, "{second}").expect("write");
    drop(stdin);
    let status = child.wait().expect("wait");
    reader.join().expect("reader");
    (got, rx.try_iter().collect(), status.success())
}

/// What a terminal shows of `sh -c shell` run on util-linux `script`'s pseudo-terminal
/// (colour off, a TERM that can erase a line whatever CI's is). `None` where `script` is
/// missing, which fails under CI.
pub fn shown_on_a_terminal(shell: &str) -> Option<String> {
    let out = std::process::Command::new("script")
        .args(["-qec", shell, "/dev/null"])
        .env("NO_COLOR", "1")
        .env("TERM", "xterm")
        .output();
    match out {
        Ok(out) => Some(String::from_utf8_lossy(&out.stdout).into_owned()),
        Err(_) => {
            assert!(
                std::env::var_os("CI").is_none(),
                "util-linux script is missing"
            );
            None
        }
    }
}

/// What a terminal shows of `jot ARGS` (each argument quoted for sh); see
/// [`shown_on_a_terminal`].
pub fn jot_on_a_terminal(args: &[&str]) -> Option<String> {
    let cmd = std::iter::once(jot_path().to_str().unwrap())
        .chain(args.iter().copied())
        .map(|a| format!("'{}'", a.replace('\'', r"'\''")))
        .collect::<Vec<_>>()
        .join(" ");
    shown_on_a_terminal(&cmd)
}
