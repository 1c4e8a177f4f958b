//! Malformed and hostile encodings: bad base64url, padding, wrong segment counts, duplicate
//! header members, unknown critical extensions, numbers JSON cannot hold, and inputs built
//! to exhaust memory or stack (a 1 MiB header, a payload nested 100000 deep).

use crate::token_common::{b64, forge_hs256, good_claims, keys, run, run_in, T0};

/// Verify with the HS256 key; the key never matters here, the input is refused first.
fn hs_verify(token: &str) -> crate::token_common::Run {
    let k = keys();
    run(&[
        "verify",
        token,
        "--key",
        &k.private("HS256"),
        "--now",
        "1700000010",
    ])
}

/// The same through stdin, for tokens larger than one command-line argument may be.
fn hs_verify_stdin(token: &str) -> crate::token_common::Run {
    let k = keys();
    let args = [
        "verify",
        "-",
        "--key",
        &k.private("HS256"),
        "--now",
        "1700000010",
    ];
    run_in(&args, format!("{token}\n").as_bytes())
}

fn secret() -> Vec<u8> {
    std::fs::read(keys().secret_file("HS256")).expect("secret")
}

fn valid() -> String {
    forge_hs256(r#"{"alg":"HS256"}"#, &good_claims(), &secret())
}

#[test]
fn the_baseline_token_is_valid() {
    hs_verify(&valid()).code(0);
}

#[test]
fn bad_base64url_and_padding_are_refused() {
    let t = valid();
    let seg: Vec<&str> = t.split('.').collect();
    let std_alphabet = seg[2].replace('-', "+").replace('_', "/");
    for (bad, why) in [
        (format!("{}=.{}.{}", seg[0], seg[1], seg[2]), "padding"),
        (format!("{}.{}=.{}", seg[0], seg[1], seg[2]), "padding"),
        (format!("{t}="), "padding"),
        (format!("{t}=="), "padding"),
        (
            format!("{}.{}*.{}", seg[0], seg[1], seg[2]),
            "not base64url",
        ),
        (
            format!("{}.{}.{}!", seg[0], seg[1], seg[2]),
            "not base64url",
        ),
        (
            format!("{}.{}.{std_alphabet}+/", seg[0], seg[1]),
            "not base64url",
        ),
        (
            format!("{}.{} .{}", seg[0], seg[1], seg[2]),
            "not base64url",
        ),
        (
            format!("{}.{}.YR", seg[0], seg[1]),
            "non-canonical base64url",
        ),
        (
            format!("{}.{}.{}", seg[0], seg[1], &seg[2][..41]),
            "truncated base64url",
        ),
    ] {
        let r = hs_verify(&bad).refused();
        assert!(r.all().contains(why), "{bad}: want {why:?}: {r:#?}");
    }
}

#[test]
fn two_and_four_segments_are_refused() {
    let t = valid();
    let (input, _) = t.rsplit_once('.').unwrap();
    for (bad, n) in [
        (input.to_owned(), 2),
        (format!("{t}.x"), 4),
        (format!("{t}.."), 5),
        ("a".into(), 1),
    ] {
        let r = hs_verify(&bad).refused();
        assert!(
            r.all().contains(&format!("{n} segments")) || n == 5,
            "{n}: {r:#?}"
        );
        assert!(!r.stdout.starts_with("{"), "no claims printed: {r:#?}");
    }
}

#[test]
fn duplicate_header_members_are_refused() {
    for header in [
        r#"{"alg":"HS256","alg":"none"}"#,
        r#"{"alg":"none","alg":"HS256"}"#,
    ] {
        let token = forge_hs256(header, &good_claims(), &secret());
        let r = hs_verify(&token).code(1);
        assert!(r.stdout.contains("duplicate"), "{r:#?}");
    }
    let payload = format!(r#"{{"sub":"alice","sub":"admin","exp":{}}}"#, T0 + 900);
    let r = hs_verify(&forge_hs256(r#"{"alg":"HS256"}"#, &payload, &secret())).code(1);
    assert!(r.stdout.contains("duplicate"), "{r:#?}");
}

#[test]
fn unknown_critical_extensions_are_refused() {
    for crit in [
        r#"["exp"]"#,
        r#"["b64"]"#,
        r#"["x-unknown"]"#,
        "[]",
        r#""x""#,
    ] {
        let header = format!(r#"{{"alg":"HS256","crit":{crit},"x-unknown":1,"b64":true}}"#);
        let r = hs_verify(&forge_hs256(&header, &good_claims(), &secret())).code(1);
        assert!(r.stdout.contains("critical"), "{crit}: {r:#?}");
    }
}

#[test]
fn header_alg_that_is_missing_or_not_a_string_is_refused() {
    for header in [
        r#"{"typ":"JWT"}"#,
        r#"{"alg":256}"#,
        r#"{"alg":["HS256"]}"#,
        r#"{"alg":"hs256"}"#,
    ] {
        let r = hs_verify(&forge_hs256(header, &good_claims(), &secret())).code(1);
        assert!(r.stdout.contains("alg"), "{header}: {r:#?}");
    }
    let not_object = forge_hs256(r#"["alg","HS256"]"#, &good_claims(), &secret());
    assert!(hs_verify(&not_object)
        .code(1)
        .stdout
        .contains("not a JSON object"));
}

#[test]
fn exp_that_is_not_a_number_or_out_of_range_is_refused() {
    for (exp, why) in [
        (r#""4102444800""#, "exp is not a number"),
        ("null", "exp is not a number"),
        ("1e309", "out of range"),
        ("-1e309", "out of range"),
        ("1e300", "exp is out of range"),
        ("99999999999999999999", "exp is out of range"),
    ] {
        let payload = format!(r#"{{"sub":"x","exp":{exp}}}"#);
        let r = hs_verify(&forge_hs256(r#"{"alg":"HS256"}"#, &payload, &secret())).code(1);
        assert!(r.stdout.contains(why), "exp {exp}: {r:#?}");
    }
}

#[test]
fn a_one_mebibyte_header_is_refused_without_work() {
    let header = format!(r#"{{"alg":"HS256","pad":"{}"}}"#, "A".repeat(1 << 20));
    let token = forge_hs256(&header, &good_claims(), &secret());
    let r = hs_verify_stdin(&token).code(1);
    assert!(
        r.stdout.contains("limit"),
        "{}",
        &r.stdout[..r.stdout.len().min(300)]
    );
}

#[test]
fn a_payload_nested_100000_deep_is_refused() {
    // 100000 levels exceed the size limit before any parsing.
    let deep = format!(
        r#"{{"exp":1,"x":{}{}}}"#,
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let r = hs_verify_stdin(&forge_hs256(r#"{"alg":"HS256"}"#, &deep, &secret())).code(1);
    assert!(
        r.stdout.contains("limit"),
        "{}",
        &r.stdout[..r.stdout.len().min(300)]
    );
    // 60000 levels fit the size limit and reach the parser, whose depth bound refuses them.
    let deep = format!(
        r#"{{"exp":1,"x":{}{}}}"#,
        "[".repeat(60_000),
        "]".repeat(60_000)
    );
    let r = hs_verify_stdin(&forge_hs256(r#"{"alg":"HS256"}"#, &deep, &secret())).code(1);
    assert!(
        r.stdout.contains("recursion limit"),
        "{}",
        &r.stdout[..r.stdout.len().min(300)]
    );
    let deep_header = format!(
        r#"{{"alg":"HS256","x":{}{}}}"#,
        "{\"a\":".repeat(20_000),
        "}".repeat(20_000)
    );
    let r = hs_verify_stdin(&forge_hs256(&deep_header, &good_claims(), &secret())).code(1);
    assert!(
        r.stdout.contains("segment 1"),
        "{}",
        &r.stdout[..r.stdout.len().min(300)]
    );
    let r = run_in(
        &["decode", "-"],
        format!("{}\n", forge_hs256(&deep_header, "{}", b"k")).as_bytes(),
    );
    r.code(2);
}

#[test]
fn empty_input_and_a_jwe_are_refused() {
    let k = keys();
    let args = ["verify", "-", "--key", &k.private("HS256")];
    run_in(&args, b"").code(2);
    run_in(&args, b"\n \n").code(2);
    let jwe = format!("{}.a.b.c.d", b64(br#"{"alg":"dir","enc":"A128GCM"}"#));
    assert!(hs_verify(&jwe).code(1).stdout.contains("JWE"));
}
