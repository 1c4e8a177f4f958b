//! The probe's coverage section (issue 22): every report (text, JSON, SARIF) says which
//! attacks ran and which were skipped, with the input each skipped one needs; progress
//! (`attack n of m`) shows on a terminal only.

use serde_json::Value;

use super::lab::{lab, Vuln};
use super::probe;
use crate::common::jot;

fn skipped<'a>(coverage: &'a Value, attack: &str) -> &'a Value {
    coverage["skipped"]
        .as_array()
        .expect("coverage.skipped")
        .iter()
        .find(|s| s["attack"] == attack)
        .unwrap_or_else(|| panic!("{attack} not in {coverage:#}"))
}

#[test]
fn json_report_lists_the_attacks_run_and_the_input_each_skipped_one_needs() {
    let server = Vuln::start("none", &[]);
    let (_, report, _) = probe(&server.url(), &lab().hs, &[]);
    let c = &report["coverage"];
    let ran: Vec<&str> = c["ran"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["attack"].as_str().unwrap())
        .collect();
    assert!(ran.contains(&"none") && ran.contains(&"tamper"), "{c:#}");
    for r in c["ran"].as_array().unwrap() {
        assert_eq!(r["sent"], r["variants"], "{r}");
    }
    assert_eq!(skipped(c, "confusion")["needs"], "--public-key");
    assert_eq!(skipped(c, "jku")["needs"], "--jku-url, --out-keys");
    assert_eq!(
        skipped(c, "claims-exp")["needs"],
        "--secret-file or --expired-token"
    );
    assert!(skipped(c, "high-s")["needs"].is_null());
    let all = c["ran"].as_array().unwrap().len() + c["skipped"].as_array().unwrap().len();
    let table = jot().args(["forge", "--help"]).output().unwrap();
    let help = String::from_utf8_lossy(&table.stdout);
    let rows = help
        .lines()
        .filter(|l| l.starts_with("  ") && l.contains(" needs "))
        .count();
    assert_eq!(all, rows, "every attack of the table is covered");
}

#[test]
fn text_and_sarif_reports_have_the_coverage_section() {
    let server = Vuln::start("none", &[]);
    let run = |format: &str| {
        let out = jot()
            .args([
                "probe",
                &server.url(),
                "--token",
                &lab().hs,
                "--rate",
                "500",
                "--format",
                format,
            ])
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let text = run("text");
    assert!(text.contains("coverage      "), "{text}");
    assert!(
        text.lines()
            .any(|l| l.starts_with("skipped       confusion") && l.ends_with("needs --public-key")),
        "{text}"
    );
    assert!(text.trim_end().ends_with("1 attack(s) accepted"), "{text}");
    let sarif: Value = serde_json::from_str(&run("sarif")).unwrap();
    let c = &sarif["runs"][0]["properties"]["coverage"];
    assert_eq!(skipped(c, "confusion")["needs"], "--public-key");
}

#[test]
fn attacks_cut_by_max_requests_are_partly_sent_in_the_coverage() {
    let server = Vuln::start("correct", &[]);
    let (_, report, _) = probe(&server.url(), &lab().rs, &["--max-requests", "7"]);
    let ran = report["coverage"]["ran"].as_array().unwrap();
    assert!(
        ran.iter()
            .any(|r| r["sent"].as_u64() < r["variants"].as_u64()),
        "{ran:?}"
    );
}

#[test]
fn progress_shows_on_a_terminal_and_not_when_piped() {
    let server = Vuln::start("none", &[]);
    let args = [
        "probe",
        &server.url(),
        "--token",
        &lab().hs,
        "--rate",
        "40",
        "--attack",
        "none",
        "--attack",
        "strip",
    ];
    let piped = jot().args(args).output().unwrap();
    assert!(
        !String::from_utf8_lossy(&piped.stderr).contains("attack 1 of"),
        "no progress when stderr is not a terminal"
    );
    let Some(shown) = crate::common::jot_on_a_terminal(&args) else {
        return;
    };
    assert!(shown.contains("attack 1 of 2: none"), "{shown}");
    assert!(shown.contains("attack 2 of 2: strip"), "{shown}");
}
