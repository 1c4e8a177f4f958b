//! Rendering findings: a JSON document, SARIF 2.1.0 for code scanning, and the summary the
//! text report ends with. Rendering returns values; the CLI prints them.

use serde_json::{json, Value};

use super::findings::Finding;
use super::rules::{rule, Severity, RULES};

/// Count of findings per severity, highest first, e.g. "1 critical, 2 high".
pub fn summary(findings: &[Finding]) -> String {
    let mut parts = Vec::new();
    for s in [
        Severity::Critical,
        Severity::High,
        Severity::Medium,
        Severity::Low,
        Severity::Info,
    ] {
        let n = findings.iter().filter(|f| f.severity == s).count();
        if n > 0 {
            parts.push(format!("{n} {}", s.name()));
        }
    }
    if parts.is_empty() {
        "no findings".into()
    } else {
        format!(
            "{} finding{}: {}",
            findings.len(),
            if findings.len() == 1 { "" } else { "s" },
            parts.join(", ")
        )
    }
}

/// The JSON report: stable member order, findings sorted by severity then rule.
pub fn to_json(findings: &[Finding], inputs: usize) -> Value {
    json!({
        "tool": "jot",
        "version": env!("CARGO_PKG_VERSION"),
        "inputs": inputs,
        "summary": summary(findings),
        "findings": findings,
    })
}

/// SARIF 2.1.0, as GitHub code scanning accepts it.
pub fn to_sarif(findings: &[Finding]) -> Value {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "name": r.id,
                "shortDescription": {"text": r.title},
                "fullDescription": {"text": r.title},
                "help": {"text": r.remediation},
                "defaultConfiguration": {"level": r.severity.sarif_level()},
                "properties": {"security-severity": r.severity.score(), "tags": ["security", "jwt"]},
            })
        })
        .collect();
    let results: Vec<Value> = findings
        .iter()
        .map(|f| {
            let mut region = json!({});
            if let Some(l) = f.line {
                region = json!({"startLine": l});
            }
            let mut loc = json!({"artifactLocation": {"uri": f.location}});
            if f.line.is_some() {
                loc["region"] = region;
            }
            json!({
                "ruleId": f.rule,
                "ruleIndex": RULES.iter().position(|r| r.id == f.rule).unwrap_or(0),
                "level": rule(f.rule).severity.sarif_level(),
                "message": {"text": format!("{} ({}): {}", rule(f.rule).title, f.subject, f.message)},
                "locations": [{"physicalLocation": loc}],
                "properties": {"severity": f.severity.name()},
            })
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "jot",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "results": results,
        }],
    })
}
