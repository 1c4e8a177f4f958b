//! Pulls every JWT (compact JWS, and five-segment JWE) out of logs, HAR files and raw HTTP
//! dumps for `jot audit --extract`, and groups them by issuer and key id for the report.
//!
//! Tokens are found wherever they sit (an `Authorization: Bearer` header, a cookie, a URL
//! query, a JSON string inside a HAR file): a candidate is any run starting `eyJ` of
//! base64url segments joined by dots, kept only when its header decodes to a JSON object.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;
use serde_json::Value;

use serde_json::Map;

use crate::b64::decode_lenient as b64url;

/// Longest segment worth decoding to look for a header: real JOSE headers are a few hundred
/// bytes, and decoding a multi-megabyte "header" from hostile input is wasted work.
pub(crate) const MAX_HEADER_SEGMENT: usize = 16 * 1024;

/// Largest payload segment decoded to read `iss`: bigger tokens are grouped without one.
const MAX_PAYLOAD_SEGMENT: usize = 256 * 1024;

/// Three base64url segments (header first, the later two may be empty: detached payload,
/// `alg: none`), optionally two more for a JWE. Segments end at anything outside the
/// base64url alphabet: a quote, `&`, `;`, whitespace.
static CANDIDATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)?",
    )
    .expect("the candidate pattern is valid")
});

/// A token found in the input.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Extracted {
    /// The compact token, exactly as it appeared.
    pub token: String,
    /// The 1-based line of the input where it was first found.
    pub line: usize,
    /// In a HAR file: the entry, URL and place it was first found in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<super::har::Place>,
}

/// Tokens that share an issuer and a key id, for the report.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Group {
    /// `iss` from the payload, when the payload is readable JSON with a string `iss`.
    pub iss: Option<String>,
    /// `kid` from the header, when it is a string.
    pub kid: Option<String>,
    /// The tokens, in the order they were found.
    pub tokens: Vec<Extracted>,
}

/// Every distinct JWT in `text`, in order of first appearance.
pub(crate) fn extract(text: &str) -> Vec<Extracted> {
    let mut found = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    // Lines are counted incrementally from the previous match, so the whole pass stays
    // linear in the input however many tokens it holds.
    let (mut counted_to, mut line) = (0, 1);
    for m in CANDIDATE.find_iter(text) {
        let Some(token) = validate(m.as_str()) else {
            continue;
        };
        line += text.as_bytes()[counted_to..m.start()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        counted_to = m.start();
        if seen.insert(token) {
            found.push(Extracted {
                token: token.to_owned(),
                line,
                place: None,
            });
        }
    }
    found
}

/// Groups tokens by (`iss`, `kid`), groups in order of first appearance.
pub(crate) fn group(tokens: &[Extracted]) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    let mut index: HashMap<(Option<String>, Option<String>), usize> = HashMap::new();
    for t in tokens {
        let key = (issuer(&t.token), key_id(&t.token));
        let at = *index.entry(key.clone()).or_insert_with(|| {
            groups.push(Group {
                iss: key.0,
                kid: key.1,
                tokens: Vec::new(),
            });
            groups.len() - 1
        });
        groups[at].tokens.push(t.clone());
    }
    groups
}

/// The JSON object a header segment decodes to, if it decodes to one. Lenient (padding
/// allowed) and bounded: this only finds candidates in captured text; every candidate is
/// then parsed by `token::parse`.
pub(crate) fn jose_header(segment: &str) -> Option<Map<String, Value>> {
    if segment.len() > MAX_HEADER_SEGMENT {
        return None;
    }
    json_object(&b64url(segment)?)
}

/// The JSON object `bytes` hold, if they hold one.
pub(crate) fn json_object(bytes: &[u8]) -> Option<Map<String, Value>> {
    match serde_json::from_slice::<Value>(bytes).ok()? {
        Value::Object(map) => Some(map),
        _ => None,
    }
}

