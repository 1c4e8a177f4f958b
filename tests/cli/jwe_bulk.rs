//! Bulk `jot decrypt -` (issue 18): it streams (the first plaintext comes while stdin is
//! still open), keeps every plaintext byte for byte and every line in input order across
//! batches and cores, and gives each line the verdict that token gets alone.

use std::path::Path;

use serde_json::json;

use crate::common::{jot, streamed_before_stdin_closes, tmp, write};
use jot::jwe::{encrypt, EncryptOptions, JweKey};

/// An oct JWK with `kid` and `alg`, as a value.
fn oct(kid: &str, alg: &str, fill: u8) -> serde_json::Value {
    json!({"kty": "oct", "kid": kid, "alg": alg, "use": "enc",
           "k": jot::b64::encode(&[fill; 32])})
}

fn jwe_key(v: &serde_json::Value) -> JweKey {
    let k = jot::keys::read(v.to_string().as_bytes(), &Default::default())
        .expect("JWK reads")
        .select(None)
        .expect("one key");
    JweKey::Jwk(k)
}

/// A key set of a `dir` key (kid "d") and an A256KW key (kid "w"), written to `dir`, and
/// the two keys.
fn key_set(dir: &Path) -> (std::path::PathBuf, JweKey, JweKey) {
    let (d, w) = (oct("d", "dir", 1), oct("w", "A256KW", 2));
    let set = write(dir, "set.json", json!({"keys": [d, w]}).to_string());
    (set, jwe_key(&d), jwe_key(&w))
}

fn seal(key: &JweKey, kid: &str, enc: &str, pt: &[u8]) -> String {
    let o = EncryptOptions {
        kid: Some(kid.into()),
        enc: jot::alg::Enc::from_name(enc).expect("enc"),
        ..EncryptOptions::default()
    };
    encrypt(key, &o, pt).expect("encrypt")
}

/// Plaintext `i`: binary (every byte value, 16 KiB), text, JSON, or short binary.
fn payload(i: usize) -> Vec<u8> {
    match i % 4 {
        0 => (0..16_384).map(|b| (b + i) as u8).collect(),
        1 => format!("token {i}").into_bytes(),
        2 => format!("{{\"n\":{i}}}").into_bytes(),
        _ => vec![0, 0x1b, b'[', b'2', b'J', b'\n', b'\r', 0xff, i as u8],
    }
}

#[test]
fn bulk_decrypt_keeps_bytes_order_and_per_line_verdicts_across_batches() {
    let d = tmp();
    let (set, dk, wk) = key_set(d.path());
    let set = set.to_str().unwrap();
    let (mut input, mut want) = (Vec::new(), Vec::new());
    let mut line = 0;
    for i in 0..400 {
        let pt = payload(i);
        // Mostly the opener's shape (dir, A256GCM); also A256KW, AES-CBC-HMAC (the
        // one-token path) and a changed token.
        let t = match i % 10 {
            3 => seal(&wk, "w", "A256GCM", &pt),
            7 => seal(&dk, "d", "A128CBC-HS256", &pt),
            _ => seal(&dk, "d", "A256GCM", &pt),
        };
        let t = if i % 37 == 5 {
            t.replacen(".", ".x", 1)
        } else {
            t
        };
        if i % 50 == 0 {
            input.extend(b"\n# a comment\n");
            line += 2;
        }
        input.extend(t.as_bytes());
        input.push(b'\n');
        line += 1;
        want.extend(format!("line {line}: ").as_bytes());
        if i % 37 == 5 {
            // The failure line this token gets alone.
            let alone = jot().args(["decrypt", &t, "--key", set]).output().unwrap();
            assert_eq!(alone.status.code(), Some(1));
            want.extend(&alone.stdout);
        } else {
            want.extend(&pt);
            want.push(b'\n');
        }
    }
    let out = jot()
        .args(["decrypt", "-", "--key", set])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "a changed token fails the run");
    assert!(
        out.stdout == want,
        "bulk stdout is not the tokens' plaintexts in order"
    );
}

#[test]
fn bulk_decrypt_prints_plaintext_before_stdin_closes() {
    let d = tmp();
    let (set, dk, _) = key_set(d.path());
    let t = seal(&dk, "d", "A256GCM", b"first");
    let second = seal(&dk, "d", "A256GCM", b"second");
    let set = set.to_str().unwrap();
    let (first, rest, ok) =
        streamed_before_stdin_closes(&["decrypt", "-", "--key", set], &t, &second);
    assert_eq!(first, "line 1: first");
    assert_eq!(rest, ["line 2: second"]);
    assert!(ok);
}

#[test]
fn bulk_decrypt_json_lines_come_in_input_order_with_their_line_numbers() {
    let d = tmp();
    let (set, dk, _) = key_set(d.path());
    let input: String = (0..300)
        .map(|i| format!("{}\n\n", seal(&dk, "d", "A256GCM", &payload(i))))
        .collect();
    let out = jot()
        .args(["decrypt", "-", "--key", set.to_str().unwrap(), "--json"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 300);
    for (i, l) in lines.iter().enumerate() {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        assert_eq!(v["line"], 2 * i + 1, "{l}");
        assert_eq!(v["valid"], true);
    }
}
