//! `jot crack` through the real binary: masks, custom charsets, brute force, wordlists (files,
//! gzip, stdin), transforms, `--skip`/`--limit` shards that cover a keyspace exactly once,
//! `--export-hashcat`, exhaustion (exit 1), and naming what a non-JWT input is (crack,
//! decode and audit agree). Keyspaces stay small: the tests run the debug build. The
//! built-in list alone and auto's kernel choice are in crack_auto.rs.

use std::io::Write;

use crate::audit_common::*;

/// `jot crack TOKEN ARGS...` with `stdin`.
fn crack(token: &str, args: &[&str], stdin: Option<&[u8]>) -> Run {
    let mut all = vec!["crack", token];
    all.extend_from_slice(args);
    run_in(None, &all, stdin)
}

/// The "N candidates tried" count of an exhausted search's note.
fn tried(stderr: &str) -> u64 {
    let (head, _) = stderr
        .split_once(" candidates tried")
        .unwrap_or_else(|| panic!("no tried count in {stderr:?}"));
    // Counts are shown with thousands separators (issue 22).
    head.rsplit(' ')
        .next()
        .and_then(|n| n.replace(',', "").parse().ok())
        .expect("a count")
}

#[test]
fn a_mask_finds_a_five_character_secret() {
    let token = sign_with_secret("abc12", &[]);
    let r = crack(&token, &["--mask", "?l?l?l?d?d"], None);
    assert_eq!((r.code, r.stdout.as_str()), (0, "abc12\n"), "{}", r.stderr);
}

#[test]
fn custom_charsets_and_brute_force_find_secrets() {
    let token = sign_with_secret("c3a1", &[]);
    let r = crack(
        &token,
        &["--mask", "?1?1?1?1", "--charset", "1=abc123"],
        None,
    );
    assert_eq!((r.code, r.stdout.as_str()), (0, "c3a1\n"), "{}", r.stderr);
    let r = crack(
        &token,
        &[
            "--mask",
            "?1?2?1?2",
            "--charset",
            "1=abc",
            "--charset",
            "2=0123",
        ],
        None,
    );
    assert_eq!((r.code, r.stdout.as_str()), (0, "c3a1\n"), "{}", r.stderr);

    let token = sign_with_secret("dcb", &[]);
    let r = crack(
        &token,
        &["--min-len", "1", "--max-len", "4", "--charset", "all=abcd"],
        None,
    );
    assert_eq!((r.code, r.stdout.as_str()), (0, "dcb\n"), "{}", r.stderr);
    // Lengths 1–2 over abcd: 4 + 16 candidates, and "dcb" is not among them.
    let r = crack(
        &token,
        &["--min-len", "1", "--max-len", "2", "--charset", "all=abcd"],
        None,
    );
    assert_eq!(r.code, 1);
    assert_eq!(tried(&r.stderr), 20);
}

#[test]
fn a_strong_secret_is_not_found_and_the_exit_is_1() {
    let token = sign_with_secret(STRONG, &[]);
    let dir = tempfile::tempdir().expect("tempdir");
    let words = write(dir.path(), "w.txt", "secret\npassword\nchangeme\n");
    let r = crack(&token, &["--wordlist", &words], None);
    assert_eq!(r.code, 1);
    assert!(r.stdout.is_empty(), "no secret printed: {}", r.stdout);
    assert!(r.stderr.contains("not found"), "{}", r.stderr);
    assert_eq!(tried(&r.stderr), 3);
    let r = crack(&token, &["--mask", "?d?d?d?d"], None);
    assert_eq!(r.code, 1);
    assert_eq!(tried(&r.stderr), 10_000);
}

