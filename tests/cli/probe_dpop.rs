//! `jot probe --dpop-key` against the DPoP resource server of tests/servers/vuln.py: with
//! each planted flaw exactly that DPoP attack is reported accepted (and the server's log
//! agrees, variant by variant); the secure server accepts none. `jot forge` prints the
//! same proofs.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

use crate::common::{jot_ok, json, thumbprint};
use crate::probe::lab::{lab, Vuln};
use crate::probe::probe;

const DPOP_ATTACKS: [&str; 4] = [
    "dpop-replay",
    "dpop-private-jwk",
    "dpop-hmac",
    "dpop-no-ath",
];

/// A DPoP client key and an RS256 access token (the lab's RSA key) bound to it.
fn client(dir: &Path) -> (String, String) {
    let key = dir.join("client.jwk");
    let public = dir.join("client.pub.jwk");
    jot_ok([
        "keygen",
        "ES256",
        "--out",
        key.to_str().unwrap(),
        "--public-out",
        public.to_str().unwrap(),
    ]);
    let jkt = thumbprint(&public, &[]);
    let rsa = lab().rsa_pub_jwk.with_file_name("rsa.jwk");
    let at = jot_ok([
        "sign",
        "--key",
        rsa.to_str().unwrap(),
        "--sub",
        "alice",
        "--exp",
        "2h",
        "--claim",
        &format!("cnf={{\"jkt\":\"{jkt}\"}}"),
    ]);
    (key.to_string_lossy().into_owned(), at.trim().to_owned())
}

fn accepted(report: &Value) -> BTreeSet<String> {
    report["attacks"]
        .as_array()
        .expect("attacks")
        .iter()
        .filter(|a| a["verdict"] == "accepted")
        .map(|a| a["attack"].as_str().unwrap().to_owned())
        .collect()
}

fn probe_dpop(flaw: &str) -> (i32, Value, Vec<Value>) {
    let d = crate::common::tmp();
    let (key, at) = client(d.path());
    let server = Vuln::start("dpop", &["--dpop-flaw", flaw]);
    let mut extra = vec!["--dpop-key", key.as_str()];
    for a in DPOP_ATTACKS {
        extra.extend(["--attack", a]);
    }
    let (code, report, stderr) = probe(&server.url(), &at, &extra);
    assert!(!report.is_null(), "{flaw}: {stderr}");
    (code, report, server.decisions())
}

/// Every variant's verdict is what the server logged for its proof.
fn agrees(report: &Value, log: &[Value]) -> usize {
    let mut n = 0;
    for a in report["attacks"].as_array().unwrap() {
        for v in a["variants"].as_array().unwrap() {
            let proof = v["token"].as_str().unwrap();
            let e = log
                .iter()
                .find(|e| e["proof"] == proof)
                .unwrap_or_else(|| panic!("{} never reached the server", v["variant"]));
            let want = v["verdict"] == "accepted";
            assert_eq!(e["accepted"], want, "{} {}: {e}", a["attack"], v["variant"]);
            n += 1;
        }
    }
    n
}

#[test]
fn each_planted_dpop_flaw_is_found_and_nothing_else() {
    for (flaw, want) in [
        ("replay", "dpop-replay"),
        ("private-jwk", "dpop-private-jwk"),
        ("hmac", "dpop-hmac"),
        ("no-ath", "dpop-no-ath"),
    ] {
        let (code, report, log) = probe_dpop(flaw);
        assert_eq!(
            accepted(&report),
            BTreeSet::from([want.to_owned()]),
            "{flaw}: {report:#}"
        );
        assert_eq!(code, 1, "{flaw}");
        assert_eq!(agrees(&report, &log), 8, "{flaw}");
        // The baseline (a fresh proof with the real token) was accepted by the server.
        assert_eq!(log[0]["accepted"], true, "{flaw}: {}", log[0]);
    }
}

#[test]
fn the_secure_dpop_server_accepts_no_forged_proof() {
    let (code, report, log) = probe_dpop("none");
    assert_eq!(accepted(&report), BTreeSet::new(), "{report:#}");
    assert_eq!(code, 0);
    assert_eq!(agrees(&report, &log), 8);
    // Baseline and closing recheck: two fresh proofs (two jti values), both accepted.
    let ok: Vec<&Value> = log.iter().filter(|e| e["accepted"] == true).collect();
    assert_eq!(ok.len(), 2, "{log:?}");
}

#[test]
fn forge_prints_the_dpop_proofs_for_a_request() {
    let d = crate::common::tmp();
    let (key, at) = client(d.path());
    let out = jot_ok([
        "forge",
        &at,
        "--dpop-key",
        &key,
        "--htm",
        "GET",
        "--htu",
        "https://rs.example/me",
        "--attack",
        "dpop-hmac",
        "--attack",
        "dpop-no-ath",
        "--json",
    ]);
    let lines: Vec<Value> = out.lines().map(json).collect();
    let names: Vec<&str> = lines
        .iter()
        .map(|l| l["attack"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "dpop-hmac",
            "dpop-hmac",
            "dpop-hmac",
            "dpop-no-ath",
            "dpop-no-ath"
        ]
    );
    for l in &lines {
        let h = json(&jot_ok(["decode", l["token"].as_str().unwrap(), "--json"]));
        assert_eq!(h["header"]["typ"], "dpop+jwt");
        assert_eq!(h["payload"]["htu"], "https://rs.example/me");
    }
}
