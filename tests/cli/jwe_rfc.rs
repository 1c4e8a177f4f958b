//! RFC 7520 §5 known answers through the real binary: `jot decrypt` opens the RFC's tokens
//! with the RFC's keys (src/jwe/vectors/rfc7520.json; the full set runs in the lib tests).

use crate::common::{jot, tmp};

/// Run decrypt; (exit code, stdout, stderr).
fn decrypt(args: &[&str]) -> (i32, String, String) {
    let out = jot().arg("decrypt").args(args).output().expect("run jot");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// RFC 7520 §5.1 (RSA1_5, only with --allow-rsa1-5) and §5.6 (a dir key whose alg is
/// "A128GCM") at the command line: the RFC's token and key give the RFC's plaintext.
#[test]
fn rfc7520_examples_decrypt_at_the_command_line() {
    let v: serde_json::Value =
        serde_json::from_str(include_str!("../../src/jwe/vectors/rfc7520.json")).unwrap();
    let d = tmp();
    let rsa = cfg!(feature = "aws-lc"); // RSA decryption needs aws-lc
    for (name, flag) in [("rfc7520_5_1", "--allow-rsa1-5"), ("rfc7520_5_6", "")] {
        let (e, key) = (&v[name], d.path().join(name));
        std::fs::write(&key, e["jwk"].to_string()).unwrap();
        let args = [
            e["jwe"].as_str().unwrap(),
            "--key",
            key.to_str().unwrap(),
            flag,
        ];
        let n = if flag.is_empty() { 3 } else { 4 };
        if !flag.is_empty() && rsa {
            assert_eq!(decrypt(&args[..3]).0, 1, "{name} without {flag}");
        }
        if flag.is_empty() || rsa {
            let (code, out, err) = decrypt(&args[..n]);
            assert_eq!(
                (code, out.as_str()),
                (0, e["plaintext"].as_str().unwrap()),
                "{err}"
            );
        }
    }
}
