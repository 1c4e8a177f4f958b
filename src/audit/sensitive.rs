//! Finds sensitive data in a JWT payload: email addresses, secret-named members, card
//! numbers, cloud credentials, PEM blocks and tokens nested inside tokens.
//!
//! The payload is attacker-controlled, so the walk is iterative and bounded (depth, nodes,
//! bytes scanned, findings kept) and every excerpt is redacted before it leaves here.

mod detect;
mod path;

use serde_json::Value;

use path::{clean, pointer, Step};

/// What kind of sensitive data was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum SensitiveKind {
    /// An email address inside a string value.
    Email,
    /// A member named like a secret (`password`, `client_secret`, `apiKey`, …) with a value.
    SecretName,
    /// A Luhn-valid payment card number.
    CardNumber,
    /// An AWS, GCP, GitHub, Slack or Stripe credential.
    CloudKey,
    /// A `-----BEGIN …-----` block.
    PemBlock,
    /// A string that is itself a compact JWS or JWE.
    NestedJwt,
}

impl SensitiveKind {
    /// A short phrase for reports.
    pub(crate) fn name(self) -> &'static str {
        match self {
            SensitiveKind::Email => "email address",
            SensitiveKind::SecretName => "secret-like member",
            SensitiveKind::CardNumber => "payment card number",
            SensitiveKind::CloudKey => "cloud access key",
            SensitiveKind::PemBlock => "PEM block",
            SensitiveKind::NestedJwt => "nested JWT",
        }
    }
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Sensitive {
    /// What was found.
    pub kind: SensitiveKind,
    /// Where, as a JSON pointer (RFC 6901: `/user/email`, `/roles/0`; `""` is the root).
    pub path: String,
    /// A redacted excerpt: a few characters at most, never the whole value.
    pub excerpt: String,
}

/// Bounds on how much of a payload is examined.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Limits {
    /// Containers nested deeper than this are not entered.
    pub max_depth: usize,
    /// At most this many values are visited.
    pub max_nodes: usize,
    /// At most this many bytes of string values are searched, in total.
    pub max_bytes: usize,
    /// The scan stops after this many findings.
    pub max_findings: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_depth: 64,
            max_nodes: 10_000,
            max_bytes: 4 << 20,
            max_findings: 256,
        }
    }
}

/// The findings, and whether a limit cut the scan short.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Scan {
    /// Findings in document order.
    pub findings: Vec<Sensitive>,
    /// True when some of the payload was not examined.
    pub truncated: bool,
}

/// Scans `payload` with the default limits.
pub(crate) fn scan(payload: &Value) -> Vec<Sensitive> {
    scan_with(payload, &Limits::default()).findings
}

/// Scans `payload` within `limits`.
pub(crate) fn scan_with(payload: &Value, limits: &Limits) -> Scan {
    let mut out = Scan::default();
    // steps[i] = (parent, step); stack entries point into it.
    let mut steps: Vec<(usize, Step)> = vec![(0, Step::Index(0))];
    // (value, its step, its depth, whether its member name marks it as a secret)
    let mut stack: Vec<(&Value, usize, usize, bool)> = vec![(payload, 0, 0, false)];
    let mut visited = 0;
    let mut bytes_left = limits.max_bytes;
    while let Some((value, at, depth, secret_named)) = stack.pop() {
        if visited >= limits.max_nodes || out.findings.len() >= limits.max_findings {
            out.truncated = true;
            break;
        }
        visited += 1;
        let mut report = |kind, excerpt: Option<String>| {
            if let Some(excerpt) = excerpt {
                let path = pointer(&steps, at);
                out.findings.push(Sensitive {
                    kind,
                    path,
                    excerpt: clean(&excerpt),
                });
            }
        };
        if secret_named {
            report(SensitiveKind::SecretName, secret_value(value));
        }
        match value {
            Value::String(s) => {
                let searched = prefix_within(s, bytes_left);
                bytes_left -= searched.len();
                out.truncated |= searched.len() < s.len();
                report(SensitiveKind::NestedJwt, detect::nested_jwt(searched));
                report(SensitiveKind::Email, detect::email(searched));
                report(SensitiveKind::CardNumber, detect::card_in_text(searched));
                report(SensitiveKind::CloudKey, detect::cloud_key(searched));
                report(SensitiveKind::PemBlock, detect::pem(searched));
            }
            Value::Number(n) => report(SensitiveKind::CardNumber, detect::card_number(n)),
            Value::Object(m) if depth >= limits.max_depth => out.truncated |= !m.is_empty(),
            Value::Array(a) if depth >= limits.max_depth => out.truncated |= !a.is_empty(),
            Value::Object(map) => {
                let room = limits.max_nodes.saturating_sub(visited + stack.len());
                out.truncated |= map.len() > room;
                let first = stack.len();
                for (key, child) in map.iter().take(room) {
                    steps.push((at, Step::Key(key)));
                    stack.push((
                        child,
                        steps.len() - 1,
                        depth + 1,
                        detect::is_secret_name(key),
                    ));
                }
                // Popped last-in first, so reverse to report in document order.
                stack[first..].reverse();
            }
            Value::Array(items) => {
                let room = limits.max_nodes.saturating_sub(visited + stack.len());
                out.truncated |= items.len() > room;
                let first = stack.len();
                for (i, child) in items.iter().enumerate().take(room) {
                    steps.push((at, Step::Index(i)));
                    stack.push((child, steps.len() - 1, depth + 1, false));
                }
                stack[first..].reverse();
            }
            Value::Bool(_) | Value::Null => {}
        }
    }
    out.truncated |= out.findings.len() > limits.max_findings;
    out.findings.truncate(limits.max_findings);
    out
}

