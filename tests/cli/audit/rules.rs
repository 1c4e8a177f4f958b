//! The token rules JOT001–JOT020 as a table: each row is a token, the rule ids its audit must
//! report and the ids it must not. Every rule has at least one row where it fires and one
//! where it must stay quiet. All rows are audited in one run (one token per line of a file)
//! and each row is checked against the findings on its own line.

use serde_json::{json, Value};

use crate::audit_common::*;

/// Every token rule but the ones that need more than a token (JOT002 needs a wordlist or the
/// built-in list, JOT019 a key; both have their own tests).
const TOKEN_RULES: &[&str] = &[
    "JOT001", "JOT003", "JOT004", "JOT005", "JOT006", "JOT007", "JOT008", "JOT009", "JOT010",
    "JOT011", "JOT012", "JOT013", "JOT014", "JOT015", "JOT016", "JOT017", "JOT018", "JOT020",
];

struct Case {
    name: &'static str,
    token: String,
    present: &'static [&'static str],
    /// `None`: every token rule not in `present`.
    absent: Option<&'static [&'static str]>,
}

fn case(name: &'static str, token: String, present: &'static [&'static str]) -> Case {
    Case {
        name,
        token,
        present,
        absent: Some(&[]),
    }
}

/// A row that must report exactly `present` among the token rules.
fn exact(name: &'static str, token: String, present: &'static [&'static str]) -> Case {
    Case {
        name,
        token,
        present,
        absent: None,
    }
}

fn not(name: &'static str, token: String, absent: &'static [&'static str]) -> Case {
    Case {
        name,
        token,
        present: &[],
        absent: Some(absent),
    }
}

fn hs(extra_header: Value, claims: Value) -> String {
    hs256(&header_with(extra_header), &claims, STRONG.as_bytes())
}

fn with(changes: Value) -> String {
    hs(json!({}), claims_with(changes))
}

/// An ES256 token from `jot keygen` and `jot sign` with every recommended claim.
fn es256_token(dir: &std::path::Path) -> String {
    let r = run_in(Some(dir), &["keygen", "ES256", "--out", "es.pem"], None);
    assert_eq!(r.code, 0, "keygen: {}", r.stderr);
    let now = NOW.to_string();
    let args = [
        "sign",
        "--key",
        "es.pem",
        "--now",
        &now,
        "--iss",
        "https://issuer.example",
        "--aud",
        "api",
        "--jti",
    ];
    let r = run_in(Some(dir), &args, None);
    assert_eq!(r.code, 0, "sign: {}", r.stderr);
    r.stdout.trim().to_owned()
}

fn cases(dir: &std::path::Path) -> Vec<Case> {
    let none = |alg: &str| unsigned(&json!({"alg": alg, "typ": "JWT"}), &good_claims());
    let not_json = format!(
        "{}.{}.{}",
        b64(br#"{"alg":"HS256"}"#),
        b64(b"just text, not claims"),
        b64(&[7u8; 32])
    );
    let es256 = es256_token(dir);
    vec![
        exact("clean HS256 token", with(json!({})), &["JOT003"]),
        exact("clean ES256 token", es256.clone(), &[]),
        case("alg none", none("none"), &["JOT001"]),
        case("alg NoNe (case-insensitive)", none("NoNe"), &["JOT001"]),
        not("HS256 is not alg none", with(json!({})), &["JOT001"]),
        case("HS256 is symmetric", with(json!({})), &["JOT003"]),
        not("ES256 is not symmetric", es256, &["JOT003"]),
        case("no exp", with(json!({"exp": null})), &["JOT004"]),
        not("exp set", with(json!({})), &["JOT004"]),
        case(
            "two-day lifetime",
            with(json!({"exp": NOW - 60 + 2 * 86_400})),
            &["JOT005"],
        ),
        not(
            "23-hour lifetime",
            with(json!({"exp": NOW - 60 + 23 * 3600})),
            &["JOT005"],
        ),
        case("expired", with(json!({"exp": NOW - 10})), &["JOT006"]),
        not(
            "not yet expired",
            with(json!({"exp": NOW + 10})),
            &["JOT006"],
        ),
        case(
            "nbf an hour ahead",
            with(json!({"nbf": NOW + 3600})),
            &["JOT007"],
        ),
        case(
            "iat an hour ahead",
            with(json!({"iat": NOW + 3600, "exp": NOW + 4000})),
            &["JOT007"],
        ),
        not(
            "nbf 30 s ahead is clock skew",
            with(json!({"nbf": NOW + 30})),
            &["JOT007"],
        ),
        case("no iss", with(json!({"iss": null})), &["JOT008"]),
        not("iss set", with(json!({})), &["JOT008"]),
        case("no aud", with(json!({"aud": null})), &["JOT009"]),
        not("aud set", with(json!({})), &["JOT009"]),
        case("no iat", with(json!({"iat": null})), &["JOT010"]),
        not("iat set", with(json!({})), &["JOT010"]),
        case("no jti", with(json!({"jti": null})), &["JOT011"]),
        not("jti set", with(json!({})), &["JOT011"]),
        case(
            "jku header",
            hs(
                json!({"jku": "https://attacker.example/jwks.json"}),
                good_claims(),
            ),
            &["JOT012"],
        ),
        case(
            "x5u header",
            hs(
                json!({"x5u": "https://attacker.example/cert.pem"}),
                good_claims(),
            ),
            &["JOT012"],
        ),
        not("no jku or x5u", with(json!({})), &["JOT012"]),
        case(
            "embedded jwk",
            hs(
                json!({"jwk": {"kty": "oct", "k": "c2VjcmV0"}}),
                good_claims(),
            ),
            &["JOT013"],
        ),
        not("no embedded jwk", with(json!({})), &["JOT013", "JOT014"]),
        case(
            "x5c header",
            hs(json!({"x5c": ["MIIBszCCAVmgAwIBAgIU"]}), good_claims()),
            &["JOT014"],
        ),
        case(
            "kid path traversal",
            hs(json!({"kid": "../../../../dev/null"}), good_claims()),
            &["JOT015"],
        ),
        case(
            "kid SQL",
            hs(json!({"kid": "x' UNION SELECT 'k"}), good_claims()),
            &["JOT015"],
        ),
        case(
            "kid shell",
            hs(json!({"kid": "key|id"}), good_claims()),
            &["JOT015"],
        ),
        not(
            "plain kid",
            hs(json!({"kid": "2024-05-signing"}), good_claims()),
            &["JOT015"],
        ),
        case(
            "crit header",
            hs(
                json!({"crit": ["urn:example:ext"], "urn:example:ext": true}),
                good_claims(),
            ),
            &["JOT016"],
        ),
        not("no crit", with(json!({})), &["JOT016"]),
        case(
            "email in payload",
            with(json!({"email": "alice@example.com"})),
            &["JOT017"],
        ),
        case(
            "password in payload",
            with(json!({"password": "hunter2"})),
            &["JOT017"],
        ),
        not(
            "no sensitive data",
            with(json!({"role": "reader"})),
            &["JOT017"],
        ),
        case(
            "5 KB token",
            with(json!({"blob": "x".repeat(5000)})),
            &["JOT018"],
        ),
        not(
            "small token",
            with(json!({"blob": "x".repeat(100)})),
            &["JOT018"],
        ),
        exact(
            "PASETO is not a JWT",
            "v4.public.eyJkYXRhIjoidGhpcyBpcyBhIHNpZ25lZCBtZXNzYWdlIn0".into(),
            &["JOT020"],
        ),
        case("payload is not JSON claims", not_json, &["JOT020"]),
        not("a JWT is a JWT", with(json!({})), &["JOT020"]),
    ]
}

#[test]
fn each_token_rule_fires_on_its_case_and_only_there() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cases = cases(dir.path());
    let text: String = cases.iter().map(|c| format!("{}\n", c.token)).collect();
    let file = write(dir.path(), "tokens.txt", text);
    let (_, report) = audit_json(&["--no-builtin", &file]);
    assert_eq!(report["inputs"], cases.len(), "every line is audited once");
    for (i, c) in cases.iter().enumerate() {
        let ids = rule_ids(&report, Some(i as u64 + 1));
        let absent: Vec<&str> = match c.absent {
            Some(a) => a.to_vec(),
            None => TOKEN_RULES
                .iter()
                .copied()
                .filter(|r| !c.present.contains(r))
                .collect(),
        };
        assert_rules(c.name, &ids, c.present, &absent);
    }
}

#[test]
fn every_finding_carries_rule_severity_subject_message_and_remediation() {
    let token = with(json!({"exp": null, "email": "bob@example.com"}));
    let (_, report) = audit_json(&["--no-builtin", &token]);
    assert!(!findings(&report).is_empty());
    for f in findings(&report) {
        let id = f["rule"].as_str().expect("rule id");
        assert!(id.len() == 6 && id.starts_with("JOT"), "{id}");
        let sev = f["severity"].as_str().expect("severity");
        assert!(
            ["info", "low", "medium", "high", "critical"].contains(&sev),
            "{sev}"
        );
        let subject = f["subject"].as_str().expect("subject");
        assert!(
            subject.contains('…') && subject.len() < token.len(),
            "abbreviated: {subject}"
        );
        assert!(
            !f["message"].as_str().unwrap_or("").is_empty(),
            "{id} message"
        );
        assert!(
            !f["remediation"].as_str().unwrap_or("").is_empty(),
            "{id} remediation"
        );
    }
    let no_exp = finding(&report, "JOT004").expect("JOT004");
    assert_eq!(no_exp["severity"], "high");
    // The email is reported, but redacted: the report must not spread the data it flags.
    let email = finding(&report, "JOT017").expect("JOT017");
    assert!(!email["message"]
        .as_str()
        .unwrap_or("")
        .contains("bob@example.com"));
}

#[test]
fn max_lifetime_sets_the_lifetime_limit() {
    let token = with(json!({"exp": NOW - 60 + 3 * 3600}));
    let (_, report) = audit_json(&["--no-builtin", &token]);
    assert!(
        !rule_ids(&report, None).contains("JOT005"),
        "3 h is under the 24 h default"
    );
    let (_, report) = audit_json(&["--no-builtin", "--max-lifetime", "1h", &token]);
    assert!(
        rule_ids(&report, None).contains("JOT005"),
        "3 h is over --max-lifetime 1h"
    );
}
