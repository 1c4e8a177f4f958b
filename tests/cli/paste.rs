//! Every command that takes a token accepts it as people paste it, through one function
//! (`token::paste`): a `Bearer` prefix, a whole `Authorization:` line, a `Cookie:` line, a
//! bare `session=…` cookie, and the token wrapped over several lines. Table-driven: for
//! each command and each form, as the argument and on stdin, the run must give the same
//! exit code, stdout and errors as the bare token, and say once on stderr what it stripped
//! (issue 22). The ui's endpoints use the same function (ui::api tests).

use std::path::Path;

use crate::common::{tmp, write};
use crate::token_common::{run_in, Run};

const NOW: &str = "1700000000";
const LATER: &str = "1700000010";
const SECRET: &str = "a-strong-enough-secret-for-hs256-0123";

/// The ways a token arrives pasted, built from the bare token.
fn forms(t: &str) -> Vec<(&'static str, String)> {
    let wrapped: Vec<String> = t
        .as_bytes()
        .chunks(40)
        .map(|c| String::from_utf8(c.to_vec()).unwrap())
        .collect();
    vec![
        ("bearer", format!("Bearer {t}")),
        ("authorization line", format!("Authorization: Bearer {t}")),
        ("cookie line", format!("Cookie: theme=dark; session={t}")),
        ("bare cookie", format!("session={t}")),
        ("wrapped", wrapped.join("\n")),
    ]
}

/// How a command is run: its arguments with `{}` where the token (or `-`) goes.
struct Case {
    name: &'static str,
    args: Vec<String>,
    token: String,
    stdin: bool,
}

