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

/// A file name as a SARIF `uri` (an RFC 3986 URI reference): bytes outside the unreserved
/// and sub-delimiter characters (a space, `%`, `#`, `?`, non-ASCII) are percent-encoded, and
/// on Windows `\` separators become `/`, so that `my tokens.txt` stays a valid location.
fn uri_reference(location: &str) -> String {
    let location = if cfg!(windows) {
        location.replace('\\', "/")
    } else {
        location.to_owned()
    };
    let mut out = String::with_capacity(location.len());
    for b in location.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/:@!$&'()*+,;=".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
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
            let mut loc = json!({"artifactLocation": {"uri": uri_reference(&f.location)}});
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

#[cfg(test)]
mod tests {
    use super::uri_reference;

    #[test]
    fn locations_become_valid_uri_references() {
        assert_eq!(uri_reference("tokens.txt"), "tokens.txt");
        assert_eq!(uri_reference("/tmp/my dir/t.txt"), "/tmp/my%20dir/t.txt");
        assert_eq!(uri_reference("a%b#c?d"), "a%25b%23c%3Fd");
        assert_eq!(uri_reference("é.txt"), "%C3%A9.txt");
        assert_eq!(uri_reference("stdin"), "stdin");
    }
}