#[test]
fn skip_and_limit_shards_cover_the_keyspace_exactly_once() {
    // ?d?d?d is 1000 candidates, 000 to 999 in order; "427" is index 427.
    let token = sign_with_secret("427", &[]);
    for shard in [250u64, 300, 1000, 999] {
        let mut found = Vec::new();
        let mut exhausted = 0;
        let mut skip = 0;
        while skip < 1000 {
            let (s, l) = (skip.to_string(), shard.to_string());
            let r = crack(
                &token,
                &["--mask", "?d?d?d", "--skip", &s, "--limit", &l],
                None,
            );
            match r.code {
                0 => {
                    assert_eq!(r.stdout, "427\n");
                    found.push(skip);
                    // The finder's shard is every index it was given, up to the end.
                    exhausted += shard.min(1000 - skip);
                }
                1 => exhausted += tried(&r.stderr),
                c => panic!("shard {skip}+{shard}: exit {c}: {}", r.stderr),
            }
            skip += shard;
        }
        assert_eq!(
            found,
            vec![427 / shard * shard],
            "shards of {shard}: one finder"
        );
        assert_eq!(
            exhausted, 1000,
            "shards of {shard}: tried counts add up to the keyspace"
        );
    }
    // Past the end there is nothing to try.
    let r = crack(&token, &["--mask", "?d?d?d", "--skip", "1000"], None);
    assert_eq!(r.code, 1);
    assert_eq!(tried(&r.stderr), 0);
}

#[test]
fn export_hashcat_prints_the_mode_16500_line_and_command() {
    let token = sign_with_secret(STRONG, &[]);
    let r = crack(
        &token,
        &["--export-hashcat", "--mask", "?a?a?a?a?a?a?a?a?a?a"],
        None,
    );
    assert_eq!(
        r.code, 0,
        "exporting does not crack, however big the mask: {}",
        r.stderr
    );
    let lines: Vec<&str> = r.stdout.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(
        lines[0], token,
        "mode 16500 takes the JWT itself as the hash line"
    );
    assert!(
        lines[1].starts_with("hashcat -m 16500 -a 3 "),
        "{}",
        lines[1]
    );
    assert!(lines[1].ends_with("'?a?a?a?a?a?a?a?a?a?a'"), "{}", lines[1]);

    let r = crack(
        &token,
        &["--export-hashcat", "--wordlist", "words.txt"],
        None,
    );
    assert!(
        r.stdout.contains("hashcat -m 16500 -a 0 ") && r.stdout.contains("words.txt"),
        "{}",
        r.stdout
    );
    let r = crack(
        &token,
        &["--export-hashcat", "--mask", "?1?d", "--charset", "1=ab"],
        None,
    );
    assert!(
        r.stdout.contains("-1 ab"),
        "custom charset passed on: {}",
        r.stdout
    );
    let args = [
        "--export-hashcat",
        "--min-len",
        "1",
        "--max-len",
        "3",
        "--charset",
        "all=01",
    ];
    let r = crack(&token, &args, None);
    assert!(
        r.stdout.contains("--increment"),
        "brute force is an increment mask: {}",
        r.stdout
    );
}

#[test]
fn wordlists_from_stdin_and_gzip() {
    let token = sign_with_secret("hunter2", &[]);
    let r = crack(
        &token,
        &["--wordlist", "-"],
        Some(b"alpha\r\nhunter2\r\nomega\r\n"),
    );
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (0, "hunter2\n"),
        "{}",
        r.stderr
    );

    let dir = tempfile::tempdir().expect("tempdir");
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(b"one\ntwo\nhunter2\n").expect("gzip");
    let gz = dir.path().join("w.gz");
    std::fs::write(&gz, enc.finish().expect("gzip")).expect("write");
    let first = write(dir.path(), "first.txt", "nope\n");
    let gz = gz.to_string_lossy().into_owned();
    let r = crack(&token, &["--wordlist", &first, "--wordlist", &gz], None);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (0, "hunter2\n"),
        "{}",
        r.stderr
    );

    // The token itself from stdin.
    let r = run_in(
        None,
        &["crack", "-", "--wordlist", &gz],
        Some(format!("{token}\n").as_bytes()),
    );
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (0, "hunter2\n"),
        "{}",
        r.stderr
    );
}

#[test]
fn hs384_and_hs512_and_decoded_candidates() {
    for alg in ["HS384", "HS512"] {
        let token = sign_with_secret("letmein", &["--alg", alg]);
        let r = crack(&token, &["--wordlist", "-"], Some(b"a\nletmein\n"));
        assert_eq!(
            (r.code, r.stdout.as_str()),
            (0, "letmein\n"),
            "{alg}: {}",
            r.stderr
        );
    }
    // The secret is the base64-decoding of a wordlist entry ("c2VjcmV0LXZhbHVl").
    let token = sign_with_secret("secret-value", &[]);
    let r = crack(&token, &["--wordlist", "-"], Some(b"x\nc2VjcmV0LXZhbHVl\n"));
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (0, "secret-value\n"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("base64"), "{}", r.stderr);
    let r = crack(
        &token,
        &["--wordlist", "-", "--no-transforms"],
        Some(b"x\nc2VjcmV0LXZhbHVl\n"),
    );
    assert_eq!(r.code, 1);
}

