//! `jot dpop proof`, `jot dpop check` and `jot verify --dpop-proof` (RFC 9449): the RFC's
//! example proofs check, jot's own proofs round-trip, each flaw is named by its check, and
//! bad input gets one error line with the right exit code.

use std::path::Path;

use crate::common::{assert_input_error, jot, jot_ok, json, thumbprint, tmp};

/// RFC 9449 §7.1, Figure 13: a proof for GET https://resource.example.org/protectedresource,
/// issued at 1562262618, with the ath of Figure 12's access token.
const RFC_PROOF: &str = "eyJ0eXAiOiJkcG9wK2p3dCIsImFsZyI6IkVTMjU2IiwiandrIjp7Imt0eSI6IkVDIiwieCI6Imw4dEZyaHgtMzR0VjNoUklDUkRZOXpDa0RscEJoRjQyVVFVZldWQVdCRnMiLCJ5IjoiOVZFNGpmX09rX282NHpiVFRsY3VOSmFqSG10NnY5VERWclUwQ2R2R1JEQSIsImNydiI6IlAtMjU2In19.eyJqdGkiOiJlMWozVl9iS2ljOC1MQUVCIiwiaHRtIjoiR0VUIiwiaHR1IjoiaHR0cHM6Ly9yZXNvdXJjZS5leGFtcGxlLm9yZy9wcm90ZWN0ZWRyZXNvdXJjZSIsImlhdCI6MTU2MjI2MjYxOCwiYXRoIjoiZlVIeU8ycjJaM0RaNTNFc05yV0JiMHhXWG9hTnk1OUlpS0NBcWtzbVFFbyJ9.2oW9RP35yRqzhrtNP86L-Ey71EOptxRimPPToA1plemAgR6pxHF8y6-yqyVnmcw6Fy1dqd-jfxSYoMxhAJpLjA";
const RFC_AT: &str = "Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU";
const RFC_JKT: &str = "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I";
const RFC_HTU: &str = "https://resource.example.org/protectedresource";

/// `jot dpop check PROOF args…`: (exit code, stdout, stderr).
pub fn dpop_check(proof: &str, args: &[&str]) -> (i32, String, String) {
    let out = jot()
        .args(["dpop", "check", proof])
        .args(args)
        .output()
        .expect("run jot");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The names of the failed checks in `jot dpop check --json` output.
pub fn failed_checks(stdout: &str) -> Vec<String> {
    json(stdout)["checks"]
        .as_array()
        .expect("checks")
        .iter()
        .filter(|c| c["pass"] == false)
        .map(|c| c["check"].as_str().unwrap().to_owned())
        .collect()
}

pub fn keygen(dir: &Path, alg: &str, name: &str) {
    let key = dir.join(format!("{name}.jwk"));
    let public = dir.join(format!("{name}.pub.jwk"));
    jot_ok([
        "keygen",
        alg,
        "--out",
        key.to_str().unwrap(),
        "--public-out",
        public.to_str().unwrap(),
    ]);
}

/// An access token from key `as` with no `cnf` (nothing binds it), and a good proof for
/// `GET https://rs.example/r` by key `c` carrying its `ath`.
pub fn unbound_token_and_proof(dir: &Path) -> (String, String) {
    keygen(dir, "ES256", "c");
    keygen(dir, "ES256", "as");
    let at = jot_ok([
        "sign",
        "--key",
        dir.join("as.jwk").to_str().unwrap(),
        "--sub",
        "a",
    ]);
    let at = at.trim().to_owned();
    let proof = jot_ok([
        "dpop",
        "proof",
        "--key",
        dir.join("c.jwk").to_str().unwrap(),
        "--htm",
        "GET",
        "--htu",
        "https://rs.example/r",
        "--ath",
        &at,
    ]);
    (at, proof)
}

#[test]
fn rfc_9449_example_proof_checks_with_its_access_token_and_thumbprint() {
    let (code, out, err) = dpop_check(
        RFC_PROOF,
        &[
            "--htm",
            "GET",
            "--htu",
            RFC_HTU,
            "--access-token",
            RFC_AT,
            "--jkt",
            RFC_JKT,
            "--now",
            "1562262618",
            "--json",
        ],
    );
    assert_eq!(code, 0, "{out}{err}");
    let v = json(&out);
    assert_eq!(v["jkt"], RFC_JKT);
    let names: Vec<&str> = v["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["check"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "typ",
            "alg",
            "jwk",
            "signature",
            "jti",
            "htm",
            "htu",
            "iat",
            "ath",
            "jkt"
        ]
    );
    // The same proof a day later is too old, and only iat says so.
    let (code, out, _) = dpop_check(
        RFC_PROOF,
        &[
            "--htm",
            "GET",
            "--htu",
            RFC_HTU,
            "--now",
            "1562349018",
            "--json",
        ],
    );
    assert_eq!(code, 1);
    assert_eq!(failed_checks(&out), ["iat"]);
}

