//! The detectors behind the payload scan: one function per kind of sensitive data, each
//! taking a single string (or number, or member name) and returning a redacted excerpt.
//!
//! Patterns are compiled once; the `regex` crate searches in time linear in the input.

use std::sync::LazyLock;

use regex::Regex;

use crate::audit::extract::{json_object, MAX_HEADER_SEGMENT};
use crate::b64::decode_lenient as b64url;

fn compile(pattern: &str) -> Regex {
    Regex::new(pattern).expect("detector patterns are valid")
}

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"[A-Za-z0-9._%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,24}",
    )
});
static CARD: LazyLock<Regex> = LazyLock::new(|| compile(r"[0-9](?:[ -]?[0-9]){12,18}"));
static CLOUD: LazyLock<Regex> = LazyLock::new(|| {
    compile(concat!(
        r"(?:AKIA|ASIA)[0-9A-Z]{16}|AIza[0-9A-Za-z_-]{35}|gh[pousr]_[0-9A-Za-z]{36}",
        r"|github_pat_[0-9A-Za-z_]{22,}|xox[bpars]-[0-9A-Za-z-]{10,}|(?:sk|rk)_live_[0-9A-Za-z]{16,}",
    ))
});
static PEM: LazyLock<Regex> = LazyLock::new(|| compile(r"-----BEGIN [A-Z0-9][A-Z0-9 ]{0,60}-----"));

/// Member names whose values are secrets, compared after lower-casing and dropping `_`,
/// `-`, `.` and spaces, so `client_secret`, `clientSecret` and `Client-Secret` all match.
const SECRET_SUFFIXES: [&str; 10] = [
    "password",
    "passwd",
    "secret",
    "secretkey",
    "apikey",
    "privatekey",
    "accesskey",
    "creditcard",
    "cardnumber",
    "token",
];
const SECRET_NAMES: [&str; 5] = ["pwd", "ssn", "cvv", "cvc", "passphrase"];

/// Whether a member name says its value is a secret.
pub(super) fn is_secret_name(name: &str) -> bool {
    if name.len() > 128 {
        return false;
    }
    let norm: String = name
        .chars()
        .filter(|c| !matches!(c, '_' | '-' | '.' | ' '))
        .map(|c| c.to_ascii_lowercase())
        .collect();
    SECRET_NAMES.contains(&norm.as_str()) || SECRET_SUFFIXES.iter().any(|s| norm.ends_with(s))
}

/// The first email address in `s`, redacted to its first character and its domain.
pub(super) fn email(s: &str) -> Option<String> {
    let m = EMAIL.find(s)?;
    let (local, domain) = m.as_str().split_once('@')?;
    Some(format!("{}…@{domain}", local.chars().next().unwrap_or('?')))
}

/// The first Luhn-valid card number in `s` (digits, optionally grouped by spaces or
/// dashes), redacted to its last four digits.
pub(super) fn card_in_text(s: &str) -> Option<String> {
    CARD.find_iter(s).find_map(|m| {
        if continues_number(s[..m.start()].chars().rev()) || continues_number(s[m.end()..].chars())
        {
            return None;
        }
        let digits: String = m.as_str().chars().filter(char::is_ascii_digit).collect();
        card_digits(&digits)
    })
}

/// Whether the characters leading away from a match continue a number: a digit, or a
/// decimal point then a digit. A full stop ending a sentence does not.
fn continues_number(mut away: impl Iterator<Item = char>) -> bool {
    match away.next() {
        Some('.') => away.next().is_some_and(|c| c.is_ascii_digit()),
        c => c.is_some_and(|c| c.is_ascii_digit()),
    }
}

/// A card number held as a JSON integer.
pub(super) fn card_number(n: &serde_json::Number) -> Option<String> {
    card_digits(&n.as_u64()?.to_string())
}

fn card_digits(d: &str) -> Option<String> {
    let b = d.as_bytes();
    let same = b.iter().all(|&c| Some(&c) == b.first());
    if !(13..=19).contains(&b.len()) || same || !plausible_issuer(d) || !luhn(b) {
        return None;
    }
    Some(format!("…{} ({} digits)", &d[d.len() - 4..], d.len()))
}

