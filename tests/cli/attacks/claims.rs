//! Claims an attacker replays or stretches: expired, not yet valid, issued in the future,
//! for another issuer, audience or subject, too old, revoked, or stolen (fingerprint); and
//! bulk verification, where one bad token must not hide among good ones.

use serde_json::Value;
use sha2::Digest;

use crate::token_common::{keys, run, run_in, sign, verify, T0};

fn es(extra: &[&str]) -> String {
    sign(&keys().private("ES256"), extra)
}

fn check(token: &str, extra: &[&str]) -> crate::token_common::Run {
    verify(token, &keys().public("ES256"), extra)
}

#[test]
fn expired_tokens_fail_after_the_leeway() {
    let t = es(&["--exp", "1m"]);
    let key = keys().public("ES256");
    // exp = T0+60; default leeway 60 s.
    run(&["verify", &t, "--key", &key, "--now", "1700000119"]).code(0);
    let r = run(&["verify", &t, "--key", &key, "--now", "1700000120"]).code(1);
    assert!(
        r.stdout.contains("expired at 2023-11-14T22:14:20Z"),
        "{r:#?}"
    );
    let r = run(&[
        "verify",
        &t,
        "--key",
        &key,
        "--now",
        "1700000061",
        "--leeway",
        "0",
    ])
    .code(1);
    assert!(r.stdout.contains("expired"), "{r:#?}");
}

#[test]
fn tokens_not_yet_valid_or_issued_in_the_future_fail() {
    let r = check(&es(&["--nbf", "1h"]), &[]).code(1);
    assert!(
        r.stdout.contains("not valid before 2023-11-14T23:13:20Z"),
        "{r:#?}"
    );
    let future = format!(r#"{{"iat":{}}}"#, T0 + 3600);
    let r = check(&es(&["--claims", &future]), &[]).code(1);
    assert!(r.stdout.contains("issued in the future"), "{r:#?}");
}

#[test]
fn wrong_issuer_audience_or_subject_fails() {
    let t = es(&[
        "--iss",
        "https://good.example",
        "--aud",
        "api",
        "--aud",
        "web",
        "--sub",
        "alice",
    ]);
    check(
        &t,
        &[
            "--iss",
            "https://good.example",
            "--aud",
            "web",
            "--sub",
            "alice",
        ],
    )
    .code(0);
    check(&t, &["--aud", "other", "--aud", "api"]).code(0);
    for (flag, want, why) in [
        ("--iss", "https://good.example/", "iss is"),
        ("--iss", "HTTPS://GOOD.EXAMPLE", "iss is"),
        ("--aud", "ap", "aud does not contain"),
        ("--aud", "API", "aud does not contain"),
        ("--sub", "alice ", "sub is"),
        ("--sub", "bob", "sub is"),
    ] {
        let r = check(&t, &[flag, want]).code(1);
        assert!(r.stdout.contains(why), "{flag} {want}: {r:#?}");
    }
    let bare = es(&[]);
    for (flag, why) in [
        ("--iss", "no iss claim"),
        ("--aud", "aud does not contain"),
        ("--sub", "no sub"),
    ] {
        assert!(
            check(&bare, &[flag, "x"]).code(1).stdout.contains(why),
            "{flag}"
        );
    }
    // jot sign refuses such a claim now; the signer of an attacker's token does not.
    let numeric_aud = super::forge_with(
        &es256_private(),
        jot::alg::Alg::ES256,
        r#"{"alg":"ES256"}"#,
        &format!(r#"{{"aud":[1,"api2"],"exp":{}}}"#, T0 + 900),
    );
    check(&numeric_aud, &["--aud", "1"]).code(1);
}

/// The test ES256 private key as the library reads it.
fn es256_private() -> jot::keys::Jwk {
    let pem = std::fs::read(keys().private("ES256")).expect("read key");
    jot::keys::read(&pem, &Default::default())
        .and_then(|k| k.select(None))
        .expect("key")
}

#[test]
fn max_age_is_enforced_from_iat() {
    let t = es(&["--exp", "2h"]);
    let key = keys().public("ES256");
    let at = |now: i64, age: &str| {
        run(&[
            "verify",
            &t,
            "--key",
            &key,
            "--now",
            &now.to_string(),
            "--max-age",
            age,
        ])
    };
    at(T0 + 600, "10m").code(0);
    let r = at(T0 + 1800, "10m").code(1);
    assert!(r.stdout.contains("older than --max-age"), "{r:#?}");
    let r = check(&es(&["--no-iat"]), &["--max-age", "1h"]).code(1);
    assert!(r.stdout.contains("no iat"), "{r:#?}");
}

#[test]
fn required_claims_must_be_present() {
    let t = es(&["--sub", "alice"]);
    check(&t, &["--require", "sub"]).code(0);
    let r = check(&t, &["--require", "sub", "--require", "jti"]).code(1);
    assert!(
        r.stdout.contains(r#"required claim "jti" is missing"#),
        "{r:#?}"
    );
}

#[test]
fn denylisted_jti_and_token_hash_fail() {
    let k = keys();
    let with_jti = es(&["--claim", "jti=revoked-1"]);
    let without = es(&["--sub", "bob"]);
    let hash: String = sha2::Sha256::digest(without.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let list = k.dir.join("denylist.txt");
    std::fs::write(&list, format!("# revoked\nrevoked-1\n\n{hash}\n")).unwrap();
    let list = list.to_string_lossy().into_owned();
    for t in [&with_jti, &without] {
        let r = check(t, &["--denylist", &list]).code(1);
        assert!(r.stdout.contains("revoked"), "{r:#?}");
    }
    check(&es(&["--claim", "jti=fine"]), &["--denylist", &list]).code(0);
}

#[test]
fn wrong_or_missing_fingerprint_fails() {
    let r = run(&[
        "sign",
        "--key",
        &keys().private("ES256"),
        "--fingerprint",
        "--now",
        "1700000000",
    ]);
    let t = r.code(0).stdout;
    let r = check(t.trim(), &["--fingerprint", "not-the-value"]).code(1);
    assert!(r.stdout.contains("fingerprint does not match"), "{r:#?}");
    let r = check(&es(&[]), &["--fingerprint", "anything"]).code(1);
    assert!(r.stdout.contains("no fgp claim"), "{r:#?}");
}

#[test]
fn bulk_verification_reports_every_token_and_fails_if_any_is_invalid() {
    let k = keys();
    let good = es(&[]);
    let bad = es(&["--exp", "1s"]);
    let input = format!("{good}\n{bad}\n\n{good}\n");
    let args = [
        "verify",
        "-",
        "--key",
        &k.public("ES256"),
        "--now",
        "1700000100",
    ];
    let r = run_in(&args, input.as_bytes()).code(1);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "line 1: valid",
            "line 2: invalid: expired at 2023-11-14T22:13:21Z (1m ago)",
            "line 4: valid"
        ]
    );

    let mut args = args.to_vec();
    args.push("--json");
    let r = run_in(&args, input.as_bytes()).code(1);
    let v: Vec<Value> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(v.len(), 3);
    let valid: Vec<bool> = v.iter().map(|x| x["valid"].as_bool().unwrap()).collect();
    assert_eq!(valid, [true, false, true]);
    let lines: Vec<i64> = v.iter().map(|x| x["line"].as_i64().unwrap()).collect();
    assert_eq!(lines, [1, 2, 4]);

    let all_good = format!("{good}\n{good}\n{good}\n");
    run_in(&args, all_good.as_bytes()).code(0);
}
