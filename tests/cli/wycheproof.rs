//! Project Wycheproof's JOSE vectors (tests/data/wycheproof, C2SP/wycheproof commit dac1dd47),
//! every one of them through the real `jot` binary.
//!
//! - JWS vectors (`jws`, in the signature, key and crypto files): `jot verify - --key KEY
//!   --allow-no-exp --json`, one process per test group (bulk mode), KEY the group's `public`
//!   key, else its `private` one (a JWK or a JWKS). No `--alg`: jot pins what the key implies
//!   (its `alg` member, else its type), and that default is what the vectors test. Most payloads
//!   are not claims sets (`foo`, RFC 7520's text), so the verdict judged is the signature's:
//!   accepted when the only reasons left are claim reasons ([`CLAIM_REASONS`]).
//! - JWE vectors (`jwe`): `jot decrypt - --key PRIVATE --enc ENC --json`, one process per
//!   group and `enc`; accepted when the tag checks and the plaintext equals `pt`. RSA keys get a
//!   second pass with `--allow-rsa1-5`, where every vector must match its label. A build
//!   without aws-lc decrypts no RSA (RUSTSEC-2023-0071): there RSA JWEs are refused, counted.
//! - Tokens that bulk mode cannot carry (empty, or with white space) run one per process; a
//!   JSON-serialized token (an object) is passed as its compact JSON text.
//! - A group whose key jot refuses (exit 2, `error: …`) rejects all its vectors.
//!
//! Each vector matches its label (`acceptable` matches either verdict), or is listed in
//! [`DEVIATIONS`] (a deliberate choice, with its reason). A listed vector that matches its
//! label fails the test too, so the table never outlives its reason. The tally is printed
//! (`cargo test --test cli wycheproof -- --nocapture`).

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::common::{jot_path, tmp, write};

/// The reasons `verify` gives about claims, not about the signature.
const CLAIM_REASONS: &[&str] = &["the payload is not a JSON claims set"];

const RSA1_5: &str = "RSA1_5 is refused by default (RFC 8725 §3.2, padding oracles); the \
                      second pass with --allow-rsa1-5 decrypts it";
const KEY_ALG_PINS: &str = "the key's alg is PS256 and the token's PS384: jot verifies with \
                            the algorithm the key names (RFC 7517 §4.4), never the token's";
const KEY_ALG_UNKNOWN: &str = "the key's alg is \"ES521\", no registered algorithm; jot does \
                               not use a key for ES512 whose alg says otherwise";
const JSON_SER: &str = "labelled invalid for an API that takes compact tokens only \
                        (rejectsValidJsonSerialization); jot reads both JSON serializations \
                        (RFC 7515 §7.2, RFC 7516 §7.2: issue 20), and this one is valid";
const SAME_AS_357: &str = "the token is byte-identical to tcId 357 (labelled valid): the file \
                           lost the padding this vector was about, so no verifier can tell them \
                           apart";
const STRICT_B64: &str = "jot's base64url is strict (RFC 7515 §2): a '?' inside a segment is \
                          malformed, not skipped as a lenient decoder does";

/// Vectors whose verdict differs from their label on purpose: (file, tcId, reason).
const DEVIATIONS: &[(&str, u64, &str)] = &[
    ("crypto", 17, JSON_SER),
    ("crypto", 66, JSON_SER),
    ("signature", 346, KEY_ALG_PINS),
    ("signature", 350, KEY_ALG_PINS),
    ("signature", 347, KEY_ALG_UNKNOWN),
    ("signature", 351, KEY_ALG_UNKNOWN),
    ("signature", 367, SAME_AS_357),
    ("signature", 370, SAME_AS_357),
    ("signature", 372, STRICT_B64),
    ("signature", 373, STRICT_B64),
    ("encryption", 100, RSA1_5),
    ("encryption", 101, RSA1_5),
    ("encryption", 102, RSA1_5),
    ("encryption", 103, RSA1_5),
    ("encryption", 104, RSA1_5),
    ("encryption", 105, RSA1_5),
    ("encryption", 112, RSA1_5),
    ("encryption", 128, RSA1_5),
];

const FILES: &[(&str, &str)] = &[
    ("signature", "json_web_signature_test.json"),
    ("key", "json_web_key_test.json"),
    ("crypto", "json_web_crypto_test.json"),
    ("encryption", "json_web_encryption_test.json"),
];

/// One vector's outcome: did jot accept it, and what it said.
struct Outcome {
    accepted: bool,
    said: String,
}

/// A batch of vectors that share one command line.
struct Batch<'a> {
    args: Vec<String>,
    tests: Vec<&'a Value>,
}

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/wycheproof")
}

