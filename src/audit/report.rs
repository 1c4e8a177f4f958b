//! Rendering a report: the text report (grouped by severity), a JSON document, and SARIF
//! 2.1.0 for code scanning. Rendering returns values; the CLI prints them.

use serde_json::{json, Value};

use super::findings::Finding;
use super::rules::{rule, Severity, RULES};
use super::run::Report;
use crate::term::{sanitize, style};

/// Count of findings per severity, highest first, e.g. "1 critical, 2 high".
pub(crate) fn summary(findings: &[Finding]) -> String {
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

/// The JSON report: stable member order, findings sorted by severity then rule, and with
/// `extract` the groups of tokens.
pub(crate) fn to_json(report: &Report) -> Value {
    let mut doc = json!({
        "tool": "jot",
        "version": env!("CARGO_PKG_VERSION"),
        "inputs": report.audited,
        "summary": summary(&report.findings),
        "findings": report.findings,
    });
    if let Some(x) = &report.extraction {
        doc["groups"] = x
            .groups
            .iter()
            .map(|g| json!({"iss": g.iss, "kid": g.kid, "tokens": g.tokens.len()}))
            .collect();
    }
    doc
}

/// The text report: with `extract` the groups first, then the findings under a heading per
/// severity, then the summary. Token contents are attacker-controlled: sanitized here.
pub(crate) fn to_text(report: &Report) -> String {
    let mut out = String::new();
    let mut line = |s: String| {
        out.push_str(&s);
        out.push('\n');
    };
    if let Some(x) = &report.extraction {
        line(format!(
            "extracted {} distinct tokens in {} groups (issuer, kid)",
            x.tokens,
            x.groups.len()
        ));
        let name = |v: &Option<String>| {
            v.as_deref()
                .map_or("-".to_owned(), |s| sanitize(s).into_owned())
        };
        for g in &x.groups {
            line(format!(
                "  iss {}  kid {}  {} tokens",
                name(&g.iss),
                name(&g.kid),
                g.tokens.len()
            ));
        }
    }
    let mut last = None;
    for f in &report.findings {
        if last != Some(f.severity) {
            let st = match f.severity {
                Severity::Critical | Severity::High => style::BAD,
                Severity::Medium => style::WARN,
                _ => style::DIM,
            };
            line(format!("{st}{}{st:#}", f.severity.name().to_uppercase()));
            last = Some(f.severity);
        }
        let at = f
            .line
            .map_or_else(|| f.location.clone(), |l| format!("{}:{l}", f.location));
        line(format!(
            "  {} {}  {}\n      at {}; fix: {}",
            f.rule,
            sanitize(&f.subject),
            sanitize(&f.message),
            sanitize(&at),
            f.remediation
        ));
        if let Some(p) = &f.found {
            line(format!("      in {}", sanitize(&p.to_string())));
        }
    }
    line(format!(
        "{} ({} audited)",
        summary(&report.findings),
        report.audited
    ));
    out
}

/// A SARIF result's text: the rule, the token and the message, and with --extract from a
/// HAR file the request that carried the token.
fn sarif_message(f: &Finding) -> String {
    let text = format!("{} ({}): {}", rule(f.rule).title, f.subject, f.message);
    match &f.found {
        Some(p) => format!("{text} [in {p}]"),
        None => text,
    }
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
pub(crate) fn to_sarif(report: &Report) -> Value {
    let findings: &[Finding] = &report.findings;
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
                "message": {"text": sarif_message(f)},
                "locations": [{"physicalLocation": loc}],
                "properties": {"severity": f.severity.name()},
            })
        })
        .collect();
    sarif_log(rules, results)
}

/// Record how the run went (SARIF 2.1.0 §3.20): `executionSuccessful`, and when it failed
/// the error as a tool execution notification, so a CI job that uploads the log after a
/// failure uploads a valid log that says why.
pub(crate) fn sarif_invocation(log: &mut Value, error: Option<&str>) {
    let mut inv = json!({"executionSuccessful": error.is_none()});
    if let Some(e) = error {
        inv["toolExecutionNotifications"] = json!([{"level": "error", "message": {"text": e}}]);
    }
    log["runs"][0]["invocations"] = json!([inv]);
}

/// The SARIF 2.1.0 log around one run of jot's rules and results (audit's and probe's).
pub(crate) fn sarif_log(rules: Vec<Value>, results: Vec<Value>) -> Value {
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
