//! The one step of sign2n that cannot run in-process for e = 65537: gcd(s1^e − m1,
//! s2^e − m2) over numbers of more than 100 million bits. A gcd that size needs GMP's
//! subquadratic algorithms (num-bigint's Euclid would run for hours), so it runs in GMP
//! through python3's gmpy2, as `crack --engine hashcat` runs hashcat: the pairs go in on
//! stdin as hex, the gcd comes back as hex, and the caller checks what it gets.

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use num_bigint::BigUint;

/// The gcd, written here (not copied): e, then s and m of each token, one hex number per
/// line. Exit 3 when gmpy2 is missing.
const SCRIPT: &str = r#"
import sys
try:
    import gmpy2
except ImportError:
    sys.exit(3)
e = int(sys.stdin.readline())
nums = [gmpy2.mpz(l.strip(), 16) for l in sys.stdin if l.strip()]
g = gmpy2.mpz(0)
for s, m in zip(nums[0::2], nums[1::2]):
    g = gmpy2.gcd(g, s ** e - m)
sys.stdout.write(format(g, "x"))
"#;

/// Where GMP is found and how long it may take.
#[derive(Clone, Debug)]
pub(crate) struct Engine {
    /// The Python interpreter that has gmpy2.
    pub python: String,
    /// The most the gcd may take before it is stopped.
    pub limit: Duration,
}

impl Default for Engine {
    fn default() -> Engine {
        Engine {
            python: "python3".into(),
            // A 2048-bit key takes one to three minutes on one core; 4096 bits about four
            // times that.
            limit: Duration::from_secs(30 * 60),
        }
    }
}

/// What to do when GMP is not there.
pub(crate) const INSTALL_HINT: &str =
    "e = 65537 needs GMP: install gmpy2 for python3 (pip install gmpy2), or give the key with --public-key";

impl Engine {
    /// gcd over `pairs` of s^e − m, or why not.
    pub(crate) fn gcd_of_powers(
        &self,
        e: u32,
        pairs: &[(&BigUint, &BigUint)],
    ) -> Result<BigUint, String> {
        let mut child = Command::new(&self.python)
            .args(["-c", SCRIPT])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|_| format!("{} not found: {INSTALL_HINT}", self.python))?;
        let mut input = format!("{e}\n");
        for (s, m) in pairs {
            input.push_str(&format!("{}\n{}\n", s.to_str_radix(16), m.to_str_radix(16)));
        }
        if let Some(mut stdin) = child.stdin.take() {
            stdin
                .write_all(input.as_bytes())
                .map_err(|e| format!("{}: {e}", self.python))?;
        }
        // Read on a thread: the answer is written only at the end, but the pipe must not
        // block a long wait below.
        let mut stdout = child.stdout.take().ok_or("no stdout from python")?;
        let reader = std::thread::spawn(move || {
            let mut out = String::new();
            stdout.read_to_string(&mut out).map(|_| out)
        });
        let started = Instant::now();
        let status = loop {
            match child.try_wait().map_err(|e| e.to_string())? {
                Some(status) => break status,
                None if started.elapsed() > self.limit => {
                    let _ = child.kill();
                    let _ = child.wait();
                    return Err(format!(
                        "the gcd took longer than {} s and was stopped; give the key with --public-key",
                        self.limit.as_secs()
                    ));
                }
                None => std::thread::sleep(Duration::from_millis(100)),
            }
        };
        let out = reader
            .join()
            .map_err(|_| "reading python's answer failed".to_string())?
            .map_err(|e| e.to_string())?;
        match status.code() {
            Some(0) => BigUint::parse_bytes(out.trim().as_bytes(), 16)
                .ok_or_else(|| "python's gcd is not a hex number".to_string()),
            Some(3) => Err(format!("{} has no gmpy2: {INSTALL_HINT}", self.python)),
            _ => Err(format!(
                "{} failed computing the gcd ({status})",
                self.python
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_interpreter_names_what_to_install() {
        let engine = Engine {
            python: "/nonexistent/python3".into(),
            ..Engine::default()
        };
        let one = BigUint::from(1u8);
        let err = engine.gcd_of_powers(65537, &[(&one, &one)]).unwrap_err();
        assert!(err.contains("pip install gmpy2"), "{err}");
    }
}
