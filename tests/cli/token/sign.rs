//! `jot sign`: safe defaults under a fixed clock, claim and header flags, refusals, and the
//! fingerprint round trip through `jot verify`.

use serde_json::{json, Value};

use crate::token_common::{keys, parts, run, run_in, sign, verify, T0};

#[test]
fn defaults_are_typ_jwt_iat_now_exp_in_15m_and_kid_the_thumbprint() {
    let k = keys();
    let token = sign(&k.private("ES256"), &[]);
    let (h, p) = parts(&token);
    let thumb = run(&["thumbprint", &k.private("ES256")]).ok();
    assert_eq!(
        h,
        json!({"alg": "ES256", "typ": "JWT", "kid": thumb.trim()})
    );
    assert_eq!(p, json!({"iat": T0, "exp": T0 + 900}));
    verify(&token, &k.public("ES256"), &[]).code(0);
}

#[test]
fn alg_defaults_follow_the_key_type() {
    let k = keys();
    for (key, alg) in [
        ("HS256", "HS256"),
        ("RS256", "RS256"),
        ("ES256", "ES256"),
        ("ES384", "ES384"),
        ("ES512", "ES512"),
        ("ES256K", "ES256K"),
        ("EdDSA", "EdDSA"),
    ] {
        let (h, _) = parts(&sign(&k.private(key), &[]));
        assert_eq!(h["alg"], alg, "{key}");
    }
}

#[test]
fn raw_secrets_get_no_kid() {
    let out = run(&[
        "sign",
        "--secret",
        "0123456789abcdef0123456789abcdef",
        "--now",
        "1700000000",
    ]);
    let (h, _) = parts(out.ok().trim());
    assert_eq!(h, json!({"alg": "HS256", "typ": "JWT"}));
}

#[test]
fn no_exp_omits_it_with_a_warning() {
    let k = keys();
    let r = run(&[
        "sign",
        "--key",
        &k.private("EdDSA"),
        "--no-exp",
        "--now",
        "1700000000",
    ])
    .code(0);
    assert!(
        r.stderr.contains("warning") && r.stderr.contains("no exp"),
        "{r:#?}"
    );
    let (_, p) = parts(r.stdout.trim());
    assert_eq!(p, json!({"iat": T0}));
    // ...and verify then insists on exp unless told otherwise.
    let key = k.public("EdDSA");
    let t = r.stdout.trim();
    assert!(verify(t, &key, &[]).code(1).stdout.contains("no exp"));
    verify(t, &key, &["--allow-no-exp"]).code(0);
}

#[test]
fn exp_takes_a_duration_or_a_time() {
    let k = keys().private("ES256");
    let (_, p) = parts(&sign(&k, &["--exp", "2h"]));
    assert_eq!(p["exp"], T0 + 7200);
    let (_, p) = parts(&sign(&k, &["--exp", "2030-01-01T00:00:00Z"]));
    assert_eq!(p["exp"], 1_893_456_000);
    let (_, p) = parts(&sign(
        &k,
        &["--exp", "1900000000", "--nbf", "5m", "--no-iat"],
    ));
    assert_eq!(p, json!({"exp": 1_900_000_000, "nbf": T0 + 300}));
    run(&["sign", "--key", &k, "--exp", "soon"]).code(2);
}

#[test]
fn claim_values_are_json_when_they_parse_else_strings() {
    let k = keys().private("ES256");
    let (_, p) = parts(&sign(
        &k,
        &[
            "--claim",
            "n=5",
            "--claim",
            "flag=true",
            "--claim",
            "list=[1,\"a\"]",
            "--claim",
            "obj={\"a\":{\"b\":null}}",
            "--claim",
            "s=hello world",
            "--claim",
            "quoted=\"5\"",
            "--claim",
            "eq=a=b",
            "--sub",
            "alice",
            "--iss",
            "me",
            "--aud",
            "a1",
            "--aud",
            "a2",
        ],
    ));
    assert_eq!(p["n"], 5);
    assert_eq!(p["flag"], true);
    assert_eq!(p["list"], json!([1, "a"]));
    assert_eq!(p["obj"], json!({"a": {"b": null}}));
    assert_eq!(p["s"], "hello world");
    assert_eq!(p["quoted"], "5");
    assert_eq!(p["eq"], "a=b");
    assert_eq!(p["aud"], json!(["a1", "a2"]));
    assert_eq!(
        (p["sub"].clone(), p["iss"].clone()),
        (json!("alice"), json!("me"))
    );
    run(&["sign", "--key", &k, "--claim", "novalue"]).code(2);
}