/// The part of a candidate that is a token: the whole of it when its header decodes, or
/// its first three segments when a JWS was followed by more dotted text (a sentence's
/// full stop, a file name) that the pattern took for JWE segments.
fn validate(candidate: &str) -> Option<&str> {
    let header_end = candidate.find('.')?;
    let header = jose_header(&candidate[..header_end])?;
    if candidate.split('.').count() == 5 && !header.contains_key("enc") {
        let third_dot = candidate.match_indices('.').nth(2).map(|(i, _)| i)?;
        return Some(&candidate[..third_dot]);
    }
    Some(candidate)
}

fn issuer(token: &str) -> Option<String> {
    // Only a JWS has readable claims: a JWE's second segment is an encrypted key.
    let segments: Vec<&str> = token.split('.').collect();
    let [_, payload, _] = segments.as_slice() else {
        return None;
    };
    if payload.len() > MAX_PAYLOAD_SEGMENT {
        return None;
    }
    match json_object(&b64url(payload)?)?.get("iss")? {
        Value::String(s) => Some(s.clone()),
        _ => None,
    }
}

fn key_id(token: &str) -> Option<String> {
    match jose_header(token.split('.').next()?)?.get("kid")? {
        Value::String(s) => Some(s.clone()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64ct::{Base64UrlUnpadded, Encoding};
    use proptest::prelude::*;

    fn tok(header: &str, payload: &str) -> String {
        format!(
            "{}.{}.c2lnbmF0dXJlLWJ5dGVz",
            Base64UrlUnpadded::encode_string(header.as_bytes()),
            Base64UrlUnpadded::encode_string(payload.as_bytes())
        )
    }

    fn tokens(found: &[Extracted]) -> Vec<(&str, usize)> {
        found.iter().map(|e| (e.token.as_str(), e.line)).collect()
    }

    #[test]
    fn finds_tokens_in_a_har_file() {
        let (a, b, c) = (
            tok(r#"{"alg":"HS256"}"#, r#"{"sub":"a"}"#),
            tok(r#"{"alg":"RS256","kid":"k1"}"#, r#"{"sub":"b"}"#),
            tok(r#"{"alg":"ES256"}"#, r#"{"sub":"c"}"#),
        );
        let har = format!(
            r#"{{"log":{{"entries":[{{"request":{{
  "url":"https://api.example.com/items?access_token={c}&page=2",
  "headers":[{{"name":"Authorization","value":"Bearer {a}"}}],
  "cookies":[{{"name":"session","value":"{b}"}}]
}}}}]}}}}"#
        );
        assert_eq!(
            tokens(&extract(&har)),
            vec![(c.as_str(), 2), (a.as_str(), 3), (b.as_str(), 4)]
        );
    }

    #[test]
    fn finds_a_token_in_an_nginx_log_line() {
        let t = tok(r#"{"alg":"HS256","typ":"JWT"}"#, r#"{"sub":"1234567890"}"#);
        let log = format!(
            "127.0.0.1 - - [10/Oct/2023:13:55:36 +0000] \"GET /api/me?token={t}&page=2 HTTP/1.1\" 200 612 \"-\" \"curl/8.0\"\n"
        );
        assert_eq!(tokens(&extract(&log)), vec![(t.as_str(), 1)]);
    }

    #[test]
    fn finds_a_token_in_a_raw_request_cookie() {
        let t = tok(r#"{"alg":"HS512"}"#, r#"{"role":"admin"}"#);
        let dump = format!(
            "GET / HTTP/1.1\r\nHost: example.com\r\nCookie: theme=dark; jwt={t}; lang=en\r\n\r\n"
        );
        assert_eq!(tokens(&extract(&dump)), vec![(t.as_str(), 3)]);
    }

    #[test]
    fn duplicates_keep_their_first_line() {
        let t = tok(r#"{"alg":"HS256"}"#, "{}");
        let u = tok(r#"{"alg":"HS384"}"#, "{}");
        let text = format!("{t}\nBearer {t}\n\n{u}\n\"{t}\"\n");
        assert_eq!(
            tokens(&extract(&text)),
            vec![(t.as_str(), 1), (u.as_str(), 4)]
        );
    }

    #[test]
    fn near_misses_are_not_tokens() {
        let not_json = format!("{}.e30.c2ln", Base64UrlUnpadded::encode_string(b"not json"));
        let array = format!("{}.e30.c2ln", Base64UrlUnpadded::encode_string(b"[1,2]"));
        for text in [
            not_json.as_str(),
            array.as_str(),
            "eyJhbGciOiJIUzI1NiJ9.e30",
            "eyJ eyJhbGci.x.y",
            "see eyJ... in the docs",
            "",
        ] {
            assert!(extract(text).is_empty(), "{text:?}");
        }
    }

    #[test]
    fn token_ends_at_sentence_punctuation() {
        let t = tok(r#"{"alg":"none"}"#, r#"{"sub":"x"}"#);
        let unsigned = t
            .rsplit_once('.')
            .map(|(head, _)| format!("{head}."))
            .unwrap_or_default();
        let text = format!("The token was {t}. Then file {t}.log.gz was read; also {unsigned}");
        assert_eq!(
            tokens(&extract(&text)),
            vec![(t.as_str(), 1), (unsigned.as_str(), 1)]
        );
    }

    #[test]
    fn five_segment_jwe_is_kept_whole() {
        let header =
            Base64UrlUnpadded::encode_string(br#"{"alg":"dir","enc":"A256GCM","kid":"e1"}"#);
        let jwe = format!("{header}..48V1_ALb6US04U3b.5eym8TW_c8SuK0ltJ3rp.XFBoMYUZodetZdvTiFvSkQ");
        let found = extract(&format!("x-token: {jwe}\n"));
        assert_eq!(tokens(&found), vec![(jwe.as_str(), 1)]);
        assert_eq!(
            group(&found),
            vec![Group {
                iss: None,
                kid: Some("e1".into()),
                tokens: found.clone()
            }]
        );
    }

    #[test]
    fn groups_by_issuer_and_key_id_in_order() {
        let a1 = tok(
            r#"{"alg":"RS256","kid":"k1"}"#,
            r#"{"iss":"https://a","n":1}"#,
        );
        let b = tok(r#"{"alg":"RS256","kid":"k2"}"#, r#"{"iss":"https://a"}"#);
        let a2 = tok(
            r#"{"alg":"RS256","kid":"k1"}"#,
            r#"{"iss":"https://a","n":2}"#,
        );
        let anon = tok(r#"{"alg":"HS256"}"#, r#"{"iss":42}"#);
        let found = extract(&format!("{a1}\n{b}\n{a2}\n{anon}\n"));
        let groups = group(&found);
        let summary: Vec<_> = groups
            .iter()
            .map(|g| (g.iss.as_deref(), g.kid.as_deref(), g.tokens.len()))
            .collect();
        assert_eq!(
            summary,
            vec![
                (Some("https://a"), Some("k1"), 2),
                (Some("https://a"), Some("k2"), 1),
                (None, None, 1)
            ]
        );
        assert_eq!(groups[0].tokens[1].line, 3);
    }

    #[test]
    fn five_megabytes_of_header_starts_yield_nothing() {
        // Guards against super-linear scanning: this must finish, not just be correct.
        let text = "eyJ".repeat(5 * 1024 * 1024 / 3);
        assert!(extract(&text).is_empty());
        let dotted = "eyJ.".repeat(1024 * 1024);
        assert!(extract(&dotted).is_empty());
    }

    proptest! {
        #[test]
        fn extract_never_panics(text in any::<String>()) {
            let found = extract(&text);
            let _ = group(&found);
        }

        #[test]
        fn extract_never_panics_on_token_like_text(text in "(eyJ|[A-Za-z0-9_=.\n\" -]){0,300}") {
            let _ = group(&extract(&text));
        }

        #[test]
        fn an_embedded_token_is_found_on_its_line(
            before in "[ \n\"&;:=,()<>]{0,40}",
            after in "[ \n\"&;:,()<>]{0,40}",
            sub in "[a-z0-9]{1,12}",
        ) {
            let t = tok(r#"{"alg":"HS256"}"#, &format!(r#"{{"sub":"{sub}"}}"#));
            let line = 1 + before.matches('\n').count();
            let found = extract(&format!("{before}{t}{after}"));
            prop_assert_eq!(tokens(&found), vec![(t.as_str(), line)]);
        }
    }
}
