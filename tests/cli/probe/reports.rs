//! The probe's reports and placements: the text report puts accepted attacks first with the
//! proving request (token abbreviated), SARIF validates against the 2.1.0 schema with one
//! rule per attack, cookies/methods/bodies carry the token, and baselines that look alike
//! are exit 2.

use std::process::Command as Std;

use serde_json::Value;

use super::lab::{lab, Vuln};
use crate::common::{assert_input_error, interop_script, jot, json, write};

#[test]
fn text_report_lists_accepted_first_with_the_request_abbreviated() {
    let server = Vuln::start("none", &[]);
    let out = jot()
        .args([
            "probe",
            &server.url(),
            "--token",
            &lab().hs,
            "--rate",
            "500",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].starts_with("baseline") && lines[1].starts_with("baseline"),
        "{text}"
    );
    assert!(lines[2].starts_with("ACCEPTED      none"), "{text}");
    assert!(
        lines[2].contains("CVE-2015-9235") && lines[2].contains("status 200"),
        "{text}"
    );
    let request = lines[3].trim();
    assert!(
        request.starts_with(&format!("request: GET {}", server.url())),
        "{text}"
    );
    assert!(
        request.contains("Authorization: Bearer ") && request.contains('…'),
        "{text}"
    );
    assert!(
        !text.contains(&lab().hs),
        "the original token is not printed whole"
    );
    assert!(
        lines.iter().skip(4).all(|l| !l.starts_with("ACCEPTED")),
        "{text}"
    );
    assert!(text.trim_end().ends_with("1 attack(s) accepted"), "{text}");
}

#[test]
fn sarif_report_validates_and_has_a_rule_per_attack() {
    let server = Vuln::start("confusion", &[]);
    let pem = lab().rsa_pub_pem.to_string_lossy().into_owned();
    let out = jot()
        .args([
            "probe",
            &server.url(),
            "--token",
            &lab().rs,
            "--rate",
            "500",
            "--format",
            "sarif",
            "--public-key",
            &pem,
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let sarif = json(&String::from_utf8_lossy(&out.stdout));
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    assert_eq!(rules.len(), jot::forge::ATTACKS.len());
    let confusion = rules.iter().find(|r| r["id"] == "probe/confusion").unwrap();
    assert!(confusion["help"]["text"]
        .as_str()
        .unwrap()
        .contains("CVE-2016-10555"));
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let ids: Vec<&str> = results
        .iter()
        .map(|r| r["ruleId"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["probe/confusion"]);
    assert!(results[0]["message"]["text"]
        .as_str()
        .unwrap()
        .contains("Proof: GET"));
    let dir = crate::common::tmp();
    let file = write(dir.path(), "probe.sarif", &out.stdout);
    let v = Std::new("python3")
        .arg(interop_script("validate_sarif.py"))
        .arg(&file)
        .output()
        .unwrap();
    match v.status.code() {
        Some(3) => eprintln!("note: SARIF schema validation skipped: jsonschema missing"),
        code => assert_eq!(code, Some(0), "{}", String::from_utf8_lossy(&v.stderr)),
    }
}

#[test]
fn cookie_method_and_body_carry_the_token() {
    let server = Vuln::start("none", &[]);
    let (code, report, stderr) = super::probe(
        &server.url(),
        &lab().hs,
        &[
            "--cookie",
            "session",
            "--method",
            "post",
            "--data",
            "{\"jwt\":\"{token}\"}",
            "--attack",
            "none",
        ],
    );
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(report["method"], "POST");
    let log = server.decisions();
    assert_eq!(
        log.len(),
        2 + 8 + 1,
        "baselines, the none variants, the recheck"
    );
    for e in &log {
        assert_eq!(e["method"], "POST");
        let token = e["token"].as_str().unwrap();
        assert_eq!(
            e["body"],
            Value::String(format!("{{\"jwt\":\"{token}\"}}")),
            "{e}"
        );
    }
    // The garbage baseline went in the cookie too, and was refused.
    assert!(log
        .iter()
        .any(|e| e["token"] == "jot-probe-not-a-jwt" && e["accepted"] == false));
}

#[test]
fn baselines_that_look_alike_are_exit_2_with_nothing_to_conclude() {
    let server = Vuln::start("constant", &[]);
    let out = jot()
        .args([
            "probe",
            &server.url(),
            "--token",
            &lab().hs,
            "--rate",
            "500",
        ])
        .output()
        .unwrap();
    let stderr = assert_input_error(&out);
    assert!(stderr.contains("nothing to conclude"), "{stderr}");
    assert_eq!(
        server.decisions().len(),
        2,
        "no forged token is sent when nothing can be concluded"
    );
}

#[test]
fn usage_errors_are_exit_2() {
    let hs = &lab().hs;
    for args in [
        vec!["probe", "ftp://127.0.0.1/", "--token", hs],
        vec![
            "probe",
            "http://127.0.0.1:9/",
            "--token",
            hs,
            "--header",
            "X-Auth: no placeholder",
        ],
        vec!["probe", "http://127.0.0.1:9/", "--token", hs, "--rate", "0"],
        vec!["probe", "http://127.0.0.1:9/", "--token", hs, "--data", "x"],
        vec!["probe", "http://127.0.0.1:9/", "--token", "not-a-token"],
        vec![
            "probe",
            "http://127.0.0.1:9/",
            "--token",
            hs,
            "--jku-url",
            "http://127.0.0.1:9/k",
        ],
    ] {
        assert_input_error(&jot().args(&args).output().unwrap());
    }
}