#[test]
fn claims_come_from_a_file_or_stdin() {
    let k = keys();
    let file = k.dir.join("claims.json");
    std::fs::write(&file, r#"{"sub":"from-file","exp":1900000000}"#).expect("write claims");
    let at = format!("@{}", file.display());
    let (_, p) = parts(&sign(&k.private("ES256"), &["--claims", &at]));
    assert_eq!(
        p,
        json!({"sub": "from-file", "exp": 1_900_000_000, "iat": T0})
    );

    let args = [
        "sign",
        "--key",
        &k.private("ES256"),
        "--claims",
        "-",
        "--now",
        "1700000000",
    ];
    let out = run_in(&args, br#"{"sub":"from-stdin","role":"admin"}"#).ok();
    let (_, p) = parts(out.trim());
    assert_eq!(p["sub"], "from-stdin");
    assert_eq!(p["exp"], T0 + 900);

    for bad in [&b"[1,2]"[..], b"{\"a\":1,\"a\":2}", b"not json"] {
        run_in(&args, bad).code(2);
    }
}

#[test]
fn header_extras_are_added_but_alg_and_key_headers_are_refused() {
    let k = keys().private("ES256");
    let (h, _) = parts(&sign(&k, &["--header", "cty=example", "--header", "x-n=3"]));
    assert_eq!(h["cty"], "example");
    assert_eq!(h["x-n"], 3);
    assert_eq!(h["alg"], "ES256");
    for bad in [
        "alg=none",
        "alg=HS256",
        "jwk={}",
        "jku=http://x",
        "crit=[\"b64\"]",
    ] {
        let r = run(&["sign", "--key", &k, "--header", bad]).code(2);
        assert!(r.stdout.is_empty(), "{bad}: no token on refusal");
    }
}

#[test]
fn algs_that_do_not_fit_the_key_and_none_are_refused() {
    let k = keys();
    for (key, alg) in [
        ("ES256", "RS256"),
        ("ES256", "ES384"),
        ("ES256", "HS256"),
        ("RS256", "HS256"),
        ("RS256", "EdDSA"),
        ("EdDSA", "ES256"),
        ("HS256", "RS256"),
        ("ES256", "none"),
        ("HS256", "None"),
    ] {
        let r = run(&["sign", "--key", &k.private(key), "--alg", alg]).code(2);
        assert!(r.stderr.starts_with("error:"), "{key}/{alg}: {r:#?}");
        assert!(r.stdout.is_empty());
    }
    let r = run(&["sign", "--key", &k.public("ES256")]).code(2);
    assert!(r.stderr.contains("private"), "{r:#?}");
}

#[test]
fn short_hmac_secrets_are_refused_unless_insecure_short_key() {
    let r = run(&["sign", "--secret", "abc"]).code(2);
    assert!(
        r.stderr.contains("3 bytes") && r.stderr.contains("--insecure-short-key"),
        "{r:#?}"
    );
    let r = run(&["sign", "--secret", "abc", "--insecure-short-key"]).code(0);
    assert!(
        r.stderr.contains("warning") && r.stderr.contains("3 bytes"),
        "{r:#?}"
    );
    let k = keys().private("HS256");
    let r = run(&["sign", "--key", &k]).code(0);
    assert!(
        !r.stderr.contains("warning"),
        "a keygen HS256 key is long enough: {r:#?}"
    );
    let secret = keys().secret_file("HS256");
    let r = run(&["sign", "--secret-file", &secret, "--alg", "HS512"]).code(2);
    assert!(
        r.stderr.contains("32 bytes") && r.stderr.contains("64"),
        "{r:#?}"
    );
}

#[test]
fn registered_claim_types_are_checked_once_for_every_way_claims_arrive() {
    let k = keys().private("EdDSA");
    let now = T0.to_string();
    for bad in [
        vec!["--claims", r#"{"exp":"tomorrow"}"#],
        vec!["--claim", "exp=soon"],
        vec!["--claim", "nbf=true"],
        vec!["--claims", r#"{"iat":{"t":1}}"#],
        vec!["--claims", r#"{"iss":1}"#],
        vec!["--claim", "sub=[1]"],
        vec!["--claim", "aud=5"],
        vec!["--claim", r#"aud=["a",1]"#],
    ] {
        let mut args = vec!["sign", "--key", &k, "--now", &now];
        args.extend(&bad);
        let r = run(&args).code(2);
        assert!(r.stderr.starts_with("error: claim"), "{bad:?}: {r:#?}");
    }
    let (_, p) = parts(&sign(
        &k,
        &[
            "--claim",
            "exp=1h",
            "--claim",
            "nbf=2023-11-14T22:13:20Z",
            "--claim",
            r#"aud=["a","b"]"#,
        ],
    ));
    assert_eq!(p["exp"], T0 + 3600);
    assert_eq!(p["nbf"], T0);
    assert_eq!(p["aud"], serde_json::json!(["a", "b"]));
}

#[test]
fn jti_is_random() {
    let k = keys().private("EdDSA");
    let (_, a) = parts(&sign(&k, &["--jti"]));
    let (_, b) = parts(&sign(&k, &["--jti"]));
    assert!(a["jti"].as_str().is_some_and(|j| j.len() >= 22), "{a}");
    assert_ne!(a["jti"], b["jti"]);
}

#[test]
fn fingerprint_binds_the_token_to_a_value() {
    let k = keys();
    let r = run(&[
        "sign",
        "--key",
        &k.private("ES256"),
        "--fingerprint",
        "--now",
        "1700000000",
    ])
    .code(0);
    let value = r
        .stderr
        .lines()
        .find_map(|l| l.strip_prefix("fingerprint: "))
        .expect("fingerprint on stderr")
        .trim()
        .to_owned();
    let token = r.stdout.trim();
    let (_, p) = parts(token);
    assert_eq!(p["fgp"].as_str().map(str::len), Some(64), "SHA-256 hex");
    verify(token, &k.public("ES256"), &["--fingerprint", &value]).code(0);

    let out = k.dir.join(format!("fgp-{}", std::process::id()));
    let _ = std::fs::remove_file(&out);
    let o = out.to_string_lossy().into_owned();
    let r = run(&[
        "sign",
        "--key",
        &k.private("ES256"),
        "--fingerprint",
        "--fingerprint-out",
        &o,
        "--now",
        "1700000000",
    ])
    .code(0);
    assert!(
        !r.stderr.contains("fingerprint:"),
        "value goes to the file only"
    );
    let value = std::fs::read_to_string(&out).expect("fingerprint file");
    verify(
        r.stdout.trim(),
        &k.public("ES256"),
        &["--fingerprint", value.trim()],
    )
    .code(0);
}

#[test]
fn verify_prints_the_verified_claims() {
    let k = keys();
    let token = sign(&k.private("ES384"), &["--sub", "alice", "--aud", "api"]);
    let r = verify(
        &token,
        &k.public("ES384"),
        &["--aud", "api", "--sub", "alice"],
    )
    .code(0);
    // The verdict line, then the claims (issue 22).
    let (verdict, claims) = r.stdout.split_once('\n').expect("a verdict line");
    assert_eq!(verdict, "valid");
    let claims: Value = serde_json::from_str(claims).expect("claims JSON");
    assert_eq!(claims["sub"], "alice");
    let r = verify(&token, &k.public("ES384"), &["--json", "--aud", "api"]).code(0);
    let v: Value = serde_json::from_str(r.stdout.trim()).expect("verdict");
    assert_eq!(
        (v["valid"].clone(), v["reasons"].clone()),
        (json!(true), json!([]))
    );
}

#[test]
fn verify_rejects_an_audience_the_caller_did_not_claim() {
    // RFC 7519 §4.1.3: a recipient that does not identify itself with the aud must reject.
    let k = keys();
    let token = sign(&k.private("ES384"), &["--sub", "alice", "--aud", "api"]);
    let r = verify(&token, &k.public("ES384"), &[]).code(1);
    assert!(r.stdout.contains("no --aud was given"), "{}", r.stdout);
}