/// The token text of a vector: compact as given, or a JSON serialization's compact text.
fn token_text(t: &Value) -> String {
    match t.get("jws").or_else(|| t.get("jwe")).expect("jws or jwe") {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Whether jot's answer accepts the vector: JWS by signature, JWE by tag and plaintext.
fn judge(test: &Value, answer: &Value) -> Outcome {
    if test.get("jwe").is_some() {
        let plain = match (answer.get("plaintext"), answer.get("plaintext_b64url")) {
            (Some(Value::String(p)), _) => Some(hex(p.as_bytes())),
            (_, Some(Value::String(b))) => Some(hex(&b64url_decode(b))),
            _ => None,
        };
        let want = test.get("pt").and_then(Value::as_str);
        let ok =
            answer["valid"] == Value::Bool(true) && (want.is_none() || plain.as_deref() == want);
        let said = answer
            .get("reason")
            .map_or_else(|| format!("plaintext {plain:?}"), Value::to_string);
        return Outcome { accepted: ok, said };
    }
    let reasons: Vec<&str> = answer["reasons"]
        .as_array()
        .expect("verify --json has reasons")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let sig_reasons: Vec<&str> = reasons
        .iter()
        .copied()
        .filter(|r| !CLAIM_REASONS.contains(r))
        .collect();
    assert!(
        answer["valid"] == Value::Bool(false) || reasons.is_empty(),
        "valid with reasons: {answer}"
    );
    Outcome {
        accepted: sig_reasons.is_empty(),
        said: format!("{reasons:?}"),
    }
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn b64url_decode(s: &str) -> Vec<u8> {
    use base64ct::{Base64UrlUnpadded, Encoding};
    Base64UrlUnpadded::decode_vec(s).expect("plaintext_b64url")
}

/// jot's answer to one token: its JSON object, or the `error:` line of a refusal (exit 2).
type Answer = Result<Value, String>;

/// Run `jot args… TOKEN|- --json` for each token, in one bulk process where it can.
fn run_batch(args: &[String], tokens: &[String]) -> Vec<Answer> {
    let bulk: Vec<usize> = (0..tokens.len())
        .filter(|&i| !tokens[i].is_empty() && !tokens[i].contains(char::is_whitespace))
        .collect();
    let mut answers: BTreeMap<usize, Answer> = BTreeMap::new();
    if !bulk.is_empty() {
        let input: String = bulk.iter().map(|&i| format!("{}\n", tokens[i])).collect();
        let (code, stdout, stderr) = jot_run(args, "-", &input);
        for line in stdout.lines() {
            let v: Value = serde_json::from_str(line).expect("one JSON object a line");
            let n = v["line"].as_u64().expect("bulk answers carry line") as usize;
            answers.insert(bulk[n - 1], Ok(v));
        }
        if code == 2 {
            for &i in &bulk {
                answers.entry(i).or_insert_with(|| Err(refusal(&stderr)));
            }
        }
    }
    for (i, tok) in tokens.iter().enumerate() {
        if answers.contains_key(&i) {
            continue;
        }
        let (code, stdout, stderr) = jot_run(args, tok, "");
        let a = match code {
            2 => Err(refusal(&stderr)),
            _ => Ok(serde_json::from_str(&stdout).expect("jot --json prints JSON")),
        };
        answers.insert(i, a);
    }
    answers.into_values().collect()
}

/// Check a refusal is clean (one `error:` line first, no panic) and return its first line.
fn refusal(stderr: &str) -> String {
    assert!(
        stderr.starts_with("error:"),
        "exit 2 without error line: {stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    stderr.lines().next().unwrap_or_default().to_owned()
}

/// `jot ARGS TOKEN --json` with `stdin`; returns (exit code, stdout, stderr).
fn jot_run(args: &[String], token: &str, stdin: &str) -> (i32, String, String) {
    let mut child = Command::new(jot_path())
        .args(args)
        .arg(token)
        .arg("--json")
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run jot");
    let mut pipe = child.stdin.take().expect("stdin");
    // jot stops reading when it refuses the key first: a closed pipe is its answer then
    if let Err(e) = pipe.write_all(stdin.as_bytes()) {
        assert_eq!(
            e.kind(),
            std::io::ErrorKind::BrokenPipe,
            "write tokens: {e}"
        );
    }
    drop(pipe);
    let out = child.wait_with_output().expect("wait for jot");
    let code = out.status.code().expect("jot exited (no signal)");
    assert!(code <= 2, "exit {code}");
    let text = |b: Vec<u8>| String::from_utf8(b).expect("UTF-8 output");
    (code, text(out.stdout), text(out.stderr))
}

/// The command lines for a group's vectors: verify per group, decrypt per group and `enc`.
fn batches<'a>(group: &'a Value, dir: &Path, n: usize, rsa1_5: bool) -> Vec<Batch<'a>> {
    let key = group.get("public").unwrap_or(&group["private"]);
    let verify_key = write(dir, &format!("g{n}.pub.json"), key.to_string());
    let decrypt_key = write(dir, &format!("g{n}.json"), group["private"].to_string());
    let mut out: Vec<Batch<'a>> = Vec::new();
    for t in group["tests"].as_array().expect("tests") {
        let args: Vec<String> = if t.get("jwe").is_some() {
            let mut a = vec!["decrypt".into(), "--key".into(), path_arg(&decrypt_key)];
            if let Some(enc) = t.get("enc").and_then(Value::as_str) {
                a.extend(["--enc".into(), enc.into()]);
            }
            if rsa1_5 {
                a.push("--allow-rsa1-5".into());
            }
            a
        } else if rsa1_5 {
            continue;
        } else {
            vec![
                "verify".into(),
                "--key".into(),
                path_arg(&verify_key),
                "--allow-no-exp".into(),
            ]
        };
        match out.iter_mut().find(|b| b.args == args) {
            Some(b) => b.tests.push(t),
            None => out.push(Batch {
                args,
                tests: vec![t],
            }),
        }
    }
    out
}

fn path_arg(p: &Path) -> String {
    p.to_str().expect("UTF-8 temp path").to_owned()
}

/// Run every vector of one file; returns one line per vector that does not match its label.
fn run_file(file: &str, rsa1_5: bool, tally: &mut Tally) -> Vec<(u64, String)> {
    let text = std::fs::read_to_string(data_dir().join(file)).expect("vendored vectors");
    let doc: Value = serde_json::from_str(&text).expect("vector file is JSON");
    let dir = tmp();
    let mut misses = Vec::new();
    for (n, group) in doc["testGroups"]
        .as_array()
        .expect("testGroups")
        .iter()
        .enumerate()
    {
        let rsa_group = group["private"]["kty"] == "RSA";
        if rsa1_5 && !rsa_group {
            continue;
        }
        for b in batches(group, dir.path(), n, rsa1_5) {
            let tokens: Vec<String> = b.tests.iter().map(|t| token_text(t)).collect();
            for (t, answer) in b.tests.iter().zip(run_batch(&b.args, &tokens)) {
                let o = match answer {
                    Ok(v) => judge(t, &v),
                    Err(said) => Outcome {
                        accepted: false,
                        said,
                    },
                };
                let label = t["result"].as_str().expect("result");
                let matches = label == "acceptable" || o.accepted == (label == "valid");
                tally.vectors += 1;
                if !matches && rsa_group && t.get("jwe").is_some() && no_rsa_decryption(&o.said) {
                    tally.no_rsa_build += 1;
                } else if !matches {
                    let id = t["tcId"].as_u64().expect("tcId");
                    misses.push((id, format!("labelled {label}, jot said {}", o.said)));
                }
            }
        }
    }
    misses
}

/// Counts per file, printed at the end.
#[derive(Default)]
struct Tally {
    vectors: usize,
    deviations: usize,
    /// RSA JWEs a build without aws-lc refuses (it decrypts no RSA: RUSTSEC-2023-0071).
    no_rsa_build: usize,
}

/// Whether jot refused because this build has no RSA decryption (`--no-default-features`).
fn no_rsa_decryption(said: &str) -> bool {
    cfg!(not(feature = "aws-lc")) && said.contains("without the aws-lc feature")
}

#[test]
fn wycheproof_jose_vectors_match_their_labels_or_a_listed_reason() {
    let mut problems = Vec::new();
    let mut report = Vec::new();
    for &(short, file) in FILES {
        let mut tally = Tally::default();
        let misses = run_file(file, false, &mut tally);
        let listed = |table: &[(&str, u64, &str)], id: u64| {
            table.iter().any(|(f, i, _)| *f == short && *i == id)
        };
        for (id, what) in &misses {
            if listed(DEVIATIONS, *id) {
                tally.deviations += 1;
            } else {
                problems.push(format!("{file} tcId {id}: {what} (not listed)"));
            }
        }
        for (_, id, why) in DEVIATIONS.iter().filter(|(f, _, _)| *f == short) {
            if !misses.iter().any(|(m, _)| m == id) {
                problems.push(format!(
                    "{file} tcId {id} now matches its label: remove it from the table ({why})"
                ));
            }
        }
        let pass = tally.vectors - tally.deviations - tally.no_rsa_build;
        report.push(format!(
            "{file}: {} vectors, {pass} pass, {} deliberate deviations{}",
            tally.vectors,
            tally.deviations,
            match tally.no_rsa_build {
                0 => String::new(),
                n => format!(", {n} RSA JWEs refused by this build (no aws-lc: no RSA decryption)"),
            }
        ));
    }
    let mut opt_in = Tally::default();
    for m in run_file("json_web_encryption_test.json", true, &mut opt_in) {
        problems.push(format!(
            "with --allow-rsa1-5: json_web_encryption_test.json tcId {}: {}",
            m.0, m.1
        ));
    }
    report.push(format!(
        "json_web_encryption_test.json with --allow-rsa1-5 (RSA groups): {} vectors, all must \
         pass ({} refused by a build without aws-lc)",
        opt_in.vectors, opt_in.no_rsa_build
    ));
    println!("wycheproof JOSE tally:\n  {}", report.join("\n  "));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
