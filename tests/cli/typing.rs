//! Explicit typing and profiles through `jot verify`: `--typ` compares the protected
//! header's typ as RFC 7515 §4.1.9 says (case-insensitive, `application/` dropped from
//! either side; `foo/at+jwt` is not `at+jwt`); `--profile at+jwt` requires typ and RFC 9068's claims,
//! `--profile id-token` OpenID Connect's (azp with several audiences, `--nonce`); explicit
//! flags override a profile's defaults; audit's JOT030 flags an untyped access token.

use crate::token_common::{keys, run, T0};

fn sign(typ: &str, claims: &[&str]) -> String {
    let (key, t, typ_kv) = (
        keys().private("ES256"),
        T0.to_string(),
        format!("typ={typ}"),
    );
    let mut args = vec!["sign", "--key", &key, "--now", &t, "--header", &typ_kv];
    for c in claims {
        args.extend(["--claim", c]);
    }
    run(&args).ok().trim().to_owned()
}

fn verify(token: &str, extra: &[&str]) -> crate::token_common::Run {
    let k = keys();
    let t = T0.to_string();
    let pubk = k.public("ES256");
    let mut args = vec!["verify", token, "--key", &pubk, "--now", &t];
    args.extend_from_slice(extra);
    run(&args)
}

const AT: &[&str] = &[
    "iss=https://as.example",
    "sub=alice",
    "aud=api",
    "client_id=c1",
    "jti=j1",
];

#[test]
fn typ_comparison_follows_rfc_7515_4_1_9() {
    for (typ, want, ok) in [
        ("at+jwt", "at+jwt", true),
        ("AT+JWT", "at+jwt", true),
        ("application/at+jwt", "at+jwt", true),
        ("at+jwt", "application/AT+JWT", true),
        ("foo/at+jwt", "at+jwt", false),
        ("JWT", "at+jwt", false),
    ] {
        let token = sign(typ, &["sub=a"]);
        let r = verify(&token, &["--typ", want]);
        assert_eq!(r.code, if ok { 0 } else { 1 }, "{typ} vs {want}: {r:?}");
        if !ok {
            assert!(r.stdout.contains("expected"), "{r:?}");
        }
    }
}

#[test]
fn at_jwt_profile_requires_typ_and_rfc_9068_claims() {
    let good = sign("at+jwt", AT);
    verify(&good, &["--profile", "at+jwt", "--aud", "api"]).code(0);
    // typ JWT is refused by the profile; an explicit --typ overrides it.
    let untyped = sign("JWT", AT);
    let r = verify(&untyped, &["--profile", "at+jwt", "--aud", "api"]).code(1);
    assert!(r.stdout.contains("typ is \"JWT\""), "{r:?}");
    verify(
        &untyped,
        &["--profile", "at+jwt", "--aud", "api", "--typ", "JWT"],
    )
    .code(0);
    // A missing client_id is named; --require replaces the profile's list.
    let no_client = sign("at+jwt", &AT[..3]);
    let r = verify(&no_client, &["--profile", "at+jwt", "--aud", "api"]).code(1);
    assert!(r.stdout.contains("\"client_id\" is missing"), "{r:?}");
    verify(
        &no_client,
        &["--profile", "at+jwt", "--aud", "api", "--require", "sub"],
    )
    .code(0);
    // Bulk verification on stdin gives the same verdicts (the fast path steps aside).
    let both = format!("{good}\n{untyped}\n");
    let k = keys();
    let t = T0.to_string();
    let out = crate::token_common::run_in(
        &[
            "verify",
            "-",
            "--key",
            &k.public("ES256"),
            "--now",
            &t,
            "--profile",
            "at+jwt",
            "--aud",
            "api",
        ],
        both.as_bytes(),
    );
    assert!(
        out.stdout.starts_with("line 1: valid\nline 2: invalid"),
        "{out:?}"
    );
}

#[test]
fn id_token_profile_checks_azp_and_nonce() {
    let one = sign(
        "JWT",
        &["iss=https://op.example", "sub=alice", "aud=rp", "nonce=n-1"],
    );
    verify(&one, &["--profile", "id-token", "--aud", "rp"]).code(0);
    verify(
        &one,
        &["--profile", "id-token", "--aud", "rp", "--nonce", "n-1"],
    )
    .code(0);
    let r = verify(
        &one,
        &["--profile", "id-token", "--aud", "rp", "--nonce", "n-2"],
    )
    .code(1);
    assert!(r.stdout.contains("nonce"), "{r:?}");
    let several = sign(
        "JWT",
        &[
            "iss=https://op.example",
            "sub=alice",
            r#"aud=["rp","other"]"#,
        ],
    );
    let r = verify(&several, &["--profile", "id-token", "--aud", "rp"]).code(1);
    assert!(r.stdout.contains("no azp"), "{r:?}");
    let with_azp = sign(
        "JWT",
        &[
            "iss=https://op.example",
            "sub=alice",
            r#"aud=["rp","other"]"#,
            "azp=rp",
        ],
    );
    verify(&with_azp, &["--profile", "id-token", "--aud", "rp"]).code(0);
    // Without the profile, several audiences need no azp.
    verify(&several, &["--aud", "rp"]).code(0);
}

#[test]
fn audit_flags_an_access_token_without_explicit_typing() {
    let untyped = sign("JWT", AT);
    let t = T0.to_string();
    let r = run(&["audit", &untyped, "--now", &t, "--format", "json"]);
    assert!(r.stdout.contains("JOT030"), "{r:?}");
    let typed = sign("application/at+jwt", AT);
    let r = run(&["audit", &typed, "--now", &t, "--format", "json"]);
    assert!(!r.stdout.contains("JOT030"), "{r:?}");
}