fn run(dir: &Path, c: &Case, token_arg: &str, stdin: &str) -> Run {
    let args: Vec<String> = c
        .args
        .iter()
        .map(|a| {
            if a == "{}" {
                token_arg.to_owned()
            } else {
                a.clone()
            }
        })
        .collect();
    let mut cmd = crate::common::jot();
    cmd.current_dir(dir)
        .args(&args)
        .write_stdin(stdin.as_bytes().to_vec());
    let out = cmd.output().expect("run jot");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn errors(r: &Run) -> Vec<&str> {
    r.stderr
        .lines()
        .filter(|l| l.starts_with("error:"))
        .collect()
}

fn jot_out(dir: &Path, args: &[&str]) -> String {
    let r = run_in(args, b"");
    let _ = dir;
    assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
    r.stdout.trim().to_owned()
}

fn cases(d: &Path) -> Vec<Case> {
    write(d, "s", SECRET);
    write(d, "wl", format!("nope\n{SECRET}\n"));
    let s = d.join("s").to_string_lossy().into_owned();
    let jws = jot_out(
        d,
        &["sign", "--secret-file", &s, "--sub", "alice", "--now", NOW],
    );
    let kw = d.join("kw.jwk");
    std::fs::write(&kw, jot_out(d, &["keygen", "A256KW"])).unwrap();
    let kw = kw.to_string_lossy().into_owned();
    let jwe = run_in(&["encrypt", "--key", &kw, "hello"], b"")
        .ok()
        .trim()
        .to_owned();
    let dk = d.join("dk.pem");
    std::fs::write(&dk, jot_out(d, &["keygen", "ES256"])).unwrap();
    let dk = dk.to_string_lossy().into_owned();
    let htu = "https://api.example/r";
    let proof = jot_out(
        d,
        &[
            "dpop", "proof", "--key", &dk, "--htm", "GET", "--htu", htu, "--now", NOW,
        ],
    );
    let bound_proof = jot_out(
        d,
        &[
            "dpop", "proof", "--key", &dk, "--htm", "GET", "--htu", htu, "--now", NOW, "--ath",
            &jws,
        ],
    );
    let sd = jot_out(
        d,
        &[
            "sign",
            "--secret-file",
            &s,
            "--claim",
            "given_name=Ama",
            "--sd",
            "given_name",
            "--now",
            NOW,
        ],
    );
    // A closed loopback port: probe reads the token, then fails its baseline request alike.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}/x");
    let case = |name, args: &[&str], token: &str, stdin| Case {
        name,
        args: args.iter().map(|a| a.to_string()).collect(),
        token: token.to_owned(),
        stdin,
    };
    vec![
        case("decode", &["decode", "{}", "--now", LATER], &jws, true),
        case(
            "verify",
            &["verify", "{}", "--secret-file", &s, "--now", LATER],
            &jws,
            true,
        ),
        case("decrypt", &["decrypt", "{}", "--key", &kw], &jwe, true),
        case("audit", &["audit", "--now", LATER, "{}"], &jws, true),
        case(
            "crack",
            &["crack", "{}", "--wordlist", "wl", "--no-builtin"],
            &jws,
            true,
        ),
        case("forge", &["forge", "{}", "--attack", "none"], &jws, true),
        case(
            "probe",
            &["probe", "--token", "{}", "--attack", "none", &url],
            &jws,
            true,
        ),
        case("disclose", &["disclose", "{}", "--all"], &sd, true),
        case(
            "dpop check",
            &[
                "dpop", "check", "{}", "--htm", "GET", "--htu", htu, "--now", NOW,
            ],
            &proof,
            true,
        ),
        case(
            "dpop check --access-token",
            &[
                "dpop",
                "check",
                &bound_proof,
                "--htm",
                "GET",
                "--htu",
                htu,
                "--now",
                NOW,
                "--access-token",
                "{}",
            ],
            &jws,
            false,
        ),
    ]
}

#[test]
fn every_command_accepts_bearer_cookie_and_wrapped_tokens_alike() {
    let d = tmp();
    let mut checked = 0;
    for c in cases(d.path()) {
        let bare_arg = run(d.path(), &c, &c.token, "");
        // The bare token works (probe: up to its request to the closed port).
        // dpop check --access-token: the proof's ath matches, the token has no cnf.jkt.
        let want = match c.name {
            "probe" => 2,
            "dpop check --access-token" => 1,
            _ => 0,
        };
        assert_eq!(bare_arg.code, want, "{}: {bare_arg:#?}", c.name);
        let bare_stdin = c
            .stdin
            .then(|| run(d.path(), &c, "-", &format!("{}\n", c.token)));
        for (form, text) in forms(&c.token) {
            let mut runs = vec![("argument", &bare_arg, run(d.path(), &c, &text, ""))];
            if let Some(bare) = &bare_stdin {
                // verify reads a token wrapped over stdin's lines whole, as one token
                // given as the argument; one bare line on stdin is a (one-line) stream.
                let bare = if c.name == "verify" && form == "wrapped" {
                    &bare_arg
                } else {
                    bare
                };
                runs.push(("stdin", bare, run(d.path(), &c, "-", &format!("{text}\n"))));
            }
            for (how, bare, got) in runs {
                let what = format!("{} {form} as {how}:\n{got:#?}\nbare: {bare:#?}", c.name);
                assert_eq!(got.code, bare.code, "{what}");
                assert_eq!(got.stdout, bare.stdout, "{what}");
                assert_eq!(errors(&got), errors(bare), "{what}");
                assert_eq!(
                    got.stderr.matches("stripped").count(),
                    1,
                    "said once: {what}"
                );
                assert_eq!(bare.stderr.matches("stripped").count(), 0, "{what}");
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 95, "every command, form and way in was checked");
}

/// One token per line stays one token per line: lines are joined only when the first alone
/// is not a whole token and all of them join into one (token::paste::one_wrapped).
#[test]
fn bulk_lines_are_not_joined_into_one_token() {
    let d = tmp();
    let s = write(d.path(), "s", SECRET);
    let s = s.to_string_lossy().into_owned();
    let t = jot_out(
        d.path(),
        &["sign", "--secret-file", &s, "--sub", "alice", "--now", NOW],
    );
    let verify = |stdin: String| {
        run_in(
            &["verify", "-", "--secret-file", &s, "--now", LATER],
            stdin.as_bytes(),
        )
    };
    let r = verify(format!("{t}\n{t}\nnot-a-token\n"));
    assert_eq!(r.code, 1, "{r:#?}");
    assert_eq!(r.stdout.lines().count(), 3, "{r:#?}");
    assert!(
        r.stdout
            .starts_with("line 1: valid\nline 2: valid\nline 3: invalid"),
        "{r:#?}"
    );
    let r = verify(format!("not-a-token\n{t}\n"));
    assert_eq!(r.stdout.lines().count(), 2, "{r:#?}");
    assert!(!r.stderr.contains("line breaks"), "{r:#?}");
    // The same token wrapped: one verdict, and the note says the lines were joined.
    let (a, b) = t.split_at(30);
    let r = verify(format!("{a}\n{b}\n"));
    assert_eq!(r.code, 0, "{r:#?}");
    assert!(r.stdout.starts_with("valid\n"), "{r:#?}");
    assert_eq!(
        r.stderr.matches("stripped line breaks").count(),
        1,
        "{r:#?}"
    );
    let r = run_in(&["decode", "-"], format!("{t}\n{t}\n").as_bytes());
    assert_eq!(r.stdout.matches("\"alice\"").count(), 2, "{r:#?}");
}
