//! The report values and renderers over a synthetic probe: grouping by attack with the
//! accepted first, `tamper` explaining the other acceptances, tokens abbreviated unless
//! shown, and SARIF levels.

use std::time::Duration;

use super::classify::{Baselines, Verdict};
use super::http::{Placement, Response, Target};
use super::report::{self, abbreviate, Show};
use super::{by_attack, mark_implied, Outcome, Report};
use crate::forge::{attack, Forged};

const TOKEN: &str = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbGljZSIsInJvbGUiOiJhZG1pbiJ9.";

fn resp(status: u16) -> Response {
    Response {
        status,
        body: b"{}".to_vec(),
        truncated: false,
        location: None,
        challenge: None,
        elapsed_ms: 3,
    }
}

fn outcome(name: &str, variant: &str, verdict: Verdict) -> Outcome {
    Outcome {
        forged: Forged {
            attack: attack(name).unwrap(),
            variant: variant.into(),
            token: TOKEN.into(),
        },
        verdict,
        signal: "status".into(),
        response: Some(resp(if verdict == Verdict::Accepted {
            200
        } else {
            401
        })),
        implied_by: None,
    }
}

fn report(mut outcomes: Vec<Outcome>) -> Report {
    mark_implied(&mut outcomes);
    Report {
        target: Target {
            url: "http://127.0.0.1:1/me".into(),
            method: "GET".into(),
            placement: Placement::bearer(),
            data: None,
            timeout: Duration::from_secs(1),
            max_body: 1024,
            insecure: false,
            dpop: None,
        },
        baselines: Baselines {
            original: resp(200),
            garbage: resp(401),
        },
        outcomes,
        requests: 6,
        not_sent: 0,
        interrupted: false,
        recheck: None,
        coverage: Vec::new(),
    }
}

#[test]
fn accepted_attacks_come_first_and_tamper_explains_the_rest() {
    let r = report(vec![
        outcome("strip", "signature removed", Verdict::Rejected),
        outcome("none", "alg none, empty signature", Verdict::Rejected),
        outcome("none", "alg None, empty signature", Verdict::Accepted),
        outcome("tamper", "claims escalated", Verdict::Accepted),
    ]);
    let groups = by_attack(&r);
    let order: Vec<_> = groups
        .iter()
        .map(|g| (g.attack.name, g.verdict, g.decisive.implied_by))
        .collect();
    assert_eq!(
        order,
        [
            ("tamper", Verdict::Accepted, None),
            ("none", Verdict::Accepted, Some("tamper")),
            ("strip", Verdict::Rejected, None)
        ]
    );
    assert_eq!(
        groups[1].decisive.forged.variant,
        "alg None, empty signature"
    );
    let text = report::text(&r, Show { tokens: false });
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[2].starts_with("ACCEPTED      tamper"), "{text}");
    assert!(
        text.contains("accepted*     none") && text.contains("explained by tamper"),
        "{text}"
    );
    assert!(
        !text.contains(TOKEN) && text.contains(&abbreviate(TOKEN)),
        "{text}"
    );
    assert!(text.trim_end().ends_with("1 attack(s) accepted"), "{text}");
    let shown = report::text(&r, Show { tokens: true });
    assert!(
        shown.contains(&format!("Authorization: Bearer {TOKEN}")),
        "{shown}"
    );
}

#[test]
fn sarif_has_every_rule_and_one_result_per_accepted_attack() {
    let r = report(vec![
        outcome("tamper", "claims escalated", Verdict::Accepted),
        outcome("none", "alg none, empty signature", Verdict::Accepted),
        outcome("strip", "signature removed", Verdict::Rejected),
    ]);
    let s = report::to_sarif(&r, Show { tokens: false });
    let run = &s["runs"][0];
    assert_eq!(
        run["tool"]["driver"]["rules"].as_array().unwrap().len(),
        crate::forge::ATTACKS.len()
    );
    let results = run["results"].as_array().unwrap();
    let got: Vec<(&str, &str)> = results
        .iter()
        .map(|x| (x["ruleId"].as_str().unwrap(), x["level"].as_str().unwrap()))
        .collect();
    assert_eq!(got, [("probe/tamper", "error"), ("probe/none", "warning")]);
    let j = report::to_json(&r, Show { tokens: false });
    assert_eq!(j["vulnerable"], true);
    assert_eq!(j["attacks"][1]["implied_by"], "tamper");
}

#[test]
fn abbreviation_keeps_short_tokens_and_cuts_long_ones() {
    assert_eq!(abbreviate("short"), "short");
    let a = abbreviate(TOKEN);
    assert!(
        a.len() < TOKEN.len()
            && a.starts_with(&TOKEN[..20])
            && a.ends_with(&TOKEN[TOKEN.len() - 8..])
    );
}
