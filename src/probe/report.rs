//! Rendering a probe [`Report`]: text (one line per attack, accepted first), JSON, and
//! SARIF 2.1.0 with one rule per attack of the table (CVE in the rule's help). The request
//! that proved each finding is shown, its token abbreviated unless asked otherwise.

use crate::net::redact_url;
use serde_json::{json, Value};

use super::classify::Verdict;
use super::{by_attack, AttackSummary, Outcome, Report};
use crate::forge::ATTACKS;

/// Show whole tokens or abbreviate them.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Show {
    pub tokens: bool,
}

/// `eyJhbGciOi…Xk3a` for a long token.
pub(crate) fn abbreviate(t: &str) -> String {
    if t.chars().count() <= 32 {
        return t.to_owned();
    }
    let head: String = t.chars().take(20).collect();
    let tail: String = t
        .chars()
        .rev()
        .take(8)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    format!("{head}…{tail}")
}

/// The request that sent `o`, as a reviewer would replay it.
pub(crate) fn request_line(r: &Report, o: &Outcome, show: Show) -> String {
    let t = &r.target;
    let token = if show.tokens {
        o.forged.token.clone()
    } else {
        abbreviate(&o.forged.token)
    };
    let headers: Vec<String> = t
        .placement
        .render_all(&token)
        .into_iter()
        .map(|(name, value)| format!("{name}: {value}"))
        .collect();
    let mut s = format!(
        "{} {} with {}",
        t.method,
        redact_url(&t.url),
        headers.join(" and ")
    );
    if let Some(d) = &t.data {
        s.push_str(&format!(" and body {:?}", d.replace("{token}", &token)));
    }
    s
}

fn response_json(o: &Outcome) -> Value {
    match &o.response {
        Some(r) => {
            json!({"status": r.status, "length": r.body.len(), "truncated": r.truncated, "elapsed_ms": r.elapsed_ms, "location": r.location.as_deref().map(redact_url)})
        }
        None => Value::Null,
    }
}

/// The report as text.
pub(crate) fn text(r: &Report, show: Show) -> String {
    let mut s = String::new();
    let base = |what: &str, resp: &super::http::Response| {
        format!(
            "baseline      {what:<15} HTTP {}, {} bytes\n",
            resp.status,
            resp.body.len()
        )
    };
    s.push_str(&base("original token", &r.baselines.original));
    s.push_str(&base("garbage value", &r.baselines.garbage));
    for a in by_attack(r) {
        attack_lines(&mut s, r, &a, show);
    }
    closing_lines(&mut s, r);
    s
}

/// An attack's line, and for an accepted one the request that shows it and the fix.
fn attack_lines(s: &mut String, r: &Report, a: &AttackSummary<'_>, show: Show) {
    let label = match (a.verdict, a.decisive.implied_by) {
        (Verdict::Accepted, None) => "ACCEPTED",
        (Verdict::Accepted, Some(_)) => "accepted*",
        (Verdict::Inconclusive, _) => "inconclusive",
        (Verdict::Rejected, _) => "rejected",
    };
    let n = a.variants.len();
    let hits = a.variants.iter().filter(|o| o.verdict == a.verdict).count();
    s.push_str(&format!(
        "{label:<13} {:<14} {hits}/{n} variants",
        a.attack.name
    ));
    if let Some(c) = a.attack.cve {
        s.push_str(&format!("  [{c}]"));
    }
    s.push_str(&format!(
        " — {}: {}\n",
        a.decisive.forged.variant, a.decisive.signal
    ));
    if a.verdict == Verdict::Accepted {
        if let Some(by) = a.decisive.implied_by {
            s.push_str(&format!(
                "              explained by {by}: the server checks no signature at all\n"
            ));
        }
        s.push_str(&format!(
            "              request: {}\n",
            request_line(r, a.decisive, show)
        ));
        s.push_str(&format!("              fix: {}\n", a.attack.fix));
    }
}