#[test]
fn jot_proofs_check_after_htu_normalisation_and_carry_no_query() {
    let d = tmp();
    keygen(d.path(), "ES256", "c");
    let key = d.path().join("c.jwk");
    let proof = jot_ok([
        "dpop",
        "proof",
        "--key",
        key.to_str().unwrap(),
        "--htm",
        "POST",
        "--htu",
        "https://AS.example:443/a/%7Etoken?x=1#f",
        "--ath",
        "AT",
        "--nonce",
        "N",
    ]);
    let proof = proof.trim();
    let decoded = json(&jot_ok(["decode", proof, "--json"]));
    assert_eq!(decoded["header"]["typ"], "dpop+jwt");
    assert!(decoded["header"]["jwk"].get("d").is_none());
    assert_eq!(
        decoded["payload"]["htu"],
        "https://AS.example:443/a/%7Etoken"
    );
    assert_eq!(decoded["payload"]["jti"].as_str().unwrap().len(), 22);
    let jkt = thumbprint(&d.path().join("c.pub.jwk"), &[]);
    let (code, out, err) = dpop_check(
        proof,
        &[
            "--htm",
            "POST",
            "--htu",
            "HTTPS://as.EXAMPLE/a/~token",
            "--access-token",
            "AT",
            "--nonce",
            "N",
            "--jkt",
            &jkt,
        ],
    );
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(json(&out)["htm"], "POST");
    // Two proofs never share a jti.
    let again = jot_ok([
        "dpop",
        "proof",
        "--key",
        key.to_str().unwrap(),
        "--htm",
        "POST",
        "--htu",
        "https://as.example/t",
    ]);
    let again = json(&jot_ok(["decode", again.trim(), "--json"]));
    assert_ne!(again["payload"]["jti"], decoded["payload"]["jti"]);
}

#[test]
fn each_failed_check_is_named_with_exit_1() {
    let cases: &[(&[&str], &[&str])] = &[
        (&["--htm", "POST", "--htu", RFC_HTU], &["htm"]),
        (
            &[
                "--htm",
                "GET",
                "--htu",
                "https://resource.example.org/other",
            ],
            &["htu"],
        ),
        (
            &["--htm", "GET", "--htu", RFC_HTU, "--access-token", "other"],
            &["ath"],
        ),
        (
            &["--htm", "GET", "--htu", RFC_HTU, "--nonce", "n1"],
            &["nonce"],
        ),
        (&["--htm", "GET", "--htu", RFC_HTU, "--jkt", "x"], &["jkt"]),
    ];
    for (args, want) in cases {
        let mut a = args.to_vec();
        a.extend(["--now", "1562262618", "--json"]);
        let (code, out, _) = dpop_check(RFC_PROOF, &a);
        assert_eq!(code, 1, "{args:?}");
        assert_eq!(failed_checks(&out), *want, "{args:?}");
    }
    let (code, out, _) = dpop_check(
        RFC_PROOF,
        &["--htm", "POST", "--htu", RFC_HTU, "--now", "1562262618"],
    );
    assert_eq!(code, 1);
    assert!(out.starts_with("invalid: htm: "), "{out}");
    assert_eq!(out.lines().count(), 1);
}

#[test]
fn an_access_token_jwt_without_cnf_jkt_fails_the_jkt_check() {
    let d = tmp();
    let (at, proof) = unbound_token_and_proof(d.path());
    let at = at.as_str();
    let (code, out, _) = dpop_check(
        proof.trim(),
        &[
            "--htm",
            "GET",
            "--htu",
            "https://rs.example/r",
            "--access-token",
            at,
            "--json",
        ],
    );
    assert_eq!(code, 1);
    assert_eq!(failed_checks(&out), ["jkt"]);
}

#[test]
fn two_comma_joined_proofs_are_refused_with_one_line_and_exit_1() {
    let two = format!("{RFC_PROOF},{RFC_PROOF}");
    let (code, out, err) = dpop_check(&two, &["--htm", "GET", "--htu", RFC_HTU]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(out.lines().count(), 1);
    assert!(
        out.starts_with("invalid: single: the DPoP value holds 2"),
        "{out}"
    );
}

#[test]
fn input_that_is_no_token_gets_one_error_line_and_exit_2() {
    for bad in ["garbage", "a.b", "", "eyJhbGciOiJFUzI1NiJ9.e30", "x,y"] {
        let out = jot()
            .args(["dpop", "check", bad, "--htm", "GET", "--htu", RFC_HTU])
            .output()
            .unwrap();
        let err = assert_input_error(&out);
        assert!(
            err.lines().filter(|l| l.starts_with("error:")).count() == 1,
            "{err}"
        );
    }
    let out = jot()
        .args([
            "dpop",
            "check",
            RFC_PROOF,
            "--htm",
            "GET",
            "--htu",
            "not a url",
        ])
        .output()
        .unwrap();
    assert_input_error(&out);
}

#[test]
fn proofs_refuse_hmac_and_public_keys() {
    let d = tmp();
    jot_ok([
        "keygen",
        "HS256",
        "--out",
        d.path().join("h.jwk").to_str().unwrap(),
    ]);
    keygen(d.path(), "ES256", "c");
    for key in ["h.jwk", "c.pub.jwk"] {
        let out = jot()
            .args(["dpop", "proof", "--key"])
            .arg(d.path().join(key))
            .args(["--htm", "GET", "--htu", "https://rs.example/"])
            .output()
            .unwrap();
        assert_input_error(&out);
    }
}