/// Whether the leading digits and length belong to a card network, so that long numeric
/// ids and millisecond timestamps that happen to pass Luhn are not reported.
fn plausible_issuer(d: &str) -> bool {
    let n = d.len();
    let prefix = |k: usize| d.get(..k).and_then(|p| p.parse::<u32>().ok()).unwrap_or(0);
    match prefix(1) {
        4 => matches!(n, 13 | 16 | 19),
        2 => (2221..=2720).contains(&prefix(4)) && n == 16,
        3 => match prefix(2) {
            34 | 37 => n == 15,
            35 => (3528..=3589).contains(&prefix(4)) && n >= 16,
            30 => (300..=305).contains(&prefix(3)) && n >= 14,
            36 | 38 | 39 => n >= 14,
            _ => false,
        },
        5 => ((51..=55).contains(&prefix(2)) && n == 16) || matches!(prefix(2), 50 | 56..=59),
        6 => true,
        _ => false,
    }
}

fn luhn(digits: &[u8]) -> bool {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &c)| {
            let d = u32::from(c - b'0');
            if i % 2 == 1 {
                if d * 2 > 9 {
                    d * 2 - 9
                } else {
                    d * 2
                }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// The first cloud or SaaS credential in `s`, redacted to its well-known prefix.
pub(super) fn cloud_key(s: &str) -> Option<String> {
    CLOUD.find_iter(s).find_map(|m| {
        let before = s[..m.start()].chars().next_back();
        let after = s[m.end()..].chars().next();
        // Fixed-length ids glued to more alphanumerics are part of some longer blob.
        if before.is_some_and(|c| c.is_ascii_alphanumeric())
            || after.is_some_and(|c| c.is_ascii_alphanumeric())
        {
            return None;
        }
        let key = m.as_str();
        let prefix_len = ["github_pat_", "sk_live_", "rk_live_"]
            .iter()
            .find(|p| key.starts_with(*p))
            .map_or(4, |p| p.len());
        Some(format!("{}…", &key[..prefix_len]))
    })
}

/// The `-----BEGIN …-----` line of the first PEM block in `s`; the label is not secret and
/// tells a private key from a certificate.
pub(super) fn pem(s: &str) -> Option<String> {
    PEM.find(s).map(|m| m.as_str().to_owned())
}

/// Whether the whole of `s` (after an optional `Bearer `) is a compact JWS or JWE; the
/// excerpt names its algorithm.
pub(super) fn nested_jwt(s: &str) -> Option<String> {
    let s = s.trim();
    let s = s
        .strip_prefix("Bearer ")
        .or_else(|| s.strip_prefix("bearer "))
        .unwrap_or(s);
    if !s.starts_with("eyJ")
        || !s
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || b"-_.".contains(&c))
    {
        return None;
    }
    let parts: Vec<&str> = s.split('.').collect();
    if !matches!(parts.len(), 3 | 5) || parts[0].len() > MAX_HEADER_SEGMENT {
        return None;
    }
    let header = json_object(&b64url(parts[0])?)?;
    let name = |k: &str| {
        header
            .get(k)
            .and_then(|v| v.as_str())
            .map(|v| v.chars().take(32).collect::<String>())
    };
    let alg = name("alg")?;
    Some(match (parts.len(), name("enc")) {
        (5, Some(enc)) => format!("JWE, alg {alg}, enc {enc}"),
        _ => format!("JWS, alg {alg}"),
    })
}

/// A value shown only by its first characters and its length.
pub(super) fn redact(s: &str) -> String {
    let n = s.chars().count();
    let shown: String = s.chars().take((n / 4).min(2)).collect();
    format!("{shown}… ({n} chars)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_names_match_in_any_case_or_separator_style() {
        for name in [
            "password",
            "Password",
            "user_password",
            "passwd",
            "pwd",
            "secret",
            "client_secret",
            "clientSecret",
            "Client-Secret",
            "api_key",
            "apiKey",
            "APIKEY",
            "private_key",
            "privateKey",
            "token",
            "access_token",
            "refreshToken",
            "access_key",
            "AWS_ACCESS_KEY",
            "credit_card",
            "creditCard",
            "ssn",
            "SSN",
        ] {
            assert!(is_secret_name(name), "{name}");
        }
        for name in [
            "sub",
            "token_type",
            "password_changed_at",
            "secretary",
            "keys",
            "iss",
            "email",
            "pwdless",
        ] {
            assert!(!is_secret_name(name), "{name}");
        }
    }

    #[test]
    fn emails_need_a_dotted_domain() {
        assert_eq!(
            email("alice@example.com").as_deref(),
            Some("a…@example.com")
        );
        assert_eq!(
            email("write to bob.smith+tag@mail.example.co.uk today").as_deref(),
            Some("b…@mail.example.co.uk")
        );
        for s in [
            "a@b",
            "user@localhost",
            "x@y.z",
            "@example.com",
            "no at sign here",
            "a@-b.com",
        ] {
            assert_eq!(email(s), None, "{s}");
        }
    }

    #[test]
    fn card_numbers_must_pass_luhn_and_look_like_a_network() {
        for (s, last) in [
            ("4111111111111111", "…1111 (16 digits)"),
            ("card: 4111 1111 1111 1111.", "…1111 (16 digits)"),
            ("4111-1111-1111-1111", "…1111 (16 digits)"),
            ("378282246310005", "…0005 (15 digits)"),
            ("5555555555554444", "…4444 (16 digits)"),
            ("6011111111111117", "…1117 (16 digits)"),
        ] {
            assert_eq!(card_in_text(s).as_deref(), Some(last), "{s}");
        }
        for s in [
            "4111111111111112",     // Luhn-invalid
            "0000000000000000",     // all the same digit
            "4444444444444444",     // all the same digit
            "1700000000000",        // a millisecond timestamp
            "12345678901234567890", // too long: an id, not a card
            "3.14159265358979323",  // digits after a decimal point
            "41111111111111110",    // a 17-digit Visa-prefixed number
            "1.5e10",
        ] {
            assert_eq!(card_in_text(s), None, "{s}");
        }
    }

    #[test]
    fn card_numbers_held_as_json_numbers() {
        let n = |v: serde_json::Value| v.as_number().cloned();
        assert!(n(serde_json::json!(4111111111111111u64))
            .and_then(|n| card_number(&n))
            .is_some());
        assert!(n(serde_json::json!(1.5e10))
            .and_then(|n| card_number(&n))
            .is_none());
        assert!(n(serde_json::json!(-4111111111111111i64))
            .and_then(|n| card_number(&n))
            .is_none());
        assert!(n(serde_json::json!(1700000000))
            .and_then(|n| card_number(&n))
            .is_none());
    }

    #[test]
    fn cloud_keys_are_recognised_by_prefix_and_shape() {
        let gh = format!(
            "ghp_{}",
            "a1B2c3D4e5".repeat(4).get(..36).unwrap_or_default()
        );
        let gcp = format!(
            "AIza{}",
            "SyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY"
                .get(..35)
                .unwrap_or_default()
        );
        for (s, shown) in [
            ("AKIAIOSFODNN7EXAMPLE", "AKIA…"),
            ("key=ASIAY34FZKBOKMUTVV7A;", "ASIA…"),
            (gh.as_str(), "ghp_…"),
            (
                "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz",
                "github_pat_…",
            ),
            ("xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOp", "xoxb…"),
            ("sk_live_4eC39HqLyjWDarjtT1zdp7dc", "sk_live_…"),
            (gcp.as_str(), "AIza…"),
        ] {
            assert_eq!(cloud_key(s).as_deref(), Some(shown), "{s}");
        }
        for s in [
            "AKIA123",
            "XAKIAIOSFODNN7EXAMPLE",
            "AKIAIOSFODNN7EXAMPLEX",
            "sk_test_4eC39HqLyjWDarjtT1zdp7dc",
            "ghp_short",
        ] {
            assert_eq!(cloud_key(s), None, "{s}");
        }
    }

    #[test]
    fn pem_blocks_show_their_label() {
        let s = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----";
        assert_eq!(pem(s).as_deref(), Some("-----BEGIN RSA PRIVATE KEY-----"));
        assert_eq!(pem("-----BEGIN-----"), None);
        assert_eq!(pem("BEGIN PRIVATE KEY"), None);
    }

    #[test]
    fn nested_jwts_need_a_header_with_alg() {
        let jws = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxIn0.c2ln";
        assert_eq!(nested_jwt(jws).as_deref(), Some("JWS, alg HS256"));
        assert_eq!(
            nested_jwt(&format!("Bearer {jws}")).as_deref(),
            Some("JWS, alg HS256")
        );
        let jwe = "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..aXY.Y3Q.dGFn";
        assert_eq!(
            nested_jwt(jwe).as_deref(),
            Some("JWE, alg dir, enc A256GCM")
        );
        for s in [
            "eyJhbGciOiJIUzI1NiJ9",
            "a.b.c",
            "eyJ0eXAiOiJKV1QifQ.e30.c2ln", // header without alg
            "text eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxIn0.c2ln",
        ] {
            assert_eq!(nested_jwt(s), None, "{s}");
        }
    }

    #[test]
    fn redaction_shows_at_most_two_characters() {
        assert_eq!(redact("hunter2"), "h… (7 chars)");
        assert_eq!(redact("correct horse battery"), "co… (21 chars)");
        assert_eq!(redact("abc"), "… (3 chars)");
        assert_eq!(redact("ééééééééé"), "éé… (9 chars)");
    }
}
