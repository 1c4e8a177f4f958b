//! The probe lab: keys and tokens made once with the real `jot`, and the deliberately
//! vulnerable servers of tests/servers/vuln.py started on 127.0.0.1. Every server is
//! bounded (it stops by itself after --max-seconds / --max-requests) and killed on drop,
//! so a failing test leaves nothing running.

use std::ffi::OsStr;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::sync::OnceLock;
use std::time::Duration;

use serde_json::Value;

use crate::common::{assert_success, jot, jot_ok, write};

/// Keys and tokens shared by the probe tests (made once per test run).
pub struct Lab {
    pub secret: PathBuf,
    pub rsa_pub_jwk: PathBuf,
    pub rsa_pub_pem: PathBuf,
    pub ec_pub_jwk: PathBuf,
    pub keydir: PathBuf,
    /// HS256 with kid key1 (the secret is in `secret` and in `keydir/key1`).
    pub hs: String,
    /// RS256 of the RSA key.
    pub rs: String,
    /// ES256 of the EC key.
    pub es: String,
}

pub fn lab() -> &'static Lab {
    static LAB: OnceLock<Lab> = OnceLock::new();
    LAB.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("probe-lab-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("keys")).expect("lab dir");
        let p = |n: &str| dir.join(n);
        let secret = write(&dir, "secret", "lab-secret-0123456789-abcdefghijklmnop");
        std::fs::copy(&secret, dir.join("keys/key1")).expect("key1");
        for (alg, kid, name) in [("RS256", "srv", "rsa"), ("ES256", "ec", "ec")] {
            let out = jot()
                .args(["keygen", alg, "--kid", kid, "--format", "jwk", "--out"])
                .arg(p(&format!("{name}.jwk")))
                .arg("--public-out")
                .arg(p(&format!("{name}.pub.jwk")))
                .output()
                .expect("keygen");
            assert_success(&out, "keygen");
        }
        let pub_jwk = p("rsa.pub.jwk");
        let pem = jot_ok([
            OsStr::new("convert"),
            pub_jwk.as_os_str(),
            OsStr::new("--to"),
            OsStr::new("pem"),
        ]);
        let rsa_pub_pem = write(&dir, "rsa.pub.pem", pem);
        let sign = |key: &[&str]| {
            let mut args = vec!["sign", "--sub", "alice", "--exp", "2h"];
            args.extend_from_slice(key);
            jot_ok(args).trim().to_owned()
        };
        let s = |n: &str| p(n).to_string_lossy().into_owned();
        Lab {
            hs: sign(&["--secret-file", &s("secret"), "--kid", "key1"]),
            rs: sign(&["--key", &s("rsa.jwk")]),
            es: sign(&["--key", &s("ec.jwk")]),
            secret,
            rsa_pub_jwk: p("rsa.pub.jwk"),
            rsa_pub_pem,
            ec_pub_jwk: p("ec.pub.jwk"),
            keydir: p("keys"),
        }
    })
}

/// A child process killed (and reaped) when dropped.
pub struct Guard(pub Child);

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The first line a child prints on `pipe`, within 30 s.
fn first_line(pipe: impl std::io::Read + Send + 'static) -> String {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = BufReader::new(pipe).read_line(&mut line);
        let _ = tx.send(line);
    });
    rx.recv_timeout(Duration::from_secs(30))
        .expect("the server printed its port in time")
}

/// One vulnerable server.
pub struct Vuln {
    _child: Guard,
    pub port: u16,
    pub log: PathBuf,
    _dir: tempfile::TempDir,
}

impl Vuln {
    /// Start `vuln.py MODE` with the lab's keys for that mode, plus `extra` arguments.
    pub fn start(mode: &str, extra: &[&str]) -> Vuln {
        let l = lab();
        let dir = crate::common::tmp();
        let log = dir.path().join("decisions.jsonl");
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/servers/vuln.py");
        let mut cmd = Command::new("python3");
        cmd.arg(script)
            .arg(mode)
            .arg("--log")
            .arg(&log)
            .args(["--max-seconds", "90"]);
        match mode {
            "none" | "strip" | "kid-sql" | "nosig" | "constant" => {
                cmd.arg("--secret-file").arg(&l.secret);
            }
            // The servers of issue 19 (errors, forbidden-but-valid, claims, cookie + numeric kid).
            "forbidden" | "error500" | "claims" | "kid-sql-num" => {
                cmd.arg("--secret-file").arg(&l.secret);
            }
            "kid-file" | "kid-file-strip" => {
                cmd.arg("--secret-file")
                    .arg(&l.secret)
                    .arg("--keydir")
                    .arg(&l.keydir);
            }
            "psychic" | "once" => {
                cmd.arg("--public-jwk").arg(&l.ec_pub_jwk);
            }
            "psychic-dispatch" => {
                cmd.arg("--public-jwk")
                    .arg(&l.ec_pub_jwk)
                    .arg("--secret-file")
                    .arg(&l.secret);
            }
            "jwe" => {
                cmd.arg("--public-jwk")
                    .arg(&l.rsa_pub_jwk)
                    .arg("--private-jwk")
                    .arg(l.rsa_pub_jwk.with_file_name("rsa.jwk"));
            }
            _ => {
                cmd.arg("--public-jwk")
                    .arg(&l.rsa_pub_jwk)
                    .arg("--public-pem")
                    .arg(&l.rsa_pub_pem);
            }
        }
        let mut child = cmd
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("python3");
        let stdout = child.stdout.take().expect("stdout");
        let guard = Guard(child);
        let line = first_line(stdout);
        let port = line
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("vuln.py {mode} printed {line:?}, not a port"));
        Vuln {
            _child: guard,
            port,
            log,
            _dir: dir,
        }
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }

    /// Every decision the server logged.
    pub fn decisions(&self) -> Vec<Value> {
        std::fs::read_to_string(&self.log)
            .unwrap_or_default()
            .lines()
            .map(|l| serde_json::from_str(l).expect("a JSON log line"))
            .collect()
    }
}

/// `jot serve --dir DIR` on 127.0.0.1:0 and the base URL it reports.
pub fn jot_serve(dir: &Path) -> (Guard, String) {
    let mut child = Command::new(crate::common::jot_path())
        .args(["serve", "--addr", "127.0.0.1:0", "--dir"])
        .arg(dir)
        .env("NO_COLOR", "1")
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("jot serve");
    let stderr = child.stderr.take().expect("stderr");
    let guard = Guard(child);
    let line = first_line(stderr);
    let base = line
        .split(" on ")
        .nth(1)
        .map(|s| s.trim().to_owned())
        .unwrap_or_else(|| panic!("serve said {line:?}"));
    (guard, base)
}