/// The redacted value of a secret-named member, if it has one worth reporting.
fn secret_value(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Some(detect::redact(s)),
        Value::Number(n) => Some(detect::redact(&n.to_string())),
        Value::Array(a) if !a.is_empty() => Some(format!("(array of {})", a.len())),
        Value::Object(o) if !o.is_empty() => Some(format!("(object with {} members)", o.len())),
        _ => None,
    }
}

/// The longest prefix of `s` no longer than `budget` bytes that ends on a char boundary.
fn prefix_within(s: &str, budget: usize) -> &str {
    let mut end = budget.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    fn kinds(v: &Value) -> Vec<(SensitiveKind, String)> {
        scan(v).into_iter().map(|f| (f.kind, f.path)).collect()
    }

    #[test]
    fn finds_each_kind_at_its_path() {
        let payload = json!({
            "sub": "1234567890",
            "user": {"email": "alice@example.com", "password": "hunter22"},
            "cards": ["4111 1111 1111 1111"],
            "aws": "AKIAIOSFODNN7EXAMPLE",
            "key": "-----BEGIN PRIVATE KEY-----\nMIIEvQ\n-----END PRIVATE KEY-----",
            "inner": "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln",
        });
        use SensitiveKind::*;
        assert_eq!(
            kinds(&payload),
            vec![
                (Email, "/user/email".into()),
                (SecretName, "/user/password".into()),
                (CardNumber, "/cards/0".into()),
                (CloudKey, "/aws".into()),
                (PemBlock, "/key".into()),
                (NestedJwt, "/inner".into()),
            ]
        );
    }

    #[test]
    fn every_kind_has_its_own_name() {
        let names: std::collections::HashSet<_> = [
            SensitiveKind::Email,
            SensitiveKind::SecretName,
            SensitiveKind::CardNumber,
            SensitiveKind::CloudKey,
            SensitiveKind::PemBlock,
            SensitiveKind::NestedJwt,
        ]
        .map(SensitiveKind::name)
        .into_iter()
        .collect();
        assert_eq!(names.len(), 6);
    }

    #[test]
    fn excerpts_are_redacted() {
        let payload =
            json!({"password": "hunter22", "email": "alice@example.com", "n": 4111111111111111u64});
        let excerpts: Vec<String> = scan(&payload).into_iter().map(|f| f.excerpt).collect();
        assert_eq!(
            excerpts,
            vec!["hu… (8 chars)", "a…@example.com", "…1111 (16 digits)"]
        );
        for e in &excerpts {
            assert!(!e.contains("hunter22") && !e.contains("alice") && !e.contains("41111111"));
        }
    }

    #[test]
    fn clean_payloads_have_no_findings() {
        let payload = json!({
            "iss": "https://issuer.example.com", "sub": "user-42", "aud": ["api"],
            "iat": 1700000000, "exp": 1700003600, "jti": "8f14e45fceea167a5a36dedd4bea2543",
            "scope": "read write", "amount": 1.5e10, "has_password": true, "password": "",
            "token_type": "Bearer", "note": "mail me at a@b",
        });
        assert_eq!(scan(&payload), vec![]);
    }

    #[test]
    fn pointer_escapes_slash_and_tilde() {
        let payload = json!({"a/b~c": {"x": [{"e": "bob@example.org"}]}});
        assert_eq!(
            kinds(&payload),
            vec![(SensitiveKind::Email, "/a~1b~0c/x/0/e".into())]
        );
        assert_eq!(
            kinds(&json!("root@example.org")),
            vec![(SensitiveKind::Email, String::new())]
        );
    }

    #[test]
    fn control_characters_never_reach_the_excerpt_or_path() {
        let payload =
            json!({"\u{1b}[31mpassword": "\u{1b}\u{1b}\u{1b}\u{1b}\u{1b}\u{1b}\u{1b}\u{1b}"});
        let found = scan(&payload);
        assert_eq!(found.len(), 1);
        assert!(!found[0].path.chars().any(char::is_control));
        assert!(!found[0].excerpt.chars().any(char::is_control));
    }

    #[test]
    fn depth_limit_stops_descent() {
        let mut v = json!({"email": "deep@example.com"});
        for _ in 0..100 {
            v = json!([v]);
        }
        let out = scan_with(&v, &Limits::default());
        assert!(out.truncated);
        assert!(out.findings.is_empty());
        let shallow = scan_with(
            &v,
            &Limits {
                max_depth: 200,
                ..Limits::default()
            },
        );
        assert_eq!(shallow.findings.len(), 1);
    }

    #[test]
    fn node_and_finding_limits_bound_the_work() {
        let many: Vec<Value> = (0..50_000)
            .map(|i| json!(format!("user{i}@example.com")))
            .collect();
        let out = scan_with(&Value::Array(many), &Limits::default());
        assert!(out.truncated);
        assert_eq!(out.findings.len(), Limits::default().max_findings);
        let few = scan_with(
            &json!(["a@example.com", "b@example.com"]),
            &Limits {
                max_findings: 1,
                ..Limits::default()
            },
        );
        assert_eq!((few.findings.len(), few.truncated), (1, true));
        let nodes = scan_with(
            &json!([1, 2, 3, 4, 5]),
            &Limits {
                max_nodes: 3,
                ..Limits::default()
            },
        );
        assert!(nodes.truncated);
    }

    #[test]
    fn byte_budget_is_respected_on_char_boundaries() {
        let s = format!("{}x@example.com", "é".repeat(10));
        let out = scan_with(
            &json!(s),
            &Limits {
                max_bytes: 7,
                ..Limits::default()
            },
        );
        assert!(out.truncated);
        assert!(out.findings.is_empty());
        let out = scan_with(&json!(s), &Limits::default());
        assert_eq!(out.findings.len(), 1);
    }

    fn arb_json() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(|n| json!(n)),
            any::<u64>().prop_map(|n| json!(n)),
            any::<f64>()
                .prop_filter("finite", |f| f.is_finite())
                .prop_map(|f| json!(f)),
            any::<String>().prop_map(Value::String),
            "[a-z0-9@. -]{0,40}".prop_map(Value::String),
            "(eyJ|[A-Za-z0-9_.-]){0,60}".prop_map(Value::String),
        ];
        leaf.prop_recursive(8, 256, 8, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
                prop::collection::vec(("(password|token|[a-z_]{0,10}|.{0,5})", inner), 0..8)
                    .prop_map(|kv| Value::Object(kv.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn arbitrary_json_never_panics(v in arb_json()) {
            let out = scan_with(&v, &Limits::default());
            prop_assert!(out.findings.len() <= Limits::default().max_findings);
            let tight = scan_with(&v, &Limits { max_depth: 2, max_nodes: 5, max_bytes: 10, max_findings: 2 });
            prop_assert!(tight.findings.len() <= 2);
        }
    }
}
