//! Helpers for the sign/decode/verify tests and the attack suite: running `jot` with a
//! fixed clock, keys generated once per test run, and forging tokens byte by byte.

#![allow(dead_code)] // each test module uses its own subset

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use base64ct::{Base64UrlUnpadded, Encoding};
use hmac::{KeyInit, Mac};
use serde_json::Value;

/// The clock every test fixes with `--now`.
pub const T0: i64 = 1_700_000_000;

/// What one run of `jot` did.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Assert exit 0 and return stdout.
    pub fn ok(self) -> String {
        assert_eq!(self.code, 0, "expected success: {self:#?}");
        self.stdout
    }

    /// Assert the given exit code, and that nothing panicked.
    pub fn code(self, want: i32) -> Run {
        assert_eq!(self.code, want, "{self:#?}");
        self.sane()
    }

    /// Assert no panic and no raw escape byte in either stream.
    pub fn sane(self) -> Run {
        assert!(!self.stderr.contains("panicked"), "{self:#?}");
        assert!(
            !self.stdout.contains('\u{1b}'),
            "raw ESC in stdout: {self:#?}"
        );
        self
    }

    /// Assert the token was refused (exit 1, or 2 for input the verifier cannot read).
    pub fn refused(self) -> Run {
        assert!(
            self.code == 1 || self.code == 2,
            "expected refusal: {self:#?}"
        );
        self.sane()
    }

    /// Everything printed, for "names the reason" checks.
    pub fn all(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }
}

/// `jot` with colours off.
pub use crate::common::jot;

/// Run `jot args…` with `stdin`.
pub fn run_in<S: AsRef<std::ffi::OsStr>>(args: &[S], stdin: &[u8]) -> Run {
    let out = jot()
        .args(args)
        .write_stdin(stdin.to_vec())
        .output()
        .expect("run jot");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Run `jot args…` with empty stdin.
pub fn run<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Run {
    run_in(args, b"")
}

/// Keys made once per test run by `jot keygen`, under cargo's per-target temp dir.
pub struct Keys {
    pub dir: PathBuf,
}

impl Keys {
    /// `ALG.pem` (private, PKCS#8) or, for HS*, `ALG.jwk`.
    pub fn private(&self, alg: &str) -> String {
        self.path(alg, false)
    }

    /// `ALG.pub.pem`.
    pub fn public(&self, alg: &str) -> String {
        self.path(alg, true)
    }

    fn path(&self, alg: &str, public: bool) -> String {
        let name = match (alg.starts_with("HS"), public) {
            (true, _) => format!("{alg}.jwk"),
            (false, true) => format!("{alg}.pub.pem"),
            (false, false) => format!("{alg}.pem"),
        };
        self.dir.join(name).to_string_lossy().into_owned()
    }

    /// The raw HMAC secret of `HSxxx.jwk`, written to `HSxxx.secret`.
    pub fn secret_file(&self, alg: &str) -> String {
        let jwk: Value =
            serde_json::from_str(&std::fs::read_to_string(self.private(alg)).expect("read jwk"))
                .expect("jwk json");
        let k = unb64(jwk["k"].as_str().expect("k"));
        let p = self.dir.join(format!("{alg}.secret"));
        // Tests run in parallel: replace the file atomically so no reader sees it half-written.
        let tmp = tempfile::NamedTempFile::new_in(&self.dir).expect("temp file");
        std::fs::write(tmp.path(), k).expect("write secret");
        tmp.persist(&p).expect("rename secret");
        p.to_string_lossy().into_owned()
    }
}

/// Keys for: HS256 HS384 HS512 (JWK), RS256 (one RSA key serves RS*/PS*), ES256 ES384
/// ES512 ES256K EdDSA (PEM, with .pub.pem).
pub fn keys() -> &'static Keys {
    static KEYS: OnceLock<Keys> = OnceLock::new();
    KEYS.get_or_init(|| {
        let dir =
            Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("tok-keys-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("key dir");
        let k = Keys { dir };
        for alg in ["HS256", "HS384", "HS512"] {
            run(&["keygen", alg, "--force", "--out", &k.private(alg)]).ok();
        }
        for alg in ["RS256", "ES256", "ES384", "ES512", "ES256K", "EdDSA"] {
            let (p, q) = (k.private(alg), k.public(alg));
            run(&["keygen", alg, "--force", "--out", &p, "--public-out", &q]).ok();
        }
        k
    })
}

/// The key file for `alg`'s family (RS*/PS* share the RSA key).
pub fn family_key(alg: &str) -> &str {
    if alg.starts_with("RS") || alg.starts_with("PS") {
        "RS256"
    } else {
        alg
    }
}

pub fn b64(data: &[u8]) -> String {
    Base64UrlUnpadded::encode_string(data)
}

pub fn unb64(s: &str) -> Vec<u8> {
    Base64UrlUnpadded::decode_vec(s).expect("base64url")
}

/// HMAC-SHA256 of `msg` with any key, however weak: what an attacker would compute.
pub fn hs256(key: &[u8], msg: &[u8]) -> Vec<u8> {
    let mut m = <hmac::Hmac<sha2::Sha256> as KeyInit>::new_from_slice(key).expect("any length");
    m.update(msg);
    m.finalize().into_bytes().to_vec()
}

/// A compact token from raw header and payload text and signature bytes.
pub fn forge(header: &str, payload: &str, sig: &[u8]) -> String {
    format!(
        "{}.{}.{}",
        b64(header.as_bytes()),
        b64(payload.as_bytes()),
        b64(sig)
    )
}

/// An HS256 token over raw header and payload text, with `key`.
pub fn forge_hs256(header: &str, payload: &str, key: &[u8]) -> String {
    let input = format!("{}.{}", b64(header.as_bytes()), b64(payload.as_bytes()));
    let sig = hs256(key, input.as_bytes());
    format!("{input}.{}", b64(&sig))
}

/// Claims valid at T0.
pub fn good_claims() -> String {
    format!(r#"{{"sub":"alice","iat":{T0},"exp":{}}}"#, T0 + 900)
}

/// `jot sign` with a key file and a fixed clock; extra args appended.
pub fn sign(key: &str, extra: &[&str]) -> String {
    let mut args = vec!["sign", "--key", key, "--now", "1700000000"];
    args.extend_from_slice(extra);
    run(&args).ok().trim().to_owned()
}

/// `jot verify TOKEN --key KEY --now T0+10` plus extra args.
pub fn verify(token: &str, key: &str, extra: &[&str]) -> Run {
    let mut args = vec!["verify", token, "--key", key, "--now", "1700000010"];
    args.extend_from_slice(extra);
    run(&args)
}

/// The decoded header and payload of a compact token.
pub fn parts(token: &str) -> (Value, Value) {
    let mut it = token.split('.');
    let h = serde_json::from_slice(&unb64(it.next().expect("header"))).expect("header json");
    let p = serde_json::from_slice(&unb64(it.next().expect("payload"))).expect("payload json");
    (h, p)
}

/// Whether python3 can import PyJWT and cryptography; prints a skip note when not.
pub fn have_pyjwt() -> bool {
    static HAVE: OnceLock<bool> = OnceLock::new();
    let have = *HAVE.get_or_init(|| {
        std::process::Command::new("python3")
            .arg(interop_script())
            .arg("check")
            .output()
            .map(|o| o.status.success())
            .unwrap_or(false)
    });
    if !have {
        eprintln!("note: python3 with PyJWT and cryptography not found; skipping the PyJWT interop checks");
    }
    have
}

/// tests/interop/pyjwt_interop.py
pub fn interop_script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/interop/pyjwt_interop.py")
}