/// The recheck, what was not sent, the coverage and the one-line summary.
fn closing_lines(s: &mut String, r: &Report) {
    match &r.recheck {
        Some(c) if c.drift().is_some() => {
            s.push_str(&format!(
                "warning       {}\n",
                c.drift().unwrap_or_default()
            ));
        }
        Some(c) => s.push_str(&format!(
            "recheck       original token  still accepted ({})\n",
            c.signal
        )),
        None => {}
    }
    if r.not_sent > 0 {
        s.push_str(&format!(
            "not sent      {} forged tokens (--max-requests reached)\n",
            r.not_sent
        ));
    }
    if r.interrupted {
        s.push_str("interrupted   the report covers the requests sent before Ctrl-C\n");
    }
    s.push_str(&super::coverage::text(&r.coverage));
    let accepted = by_attack(r)
        .iter()
        .filter(|a| a.verdict == Verdict::Accepted && a.decisive.implied_by.is_none())
        .count();
    s.push_str(&format!(
        "{} requests to {}: {}\n",
        r.requests,
        redact_url(&r.target.url),
        if accepted == 0 {
            "no forged token was accepted".to_string()
        } else {
            format!("{accepted} attack(s) accepted")
        }
    ));
}

/// The report as a JSON document.
pub(crate) fn to_json(r: &Report, show: Show) -> Value {
    let attacks: Vec<Value> = by_attack(r)
        .iter()
        .map(|a| {
            let variants: Vec<Value> = a
                .variants
                .iter()
                .map(|o| {
                    json!({
                        "variant": o.forged.variant,
                        "verdict": o.verdict.name(),
                        "signal": o.signal,
                        "implied_by": o.implied_by,
                        "response": response_json(o),
                        "token": if show.tokens { o.forged.token.clone() } else { abbreviate(&o.forged.token) },
                    })
                })
                .collect();
            json!({
                "attack": a.attack.name,
                "verdict": a.verdict.name(),
                "implied_by": a.decisive.implied_by,
                "description": a.attack.description,
                "cve": a.attack.cve,
                "fix": a.attack.fix,
                "decided_by": {"variant": a.decisive.forged.variant, "signal": a.decisive.signal},
                "request": request_line(r, a.decisive, show),
                "variants": variants,
            })
        })
        .collect();
    let b =
        |resp: &super::http::Response| json!({"status": resp.status, "length": resp.body.len()});
    json!({
        "url": redact_url(&r.target.url),
        "method": r.target.method,
        "requests": r.requests,
        "not_sent": r.not_sent,
        "interrupted": r.interrupted,
        "vulnerable": r.any_accepted(),
        "baselines": {"original": b(&r.baselines.original), "garbage": b(&r.baselines.garbage)},
        "recheck": r.recheck.as_ref().map(|c| json!({"verdict": c.verdict.name(), "signal": c.signal, "status": c.status, "warning": c.drift()})),
        "attacks": attacks,
        "coverage": super::coverage::to_json(&r.coverage),
    })
}

/// SARIF 2.1.0: a rule per attack, a result per accepted attack.
pub(crate) fn to_sarif(r: &Report, show: Show) -> Value {
    let rules: Vec<Value> = ATTACKS
        .iter()
        .map(|a| {
            let help = match a.cve {
                Some(c) => format!("{} Known as {c}. Fix: {}", a.description, a.fix),
                None => format!("{} Fix: {}", a.description, a.fix),
            };
            json!({
                "id": format!("probe/{}", a.name),
                "name": a.name,
                "shortDescription": {"text": format!("the server accepts {} tokens", a.name)},
                "fullDescription": {"text": a.description},
                "help": {"text": help},
                "defaultConfiguration": {"level": "error"},
                "properties": {"security-severity": "9.1", "tags": ["security", "jwt"]},
            })
        })
        .collect();
    let results: Vec<Value> = by_attack(r)
        .iter()
        .filter(|a| a.verdict == Verdict::Accepted)
        .map(|a| {
            let o = a.decisive;
            let mut msg = format!(
                "{} accepted a forged token ({}: {}; {}). Proof: {}",
                redact_url(&r.target.url),
                a.attack.name,
                o.forged.variant,
                o.signal,
                request_line(r, o, show)
            );
            if let Some(by) = o.implied_by {
                msg.push_str(&format!(
                    " Explained by {by}: the server checks no signature."
                ));
            }
            json!({
                "ruleId": format!("probe/{}", a.attack.name),
                "ruleIndex": ATTACKS.iter().position(|x| x.name == a.attack.name).unwrap_or(0),
                "level": if o.implied_by.is_some() { "warning" } else { "error" },
                "message": {"text": msg},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": redact_url(&r.target.url)}}}],
            })
        })
        .collect();
    let mut log = crate::audit::report::sarif_log(rules, results);
    // Which attacks ran and which were skipped (and what each needs) ride in the run's
    // property bag: a clean SARIF says what it did not try.
    log["runs"][0]["properties"] = json!({"coverage": super::coverage::to_json(&r.coverage)});
    log
}