#[test]
fn bad_requests_are_exit_2() {
    let token = sign_with_secret("secret", &[]);
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir
        .path()
        .join("missing.txt")
        .to_string_lossy()
        .into_owned();
    for args in [
        // Issue 17: the token alone runs the built-in list; without it there is nothing.
        vec![token.as_str(), "--no-builtin"],
        vec![token.as_str(), "--wordlist", missing.as_str()],
        vec![token.as_str(), "--mask", "?x"],
        vec![token.as_str(), "--mask", "?1", "--charset", "9=ab"],
        vec![token.as_str(), "--min-len", "3"],
        vec!["not-a-token"],
    ] {
        let mut all = vec!["crack"];
        all.extend_from_slice(&args);
        let r = run(&all);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains("error"), "{args:?}: {}", r.stderr);
    }
    // An asymmetric token has no secret to crack.
    let r = run_in(
        Some(dir.path()),
        &["keygen", "ES256", "--out", "es.pem"],
        None,
    );
    assert_eq!(r.code, 0);
    let now = NOW.to_string();
    let es = run_in(
        Some(dir.path()),
        &["sign", "--key", "es.pem", "--now", &now],
        None,
    );
    let r = crack(es.stdout.trim(), &["--mask", "?d"], None);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("not an HMAC algorithm"), "{}", r.stderr);
}

#[test]
fn inputs_that_are_not_jwts_are_named_by_crack_decode_and_audit() {
    let fernet = {
        let mut raw = vec![0x80, 0, 0, 0, 0, 0x65, 0x53, 0xf1, 0x00];
        raw.extend([7u8; 64]);
        <base64ct::Base64Url as base64ct::Encoding>::encode_string(&raw)
    };
    let stamp = b64(&1_700_000_000u32.to_be_bytes());
    let flask = format!(
        "{}.{stamp}.{}",
        b64(br#"{"user":"admin"}"#),
        b64(&[9u8; 20])
    );
    let jwe = format!(
        "{}.{}.{}.{}.{}",
        b64(br#"{"alg":"RSA-OAEP","enc":"A256GCM"}"#),
        b64(&[1u8; 256]),
        b64(&[2u8; 12]),
        b64(b"ciphertext"),
        b64(&[3u8; 16])
    );
    let cases = [
        (
            "v2.local.QAxIpVe-ECVNI1z4xQbmQS8d9jz0a",
            "PASETO token (v2.local)",
        ),
        (fernet.as_str(), "Fernet token"),
        (flask.as_str(), "Flask/itsdangerous"),
        ("2YotnFZFEjr1zCsicMWpAA", "opaque token"),
        (jwe.as_str(), "JWE"),
    ];
    for (token, kind) in cases {
        let r = crack(token, &["--mask", "?d"], None);
        assert_eq!(r.code, 2, "crack {kind}");
        assert!(r.stderr.contains(kind), "crack names {kind}: {}", r.stderr);
        let (code, report) = audit_json(&[token]);
        assert_eq!(code, 0, "audit {kind}");
        let f = finding(&report, "JOT020").unwrap_or_else(|| panic!("JOT020 for {kind}: {report}"));
        assert_eq!(f["severity"], "info");
        let msg = f["message"].as_str().unwrap_or("");
        assert!(
            msg.contains(kind) || (kind == "JWE" && msg.contains("JWE")),
            "audit names {kind}: {msg}"
        );
        // decode shows a JWE's protected header, and still shows a Flask cookie as if it
        // were a JWS (token::parse accepts a header without alg); the rest it names.
        if kind != "JWE" && kind != "Flask/itsdangerous" {
            let r = run(&["decode", token]);
            assert_eq!(r.code, 2, "decode {kind}");
            assert!(r.stderr.contains(kind), "decode names {kind}: {}", r.stderr);
        }
    }
    let r = run(&["decode", &jwe]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("JWE") && r.stdout.contains("A256GCM"),
        "{}",
        r.stdout
    );
}
